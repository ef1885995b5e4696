/**
 * Request or callback parameters, headers or answer fields as a table. A value whose name the one
 * masking rule calls secret (isSecretName, src/core/secret-name.ts: *token*, *secret*, *password*,
 * *assertion*, *key*, code, session*, cookies, Authorization, ...) is masked until revealed.
 */
import { NamedValue } from './secret';

/**
 * `marks`: parameter name -> why Grantscope added it (src/core/launch/added-params.ts); such a row gets
 * an "added by Grantscope" badge, the reason on hover and to screen readers.
 */
export function ParamTable({ params, testid, marks }: { params: Record<string, string>; testid?: string; marks?: Record<string, string> }) {
  const entries = Object.entries(params);
  if (entries.length === 0) return <p class="hint">No parameters.</p>;
  return (
    <table class="params" data-testid={testid}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} data-param={k}>
            <th scope="row">
              {k}
              {marks && Object.hasOwn(marks, k) && (
                <span class="badge info added-mark" data-testid="added-mark" title={marks[k]} aria-label={`added by Grantscope: ${marks[k]}`}>
                  added by Grantscope
                </span>
              )}
            </th>
            <td class="mono">
              <NamedValue name={k} value={v} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
