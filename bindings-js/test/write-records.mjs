/** @module write-records — writes a runtime's corpus outcomes to target/corpus/<runtime>.json for tests/corpus_diff.py. */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cargo target dir the Makefile exports, or the repository's target/ when run by hand. */
export const TARGET_DIR = process.env.CARGO_TARGET_DIR || fileURLToPath(new URL('../../target/', import.meta.url));

/**
 * Writes `records` (from `runAll`) as pretty JSON to `<target>/corpus/<runtime>.json`.
 *
 * @param {string} runtime `node`, `wasm-node`, `wasm-browser`, …
 * @param {object[]} records
 * @returns {string} the path written
 */
export function writeRecords(runtime, records) {
  if (!/^[a-z0-9-]+$/.test(runtime)) throw new Error(`bad runtime name ${JSON.stringify(runtime)}`);
  const dir = join(TARGET_DIR, 'corpus');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${runtime}.json`);
  writeFileSync(path, `${JSON.stringify(records, null, 2)}\n`);
  return path;
}
