/**
 * @module corpus.test (browser) — the whole shared corpus through onejwt-wasm's web build in real
 * headless Chromium: the page imports bindings-wasm/pkg/browser.mjs and bindings-js/test/run-corpus.mjs from a
 * static server on 127.0.0.1, receives the cases as JSON and returns the records, which must match
 * every expectation and are written to target/corpus/wasm-browser.json for corpus-diff. The same page
 * loads the verify-only entry (bindings-wasm/pkg/verify/browser.mjs), whose records for every case of a
 * kind it runs (`runsInVerifyEntry`: no service, export or generate case) must equal the main entry's (no record file of its own: corpus-diff covers the main one),
 * except that it leaves out ES512: a case that needs P-521 may only be refused there.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { loadCases, needsP521, refusedWithoutP521, runsInVerifyEntry } from '../../../bindings-js/test/load-cases.mjs';
import { writeRecords } from '../../../bindings-js/test/write-records.mjs';
import { openChromium } from './chromium.mjs';
import { serveStatic } from './server.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let server;
let browser;

before(async () => {
  server = await serveStatic(ROOT, { allow: ['bindings-wasm/pkg', 'bindings-js/test', 'tests/js'] });
  browser = await openChromium();
  await browser.page.goto(`${server.url}tests/js/browser/corpus.html`);
  try {
    await browser.page.waitForFunction(() => typeof window.runCorpus === 'function', null, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the corpus page did not load: ${browser.errors.join('; ') || e.message}`);
  }
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the browser build exports the names of the Node entry but RedisStore (browsers reach no Redis)', async () => {
  const names = await browser.page.evaluate(() => window.exportNames);
  const node = Object.keys(await import('../../../bindings-wasm/pkg/node.mjs')).sort();
  assert.ok(node.includes('RedisStore'));
  assert.deepEqual(names, node.filter((name) => name !== 'RedisStore'));
});

test('every corpus case gives its expected outcome in Chromium (records written for corpus-diff)', async () => {
  const cases = loadCases();
  assert.ok(cases.length > 0, 'no corpus cases found');
  const { records, failures } = await browser.page.evaluate((all) => window.runCorpus(all), cases);
  writeRecords('wasm-browser', records);
  assert.equal(records.length, cases.length);
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} corpus cases failed`);
  assert.deepEqual(browser.errors, [], 'the page logged errors');
});

test('the verify-only browser entry exports the same names as its Node entry', async () => {
  const names = await browser.page.evaluate(() => window.verifyExportNames);
  const node = Object.keys(await import('../../../bindings-wasm/pkg/verify/node.mjs')).sort();
  assert.deepEqual(names, node);
  assert.ok(!names.includes('TokenService'));
});

test('every corpus case of a kind the verify-only entry runs gives the same record through it in Chromium', async () => {
  // Not service, export or generate cases (FULL_ENTRY_KINDS in load-cases.mjs): that entry has no service and
  // generates and exports no keys.
  const all = loadCases().filter(runsInVerifyEntry);
  const cases = all.filter((testCase) => !needsP521(testCase));
  assert.ok(cases.length > 0, 'no non-service corpus cases found');
  const [viaVerify, viaFull] = await browser.page.evaluate(
    (all) => Promise.all([window.runVerifyCorpus(all), window.runCorpus(all)]),
    cases,
  );
  assert.deepEqual(viaVerify.failures, [], `${viaVerify.failures.length} of ${cases.length} corpus cases failed`);
  assert.equal(viaVerify.records.length, cases.length);
  assert.deepEqual(viaVerify.records, viaFull.records);
  // The ES512 cases: the verify entry refuses them or decides them as the main entry does.
  const p521 = all.filter(needsP521);
  const [refusedHere, decidedThere] = await browser.page.evaluate(
    async (some) => [(await window.runVerifyCorpus(some)).records, (await window.runCorpus(some)).records],
    p521,
  );
  refusedHere.forEach((record, i) => {
    if (JSON.stringify(record) === JSON.stringify(decidedThere[i])) return;
    assert.ok(refusedWithoutP521(record), `${record.id}: ${JSON.stringify(record)}`);
  });
  assert.deepEqual(browser.errors, [], 'the page logged errors');
});
