/**
 * Whether the demo provider answers, asked of the worker only when demo profiles are in the list (a
 * person who deleted them never makes it fetch). The worker answers from its one-minute cache, so
 * opening the popup over and over costs one loopback fetch a minute at most.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ClientProfile } from '../core/profile';
import { type DemoPresence, isDemoProfile } from '../shared/demo';
import { useConnector } from './connector';

export function useDemoPresence(profiles: ClientProfile[] | null): { presence: DemoPresence | null; checking: boolean; recheck: () => void } {
  const connector = useConnector();
  const [presence, setPresence] = useState<DemoPresence | null>(null);
  const [checking, setChecking] = useState(false);
  const hasDemo = !!profiles?.some(isDemoProfile);
  const ask = (refresh: boolean) => {
    setChecking(true);
    connector
      .send('demo/presence', refresh ? { refresh } : {})
      .then(setPresence, () => setPresence(null))
      .finally(() => setChecking(false));
  };
  useEffect(() => {
    if (hasDemo) ask(false);
  }, [connector, hasDemo]);
  return { presence, checking, recheck: () => ask(true) };
}
