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

/** The case kinds of the corpus (tests/vectors/README.md); `verify` when a case names none. */
const KINDS = ['verify', 'sign', 'decode', 'export', 'generate', 'service'];

/**
 * The kinds onejwt-wasm's verify-only entry cannot run, left out of its runs by kind (never by how a
 * case fails there): it has no TokenService (`service`), and it generates and exports no keys
 * (`export`, `generate`: issue 14).
 */
export const FULL_ENTRY_KINDS = Object.freeze(['service', 'export', 'generate']);

/**
 * Whether onejwt-wasm/verify runs `testCase` (its kind is not in `FULL_ENTRY_KINDS`).
 *
 * @param {object} testCase one parsed case
 * @returns {boolean}
 * @throws {Error} for a kind the corpus does not define: a new kind must be placed, not skipped
 */
export function runsInVerifyEntry(testCase) {
  const kind = testCase.kind ?? 'verify';
  if (!KINDS.includes(kind)) throw new Error(`${testCase.id}: unknown case kind ${JSON.stringify(kind)}`);
  return !FULL_ENTRY_KINDS.includes(kind);
}

/** secp521r1 (1.3.132.0.35) as DER: a PEM whose body holds it is a P-521 key. */
const P521_OID = Buffer.from('06052b81040023', 'hex');

/**
 * Whether a case needs ES512 or a P-521 key, which onejwt-wasm's verify-only entry leaves out (the core's
 * `es512` feature): an ES512 token or algorithm, a JWK with crv P-521, or a PEM whose DER names secp521r1.
 *
 * @param {object} testCase one parsed case
 * @returns {boolean}
 */
/**
 * Whether `record` is how a build without P-521 (`onejwt-wasm/verify`) may refuse a case that needs it:
 * a verdict (`unsupported_algorithm`, `invalid_key`, `key_not_found`), or a verifier refused when it is
 * built because, without ES512, its key or allow-list serves nothing (an options error on `algorithms`,
 * `key` or `keys`).
 */
export function refusedWithoutP521(record) {
  if (record.verdict === 'error') return ['unsupported_algorithm', 'invalid_key', 'key_not_found'].includes(record.code);
  return record.verdict === 'options_error' && ['algorithms', 'key', 'keys'].includes(record.code);
}

export function needsP521(testCase) {
  const alg = (token) => {
    try {
      return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')).alg;
    } catch {
      return undefined;
    }
  };
  let found = typeof testCase.token === 'string' && alg(testCase.token) === 'ES512';
  const visit = (value) => {
    if (typeof value === 'string') {
      const body = /-----BEGIN [A-Z ]+-----([\s\S]*?)-----END/.exec(value)?.[1];
      if (body !== undefined && Buffer.from(body.replace(/\s+/g, ''), 'base64').includes(P521_OID)) found = true;
      if (value.includes('"P-521"') || value === 'ES512') found = true;
    } else if (value !== null && typeof value === 'object') {
      if (value.crv === 'P-521') found = true;
      Object.values(value).forEach(visit);
    }
  };
  visit([testCase.key, testCase.sign, testCase.options]);
  return found;
}
