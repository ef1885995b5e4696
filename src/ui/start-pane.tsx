/**
 * Where a flow starts, in the popup and the panel's Launch view. With a profile of the person's own:
 * the launch form. Without one (a store install starts like this): "Connect your provider" first,
 * and the demo profiles apart, labelled unless the demo provider answers (issue 10, item 4). With the
 * demo provider running (`npm start`), its profiles stay offered first, as the README describes.
 */
import { useState } from 'preact/hooks';
import type { ClientProfile } from '../core/profile';
import { isDemoProfile } from '../shared/demo';
import { ConnectProvider } from './connect-provider';
import { LaunchForm } from './launch-form';
import { useDemoPresence } from './use-demo-presence';

export function StartPane({ profiles, openProfiles }: { profiles: ClientProfile[]; openProfiles?: () => void }) {
  const demo = useDemoPresence(profiles);
  // Once the connect form saved a profile it stays on screen, with its status, until the page closes.
  const [connected, setConnected] = useState(false);
  const own = profiles.filter((p) => !isDemoProfile(p));
  const demos = profiles.filter(isDemoProfile);
  if (own.length > 0 && !connected) return <LaunchForm profiles={profiles} demo={demo} />;

  const connect = <ConnectProvider onSaving={() => setConnected(true)} {...(openProfiles ? { openProfiles } : {})} />;
  if (demos.length === 0) return connect;
  if (demo.presence?.up) {
    return (
      <div class="stack">
        <LaunchForm profiles={demos} demo={demo} />
        <details class="connect-more">
          <summary>Connect your own provider</summary>
          {connect}
        </details>
      </div>
    );
  }
  return (
    <div class="stack">
      {connect}
      <details class="demo-profiles" data-testid="demo-profiles">
        <summary>
          Demo profiles <span class="hint">· need <code>npm run demo</code>{demo.checking ? ' (checking…)' : ''}</span>
        </summary>
        <LaunchForm profiles={demos} demo={demo} />
      </details>
    </div>
  );
}
