/** Checks with their outcome and clause: pass, fail (expected vs actual) or not applicable. */
import type { Finding } from '../core/finding';

const tone = (f: Finding) => (f.status === 'pass' ? 'ok' : f.status === 'n/a' ? 'info' : f.severity === 'error' ? 'err' : 'warn');
const word = (f: Finding) => (f.status === 'pass' ? 'pass' : f.status === 'n/a' ? 'n/a' : f.severity === 'error' ? 'fail' : 'warning');

export function Findings({ findings, title }: { findings: Finding[]; title: string }) {
  if (findings.length === 0) return null;
  return (
    <div class="findings" data-title={title}>
      <h3>{title}</h3>
      <table class="params">
        <tbody>
          {findings.map((f, i) => (
            <tr key={`${f.id}-${i}`} data-finding={f.id} data-status={f.status}>
              <td>
                <span class={`badge ${tone(f)}`}>{word(f)}</span>
              </td>
              <td>
                {f.message}
                {f.status === 'fail' && (f.expected !== undefined || f.actual !== undefined) && (
                  <div class="hint mono">
                    expected {f.expected ?? '(none)'} · actual {f.actual ?? '(none)'}
                  </div>
                )}
              </td>
              <td class="hint">{f.clause}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
