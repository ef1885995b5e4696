/**
 * "Relaunch with Grantscope" (issue 12, item 4): a recorded flow as an editable launch with the app's
 * client_id, redirect_uri, scope, response_type and endpoints (the confirmed issuer's discovery, else
 * the recorded endpoints), with toggles; Start runs it. It stops at the redirect ('block'), so the
 * app never receives the code; no secret of the recording is carried (compare/relaunch.ts). It can be
 * saved as a profile, still without a secret.
 */
import { useMemo, useState } from 'preact/hooks';
import { relaunchFromRecorded, togglesOf, withToggles } from '../../core/compare/relaunch';
import type { Flow } from '../../core/flow';
import { type ClientProfile, RESPONSE_TYPES, type ResponseType, launchProblem } from '../../core/profile';
import { useConnector } from '../../ui/connector';
import { SelectField, TextField } from '../../ui/fields';
import { type Status, startFlow } from '../../ui/launch-form';
import { useNavigate } from '../compare/nav';
import { DEFAULT_VIEW_STATE } from '../view-state';
import { RelaunchToggleFields } from './relaunch-toggles';

type Endpoint = 'authorization_endpoint' | 'token_endpoint';

export function RelaunchPanel({ flow, onClose }: { flow: Flow; onClose: () => void }) {
  const connector = useConnector();
  const go = useNavigate();
  const made = useMemo(() => relaunchFromRecorded(flow), [flow.id]);
  const [draft, setDraft] = useState<ClientProfile>(made.profile);
  const [toggles, setToggles] = useState(() => togglesOf(made.profile));
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const final = withToggles(draft, toggles);
  const set = (k: 'clientId' | 'redirectUri' | 'issuer') => (v: string) => setDraft({ ...draft, [k]: v });
  const setEndpoint = (k: Endpoint) => (v: string) => {
    const endpoints = { ...draft.endpoints };
    if (v) endpoints[k] = v;
    else delete endpoints[k];
    setDraft({ ...draft, endpoints });
  };
  const request = (k: 'scope' | 'responseType') => (v: string) => setDraft({ ...draft, request: { ...draft.request, [k]: v } });

  const start = () => {
    const launch = { grant: 'authorization' as const, responseType: final.request.responseType };
    const problem = launchProblem(final, { redirect: true });
    if (problem) return setStatus({ tone: 'err', text: problem });
    setBusy(true);
    void startFlow(connector, final, launch, setStatus, undefined, () => connector.send('flow/relaunch', { profile: final, launch }))
      .then((id) => id && go({ ...DEFAULT_VIEW_STATE, view: 'flows', flowId: id }))
      .finally(() => setBusy(false));
  };
  const save = () => {
    const profile = { ...final, id: crypto.randomUUID() };
    connector.send('profile/save', { profile, secrets: {} }).then(
      () => setStatus({ tone: 'ok', text: `Saved as the profile "${profile.name}" (without any secret; it stops at the redirect).` }),
      (e: Error) => setStatus({ tone: 'err', text: e.message }),
    );
  };

  return (
    <section class="stack relaunch" data-testid="relaunch" aria-label="Relaunch with Grantscope">
      <div class="row wrap">
        <h3>Relaunch with Grantscope</h3>
        <span class="badge info">stops at the redirect</span>
        <span class="spacer" />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      <ul class="hint relaunch-notes" data-testid="relaunch-notes">
        {made.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <fieldset class="stack">
        <legend>The app's client</legend>
        <div class="grid2">
          <TextField name="relaunchClientId" label="client_id" mono value={draft.clientId} onInput={set('clientId')} />
          <TextField name="relaunchRedirectUri" label="redirect_uri" hint="the app's; the redirect is stopped before it" mono value={draft.redirectUri} onInput={set('redirectUri')} />
          <TextField name="relaunchScope" label="scope" mono value={draft.request.scope} onInput={request('scope')} />
          <SelectField name="relaunchResponseType" label="response_type" value={draft.request.responseType} options={RESPONSE_TYPES as readonly ResponseType[]} onChange={request('responseType')} />
          <TextField name="relaunchIssuer" label="Issuer" hint={draft.endpoints.authorization_endpoint ? 'not confirmed: the endpoints below are used' : "its discovery gives the endpoints"} mono value={draft.issuer} onInput={set('issuer')} />
          <TextField name="relaunchAuthz" label="authorization_endpoint" hint="empty: from discovery" mono value={draft.endpoints.authorization_endpoint ?? ''} onInput={setEndpoint('authorization_endpoint')} />
          <TextField name="relaunchToken" label="token_endpoint" hint="empty: from discovery" mono value={draft.endpoints.token_endpoint ?? ''} onInput={setEndpoint('token_endpoint')} />
        </div>
      </fieldset>
      <RelaunchToggleFields value={toggles} onChange={setToggles} />
      <div class="row wrap">
        <button type="button" class="primary" disabled={busy} onClick={start} data-testid="relaunch-start">
          Start relaunch
        </button>
        <button type="button" onClick={save}>
          Save as profile
        </button>
      </div>
      {status && (
        <div class={`banner ${status.tone}`} role="status" data-testid="relaunch-status">
          {status.text}
        </div>
      )}
    </section>
  );
}
