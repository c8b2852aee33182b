/**
 * @module bench/verify — per-call verification cost of onejwt against the common Node JWT libraries
 * (`make bench-node`). Same token, same key, same checks (signature, exp, iss, aud); fast-jwt's token
 * cache is off so every call verifies. Prints the median ns/op of 5 runs and the ratio to onejwt.
 */

import { createPublicKey, createSecretKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { createVerifier as fastJwtVerifier } from 'fast-jwt';
import * as jose from 'jose';

import { Key, Verifier, sign } from '../js/index.mjs';

const require = createRequire(import.meta.url);
const jsonwebtoken = require('jsonwebtoken');
const keys = new URL('../../tests/vectors/keys/', import.meta.url);
const pem = (name) => readFileSync(new URL(name, keys), 'utf8');

const NOW = 1_767_225_600;
const CLAIMS = {
  sub: 'user-42',
  email: 'ada@example.com',
  permissions: ['read', 'write', 'admin'],
  iss: 'https://auth.example.com',
  aud: 'api',
  iat: NOW - 60,
  exp: NOW + 900,
  jti: 'demo-0001',
  type: 'access',
};
const SECRET = 'a-32-byte-secret-for-hs256-use!!';
const ALGORITHMS = {
  HS256: { sign: Key.hmac(SECRET), verify: SECRET, node: createSecretKey(Buffer.from(SECRET)), calls: 200_000 },
  RS256: { sign: Key.fromPem(pem('rsa2048.private.pkcs8.pem')), verify: pem('rsa2048.public.spki.pem'), calls: 20_000 },
  ES256: { sign: Key.fromPem(pem('p256.private.pkcs8.pem')), verify: pem('p256.public.spki.pem'), calls: 20_000 },
  EdDSA: { sign: Key.fromPem(pem('ed25519.private.pkcs8.pem')), verify: pem('ed25519.public.spki.pem'), calls: 20_000 },
};

async function measure(fn, calls) {
  for (let i = 0; i < calls / 10; i++) await fn();
  const runs = [];
  for (let run = 0; run < 5; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await fn();
    runs.push(Number(process.hrtime.bigint() - start) / calls);
  }
  return runs.sort((a, b) => a - b)[2];
}

for (const [alg, material] of Object.entries(ALGORITHMS)) {
  const token = sign(CLAIMS, material.sign, alg);
  const publicKey = alg === 'HS256' ? Key.hmac(SECRET) : Key.fromPem(material.verify);
  const onejwt = new Verifier({ key: publicKey, algorithms: [alg], issuer: CLAIMS.iss, audience: 'api' });
  const fast = fastJwtVerifier({ key: material.verify, algorithms: [alg], allowedIss: CLAIMS.iss, allowedAud: 'api', clockTimestamp: NOW * 1000, cache: false });
  const nodeKey = material.node ?? createPublicKey(material.verify);
  const joseOptions = { algorithms: [alg], issuer: CLAIMS.iss, audience: 'api', currentDate: new Date(NOW * 1000) };
  const jwtOptions = { algorithms: [alg], issuer: CLAIMS.iss, audience: 'api', clockTimestamp: NOW };
  const contenders = [
    ['onejwt', () => onejwt.verify(token, { now: NOW })],
    ['fast-jwt', () => fast(token)],
    ['jsonwebtoken', alg === 'EdDSA' ? null : () => jsonwebtoken.verify(token, nodeKey, jwtOptions)],
    ['jose (async)', () => jose.jwtVerify(token, nodeKey, joseOptions)],
  ];
  const only = process.argv[2];
  if (only && only !== alg) continue;
  const base = await measure(contenders[0][1], material.calls);
  const line = [`${alg.padEnd(6)} onejwt ${base.toFixed(0)} ns`];
  for (const [name, fn] of contenders.slice(1)) {
    if (fn === null) continue;
    const ns = await measure(fn, material.calls);
    line.push(`${name} ${ns.toFixed(0)} ns (${(ns / base).toFixed(2)}x)`);
  }
  console.log(line.join(' | '));
}
