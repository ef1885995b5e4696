/**
 * The line at the top of Decode (issue 11, item 3): what was pasted and, per token, its type, signed
 * or unsigned, alg and kid, issuer, audience, where it stands in time (live) and, once verified, the
 * signature's answer. Everything shown is text; the values are the token's own, clipped.
 */
import type { ComponentChildren } from 'preact';
import type { InputSummary, TokenSummary } from '../../core/tokens/decode-summary';
import { timeStanding, verificationPhrase } from '../../core/tokens/decode-summary';
import type { Verification } from '../../core/verify';
import { useNow } from '../../ui/use-now';
import { localDateTime, whenTitle } from '../../ui/format';

type Tone = 'ok' | 'err' | 'warn' | 'info';

function Fact({ label, children, tone }: { label?: string; children: ComponentChildren; tone?: Tone }) {
  return (
    <span class={`fact${tone ? ` ${tone}` : ''}`}>
      {label && <span class="hint">{label} </span>}
      {children}
    </span>
  );
}

interface LineProps {
  t: TokenSummary;
  verification?: Verification;
  toleranceSec: number;
  /** Why a verified signature must not read green here (never valid, a failed ID token rule). */
  caveat?: string;
  thumbprint?: string;
  /** A DPoP proof's key problem (no jwk, or a private one: RFC 9449 4.2, 4.3). */
  keyProblem?: string;
}

function TokenLine({ t, verification, toleranceSec, caveat, thumbprint, keyProblem }: LineProps) {
  const now = useNow(1000);
  const time = t.type === 'jwt' || t.type === 'dpop-proof' ? timeStanding(t, now, toleranceSec) : undefined;
  const v = verification ? verificationPhrase(verification) : undefined;
  const vTone: Tone | undefined = v && (v.tone === 'ok' && caveat ? 'warn' : v.tone);
  const timeTone: Tone = time?.standing === 'expired' || time?.standing === 'not-yet-valid' ? 'err' : 'info';
  return (
    <div class="summary-line" data-token-summary={t.name} data-type={t.type} data-signing={t.signing ?? ''} data-standing={time?.standing ?? ''}>
      <strong class="mono">{t.name}</strong>
      <Fact tone="info">{t.typeLabel}</Fact>
      {t.signing === 'unsigned' && (
        <Fact tone="err">
          <strong>unsigned</strong> (alg {t.alg ?? 'missing'})
        </Fact>
      )}
      {t.signing === 'signed' && <Fact label="signed">{t.alg}</Fact>}
      {t.type === 'jwe' && (
        <Fact label="encrypted">
          {t.alg ?? '?'} / {t.enc ?? '?'}
        </Fact>
      )}
      {t.kid && <Fact label="kid">{t.kid}</Fact>}
      {t.type === 'jwe' && <Fact tone="info">claims encrypted: not read, verified or judged here (RFC 7516)</Fact>}
      {thumbprint && <Fact label="key thumbprint (jkt)">{thumbprint}</Fact>}
      {keyProblem && <Fact tone="err">{keyProblem}</Fact>}
      {t.iss && <Fact label="issuer">{t.iss}</Fact>}
      {t.aud && <Fact label={t.aud.length > 1 ? 'audiences' : 'audience'}>{t.aud.join(', ')}</Fact>}
      {time?.phrases.map((p) => (
        <Fact key={p} tone={p.startsWith('no exp') ? 'warn' : timeTone}>
          {p}
        </Fact>
      ))}
      {t.exp !== undefined && (
        <Fact label="exp">
          <span title={whenTitle(t.exp)}>{localDateTime(t.exp * 1000) ?? String(t.exp)}</span>
        </Fact>
      )}
      {t.reason && <Fact tone="err">{t.reason}</Fact>}
      {v && verification && (
        <span class={`fact ${vTone}`} data-testid="summary-verification" data-status={verification.status}>
          <strong>{v.text}</strong>
          {caveat && v.tone === 'ok' ? ` · ${caveat}` : ''}
        </span>
      )}
    </div>
  );
}

export function SummaryLine(props: { summary: InputSummary; results: Record<string, Verification>; toleranceSec: number; caveat?: { token: string; text: string }; thumbprint?: string; keyProblem?: string }) {
  const { summary: s, results } = props;
  return (
    <section class="decode-summary stack" data-testid="decode-summary" aria-label="What was pasted">
      <div class="hint" data-testid="decode-kind" data-kind={s.kind}>
        This is {s.kindLabel}
        {/* The reason once: on the token's own line when there is one. */}
        {s.problem && !s.tokens.some((t) => t.reason === s.problem) ? `: ${s.problem}` : ''}.
      </div>
      {s.tokens.map((t) => (
        <TokenLine key={t.name} t={t} verification={results[t.name]} toleranceSec={props.toleranceSec} caveat={props.caveat?.token === t.name ? props.caveat.text : undefined} thumbprint={t.type === 'dpop-proof' ? props.thumbprint : undefined} keyProblem={t.type === 'dpop-proof' ? props.keyProblem : undefined} />
      ))}
    </section>
  );
}
