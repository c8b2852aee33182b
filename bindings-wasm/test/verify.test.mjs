/**
 * @module verify.test — the verify-only entry `onejwt-wasm/verify`: exactly the verify subset of the
 * main entry, with the same behaviour (every corpus case of a kind it runs, i.e. no service, export or
 * generate case, gives the main entry's record), without key generation and export,
 * over a module without the service that is smaller and within issue 5's 150 KiB gzipped budget. To
 * stay within it, the verify module also leaves out ES512 (the core's `es512` feature: P-521 costs
 * ~33 KiB gzipped): a case that needs P-521 may only be refused there, never decided otherwise.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

import * as full from 'onejwt-wasm';
import * as verify from 'onejwt-wasm/verify';

import {
  FULL_ENTRY_KINDS,
  loadCases,
  needsP521,
  refusedWithoutP521,
  runsInVerifyEntry,
} from '../../bindings-js/test/load-cases.mjs';
import { runAll } from '../../bindings-js/test/run-corpus.mjs';

const require = createRequire(import.meta.url);
const PKG = new URL('../pkg/', import.meta.url);
/** Issue 5's budget for the `.wasm` a front end downloads. */
const BUDGET_GZIPPED = 150 * 1024;

/** The values a `.d.ts` declares (`export class|function|const`). */
function declaredValues(dts) {
  return [...dts.matchAll(/^export (?:class|function|const) (\w+)/gm)].map((m) => m[1]).sort();
}

test('the verify entry exports exactly the verify subset, and its index.d.ts declares exactly that', () => {
  const subset = ['ERROR_CODES', 'JwtError', 'Key', 'KeySet', 'Verifier', 'decodeUnverified', 'sign'];
  assert.deepEqual(Object.keys(verify).sort(), subset);
  assert.deepEqual(
    Object.keys(full).filter((name) => !subset.includes(name)).sort(),
    ['RedisStore', 'TokenService', 'extractToken'],
  );
  assert.deepEqual(declaredValues(readFileSync(new URL('verify/index.d.ts', PKG), 'utf8')), subset);
});

test("the verify entry's index.d.ts is the shared index.d.ts's declarations, verbatim (classes less the methods it lacks)", () => {
  const shared = readFileSync(new URL('../../bindings-js/src/index.d.ts', import.meta.url), 'utf8');
  const subset = readFileSync(new URL('verify/index.d.ts', PKG), 'utf8');
  const body = subset.slice(subset.indexOf('*/') + 2).trim();
  for (const declaration of body.split(/\n\n(?=\/\*\*|export )/)) {
    if (shared.includes(declaration)) continue;
    // A class with methods left out: its lines, in order, are lines of the shared declaration.
    const name = /^export class (\w+)/m.exec(declaration)?.[1];
    assert.ok(name, `not in bindings-js/src/index.d.ts:\n${declaration.slice(0, 200)}`);
    const start = shared.indexOf(declaration.slice(0, declaration.indexOf(`export class ${name}`)));
    const whole = shared.slice(start, shared.indexOf('\n}\n', shared.indexOf(`export class ${name}`, start)) + 2).split('\n');
    let at = 0;
    for (const line of declaration.split('\n')) {
      at = whole.indexOf(line, at);
      assert.ok(at >= 0, `class ${name}: a line not in the shared declaration (or out of order): ${line}`);
      at += 1;
    }
  }
});

test('both entries share one JwtError class and the same ERROR_CODES', () => {
  assert.equal(verify.JwtError, full.JwtError);
  assert.deepEqual([...verify.ERROR_CODES], [...full.ERROR_CODES]);
  assert.ok(Object.isFrozen(verify.ERROR_CODES));
  let caught;
  try {
    verify.decodeUnverified('not a token');
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof full.JwtError);
  assert.equal(caught.code, 'malformed');
});

test('keys of one entry are refused by the other (each has its own WebAssembly instance)', () => {
  const key = full.Key.hmac('onejwt-test-hs256-secret-32bytes');
  assert.throws(() => new verify.Verifier({ key, algorithms: ['HS256'] }), TypeError);
  assert.throws(() => verify.sign({ sub: '1' }, key, 'HS256'), TypeError);
});

test('every corpus case of a kind the verify entry runs gives the same record through it as through the main one', async () => {
  const all = loadCases().filter(runsInVerifyEntry);
  const cases = all.filter((testCase) => !needsP521(testCase));
  assert.ok(cases.length > 0, 'no corpus cases of the verify kinds found');
  const viaVerify = await runAll(verify, cases);
  const viaFull = await runAll(full, cases);
  assert.deepEqual(viaVerify.failures, [], `${viaVerify.failures.length} of ${cases.length} cases failed`);
  assert.equal(viaVerify.records.length, cases.length);
  assert.deepEqual(viaVerify.records, viaFull.records);
});

test('the verify entry leaves out ES512: a case that needs P-521 is refused there or decided as in the main entry', async () => {
  const cases = loadCases().filter((testCase) => runsInVerifyEntry(testCase) && needsP521(testCase));
  assert.ok(cases.length > 50, `only ${cases.length} ES512/P-521 cases found`);
  const viaVerify = (await runAll(verify, cases)).records;
  const viaFull = (await runAll(full, cases)).records;
  let refused = 0;
  viaVerify.forEach((record, i) => {
    if (JSON.stringify(record) === JSON.stringify(viaFull[i])) return;
    refused += 1;
    assert.ok(refusedWithoutP521(record), `${record.id}: ${JSON.stringify(record)}`);
  });
  assert.ok(refused > 0, 'the verify entry decided every P-521 case as the main entry: is ES512 still in it?');
  const pem = readFileSync(new URL('../../tests/vectors/keys/p521.public.spki.pem', import.meta.url), 'utf8');
  assert.equal(full.Key.fromPem(pem).family, 'ec-p521');
  let caught;
  try {
    verify.Key.fromPem(pem);
  } catch (e) {
    caught = e;
  }
  assert.equal(caught?.code, 'invalid_key');
  assert.match(caught.message, /es512 feature/);
  try {
    verify.sign({}, verify.Key.hmac('onejwt-test-hs256-secret-32bytes'), 'ES512');
  } catch (e) {
    caught = e;
  }
  assert.equal(caught?.code, 'unsupported_algorithm');
});

test('the verify entry generates and exports no keys: its classes lack those methods, and its types declare none', () => {
  const fullOnly = { Key: ['generate'], 'Key.prototype': ['toJwk', 'toPem', 'thumbprint', 'withKid'], 'KeySet.prototype': ['toJwks'] };
  const holders = (lib) => ({ Key: lib.Key, 'Key.prototype': lib.Key.prototype, 'KeySet.prototype': lib.KeySet.prototype });
  for (const [holder, names] of Object.entries(fullOnly)) {
    for (const name of names) {
      assert.equal(typeof holders(full)[holder][name], 'function', `the main entry has ${holder}.${name}`);
      assert.equal(holders(verify)[holder][name], undefined, `the verify entry has ${holder}.${name}`);
    }
  }
  // The ecosystem conversions are no generation or export: both entries have them.
  for (const name of ['fromKeyObject', 'fromCryptoKey', 'fromJwk', 'fromPem', 'hmac']) assert.equal(typeof verify.Key[name], 'function');
  const exports = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  const raw = exports(readFileSync(new URL('verify/wasm/onejwt_wasm_bg.wasm', PKG)));
  assert.deepEqual(raw.filter((name) => /generate|tojwk|topem|thumbprint|withkid/i.test(name)), []);
  assert.ok(exports(readFileSync(new URL('wasm/onejwt_wasm_bg.wasm', PKG))).includes('rawkey_generate'));

  // The types: each class method the verify entry declares exists there, and the full-only ones are left out.
  const dts = readFileSync(new URL('verify/index.d.ts', PKG), 'utf8');
  const shared = readFileSync(new URL('../../bindings-js/src/index.d.ts', import.meta.url), 'utf8');
  const methods = (text, cls) => {
    const body = new RegExp(`^export class ${cls}\\b[^\\n]*\\n([\\s\\S]*?)^\\}`, 'm').exec(text)[1];
    return [...body.matchAll(/^ {2}(static )?(\w+)(?:<[^>]*>)?\(/gm)].map(([, isStatic, name]) => `${isStatic ? 'static ' : ''}${name}`);
  };
  for (const cls of ['Key', 'KeySet']) {
    for (const member of methods(dts, cls)) {
      const [name, isStatic] = member.startsWith('static ') ? [member.slice(7), true] : [member, false];
      assert.equal(typeof (isStatic ? verify[cls] : verify[cls].prototype)[name], 'function', `${cls}: ${member} is declared`);
    }
    const left = methods(shared, cls).filter((member) => !methods(dts, cls).includes(member));
    assert.deepEqual(left, cls === 'Key' ? ['static generate', 'toJwk', 'toPem', 'thumbprint', 'withKid'] : ['toJwks']);
  }
  assert.doesNotMatch(dts, /GenerateOptions|ExportOptions|interface Jwks?\b/);
});

test('the corpus kinds the verify entry cannot run are left out by kind, loudly for an unknown kind', () => {
  assert.deepEqual([...FULL_ENTRY_KINDS], ['service', 'export', 'generate']);
  const cases = loadCases();
  const left = cases.filter((testCase) => !runsInVerifyEntry(testCase));
  assert.ok(left.every((testCase) => FULL_ENTRY_KINDS.includes(testCase.kind)));
  assert.ok(left.some((testCase) => testCase.kind === 'service'), 'no service case found');
  assert.ok(left.some((testCase) => testCase.kind === 'export'), 'no export case found');
  assert.throws(() => runsInVerifyEntry({ id: 'x/y', kind: 'rotate' }), /unknown case kind "rotate"/);
});

test('the package.json maps ./verify like the main entry, and ships every file of both', () => {
  const pkg = require('onejwt-wasm/package.json');
  assert.deepEqual(Object.keys(pkg.exports['./verify']), Object.keys(pkg.exports['.']));
  assert.deepEqual(pkg.exports['./verify'], {
    types: './verify/index.d.ts',
    node: './verify/node.mjs',
    default: './verify/browser.mjs',
  });
  for (const file of ['verify/api.mjs', 'verify/errors.mjs', 'verify/wasm/onejwt_wasm.js', 'verify/wasm/onejwt_wasm_bg.wasm']) {
    assert.ok(pkg.files.includes(file), `files lacks ${file}`);
  }
  assert.ok(pkg.sideEffects.includes('./verify/browser.mjs'));
});

test('the verify module has no service, session or Redis code, is smaller than the full one and within 150 KiB gzipped', () => {
  const fullWasm = readFileSync(new URL('wasm/onejwt_wasm_bg.wasm', PKG));
  const verifyWasm = readFileSync(new URL('verify/wasm/onejwt_wasm_bg.wasm', PKG));
  const exports = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  assert.ok(exports(fullWasm).some((name) => name.startsWith('rawtokenservice_')), 'the full module has the service');
  assert.deepEqual(exports(verifyWasm).filter((name) => /tokenservice|rawpending|extracttoken|redis/i.test(name)), []);
  const gzipped = (bytes) => gzipSync(bytes, { level: 9 }).length;
  assert.ok(verifyWasm.length < fullWasm.length, `verify ${verifyWasm.length} B >= full ${fullWasm.length} B raw`);
  assert.ok(gzipped(verifyWasm) < gzipped(fullWasm));
  assert.ok(gzipped(verifyWasm) <= BUDGET_GZIPPED, `verify .wasm is ${gzipped(verifyWasm)} B gzipped, over ${BUDGET_GZIPPED} B`);
});
