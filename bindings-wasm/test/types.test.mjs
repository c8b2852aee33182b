/** @module types.test — `tsc` resolves `onejwt-wasm`'s types through its package.json, for bundlers and for Node. */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

for (const resolution of ['bundler', 'node']) {
  test(`the package's types check under ${resolution} resolution`, () => {
    const config = fileURLToPath(new URL(`types/tsconfig.${resolution}.json`, import.meta.url));
    const run = spawnSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8' });
    assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
  });
}
