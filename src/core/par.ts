/**
 * Pushed Authorization Requests, RFC 9126: the authorization request goes to the PAR endpoint as a
 * POST from the back channel, with client authentication (2), and the browser is then sent with
 * only client_id and the request_uri it got back (4).
 */
import { isBad, requiredString, seconds } from './answer-fields';
import { checkEndpoint, withQuery } from './authorize';
import type { AuthParts } from './client-auth';
import { failed, type Finding } from './finding';
import { badField, readJsonObject, type AnswerProblem, type HttpAnswer } from './json-answer';
import { fail, ok, type Result } from './result';
import { buildTokenRequest, type Pair, type TokenRequest } from './token-request';

export interface ParInput {
  parEndpoint: string;
  /** The authorization request parameters, client_id included (as from request-options.ts). */
  params: Record<string, string>;
  /** Parameters sent once per value (resource, RFC 8707 2). */
  repeated?: Record<string, string[]>;
  auth: AuthParts;
  /** RFC 9449 10.1: a DPoP proof on the PAR request binds the code to the key. */
  dpopProof?: string;
}

/** The request to the PAR endpoint (2.1), in the same shape as a token request. */
export function pushedAuthorizationRequest(input: ParInput): Result<TokenRequest> {
  const endpoint = checkEndpoint(input.parEndpoint, 'the PAR endpoint');
  if (!endpoint.ok) return endpoint;
  // 2.1: "The request_uri authorization request parameter is one exception, and it MUST NOT be provided."
  if (input.params.request_uri !== undefined) return fail('bad-param', 'request_uri must not be pushed (RFC 9126 2.1)');
  const clientId = input.params.client_id;
  if (!clientId) return fail('missing-param', 'client_id is empty');
  // client_id is an authorization parameter here and may also come with the client's authentication;
  // sent once, and two different ones are a mistake (2.1: they must identify the same client).
  const { client_id: authClientId, ...authParams } = input.auth.params;
  if (authClientId !== undefined && authClientId !== clientId) {
    return fail('client-id-mismatch', 'the client authentication is for another client_id than the request');
  }
  const { resource = [], ...others } = input.repeated ?? {};
  const pairs: Pair[] = [
    ...Object.entries(input.params),
    ...Object.entries(others).flatMap(([name, values]) => values.map((v): Pair => [name, v])),
  ];
  return buildTokenRequest(
    { tokenEndpoint: input.parEndpoint, auth: { headers: input.auth.headers, params: authParams }, resource, ...(input.dpopProof ? { dpopProof: input.dpopProof } : {}) },
    pairs,
  );
}

export interface ParResponse {
  request_uri: string;
  /** Seconds the request_uri lives. */
  expires_in: number;
  warnings: Finding[];
}

const NAMES = { endpoint: 'the PAR endpoint', response: 'the PAR response' };

/** 2.2 (success: 201 Created, request_uri and expires_in) and 2.3 (errors, as at the token endpoint). */
export function parseParResponse(answer: HttpAnswer): Result<ParResponse, AnswerProblem> {
  const read = readJsonObject(answer, NAMES);
  if (!read.ok) return read;
  const requestUri = requiredString(read.value, 'request_uri');
  if (isBad(requestUri)) return badField(answer, requestUri.field, requestUri.message);
  // 2.2: "the lifetime of the request URI in seconds as a positive integer".
  const expiresIn = seconds(read.value, 'expires_in', { min: 1 });
  if (isBad(expiresIn)) return badField(answer, expiresIn.field, expiresIn.message);
  const warnings: Finding[] = [];
  if (answer.status !== 201) {
    warnings.push(failed('par.status-201', 'warning', 'RFC 9126 2.2', `a PAR response should be 201 Created, got ${answer.status}`, { expected: '201', actual: String(answer.status) }));
  }
  // 2.2: the request_uri is a URI (a URN in the example); anything else is still passed back as is.
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(requestUri.value)) {
    warnings.push(failed('par.request-uri', 'warning', 'RFC 9126 2.2', 'request_uri is not a URI'));
  }
  return ok({ request_uri: requestUri.value, expires_in: expiresIn.value, warnings });
}

/** 4: the authorization request then carries "only the client_id and request_uri". */
export function authorizationUrlWithRequestUri(authorizationEndpoint: string, clientId: string, requestUri: string): Result<string> {
  if (!clientId) return fail('missing-param', 'client_id is empty');
  if (!requestUri) return fail('missing-param', 'request_uri is empty');
  return withQuery(authorizationEndpoint, [['client_id', clientId], ['request_uri', requestUri]]);
}
