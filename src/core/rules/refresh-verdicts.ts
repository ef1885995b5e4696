/**
 * Verdicts of the refresh actions and active tests (src/background/actions.ts runs them; the rules are
 * in catalog-refresh.ts). Pure: each takes what the action saw and returns the catalog's findings,
 * with the parameter named and no token value in the evidence.
 */
import { failed, type Finding, notApplicable, passed } from '../finding';
import type { Flow } from '../flow';
import { scopesAdded } from '../grants';

/** What changed between two token sets (RFC 6749 6; RFC 9700 2.2.2; OIDC Core 12.2): catalog-refresh.ts's rules. */
export function compareTokenSets(flow: Flow, before: Record<string, unknown>, after: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const rtBefore = before.refresh_token;
  const rtAfter = after.refresh_token;
  if (typeof rtAfter !== 'string') out.push(notApplicable('refresh.rotated', 'RFC 6749 6', 'no new refresh token came: the old one stays in use'));
  else if (rtAfter !== rtBefore) out.push(passed('refresh.rotated', 'RFC 9700 4.14.2', 'the refresh token rotated: a new one came and the old one should now be spent', { param: 'refresh_token' }));
  else if (flow.profile.authMethod === 'none' && String(after.token_type).toLowerCase() !== 'dpop') {
    out.push(failed('refresh.rotated', 'warning', 'RFC 9700 2.2.2', 'a public client’s refresh token neither rotated nor is sender-constrained', { param: 'refresh_token', expected: 'a new refresh token or DPoP', actual: 'the same refresh token' }));
  } else out.push(passed('refresh.rotated', 'RFC 6749 6', 'the same refresh token came back (allowed for a confidential or sender-constrained client)', { param: 'refresh_token' }));
  out.push(
    after.access_token !== before.access_token
      ? passed('refresh.access-token-new', 'RFC 6749 6', 'a new access token was issued', { param: 'access_token' })
      : failed('refresh.access-token-new', 'warning', 'RFC 6749 6', 'the access token is the same as before', { param: 'access_token' }),
  );
  // Scopes the new set has that the old one did not (an omitted scope means "as before", RFC 6749 5.1).
  const had = grantedScope(flow, before);
  const wider = had === undefined || typeof after.scope !== 'string' ? [] : scopesAdded(after.scope, had);
  out.push(
    wider.length === 0
      ? passed('refresh.scope-not-widened', 'RFC 6749 6', `scope ${String(after.scope ?? '(unchanged, not returned)')} is no wider than before`, { param: 'scope' })
      : failed('refresh.scope-not-widened', 'error', 'RFC 6749 6', `the refresh widened the scope (added ${wider.join(' ')})`, { param: 'scope', expected: had ?? '', actual: String(after.scope ?? '') }),
  );
  if (after.expires_in !== undefined) out.push(passed('refresh.lifetime', 'RFC 6749 5.1', `the new access token lives ${String(after.expires_in)} s (before: ${String(before.expires_in ?? 'not said')})`, { param: 'expires_in' }));
  return out;
}

/** The scope the flow was granted: the newest token set's, else what the authorization request asked (RFC 6749 5.1: omitted = as asked). */
export function grantedScope(flow: Flow, before: Record<string, unknown>): string | undefined {
  if (typeof before.scope === 'string') return before.scope;
  const asked = flow.steps.find((s) => s.kind === 'authorization-request');
  return asked?.kind === 'authorization-request' ? asked.params.scope : undefined;
}

/**
 * The down-scope test's verdicts (RFC 6749 6: the requested scope "MUST NOT include any scope not
 * originally granted"). Asking WIDER on purpose and being refused with invalid_scope is the provider
 * doing right, and being granted it is a failure; asking narrower and getting it shows narrowing works,
 * being refused it is a warning (narrowing is what a refresh may do).
 */
export function downscopeVerdict(asked: string, granted: string | undefined, after: Record<string, unknown> | undefined, error: string | undefined): Finding[] {
  const clause = 'RFC 6749 6';
  const wider = granted === undefined ? [] : scopesAdded(asked, granted);
  if (after) {
    // An omitted scope means "as asked" (RFC 6749 5.1).
    const got = String(after.scope ?? asked);
    const beyondAsked = scopesAdded(got, asked);
    const beyondGranted = granted === undefined ? [] : scopesAdded(got, granted);
    if (beyondAsked.length || beyondGranted.length) {
      const extra = [...new Set([...beyondAsked, ...beyondGranted])];
      return [failed('refresh.downscope', 'error', clause, `asked for "${asked}" and got "${got}": wider than ${beyondGranted.length ? 'originally granted' : 'asked'} (${extra.join(' ')})`, { param: 'scope', expected: beyondGranted.length ? (granted ?? asked) : asked, actual: got })];
    }
    return [
      passed('refresh.downscope', clause, `asked for "${asked}", got "${String(after.scope ?? '(not returned: as asked)')}": never wider`, { param: 'scope' }),
      ...(granted !== undefined && scopesAdded(granted, asked).length ? [passed('refresh.narrowing-allowed', clause, `the narrower scope "${asked}" was granted`, { param: 'scope' })] : []),
    ];
  }
  if (error === 'invalid_scope') {
    return wider.length
      ? [passed('refresh.downscope', clause, `asked for "${asked}", wider than granted (${wider.join(' ')} added): refused with invalid_scope, never wider`, { param: 'scope', actual: 'invalid_scope' })]
      : [failed('refresh.narrowing-allowed', 'warning', clause, `asked for "${asked}", no wider than granted${granted === undefined ? ' (as far as known)' : ''}, and refused with invalid_scope: a refresh may narrow the scope`, { param: 'scope', expected: 'tokens for the narrower scope', actual: 'invalid_scope' })];
  }
  return [notApplicable('refresh.downscope', clause, `the refresh was refused (${error ?? 'no OAuth answer'}): nothing to compare`)];
}

/** What an introspection said of the refresh token a refresh was refused for (RFC 7662 2.2). */
export type Introspected = 'inactive' | 'active' | 'unknown';

/**
 * A refresh refused with invalid_grant: was the token revoked? Introspection answers that; failing
 * it, a revocation this flow already knows of (Flow.revoked: its reuse test, a Revoke). A token the
 * provider calls active yet refuses is a warning (RFC 6749 6 says a valid one is accepted).
 */
export function revokedVerdict(error: string, introspected: Introspected, known?: { why: string }): Finding {
  const clause = 'RFC 7009 2, RFC 6749 5.2';
  if (introspected === 'inactive') {
    return passed('refresh.revoked', clause, `the refresh token was already revoked or expired (introspection: active false)${known ? `: ${known.why}` : ''}; the provider refused it with ${error}`, { param: 'refresh_token', actual: error });
  }
  if (introspected === 'active') {
    return failed('refresh.revoked', 'warning', clause, `the provider refused the refresh token with ${error}, though its introspection says it is active`, { param: 'refresh_token', expected: 'new tokens', actual: error });
  }
  if (known) return passed('refresh.revoked', clause, `the refresh token is revoked (${known.why}); the provider refused it with ${error}`, { param: 'refresh_token', actual: error });
  return notApplicable('refresh.revoked', clause, `the provider refused the refresh token with ${error}; it could not be introspected to tell whether it was revoked or expired`);
}
