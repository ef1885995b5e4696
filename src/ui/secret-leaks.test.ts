/**
 * What the panel's tables and URLs put on screen before Reveal (issue 9, "masking by rule"): rendered
 * by Preact into the fake DOM, so the assertion is on the text a person would see.
 */
import { h, render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeRoot, releaseFakeDom, type FakeElement } from './fake-dom';
import { ParamTable } from './param-table';
import { MaskedUrl } from './secret';

let root: FakeElement | undefined;

async function show(vnode: ComponentChildren): Promise<FakeElement> {
  root = fakeRoot();
  await act(() => render(vnode, root as unknown as Element));
  return root;
}

afterEach(async () => {
  if (root) await act(() => render(null, root as unknown as Element));
  root = undefined;
  releaseFakeDom();
});

const S = 'Sx7k2Qp9';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';

describe('ParamTable before Reveal', () => {
  it.each([
    ['accessToken', S],
    ['access_token[]', S],
    ['ACCESS-TOKEN', S],
    ['redirect_uri', `https://rp.example/cb?code=${S}`],
    ['return_to', encodeURIComponent(`https://rp.example/cb?code=${S}`)],
    ['error_description', `The token ${JWT} has expired`],
    ['post_logout_redirect_uri', `https://rp.example/bye?id_token_hint=${S}`],
    // A token answer's extra field, stringified by the token card (steps.tsx, "token-fields").
    ['data', JSON.stringify({ user: 'ann', refresh_token: S })],
    ['authorization_details', JSON.stringify([{ type: 'x', credential: { secret: S } }])],
  ])('%s', async (name, value) => {
    const r = await show(h(ParamTable, { params: { state: 'st4te', [name]: value } }));
    expect(r.textContent).not.toContain(S);
    expect(r.textContent).not.toContain(JWT);
    expect(r.textContent).toContain('st4te');
  });

  it('shows a readable value as it is, with no Reveal', async () => {
    const r = await show(h(ParamTable, { params: { redirect_uri: 'https://rp.example/cb', state: 'Zm9vYmFyYmF6cXV4cXV1eA' } }));
    expect(r.textContent).toContain('https://rp.example/cb');
    expect(r.textContent).toContain('Zm9vYmFyYmF6cXV4cXV1eA');
    expect(r.textContent).not.toContain('Reveal');
  });
});

describe('MaskedUrl before Reveal', () => {
  it.each([
    `https://rp.example/#/callback?state=x&access_token=${S}`,
    `https://idp.example/next?redirect_uri=${encodeURIComponent(`https://rp.example/cb?code=${S}`)}`,
    `https://rp.example/cb?state=x;code=${S}`,
  ])('%s', async (url) => {
    const r = await show(h(MaskedUrl, { url }));
    expect(r.textContent).not.toContain(S);
    expect(r.textContent).toContain('Reveal');
  });
});
