/**
 * @module onejwt-wasm (browser and bundler entry) — fetches and instantiates the WebAssembly module
 * with top-level await, so importers need no init call. The module is located with
 * `new URL('onejwt_wasm_bg.wasm', import.meta.url)` (inside the wasm-bindgen glue), which browsers and
 * Deno fetch, and which bundlers that know the pattern emit as an asset (Vite 7: tests/js/vite-smoke).
 * onejwt-wasm/verify has the same entry without the service: verify/browser.mjs. Everything of the Node
 * entry but RedisStore (a browser reaches no Redis server; a service with a `store` takes any session store).
 * Runs from the built package: the build (bindings-js/manifest.json) places it in pkg/ beside wasm/ and errors.mjs.
 */
import init, { errorCodes } from './wasm/onejwt_wasm.js';

await init();

/** Every error code in the core's order (frozen; read from the WebAssembly module, never retyped). */
export const ERROR_CODES = Object.freeze(errorCodes());

export { JwtError, Key, KeySet, Verifier, decodeUnverified, sign } from './api.mjs';
export { TokenService, extractToken } from './service-api.mjs';
