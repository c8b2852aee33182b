/**
 * @module onejwt-wasm/verify (browser and bundler entry) — the verify-only build (see node.mjs beside
 * it), fetched and instantiated with top-level await like ../browser.mjs: the glue locates
 * `onejwt_wasm_bg.wasm` with `new URL(…, import.meta.url)`, which bundlers emit as an asset.
 * Runs from the built package: the build (bindings-js/manifest.json) places it in pkg/verify/ beside api.mjs and wasm/.
 */
import init, { errorCodes } from './wasm/onejwt_wasm.js';

await init();

/** Every error code in the core's order (frozen; read from the WebAssembly module, never retyped). */
export const ERROR_CODES = Object.freeze(errorCodes());

export { JwtError, Key, KeySet, Verifier, decodeUnverified, sign } from './api.mjs';
