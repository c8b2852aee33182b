/**
 * @module service-shared — what the JS steps of the service demo share (see README.md beside this
 * file): the fixed time, the verify-only configuration, the files under target/demo/service/ and the
 * one-line verdict format that compare.py reads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixed verification time: 2026-01-01T00:00:00Z. */
export const NOW = 1_767_225_600;

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const OUT = join(process.env.CARGO_TARGET_DIR || join(ROOT, 'target'), 'demo', 'service');
export const REVOCATIONS = join(OUT, 'revocations.json');

/**
 * The verifying side's configuration: service.json's settings with the public key as a JWKS and no
 * private key, as a resource server or a browser holds it.
 */
export function verifyConfig() {
  const { user: _, ...config } = JSON.parse(readFileSync(join(ROOT, 'demo/service.json'), 'utf8'));
  const key = JSON.parse(readFileSync(join(ROOT, 'demo/key.public.jwk.json'), 'utf8'));
  return { ...config, jwks: { keys: [key] } };
}

/** The token Python issued (`service.py issue` runs first). */
export function readToken() {
  try {
    return readFileSync(join(OUT, 'token.txt'), 'utf8').trim();
  } catch {
    console.error(`${join(OUT, 'token.txt')} is missing; run \`make demo-service\``);
    process.exit(1);
  }
}

/** `ok <claims>` (compact JSON, top-level members sorted, as every runtime prints) or the error code. */
export function verdictLine(outcome) {
  if (outcome.code !== undefined) return outcome.code;
  const sorted = Object.entries(outcome.claims).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `ok ${JSON.stringify(Object.fromEntries(sorted))}`;
}

/** Writes target/demo/service/<runtime>.<phase>.txt and says the verdict in one short line. */
export function report(runtime, phase, line) {
  writeFileSync(join(OUT, `${runtime}.${phase}.txt`), `${line}\n`);
  console.log(`${runtime}: ${phase} revocation: ${line.split(' ')[0]}`);
}

/** The phase argument, `before` or `after` the revocation. */
export function phaseArgument() {
  const phase = process.argv[2];
  if (phase !== 'before' && phase !== 'after') {
    console.error(`usage: node ${process.argv[1]} before|after`);
    process.exit(2);
  }
  return phase;
}
