/**
 * One token: masked value, and for a JWT its decoded header and payload (as text), registered time
 * claims shown as dates, and the signature result when there is one.
 */
import { decodeToken } from '../core/jwt';
import type { Verification } from '../core/verify';
import { ClaimsTable } from './claims-table';
import { useOpenInDecoder } from './decoder-context';
import { Secret } from './secret';

const VERIFY_TONE: Record<Verification['status'], string> = {
  verified: 'ok',
  'bad-signature': 'err',
  unsigned: 'err',
  'no-matching-key': 'err',
  'alg-not-allowed': 'err',
  'keys-unreachable': 'warn',
  'not-a-jws': 'info',
  error: 'warn',
};

export function VerificationBadge({ v }: { v: Verification }) {
  return (
    <div class={`banner ${VERIFY_TONE[v.status]}`} data-testid="verification" data-status={v.status}>
      <strong>Signature: {v.status.replace(/-/g, ' ')}</strong>
      <div class="detail">{v.message}</div>
    </div>
  );
}

export function TokenView({ name, value, verification }: { name: string; value: string; verification?: Verification }) {
  const d = decodeToken(value);
  const openInDecoder = useOpenInDecoder();
  return (
    <div class="token stack" data-token={name}>
      <div class="row">
        <h3 class="mono">{name}</h3>
        <span class="badge info">{d.kind === 'jwt' ? 'JWT' : d.kind === 'jwe' ? 'JWE (encrypted)' : d.kind === 'opaque' ? 'opaque' : 'not a valid JWT'}</span>
      </div>
      <div class="row wrap">
        <Secret value={value} label={name} />
        {openInDecoder && (
          <button type="button" class="link" aria-label={`Decode ${name}`} onClick={() => openInDecoder(value)}>
            Decode
          </button>
        )}
      </div>
      {verification && <VerificationBadge v={verification} />}
      {d.kind === 'invalid' && <p class="hint">{d.reason}</p>}
      {(d.kind === 'jwt' || d.kind === 'jwe') && (
        <div class="decoded">
          <div class="hint">Header</div>
          <pre data-testid="jwt-header">{JSON.stringify(d.header, null, 2)}</pre>
        </div>
      )}
      {d.kind === 'jwe' && <p class="hint">Payload encrypted: only the intended recipient can read it.</p>}
      {d.kind === 'jwt' && (
        <div class="decoded">
          <div class="hint">Payload</div>
          <pre data-testid="jwt-payload">{JSON.stringify(d.payload, null, 2)}</pre>
          <details>
            <summary>Claims explained</summary>
            <ClaimsTable payload={d.payload} />
          </details>
        </div>
      )}
    </div>
  );
}
