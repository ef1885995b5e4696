/**
 * The private key for private_key_jwt (RFC 7523): generated here, or pasted as a JWK or PKCS#8 PEM.
 * The public half is shown so it can be registered with the provider. The private key is a secret:
 * it is never shown again once taken in.
 */
import type { JWK } from 'jose';
import { useState } from 'preact/hooks';
import { generateClientKey, parsePrivateKey } from '../../core/client-auth';
import { publicJwk } from '../../core/jws-sign';
import { TextArea } from '../../ui/fields';

export function PrivateKeyField({ jwk, onKey }: { jwk: JsonWebKey | undefined; onKey: (jwk: JsonWebKey | undefined) => void }) {
  const [pasted, setPasted] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const pub = jwk ? publicJwk(jwk as JWK) : undefined;

  const take = async () => {
    const r = await parsePrivateKey(pasted);
    if (!r.ok) return setProblem(r.error.message);
    setProblem(null);
    setPasted('');
    onKey(r.value.privateJwk as JsonWebKey);
  };
  const generate = async (alg: 'ES256' | 'RS256' | 'EdDSA') => onKey((await generateClientKey(alg)).privateJwk as JsonWebKey);

  return (
    <div class="stack key-field">
      <div class="row wrap">
        <strong>Private key</strong>
        <span class="hint">{jwk ? `set (${String(jwk.kty)}${(jwk as JWK).kid ? `, kid ${String((jwk as JWK).kid)}` : ''})` : 'none yet'}</span>
        <span class="spacer" />
        <button type="button" onClick={() => void generate('ES256')}>
          Generate ES256 key
        </button>
        <button type="button" onClick={() => void generate('RS256')}>
          Generate RS256 key
        </button>
        {jwk && (
          <button type="button" onClick={() => onKey(undefined)}>
            Remove key
          </button>
        )}
      </div>
      <TextArea name="privateKeyPaste" label="Paste a private key" hint="JWK (JSON) or PKCS#8 PEM" value={pasted} onInput={setPasted} rows={3} />
      <div class="row">
        <button type="button" disabled={!pasted.trim()} onClick={() => void take()}>
          Use pasted key
        </button>
        {problem && (
          <span class="banner err" role="alert">
            {problem}
          </span>
        )}
      </div>
      {pub && (
        <div>
          <div class="hint">Public key to register with the provider (its jwks):</div>
          <pre data-testid="public-jwk">{JSON.stringify({ keys: [pub] }, null, 2)}</pre>
        </div>
      )}
    </div>
  );
}
