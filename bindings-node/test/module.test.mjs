/** @module module.test — the package loads as ESM and as CommonJS, with one shared surface. */

import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import * as esm from 'onejwt';

const require = createRequire(import.meta.url);

/** The runtime exports of index.d.ts, exactly (the type-only exports have no runtime value). */
const SURFACE = [
  'ERROR_CODES', 'JwtError', 'Key', 'KeySet', 'RedisStore', 'TokenService', 'Verifier', 'decodeUnverified', 'extractToken', 'sign',
];

test('import exposes exactly the public surface', () => {
  assert.deepEqual(Object.keys(esm).sort(), SURFACE);
});

test('require exposes the same objects as import (one JwtError class, one addon)', () => {
  const cjs = require('onejwt');
  for (const name of SURFACE) assert.equal(cjs[name], esm[name], name);
  const { Verifier, Key } = require('onejwt');
  assert.equal(typeof Verifier, 'function');
  assert.equal(Key, esm.Key);
});

test('the package.json exports map has import, require and types conditions', () => {
  const pkg = require('onejwt/package.json');
  assert.equal(pkg.name, 'onejwt');
  const root = pkg.exports['.'];
  assert.deepEqual(Object.keys(root), ['types', 'import', 'require']);
  assert.equal(require.resolve('onejwt'), require.resolve('../js/index.cjs'));
});

test('classes have no public constructor except Verifier', () => {
  assert.throws(() => new esm.Key(), TypeError);
  assert.throws(() => new esm.KeySet(), TypeError);
  assert.throws(() => esm.Verifier({ algorithms: ['HS256'] }), TypeError);
});
