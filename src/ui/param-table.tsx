/** Request or callback parameters as a table; secret parameters masked (src/core/redact.ts). */
import { isSecretParam } from '../core/redact';

/** Headers whose values carry credentials (RFC 6749 2.3.1 Basic, Bearer tokens). */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
const isSecret = (name: string) => isSecretParam(name) || SECRET_HEADERS.has(name.toLowerCase());
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
            <td class="mono">{isSecret(k) ? <Secret value={v} label={k} /> : v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
