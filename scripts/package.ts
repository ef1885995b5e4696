/** npm run package: a release build, then one store zip per browser in artifacts/. */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildAll, distDir } from './build';

const here = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(await readFile(resolve(here, 'package.json'), 'utf8')) as { version: string };
await buildAll({ test: false });
for (const browser of ['chrome', 'firefox'] as const) {
  const filename = `grantscope-${browser}-${version}.zip`;
  execFileSync(
    'npx',
    ['web-ext', 'build', '--source-dir', distDir(browser), '--artifacts-dir', resolve(here, 'artifacts'), '--filename', filename, '--overwrite-dest', '--no-config-discovery'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`artifacts/${filename}`);
}
