/**
 * "Run both" and "Compare with the previous run" on a profile (issue 12, item 2). Run both launches
 * the profile's code + PKCE flow, waits for it to end, then its front-channel flow (implicit, else
 * hybrid: src/core/compare/run-both.ts picks what the provider allows), with the same client settings;
 * a provider that keeps the session asks for one login. Then the comparison of the two opens.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { previousRun } from '../../core/compare/run-both';
import { type FlowSummary, isActive } from '../../core/flow';
import type { ClientProfile } from '../../core/profile';
import type { Connector } from '../../ui/connector';
import { useConnector } from '../../ui/connector';
import { type Status, startFlow } from '../../ui/launch-form';
import { useNavigate } from '../compare/nav';
import { compareState } from '../view-state';

/** A person logs in within this; past it, Run both stops waiting (the first flow stays in the list). */
const WAIT_MS = 10 * 60_000;

/** Resolves once the flow has ended (complete, observed, failed, interrupted), on each store change. */
function ended(connector: Connector, id: string, alive: () => boolean): Promise<boolean> {
  return new Promise((resolve) => {
    let off = () => {};
    const done = (ok: boolean) => {
      off();
      clearTimeout(timer);
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), WAIT_MS);
    const check = () =>
      void connector.send('flow/get', { id }).then((f) => {
        if (!alive()) done(false);
        else if (f && !isActive(f.status)) done(true);
      }, () => undefined);
    off = connector.onFlowsChanged(check);
    check();
  });
}

/** The profile's launched flows, newest first: same client at the same issuer, and the profile's name where the row kept it. */
export function profileFlows(list: readonly FlowSummary[], p: Pick<ClientProfile, 'clientId' | 'issuer' | 'name'>): FlowSummary[] {
  return list
    .filter((f) => f.source === 'launched' && f.clientId === p.clientId && f.issuer === p.issuer && (!f.row?.profileName || f.row.profileName === p.name))
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** The two flows "Compare with the previous run" opens, older first: the newest, and the run before it with the same response type, else the one just before. */
export function lastTwo(mine: readonly FlowSummary[]): [FlowSummary, FlowSummary] | undefined {
  const [newest, next] = mine;
  if (!newest || !next) return undefined;
  return [previousRun(mine, newest) ?? next, newest];
}

export function RunBoth({ profile }: { profile: ClientProfile }) {
  const connector = useConnector();
  const go = useNavigate();
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => () => void (mounted.current = false), []);
  const alive = () => mounted.current;

  const runBoth = () => {
    setBusy(true);
    // Host access is asked for inside the click (Firefox prompts only there); the second launch needs no more.
    void startFlow(connector, profile, { grant: 'authorization' }, setStatus, undefined, () => connector.send('flow/run-both', { profileId: profile.id, step: 0 }))
      .then(async (a) => {
        if (!a) return;
        setStatus({ tone: 'info', text: 'Run both, 1 of 2: authorization code + PKCE. Log in and consent in the new tab.' });
        if (!(await ended(connector, a, alive))) return;
        const b = await connector.send('flow/run-both', { profileId: profile.id, step: 1 });
        setStatus({ tone: 'info', text: `Run both, 2 of 2: ${b.label}. The provider may keep the session, so no second login.${b.notes.length ? ` ${b.notes.join(' ')}` : ''}` });
        if (!(await ended(connector, b.flowId, alive))) return;
        setStatus({ tone: 'ok', text: 'Both flows ended: opening their comparison.' });
        go(compareState(a, b.flowId));
      })
      .catch((e: Error) => setStatus({ tone: 'err', text: e.message }))
      .finally(() => alive() && setBusy(false));
  };
  const comparePrevious = async () => {
    try {
      const pair = lastTwo(profileFlows(await connector.send('flow/list', null), profile));
      if (!pair) return setStatus({ tone: 'err', text: 'This profile has fewer than two flows: launch it (or Run both) first.' });
      go(compareState(pair[0].id, pair[1].id));
    } catch (e) {
      setStatus({ tone: 'err', text: (e as Error).message });
    }
  };

  return (
    <div class="stack run-both" data-testid="run-both">
      <div class="row wrap">
        <button type="button" disabled={busy || !profile.redirectUri} onClick={runBoth} data-testid="run-both-start" title="Launch code + PKCE, then the implicit (or hybrid) flow with the same client settings, and compare them">
          Run both (code + PKCE, then implicit)
        </button>
        <button type="button" onClick={() => void comparePrevious()} data-testid="compare-previous" title="Open the comparison of this profile's last two flows">
          Compare with the previous run
        </button>
      </div>
      {status && (
        <div class={`banner ${status.tone}`} role="status" data-testid="run-both-status">
          {status.text}
        </div>
      )}
    </div>
  );
}
