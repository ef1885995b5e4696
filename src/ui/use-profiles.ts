/** The saved profiles, kept current when another page edits them (or the install seeds them). */
import { useEffect, useState } from 'preact/hooks';
import type { ClientProfile } from '../core/profile';
import { useConnector } from './connector';

export function useProfiles(): { profiles: ClientProfile[] | null; error: string | null } {
  const connector = useConnector();
  const [profiles, setProfiles] = useState<ClientProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const load = () => void connector.send('profile/list', null).then(setProfiles, (e: Error) => setError(e.message));
    load();
    return connector.onProfilesChanged(load);
  }, [connector]);
  return { profiles, error };
}
