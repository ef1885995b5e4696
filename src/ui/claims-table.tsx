/**
 * A JWT payload claim by claim: the value (times as dates, counting live), what the claim means, and
 * the clause that defines it. Values are shown as text, never as markup.
 */
import { explainClaim } from '../core/claims';
import { useNow } from './use-now';

export function ClaimsTable({ payload }: { payload: Record<string, unknown> }) {
  const now = useNow(1000);
  return (
    <table class="params claims" data-testid="claims">
      <tbody>
        {Object.entries(payload).map(([name, value]) => {
          const e = explainClaim(name, value, now);
          return (
            <tr key={name} data-claim={name}>
              <th scope="row">{name}</th>
              <td class="mono">{e.display ?? (typeof value === 'string' ? value : JSON.stringify(value))}</td>
              <td>
                {e.label}
                <div class="hint">{e.description}</div>
              </td>
              <td class="hint nowrap">{e.clause}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
