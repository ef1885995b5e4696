/**
 * One token: masked value, and for a JWT its decoded header and payload (as text), registered time
 * claims shown as dates, and the signature result when there is one.
 */
import { decodeToken } from '../core/jwt';
import type { Verification } from '../core/verify';
import { numericDate } from './format';
import { Secret } from './secret';

const TIME_CLAIMS = ['exp', 'iat', 'nbf', 'auth_time'];

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
  return (
    <div class="token stack" data-token={name}>
      <div class="row">
        <h3 class="mono">{name}</h3>
        <span class="badge info">{d.kind === 'jwt' ? 'JWT' : d.kind === 'jwe' ? 'JWE (encrypted)' : d.kind === 'opaque' ? 'opaque' : 'not a valid JWT'}</span>
      </div>
      <Secret value={value} label={name} />
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
          <ul class="hint times">
            {TIME_CLAIMS.filter((c) => typeof d.payload[c] === 'number').map((c) => (
              <li key={c}>
                <span class="mono">{c}</span>: {numericDate(d.payload[c] as number)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
