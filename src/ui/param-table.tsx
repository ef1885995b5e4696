/** Request or callback parameters as a table; secret parameters masked (src/core/redact.ts). */
import { isSecretParam } from '../core/redact';
import { Secret } from './secret';

export function ParamTable({ params, testid }: { params: Record<string, string>; testid?: string }) {
  const entries = Object.entries(params);
  if (entries.length === 0) return <p class="hint">No parameters.</p>;
  return (
    <table class="params" data-testid={testid}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} data-param={k}>
            <th scope="row">{k}</th>
            <td class="mono">{isSecretParam(k) ? <Secret value={v} label={k} /> : v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
