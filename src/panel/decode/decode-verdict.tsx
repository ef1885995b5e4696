/**
 * Decode's verdict, at the top (issue 11, item 4): the ID token rules that failed first, each with its
 * message, expected vs actual and a link to its clause; those not yet decided next; passed and n/a
 * folded into a count that opens on request. Never green when a rule failed.
 */
import { useState } from 'preact/hooks';
import type { Finding } from '../../core/finding';
import { ruleById } from '../../core/rules/catalog';
import type { DecodeVerdict } from '../../core/tokens/decode-judge';
import { localTimesIn as localized } from '../../ui/format';

function Row({ f }: { f: Finding }) {
  const tone = f.status === 'pass' ? 'ok' : f.status === 'fail' ? (f.severity === 'error' ? 'err' : 'warn') : 'info';
  const word = f.status === 'pass' ? 'pass' : f.status === 'fail' ? (f.severity === 'error' ? 'fail' : 'warn') : f.status === 'not-seen' ? 'not yet' : 'n/a';
  return (
    <li data-finding={f.id} data-status={f.status}>
      <span class={`badge ${tone}`}>{word}</span>
      <span class="verdict-text">
        {/* Decided rules say what they found; n/a ones name the rule, so two alike messages stay apart. */}
        {f.status === 'n/a' ? `${ruleById(f.id)?.title ?? f.id}: ${f.message}` : f.message}
        {f.status === 'fail' && (f.expected !== undefined || f.actual !== undefined) && (
          <span class="hint mono evidence" title={`expected ${f.expected ?? '(none)'} · actual ${f.actual ?? '(none)'}`}>
            expected {localized(f.expected ?? '(none)')} · actual {localized(f.actual ?? '(none)')}
          </span>
        )}
      </span>
      {f.link ? (
        <a class="hint clause" href={f.link} target="_blank" rel="noreferrer">
          {f.clause}
        </a>
      ) : (
        <span class="hint clause">{f.clause}</span>
      )}
    </li>
  );
}

export function DecodeVerdictView({ v }: { v: DecodeVerdict }) {
  const [open, setOpen] = useState(false);
  const errors = v.failed.filter((f) => f.severity === 'error').length;
  const warnings = v.failed.length - errors;
  // Green only once nothing is left undecided: an unverified signature could be anyone's.
  const tone = errors ? 'err' : warnings ? 'warn' : v.passed.length && !v.notSeen.length ? 'ok' : 'info';
  const head = errors
    ? `${errors} ID token ${errors === 1 ? 'check' : 'checks'} failed${warnings ? `, ${warnings} warned` : ''}`
    : warnings
      ? `${warnings} ID token ${warnings === 1 ? 'check' : 'checks'} warned`
      : 'No ID token check failed';
  const folded = v.passed.length + v.na.length;
  return (
    // Not a .banner: the view's own error banner (no access to the issuer, a bad key) stays the only one.
    <section class={`decode-verdict ${tone}`} data-testid="decode-verdict" data-worst={tone} aria-label="ID token checks">
      <strong>{head}</strong>
      {v.neverValid && <span> · this token can never be valid</span>}
      <span class="hint"> · judged as an ID token (OIDC Core 3.1.3.7)</span>
      {(v.failed.length > 0 || v.notSeen.length > 0) && (
        <ul class="verdict-list">
          {[...v.failed, ...v.notSeen].map((f, i) => (
            <Row key={`${f.id}-${i}`} f={f} />
          ))}
        </ul>
      )}
      {folded > 0 && (
        <button type="button" class="link" aria-expanded={open} data-testid="verdict-passed" onClick={() => setOpen(!open)}>
          {v.passed.length} passed{v.na.length ? `, ${v.na.length} not applicable` : ''} {open ? '▴' : '▾'}
        </button>
      )}
      {open && (
        <ul class="verdict-list">
          {[...v.passed, ...v.na].map((f, i) => (
            <Row key={`${f.id}-${i}`} f={f} />
          ))}
        </ul>
      )}
    </section>
  );
}
