/**
 * Member checks shared by the JSON answers that are not token responses (device authorization,
 * PAR). Each gives the value or the field and a message; messages name the field and never show
 * its value, since device_code and request_uri are credentials of a kind.
 */
import { kind } from './json-answer';

export type Check<T> = { value: T } | { field: string; message: string };

export const isBad = <T>(c: Check<T>): c is { field: string; message: string } => !('value' in c);

/** Present, a string, not empty. */
export function requiredString(doc: Record<string, unknown>, name: string): Check<string> {
  const v = doc[name];
  if (v === undefined) return { field: name, message: `${name} is missing` };
  if (typeof v !== 'string') return { field: name, message: `${name} must be a string, got ${kind(v)}` };
  if (v === '') return { field: name, message: `${name} is empty` };
  return { value: v };
}

/** An absolute http(s) URL: a person is sent there, so it must be one we can show and link. */
export function httpUrl(doc: Record<string, unknown>, name: string, required: boolean): Check<string | undefined> {
  if (!required && doc[name] === undefined) return { value: undefined };
  const s = requiredString(doc, name);
  if (isBad(s)) return s;
  const good = URL.canParse(s.value) && /^https?:$/.test(new URL(s.value).protocol);
  return good ? s : { field: name, message: `${name} must be an absolute http(s) URL` };
}

/** A JSON number of seconds, >= `min`; `fallback` when absent, if there is one. */
export function seconds(doc: Record<string, unknown>, name: string, opts: { fallback?: number; min?: number } = {}): Check<number> {
  const v = doc[name];
  const min = opts.min ?? 0;
  if (v === undefined && opts.fallback !== undefined) return { value: opts.fallback };
  if (v === undefined) return { field: name, message: `${name} is missing` };
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    const got = typeof v === 'number' ? String(v) : kind(v); // a number of seconds is no secret
    return { field: name, message: `${name} must be a number of seconds${min > 0 ? `, at least ${min}` : ', not negative'}, got ${got}` };
  }
  return { value: v };
}
