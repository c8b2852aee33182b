/**
 * @module main — the Vite smoke app: imports `onejwt-wasm` like any application would, verifies a
 * fixed HS256 token (made with Node's crypto, not onejwt), a tampered copy, and an ES256 round trip
 * (ECDSA signing draws its randomness from crypto.getRandomValues), then shows the verdicts as JSON.
 */
import { ERROR_CODES, JwtError, Key, Verifier, sign } from 'onejwt-wasm';
// A test-only key of the corpus (tests/vectors/keys), bundled as text by Vite.
import p256PrivateJwk from '../../vectors/keys/p256.private.jwk?raw';

/** `s32` of tests/vectors/keys/hmac-secrets.txt. */
const SECRET = 'onejwt-test-hs256-secret-32bytes';
/** HS256 over {"sub":"vite-smoke","iss":"https://auth.example","iat":1767225000,"exp":1767229200}. */
const TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ2aXRlLXNtb2tlIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmV4YW1wbGUiLCJpYXQiOjE3NjcyMjUwMDAsImV4cCI6MTc2NzIyOTIwMH0.DAa7m7eb-EPlEGsKUV9NqkjY8PAlLTMaz-tE-duxwXg';
/** 2026-01-01T00:00:00Z, inside the token's validity. */
const NOW = 1_767_225_600;

/** Runs `fn` and reports `{ ok }`, `{ code }` for a JwtError, or `{ thrown }` for anything else. */
function verdict(fn) {
  try {
    return { ok: fn() };
  } catch (e) {
    return e instanceof JwtError ? { code: e.code } : { thrown: String(e) };
  }
}

/** The token with its first signature character changed (as the demo does). */
function tamper(token) {
  const at = token.lastIndexOf('.') + 1;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

const verifier = new Verifier({ key: Key.hmac(SECRET), algorithms: ['HS256'], issuer: 'https://auth.example' });
const ecKey = Key.fromJwk(p256PrivateJwk);

const result = {
  claims: verdict(() => verifier.verify(TOKEN, { now: NOW })),
  tampered: verdict(() => verifier.verify(tamper(TOKEN), { now: NOW })),
  expired: verdict(() => verifier.verify(TOKEN, { now: new Date('2030-01-01T00:00:00Z') })),
  es256: verdict(() => new Verifier({ key: ecKey, algorithms: ['ES256'] }).verify(sign({ sub: 'es' }, ecKey, 'ES256'))),
  errorCodes: ERROR_CODES.length,
};

document.querySelector('#result').textContent = JSON.stringify(result);
document.title = 'done';
