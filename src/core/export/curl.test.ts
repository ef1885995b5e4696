/** cURL commands (issue 13): safe single quotes for any value, back-channel steps only. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommands, curlForStep, shellQuote } from './curl';
import { CHROME_FLOWS, FIREFOX_FLOWS } from './export.fixtures';

describe('shellQuote', () => {
  it.each(["plain", "it's", "'; rm -rf / #", '$(id) `id` $HOME', 'a\nb', "''''", ''])('round-trips %j through sh untouched', (v) => {
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(v)}`]).toString()).toBe(v);
  });
});

describe('curlCommands', () => {
  it('leaves out front-channel steps and discovery; numbers each command by its step', () => {
    const f = CHROME_FLOWS()[0]!;
    const cmds = curlCommands(f);
    expect(cmds.every((c) => ['token-request', 'exchange'].includes(f.steps[c.step]!.kind))).toBe(true);
    expect(cmds.some((c) => c.label === 'Discovery')).toBe(false);
    expect(curlForStep(f, 1)).toBeUndefined();
    expect(curlForStep(f, cmds[0]!.step)).toBe(cmds[0]!.command);
  });

  it('puts secrets in only when asked', () => {
    const f = FIREFOX_FLOWS().find((x) => x.grant === 'client_credentials')!;
    expect(curlCommands(f)[0]!.command).not.toContain('grantscope-demo-secret');
    expect(curlCommands(f, { enabled: false })[0]!.command).toContain("'client_secret=grantscope-demo-secret'");
  });

  it('quotes a hostile header value so the shell sees one argument', () => {
    const f = CHROME_FLOWS()[0]!;
    const i = f.steps.findIndex((s) => s.kind === 'token-request');
    const s = f.steps[i]!;
    if (s.kind === 'token-request') s.headers['x-evil'] = "'; touch /tmp/pwned; echo '";
    const cmd = curlForStep(f, i, { enabled: false })!;
    expect(cmd).toContain(`-H 'x-evil: '\\''; touch /tmp/pwned; echo '\\'''`);
  });
});
