/** What this browser can do, asked of the worker once per page (src/core/capabilities.ts). */
import { useEffect, useState } from 'preact/hooks';
import type { Capabilities } from '../core/capabilities';
import { useConnector } from './connector';

export function useCapabilities(): Capabilities | null {
  const connector = useConnector();
  const [caps, setCaps] = useState<Capabilities | null>(null);
  useEffect(() => {
    // A page shown with a fake connector (the panel's plain-page shell) may not answer: then nothing is said.
    connector.send('env/capabilities', null).then(setCaps, () => setCaps(null));
  }, [connector]);
  return caps;
}
