/**
 * What a launched request's step keeps of the client secret: nothing but a marker.
 *
 * The step is a record of what was sent, stored in storage.session and exported; the secret itself
 * stays in ProfileSecrets / FlowSecrets, where the requests that need it read it. So a client secret
 * sent in the body (client_secret_post, RFC 6749 2.3.1) or in a Basic header (client_id:secret,
 * RFC 6749 2.3.1) is stored as a fixed marker that says what was there and how long it was, never
 * the value. The request that left is not changed: callers apply this to the copy they record.
 *
 * The markers keep their shape for the readers: params.client_secret stays a non-empty string and
 * the header still starts with "Basic ", so the rules and comparisons that detect client
 * authentication (judge-sets, compare/protections, client.secret-in-browser) see that a secret was
 * sent. The UI shows a marker as "not kept" text, with nothing to reveal (isNotKept).
 */

/** The marker stored in place of a client_secret parameter of `length` characters. */
export const notKeptSecret = (length: number): string => `‹client secret, ${length} chars, not kept›`;

/** The marker stored in place of a Basic Authorization header's credentials. */
export const NOT_KEPT_BASIC = 'Basic ‹client_id:secret, not kept›';

// Exactly the two forms, nothing free-form: a recorded or imported value shaped like a marker but
// carrying other text is still masked as the secret it may be.
const SECRET_MARKER = /^‹client secret, \d{1,6} chars, not kept›$/;

/** True for a value that is one of the markers above: text to show as it is, not a secret to mask. */
export const isNotKept = (value: string): boolean => value === NOT_KEPT_BASIC || SECRET_MARKER.test(value);

/** The request as it is recorded: the client secret replaced by its marker, everything else as sent. */
export function stepRecord(req: { headers: Record<string, string>; params: Record<string, string> }): { headers: Record<string, string>; params: Record<string, string> } {
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, k.toLowerCase() === 'authorization' && /^basic[ \t]/i.test(v) ? NOT_KEPT_BASIC : v]));
  const params = Object.hasOwn(req.params, 'client_secret') ? { ...req.params, client_secret: notKeptSecret(req.params.client_secret!.length) } : { ...req.params };
  return { headers, params };
}

const IN_TEXT = /‹client secret, \d{1,6} chars, not kept›|Basic ‹client_id:secret, not kept›/;

/** True when text built from a step (a cURL command) holds a marker: it cannot replay as it stands. */
export const mentionsNotKept = (text: string): boolean => IN_TEXT.test(text);
