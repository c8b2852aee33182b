/** @module errors.test — one error vocabulary: ERROR_CODES from the core, JwtError for verdicts, TypeError for mistakes. */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { ERROR_CODES, JwtError, Key, Verifier, sign } from 'onejwt';

import { toJwtError } from '../js/errors.mjs';
import { CLAIMS, NOW, SECRET } from './fixtures.mjs';

const native = createRequire(import.meta.url)('../js/native.cjs');

/** The members of `type ErrorCode = …` in the public index.d.ts. */
function declaredCodes() {
  const dts = readFileSync(new URL('../../bindings-js/src/index.d.ts', import.meta.url), 'utf8');
  const union = /export type ErrorCode =([^;]+);/.exec(dts);
  assert.ok(union, 'index.d.ts declares ErrorCode');
  return [...union[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
}

test('ERROR_CODES is the core list, frozen, and never retyped', () => {
  assert.deepEqual([...ERROR_CODES], native.errorCodes());
  assert.equal(ERROR_CODES.length, 16);
  assert.equal(new Set(ERROR_CODES).size, 16);
  assert.equal(ERROR_CODES.at(-1), 'store_unavailable');
  assert.ok(Object.isFrozen(ERROR_CODES));
});

test('every code is a declared JwtError code and every declared code exists (no drift either way)', () => {
  assert.deepEqual([...declaredCodes()].sort(), [...ERROR_CODES].sort());
});

test('a verdict is a JwtError with code, claim and the core message, never the token', () => {
  const key = Key.hmac(SECRET);
  const token = sign(CLAIMS, key, 'HS256');
  const verifier = new Verifier({ key, algorithms: ['HS256'], audience: 'api' });
  const err = catchError(() => verifier.verify(token, { now: NOW + 900 }));
  assert.ok(err instanceof JwtError);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'JwtError');
  assert.equal(err.code, 'expired');
  assert.equal(err.claim, 'exp');
  assert.match(err.message, /expired/);
  assert.ok(!err.message.includes(token.split('.')[1]), 'the message must not quote the token');
  assert.ok(!String(err.stack).includes(token.split('.')[2]));
  assert.ok(ERROR_CODES.includes(err.code));
});

test('verdicts without a claim leave claim undefined', () => {
  const err = catchError(() => new Verifier({ key: Key.hmac(SECRET), algorithms: ['HS256'] }).verify('x.y'));
  assert.ok(err instanceof JwtError);
  assert.equal(err.code, 'malformed');
  assert.equal(err.claim, undefined);
});

test('toJwtError converts the native shape and passes everything else through', () => {
  const nativeShape = Object.assign(new Error('the token has expired'), { name: 'JwtError', code: 'expired', claim: 'exp' });
  const converted = toJwtError(nativeShape);
  assert.ok(converted instanceof JwtError);
  assert.deepEqual([converted.code, converted.claim, converted.message], ['expired', 'exp', 'the token has expired']);
  const typeError = new TypeError('invalid option');
  assert.equal(toJwtError(typeError), typeError);
  const already = new JwtError('m', 'revoked');
  assert.equal(toJwtError(already), already);
  assert.equal(toJwtError('a string'), 'a string');
  const coded = Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  assert.equal(toJwtError(coded), coded, 'only errors named JwtError are converted');
});

test("a caller mistake is a TypeError with the core's message: `option` for an option, never a code", () => {
  const key = Key.hmac(SECRET);
  const option = catchError(() => new Verifier({ key, algorithms: ['HS256'], leeway: -1 }));
  assert.ok(option instanceof TypeError && !(option instanceof JwtError));
  assert.equal(option.option, 'leeway');
  assert.match(option.message, /^invalid option `leeway`: /);
  assert.ok(!('code' in option), 'napi-rs sets a code on TypeErrors; the binding removes it');
  // An argument the core refuses (here: claims that are not an object) names it, without `option`.
  const argument = catchError(() => sign([1], key, 'HS256'));
  assert.ok(argument instanceof TypeError);
  assert.equal(argument.message, 'invalid argument `claims`: must be an object');
  assert.ok(!('option' in argument) && !('code' in argument));
});

test('JwtError can be constructed for tests and mocks', () => {
  const err = new JwtError('no such key', 'key_not_found');
  assert.equal(err.code, 'key_not_found');
  assert.equal(err.claim, undefined);
  assert.equal(String(err), 'JwtError: no such key');
});

function catchError(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an exception');
}
