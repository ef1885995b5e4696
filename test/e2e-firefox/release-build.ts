/**
 * `tsx test/e2e-firefox/release-build.ts DIR`: a release build (what a person installs) into DIR, for
 * the Firefox harness's `build: 'release'` option. A separate process, so vite runs as `npm run build`
 * runs it, and never into dist/, which holds the test build other tests are using.
 */
import { buildAll } from '../../scripts/build';

const outRoot = process.argv[2];
if (!outRoot) throw new Error('usage: release-build.ts <out dir>');
await buildAll({ test: false, outRoot });
