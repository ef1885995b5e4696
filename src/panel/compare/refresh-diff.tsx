/**
 * In a flow's detail, each refresh against the token set before it (issue 12, item 3; refreshDiff):
 * were the tokens rotated, did the scope or the lifetime change, were the ID token's iss and sub kept
 * (OIDC Core 12.2). Tokens are described, never shown; a link opens the two ID or access tokens in
 * the token diff (#/tokens/<id>/<id>?ta=…&tb=…).
 */
import { useMemo } from 'preact/hooks';
import { refreshDiff } from '../../core/compare/token-diff';
import { type Flow, tokenSets } from '../../core/flow';
import { clockTime } from '../../ui/format';
import { tokenDiffState } from '../view-state';
import { DiffTable } from './diff-table';
import { ViewLink } from './nav';
import './compare.css';

export function RefreshDiffSection({ flow }: { flow: Flow }) {
  const diffs = useMemo(() => refreshDiff(flow), [flow]);
  if (diffs.length === 0) return null;
  const sets = tokenSets(flow);
  const has = (i: number, name: string) => typeof sets[i]?.tokens[name] === 'string';
  return (
    <section class="card stack refresh-diff" data-testid="refresh-diff">
      <h3>{diffs.length === 1 ? 'The refresh, against the tokens before it' : `${diffs.length} refreshes, each against the tokens before it`}</h3>
      {diffs.map((d, n) => (
        <div key={d.after} class="stack" data-refresh={n + 1}>
          {diffs.length > 1 && <strong>Refresh {n + 1}</strong>}
          <DiffTable rows={d.rows} heads={['Before', `After the refresh at ${clockTime(d.at)}`]} marks={{ differs: 'changed' }} />
          <p class="hint">
            Header and claims side by side:{' '}
            {(['id_token', 'access_token'] as const)
              .filter((t) => has(d.before, t) && has(d.after, t))
              .map((t, i) => (
                <span key={t}>
                  {i > 0 && ' · '}
                  <ViewLink to={tokenDiffState(flow.id, flow.id, { name: t, set: d.before }, { name: t, set: d.after })} data-refresh-token-diff={t}>
                    {t === 'id_token' ? 'ID tokens' : 'access tokens'}
                  </ViewLink>
                </span>
              ))}
          </p>
        </div>
      ))}
    </section>
  );
}
