/**
 * Buttons for what a person can do with a flow's tokens. Each action's exchanges and verdict land on
 * the flow's timeline; only a failure to start one is shown here. A recorded flow's tokens belong to
 * the app that got them: only the read-only calls are offered there, nothing that spends, rotates or
 * revokes them (a refresh would leave the app holding a rotated-away token, RFC 9700 4.14.2).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Flow, latestToken } from '../core/flow';
import type { FlowAction } from '../shared/messages';
import { useConnector } from '../ui/connector';

export function TokenActions({ flow }: { flow: Flow }) {
  const connector = useConnector();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
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
  const captured = flow.source === 'captured';

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
        {!captured && button('Revoke access token', 'revoke', !!access && has('revocation_endpoint'), { token: 'access_token' })}
        {!captured && button('Revoke refresh token', 'revoke', !!refresh && has('revocation_endpoint'), { token: 'refresh_token' })}
      </div>
      {captured ? (
        <p class="hint" data-testid="captured-actions-note">
          Refresh, revoke, the reuse and down-scope tests and automatic refresh are off for recorded flows: they would spend or rotate the app’s own tokens.
        </p>
      ) : (
        <SpendingActions flow={flow} refresh={!!refresh} button={button} setError={setError} />
      )}
      {error && (
        <div class="banner err" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}

type Button = (label: string, action: FlowAction, enabled: boolean, extra?: { token?: 'access_token' | 'refresh_token'; scope?: string }) => JSX.Element;

/** Actions that use up or rotate the flow's tokens: for flows Grantscope launched only. */
function SpendingActions({ flow, refresh, button, setError }: { flow: Flow; refresh: boolean; button: Button; setError: (e: string | null) => void }) {
  const [scope, setScope] = useState('openid');
  return (
    <>
      <div class="row wrap">
        {button('Refresh', 'refresh', refresh)}
        {button('Reuse test', 'reuse-test', refresh)}
        <input class="mono scope-input" name="downscope" aria-label="Narrower scope for the down-scope test" value={scope} onInput={(e) => setScope((e.target as HTMLInputElement).value)} />
        {button('Down-scope test', 'downscope-test', refresh && scope.trim().length > 0, { scope: scope.trim() })}
      </div>
      <AutoRefreshToggle flow={flow} enabled={refresh} setError={setError} />
    </>
  );
}

/**
 * The automatic refresh switch. It shows the person's choice at once and follows the stored flow
 * when that changes: a controlled checkbox that waits for storage would be reset by any re-render in
 * between (a countdown tick), undoing the click on screen while the message is on its way.
 */
function AutoRefreshToggle({ flow, enabled, setError }: { flow: Flow; enabled: boolean; setError: (e: string | null) => void }) {
  const connector = useConnector();
  const stored = !!flow.autoRefresh;
  const [on, setOn] = useState(stored);
  useEffect(() => setOn(stored), [stored, flow.id]);
  return (
    <label class="row check-label">
      <input
        type="checkbox"
        name="autoRefresh"
        checked={on}
        disabled={!enabled}
        onChange={(e) => {
          const want = (e.target as HTMLInputElement).checked;
          setOn(want);
          setError(null);
          connector.send('flow/auto-refresh', { id: flow.id, on: want }).catch((err: Error) => {
            setOn(stored);
            setError(err.message);
          });
        }}
      />
      Refresh automatically a minute before the access token expires
    </label>
  );
}
