/** One profile, edited in place: client, endpoints, request, options; save, duplicate, delete. */
import { useEffect, useState } from 'preact/hooks';
import type { ProviderMetadata } from '../../core/discovery';
import type { ClientProfile, ProfileSecrets } from '../../core/profile';
import { useConnector } from '../../ui/connector';
import { ClientFields } from './client-fields';
import { EndpointFields } from './endpoint-fields';
import { OptionFields } from './option-fields';
import { RequestFields } from './request-fields';
import { RunBoth } from '../relaunch/run-both';

export function ProfileEditor(p: {
  profile: ClientProfile;
  onSaved: (list: ClientProfile[], id: string) => void;
  onDuplicate: (copy: ClientProfile, secrets: ProfileSecrets) => void;
  onDeleted: (list: ClientProfile[]) => void;
}) {
  const connector = useConnector();
  const [draft, setDraft] = useState(p.profile);
  const [secrets, setSecrets] = useState<ProfileSecrets>({});
  const [discovered, setDiscovered] = useState<ProviderMetadata | null>(null);
  const [discoverError, setDiscoverError] = useState<string | null>(null);
  const [status, setStatus] = useState<{ tone: 'ok' | 'err'; text: string } | null>(null);

  // A new draft when another profile is chosen; saving this one (a new object, same id) keeps the form.
  useEffect(() => {
    setDraft(p.profile);
    setDiscovered(null);
    setDiscoverError(null);
    setStatus(null);
    connector.send('profile/secrets', { id: p.profile.id }).then(setSecrets, () => setSecrets({}));
  }, [connector, p.profile.id]);

  const discover = () => {
    setDiscoverError(null);
    connector.send('profile/discover', { issuer: draft.issuer }).then(setDiscovered, (e: Error) => {
      setDiscovered(null);
      setDiscoverError(e.message);
    });
  };
  const save = async () => {
    try {
      const list = await connector.send('profile/save', { profile: draft, secrets });
      setStatus({ tone: 'ok', text: 'Saved.' });
      p.onSaved(list, draft.id);
    } catch (e) {
      setStatus({ tone: 'err', text: (e as Error).message });
    }
  };
  const remove = async () => {
    try {
      p.onDeleted(await connector.send('profile/delete', { id: draft.id }));
    } catch (e) {
      setStatus({ tone: 'err', text: (e as Error).message });
    }
  };

  return (
    <form class="stack profile-editor" data-testid="profile-editor" onSubmit={(e) => (e.preventDefault(), void save())}>
      <div class="row">
        <h2>{draft.name || 'Unnamed profile'}</h2>
        <span class="spacer" />
        <button type="submit" class="primary">
          Save
        </button>
        <button type="button" onClick={() => p.onDuplicate({ ...draft, id: crypto.randomUUID(), name: `${draft.name} (copy)` }, secrets)}>
          Duplicate
        </button>
        <button type="button" onClick={() => void remove()}>
          Delete
        </button>
      </div>
      {status && (
        <div class={`banner ${status.tone}`} role="status" data-testid="profile-status">
          {status.text}
        </div>
      )}
      {/* Issue 12: runs the saved profile (not unsaved edits), as every launch does. */}
      <RunBoth profile={p.profile} />
      <ClientFields profile={draft} secrets={secrets} onChange={setDraft} onSecrets={setSecrets} />
      <EndpointFields profile={draft} discovered={discovered} discoverError={discoverError} onDiscover={discover} onChange={setDraft} />
      <RequestFields key={draft.id} value={draft.request} onChange={(request) => setDraft({ ...draft, request })} options={draft} />
      <OptionFields profile={draft} onChange={setDraft} />
    </form>
  );
}
