/**
 * Buttons for what a person can do with a flow's tokens. Each action's exchanges and verdict land on
 * the flow's timeline; only a failure to start one is shown here.
 */
import { useState } from 'preact/hooks';
import { type Flow, latestToken } from '../core/flow';
import type { FlowAction } from '../shared/messages';
import { useConnector } from '../ui/connector';

export function TokenActions({ flow }: { flow: Flow }) {
  const connector = useConnector();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scope, setScope] = useState('openid');
  const access = latestToken(flow, 'access_token');
  const refresh = latestToken(flow, 'refresh_token');
  if (!access && !refresh) return null;

  const run = (label: string, action: FlowAction, extra: { token?: 'access_token' | 'refresh_token'; scope?: string } = {}) => {
    setBusy(label);
    setError(null);
    connector
      .send('flow/action', { id: flow.id, action, ...extra })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(null));
  };
  const button = (label: string, action: FlowAction, enabled: boolean, extra?: { token?: 'access_token' | 'refresh_token'; scope?: string }) => (
    <button type="button" disabled={!enabled || busy !== null} onClick={() => run(label, action, extra)}>
      {busy === label ? `${label}…` : label}
    </button>
  );
  const has = (name: string) => typeof flow.metadata[name] === 'string';

  return (
    <section class="card stack" data-testid="token-actions" aria-label="Token actions">
      <div class="row wrap">
        <h3>Token actions</h3>
        <span class="hint">results are added to the timeline below</span>
      </div>
      <div class="row wrap">
        {button('Userinfo', 'userinfo', !!access && has('userinfo_endpoint'))}
        {button('Introspect access token', 'introspect', !!access && has('introspection_endpoint'), { token: 'access_token' })}
        {button('Introspect refresh token', 'introspect', !!refresh && has('introspection_endpoint'), { token: 'refresh_token' })}
        {button('Revoke access token', 'revoke', !!access && has('revocation_endpoint'), { token: 'access_token' })}
        {button('Revoke refresh token', 'revoke', !!refresh && has('revocation_endpoint'), { token: 'refresh_token' })}
      </div>
      <div class="row wrap">
        {button('Refresh', 'refresh', !!refresh)}
        {button('Reuse test', 'reuse-test', !!refresh)}
        <input class="mono scope-input" name="downscope" aria-label="Narrower scope for the down-scope test" value={scope} onInput={(e) => setScope((e.target as HTMLInputElement).value)} />
        {button('Down-scope test', 'downscope-test', !!refresh && scope.trim().length > 0, { scope: scope.trim() })}
      </div>
      <label class="row check-label">
        <input
          type="checkbox"
          name="autoRefresh"
          checked={!!flow.autoRefresh}
          disabled={!refresh}
          onChange={(e) => {
            setError(null);
            connector.send('flow/auto-refresh', { id: flow.id, on: (e.target as HTMLInputElement).checked }).catch((err: Error) => setError(err.message));
          }}
        />
        Refresh automatically a minute before the access token expires
      </label>
      {error && (
        <div class="banner err" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
