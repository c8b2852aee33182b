/**
 * @module bench/js/contenders — the contenders every JS runtime has: onejwt (the native package or
 * onejwt-wasm, which share one API) and jose, built from bench/fixtures.json. No `node:` imports:
 * the Chromium page uses this file as it is, with WebCrypto (`globalThis.crypto`) under jose.
 *
 * A contender here is `{ name, note, mode, call(token), claims(result) }` for verify and
 * `{ name, note, mode, call() }` for sign; `verifyEntry`/`signEntry` turn it into what `runGroup` times.
 */
import { gateSign, gateVerify } from './harness.mjs';

/** The algorithms of fixtures.json, in table order. */
export const ALGORITHMS = ['HS256', 'RS256', 'ES256', 'EdDSA'];

/** What `runGroup` needs for a verify contender: the timed call on the valid token and its gate. */
export function verifyEntry(fixtures, alg, contender) {
  const fixture = fixtures.algorithms[alg];
  const { call, claims = (result) => result } = contender;
  const token = fixture.token;
  return {
    name: contender.name,
    note: contender.note ?? '',
    mode: contender.mode ?? 'sync',
    op: () => call(token),
    gate: () => gateVerify(async (t) => claims(await call(t)), fixture, fixtures.claims),
  };
}

/** What `runGroup` needs for a sign contender; `check(token)` verifies the output independently. */
export function signEntry(fixtures, alg, contender, check) {
  return {
    name: contender.name,
    note: contender.note ?? '',
    mode: contender.mode ?? 'sync',
    op: contender.call,
    gate: () => gateSign(contender.call, check, alg, fixtures.claims),
  };
}

/**
 * onejwt's contenders for `alg`: a Verifier built once (judging time at the fixture `now`) and
 * `sign` with a key parsed once. `lib` is the onejwt or onejwt-wasm module namespace.
 */
export function onejwtContenders(lib, fixtures, alg, name = 'onejwt') {
  const fixture = fixtures.algorithms[alg];
  const publicKey = alg === 'HS256' ? lib.Key.hmac(fixture.secret) : lib.Key.fromPem(fixture.public_pem);
  const privateKey = alg === 'HS256' ? publicKey : lib.Key.fromPem(fixture.private_pem);
  const verifier = new lib.Verifier({
    key: publicKey,
    algorithms: [alg],
    issuer: fixtures.issuer,
    audience: fixtures.audience,
  });
  // One options object for every call, as a server would hold it; the clock is the fixture's.
  const options = { now: fixtures.now };
  const claims = fixtures.claims;
  return {
    verify: { name, note: 'Verifier built once', call: (token) => verifier.verify(token, options) },
    sign: { name, note: 'key parsed once', call: () => lib.sign(claims, privateKey, alg) },
  };
}

/**
 * jose's keys for `alg` as CryptoKeys imported once (jose would otherwise import a Uint8Array secret
 * or convert a KeyObject on every call), in Node and in the browser alike.
 */
export async function joseKeys(jose, fixtures, alg) {
  const fixture = fixtures.algorithms[alg];
  if (alg === 'HS256') {
    const secret = new TextEncoder().encode(fixture.secret);
    const key = await globalThis.crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    return { verify: key, sign: key };
  }
  return { verify: await jose.importSPKI(fixture.public_pem, alg), sign: await jose.importPKCS8(fixture.private_pem, alg) };
}

/**
 * jose's contenders for `alg`: `await jwtVerify` one at a time, the same with CONCURRENCY calls in
 * flight (WebCrypto is asynchronous, so this is how a busy server sees it), and `SignJWT`. Also
 * returns `check`, the independent verifier of every library's sign output.
 */
export async function joseContenders(jose, fixtures, alg) {
  const keys = await joseKeys(jose, fixtures, alg);
  const options = {
    algorithms: [alg],
    issuer: fixtures.issuer,
    audience: fixtures.audience,
    currentDate: new Date(fixtures.now * 1000),
  };
  const call = (token) => jose.jwtVerify(token, keys.verify, options);
  const claims = (result) => result.payload;
  const header = { alg, typ: 'JWT' };
  return {
    verify: { name: 'jose', note: 'await jwtVerify, CryptoKey', mode: 'async', call, claims },
    concurrent: { name: 'jose (concurrent)', note: 'Promise.all of 64', mode: 'concurrent', call, claims },
    sign: {
      name: 'jose',
      note: 'await SignJWT, CryptoKey',
      mode: 'async',
      call: () => new jose.SignJWT(fixtures.claims).setProtectedHeader(header).sign(keys.sign),
    },
    check: async (token) => (await call(token)).payload,
  };
}

/**
 * The groups of a WASM run (onejwt-wasm against jose, reference jose), the same under Node and in
 * Chromium, so the two wasm tables differ only by runtime.
 */
export async function wasmGroups(wasm, jose, fixtures) {
  const groups = [];
  const signs = [];
  for (const alg of ALGORITHMS) {
    const ours = onejwtContenders(wasm, fixtures, alg, 'onejwt-wasm');
    const theirs = await joseContenders(jose, fixtures, alg);
    groups.push({
      name: `${alg} verify`,
      reference: 'jose',
      contenders: [ours.verify, theirs.verify, theirs.concurrent].map((c) => verifyEntry(fixtures, alg, c)),
    });
    signs.push({
      name: `${alg} sign`,
      reference: 'jose',
      contenders: [ours.sign, theirs.sign].map((c) => signEntry(fixtures, alg, c, theirs.check)),
    });
  }
  return [...groups, ...signs];
}
