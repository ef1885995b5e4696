/** cURL commands (issue 13): safe single quotes for any value, back-channel steps only. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommands, curlForStep, curlScript, shellQuote } from './curl';
import { ALL_FLOWS, CHROME_FLOWS, FIREFOX_FLOWS, leaks } from './export.fixtures';

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

describe('curlScript', () => {
  it('is one script: a statement on top, each command under its step, the receipt as comments at the end', () => {
    const text = curlScript(ALL_FLOWS());
    expect(leaks(text)).toEqual([]);
    expect(text.startsWith('# Redacted by Grantscope')).toBe(true);
    expect(text).toMatch(/# flow 1, step 4: token request \(authorization_code\)\ncurl -X 'POST'/);
    expect(text.trimEnd().split('\n').slice(-3).every((l) => l.startsWith('# '))).toBe(true);
    expect(curlScript(ALL_FLOWS(), { enabled: false }).startsWith('# NOT REDACTED')).toBe(true);
  });

  it('runs in sh as comments and curl calls only (curl stubbed)', () => {
    const text = curlScript(CHROME_FLOWS());
    const out = execFileSync('sh', ['-c', `curl() { printf '%s\\n' "$#"; }\n${text}`]).toString().trim().split('\n');
    expect(out.length).toBe(5);
  });
});
