/**
 * Reading what the page sent and got, without changing anything the page can see: header lists of
 * every shape fetch accepts, request bodies only when they are already text (string, URLSearchParams,
 * FormData: never a Blob or a stream, which would cost a read), response bodies from a clone, capped.
 * Brand checks use Object.prototype.toString so objects from another frame's realm still count.
 */
import { BODY_CAP, capText, fitHeaders } from '../core/capture/limits';

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
}

/** A request body as the prefilter and recogniser want it, when reading it costs nothing. */
export function bodyOf(body: unknown): BodyText {
  if (typeof body === 'string') return { bodyText: capText(body) };
  const b = brand(body);
  if (b === '[object URLSearchParams]') return { bodyText: capText(String(body)) };
  if (b === '[object FormData]') {
    // Multipart: the wire text is not known here, the fields are (what webRequest gives as formData).
    const form: Record<string, string[]> = {};
    for (const [k, v] of body as FormData) if (typeof v === 'string') (form[k] ??= []).push(v);
    return { form };
  }
  return {};
}

/** Reads up to the cap from a body stream (a clone's), then lets go, so a long or endless stream costs little. */
export async function readCapped(r: { body: ReadableStream<Uint8Array> | null }, cap = BODY_CAP): Promise<string> {
  if (!r.body) return '';
  const reader = r.body.getReader();
  const decoder = new Decoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length >= cap) {
      void reader.cancel().catch(() => undefined);
      return capText(text, cap);
    }
  }
  return capText(text + decoder.decode(), cap);
}

/** Response types whose body is never an OAuth answer, or never ends. */
export const SKIP_BODY = /^(?:image|audio|video|font)\/|text\/event-stream|multipart\/x-mixed-replace/i;
