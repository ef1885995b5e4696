/**
 * A time claim or moment shown for people (issue 11, item 4): the local date with how far it is from
 * now, counting live, and the raw number on hover - never only a ten-digit number.
 */
import { whenText, whenTitle } from './format';
import { useNow } from './use-now';

/** How each time claim reads before and after its moment ("expires in 4 min", "expired 3 h ago"). */
export const TIME_CLAIM_VERBS: Readonly<Record<string, readonly [string, string]>> = {
  exp: ['expires', 'expired'],
  nbf: ['valid', 'became valid'],
  iat: ['issued', 'issued'],
  auth_time: ['authenticated', 'authenticated'],
  updated_at: ['updated', 'updated'],
};

export const isTimeClaim = (name: string): boolean => Object.hasOwn(TIME_CLAIM_VERBS, name);

/** `seconds` is a NumericDate; `claim` picks the verbs. A number that is no date shows as itself, said so. */
export function When({ seconds, claim }: { seconds: number; claim?: string }) {
  const now = useNow(1000);
  const text = whenText(seconds, now, claim ? TIME_CLAIM_VERBS[claim] : undefined);
  return (
    <span class="when" title={whenTitle(seconds)} data-seconds={String(seconds)}>
      {text ?? `${seconds} (not a date: NumericDate is seconds since 1970, RFC 7519 2)`}
    </span>
  );
}
