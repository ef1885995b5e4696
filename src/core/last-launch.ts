/**
 * "Start the last profile" (issue 10, item 3, the start-last-profile shortcut): what is remembered of
 * the most recent launch, and what the shortcut may start again from it.
 *
 * Only the profile and the grant are remembered, never what was typed for the launch: a password, a
 * refresh token or a subject token is a secret that lives with its flow, not in a note for later. So a
 * grant that needs typed input cannot be started again blind; the shortcut opens the Launch view
 * instead, where the person types it.
 */
import { GRANT_LABELS, type GrantKind, type LaunchInput } from './launch';
import { type ClientProfile, RESPONSE_TYPES, type ResponseType } from './profile';

export interface LastLaunch {
  profileId: string;
  grant: GrantKind;
  /** The response type picked at Start, when one was picked (else the profile's own applies). */
  responseType?: ResponseType;
  at: number;
}

/** What to remember of a launch: no typed value, only the profile, the grant and its response type. */
export function lastLaunchOf(profileId: string, launch: LaunchInput, at: number): LastLaunch {
  const responseType = launch.grant === 'authorization' ? launch.responseType : undefined;
  return { profileId, grant: launch.grant, ...(responseType ? { responseType } : {}), at };
}

/** The launch to start again, exactly as Start sent it; null when the grant needs typed input. */
export function replayLaunch(last: LastLaunch): LaunchInput | null {
  switch (last.grant) {
    case 'authorization':
      return last.responseType ? { grant: 'authorization', responseType: last.responseType } : { grant: 'authorization' };
    case 'device_code':
    case 'client_credentials':
      return { grant: last.grant };
    default:
      return null;
  }
}

/** Shape check for the record read back from storage: anything else is "no last launch". */
export function parseLastLaunch(v: unknown): LastLaunch | null {
  if (typeof v !== 'object' || v === null) return null;
  const l = v as Record<string, unknown>;
  if (typeof l.profileId !== 'string' || l.profileId === '' || l.profileId.length > 200) return null;
  if (typeof l.grant !== 'string' || !Object.hasOwn(GRANT_LABELS, l.grant)) return null;
  if (l.responseType !== undefined && !RESPONSE_TYPES.includes(l.responseType as ResponseType)) return null;
  if (typeof l.at !== 'number' || !Number.isFinite(l.at)) return null;
  return { profileId: l.profileId, grant: l.grant as GrantKind, ...(l.responseType ? { responseType: l.responseType as ResponseType } : {}), at: l.at };
}

/**
 * The origins a launch of this profile talks to (issuer, redirect_uri, hand-set endpoints), as host
 * permission patterns: the shortcut starts only when the browser grants them all, since a worker cannot
 * ask (the popup's Start asks first, inside the click).
 */
export function launchOrigins(p: Pick<ClientProfile, 'issuer' | 'redirectUri' | 'redirectMode' | 'endpoints'>): string[] {
  const urls = [p.issuer, ...(p.redirectMode === 'extension' ? [] : [p.redirectUri]), ...Object.values(p.endpoints)];
  const out = new Set<string>();
  for (const u of urls) {
    if (!u || !URL.canParse(u)) continue; // a broken URL is launchProblem's to report
    const url = new URL(u);
    out.add(`${url.protocol}//${url.hostname}/*`);
  }
  return [...out];
}
