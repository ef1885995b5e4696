/**
 * Reading a file for import (issue 13): a bundle or a HAR picked by name and content, each broken
 * file named by its problem, and a HAR's flows handed on as a bundle the worker reads back whole.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleText, exportBundle, importBundle } from '../../core/export/bundle';
import { CHROME_FLOWS } from '../../core/export/export.fixtures';
import { FILE_BYTES_MAX, PROBLEM_TITLES, readImport, sizeProblem } from './read-import';

const har = (name: string) => readFileSync(new URL(`../../../test/fixtures/har/${name}`, import.meta.url), 'utf8');

describe('readImport', () => {
  it('reads a HAR into a bundle whose flows are the HAR’s, not redacted, each marked imported from the file', () => {
    const r = readImport(har('chrome-code-pkce.har'), 'login.har', 7);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ kind: 'har', flows: 1 });
    expect(r.value.notices[0]).toMatch(/^\d+ of 11 entries were OAuth steps$/);
    const back = importBundle(r.value.text, 'login.har', 7);
    if (!back.ok) throw new Error(back.error.message);
    expect(back.value.flows[0]!.imported).toEqual({ file: 'login.har', at: 7 });
    expect(back.value.flows[0]!.steps.map((s) => s.kind)).toContain('token-response');
    // The HAR's own values stay: the person's file, stored only in this browser.
    expect(r.value.text).toContain('b4VRj41cQQ35EMeMsXlnADBJvEd2QB03Fn1rxR-Eo0_');
  });

  it('reads a HAR saved under another name, found by its log', () => {
    const r = readImport(har('firefox-implicit.har'), 'capture.json');
    expect(r.ok && r.value.kind).toBe('har');
  });

  it('reads a bundle as it is', () => {
    const text = bundleText(exportBundle(CHROME_FLOWS()));
    const r = readImport(text, 'ticket.json');
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({ kind: 'bundle', text, flows: 1, redacted: true });
  });

  it.each([
    ['broken-truncated.har', 'truncated'],
    ['broken-wrong-version.har', 'wrong-version'],
    ['broken-no-oauth.har', 'no-oauth'],
    ['broken-not-har.har', 'not-har'],
  ])('%s is named %s', (file, code) => {
    const r = readImport(har(file), file);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
    if (!r.ok) expect(r.error.title).toBe(PROBLEM_TITLES[r.error.code]);
  });

  it.each([
    ['{"hello":"world"}', 'not-bundle'],
    ['{"format":"grantscope-bundle","version":9,"flows":[]}', 'unknown-version'],
    ['{"format":"grantscope-bundle","version":1,"exportedAt":"x","redacted":true,"receipt":{},"flows":[{"id":"x"}]}', 'bad-flow'],
    ['{"format":"grantscope-bundle",', 'not-json'],
    ['<html>', 'not-json'],
  ])('a .json file %s is named %s', (text, code) => {
    const r = readImport(text, 'x.json');
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('refuses a file from its size alone, before reading it', () => {
    expect(sizeProblem('big.har', FILE_BYTES_MAX)).toBeUndefined();
    expect(sizeProblem('big.har', FILE_BYTES_MAX + 1)?.error).toMatchObject({ code: 'too-large', title: 'File too large' });
  });
});
