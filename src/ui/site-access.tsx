/**
 * When the browser no longer lets Grantscope read every site (Chrome's "site access" menu, a revoked
 * permission), recording is blind there: say so, and ask again from a click (fault case 27).
 */
import { useState } from 'preact/hooks';
import { useConnector } from './connector';

const ALL_SITES = ['http://*/*', 'https://*/*'];

export function SiteAccess({ allSites, reload, compact = false }: { allSites: boolean; reload: () => void; compact?: boolean }) {
  const connector = useConnector();
  const [refused, setRefused] = useState(false);
  if (allSites) return null;
  const ask = () => {
    // First thing in the click: Firefox prompts only inside the gesture.
    const access = connector.requestHostAccess(ALL_SITES);
    void access.then((granted) => {
      setRefused(!granted);
      reload();
    }, () => setRefused(true));
  };
  return (
    <div class="banner warn site-access" role="alert" data-testid="site-access-missing">
      {compact ? 'Recording cannot see every site: access was withheld.' : 'Grantscope no longer has access to every site, so recording sees nothing on the sites it cannot read (for example after “site access: on click” in Chrome’s extension menu).'}{' '}
      <button type="button" onClick={ask}>
        Allow on all sites
      </button>
      {refused && <div class="detail">The browser did not grant it; recording stays limited to the sites Grantscope may read.</div>}
    </div>
  );
}
