/** @module workers.test — worker_threads: the addon loads in every worker and gives the same verdicts concurrently. */

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';

import { Key, sign } from 'onejwt';

import { CLAIMS, NOW, keyJwk, keyText } from './fixtures.mjs';

const WORKERS = 8;
const ROUNDS = 200;

/** One JWKS shared by every thread, and tokens that reach different verdicts against it. */
const jwks = {
  keys: [
    { ...keyJwk('ed25519.public.jwk'), kid: 'ed' },
    { ...keyJwk('p256.public.jwk'), kid: 'ec' },
    { ...keyJwk('rsa2048.public.jwk'), kid: 'rsa' },
  ],
};
const ed = Key.fromPem(keyText('ed25519.private.pkcs8.pem'));
const ec = Key.fromPem(keyText('p256.private.pkcs8.pem'));
const rsa = Key.fromPem(keyText('rsa2048.private.pkcs8.pem'));
const tokens = [
  sign(CLAIMS, ed, 'EdDSA', { kid: 'ed' }),
  sign({ ...CLAIMS, sub: 'ec-user' }, ec, 'ES256', { kid: 'ec' }),
  sign({ ...CLAIMS, sub: 'rsa-user' }, rsa, 'PS256', { kid: 'rsa' }),
  sign(CLAIMS, ed, 'EdDSA', { kid: 'rsa' }),
  sign(CLAIMS, ed, 'EdDSA', { kid: 'missing' }),
  sign({ ...CLAIMS, exp: NOW }, ec, 'ES256', { kid: 'ec' }),
  'not.a.token',
];

/** The body every thread runs: its verdict for each token, ROUNDS times (all rounds must agree). */
function verdicts(lib, jwksJson, list, now, rounds) {
  const verifier = new lib.Verifier({ keys: lib.KeySet.fromJwks(jwksJson), algorithms: ['EdDSA', 'ES256', 'PS256'], audience: 'api' });
  let first = null;
  for (let round = 0; round < rounds; round++) {
    const out = list.map((token) => {
      try {
        return `ok ${verifier.verify(token, { now }).sub}`;
      } catch (e) {
        return e instanceof lib.JwtError ? e.code : `unexpected ${e}`;
      }
    });
    if (first === null) first = out;
    else if (JSON.stringify(out) !== JSON.stringify(first)) return ['rounds disagree', ...out];
  }
  return first;
}

test(`${WORKERS} workers verify concurrently with the verdicts of the main thread`, async () => {
  const expected = verdicts(await import('onejwt'), JSON.stringify(jwks), tokens, NOW, 1);
  assert.deepEqual(expected, ['ok user-42', 'ok ec-user', 'ok rsa-user', 'key_not_found', 'key_not_found', 'expired', 'malformed']);

  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const verdicts = ${verdicts.toString()};
    import(${JSON.stringify(new URL('../js/index.mjs', import.meta.url).href)}).then((lib) => {
      parentPort.postMessage(verdicts(lib, workerData.jwks, workerData.tokens, workerData.now, workerData.rounds));
    });
  `;
  const workerData = { jwks: JSON.stringify(jwks), tokens, now: NOW, rounds: ROUNDS };
  const results = await Promise.all(
    Array.from({ length: WORKERS }, () => new Promise((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData });
      worker.once('message', (message) => {
        resolve(message);
        worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => code !== 0 && code !== 1 && reject(new Error(`worker exited with ${code}`)));
    })),
  );
  for (const result of results) assert.deepEqual(result, expected);
});
