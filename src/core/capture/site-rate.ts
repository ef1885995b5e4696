/**
 * How many new recorded flows one site may start (issue 9, fault case 34).
 *
 * Any page can send OAuth-looking requests in a loop; each new flow takes room in the ring, which is
 * sized by bytes, so a flood would push the person's own flows out. A person signs in a few times a
 * minute at most: more than LIMIT new flows a minute from one site are ignored, and one notice says
 * so. Steps that join an existing flow are not counted (the caller asks only before a new flow).
 *
 * A site is the page's host reduced to its last two labels (three under a short second-level label
 * such as co.uk), so a flood from a.evil.example, b.evil.example, ... counts once; an IP address or
 * localhost keeps its port. Without the public
 * suffix list this sometimes lumps unrelated sites together; that only makes the limit stricter.
 * Pure: the caller hands in the time. The map is bounded (least recently used site goes first).
 */

export const SITE_FLOWS_PER_MINUTE = 20;
const WINDOW_MS = 60_000;
const SITES_MAX = 500;

export interface SiteRate {
  /** True when the site may start one more flow now (and counts it); false when it is over the limit. */
  admit(url: string, now: number): boolean;
  /** One sentence about the sites that were refused, or undefined when none was. */
  notice(): string | undefined;
  clear(): void;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The site a URL or origin counts under: "evil.example" for https://a.b.evil.example:8443/x. */
export function siteKey(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url.slice(0, 100);
  }
  const host = u.hostname;
  // An address or a one-label name (localhost) is a machine, often the person's own, running one
  // app per port: the port tells them apart. A site on the web cannot listen on the person's ports.
  if (IPV4.test(host) || host.startsWith('[') || !host.includes('.')) return u.host;
  const labels = host.split('.');
  const n = labels.length >= 3 && labels[labels.length - 2]!.length <= 3 && labels[labels.length - 1]!.length === 2 ? 3 : 2;
  return labels.slice(-n).join('.');
}

export function siteRate(limit = SITE_FLOWS_PER_MINUTE, windowMs = WINDOW_MS, maxSites = SITES_MAX): SiteRate {
  /** Start times of the flows admitted in the window, per site; at most `limit` each. */
  const starts = new Map<string, number[]>();
  /** Flows refused, per site, since the last clear; bounded like `starts`. */
  const refused = new Map<string, number>();
  const touch = <V>(m: Map<string, V>, k: string, v: V) => {
    m.delete(k);
    m.set(k, v);
    if (m.size > maxSites) m.delete(m.keys().next().value!);
  };
  return {
    admit(url, now) {
      const site = siteKey(url);
      const recent = (starts.get(site) ?? []).filter((t) => now - t < windowMs && t <= now);
      if (recent.length >= limit) {
        touch(starts, site, recent);
        touch(refused, site, (refused.get(site) ?? 0) + 1);
        return false;
      }
      touch(starts, site, [...recent, now]);
      return true;
    },
    notice() {
      if (refused.size === 0) return undefined;
      const sorted = [...refused].sort((a, b) => b[1] - a[1]);
      const total = sorted.reduce((n, [, c]) => n + c, 0);
      const others = sorted.length - 1;
      const who = others ? `${sorted[0]![0]} and ${others} other ${others === 1 ? 'site' : 'sites'}` : sorted[0]![0];
      return `${who} started too many flows (more than ${limit} a minute); ${total} ignored.`;
    },
    clear() {
      starts.clear();
      refused.clear();
    },
  };
}
