/**
 * A flow's DPoP key (RFC 9449): made when the flow starts, kept with the flow's secrets in
 * storage.session as a private JWK so a restarted worker, a refresh or a userinfo call can prove
 * possession with the same key the tokens are bound to.
 */
import type { JWK } from 'jose';
import { type DpopKey, exportDpopKey, generateDpopKey, importDpopKey } from '../core/dpop';

export type StoredDpopKey = { alg: string; privateJwk: JWK };

export async function newDpopKey(): Promise<StoredDpopKey> {
  return exportDpopKey(await generateDpopKey('ES256'));
}

export async function loadDpopKey(stored: StoredDpopKey): Promise<DpopKey> {
  const k = await importDpopKey(stored);
  if (!k.ok) throw new Error(`DPoP key: ${k.error.message}`);
  return k.value;
}

/** RFC 9449 10: dpop_jkt, the key's RFC 7638 thumbprint, binds the authorization code to the key. */
export async function dpopThumbprint(stored: StoredDpopKey): Promise<string> {
  return (await loadDpopKey(stored)).thumbprint;
}
