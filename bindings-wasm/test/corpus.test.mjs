/** @module corpus.test — the whole shared conformance corpus through the public API of `onejwt-wasm` under Node. */

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as onejwtWasm from 'onejwt-wasm';

import { loadCases } from '../../bindings-js/test/load-cases.mjs';
import { runAll } from '../../bindings-js/test/run-corpus.mjs';
import { writeRecords } from '../../bindings-js/test/write-records.mjs';

test('every corpus case gives its expected outcome (and the records are written for corpus-diff)', async () => {
  const cases = loadCases();
  assert.ok(cases.length > 0, 'no corpus cases found');
  const { records, failures } = await runAll(onejwtWasm, cases);
  writeRecords('wasm-node', records);
  assert.equal(records.length, cases.length);
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} corpus cases failed`);
});
