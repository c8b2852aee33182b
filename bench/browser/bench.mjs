/**
 * @module bench/browser/bench — onejwt-wasm against jose in real headless Chromium (`make bench-wasm`,
 * issue 6). Serves the repository's built package, the shared harness and jose's browser build
 * (bench/node_modules) from 127.0.0.1, runs bench.html's `runBench` with the fixtures, echoes the page's tables and writes
 * $CARGO_TARGET_DIR/bench/wasm-browser.json (plus the `.wasm` size). A plain script, not a
 * `*.test.mjs`, so `make test` never runs it.
 *
 * Env: ONEJWT_BENCH_ROUNDS (default 21), ONEJWT_BENCH_QUICK=1 (smoke test).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { settingsFrom } from '../js/harness.mjs';
import { BENCH_MODULES, ROOT, fileSizes, formatExtras, loadFixtures, packageVersion, writeResult } from '../js/node-host.mjs';
// The browser tests' helpers (playwright-core resolves from tests/js/browser/node_modules, installed by `make wasm`).
import { CHROMIUM, openChromium } from '../../tests/js/browser/chromium.mjs';
import { serveStatic } from '../../tests/js/browser/server.mjs';

const settings = settingsFrom(process.env);
const fixtures = loadFixtures();
const server = await serveStatic(ROOT, { allow: ['bindings-wasm/pkg', 'bench/browser', 'bench/js', 'bench/node_modules/jose'] });
const browser = await openChromium();
let result;
try {
  // The page's tables arrive as console lines while it runs, so a long run shows progress.
  browser.page.on('console', (message) => {
    if (message.type() === 'log') console.log(message.text());
  });
  await browser.page.goto(`${server.url}bench/browser/bench.html`);
  try {
    await browser.page.waitForFunction(() => typeof window.runBench === 'function', null, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the benchmark page did not load: ${browser.errors.join('; ') || e.message}`);
  }
  // The user agent says only "156.0.0.0" (UA reduction); the binary knows its full version.
  const banner = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const chromium = /\d+\.[\d.]+/.exec(banner)?.[0] ?? 'unknown';
  const suite = {
    runtime: 'wasm-browser',
    title: `onejwt-wasm in headless Chromium ${chromium}`,
    versions: {
      'onejwt-wasm': packageVersion(join(ROOT, 'bindings-wasm'), 'pkg'),
      jose: packageVersion(BENCH_MODULES, 'jose'),
      chromium,
    },
  };
  console.log(`${suite.title}, ${settings.rounds} rounds${settings.quick ? ' (quick)' : ''}; ratios = row time / onejwt-wasm time`);
  result = await browser.page.evaluate(([f, s, meta]) => window.runBench(f, s, meta), [fixtures, settings, suite]);
  if (browser.errors.length) throw new Error(`the benchmark page logged errors: ${browser.errors.join('; ')}`);
} finally {
  await browser.close();
  await server.close();
}
result.sizes = [
  fileSizes('onejwt-wasm: wasm/onejwt_wasm_bg.wasm', join(ROOT, 'bindings-wasm/pkg/wasm/onejwt_wasm_bg.wasm')),
  fileSizes('onejwt-wasm/verify: verify/wasm/onejwt_wasm_bg.wasm', join(ROOT, 'bindings-wasm/pkg/verify/wasm/onejwt_wasm_bg.wasm')),
];
console.log(formatExtras(result));
console.log(`wrote ${writeResult('wasm-browser.json', result)}`);
