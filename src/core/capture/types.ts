/**
 * What the recorder sees and what it makes of it: the shared vocabulary of capture.
 *
 * Every source (webRequest, the opt-in page script, the DevTools panel, Firefox's response filter,
 * the deep-capture debugger) turns what it saw into one ObservedRequest. The recogniser
 * (recognise.ts) says which OAuth step, if any, it is; the correlator (correlate.ts) ties it to a flow.
 * Everything is plain data: it crosses the message channel and lives in storage.
 */

/**
 * Where a request was seen. Only some sources see response bodies (platform notes). 'open-tab': the
 * URL of a tab already open when the browser started (session restore), read by the worker because
 * that load happened before any listener of the extension existed (restore-sweep.ts).
 */
export type CaptureVia = 'webrequest' | 'page-script' | 'devtools' | 'firefox-filter' | 'debugger' | 'open-tab';

/** What kind of load it was: a top-level page, a frame, a script's fetch/XHR, or anything else. */
export type RequestFrame = 'main' | 'sub' | 'fetch' | 'other';

/** The parts of a request a source may cut to its limits (limits.ts). */
export type CutPart = 'url' | 'body' | 'form' | 'headers' | 'answer';
/** What was cut: part -> its length, in chars, before cutting (at least the cap when not known). */
export type Cut = Partial<Record<CutPart, number>>;

export interface ObservedResponse {
  at: number;
  status: number;
  headers: Record<string, string>;
  /** Absent where the source cannot read bodies (webRequest in Chrome). */
  bodyText?: string;
  /** Set when the body was cut to its limit (limits.ts). */
  cut?: Cut;
}

export interface ObservedRequest {
  /** The source's request id, prefixed with the source ("wr:123"), so a later response can find it. */
  id: string;
  at: number;
  /** -1 when the request belongs to no tab (a service worker, another extension). */
  tabId: number;
  frame: RequestFrame;
  method: string;
  /** Full URL, fragment included when the source knows it (a redirect's Location). */
  url: string;
  /** Origin of the page that made the request, when known. */
  initiator?: string;
  /** Form fields as the browser parsed them (webRequest requestBody.formData). */
  form?: Record<string, string[]>;
  /** The body as text: JSON, urlencoded, or anything else. */
  bodyText?: string;
  headers?: Record<string, string>;
  response?: ObservedResponse;
  via: CaptureVia;
  /** Set when a part was cut to its limit before anything read it (limits.ts). */
  cut?: Cut;
}

/** Provider endpoints that are neither the authorization nor the token endpoint. */
export type ProviderCall = 'discovery' | 'jwks' | 'userinfo' | 'introspection' | 'revocation' | 'device-authorization' | 'par';

/** Which OAuth step a request is (recognise.ts). Parameters are single-valued; repeats are listed. */
export type Recognised =
  | {
      /** RFC 6749 4.1.1 / OIDC Core 3.1.2.1, by GET query or POST form; or a PAR request_uri (RFC 9126 4). */
      kind: 'authorization-request';
      /** The URL without query or fragment. */
      endpoint: string;
      params: Record<string, string>;
      duplicates: string[];
    }
  | {
      /** RFC 6749 4.1.2 / 4.2.2 / OIDC Core 3.2.2.5 / Form Post Response Mode 2. */
      kind: 'callback';
      /** The redirect target without query or fragment. */
      redirectUri: string;
      params: Record<string, string>;
      source: 'query' | 'fragment' | 'both' | 'form_post';
      duplicates: string[];
    }
  | {
      /** RFC 6749 3.2: any POST carrying grant_type, form-encoded (or JSON, which some servers accept). */
      kind: 'token-request';
      endpoint: string;
      grantType: string;
      params: Record<string, string>;
      format: 'form' | 'json';
    }
  | {
      kind: 'provider-call';
      call: ProviderCall;
      endpoint: string;
      /** Query and body parameters, when any (token, token_type_hint, client_id, ...). */
      params: Record<string, string>;
    };

/** Endpoints learned from discovery documents the recorder has read, URL (no query) -> role. */
export type KnownEndpoints = Record<string, ProviderCall | 'authorization' | 'token'>;

/**
 * Where capture sources hand what they saw (src/background/recorder.ts). A source that sees the
 * response later than the request (Firefox's filter, the debugger) reports it under the same id.
 */
export interface CaptureSink {
  request(obs: ObservedRequest): void;
  response(requestId: string, response: ObservedResponse): void;
}
