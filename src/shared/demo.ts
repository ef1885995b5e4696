/**
 * The demo provider's ready profiles, and whether that provider is running. Only `npm start` or
 * `npm run demo` (this repository) runs it on 127.0.0.1:9400; a person who installed Grantscope from a
 * store has none, so its profiles are labelled and never offered first unless it answers (issue 10).
 */
import type { ClientProfile } from '../core/profile';
import { DEMO_ISSUER, demoProfiles } from './constants';

/** What the worker found at the demo issuer: its discovery document answering with that issuer. */
export interface DemoPresence {
  issuer: string;
  up: boolean;
  /** When it was checked (ms since the epoch); answers are reused for a minute. */
  checkedAt: number;
  /** Why it does not count as up, in plain words (no answer, another issuer, ...). */
  reason?: string;
}

/** Ids the demo profiles were seeded under before they carried `demo: true`. */
const SEEDED_IDS = new Set(demoProfiles().map((d) => d.profile.id));

/**
 * A demo profile: seeded as one (flag, or an id from before the flag) and still pointing at the demo
 * issuer. One edited to point at the person's own provider is theirs, and a duplicate likewise.
 */
export function isDemoProfile(p: Pick<ClientProfile, 'id' | 'issuer' | 'demo'>): boolean {
  return p.issuer === DEMO_ISSUER && (p.demo === true || SEEDED_IDS.has(p.id));
}

/** How a demo profile is labelled while its provider does not answer. */
export const DEMO_DOWN_LABEL = 'Demo · needs npm run demo';
