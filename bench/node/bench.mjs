/**
 * @module bench/node/bench — onejwt (napi) against the Node JWT libraries people use today (`make bench-node`,
 * issue 6): verify and sign for HS256, RS256, ES256 and EdDSA over bench/fixtures.json, every
 * library gated first and judging time at the fixture `now`; ratios against fast-jwt (cache off) of the
 * same run. Writes $CARGO_TARGET_DIR/bench/node.json (schema: bench/js/harness.mjs, runSuite).
 *
 * The peer libraries resolve from bench/node_modules (bench/package.json); onejwt is the built package in
 * bindings-node/js/ (`make node`).
 *
 * Env: ONEJWT_BENCH_ROUNDS (default 21), ONEJWT_BENCH_QUICK=1 (smoke test). Run with --expose-gc.
 */
import { createPrivateKey, createPublicKey, createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';

import { createSigner, createVerifier } from 'fast-jwt';
import * as jose from 'jose';

import * as onejwt from '../../bindings-node/js/index.mjs';
import { ALGORITHMS, joseContenders, onejwtContenders, signEntry, verifyEntry } from '../js/contenders.mjs';
import { runSuite, settingsFrom } from '../js/harness.mjs';
import { BENCH_MODULES, ROOT, formatExtras, loadFixtures, measureRss, nodeClock, packageVersion, writeResult } from '../js/node-host.mjs';

const require = createRequire(import.meta.url);
const jsonwebtoken = require('jsonwebtoken');

/** @node-rs/jsonwebtoken ships a prebuilt binary per platform; without one it is a skipped row, not a crash. */
let nodeRs = null;
let nodeRsMissing = null;
try {
  nodeRs = require('@node-rs/jsonwebtoken');
} catch (e) {
  nodeRsMissing = `cannot load @node-rs/jsonwebtoken here (${e.code ?? e.message})`;
}

const settings = settingsFrom(process.env);
const fixtures = loadFixtures();
const { now, issuer, audience, claims } = fixtures;

/** fast-jwt, jsonwebtoken and @node-rs/jsonwebtoken for one algorithm, with the fixture clock. */
function nodePeers(alg) {
  const fixture = fixtures.algorithms[alg];
  const hmac = alg === 'HS256';
  const verifyPem = hmac ? fixture.secret : fixture.public_pem;
  const signPem = hmac ? fixture.secret : fixture.private_pem;
  const fastOptions = { key: verifyPem, algorithms: [alg], allowedIss: issuer, allowedAud: audience, clockTimestamp: now * 1000 };
  const fastOff = createVerifier({ ...fastOptions, cache: false });
  const fastOn = createVerifier({ ...fastOptions, cache: true });
  // The fixture claims carry their own iat, which fast-jwt and jsonwebtoken keep (noTimestamp would drop it).
  const fastSigner = createSigner({ key: signPem, algorithm: alg });

  const verifyKey = hmac ? createSecretKey(Buffer.from(fixture.secret)) : createPublicKey(fixture.public_pem);
  const signKey = hmac ? verifyKey : createPrivateKey(fixture.private_pem);
  const jwtOptions = { algorithms: [alg], issuer, audience, clockTimestamp: now };
  const jwtSignOptions = { algorithm: alg };
  // jsonwebtoken 9 knows no EdDSA (its algorithm list ends at PS512/ES512).
  const noEdDSA = alg === 'EdDSA' ? 'jsonwebtoken 9 has no EdDSA support' : undefined;

  const peers = {
    verify: [
      { name: 'fast-jwt', note: 'cache off', call: (token) => fastOff(token) },
      { name: 'fast-jwt (cache on)', note: 'token cache hit after the first call', call: (token) => fastOn(token) },
      noEdDSA
        ? { name: 'jsonwebtoken', skip: noEdDSA }
        : { name: 'jsonwebtoken', note: 'KeyObject', call: (token) => jsonwebtoken.verify(token, verifyKey, jwtOptions) },
    ],
    sign: [
      { name: 'fast-jwt', note: 'createSigner once', call: () => fastSigner(claims) },
      noEdDSA
        ? { name: 'jsonwebtoken', skip: noEdDSA }
        : { name: 'jsonwebtoken', note: 'KeyObject', call: () => jsonwebtoken.sign(claims, signKey, jwtSignOptions) },
    ],
  };
  if (nodeRs === null) {
    peers.verify.push({ name: '@node-rs/jsonwebtoken', skip: nodeRsMissing });
    peers.sign.push({ name: '@node-rs/jsonwebtoken', skip: nodeRsMissing });
  } else {
    // It has no clock option and judges exp by the system clock minus `leeway`; a leeway of
    // (system now - fixture now), fixed here, moves its clock to the fixture `now` (to the second,
    // drifting by the run's length, far inside the valid token's 900 s and past the expired one's 1 s).
    const leeway = Math.floor(Date.now() / 1000) - now;
    const validation = {
      algorithms: [alg],
      iss: [issuer],
      aud: [audience],
      leeway,
      validateExp: true,
      requiredSpecClaims: ['exp', 'iss', 'aud'],
    };
    const header = { algorithm: alg };
    peers.verify.push({
      name: '@node-rs/jsonwebtoken',
      note: 'verifySync; PEM parsed per call (no key object API); fixture clock via leeway',
      call: (token) => nodeRs.verifySync(token, verifyPem, validation),
    });
    peers.sign.push({
      name: '@node-rs/jsonwebtoken',
      note: 'signSync; PEM parsed per call',
      call: () => nodeRs.signSync(claims, signPem, header),
    });
  }
  return peers;
}

/** A contender that cannot run stays a skipped row; the rest become timed entries. */
function entry(contender, make) {
  return contender.skip ? contender : make(contender);
}

const verifyGroups = [];
const signGroups = [];
for (const alg of ALGORITHMS) {
  const ours = onejwtContenders(onejwt, fixtures, alg);
  const theirs = await joseContenders(jose, fixtures, alg);
  const peers = nodePeers(alg);
  const [fastOff, fastOn, jwt, nodeRsVerify] = peers.verify;
  verifyGroups.push({
    name: `${alg} verify`,
    reference: 'fast-jwt',
    contenders: [ours.verify, fastOff, fastOn, jwt, theirs.verify, theirs.concurrent, nodeRsVerify].map((c) =>
      entry(c, (v) => verifyEntry(fixtures, alg, v)),
    ),
  });
  const [fastSign, jwtSign, nodeRsSign] = peers.sign;
  signGroups.push({
    name: `${alg} sign`,
    reference: 'fast-jwt',
    contenders: [ours.sign, fastSign, jwtSign, theirs.sign, nodeRsSign].map((c) =>
      entry(c, (s) => signEntry(fixtures, alg, s, theirs.check)),
    ),
  });
}

const versions = {
  onejwt: packageVersion(ROOT, 'bindings-node'),
  'fast-jwt': packageVersion(BENCH_MODULES, 'fast-jwt'),
  jose: packageVersion(BENCH_MODULES, 'jose'),
  jsonwebtoken: packageVersion(BENCH_MODULES, 'jsonwebtoken'),
  '@node-rs/jsonwebtoken': packageVersion(BENCH_MODULES, '@node-rs/jsonwebtoken'),
};
const title = `Node ${process.versions.node}`;
console.log(`${title}, ${settings.rounds} rounds${settings.quick ? ' (quick)' : ''}; ratios = row time / onejwt time`);
const result = await runSuite({ runtime: 'node', title, versions, groups: [...verifyGroups, ...signGroups] }, nodeClock, settings, console.log);

if (settings.memory) {
  const fixture = fixtures.algorithms.HS256;
  const verify = onejwtContenders(onejwt, fixtures, 'HS256').verify.call;
  result.memory = [measureRss('onejwt HS256 verify', () => verify(fixture.token))];
  console.log(formatExtras(result));
}
console.log(`wrote ${writeResult('node.json', result)}`);
