/**
 * web-ext lint on dist/firefox: Mozilla's own validator. Any error or warning fails the run, so the
 * Firefox build stays ready for addons.mozilla.org. Notices are printed, not fatal.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '../dist/firefox');
if (!existsSync(resolve(dir, 'manifest.json'))) {
  console.error('dist/firefox is missing: run `npm run build` first.');
  process.exit(1);
}

interface Message { code: string; message: string; file?: string }
interface Report { summary: { errors: number; warnings: number; notices: number }; errors: Message[]; warnings: Message[]; notices: Message[] }

let out: string;
try {
  out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8' });
} catch (err) {
  // web-ext exits non-zero when it finds errors; the report is still on stdout.
  out = (err as { stdout?: string }).stdout ?? '';
}
const report = JSON.parse(out.slice(out.indexOf('{'))) as Report;
const show = (kind: string, list: Message[]) => list.forEach((m) => console.log(`${kind}: ${m.code} ${m.file ?? ''} ${m.message}`));
show('error', report.errors);
show('warning', report.warnings);
show('notice', report.notices);
const { errors, warnings, notices } = report.summary;
console.log(`web-ext lint dist/firefox: ${errors} errors, ${warnings} warnings, ${notices} notices`);
process.exit(errors + warnings > 0 ? 1 : 0);
