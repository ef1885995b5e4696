/**
 * Start a flow from a saved profile: pick the grant, give what that grant needs, press Start.
 * Used by the popup and by the panel's Launch view.
 */
import { useEffect, useState } from 'preact/hooks';
import { EXPECTED_LABELS, EXPECTED_OUTCOMES, type ExpectedOutcome, GRANT_LABELS, type GrantKind, type LaunchInput, TOKEN_TYPES, launchInputProblem } from '../core/launch';
import { type ClientProfile, RESPONSE_TYPES, type ResponseType, launchProblem } from '../core/profile';
import { DEMO_DOWN_LABEL, type DemoPresence, isDemoProfile } from '../shared/demo';
import type { Connector } from './connector';
import { useConnector } from './connector';
import { SecretField, SelectField, TextField } from './fields';
import { originPattern } from './format';

const GRANTS = Object.keys(GRANT_LABELS) as GrantKind[];

/** Every site a flow of this profile may talk to: issuer, redirect_uri and any hand-set endpoint. */
export function profileOrigins(p: ClientProfile): string[] {
  const urls = [p.issuer, ...(p.redirectMode === 'extension' ? [] : [p.redirectUri]), ...Object.values(p.endpoints)];
  const out = new Set<string>();
  for (const u of urls) {
    try {
      if (u) out.add(originPattern(u));
    } catch {
      // a broken URL is reported by launchProblem
    }
  }
  return [...out];
}

/**
 * Asks for host access, then (once granted) runs `before` (the connect form saves its new profile
 * there) and starts the flow. Call it first thing in a click handler. `start` replaces flow/start (a
 * relaunch starts an unsaved draft, "Run both" a planned pair); the new flow's id comes back.
 */
export function startFlow(
  connector: Connector,
  profile: ClientProfile,
  launch: LaunchInput,
  setStatus: (s: Status) => void,
  before?: () => Promise<unknown>,
  start: () => Promise<{ flowId: string }> = () => connector.send('flow/start', { profileId: profile.id, launch }),
): Promise<string | undefined> {
  // Nothing may be awaited before this call: Firefox only prompts inside the click itself.
  // The extension-owned redirect URI mode runs the login through identity.launchWebAuthFlow.
  const access = connector.requestHostAccess(profileOrigins(profile), profile.redirectMode === 'extension' && launch.grant === 'authorization' ? ['identity'] : []);
  setStatus({ tone: 'info', text: 'Starting…' });
  return access
    .then(async (granted) => {
      if (!granted) {
        throw new Error(`Grantscope needs access to ${profileOrigins(profile).join(', ')} to run this flow: to fetch the provider's metadata and tokens, and to see the redirect. Nothing was started.`);
      }
      await before?.();
      return start();
    })
    .then(
      (r) => {
        setStatus({
          tone: 'ok',
          text: launch.grant === 'authorization' ? 'Flow started: log in and consent in the new tab. Follow each step in the panel.' : 'Flow started: follow it in the panel.',
        });
        return r.flowId;
      },
      (e: Error) => {
        setStatus({ tone: 'err', text: e.message });
        return undefined;
      },
    );
}

export type Status = { tone: 'ok' | 'err' | 'info'; text: string } | null;

/** The demo provider's state, for labelling its profiles (src/ui/use-demo-presence.ts). */
export interface DemoState {
  presence: DemoPresence | null;
  checking: boolean;
  recheck: () => void;
}

/** The profile offered first: the person's own before a demo one (issue 10: a store install has no demo provider). */
export function defaultProfileId(profiles: ClientProfile[]): string {
  return (profiles.find((p) => !isDemoProfile(p)) ?? profiles[0])?.id ?? '';
}

export function LaunchForm({ profiles, initialProfile, demo }: { profiles: ClientProfile[]; initialProfile?: string; demo?: DemoState }) {
  const connector = useConnector();
  const [profileId, setProfileId] = useState(initialProfile ?? defaultProfileId(profiles));
  const [grant, setGrant] = useState<GrantKind>('authorization');
  const [responseType, setResponseType] = useState<ResponseType | ''>('');
  const [f, setF] = useState({ username: '', password: '', refreshToken: '', scope: '', subjectToken: '', subjectTokenType: TOKEN_TYPES[0] as string, actorToken: '', requestedTokenType: '' });
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  // A negative test's expectation (rule expect.outcome): 'success' is the default and is not sent.
  const [expected, setExpected] = useState<ExpectedOutcome>('success');
  useEffect(() => {
    if (!profiles.some((p) => p.id === profileId) && profiles[0]) setProfileId(defaultProfileId(profiles));
  }, [profiles, profileId]);

  const profile = profiles.find((p) => p.id === profileId);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });

  const launch = (): LaunchInput => {
    switch (grant) {
      case 'authorization':
        return responseType ? { grant, responseType } : { grant };
      case 'device_code':
      case 'client_credentials':
        return { grant };
      case 'password':
        return { grant, username: f.username, password: f.password };
      case 'refresh_token':
        return f.scope ? { grant, refreshToken: f.refreshToken, scope: f.scope } : { grant, refreshToken: f.refreshToken };
      case 'token_exchange':
        return {
          grant,
          subjectToken: f.subjectToken,
          subjectTokenType: f.subjectTokenType,
          ...(f.actorToken ? { actorToken: f.actorToken, actorTokenType: TOKEN_TYPES[0] } : {}),
          ...(f.requestedTokenType ? { requestedTokenType: f.requestedTokenType } : {}),
        };
    }
  };

  const start = () => {
    if (!profile) return setStatus({ tone: 'err', text: 'Create a profile first (Profiles).' });
    const input: LaunchInput = expected === 'success' ? launch() : { ...launch(), expect: expected };
    const problem = launchProblem(profile, { redirect: grant === 'authorization' }) ?? launchInputProblem(input);
    if (problem) return setStatus({ tone: 'err', text: problem });
    setBusy(true);
    void startFlow(connector, profile, input, setStatus).finally(() => setBusy(false));
  };

  return (
    <div class="stack launch-form" data-testid="launch-form">
      <ProfileSelect profiles={profiles} value={profileId} onChange={setProfileId} demoUp={demo?.presence?.up ?? false} />
      {profile && isDemoProfile(profile) && demo && !demo.presence?.up && <DemoDownNote demo={demo} />}
      {profile && (
        <div class="hint" data-testid="launch-profile-summary">
          <span class="mono">{profile.clientId || '(no client id)'}</span> at <span class="mono">{profile.issuer || '(no issuer)'}</span> · {profile.authMethod}
          {profile.par ? ' · PAR' : ''}
          {profile.dpop ? ' · DPoP' : ''}
          {profile.redirectMode === 'observe' ? ' · observe only' : ''}
        </div>
      )}
      <SelectField name="grant" label="Grant" value={grant} options={GRANTS.map((g) => [g, GRANT_LABELS[g]] as const)} onChange={setGrant} />
      {grant === 'authorization' && (
        <SelectField
          name="launchResponseType"
          label="Response type"
          value={responseType}
          options={[['', `as in the profile (${profile?.request.responseType ?? 'code'})`] as const, ...RESPONSE_TYPES.map((r) => [r, r] as const)]}
          onChange={setResponseType}
        />
      )}
      {grant === 'password' && (
        <>
          <div class="banner warn">RFC 9700 2.4: the password grant MUST NOT be used. It is here to test legacy servers.</div>
          <TextField name="username" label="Username" value={f.username} onInput={set('username')} />
          <SecretField name="password" label="Password" value={f.password} onInput={set('password')} />
        </>
      )}
      {grant === 'refresh_token' && (
        <>
          <SecretField name="refreshToken" label="Refresh token" value={f.refreshToken} onInput={set('refreshToken')} />
          <TextField name="refreshScope" label="Scope" hint="optional; may only narrow (RFC 6749 6)" value={f.scope} onInput={set('scope')} />
        </>
      )}
      {grant === 'token_exchange' && (
        <>
          <SecretField name="subjectToken" label="Subject token" value={f.subjectToken} onInput={set('subjectToken')} />
          <SelectField name="subjectTokenType" label="Subject token type" value={f.subjectTokenType} options={TOKEN_TYPES} onChange={set('subjectTokenType')} />
          <SecretField name="actorToken" label="Actor token" hint="optional (delegation)" value={f.actorToken} onInput={set('actorToken')} />
          <SelectField name="requestedTokenType" label="Requested token type" value={f.requestedTokenType} options={['', ...TOKEN_TYPES]} onChange={set('requestedTokenType')} />
        </>
      )}
      <SelectField
        name="expectedOutcome"
        label="Expected outcome"
        hint="for negative tests: the verdict passes when the provider answers this"
        value={expected}
        options={EXPECTED_OUTCOMES.map((o) => [o, EXPECTED_LABELS[o]] as const)}
        onChange={setExpected}
      />
      <button type="button" class="primary" disabled={busy || !profile} onClick={start}>
        Start
      </button>
      {status && (
        <div class={`banner ${status.tone}`} role="status" data-testid="launch-status">
          {status.text}
        </div>
      )}
    </div>
  );
}

/** Profiles to launch: the person's own first, then the demo ones in a group that says what they need. */
let selects = 0;
function ProfileSelect(p: { profiles: ClientProfile[]; value: string; onChange: (id: string) => void; demoUp: boolean }) {
  const [id] = useState(() => `launch-profile-${++selects}`);
  const own = p.profiles.filter((x) => !isDemoProfile(x));
  const demos = p.profiles.filter(isDemoProfile);
  const option = (x: ClientProfile) => (
    <option key={x.id} value={x.id}>
      {x.name}
    </option>
  );
  return (
    <div class="field">
      <label for={id}>Client profile</label>
      <select id={id} name="launchProfile" value={p.value} onChange={(e) => p.onChange((e.target as HTMLSelectElement).value)}>
        {demos.length === 0 ? own.map(option) : <>
          {own.length > 0 && <optgroup label="Your profiles">{own.map(option)}</optgroup>}
          <optgroup label={p.demoUp ? 'Demo provider (running)' : DEMO_DOWN_LABEL} data-testid="demo-group">
            {demos.map(option)}
          </optgroup>
        </>}
      </select>
    </div>
  );
}

/** Said under a demo profile while the demo provider does not answer. */
export function DemoDownNote({ demo }: { demo: DemoState }) {
  return (
    <div class="banner warn demo-note" data-testid="demo-down">
      {demo.checking && !demo.presence ? (
        'Checking whether the demo provider runs…'
      ) : (
        <>
          <strong>Demo · needs <code>npm run demo</code>.</strong> This profile points at the demo provider on{' '}
          <span class="mono nowrap">{demo.presence?.issuer ?? '127.0.0.1:9400'}</span>, which only runs from a Grantscope checkout (<code>npm start</code> or{' '}
          <code>npm run demo</code>).{' '}
          <button type="button" class="link" onClick={demo.recheck} disabled={demo.checking}>
            {demo.checking ? 'Checking…' : 'Check again'}
          </button>
        </>
      )}
    </div>
  );
}
