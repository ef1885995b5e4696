/**
 * The error boundary and the token view, rendered by Preact into a fake DOM (fake-dom.ts): a part that
 * throws shows "This part could not be shown" while its siblings still render (issue 9, dead panel).
 */
import { base64url } from 'jose';
import { h, render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';
import { fakeRoot, releaseFakeDom, type FakeElement } from './fake-dom';
import { TokenView } from './token-view';

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

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';

function Boom({ message }: { message: string }): never {
  throw new RangeError(message);
}

describe('ErrorBoundary', () => {
  it('shows a failing part as a line, and its siblings as usual', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const r = await show(
      h('ol', null, [
        h('li', { key: 1 }, h(ErrorBoundary, { label: 'step 1' }, h('span', null, 'first step'))),
        h('li', { key: 2 }, h(ErrorBoundary, { label: 'step 2' }, h(Boom, { message: `Maximum call stack size exceeded near ${JWT}` }))),
        h('li', { key: 3 }, h(ErrorBoundary, { label: 'step 3' }, h('span', null, 'third step'))),
      ]),
    );
    const text = r.textContent;
    expect(text).toContain('first step');
    expect(text).toContain('third step');
    const [failed, ...more] = r.byAttr('data-testid', 'error-boundary');
    expect(more).toHaveLength(0);
    expect(failed!.getAttribute('data-part')).toBe('step 2');
    expect(failed!.textContent).toContain('This part could not be shown: Maximum call stack size exceeded near [redacted]');
    expect(text).not.toContain(JWT); // neither on screen...
    expect(String(warn.mock.calls)).not.toContain(JWT); // ...nor in the console
    warn.mockRestore();
  });

  it('tries again on "Try again"', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let fail = true;
    const Flaky = () => {
      if (fail) throw new Error('not yet');
      return h('span', null, 'shown now');
    };
    const r = await show(h(ErrorBoundary, { label: 'flaky' }, h(Flaky, null)));
    expect(r.textContent).toContain('This part could not be shown: not yet');
    fail = false;
    const button = r.findAll((e) => e.localName === 'button' && e.textContent === 'Try again')[0]!;
    await act(() => button.click());
    expect(r.textContent).toBe('shown now');
    vi.restoreAllMocks();
  });
});

describe('TokenView with a hostile token', () => {
  const enc = (s: string) => base64url.encode(s);
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  it('a 20,000-deep ID token: "too deep" with Copy, no error', async () => {
    const token = `${enc('{"alg":"RS256"}')}.${enc(`{"iss":"https://i.example","a":${deep(20_000)}}`)}.${enc('sig')}`;
    const r = await show(h(TokenView, { name: 'id_token', value: token }));
    expect(r.byAttr('data-testid', 'error-boundary')).toHaveLength(0);
    const [payload] = r.byAttr('data-testid', 'jwt-payload');
    expect(payload!.textContent).toMatch(/^too deep to show \(depth > 32, \d+ bytes\)Copy$/);

    // Copy gives the payload's own text, through the page's clipboard (no extension API).
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const copy = payload!.findAll((e) => e.localName === 'button')[0]!;
    expect(copy.getAttribute('aria-label')).toBe('Copy id_token payload');
    await act(async () => {
      copy.click();
      await Promise.resolve(); // the clipboard's answer
    });
    expect(writeText).toHaveBeenCalledWith(`{"iss":"https://i.example","a":${deep(20_000)}}`);
    expect(payload!.textContent).toContain('Copied');
    vi.unstubAllGlobals();
  });

  it('40 deep (decoded, but past the display budget): the payload and the claim say "too deep"', async () => {
    const payload = `{"iss":"https://i.example","a":${deep(40)}}`;
    const token = `${enc('{"alg":"RS256"}')}.${enc(payload)}.${enc('sig')}`;
    const r = await show(h(TokenView, { name: 'id_token', value: token }));
    expect(r.byAttr('data-testid', 'error-boundary')).toHaveLength(0);
    expect(r.byAttr('data-testid', 'jwt-header')[0]!.textContent).toBe(JSON.stringify({ alg: 'RS256' }, null, 2));
    expect(r.byAttr('data-testid', 'jwt-payload')[0]!.textContent).toBe(`too deep to show (depth > 32, ${payload.length} bytes)Copy`);
    expect(r.byAttr('data-claim', 'iss')[0]!.textContent).toContain('https://i.example');
    expect(r.byAttr('data-claim', 'a')[0]!.textContent).toContain(`too deep to show (depth > 32, ${deep(40).length} bytes)Copy`);
  });

  it('an ordinary token shows its payload as JSON', async () => {
    const r = await show(h(TokenView, { name: 'access_token', value: JWT }));
    expect(r.byAttr('data-testid', 'jwt-payload')[0]!.textContent).toBe(JSON.stringify({ sub: '1234567890' }, null, 2));
  });
});
