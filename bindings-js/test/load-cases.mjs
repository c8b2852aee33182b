/** @module load-cases — reads the conformance corpus (tests/vectors) from disk for the Node-side runners. */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The corpus folder: tests/vectors. */
export const VECTORS_DIR = fileURLToPath(new URL('../../tests/vectors/', import.meta.url));

/**
 * Every case under `dir` (recursively, skipping `keys/` folders, as core/tests/corpus.rs does),
 * parsed and sorted by id.
 *
 * @param {string} [dir] defaults to tests/vectors
 * @returns {object[]}
 * @throws {Error} when no case is found, or a file is not JSON: a runner that loads nothing proves nothing
 */
export function loadCases(dir = VECTORS_DIR) {
  const files = [];
  collect(dir, files);
  const cases = files.map((file) => {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file} is not JSON: ${e.message}`);
    }
  });
  if (cases.length === 0) throw new Error(`no corpus cases found under ${dir}`);
  return cases.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function collect(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'keys') collect(path, out);
    } else if (entry.name.endsWith('.json')) {
      out.push(path);
    }
  }
}
