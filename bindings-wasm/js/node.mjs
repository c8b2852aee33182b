/**
 * @module onejwt-wasm (Node entry) — instantiates the WebAssembly module synchronously at import, so
 * `import { Verifier } from 'onejwt-wasm'` needs no init call. Chosen by the `node` export condition.
 * Exports what browser.mjs does, plus RedisStore (Node reaches Redis; browsers do not).
 * onejwt-wasm/verify has the same entry without the service: verify/node.mjs.
 * Runs from the built package: the build (bindings-js/manifest.json) places it in pkg/ beside wasm/ and errors.mjs.
 */
import { readFileSync } from 'node:fs';
import { errorCodes, initSync } from './wasm/onejwt_wasm.js';

initSync({ module: readFileSync(new URL('./wasm/onejwt_wasm_bg.wasm', import.meta.url)) });

/** Every error code in the core's order (frozen; read from the WebAssembly module, never retyped). */
export const ERROR_CODES = Object.freeze(errorCodes());

export { JwtError, Key, KeySet, Verifier, decodeUnverified, sign } from './api.mjs';
export { TokenService, extractToken } from './service-api.mjs';
export { RedisStore } from './redis-api.mjs';
