/**
 * @module bench — verify throughput of `onejwt-wasm` under Node (`make bench-wasm`): ops/s for one
 * HS256, RS256, ES256 and EdDSA token with realistic claims, each verified into a JS claims object.
 *
 * Usage: node scripts/bench.mjs [path to a built package entry, default ../pkg/node.mjs]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const entry = process.argv[2] ? pathToFileURL(process.argv[2]).href : new URL('../pkg/node.mjs', import.meta.url).href;
const { Key, Verifier, sign } = await import(entry);

const keyFile = (name) => readFileSync(new URL(`../../tests/vectors/keys/${name}`, import.meta.url), 'utf8');
const CLAIMS = {
  sub: 'user-42',
  iss: 'https://auth.example',
  aud: 'api',
  iat: 1_767_225_540,
  exp: 1_767_226_500,
  email: 'ada@example.com',
  permissions: ['read', 'write', 'admin'],
};
const NOW = { now: 1_767_225_600 };

/** Median ops/s over five timed rounds of `count` calls, after a warm-up round. */
function opsPerSecond(fn, count) {
  const rounds = [];
  for (let round = 0; round <= 5; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) fn();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (round > 0) rounds.push(count / seconds);
  }
  return rounds.sort((a, b) => a - b)[2];
}

const cases = [
  ['HS256', Key.hmac('onejwt-test-hs256-secret-32bytes'), 50_000],
  ['RS256', Key.fromJwk(keyFile('rsa2048.private.jwk')), 5_000],
  ['ES256', Key.fromJwk(keyFile('p256.private.jwk')), 5_000],
  ['EdDSA', Key.fromJwk(keyFile('ed25519.private.jwk')), 5_000],
];
for (const [alg, key, count] of cases) {
  const token = sign(CLAIMS, key, alg);
  const verifier = new Verifier({ key, algorithms: [alg], issuer: 'https://auth.example', audience: 'api' });
  const ops = opsPerSecond(() => verifier.verify(token, NOW), count);
  console.log(`${alg} verify: ${Math.round(ops).toLocaleString('en-US')} ops/s (${(1e6 / ops).toFixed(2)} µs)`);
}
