/**
 * An ID token signed with HS256/384/512 (OIDC Core 10.1: the MAC key is "the octets of the UTF-8
 * representation of the client_secret"). The issuer's JWKS cannot verify it, so reading it through the
 * key set would say "not allowed" - a fail that is really "Grantscope did not have the key".
 *
 * The house rule (guide/oauth-rules.md): HS* with the client secret only where the client is
 * confidential (authenticates with a secret) AND discovery advertises the alg; otherwise say why it
 * could not be verified (n/a, never a fail). A recorded flow never has the app's secret. The secret
 * goes only to jose as the key; no message, finding or log names it.
 */
import type { ClientAuthMethod } from '../client-auth';
import { checkSignature, type Verification } from '../verify';
import { isHmac, tokenHeader } from '../verify-precheck';

/** Methods in which the client holds a shared secret (RFC 6749 2.3.1, OIDC Core 9). */
const SECRET_METHODS: readonly ClientAuthMethod[] = ['client_secret_basic', 'client_secret_post', 'client_secret_jwt'];

export const KEY_SOURCE = 'the client secret';

export interface HmacContext {
  /** A recorded (captured) flow: the app's secret is never known to Grantscope. */
  recorded: boolean;
  authMethod: ClientAuthMethod;
  clientSecret?: string;
  /** id_token_signing_alg_values_supported from discovery; undefined when no discovery is behind the metadata. */
  advertised?: readonly string[];
}

/** The token's alg when it is HS*, else undefined (the caller verifies with the issuer's keys then). */
export function hmacAlgOf(token: string): string | undefined {
  const alg = tokenHeader(token)?.alg;
  return alg !== undefined && isHmac(alg) ? alg : undefined;
}

/**
 * Verifies an HS* ID token with the client secret when the rule allows it; otherwise a 'keys-unreachable'
 * answer (the ID token rules read it n/a) that says why.
 */
export async function verifyHmacIdToken(token: string, alg: string, c: HmacContext): Promise<Verification> {
  const base = { alg, keySource: KEY_SOURCE, ...(tokenHeader(token)?.kid !== undefined ? { kid: tokenHeader(token)!.kid } : {}) };
  if (c.recorded) return { ...base, status: 'keys-unreachable', message: "Could not verify (shared-secret signature; the app's secret is not known)." };
  const allowed = SECRET_METHODS.includes(c.authMethod) && c.clientSecret !== undefined && c.clientSecret !== '' && (c.advertised?.includes(alg) ?? false);
  if (!allowed) {
    return { ...base, status: 'keys-unreachable', message: `Signed with a shared secret (${alg}): Grantscope verifies it only for a confidential client whose provider advertises ${alg}.` };
  }
  const key = new TextEncoder().encode(c.clientSecret);
  return (await checkSignature(token, key, { keySource: KEY_SOURCE, algorithms: [alg] })).verification;
}
