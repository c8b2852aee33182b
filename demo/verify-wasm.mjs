/**
 * @module verify-wasm — the WASM half of `make demo`: verifies the Rust-issued token with `onejwt-wasm`
 * under Node and writes target/demo/wasm-node.txt in the exact form of core/examples/demo.rs (see
 * README.md beside this file). The package is imported by its path, with no init call.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { JwtError, Key, Verifier } from '../bindings-wasm/pkg/node.mjs';

/** The fixed verification time: 2026-01-01T00:00:00Z. */
const NOW = 1_767_225_600;

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const out = join(process.env.CARGO_TARGET_DIR || here('../target'), 'demo');

/** The verified claims, or the error code, as demo.rs prints them. */
function verdict(verifier, token, now) {
  try {
    return `ok ${JSON.stringify(verifier.verify(token, { now }))}`;
  } catch (e) {
    if (e instanceof JwtError) return e.code;
    throw e;
  }
}

/** Changes the first signature character (to `A`, or to `B` if it is `A`). */
function tamper(token) {
  const at = token.lastIndexOf('.') + 1;
  return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
}

/** Compact JSON with the top-level members sorted, as demo.rs writes its BTreeMap. */
function sortedJson(claims) {
  return JSON.stringify(Object.fromEntries(Object.entries(claims).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

const token = readFileSync(join(out, 'token.txt'), 'utf8').trim();
const verifier = new Verifier({
  key: Key.fromJwk(readFileSync(here('key.public.jwk.json'), 'utf8')),
  algorithms: ['EdDSA'],
  issuer: 'https://auth.example.com',
  audience: 'api',
});

const lines = [
  `claims ${sortedJson(verifier.verify(token, { now: NOW }))}`,
  `tampered ${verdict(verifier, tamper(token), NOW)}`,
  `later ${verdict(verifier, token, NOW + 900)}`,
].join('\n') + '\n';

mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'wasm-node.txt'), lines);
process.stdout.write(lines);
