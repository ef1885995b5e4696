/**
 * "Connect your provider" in one step (issue 10, item 4): paste an issuer or a discovery URL (or pick
 * a recorded flow), Discover shows what the provider offers, then client_id, redirect_uri and Start.
 * Start saves a public code + PKCE profile and launches it; the editor in Profiles does the rest.
 */
import { useState } from 'preact/hooks';
import { connectNotes, connectProfile, defaultScope, pkceFor } from '../core/connect-profile';
import { type ProviderMetadata, issuerFromInput } from '../core/discovery';
import { launchProblem } from '../core/profile';
import { useConnector } from './connector';
import { TextField } from './fields';
import { hostOf, originPattern } from './format';
import { type Status, startFlow } from './launch-form';
import type { RecordedClient } from './recorded-clients';
import { RecordedPicker } from './recorded-picker';
import './connect.css';

const ENDPOINTS = [
  ['authorization_endpoint', 'authorization'],
  ['token_endpoint', 'token'],
  ['pushed_authorization_request_endpoint', 'PAR'],
  ['device_authorization_endpoint', 'device'],
  ['userinfo_endpoint', 'userinfo'],
  ['jwks_uri', 'jwks_uri'],
  ['introspection_endpoint', 'introspection'],
  ['revocation_endpoint', 'revocation'],
] as const;

/** An endpoint on the issuer's own origin is shown by its path, so the list fits a popup. */
function short(url: string, issuer: string): string {
  const origin = URL.canParse(issuer) ? new URL(issuer).origin : '';
  return origin && url.startsWith(`${origin}/`) ? url.slice(origin.length) : url;
}

const LISTS = new Set(['grant types', 'response types', 'PKCE methods']);
const list = (v: unknown): string => (Array.isArray(v) && v.length ? v.join(', ') : 'not advertised');

function Discovered({ m }: { m: ProviderMetadata }) {
  const rows: [string, string][] = [
    ['issuer', m.issuer],
    ...ENDPOINTS.flatMap(([k, label]) => (typeof m[k] === 'string' ? [[label, short(m[k], m.issuer)] as [string, string]] : [])),
    ['grant types', list(m.grant_types_supported)],
    ['response types', list(m.response_types_supported)],
    ['PKCE methods', list(m.code_challenge_methods_supported)],
  ];
  return (
    <div class="discovered" data-testid="discovered">
      <table class="params">
        <tbody>
          {rows.map(([k, v]) => (
            <tr key={k}>
              <th>{k}</th>
              <td class={LISTS.has(k) ? 'mono list' : 'mono'}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {connectNotes(m).map((n) => (
        <div key={n.text} class={`banner ${n.tone}`}>
          {n.text}
        </div>
      ))}
    </div>
  );
}

/**
 * `onSaving` is called before the profile is sent to be saved: the worker announces the new profile
 * list as soon as it is stored, possibly before profile/save answers, and the popup's start pane
 * must know by then that this form is in use (or it swaps the form for the launch form and the
 * form's "Saved as" line and status are lost). `onSaved` is called once the save is answered.
 */
export function ConnectProvider(p: { onSaving?: () => void; onSaved?: () => void; openProfiles?: () => void }) {
  const connector = useConnector();
  const [input, setInput] = useState('');
  const [found, setFound] = useState<ProviderMetadata | null>(null);
  const [problem, setProblem] = useState<{ text: string; origin?: string } | null>(null);
  const [discovering, setDiscovering] = useState(false);
  const [clientId, setClientId] = useState('');
  const [redirectUri, setRedirectUri] = useState('');
  const [scope, setScope] = useState('openid');
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // One profile per form: pressing Start again (after fixing the redirect URI) updates it.
  const [profileId] = useState(() => crypto.randomUUID());

  const discover = (text: string, prefill?: RecordedClient) => {
    const parsed = issuerFromInput(text);
    setFound(null);
    setStatus(null);
    if (!parsed.ok) return setProblem({ text: `Issuer or discovery URL: ${parsed.error.message}.` });
    setProblem(null);
    setDiscovering(true);
    connector
      .send('profile/discover', { issuer: parsed.value.issuer })
      .then(
        (m) => {
          setFound(m);
          setInput(m.issuer);
          setScope(prefill?.scope ?? defaultScope(m));
        },
        (e: Error) => setProblem({ text: e.message, origin: originPattern(parsed.value.issuer) }),
      )
      .finally(() => setDiscovering(false));
  };
  // Discovery runs in the worker; a provider whose document has no CORS header needs host access first.
  const grantAndRetry = (origin: string) => {
    void connector.requestHostAccess([origin]).then((granted) => (granted ? discover(input) : setProblem({ text: `Access to ${origin} was not granted.` })));
  };
  const pick = (c: RecordedClient) => {
    setInput(c.issuer);
    setClientId(c.clientId);
    setRedirectUri(c.redirectUri ?? '');
    discover(c.issuer, c);
  };
  const start = () => {
    if (!found) return;
    const profile = connectProfile(profileId, { issuer: found.issuer, clientId, redirectUri, scope }, found);
    const why = launchProblem(profile, { redirect: true });
    if (why) return setStatus({ tone: 'err', text: why });
    setBusy(true);
    const save = () => {
      p.onSaving?.();
      return connector.send('profile/save', { profile, secrets: {} }).then(() => (setSaved(profile.name), p.onSaved?.()));
    };
    void startFlow(connector, profile, { grant: 'authorization' }, setStatus, save).finally(() => setBusy(false));
  };

  return (
    <section class="connect stack" data-testid="connect-provider" aria-labelledby="connect-title">
      <h2 id="connect-title">Connect your provider</h2>
      <p class="hint">Paste your provider’s issuer or its discovery URL. Grantscope reads the provider’s metadata, then runs a login with your app’s client: authorization code with PKCE.</p>
      <form class="field" onSubmit={(e) => (e.preventDefault(), discover(input))}>
        <label for="connect-issuer">Issuer or discovery URL</label>
        <div class="row">
          <input id="connect-issuer" name="connectIssuer" type="text" class="mono" value={input} placeholder="https://login.example.com" spellcheck={false} autocomplete="off" onInput={(e) => setInput((e.target as HTMLInputElement).value)} />
          <button type="submit" disabled={discovering || !input.trim()}>
            {discovering ? 'Discovering…' : 'Discover'}
          </button>
        </div>
      </form>
      {problem && (
        <div class="banner err" role="alert" data-testid="connect-problem">
          {problem.text}
          {problem.origin && (
            <>
              {' '}
              <button type="button" class="link" onClick={() => grantAndRetry(problem.origin!)}>
                Allow access to {hostOf(problem.origin.replace(/\*$/, ''))} and retry
              </button>
            </>
          )}
        </div>
      )}
      {!found && <RecordedPicker onPick={pick} />}
      {found && (
        <>
          <Discovered m={found} />
          <TextField name="connectClientId" label="Client ID" hint="as registered at the provider" value={clientId} onInput={setClientId} />
          <TextField
            name="connectRedirectUri"
            label="Redirect URI"
            hint="one registered for this client: Grantscope stops the redirect in the login tab, so your app never gets the code"
            value={redirectUri}
            onInput={setRedirectUri}
            placeholder="https://app.example.com/callback"
            mono
          />
          <TextField name="connectScope" label="Scope" value={scope} onInput={setScope} mono />
          <div class="row">
            <button type="button" class="primary" disabled={busy || !clientId.trim()} onClick={start}>
              Start
            </button>
            <span class="hint">Saves a profile (public client, PKCE {pkceFor(found)}) and opens the login in a new tab.</span>
          </div>
        </>
      )}
      {status && (
        <div class={`banner ${status.tone}`} role="status" data-testid="launch-status">
          {status.text}
        </div>
      )}
      {saved && (
        <p class="hint" data-testid="connect-saved">
          Saved as the profile “{saved}”.{' '}
          {p.openProfiles && (
            <button type="button" class="link" onClick={p.openProfiles}>
              Add a secret or options in Profiles
            </button>
          )}
        </p>
      )}
    </section>
  );
}
