/**
 * Request or callback parameters, headers or answer fields as a table. A value whose name the one
 * masking rule calls secret (isSecretName, src/core/secret-name.ts: *token*, *secret*, *password*,
 * *assertion*, *key*, code, session*, cookies, Authorization, ...) is masked until revealed.
 */
import { NamedValue } from './secret';

export function ParamTable({ params, testid }: { params: Record<string, string>; testid?: string }) {
  const entries = Object.entries(params);
  if (entries.length === 0) return <p class="hint">No parameters.</p>;
  return (
    <table class="params" data-testid={testid}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} data-param={k}>
            <th scope="row">{k}</th>
            <td class="mono">
              <NamedValue name={k} value={v} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
