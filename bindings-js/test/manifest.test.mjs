/**
 * @module manifest.test — bindings-js/manifest.json is the one list of what each npm package ships: both
 * package.json `files` lists equal it, every copied source exists, and the built packages hold the copies.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT, copies, packageEntry, packageFiles } from '../manifest.mjs';

const packageJson = (dir) => JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));

test("onejwt's committed package.json lists exactly the manifest's files", () => {
  assert.deepEqual(packageJson('bindings-node').files, packageFiles('onejwt'));
});

test('every copied file exists in the repository, and each package copies the whole shared layer', () => {
  for (const name of ['onejwt', 'onejwt-wasm']) {
    for (const [from] of copies(name)) assert.ok(existsSync(join(ROOT, from)), `${name}: ${from} is missing`);
    const shared = copies(name).filter(([from]) => from.startsWith('bindings-js/src/')).map(([from]) => from).sort();
    assert.deepEqual(shared, copies('onejwt').map(([from]) => from).sort(), `${name} ships the same shared files`);
  }
});

// Which built packages to check: each make stage checks the package it has just built (`make test-node`
// runs before `make wasm` rebuilds onejwt-wasm, so a package left from an older build must not be judged there).
const checked = (process.env.ONEJWT_BUILT_PACKAGES ?? 'onejwt,onejwt-wasm').split(',');

for (const name of ['onejwt', 'onejwt-wasm']) {
  const dir = packageEntry(name).dir;
  const built = existsSync(join(ROOT, dir, 'package.json')) && (name === 'onejwt' || existsSync(join(ROOT, dir, 'api.mjs')));
  const skip = !checked.includes(name) ? `checked by the ${name} stage` : !built && `${dir} is not built`;
  test(`the built ${name} holds the copies, byte for byte${name === 'onejwt-wasm' ? ', and its generated files list' : ''}`, { skip }, () => {
    for (const [from, to] of copies(name)) {
      assert.equal(readFileSync(join(ROOT, dir, to), 'utf8'), readFileSync(join(ROOT, from), 'utf8'), `${dir}/${to}`);
    }
    if (name === 'onejwt-wasm') assert.deepEqual(packageJson(dir).files, packageFiles(name));
  });
}
