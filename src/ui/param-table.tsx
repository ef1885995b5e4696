/**
 * Request or callback parameters, headers or answer fields as a table. A value whose name the one
 * masking rule calls secret (isSecretName, src/core/secret-name.ts: *token*, *secret*, *password*,
 * *assertion*, *key*, code, session*, cookies, Authorization, ...) is masked until revealed.
 */
import { NamedValue } from './secret';

/**
 * `marks`: parameter name -> why Grantscope added it (src/core/launch/added-params.ts); such a row's
 * name gets an "added by Grantscope" badge, the reason on hover and to screen readers (and listed as
 * text under the request step, step-extras.tsx).
 */
export function ParamTable({ params, testid, marks }: { params: Record<string, string>; testid?: string; marks?: Record<string, string> }) {
  const entries = Object.entries(params);
  if (entries.length === 0) return <p class="hint">No parameters.</p>;
  return (
    <table class="params" data-testid={testid}>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k} data-param={k}>
            {marks && Object.hasOwn(marks, k) ? (
              // The badge is drawn from data-added (theme.css), so the cell's text stays the name that tests and copy read.
              <th scope="row" class="added-param" data-testid="added-mark" data-added="added by Grantscope" title={`added by Grantscope: ${marks[k]}`} aria-description={`added by Grantscope: ${marks[k]}`}>
                {k}
              </th>
            ) : (
              <th scope="row">{k}</th>
            )}
            <td class="mono">
              <NamedValue name={k} value={v} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
