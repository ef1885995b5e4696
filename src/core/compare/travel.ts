/**
 * Where each code and token travelled, and so who could see it (RFC 9700 4.3.2 and 2.1.2: tokens in
 * the front channel leak through history, Referer and page scripts; OAuth 2.0 Form Post Response Mode:
 * the body is not kept in history). The rows name channels and audiences; never a value.
 */
import type { Channel, FlowFacts } from './facts';
import { NONE, type Row, row } from './types';

export const CHANNEL_LABEL: Record<Channel, string> = {
  query: 'front channel (URL query)',
  fragment: 'front channel (URL fragment)',
  form_post: 'front channel (form_post body)',
  'token-endpoint': 'back channel (token endpoint)',
};

/** Who could read a value that came this way. A fragment is never sent to a server nor put in a Referer (RFC 9110 10.1.3). */
function audience(c: Channel, captured: boolean, redeemedInPage: boolean): string[] {
  switch (c) {
    case 'query':
      return ['browser history', 'Referer of later requests', "the redirect target's server and its logs", 'page scripts', 'extensions'];
    case 'fragment':
      return ['browser history', 'page scripts', 'extensions'];
    case 'form_post':
      return ["the redirect target's server", 'extensions'];
    case 'token-endpoint':
      if (!captured) return ["the client only (Grantscope's worker)"];
      return redeemedInPage ? ['page scripts (the app redeems in the page)', 'extensions'] : ["the app's server"];
  }
}

const NAMES = [
  ['code', 'Authorization code'],
  ['access_token', 'Access token'],
  ['id_token', 'ID token'],
  ['refresh_token', 'Refresh token'],
] as const;

function cells(f: FlowFacts, name: string): { channel: string; seenBy: string; channels: Channel[] } {
  const got = f.received[name] ?? [];
  const channels = [...new Set(got.map((g) => g.channel))];
  if (channels.length === 0) return { channel: NONE, seenBy: NONE, channels };
  const captured = f.flow.source === 'captured';
  const inPage = f.tokenRequest?.seen?.frame === 'fetch';
  const who = [...new Set(channels.flatMap((c) => audience(c, captured, inPage)))];
  return { channel: channels.map((c) => CHANNEL_LABEL[c]).join(' and '), seenBy: who.join(', '), channels };
}

export function travelRows(a: FlowFacts, b: FlowFacts): Row[] {
  const rows: Row[] = [];
  for (const [name, label] of NAMES) {
    const x = cells(a, name);
    const y = cells(b, name);
    if (x.channels.length === 0 && y.channels.length === 0) continue;
    const front = (c: Channel[]) => c.some((k) => k !== 'token-endpoint');
    const note = front(x.channels) !== front(y.channels) && name !== 'code' ? `in the front channel in ${front(x.channels) ? 'a' : 'b'} only` : undefined;
    rows.push(row(`travel.${name}.channel`, `${label}: travelled`, x.channel, y.channel, note ? { note } : {}));
    rows.push(row(`travel.${name}.seen-by`, `${label}: could be seen by`, x.seenBy, y.seenBy));
  }
  return rows;
}
