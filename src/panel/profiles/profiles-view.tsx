/**
 * Client profiles: search, create, duplicate, import and export; the editor on the right. Without a
 * profile of the person's own, the right side is "Connect your provider" (issue 10, item 4), and the
 * demo profiles say what they need.
 */
import { useEffect, useState } from 'preact/hooks';
import { type ClientProfile, type ProfileSecrets, blankProfile } from '../../core/profile';
import { DEMO_DOWN_LABEL, isDemoProfile } from '../../shared/demo';
import { ConnectProvider } from '../../ui/connect-provider';
import { useConnector } from '../../ui/connector';
import { useDemoPresence } from '../../ui/use-demo-presence';
import { CheckField } from '../../ui/fields';
import { hostOf } from '../../ui/format';
import { ProfileEditor } from './profile-editor';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ProfilesView() {
  const connector = useConnector();
  const [profiles, setProfiles] = useState<ClientProfile[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'err'; text: string } | null>(null);
  const [connecting, setConnecting] = useState(false);
  const demo = useDemoPresence(profiles);

  useEffect(() => {
    connector.send('profile/list', null).then(
      (list) => {
        setProfiles(list);
        // A first run (only the demo profiles, or none): lead to the person's own provider.
        if (!list.some((p) => !isDemoProfile(p))) setConnecting(true);
        else setSelected((s) => s ?? list[0]?.id ?? null);
      },
      (e: Error) => setMessage({ tone: 'err', text: e.message }),
    );
  }, [connector]);
  const choose = (id: string | null) => {
    setConnecting(false);
    setSelected(id);
  };

  const q = query.trim().toLowerCase();
  // The person's own profiles first, the demo ones after (a stable sort keeps each group's order).
  const shown = profiles
    .filter((p) => !q || [p.name, p.issuer, p.clientId].some((x) => x.toLowerCase().includes(q)))
    .sort((a, b) => Number(isDemoProfile(a)) - Number(isDemoProfile(b)));
  const current = profiles.find((p) => p.id === selected) ?? null;

  const add = async (profile: ClientProfile, secrets: ProfileSecrets = {}) => {
    try {
      setProfiles(await connector.send('profile/save', { profile, secrets }));
      choose(profile.id);
    } catch (e) {
      setMessage({ tone: 'err', text: (e as Error).message });
    }
  };
  const importFile = async (file: File) => {
    try {
      const r = await connector.send('profile/import', { text: await file.text() });
      setProfiles(await connector.send('profile/list', null));
      setMessage({ tone: r.skipped.length ? 'err' : 'ok', text: [`Imported ${r.imported} profile${r.imported === 1 ? '' : 's'}.`, ...r.skipped].join(' ') });
    } catch (e) {
      setMessage({ tone: 'err', text: (e as Error).message });
    }
  };
  const exportAll = async () => {
    try {
      download(`grantscope-profiles${includeSecrets ? '-WITH-SECRETS' : ''}.json`, await connector.send('profile/export', { includeSecrets }));
    } catch (e) {
      setMessage({ tone: 'err', text: (e as Error).message });
    }
  };

  return (
    <div class="columns">
      <nav class="side-list" aria-label="Profiles">
        <div class="stack pad">
          <input type="search" name="profile-search" placeholder="Search name, issuer, client" aria-label="Search profiles" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
          <div class="row wrap">
            <button type="button" onClick={() => void add(blankProfile(crypto.randomUUID()))}>
              New
            </button>
            <label class="button">
              Import…
              <input type="file" accept="application/json,.json" hidden onChange={(e) => {
                const f = (e.target as HTMLInputElement).files?.[0];
                if (f) void importFile(f);
              }} />
            </label>
            <button type="button" onClick={() => void exportAll()} disabled={profiles.length === 0}>
              Export
            </button>
            <button type="button" aria-pressed={connecting} onClick={() => setConnecting(true)}>
              Connect a provider…
            </button>
          </div>
          <CheckField name="includeSecrets" label="Include secrets in the export" checked={includeSecrets} onChange={setIncludeSecrets} />
          {message && <div class={`banner ${message.tone}`} role="status" data-testid="profiles-message">{message.text}</div>}
        </div>
        <ul>
          {shown.map((p) => (
            <li key={p.id}>
              <button type="button" class={p.id === selected && !connecting ? 'flow-item selected' : 'flow-item'} aria-current={p.id === selected && !connecting} data-profile-id={p.id} onClick={() => choose(p.id)}>
                <strong>{p.name}</strong>
                {isDemoProfile(p) && (
                  <span class={`badge demo-badge ${demo.presence?.up ? 'info' : 'warn'}`} data-testid="demo-badge">
                    {demo.presence?.up ? 'Demo · running' : DEMO_DOWN_LABEL}
                  </span>
                )}
                <span class="hint mono">{p.clientId || '(no client id)'}</span>
                <span class="hint">{p.issuer ? hostOf(p.issuer) : '(no issuer)'}</span>
              </button>
            </li>
          ))}
          {shown.length === 0 && <li class="hint pad">{profiles.length ? 'No profile matches.' : 'No profiles yet: press New.'}</li>}
        </ul>
      </nav>
      <main class="flow-pane">
        {connecting ? (
          <div class="stack narrow connect-pane">
            <ConnectProvider onSaved={() => void connector.send('profile/list', null).then(setProfiles)} />
          </div>
        ) : current ? (
          <ProfileEditor
            profile={current}
            onSaved={(list, id) => {
              setProfiles(list);
              choose(id);
            }}
            onDuplicate={(copy, secrets) => void add(copy, secrets)}
            onDeleted={(list) => {
              setProfiles(list);
              choose(list[0]?.id ?? null);
            }}
          />
        ) : (
          <div class="empty">
            <h2>No profile selected</h2>
            <p class="hint">Create one with New, or import a file exported from Grantscope.</p>
          </div>
        )}
      </main>
    </div>
  );
}
