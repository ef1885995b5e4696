/**
 * Scans the built bundles - what ships, after minification and every library - for markup sinks:
 * innerHTML, outerHTML, insertAdjacentHTML, document.write / writeln, and the newer createContextualFragment
 * and setHTMLUnsafe (issue 9, Deliver 7). Grantscope shows what servers and pages send it and must
 * never render that as markup. ESLint sees only our source and scripts/no-markup-plugin.ts only
 * Preact's; this sees the result, so a new library, a re-export or a minifier's rewrite cannot bring
 * a sink back unnoticed.
 *
 * Every occurrence of a sink's name fails: as a property, a call, or inside a string or a comment. A
 * string is not a sink by itself, but minified code reaches properties through strings
 * (`e["innerHTML"]`), and telling a harmless string from such a use needs a parser and judgement the
 * build cannot exercise; so a string fails too, and a person decides. The only exceptions are listed
 * in ALLOWED, each an exact piece of code with the reason it cannot render markup.
 *
 *   npx tsx scripts/scan-bundles.ts [dir ...]   (default: dist/chrome, dist/firefox, dist/chrome-deep)
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';

/** The sink names, as whole words; `dangerouslySetInnerHTML` (a capital I, no word boundary) is not one. */
const NAMES = /\b(innerHTML|outerHTML|insertAdjacentHTML|createContextualFragment|setHTMLUnsafe)\b/g;
/** document.write / writeln, by dot or by bracket (`document["write"]`), spaces allowed as minifiers never add them. */
const DOCUMENT_WRITE = /\bdocument\s*(?:\.\s*|\[\s*["'`])(write(?:ln)?)\b/g;
/** writeln has no other use on the web platform; write does (streams, Firefox's response filter). */
const WRITELN = /\.\s*(writeln)\b/g;

/**
 * Known occurrences that are not sinks: each pattern is sticky and is tried exactly at the sink's
 * offset (a lookbehind gives the code before it). Keep this list short: each entry is a judgement.
 */
export const ALLOWED: readonly { pattern: RegExp; why: string }[] = [
  {
    // Preact's diff compares the old __html with the element's innerHTML before it would assign it;
    // scripts/no-markup-plugin.ts turned that assignment into a throw, so this read only ever runs on
    // the way to the throw, and reading innerHTML renders nothing.
    pattern: /(?<=\.__html==[\w$]{1,20}\.)innerHTML\)/y,
    why: "Preact's comparison before its (disabled) dangerouslySetInnerHTML assignment: a read",
  },
];

export interface SinkFinding {
  /** The bundle file, relative to the scanned directory's parent (dist/). */
  file: string;
  /** UTF-16 offset in the file, and the 1-based line and column it is at. */
  offset: number;
  line: number;
  column: number;
  sink: string;
  /** Up to 40 characters either side, on one line. */
  snippet: string;
}

function isAllowed(code: string, offset: number): boolean {
  return ALLOWED.some(({ pattern }) => {
    pattern.lastIndex = offset;
    return pattern.test(code);
  });
}

function position(code: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = code.indexOf('\n'); i !== -1 && i < offset; i = code.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Every sink in one file's code, allowed ones left out, in order of offset. */
export function findSinks(code: string, file = '(code)'): SinkFinding[] {
  const found: SinkFinding[] = [];
  for (const re of [NAMES, DOCUMENT_WRITE, WRITELN]) {
    for (const m of code.matchAll(re)) {
      const at = m.index;
      const name = m[1] ?? m[0];
      const offset = re === NAMES ? at : at + m[0].lastIndexOf(name);
      if (re === NAMES && isAllowed(code, offset)) continue;
      const sink = re === NAMES ? name : `document.${name}`;
      // writeln after "document." is already found by DOCUMENT_WRITE.
      if (re === WRITELN && found.some((f) => f.offset === offset)) continue;
      const snippet = code.slice(Math.max(0, offset - 40), offset + 40).replace(/\s+/g, ' ');
      found.push({ file, offset, ...position(code, offset), sink, snippet });
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

async function jsFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = resolve(dir, e.name);
    if (e.isDirectory()) out.push(...(await jsFiles(path)));
    else if (/\.(?:m|c)?js$/.test(e.name)) out.push(path);
  }
  return out.sort();
}

/** Every sink in every .js file under the directories that exist; missing ones are skipped. */
export async function scanBundles(dirs: readonly string[]): Promise<{ scanned: string[]; findings: SinkFinding[] }> {
  const scanned: string[] = [];
  const findings: SinkFinding[] = [];
  for (const dir of dirs.filter((d) => existsSync(d))) {
    for (const path of await jsFiles(dir)) {
      const file = relative(resolve(dir, '..'), path);
      scanned.push(file);
      findings.push(...findSinks(await readFile(path, 'utf8'), file));
    }
  }
  return { scanned, findings };
}

export function describeFindings(findings: readonly SinkFinding[]): string {
  return findings.map((f) => `  ${f.file}:${f.line}:${f.column} (offset ${f.offset}): ${f.sink} in …${f.snippet}…`).join('\n');
}

/** Throws, naming every file and offset, when a bundle under `dirs` holds a markup sink. */
export async function assertNoMarkupSinks(dirs: readonly string[]): Promise<number> {
  const { scanned, findings } = await scanBundles(dirs);
  if (findings.length > 0) {
    throw new Error(
      `markup sink${findings.length > 1 ? 's' : ''} in the built bundles (Grantscope renders no markup; see scripts/scan-bundles.ts):\n${describeFindings(findings)}`,
    );
  }
  return scanned.length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, '..');
  const args = process.argv.slice(2);
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : ['chrome', 'firefox', 'chrome-deep'].map((d) => resolve(root, 'dist', d));
  try {
    const n = await assertNoMarkupSinks(dirs);
    console.log(`no markup sinks in ${n} bundle file${n === 1 ? '' : 's'}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
