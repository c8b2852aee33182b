/**
 * @module verify-node — the Node half of `make demo` (protocol in README.md beside this file): verifies
 * the Rust-issued token with the public key through the `onejwt` package and writes target/demo/node.txt.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { JwtError, Key, Verifier } from '../bindings-node/js/index.mjs';

/** The fixed verification time: 2026-01-01T00:00:00Z. */
const NOW = 1_767_225_600;

const root = fileURLToPath(new URL('../', import.meta.url));
const out = join(process.env.CARGO_TARGET_DIR || join(root, 'target'), 'demo');

let token;
try {
  token = readFileSync(join(out, 'token.txt'), 'utf8').trim();
} catch {
  console.error(`demo-node: ${join(out, 'token.txt')} is missing; run \`make demo-rust\` first`);
  process.exit(1);
}

const key = Key.fromJwk(readFileSync(join(root, 'demo/key.public.jwk.json'), 'utf8'));
const verifier = new Verifier({
  key,
  algorithms: ['EdDSA'],
  issuer: 'https://auth.example.com',
  audience: 'api',
});

const claims = verifier.verify(token, { now: NOW });
let lines = `claims ${sortedJson(claims)}\n`;
lines += `tampered ${verdict(tamper(token), NOW)}\n`;
lines += `later ${verdict(token, NOW + 900)}\n`;
writeFileSync(join(out, 'node.txt'), lines);
process.stdout.write(lines);

/** Compact JSON with the top-level members sorted, the canonical form every runtime prints. */
function sortedJson(object) {
  return JSON.stringify(Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

function verdict(candidate, now) {
  try {
    return `ok ${JSON.stringify(verifier.verify(candidate, { now }))}`;
  } catch (e) {
    if (e instanceof JwtError) return e.code;
    throw e;
  }
}

/** Changes the first signature character (to `A`, or to `B` if it is `A`). */
function tamper(text) {
  const at = text.lastIndexOf('.') + 1;
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
}
