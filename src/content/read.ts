/**
 * Reading what the page sent and got, without changing anything the page can see: header lists of
 * every shape fetch accepts, request bodies only when they are already text (string, URLSearchParams,
 * FormData: never a Blob or a stream, which would cost a read), response bodies from a clone, capped.
 * Brand checks use Object.prototype.toString so objects from another frame's realm still count.
 */
import { BODY_CAP, FIELD_CAP, FORM_CAP, FORM_KEYS_MAX, FORM_NAME_CAP, FORM_VALUES_MAX, REQUEST_BODY_CAP, capText, fitHeaders } from '../core/capture/limits';
import type { Cut } from '../core/capture/types';

const brand = (v: unknown): string => Object.prototype.toString.call(v);
const Decoder = TextDecoder;

/** Headers, [name, value][] or a plain record, as a lower-cased record; undefined when there are none. */
export function headerRecord(h: unknown): Record<string, string> | undefined {
  if (!h || typeof h !== 'object') return undefined;
  const out: Record<string, string> = Object.create(null);
  const add = (k: unknown, v: unknown) => {
    if (typeof k !== 'string' || typeof v !== 'string') return;
    const name = k.toLowerCase();
    out[name] = out[name] === undefined ? v : `${out[name]}, ${v}`;
  };
  if (brand(h) === '[object Headers]') {
    (h as Headers).forEach((v, k) => add(k, v));
  } else if (Array.isArray(h)) {
    for (const pair of h) if (Array.isArray(pair)) add(pair[0], pair[1]);
  } else {
    for (const [k, v] of Object.entries(h)) add(k, v);
  }
  return Object.keys(out).length ? fitHeaders(out) : undefined;
}

/** The raw header block of XMLHttpRequest.getAllResponseHeaders() as a record. */
export function parseHeaderBlock(block: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const line of block.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return fitHeaders(out);
}

export interface BodyText {
  bodyText?: string;
  form?: Record<string, string[]>;
  /** What was cut to the recorder's limits (limits.ts), so the step can say so. */
  cut?: Cut;
}

/** A text body cut to REQUEST_BODY_CAP, with its length when it was longer. */
function textBody(text: string): BodyText {
  return text.length > REQUEST_BODY_CAP ? { bodyText: text.slice(0, REQUEST_BODY_CAP), cut: { body: text.length } } : { bodyText: text };
}

/**
 * FormData's text fields, read only up to the recorder's form limits: the page's own call pays for
 * at most FORM_KEYS_MAX names and FORM_CAP chars, however large the form.
 */
function formOf(data: FormData): BodyText {
  const form: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let names = 0;
  let total = 0;
  let cut = false;
  let before = 0;
  for (const [k, v] of data) {
    if (typeof v !== 'string') continue;
    before += k.length + v.length;
    const name = capText(k, FORM_NAME_CAP);
    const have = form[name];
    if ((!have && names >= FORM_KEYS_MAX) || (have && have.length >= FORM_VALUES_MAX) || total >= FORM_CAP) {
      cut = true;
      continue;
    }
    if (!have) names++;
    const value = capText(v, Math.min(FIELD_CAP, FORM_CAP - total));
    if (value !== v || name !== k) cut = true;
    total += name.length + value.length;
    (form[name] ??= []).push(value);
  }
  return { form: Object.fromEntries(Object.entries(form)), ...(cut ? { cut: { form: before } } : {}) };
}

/** A request body as the prefilter and recogniser want it, when reading it costs nothing; cut to the limits. */
export function bodyOf(body: unknown): BodyText {
  if (typeof body === 'string') return textBody(body);
  const b = brand(body);
  if (b === '[object URLSearchParams]') return textBody(String(body));
  // Multipart: the wire text is not known here, the fields are (what webRequest gives as formData).
  if (b === '[object FormData]') return formOf(body as FormData);
  return {};
}

/** What readCapped read: the text up to the cap, and how much it had read when it stopped short. */
export interface Capped {
  text: string;
  /** Chars read when the cap was reached (more than the cap); absent when the body ended first. */
  cut?: number;
}

/** Reads up to the cap from a body stream (a clone's), then lets go, so a long or endless stream costs little. */
export async function readCapped(r: { body: ReadableStream<Uint8Array> | null }, cap = BODY_CAP): Promise<Capped> {
  if (!r.body) return { text: '' };
  const reader = r.body.getReader();
  const decoder = new Decoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > cap) {
      void reader.cancel().catch(() => undefined);
      return { text: capText(text, cap), cut: text.length };
    }
  }
  text += decoder.decode();
  return text.length > cap ? { text: capText(text, cap), cut: text.length } : { text };
}

/** Response types whose body is never an OAuth answer, or never ends. */
export const SKIP_BODY = /^(?:image|audio|video|font)\/|text\/event-stream|multipart\/x-mixed-replace/i;
