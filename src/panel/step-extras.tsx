/**
 * What a step card says beyond its parameters (issue 11, item 6): which parameters Grantscope added
 * and why, and on every token answer the scope asked for against the scope granted.
 */
import type { AuthorizationRequestStep, ExchangeStep, Flow } from '../core/flow';
import { addedLabel } from '../core/launch/added-params';
import { scopeDiffAt, scopeLine } from '../core/tokens/scope-diff';

type Added = NonNullable<AuthorizationRequestStep['added']>;

const INSIDE: Record<'par' | 'request-object', string> = {
  par: 'inside the pushed request (PAR step above)',
  'request-object': 'inside the request object',
};

/** name -> why, for the rows of the request's own table (what travelled inside PAR or a JWT is not there). */
export function addedMarks(added: Added | undefined, params: Record<string, string>): Record<string, string> | undefined {
  const shown = (added ?? []).filter((a) => !a.inside && Object.hasOwn(params, a.name));
  return shown.length ? Object.fromEntries(shown.map((a) => [a.name, a.why])) : undefined;
}

/**
 * A launched PAR push carries what the request step lists as added "inside the pushed request": the
 * push's own table marks those rows (RFC 9126 2.1).
 */
export function pushedMarks(flow: Flow | undefined, step: ExchangeStep): Record<string, string> | undefined {
  if (flow?.source !== 'launched' || !step.label.startsWith('Pushed authorization request')) return undefined;
  const authz = flow.steps.find((s): s is AuthorizationRequestStep => s.kind === 'authorization-request');
  const inside = (authz?.added ?? []).filter((a) => a.inside === 'par').map(({ name, why }) => ({ name, why }));
  return addedMarks(inside, step.request.params);
}

/** "Added by Grantscope" as text: every added parameter with its reason, and where it travelled. */
export function AddedList({ added, testid = 'added-params' }: { added: Added | undefined; testid?: string }) {
  if (!added?.length) return null;
  return (
    <div class="added-list hint" data-testid={testid}>
      <strong>Added by Grantscope</strong> (not typed in the profile):
      <ul>
        {added.map((a) => (
          <li key={a.name} data-added={a.name}>
            <span class="mono">{addedLabel(a)}</span> — {a.why}
            {a.inside ? `; ${INSIDE[a.inside]}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** "asked: openid offline_access · granted: openid (offline_access not granted)" on a token answer. */
export function ScopeLine({ flow, index }: { flow: Flow | undefined; index: number | undefined }) {
  if (!flow || index === undefined) return null;
  const d = scopeDiffAt(flow, index);
  if (!d) return null;
  const short = d.notGranted.length > 0;
  return (
    <div class={`scope-line hint${short ? ' short' : ''}`} data-testid="scope-line" data-not-granted={d.notGranted.join(' ')} title="Scope asked for against scope granted (RFC 6749 3.3: an answer without scope granted what was asked)">
      <strong>Scope</strong> <span class="mono">{scopeLine(d)}</span>
    </div>
  );
}
