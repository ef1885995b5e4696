/**
 * Rules about the authorization response, the callback (guide oauth-rules.md, "Authorization
 * response"). Each is judged over the flow from its callback step (judge-callback.ts), so launched and
 * recorded flows read alike and a callback never seen reads "not seen". error / error_description are
 * shown as data by the timeline; no rule needs them.
 */
import { duplicateParams, implicitInQuery, issMismatch, issMissing, responseModeFollowed, stateMismatch, stateMissing, stateUnexpected } from '../callback-checks';
import { callbackJudge } from './judge-callback';
import { MULTIPLE_RESPONSE_TYPES, OIDC_CORE, rfc } from './link';
import type { RuleDef } from './types';

const STATE = 'RFC 6749 4.1.2, 10.12';
const ISS = 'RFC 9207 2.4';

export const CALLBACK_RULES: readonly RuleDef[] = [
  {
    id: 'state.missing',
    title: 'The state sent comes back',
    severity: 'error',
    set: 'core',
    clause: STATE,
    link: rfc(6749, '4.1.2'),
    decidedBy: 'callback',
    judge: callbackJudge('state.missing', STATE, (p, e, ev) => stateMissing(p, e.state, ev), true),
  },
  {
    id: 'state.mismatch',
    title: 'The state that comes back is the one sent',
    severity: 'error',
    set: 'core',
    clause: STATE,
    link: rfc(6749, '10.12'),
    decidedBy: 'callback',
    judge: callbackJudge('state.mismatch', STATE, (p, e, ev) => stateMismatch(p, e.state, ev), true),
  },
  {
    id: 'state.unexpected',
    title: 'No state comes back when none was sent',
    severity: 'warning',
    set: 'core',
    clause: 'RFC 6749 4.1.2',
    link: rfc(6749, '4.1.2'),
    decidedBy: 'callback',
    judge: callbackJudge('state.unexpected', 'RFC 6749 4.1.2', (p, e, ev) => stateUnexpected(p, e.state, ev), true),
  },
  {
    id: 'callback.duplicate-param',
    title: 'No response parameter appears twice',
    severity: 'error',
    set: 'core',
    clause: 'RFC 6749 3.1',
    link: rfc(6749, '3.1'),
    decidedBy: 'callback',
    judge: callbackJudge('callback.duplicate-param', 'RFC 6749 3.1', (p, _e, ev) => duplicateParams(p, ev)),
  },
  {
    id: 'callback.iss.missing',
    title: 'The iss parameter is present when the server advertises it',
    severity: 'error',
    set: 'core',
    clause: ISS,
    link: rfc(9207, '2.4'),
    decidedBy: 'callback',
    judge: callbackJudge('callback.iss.missing', ISS, issMissing),
  },
  {
    id: 'callback.iss.mismatch',
    title: 'The iss parameter equals the issuer exactly',
    severity: 'error',
    set: 'core',
    clause: ISS,
    link: rfc(9207, '2.4'),
    decidedBy: 'callback',
    judge: callbackJudge('callback.iss.mismatch', ISS, issMismatch),
  },
  {
    id: 'callback.implicit-in-query',
    title: 'Implicit and hybrid answers come in the fragment, never the query',
    severity: 'error',
    set: 'core',
    clause: 'OIDC Core 3.2.2.5, 3.3.2.5',
    link: OIDC_CORE,
    decidedBy: 'callback',
    judge: callbackJudge('callback.implicit-in-query', 'OIDC Core 3.2.2.5, 3.3.2.5', (p, e, ev) => implicitInQuery(p, e.responseType, ev)),
  },
  {
    id: 'callback.response-mode',
    title: 'The answer comes where the response mode puts it',
    severity: 'error',
    set: 'core',
    clause: 'OAuth 2.0 Multiple Response Types 2.1, 5',
    link: MULTIPLE_RESPONSE_TYPES,
    decidedBy: 'callback',
    judge: callbackJudge('callback.response-mode', 'OAuth 2.0 Multiple Response Types 2.1, 5', responseModeFollowed),
  },
];
