/**
 * A JWT payload claim by claim: the value (times as local dates, counting live, the raw number on hover), what the claim means, and
 * the clause that defines it. Values are shown as text, never as markup. The payload is a stranger's:
 * a value too deep or too large says so with Copy (explainClaim, safe-json.ts), and past 500 claims or
 * 64 KB of shown text the rest is counted, not listed (issue 9, fault-cases.md 32).
 */
import { useMemo } from 'preact/hooks';
import { explainClaim, type ClaimExplanation } from '../core/claims';
import { JSON_MAX_BYTES, jsonOrNote, jsonText } from '../core/safe-json';
import { TooBig } from './too-big';
import { useNow } from './use-now';
import { isTimeClaim, When } from './when';

const ROWS_MAX = 500;
const NAME_MAX = 200;

interface Row {
  name: string;
  value: unknown;
  /** The explanation at first render; only number values (the time claims) are read again as time passes. */
  e: ClaimExplanation;
  text: string;
}

function rowsOf(payload: Record<string, unknown>): { rows: Row[]; hidden: number } {
  const entries = Object.entries(payload);
  const rows: Row[] = [];
  let shown = 0;
  for (const [name, value] of entries) {
    if (rows.length === ROWS_MAX || shown > JSON_MAX_BYTES) break;
    const e = explainClaim(name, value);
    const text = e.display ?? jsonOrNote(value);
    rows.push({ name, value, e, text });
    shown += name.length + text.length;
  }
  return { rows, hidden: entries.length - rows.length };
}

const cut = (s: string) => (s.length > NAME_MAX ? `${s.slice(0, NAME_MAX - 1)}…` : s);

export function ClaimsTable({ payload }: { payload: Record<string, unknown> }) {
  const now = useNow(1000);
  const { rows, hidden } = useMemo(() => rowsOf(payload), [payload]);
  return (
    <table class="params claims" data-testid="claims">
      <tbody>
        {rows.map(({ name, value, e: first, text }) => {
          const e = typeof value === 'number' ? explainClaim(name, value, now) : first;
          return (
            <tr key={name} data-claim={name}>
              <th scope="row">{cut(name)}</th>
              <td class="mono">
                {e.tooBig ? (
                  <TooBig message={text} copy={() => (typeof value === 'string' ? value : jsonText(value))} label={`claim ${cut(name)}`} />
                ) : isTimeClaim(name) && typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 8.64e12 ? (
                  <When seconds={value} claim={name} />
                ) : (
                  (e.display ?? text)
                )}
              </td>
              <td>
                {e.label === name ? cut(name) : e.label}
                <div class="hint">{e.description}</div>
              </td>
              <td class="hint nowrap">{e.clause}</td>
            </tr>
          );
        })}
        {hidden > 0 && (
          <tr data-testid="claims-hidden">
            <td colSpan={4} class="hint">
              {hidden === 1 ? 'One more claim' : `${hidden} more claims`} not listed: the payload is too large to show claim by claim.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
