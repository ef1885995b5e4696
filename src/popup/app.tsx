/**
 * The popup: pick or edit a client profile and start an authorization code + PKCE flow.
 * Host access to the issuer and the redirect_uri is asked for from the Start click itself.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClientProfile } from '../core/flow';
import { demoProfile } from '../shared/constants';
import { useConnector } from '../ui/connector';
import { originPattern } from '../ui/format';
import { ProfileForm, checkProfile } from './profile-form';

type Status = { tone: 'ok' | 'err' | 'info'; text: string } | null;

export function PopupApp() {
  const connector = useConnector();
  const [saved, setSaved] = useState<ClientProfile[]>([]);
  const [profile, setProfile] = useState<ClientProfile>(demoProfile());
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    connector.send('profile/list', null).then(setSaved, (e: Error) => setStatus({ tone: 'err', text: e.message }));
  }, [connector]);

  const choices = [demoProfile(), ...saved.filter((p) => p.id !== 'demo-public')];

  const start = () => {
    const problem = checkProfile(profile);
    if (problem) return setStatus({ tone: 'err', text: problem });
    // Nothing may be awaited before this call: Firefox only prompts inside the click itself.
    const access = connector.requestHostAccess([...new Set([originPattern(profile.issuer), originPattern(profile.redirectUri)])]);
    setBusy(true);
    setStatus({ tone: 'info', text: 'Fetching the provider’s metadata…' });
    access
      .then((granted) => {
        if (!granted) throw new Error('Grantscope needs access to the provider and the redirect_uri’s site to run and catch the flow. Nothing was started.');
        return connector.send('flow/start', { profile });
      })
      .then(
        () => setStatus({ tone: 'ok', text: 'Flow started: log in and consent in the new tab. Open the panel to follow each step.' }),
        (e: Error) => setStatus({ tone: 'err', text: e.message }),
      )
      .finally(() => setBusy(false));
  };

  const save = async () => {
    const problem = checkProfile(profile);
    if (problem) return setStatus({ tone: 'err', text: problem });
    const named = profile.id === 'demo-public' ? { ...profile, id: crypto.randomUUID(), name: `${profile.clientId} @ ${profile.issuer}` } : profile;
    try {
      setSaved(await connector.send('profile/save', named));
      setProfile(named);
      setStatus({ tone: 'ok', text: 'Profile saved.' });
    } catch (e) {
      setStatus({ tone: 'err', text: (e as Error).message });
    }
  };

  return (
    <div class="popup stack">
      <header class="row">
        <img src="icons/icon-32.png" width={20} height={20} alt="" />
        <h1>Grantscope</h1>
        <span class="spacer" />
        <button type="button" onClick={() => void connector.send('panel/open', null).then(() => window.close())}>
          Open panel
        </button>
      </header>
      <div>
        <label for="profile-select">Client profile</label>
        <select
          id="profile-select"
          value={profile.id}
          onChange={(e) => {
            const next = choices.find((p) => p.id === (e.target as HTMLSelectElement).value);
            if (next) setProfile(next);
          }}
        >
          {choices.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          {!choices.some((p) => p.id === profile.id) && <option value={profile.id}>{profile.name}</option>}
        </select>
      </div>
      <ProfileForm profile={profile} onChange={setProfile} />
      <div class="row">
        <button type="button" class="primary" disabled={busy} onClick={start}>
          Start: code + PKCE
        </button>
        <button type="button" disabled={busy} onClick={() => void save()}>
          Save profile
        </button>
      </div>
      {status && (
        <div class={`banner ${status.tone}`} role="status" data-testid="popup-status">
          {status.text}
        </div>
      )}
    </div>
  );
}
