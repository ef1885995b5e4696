/**
 * The importers never throw and always answer (issue 13): HAR and bundle text of any shape, cut
 * anywhere, or mutated JSON; and redaction never lets a secret-named value through, whatever it is.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { bundleText, exportBundle, importBundle } from './bundle';
import { CHROME_FLOWS, harText } from './export.fixtures';
import { curlCommands } from './curl';
import { exportHar, harText as harTextOf } from './har';
import { importHar } from './har-import';
import { reportHtml } from './report-html';
import { reportMarkdown } from './report-md';
import { Redactor } from './redactor';

const HAR = harText('chrome-code-pkce.har');
const BUNDLE = bundleText(exportBundle(CHROME_FLOWS()));

const answers = (r: { ok: boolean }) => typeof r.ok === 'boolean';

describe('importers under fuzzing', () => {
  it('importHar answers any text, and any cut of a real HAR', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => answers(importHar(s, 'f.har'))), { numRuns: 300 });
    fc.assert(fc.property(fc.nat({ max: HAR.length }), (n) => answers(importHar(HAR.slice(0, n), 'f.har'))), { numRuns: 60 });
  });

  it('importHar answers JSON of any shape inside a HAR log', () => {
    fc.assert(
      fc.property(fc.array(fc.anything({ maxDepth: 4 }), { maxLength: 8 }), (entries) => answers(importHar(JSON.stringify({ log: { version: '1.2', creator: {}, entries } }) ?? '', 'f.har'))),
      { numRuns: 200 },
    );
  });

  it('importHar answers a real HAR with one field replaced by anything', () => {
    const doc = JSON.parse(HAR) as { log: { entries: Record<string, unknown>[] } };
    const fields = ['request', 'response', 'startedDateTime', 'time', '_resourceType'];
    fc.assert(
      fc.property(fc.nat({ max: doc.log.entries.length - 1 }), fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), (i, field, v) => {
        const copy = structuredClone(doc);
        copy.log.entries[i]![field] = v;
        return answers(importHar(JSON.stringify(copy), 'f.har'));
      }),
      { numRuns: 150 },
    );
  });

  it('importBundle answers any text, and any cut of a real bundle', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => answers(importBundle(s, 'b.json'))), { numRuns: 300 });
    fc.assert(fc.property(fc.nat({ max: BUNDLE.length }), (n) => answers(importBundle(BUNDLE.slice(0, n), 'b.json'))), { numRuns: 60 });
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => answers(importBundle(JSON.stringify({ format: 'grantscope-bundle', version: 1, flows: [v] }), 'b.json'))), { numRuns: 200 });
  });
});

describe('redaction under fuzzing', () => {
  const secret = fc.stringMatching(/^[A-Za-z0-9_-]{16,48}$/);
  const name = fc.constantFrom('code', 'access_token', 'refresh_token', 'client_secret', 'code_verifier', 'password', 'client_assertion', 'device_code', 'token');

  it('a secret-named value never survives in a URL query or fragment, a form, JSON, or a header', () => {
    fc.assert(
      fc.property(name, secret, fc.string({ maxLength: 30 }), (n, s, noise) => {
        const r = new Redactor();
        const q = encodeURIComponent(noise);
        const outs = [
          r.url(`https://rp.example/cb?x=${q}&${n}=${s}&y=1`),
          r.url(`https://rp.example/cb#${n}=${s}&state=${q}`),
          r.body(`a=${q}&${n}=${s}`),
          r.body(JSON.stringify({ [n]: s, note: noise })),
          r.header('Authorization', `Bearer ${s}`),
        ];
        return outs.every((o) => !o.includes(s));
      }),
      { numRuns: 300 },
    );
  });
});

describe('redaction of whole flows under fuzzing', () => {
  it('a secret put anywhere a flow keeps one is in no format', () => {
    const base = CHROME_FLOWS()[0]!;
    const place = fc.constantFrom('verifier', 'bearer', 'fragment', 'answer', 'cookie', 'assertion', 'userinfo');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{20,60}$/), place, (s, where) => {
        const f = structuredClone(base);
        const req = f.steps.find((x) => x.kind === 'token-request')!;
        const res = f.steps.find((x) => x.kind === 'token-response')!;
        const cb = f.steps.find((x) => x.kind === 'callback')!;
        const ui = f.steps.find((x) => x.kind === 'exchange' && x.label === 'Userinfo')!;
        if (req.kind !== 'token-request' || res.kind !== 'token-response' || cb.kind !== 'callback' || ui.kind !== 'exchange') return false;
        if (where === 'verifier') req.params.code_verifier = s;
        if (where === 'bearer') ui.request.headers.authorization = `Bearer ${s}`;
        if (where === 'fragment') cb.url = `${cb.url}#access_token=${s}&token_type=Bearer`;
        if (where === 'answer') res.bodyText = JSON.stringify({ access_token: s, token_type: 'Bearer' });
        if (where === 'cookie') req.headers.cookie = `sid=${s}; theme=dark`;
        if (where === 'assertion') req.params.client_assertion = s;
        if (where === 'userinfo') ui.request.url = `https://bob:${s}@op.example/me`;
        const texts = [
          bundleText(exportBundle([f])),
          harTextOf(exportHar([f])),
          curlCommands(f).map((c) => c.command).join('\n'),
          reportMarkdown(f),
          reportHtml(f),
        ];
        return texts.every((t) => !t.includes(s) && !t.includes(encodeURIComponent(s)));
      }),
      { numRuns: 60 },
    );
  });
});
