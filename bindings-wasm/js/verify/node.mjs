/**
 * @module onejwt-wasm/verify (Node entry) — the verify-only build: `Key`, `KeySet`, `Verifier`,
 * `decodeUnverified`, `sign`, `JwtError` and `ERROR_CODES`, the same as the main entry's, over a
 * WebAssembly module compiled without TokenService (the `service` cargo feature off), ~30 KiB smaller
 * gzipped. Instantiated synchronously at import, like ../node.mjs. Chosen by the `node` export condition.
 * Runs from the built package: the build (bindings-js/manifest.json) places it in pkg/verify/ beside api.mjs and wasm/.
 */
import { readFileSync } from 'node:fs';
import { errorCodes, initSync } from './wasm/onejwt_wasm.js';

initSync({ module: readFileSync(new URL('./wasm/onejwt_wasm_bg.wasm', import.meta.url)) });

/** Every error code in the core's order (frozen; read from the WebAssembly module, never retyped). */
export const ERROR_CODES = Object.freeze(errorCodes());

export { JwtError, Key, KeySet, Verifier, decodeUnverified, sign } from './api.mjs';
