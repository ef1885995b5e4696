/** The export/download message's shape (validate.ts): a blob: URL of an extension page and a file name the panel builds, nothing else. */
import { describe, expect, it } from 'vitest';
import { validPayload } from './validate';

describe('export/download payload', () => {
  it.each([
    [{ url: 'blob:chrome-extension://abcdefghijklmnop/6f1c2d3e-0000-4000-8000-000000000000', filename: 'grantscope-flow-20261128-203415.md' }, true],
    [{ url: 'blob:moz-extension://5b0c7e52-8f3a-4d61-9c2e-7a1d4f6b3e90/1d2e3f40-0000-4000-8000-000000000000', filename: 'grantscope-3-flows-20261128-203415-UNREDACTED.har' }, true],
    // Anything the downloads API would fetch from elsewhere, or write elsewhere.
    [{ url: 'https://example.com/x.md', filename: 'a.md' }, false],
    [{ url: 'data:text/plain,secret', filename: 'a.md' }, false],
    [{ url: 'blob:https://example.com/6f1c2d3e', filename: 'a.md' }, false],
    [{ url: 'blob:chrome-extension://abc/6f1c', filename: '../../.bashrc' }, false],
    [{ url: 'blob:chrome-extension://abc/6f1c', filename: 'dir/a.md' }, false],
    [{ url: 'blob:chrome-extension://abc/6f1c', filename: '.profile.sh' }, false],
    [{ url: 'blob:chrome-extension://abc/6f1c', filename: 'a.exe' }, false],
    [{ url: 'blob:chrome-extension://abc/6f1c', filename: 'a.md', text: 'the text itself' }, false],
    [{ url: 'blob:chrome-extension://abc/6f1c' }, false],
    [null, false],
  ])('%j -> %s', (payload, ok) => {
    expect(validPayload('export/download', payload)).toBe(ok);
  });
});
