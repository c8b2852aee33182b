/** @module convert.test — JS values ⇄ JSON at the boundary (bindings-js/src/encode.mjs): what is kept, what is left out, what is refused. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { JwtError, Key, Verifier, decodeUnverified, sign } from 'onejwt';

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
    [{ x: NaN }, /^invalid argument `claims`: x: NaN and Infinity have no JSON form$/],
    [{ x: { y: [1, Infinity] } }, /^invalid argument `claims`: x\.y\[1\]: NaN and Infinity have no JSON form$/],
    [{ x: 1n }, /x: a BigInt has no JSON form/],
    [{ x: new Date(NaN) }, /x: must be a finite time/],
    [{ x: new Uint8Array(2) }, /x: binary data has no JSON form/],
    [{ x: new ArrayBuffer(2) }, /x: binary data/],
    [{ x: Promise.resolve(1) }, /x: a Promise has no JSON form/],
    [{ x: () => 1 }, /x: a function has no JSON form/],
    [{ x: Symbol('s') }, /x: a symbol has no JSON form/],
    [{ x: [undefined] }, /x\[0\]: undefined has no JSON form in an array/],
    [cyclic, /a\.back: nests deeper than 64 levels \(or contains itself\)$/],
  ];
  for (const [claims, message] of cases) {
    const err = thrown(() => sign(claims, key, 'HS256'));
    assert.ok(err instanceof TypeError, String(err));
    assert.match(err.message, /^invalid argument `claims`: /);
    assert.match(err.message, message);
    assert.equal(err.option, undefined, 'a positional argument carries no option');
  }
});

test('a Date anywhere becomes NumericDate seconds through the core time rule (floored)', () => {
  const token = sign({ exp: new Date(1_767_225_600_999), nbf: new Date(-1500), at: [new Date(0)], o: { d: new Date(2000) } }, key, 'HS256');
  assert.equal(payload(token), '{"exp":1767225600,"nbf":-2,"at":[0],"o":{"d":2}}');
  // Beyond a Date's range there is no Date; the core's range is the same one.
  const err = thrown(() => sign({ exp: new Date(8.64e15 + 1) }, key, 'HS256'));
  assert.ok(err instanceof TypeError);
  assert.match(err.message, /^invalid argument `claims`: exp: must be a finite time/);
});

test('inside an options bag, a refused value names the option and the path below it', () => {
  const err = thrown(() => sign({}, key, 'HS256', { headers: { x: [1, NaN] } }));
  assert.ok(err instanceof TypeError);
  assert.equal(err.option, 'headers');
  assert.equal(err.message, 'invalid option `headers`: x[1]: NaN and Infinity have no JSON form');
  const now = thrown(() => verifier.verify('a.b.c', { now: new Date('nope') }));
  assert.equal(now.option, 'now');
  assert.match(now.message, /^invalid option `now`: must be a finite time/);
});

test('64 levels of nesting are taken, 65 are refused', () => {
  const nest = (levels) => {
    let value = 1;
    for (let i = 1; i < levels; i++) value = [value];
    return { v: value };
  };
  // 64 levels reach the core, which refuses claims nested deeper than its MAX_JSON_DEPTH as a verdict.
  const deep = thrown(() => sign(nest(64), key, 'HS256'));
  assert.ok(deep instanceof JwtError, String(deep));
  assert.match(deep.message, /nesting deeper than 32 levels/);
  const err = thrown(() => sign(nest(65), key, 'HS256'));
  assert.ok(err instanceof TypeError);
  assert.match(err.message, /^invalid argument `claims`: v(\[0\])+…?: nests deeper than 64 levels/);
  assert.ok(err.message.length < 200, 'a long path is cut short');
});

test('toJSON is honoured and boxed primitives are their values, as JSON.stringify does', () => {
  const token = sign({ url: new URL('https://a.example/x'), s: new String('t'), n: new Number(2), b: new Boolean(false) }, key, 'HS256');
  assert.equal(payload(token), '{"url":"https://a.example/x","s":"t","n":2,"b":false}');
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
    key,
    algorithms: ['HS256'],
    get leeway() {
      throw boom;
    },
  };
  assert.equal(thrown(() => new Verifier(options)), boom);
  const toJSON = { toJSON: () => { throw boom; } };
  assert.equal(thrown(() => sign({ toJSON }, key, 'HS256')), boom);
  const trap = new Proxy({}, { ownKeys: () => { throw boom; } });
  assert.equal(thrown(() => sign({ trap }, key, 'HS256')), boom);
});
