/**
 * @module hostile.test — garbage of every JS type, broken tokens and broken keys never crash the
 * WebAssembly module or surface as an opaque error: every failure is a JwtError or a TypeError, and
 * the module keeps working afterwards (no trap, no stuck borrow, no corrupted stack).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { JwtError, Key, KeySet, Verifier, decodeUnverified, sign } from 'onejwt-wasm';

const SECRET = 'onejwt-test-hs256-secret-32bytes';
const key = Key.hmac(SECRET);
const verifier = new Verifier({ key, algorithms: ['HS256'] });
const TOKEN = sign({ sub: 'hostile', exp: 2_000_000_000 }, key, 'HS256');
const P256 = JSON.parse(readFileSync(new URL('../../tests/vectors/keys/p256.private.jwk', import.meta.url), 'utf8'));

function cyclic() {
  const value = { a: [1] };
  value.a.push(value);
  return value;
}

function nested(depth, leaf = 1) {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { v: value };
  return value;
}

const revoked = Proxy.revocable({}, {});
revoked.revoke();

/** One value of every JS type, and the awkward members of each. */
const GARBAGE = {
  undefined: undefined,
  null: null,
  true: true,
  zero: 0,
  negativeZero: -0,
  fraction: 1.5,
  NaN: Number.NaN,
  Infinity: Infinity,
  huge: 2 ** 64,
  bigint: 10n,
  empty: '',
  text: 'x',
  loneSurrogate: '\uD800',
  nul: '\0',
  megabyte: 'a'.repeat(1 << 20),
  symbol: Symbol('s'),
  function: () => 1,
  generator: function* generator() {},
  class: class Thing {},
  emptyArray: [],
  mixedArray: [1, 'a', null, { b: [] }],
  holeyArray: [1, , 3], // eslint-disable-line no-sparse-arrays
  emptyObject: {},
  nullPrototype: Object.create(null),
  protoMember: JSON.parse('{"__proto__": {"polluted": true}}'),
  date: new Date(0),
  invalidDate: new Date(Number.NaN),
  regexp: /re/,
  map: new Map([[1, 2]]),
  set: new Set([1]),
  uint8: new Uint8Array([1, 2, 3]),
  uint16: new Uint16Array([1, 2]),
  arrayBuffer: new ArrayBuffer(4),
  dataView: new DataView(new ArrayBuffer(2)),
  promise: Promise.resolve(1),
  error: new Error('e'),
  boxedString: new String('s'),
  boxedNumber: new Number(1),
  proxy: new Proxy({ a: 1 }, {}),
  revokedProxy: revoked.proxy,
  cyclic: cyclic(),
  deepObject: nested(10_000),
  deepArray: nested(129),
  withToJSON: { toJSON: () => 'x' },
  weakMap: new WeakMap(),
  key,
  keySet: KeySet.fromJwks({ keys: [P256] }),
  verifier,
  globalThis,
};

/** Calls `fn`; passes if it returns or throws a JwtError or a TypeError, and says which. */
function outcome(label, fn) {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof JwtError) {
      assert.equal(typeof e.code, 'string', label);
      return `JwtError(${e.code})`;
    }
    if (e instanceof TypeError) return 'TypeError';
    assert.fail(`${label} threw ${e?.constructor?.name}: ${e?.message ?? e}`);
  }
}

/** The module still verifies, signs and builds keys (nothing was left broken). */
function stillWorks() {
  assert.deepEqual(verifier.verify(TOKEN, { now: 1_900_000_000 }), { sub: 'hostile', exp: 2_000_000_000 });
  assert.equal(Key.hmac(SECRET).family, 'hmac');
  assert.equal(sign({ sub: 'hostile', exp: 2_000_000_000 }, key, 'HS256'), TOKEN);
}

const ENTRY_POINTS = {
  'Key.hmac': (v) => Key.hmac(v),
  'Key.fromPem': (v) => Key.fromPem(v),
  'Key.fromJwk': (v) => Key.fromJwk(v),
  'Key.fromJwk member': (v) => Key.fromJwk({ ...P256, d: v }),
  'KeySet.fromJwks': (v) => KeySet.fromJwks(v),
  'KeySet.fromJwks keys': (v) => KeySet.fromJwks({ keys: v }),
  'KeySet.fromJwks entry': (v) => KeySet.fromJwks({ keys: [v] }),
  'KeySet.fromJwks options': (v) => KeySet.fromJwks({ keys: [P256] }, v),
  'KeySet.fromJwks allowOct': (v) => KeySet.fromJwks({ keys: [P256] }, { allowOct: v }),
  'new Verifier': (v) => new Verifier(v),
  'Verifier key': (v) => new Verifier({ key: v, algorithms: ['HS256'] }),
  'Verifier keys': (v) => new Verifier({ keys: v, algorithms: ['HS256'] }),
  'Verifier algorithms': (v) => new Verifier({ key, algorithms: v }),
  'Verifier issuer': (v) => new Verifier({ key, algorithms: ['HS256'], issuer: v }),
  'Verifier audience': (v) => new Verifier({ key, algorithms: ['HS256'], audience: v }),
  'Verifier leeway': (v) => new Verifier({ key, algorithms: ['HS256'], leeway: v }),
  'Verifier required': (v) => new Verifier({ key, algorithms: ['HS256'], required: v }),
  'Verifier typ': (v) => new Verifier({ key, algorithms: ['HS256'], typ: v }),
  'Verifier maxTokenBytes': (v) => new Verifier({ key, algorithms: ['HS256'], maxTokenBytes: v }),
  'Verifier maxAge': (v) => new Verifier({ key, algorithms: ['HS256'], maxAge: v }),
  'Verifier unknown option': (v) => new Verifier({ key, algorithms: ['HS256'], other: v }),
  'verify token': (v) => verifier.verify(v, { now: 0 }),
  'verify options': (v) => verifier.verify(TOKEN, v),
  'verify now': (v) => verifier.verify(TOKEN, { now: v }),
  'verifyComplete token': (v) => verifier.verifyComplete(v),
  'verifyComplete now': (v) => verifier.verifyComplete(TOKEN, { now: v }),
  decodeUnverified: (v) => decodeUnverified(v),
  'sign claims': (v) => sign(v, key, 'HS256'),
  'sign claim member': (v) => sign({ sub: 'x', extra: v }, key, 'HS256'),
  'sign exp': (v) => sign({ exp: v }, key, 'HS256'),
  'sign key': (v) => sign({}, v, 'HS256'),
  'sign algorithm': (v) => sign({}, key, v),
  'sign options': (v) => sign({}, key, 'HS256', v),
  'sign kid': (v) => sign({}, key, 'HS256', { kid: v }),
  'sign headers': (v) => sign({}, key, 'HS256', { headers: v }),
  'sign header member': (v) => sign({}, key, 'HS256', { headers: { x: v } }),
};

test('garbage of every JS type into every entry point throws only JwtError or TypeError', () => {
  const seen = new Set();
  for (const [entry, call] of Object.entries(ENTRY_POINTS)) {
    for (const [name, value] of Object.entries(GARBAGE)) {
      seen.add(outcome(`${entry}(${name})`, () => call(value)));
    }
    stillWorks();
  }
  // The garbage reached all three outcomes: the test is not vacuous.
  assert.ok(seen.has('ok') && seen.has('TypeError') && [...seen].some((o) => o.startsWith('JwtError')), [...seen].join());
});

test('values with no JSON form are refused, never silently changed', () => {
  for (const name of ['NaN', 'Infinity', 'bigint', 'symbol', 'function', 'invalidDate', 'uint8', 'uint16', 'arrayBuffer', 'dataView', 'promise', 'cyclic', 'deepArray']) {
    assert.equal(outcome(name, () => sign({ x: GARBAGE[name] }, key, 'HS256')), 'TypeError', name);
  }
  // A valid Date is a NumericDate (index.d.ts), through the core's time rule.
  assert.deepEqual(verifier.verify(sign({ x: GARBAGE.date, y: new Date(-1) }, key, 'HS256'), { now: 0 }), { x: 0, y: -1 });
  assert.equal(outcome('undefined in an array', () => sign({ x: [undefined] }, key, 'HS256')), 'TypeError');
  // An undefined member is left out, as JSON.stringify does.
  const token = sign({ sub: 'a', gone: undefined }, key, 'HS256');
  assert.deepEqual(verifier.verify(token, { now: 0 }), { sub: 'a' });
});

test('an exception thrown by the caller’s own getter or Proxy trap is rethrown unchanged', () => {
  class Sentinel extends Error {}
  const getter = {
    get sub() {
      throw new Sentinel('from the getter');
    },
  };
  const trap = new Proxy({}, {
    ownKeys() {
      throw new Sentinel('from the trap');
    },
  });
  for (const value of [getter, trap]) {
    assert.throws(() => sign(value, key, 'HS256'), Sentinel);
    assert.throws(() => Key.fromJwk(value), Sentinel);
    assert.throws(() => new Verifier({ key, algorithms: ['HS256'], issuer: value }), Sentinel);
    stillWorks();
  }
});

test('broken tokens are always JwtErrors whose message never contains the token', () => {
  const random = mulberry32(0x5eed);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u00e9\u{1F600}\uD800';
  const codes = new Set();
  for (let i = 0; i < 3000; i += 1) {
    const chars = [...TOKEN];
    const edits = 1 + Math.floor(random() * 4);
    for (let e = 0; e < edits; e += 1) {
      const at = Math.floor(random() * (chars.length + 1));
      const pick = alphabet[Math.floor(random() * alphabet.length)];
      const op = random();
      if (op < 0.4) chars[at] = pick;
      else if (op < 0.7) chars.splice(at, 0, pick);
      else chars.splice(at, 1 + Math.floor(random() * 8));
    }
    const token = chars.join('');
    if (token === TOKEN) continue;
    try {
      verifier.verify(token, { now: 0 });
    } catch (e) {
      assert.ok(e instanceof JwtError, `${JSON.stringify(token)}: ${e}`);
      codes.add(e.code);
      for (const segment of token.split('.').filter((s) => s.length > 12)) {
        assert.ok(!e.message.includes(segment), `the message quotes the token: ${e.message}`);
      }
    }
  }
  assert.ok(codes.has('malformed') && codes.has('invalid_signature'), [...codes].join());
  for (const token of ['', '.', '..', '...', 'a.b.c', 'x'.repeat(1 << 20), `${'e30.'.repeat(3)}`, `eyJ${'W'.repeat(40_000)}.e30.`]) {
    assert.equal(outcome('token', () => verifier.verify(token, { now: 0 })).startsWith('JwtError'), true);
  }
  stillWorks();
});

test('deeply nested token JSON is malformed, not a stack overflow', () => {
  const deep = Buffer.from(`${'['.repeat(100_000)}${']'.repeat(100_000)}`).toString('base64url');
  const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
  const big = new Verifier({ key, algorithms: ['HS256'], maxTokenBytes: 1 << 20 });
  assert.equal(outcome('deep claims', () => big.verify(`${header}.${deep}.AAAA`, { now: 0 })), 'JwtError(malformed)');
  assert.equal(outcome('deep decode', () => decodeUnverified(`${header}.${deep}.`)), 'JwtError(token_too_large)');
  stillWorks();
});

test('broken keys are JwtErrors (invalid_key) whose message never contains the key material', () => {
  const random = mulberry32(0xcafe);
  const pem = readFileSync(new URL('../../tests/vectors/keys/rsa2048.private.pkcs8.pem', import.meta.url), 'utf8');
  for (let i = 0; i < 300; i += 1) {
    const chars = [...pem];
    const at = 30 + Math.floor(random() * (chars.length - 60));
    chars.splice(at, 1 + Math.floor(random() * 40), String.fromCharCode(33 + Math.floor(random() * 90)));
    const broken = chars.join('');
    try {
      Key.fromPem(broken);
    } catch (e) {
      assert.ok(e instanceof JwtError && e.code === 'invalid_key', String(e));
      assert.ok(!/[A-Za-z0-9+/]{24}/.test(e.message), `the message quotes key material: ${e.message}`);
    }
  }
  for (const jwk of [{ kty: 'EC', crv: 'P-256', x: 5 }, { kty: 'RSA', n: [], e: {} }, { kty: 'oct', k: null }, { kty: 'OKP', crv: 'Ed25519', x: '' }, { kty: 7 }]) {
    assert.equal(outcome(JSON.stringify(jwk), () => Key.fromJwk(jwk)), 'JwtError(invalid_key)');
  }
  stillWorks();
});

/** A small seeded PRNG, so a failure is reproducible. */
function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
