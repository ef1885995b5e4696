/**
 * Start a flow from a saved profile: pick the grant, give what that grant needs, press Start.
 * Used by the popup and by the panel's Launch view.
 */
import { useEffect, useState } from 'preact/hooks';
import { GRANT_LABELS, type GrantKind, type LaunchInput, TOKEN_TYPES, launchInputProblem } from '../core/launch';
import { type ClientProfile, RESPONSE_TYPES, type ResponseType, launchProblem } from '../core/profile';
import type { Connector } from './connector';
import { useConnector } from './connector';
import { SecretField, SelectField, TextField } from './fields';
import { originPattern } from './format';

const GRANTS = Object.keys(GRANT_LABELS) as GrantKind[];

type Status = { tone: 'ok' | 'err' | 'info'; text: string } | null;

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

function startFlow(connector: Connector, profile: ClientProfile, launch: LaunchInput, setStatus: (s: Status) => void): Promise<void> {
  // Nothing may be awaited before this call: Firefox only prompts inside the click itself.
  // The extension-owned redirect URI mode runs the login through identity.launchWebAuthFlow.
  const access = connector.requestHostAccess(profileOrigins(profile), profile.redirectMode === 'extension' && launch.grant === 'authorization' ? ['identity'] : []);
  setStatus({ tone: 'info', text: 'Starting…' });
  return access
    .then((granted) => {
      if (!granted) {
        throw new Error(`Grantscope needs access to ${profileOrigins(profile).join(', ')} to run this flow: to fetch the provider's metadata and tokens, and to see the redirect. Nothing was started.`);
      }
      return connector.send('flow/start', { profileId: profile.id, launch });
    })
    .then(
      () =>
        setStatus({
          tone: 'ok',
          text: launch.grant === 'authorization' ? 'Flow started: log in and consent in the new tab. Follow each step in the panel.' : 'Flow started: follow it in the panel.',
        }),
      (e: Error) => setStatus({ tone: 'err', text: e.message }),
    );
}

export function LaunchForm({ profiles, initialProfile }: { profiles: ClientProfile[]; initialProfile?: string }) {
  const connector = useConnector();
  const [profileId, setProfileId] = useState(initialProfile ?? profiles[0]?.id ?? '');
  const [grant, setGrant] = useState<GrantKind>('authorization');
  const [responseType, setResponseType] = useState<ResponseType | ''>('');
  const [f, setF] = useState({ username: '', password: '', refreshToken: '', scope: '', subjectToken: '', subjectTokenType: TOKEN_TYPES[0] as string, actorToken: '', requestedTokenType: '' });
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!profiles.some((p) => p.id === profileId) && profiles[0]) setProfileId(profiles[0].id);
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
    const input = launch();
    const problem = launchProblem(profile, { redirect: grant === 'authorization' }) ?? launchInputProblem(input);
    if (problem) return setStatus({ tone: 'err', text: problem });
    setBusy(true);
    void startFlow(connector, profile, input, setStatus).finally(() => setBusy(false));
  };

  return (
    <div class="stack launch-form" data-testid="launch-form">
      <SelectField name="launchProfile" label="Client profile" value={profileId} options={profiles.map((p) => [p.id, p.name] as const)} onChange={setProfileId} />
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
