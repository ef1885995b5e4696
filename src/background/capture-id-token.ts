/**
 * After a recorded flow is stored: its issuer is confirmed if it can be (issuer-trust.ts), then its ID
 * tokens get the same checks as in launched flows (src/background/id-token.ts): the signature and
 * every OIDC Core 3.1.3.7 claim rule, with the nonce the app sent.
 *
 * The trust model (src/core/capture/trust.ts, rule 4) decides against what: the flow's confirmed
 * issuer and the jwks_uri of the document the worker fetched for it - never the token's own `iss`,
 * never a jwks_uri a page fetched or planted. With no confirmed issuer the signature reads "could not
 * verify: issuer not confirmed (why)" and the iss claim is not compared; such a step is checked again
 * once the issuer is confirmed.
 */
import { authParams } from '../core/capture/match';
import { UNCONFIRMED_KEY_SOURCE, idTokenKeys, unverified } from '../core/capture/trust';
import { notApplicable, type Finding } from '../core/finding';
import type { Flow, FlowStep } from '../core/flow';
import { idTokenOf } from '../core/tokens/id-token-steps';
import type { Verification } from '../core/verify';
import type { FlowStore } from './flow-store';
import { checkIdToken, previousIdentity, signatureFindings } from './id-token';
import { confirmFlowIssuer } from './issuer-trust';
import { logText } from '../core/redact';


const verificationOf = (s: FlowStep): Verification | undefined => ('verification' in s ? s.verification : undefined);

/** Steps with an ID token not checked yet, or checked while the issuer was not confirmed and now it is. */
function unchecked(f: Flow): number[] {
  const confirmed = !!f.capture?.issuerConfirmed;
  return f.steps.flatMap((s, i) => {
    if (!idTokenOf(s)) return [];
    const v = verificationOf(s);
    return !v || (confirmed && v.keySource === UNCONFIRMED_KEY_SOURCE) ? [i] : [];
  });
}

/** A step's identity that survives steps being inserted before it (steps are kept in time order). */
const stepKey = (s: FlowStep): string => `${s.kind}|${'seen' in s && s.seen ? s.seen.requestId : ''}|${s.at}`;

export async function checkCapturedIdTokens(store: FlowStore, id: string): Promise<void> {
  try {
    const f = await confirmFlowIssuer(store, id);
    if (!f || unchecked(f).length === 0) return;
    const keys = idTokenKeys(f);
    // The flow as the checks see it: the confirmed issuer and its keys, or no keys at all.
    const view: Flow = keys.ok ? { ...f, metadata: { issuer: keys.value.issuer, jwks_uri: keys.value.jwksUri } } : { ...f, metadata: { issuer: f.profile.issuer } };
    const sent = authParams(f) ?? {};
    const results = new Map<string, { verification: Verification; findings: Finding[] }>();
    for (const i of unchecked(f)) {
      const s = f.steps[i]!;
      const token = idTokenOf(s)!;
      const refresh = s.kind === 'token-response' && f.steps.slice(0, i).some((x) => x.kind === 'token-response');
      const flowKind = refresh ? 'refresh' : s.kind === 'callback' ? (s.params.code ? 'hybrid' : 'implicit') : 'code';
      const access = s.kind === 'token-response' && s.result.ok ? s.result.tokens.access_token : s.kind === 'callback' ? s.params.access_token : undefined;
      // After a refresh: the nonce the recorded request sent is the original one (OIDC Core 12.2), and
      // iss / sub are held to the ID token before it.
      const previous = refresh ? previousIdentity({ ...f, steps: f.steps.slice(0, i) }) : undefined;
      const r = await checkIdToken(view, token, {
        flow: flowKind,
        ...(sent.nonce ? { nonce: sent.nonce } : {}),
        ...(typeof access === 'string' ? { accessToken: access } : {}),
        ...(s.kind === 'callback' && s.params.code ? { code: s.params.code } : {}),
        ...(s.kind === 'callback' && s.params.state ? { state: s.params.state } : {}),
        ...(previous ? { previous } : {}),
      });
      if (!keys.ok) {
        // Rule 4: nothing is verified against a guessed issuer, neither the signature nor iss.
        r.verification = unverified(keys.error.message);
        const why = keys.error.message.replace(/^Could not verify: /, '');
        const sig = signatureFindings(r.verification);
        r.findings = r.findings.map((x) => (x.id === 'idtoken.iss' ? notApplicable('idtoken.iss', x.clause, `iss not compared: ${why}`) : x.id === 'idtoken.signature' ? sig[0]! : x.id === 'idtoken.kid' ? sig[1]! : x));
      }
      results.set(stepKey(s), r);
    }
    await store.update(id, (cur) => {
      let changed = false;
      for (const s of cur.steps) {
        const r = results.get(stepKey(s));
        if (!r) continue;
        if (s.kind === 'token-response') Object.assign(s, { verification: r.verification, findings: r.findings });
        else if (s.kind === 'callback') Object.assign(s, { verification: r.verification, idTokenFindings: r.findings });
        changed = true;
      }
      return changed ? cur : undefined;
    });
  } catch (e) {
    console.error('Grantscope: ID token check of a recorded flow failed:', logText(e));
  }
}
