/**
 * @module schema.test — index.d.ts against the core's option schema, read from the raw native module's
 * `schemaJson()` (the check: schema.mjs); bindings-wasm/test/api.test.mjs runs it against the WASM module.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { TYPES, disagreements } from './schema.mjs';

const require = createRequire(new URL('../../bindings-node/package.json', import.meta.url));
// typescript is a devDependency of bindings-node, which `make node` installs.
const ts = require('typescript');
const native = require('./js/native.cjs');
const schema = JSON.parse(native.schemaJson());

test('index.d.ts declares every option of the core schema, with its type, and nothing else', () => {
  assert.deepEqual(disagreements(ts, readFileSync(TYPES, 'utf8'), schema), []);
});

test('the check is not vacuous: a dropped option, a wrong type, a stray member or an undocumented variable is found', () => {
  const text = readFileSync(TYPES, 'utf8');
  const dropped = text.replace(/^ {2}maxAge\?: number;\n/m, '');
  assert.notEqual(dropped, text);
  assert.deepEqual(disagreements(ts, dropped, schema), ['VerifierOptions lacks `maxAge` (seconds) of the "verifier" table']);
  const retyped = text.replace('setIssuedAt?: boolean;', 'setIssuedAt?: number;');
  assert.match(disagreements(ts, retyped, schema).join('\n'), /SignOptions\.setIssuedAt is `number`/);
  const stray = text.replace('  queryString?: string;', '  queryString?: string;\n  header?: string;');
  assert.match(disagreements(ts, stray, schema).join('\n'), /ExtractOptions\.header is not an option/);
  const optional = text.replace('  algorithms: string[];', '  algorithms?: string[];');
  assert.match(disagreements(ts, optional, schema).join('\n'), /VerifierOptions\.algorithms is optional/);
  const env = text.replace('`JWT_KID`, ', '');
  assert.deepEqual(disagreements(ts, env, schema), ["TokenService.fromEnv's documentation lacks JWT_KID"]);
});

test('the key lifecycle tables are checked too, and a table without an interface is found', () => {
  const text = readFileSync(TYPES, 'utf8');
  const bits = text.replace('  bits?: number;', '  bits?: string;');
  assert.notEqual(bits, text);
  assert.match(disagreements(ts, bits, schema).join('\n'), /GenerateOptions\.bits is `string`/);
  const ring = text.replace('  privateJwks?: object | string;', '');
  assert.deepEqual(disagreements(ts, ring, schema), ['TokenServiceConfig lacks `privateJwks` (object_or_text) of the "service" table']);
  const jwks = text.replace(/(export interface JwksOptions \{[\s\S]*?)  now\?: number \| Date;\n/, '$1');
  assert.match(disagreements(ts, jwks, schema).join('\n'), /JwksOptions lacks `now`/);
  // A Key or KeyObject given as privateKey is the JS layer's conversion; anything else is not.
  const converted = text.replace('privateKey?: string | Key | KeyObjectLike;', 'privateKey?: string | object;');
  assert.match(disagreements(ts, converted, schema).join('\n'), /TokenServiceConfig\.privateKey is `object \| string`/);
  const table = { ...schema, rotation: { doc: '', options: [] } };
  assert.deepEqual(disagreements(ts, text, table), ['the "rotation" table has no interface in schema.mjs\'s INTERFACES']);
});
