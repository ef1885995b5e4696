import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoMarkupSinks, findSinks, scanBundles } from './scan-bundles';

describe('findSinks', () => {
  it.each([
    ['an innerHTML assignment', 'a.innerHTML=b', 'innerHTML', 2],
    ['an outerHTML read', 'x=a.outerHTML', 'outerHTML', 4],
    ['an insertAdjacentHTML call', 'a.insertAdjacentHTML("beforeend",s)', 'insertAdjacentHTML', 2],
    ['document.write', 'document.write(s)', 'document.write', 9],
    ['document.writeln', 'document .writeln(s)', 'document.writeln', 10],
    ['document["write"]', 'document["write"](s)', 'document.write', 10],
    ['writeln on an alias of document', 'd.writeln(s)', 'document.writeln', 2],
    ['a name in a string: minified code reaches properties that way', 'a["innerHTML"]=b', 'innerHTML', 3],
    ['a name in a comment', '/* sets innerHTML */', 'innerHTML', 8],
    ['createContextualFragment', 'r.createContextualFragment(s)', 'createContextualFragment', 2],
    ['setHTMLUnsafe', 'e.setHTMLUnsafe(s)', 'setHTMLUnsafe', 2],
  ])('finds %s', (_what, code, sink, offset) => {
    expect(findSinks(code)).toMatchObject([{ sink, offset, line: 1, column: offset + 1 }]);
  });

  it.each([
    ['dangerouslySetInnerHTML (our own error text, and Preact prop names)', 'throw Error("dangerouslySetInnerHTML is disabled")'],
    ['a stream write', 'writer.write(chunk);filter.write(data)'],
    ["Preact's read before its disabled assignment", 'p?(c||_&&(p.__html==_.__html||p.__html==t.innerHTML)||(()=>{throw Error("x")})(),'],
    ['innerHTMLish words', 'myinnerHTML;innerHTMLx;textContent'],
  ])('lets through %s', (_what, code) => {
    expect(findSinks(code)).toEqual([]);
  });

  it('still finds the assignment next to the allowed read', () => {
    const preact = 'h?(l||y&&(h.__html==y.__html||h.__html==t.innerHTML)||(t.innerHTML=h.__html),r.__k=[])';
    expect(findSinks(preact).map((f) => f.offset)).toEqual([preact.lastIndexOf('innerHTML')]);
  });

  it('gives line and column of a finding on a later line', () => {
    expect(findSinks('a\nbc\n  x.outerHTML')).toMatchObject([{ offset: 9, line: 3, column: 5 }]);
  });
});

describe('scanBundles over a fixture dist/', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'scan-bundles-'));
    await mkdir(join(root, 'chrome', 'assets'), { recursive: true });
    await mkdir(join(root, 'firefox'), { recursive: true });
    await writeFile(join(root, 'chrome', 'background.js'), 'const a=1;export{a};');
    await writeFile(join(root, 'chrome', 'assets', 'panel-x.js'), 'function f(e,t){e.textContent=t}\nfunction g(e,t){e.innerHTML=t}');
    await writeFile(join(root, 'chrome', 'assets', 'style.css'), '.innerHTML{color:red}');
    await writeFile(join(root, 'firefox', 'content-hook.js'), '(()=>{document.write("x")})();');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads every .js file of the directories that exist, and names file and offset', async () => {
    const { scanned, findings } = await scanBundles([join(root, 'chrome'), join(root, 'firefox'), join(root, 'chrome-deep')]);
    expect(scanned).toEqual(['chrome/assets/panel-x.js', 'chrome/background.js', 'firefox/content-hook.js']);
    expect(findings).toMatchObject([
      { file: 'chrome/assets/panel-x.js', sink: 'innerHTML', offset: 51, line: 2, column: 19 },
      { file: 'firefox/content-hook.js', sink: 'document.write', offset: 15 },
    ]);
  });

  it('assertNoMarkupSinks throws with every finding, or counts the files it read', async () => {
    await expect(assertNoMarkupSinks([join(root, 'chrome'), join(root, 'firefox')])).rejects.toThrow(
      /chrome\/assets\/panel-x\.js:2:19 \(offset 51\): innerHTML[\s\S]*firefox\/content-hook\.js:1:16 \(offset 15\): document\.write/,
    );
    await expect(assertNoMarkupSinks([join(root, 'chrome', 'assets', 'none')])).resolves.toBe(0);
  });
});
