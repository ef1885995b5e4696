/**
 * Buttons for what a person can do with a flow's tokens. Each action's exchanges and verdict land on
 * the flow's timeline, and its result (the verdict lines with their clause, or the answer) shows right
 * under the button that ran it (action-result.tsx), scrolled into view. A recorded flow's tokens belong to
 * the app that got them: only the read-only calls are offered there, nothing that spends, rotates or
 * revokes them (a refresh would leave the app holding a rotated-away token, RFC 9700 4.14.2).
 *
 * Each button says where it will send the token before it is pressed, from the same rule the
 * background enforces (src/core/capture/trust.ts, actionTarget): a recorded flow's token goes only to
 * its confirmed issuer's endpoints or to one the app itself called; a refused target disables the
 * button and says why.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { clip } from '../core/clip';
import { type ActionTarget, TARGET_WHY, actionTarget, unconfirmedReason } from '../core/capture/trust';
import { type Flow, latestToken } from '../core/flow';
import type { FlowAction } from '../shared/messages';
import { useConnector } from '../ui/connector';
import { ActionResult } from './action-result';

/** The action whose result is shown: its button, and the number of steps before it ran. */
type Ran = { label: string; from: number };
const SPENDING = ['Refresh', 'Reuse test', 'Down-scope test'];

export function TokenActions({ flow }: { flow: Flow }) {
  const connector = useConnector();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ran, setRan] = useState<Ran | null>(null);
  useEffect(() => setRan(null), [flow.id]);
  const access = latestToken(flow, 'access_token');
  const refresh = latestToken(flow, 'refresh_token');
  const unconfirmed = flow.source === 'captured' && !flow.capture?.issuerConfirmed;
  // A recorded flow whose issuer is not confirmed yet: ask the worker to try now (its fetches are
  // cached and bounded); the flow updates through onFlowsChanged when it succeeds.
  useEffect(() => {
    if (unconfirmed) connector.send('flow/confirm-issuer', { id: flow.id }).catch(() => undefined);
  }, [flow.id, unconfirmed, connector]);
  if (!access && !refresh) return null;

  const run = (label: string, action: FlowAction, extra: { token?: 'access_token' | 'refresh_token'; scope?: string } = {}) => {
    setBusy(label);
    setError(null);
    setRan({ label, from: flow.steps.length });
    connector
      .send('flow/action', { id: flow.id, action, ...extra })
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(null));
  };
  const button = (label: string, action: FlowAction, enabled: boolean, extra?: { token?: 'access_token' | 'refresh_token'; scope?: string }) => {
    const target = actionTarget(flow, action);
    const refused = 'refused' in target;
    return (
      <span class="row wrap" key={label}>
        <button type="button" disabled={!enabled || refused || busy !== null} title={refused ? target.refused : `Sends to ${target.url}`} onClick={() => run(label, action, extra)}>
          {busy === label ? `${label}…` : label}
        </button>
        {enabled && <TargetNote label={label} target={target} />}
      </span>
    );
  };
  /** The result under the button (or row of buttons) `labels` that ran it. */
  const result = (labels: string[]) => ran && labels.includes(ran.label) && <ActionResult flow={flow} label={ran.label} from={ran.from} busy={busy === ran.label} />;
  const captured = flow.source === 'captured';

  return (
    <section class="card stack" data-testid="token-actions" aria-label="Token actions">
      <div class="row wrap">
        <h3>Token actions</h3>
        <span class="hint">results show under the button, and in the timeline below</span>
      </div>
      {flow.revoked && (
        <p class="banner warn" data-testid="tokens-revoked">
          Tokens revoked: {flow.revoked.why}.
        </p>
      )}
      {captured && <IssuerTrust flow={flow} />}
      <div class="stack" data-testid="action-targets">
        {button('Userinfo', 'userinfo', !!access)}
        {result(['Userinfo'])}
        {button('Introspect access token', 'introspect', !!access, { token: 'access_token' })}
        {result(['Introspect access token'])}
        {button('Introspect refresh token', 'introspect', !!refresh, { token: 'refresh_token' })}
        {result(['Introspect refresh token'])}
        {!captured && button('Revoke access token', 'revoke', !!access, { token: 'access_token' })}
        {!captured && result(['Revoke access token'])}
        {!captured && button('Revoke refresh token', 'revoke', !!refresh, { token: 'refresh_token' })}
        {!captured && result(['Revoke refresh token'])}
      </div>
      {captured ? (
        <p class="hint" data-testid="captured-actions-note">
          Refresh, revoke, the reuse and down-scope tests and automatic refresh are off for recorded flows: they would spend or rotate the app’s own tokens.
        </p>
      ) : (
        <SpendingActions flow={flow} refresh={!!refresh} button={button} setError={setError} result={result(SPENDING)} />
      )}
      {error && (
        <div class="banner err" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}

/** Whether Grantscope confirmed the recorded flow's issuer itself: what the targets above rest on. */
function IssuerTrust({ flow }: { flow: Flow }) {
  const c = flow.capture?.issuerConfirmed;
  return (
    <p class="hint" data-testid="issuer-trust" data-confirmed={c ? 'true' : 'false'}>
      {c ? (
        <>
          Issuer <span class="mono">{clip(c.issuer)}</span> confirmed: Grantscope fetched its discovery document itself.
        </>
      ) : (
        <>Issuer not confirmed ({unconfirmedReason(flow)}): tokens go only to endpoints the app itself called in this flow.</>
      )}
    </p>
  );
}

/** "→ https://idp.example/me (from the issuer's discovery)", or why the button sends nothing. */
function TargetNote({ label, target }: { label: string; target: ActionTarget }) {
  if ('refused' in target) {
    return (
      <span class="hint" data-testid="action-target" data-action={label} data-refused="true">
        {target.refused}
      </span>
    );
  }
  return (
    <span class="hint" data-testid="action-target" data-action={label} data-why={target.why}>
      → <span class="mono">{clip(target.url)}</span> ({TARGET_WHY[target.why]})
    </span>
  );
}

type Button = (label: string, action: FlowAction, enabled: boolean, extra?: { token?: 'access_token' | 'refresh_token'; scope?: string }) => JSX.Element;

/** Actions that use up or rotate the flow's tokens: for flows Grantscope launched only. */
function SpendingActions({ flow, refresh, button, setError, result }: { flow: Flow; refresh: boolean; button: Button; setError: (e: string | null) => void; result: JSX.Element | false | null }) {
  const [scope, setScope] = useState('openid');
  return (
    <>
      <div class="stack">
        {button('Refresh', 'refresh', refresh)}
        {button('Reuse test', 'reuse-test', refresh)}
        {/* The scope sits with the button that sends it: narrower to see it granted, wider to see it refused. */}
        <div class="row wrap downscope-row">
          <label class="hint" for="downscope-scope">
            scope to ask
          </label>
          <input id="downscope-scope" class="mono scope-input" name="downscope" aria-label="Scope for the down-scope test (narrower; or wider, to see it refused)" title="Narrower to see it granted; wider to see it refused with invalid_scope (RFC 6749 6)" value={scope} onInput={(e) => setScope((e.target as HTMLInputElement).value)} />
          {button('Down-scope test', 'downscope-test', refresh && scope.trim().length > 0, { scope: scope.trim() })}
        </div>
      </div>
      {result}
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
