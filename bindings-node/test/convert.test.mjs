/** @module convert.test — JS values ⇄ JSON at the boundary: what is kept, what is left out, what is refused. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Key, Verifier, decodeUnverified, sign } from 'onejwt';

import { NOW, SECRET, thrown } from './fixtures.mjs';

const key = Key.hmac(SECRET);
const verifier = new Verifier({ key, algorithms: ['HS256'] });
const roundTrip = (claims) => verifier.verify(sign(claims, key, 'HS256'), { now: NOW });
const payload = (token) => Buffer.from(token.split('.')[1], 'base64url').toString();

test('JSON values survive the round trip unchanged', () => {
  const claims = {
    s: 'ünïcødé ✓ \u2028',
    n: -1.25,
    i: 42,
    z: 0,
    t: true,
    f: false,
    nul: null,
    a: [1, 'two', [3], { four: 4 }],
    o: { deep: { deeper: { deepest: [] } } },
    empty: {},
  };
  assert.deepEqual(roundTrip(claims), claims);
});

test('whole numbers are written as JSON integers, the way JSON.stringify writes them', () => {
  const claims = { exp: 5_000_000_000, neg: -7, max: Number.MAX_SAFE_INTEGER, frac: 0.5, negZero: -0 };
  assert.equal(payload(sign(claims, key, 'HS256')), JSON.stringify(claims));
});

test('member order is kept, and undefined members are left out as JSON.stringify does', () => {
  const token = sign({ b: 1, a: 2, gone: undefined, c: 3 }, key, 'HS256');
  assert.equal(payload(token), '{"b":1,"a":2,"c":3}');
});

test('integers beyond 2^53 in a token become the nearest JS number (documented as lossy)', () => {
  const header = Buffer.from('{"alg":"none"}').toString('base64url');
  const body = Buffer.from('{"big":12345678901234567890,"neg":-9007199254740993}').toString('base64url');
  const { claims } = decodeUnverified(`${header}.${body}.`);
  assert.equal(claims.big, 12345678901234567000);
  assert.equal(claims.neg, -9007199254740992);
});

test('a __proto__ member in a token is plain data, never a prototype', () => {
  const header = Buffer.from('{"alg":"none"}').toString('base64url');
  const body = Buffer.from('{"__proto__":{"admin":true},"sub":"x"}').toString('base64url');
  const { claims } = decodeUnverified(`${header}.${body}.`);
  assert.equal(Object.getPrototypeOf(claims), Object.prototype);
  assert.equal(claims.admin, undefined);
  assert.deepEqual(Object.keys(claims), ['__proto__', 'sub']);
});

test('only own enumerable string keys are taken', () => {
  const claims = Object.create({ inherited: 1 });
  claims.own = 2;
  Object.defineProperty(claims, 'hidden', { value: 3, enumerable: false });
  claims[Symbol('s')] = 4;
  assert.equal(payload(sign(claims, key, 'HS256')), '{"own":2}');
});

test('values with no faithful JSON form are TypeErrors that locate them', () => {
  const cyclic = { a: {} };
  cyclic.a.back = cyclic;
  const cases = [
    [{ x: NaN }, /x: NaN/],
    [{ x: { y: [1, Infinity] } }, /x\.y\[1\]: NaN and Infinity/],
    [{ x: 1n }, /BigInt/],
    [{ x: new Date() }, /Date/],
    [{ x: new Uint8Array(2) }, /binary/],
    [{ x: () => 1 }, /function/],
    [{ x: Symbol('s') }, /symbol/],
    [{ x: [undefined] }, /undefined/],
    [cyclic, /nested too deeply \(or is cyclic\)/],
  ];
  for (const [claims, message] of cases) {
    const err = thrown(() => sign(claims, key, 'HS256'));
    assert.ok(err instanceof TypeError, String(err));
    assert.match(err.message, /`claims`/);
    assert.match(err.message, message);
    assert.ok(err.message.length < 300, 'a cyclic path is cut short');
  }
});

test('a getter that throws propagates its own error unchanged', () => {
  const boom = new RangeError('from the getter');
  const claims = {
    get sub() {
      throw boom;
    },
  };
  assert.equal(thrown(() => sign(claims, key, 'HS256')), boom);
  const options = {
    algorithms: ['HS256'],
    get leeway() {
      throw boom;
    },
  };
  assert.equal(thrown(() => new Verifier({ key, ...options })), boom);
});
