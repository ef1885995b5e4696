/**
 * What the UI may ask of the extension. Components get a Connector through context and never touch
 * `browser`: the entry files create the real one (src/shared/runtime-connector.ts), and the plain-page
 * shell and tests can hand in a fake.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey, Req, Res } from '../shared/messages';

export interface Connector {
  /** Resolves with the handler's value; rejects with an Error whose message is fit to show. */
  send<K extends MessageKey>(type: K, payload: Req<K>): Promise<Res<K>>;
  /** Calls back when any flow changes; returns the unsubscribe function. */
  onFlowsChanged(cb: () => void): () => void;
  /** Calls back when the saved profiles change (edited in another page, seeded on install). */
  onProfilesChanged(cb: () => void): () => void;
  /**
   * Asks for host access to these origins. Must be the first thing a click handler does: Firefox only
   * shows the prompt when called synchronously inside the user gesture.
   */
  requestHostAccess(origins: string[], permissions?: string[]): Promise<boolean>;
}

export const ConnectorContext = createContext<Connector | null>(null);

export function useConnector(): Connector {
  const c = useContext(ConnectorContext);
  if (!c) throw new Error('No Connector provided');
  return c;
}
