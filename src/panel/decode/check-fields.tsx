/**
 * What the person may give Decode to judge and verify against: the issuer (its keys, and iss), the
 * client_id (aud, azp), the nonce they sent, the access token or code that came with the ID token
 * (at_hash, c_hash), a key, and the clock tolerance. All optional: a rule with nothing to compare
 * reads n/a and says so. These are the person's own values, kept in this page only.
 */
import type { DecodeChecks } from '../../core/tokens/decode-judge';
import { TextArea, TextField } from '../../ui/fields';
import { ToleranceSetting } from '../tolerance-setting';

interface Props {
  checks: DecodeChecks;
  onChecks: (c: DecodeChecks) => void;
  pastedKey: string;
  onKey: (k: string) => void;
  onTolerance: (sec: number) => void;
  verify: () => void;
  error: string | null;
  /** The input carries an ID token to judge (else only Verify applies). */
  judging: boolean;
  carried: { accessToken?: string; code?: string };
}

export function CheckFields(p: Props) {
  const set = (k: keyof DecodeChecks) => (v: string) => p.onChecks({ ...p.checks, [k]: v });
  return (
    <fieldset class="decode-checks">
      <legend>Check against</legend>
      <div class="grid2">
        <TextField name="verifyIssuer" label="Issuer" hint="its JWKS, via discovery, and the iss to expect; empty: keys from the token's iss" value={p.checks.issuer ?? ''} onInput={set('issuer')} />
        <TextArea name="verifyKey" label="…or a key" hint="JWKS, JWK, PEM public key or certificate, or a shared secret" value={p.pastedKey} onInput={p.onKey} rows={2} />
        {p.judging && (
          <>
            <TextField name="checkClientId" label="client_id" hint="aud must contain it; azp, when present, must be it" value={p.checks.clientId ?? ''} onInput={set('clientId')} />
            <TextField name="checkNonce" label="nonce sent" hint="the token's nonce must equal it" value={p.checks.nonce ?? ''} onInput={set('nonce')} />
            <TextField
              name="checkAccessToken"
              label="Access token"
              hint={p.carried.accessToken && !p.checks.accessToken ? 'for at_hash; empty: the access_token pasted above' : 'for at_hash'}
              value={p.checks.accessToken ?? ''}
              onInput={set('accessToken')}
            />
            <TextField name="checkCode" label="Code" hint={p.carried.code && !p.checks.code ? 'for c_hash; empty: the code pasted above' : 'for c_hash'} value={p.checks.code ?? ''} onInput={set('code')} />
          </>
        )}
      </div>
      <div class="row wrap">
        <button type="button" class="primary" onClick={p.verify}>
          Verify
        </button>
        <ToleranceSetting onChange={p.onTolerance} />
      </div>
      {p.error && <div class="banner err">{p.error}</div>}
    </fieldset>
  );
}
