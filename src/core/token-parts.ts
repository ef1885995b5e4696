/**
 * The JSON parts of a compact JWS/JWE (RFC 7515 7.1, RFC 7516 7.1) as text, and which of them are
 * too deep or too large to show. decodeToken refuses a token nested past 64 levels (json-bounds.ts);
 * the panel still says how deep and how large its parts are, and lets the person copy them (issue 9).
 */
import { base64url } from 'jose';
import { JSON_MAX_BYTES, JSON_MAX_DEPTH, measureJson, tooBigMessage } from './safe-json';

/** Past this a token is not even measured: decodeToken already names its size. */
const MEASURE_MAX = 1024 * 1024;

const PARTS = [
  [0, 'header'],
  [1, 'payload'],
] as const;

/** A segment as the text it encodes; undefined when it is not base64url. */
export function segmentText(token: string, index: number): string | undefined {
  try {
    return new TextDecoder().decode(base64url.decode(token.trim().split('.', index + 1)[index] ?? ''));
  } catch {
    return undefined;
  }
}

export interface OversizedPart {
  part: 'header' | 'payload';
  segment: number;
  /** "too deep to show (depth > 32, 120001 bytes)" / "too large to show, N bytes". */
  message: string;
}

/**
 * The header and (for a JWS) payload whose JSON is deeper than 32 levels or larger than 64 KB.
 * JSON.parse reads any depth without recursion; measureJson walks it with a loop. Never throws.
 */
export function oversizedParts(token: string): OversizedPart[] {
  const t = token.trim();
  if (t.length > MEASURE_MAX) return [];
  const segments = t.split('.').length;
  const out: OversizedPart[] = [];
  for (const [segment, part] of PARTS) {
    if (part === 'payload' && segments !== 3) continue; // a JWE's second segment is the encrypted key
    const text = segmentText(t, segment);
    if (text === undefined) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue; // not JSON: decodeToken's reason says so
    }
    const m = measureJson(value);
    if (m.depth > JSON_MAX_DEPTH) out.push({ part, segment, message: tooBigMessage('too-deep', m) });
    else if (!m.complete || m.bytes > JSON_MAX_BYTES) out.push({ part, segment, message: tooBigMessage('too-large', m) });
  }
  return out;
}
