/** The Raw view of a step, before Reveal: tries to get a short opaque secret past the masking (issue 9). */
import { describe, expect, it } from 'vitest';
import type { FlowStep } from '../core/flow';
import { rawText } from './raw-text';

const S = 'Sx7k2Qp9';

const answer = (bodyText: string, headers: Record<string, string> = {}): FlowStep =>
  ({ kind: 'token-response', at: 0, status: 200, headers, bodyText, result: { ok: false, problem: 'network', message: '', status: 0 } }) as unknown as FlowStep;
const callback = (url: string, params: Record<string, string>, source = 'query'): FlowStep =>
  ({ kind: 'callback', at: 0, url, params, source, findings: [] }) as unknown as FlowStep;

describe('rawText before Reveal', () => {
  it.each([
    ['callback, SPA route', callback(`https://rp.example/#/cb?state=x&access_token=${S}`, {}, 'fragment')],
    ['callback, nested redirect_uri', callback(`https://rp.example/cb?next=${encodeURIComponent(`https://a/cb?code=${S}`)}`, {})],
    ['form_post callback', callback('https://rp.example/cb', { code: S, state: 'x' }, 'form_post')],
    ['answer, nested JSON', answer(`{"data":{"refresh_token":"${S}"}}`)],
    ['answer, array under a secret name', answer(`{"refresh_tokens":["${S}"]}`)],
    ['answer, form-encoded', answer(`access_token=${S}&scope=repo`)],
    ['answer, form_post page', answer(`<input type=hidden name=code value=${S}>`)],
    ['answer, Set-Cookie', answer('{}', { 'Set-Cookie': `sid=${S}; Path=/` })],
    ['answer, Refresh header', answer('', { Refresh: `0; url=https://rp.example/cb?code=${S}` })],
    ['answer, Link header', answer('', { Link: `<https://rp.example/cb?code=${S}>; rel="next"` })],
    ['answer, WWW-Authenticate echoing a token', answer('', { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="token=${S}"` })],
  ])('%s', (_l, step) => {
    expect(rawText(step, false)).not.toContain(S);
    expect(rawText(step, true)).toContain(S);
  });
});
