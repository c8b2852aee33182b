/**
 * @module bench/wasm/bench — onejwt-wasm under Node against jose (`make bench-wasm`, issue 6): verify and
 * sign for HS256, RS256, ES256 and EdDSA over bench/fixtures.json with the shared harness and the
 * same groups as the Chromium page, reference jose; plus RSS over 10^6 HS256 verifications and the
 * `.wasm` size. Writes $CARGO_TARGET_DIR/bench/wasm-node.json. jose is the copy the browser page serves
 * (bench/node_modules, its WebCrypto build), so both wasm tables time the same jose.
 *
 * Usage: node --expose-gc bench/wasm/bench.mjs [built package dir, default bindings-wasm/pkg]
 * Env: ONEJWT_BENCH_ROUNDS (default 21), ONEJWT_BENCH_QUICK=1 (smoke test).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { onejwtContenders, wasmGroups } from '../js/contenders.mjs';
import { runSuite, settingsFrom } from '../js/harness.mjs';
import { BENCH_MODULES, ROOT, fileSizes, formatExtras, loadFixtures, measureRss, nodeClock, packageVersion, writeResult } from '../js/node-host.mjs';

const PKG = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'bindings-wasm', 'pkg');
const WASM_FILE = join(PKG, 'wasm', 'onejwt_wasm_bg.wasm');
const JOSE = join(BENCH_MODULES, 'jose/dist/webapi/index.js');
for (const [path, fix] of [
  [WASM_FILE, 'run `make wasm`'],
  [JOSE, 'run `make bench-wasm` (it installs bench/package.json)'],
]) {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${fix}`);
}

const wasm = await import(pathToFileURL(join(PKG, 'node.mjs')).href);
const jose = await import(pathToFileURL(JOSE).href);

const settings = settingsFrom(process.env);
const fixtures = loadFixtures();
const versions = {
  'onejwt-wasm': JSON.parse(readFileSync(join(PKG, 'package.json'), 'utf8')).version,
  jose: packageVersion(BENCH_MODULES, 'jose'),
};
const title = `onejwt-wasm in Node ${process.versions.node}`;
console.log(`${title}, ${settings.rounds} rounds${settings.quick ? ' (quick)' : ''}; ratios = row time / onejwt-wasm time`);
const groups = await wasmGroups(wasm, jose, fixtures);
const result = await runSuite({ runtime: 'wasm-node', title, versions, groups }, nodeClock, settings, console.log);

if (settings.memory) {
  const token = fixtures.algorithms.HS256.token;
  const verify = onejwtContenders(wasm, fixtures, 'HS256', 'onejwt-wasm').verify.call;
  result.memory = [measureRss('onejwt-wasm HS256 verify', () => verify(token))];
}
result.sizes = [
  fileSizes('onejwt-wasm: wasm/onejwt_wasm_bg.wasm', WASM_FILE),
  fileSizes('onejwt-wasm/verify: verify/wasm/onejwt_wasm_bg.wasm', join(PKG, 'verify', 'wasm', 'onejwt_wasm_bg.wasm')),
];
console.log(formatExtras(result));
console.log(`wrote ${writeResult('wasm-node.json', result)}`);
