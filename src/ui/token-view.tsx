/**
 * One token: masked value (in full when the person pasted it), and for a JWT its decoded header and
 * payload (as text), its time claims as local dates with relative times (raw number on hover), and the signature result when there is one. The token is a stranger's: its
 * JSON is shown within a depth and size budget (safe-json.ts), and the whole view sits in its own
 * error boundary, so a token that still breaks it takes nothing else down (issue 9).
 */
import { useMemo } from 'preact/hooks';
import { decodeToken } from '../core/jwt';
import { safeStringify } from '../core/safe-json';
import { oversizedParts, segmentText } from '../core/token-parts';
import type { Verification } from '../core/verify';
import { ClaimsTable } from './claims-table';
import { useOpenInDecoder } from './decoder-context';
import { ErrorBoundary } from './error-boundary';
import { Secret } from './secret';
import { TooBig } from './too-big';
import { When } from './when';

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

/**
 * `caveat`: why a verified signature must still not read green (Decode: the token can never be valid,
 * or an ID token rule failed). A signature proves who issued a token, not that it is acceptable.
 */
export function VerificationBadge({ v, caveat }: { v: Verification; caveat?: string }) {
  const tone = v.status === 'verified' && caveat ? 'warn' : VERIFY_TONE[v.status];
  return (
    <div class={`banner ${tone}`} data-testid="verification" data-status={v.status}>
      <strong>Signature: {v.status.replace(/-/g, ' ')}</strong>
      <div class="detail">{v.message}</div>
      {v.status === 'verified' && caveat && <div class="detail">{caveat}</div>}
    </div>
  );
}

/** A decoded header or payload as indented JSON, or, past depth 32 or 64 KB, why not and Copy (the segment's own text). */
function JsonPart({ value, token, segment, testid, label }: { value: unknown; token: string; segment: number; testid: string; label: string }) {
  const shown = useMemo(() => safeStringify(value, { indent: 2 }), [value]);
  return shown.ok ? <pre data-testid={testid}>{shown.text}</pre> : <TooBig message={shown.message} copy={() => segmentText(token, segment)} label={label} testid={testid} />;
}

/** For a token decodeToken refused as nested too deep: how deep and large each part is, with Copy. */
function RefusedParts({ token, name }: { token: string; name: string }) {
  const parts = useMemo(() => oversizedParts(token), [token]);
  return (
    <>
      {parts.map((p) => (
        <div class="decoded" key={p.part}>
          <div class="hint">{p.part === 'header' ? 'Header' : 'Payload'}</div>
          <TooBig message={p.message} copy={() => segmentText(token, p.segment)} label={`${name} ${p.part}`} testid={`jwt-${p.part}`} />
        </div>
      ))}
    </>
  );
}

/**
 * `owned`: the person pasted this value (the Decode view): it is theirs, shown in full with Copy and
 * no Reveal. Tokens from flows keep their masking everywhere else (issue 11, item 4).
 */
type Props = { name: string; value: string; verification?: Verification; owned?: boolean };

const TIME_CLAIMS = ['iat', 'nbf', 'exp', 'auth_time'] as const;

/** The payload's time claims as local dates, always in view (the JSON above shows them as raw numbers). */
function Times({ payload }: { payload: Record<string, unknown> }) {
  const shown = TIME_CLAIMS.filter((c) => typeof payload[c] === 'number' && Number.isFinite(payload[c]));
  if (shown.length === 0) return null;
  return (
    <dl class="times" data-testid="token-times">
      {shown.map((c) => (
        <div key={c} data-time={c}>
          <dt>{c}</dt>
          <dd>
            <When seconds={payload[c] as number} claim={c} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The pasted value in full, selectable, with Copy (the person's own input: nothing to hide from them). */
function Owned({ value, label }: { value: string; label: string }) {
  return (
    <span class="secret owned" data-secret={label}>
      <span class="mono owned-value" data-testid="owned-value">
        {value}
      </span>
      <button class="link" type="button" aria-label={`Copy ${label}`} onClick={() => void navigator.clipboard.writeText(value)}>
        Copy
      </button>
    </span>
  );
}

/** TokenView in its own error boundary: every place that shows a token gets one (steps, Decode). */
export function TokenView(props: Props) {
  return (
    <ErrorBoundary label={`token ${props.name}`} resetKey={props.value}>
      <TokenViewBody {...props} />
    </ErrorBoundary>
  );
}

function TokenViewBody({ name, value, verification, owned }: Props) {
  const d = useMemo(() => decodeToken(value), [value]);
  const openInDecoder = useOpenInDecoder();
  return (
    <div class="token stack" data-token={name}>
      <div class="row">
        <h3 class="mono">{name}</h3>
        <span class="badge info">{d.kind === 'jwt' ? 'JWT' : d.kind === 'jwe' ? 'JWE (encrypted)' : d.kind === 'opaque' ? 'opaque' : 'not a valid JWT'}</span>
      </div>
      <div class="row wrap">
        {owned ? <Owned value={value} label={name} /> : <Secret value={value} label={name} />}
        {openInDecoder && !owned && (
          <button type="button" class="link" aria-label={`Decode ${name}`} onClick={() => openInDecoder(value)}>
            Decode
          </button>
        )}
      </div>
      {verification && <VerificationBadge v={verification} />}
      {d.kind === 'invalid' && <p class="hint">{d.reason}</p>}
      {d.kind === 'invalid' && <RefusedParts token={value} name={name} />}
      {(d.kind === 'jwt' || d.kind === 'jwe') && (
        <div class="decoded">
          <div class="hint">Header</div>
          <JsonPart value={d.header} token={value} segment={0} testid="jwt-header" label={`${name} header`} />
        </div>
      )}
      {d.kind === 'jwe' && <p class="hint">Payload encrypted: only the intended recipient can read it.</p>}
      {d.kind === 'jwt' && (
        <div class="decoded">
          <div class="hint">Payload</div>
          <JsonPart value={d.payload} token={value} segment={1} testid="jwt-payload" label={`${name} payload`} />
          <Times payload={d.payload} />
          <details>
            <summary>Claims explained</summary>
            <ErrorBoundary label={`${name} claims`} resetKey={value}>
              <ClaimsTable payload={d.payload} />
            </ErrorBoundary>
          </details>
        </div>
      )}
    </div>
  );
}
