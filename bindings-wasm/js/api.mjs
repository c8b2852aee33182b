/**
 * @module api — the verify, sign and decode part of the public onejwt-wasm surface (identical to
 * `onejwt`'s: see index.d.ts): the shared surface.mjs (bindings-js/src, copied by the build) over the
 * raw wasm-bindgen module; service-api.mjs adds TokenService. Nothing here calls into the WebAssembly
 * module at import time, so the entry modules can instantiate it first.
 * Runs from the built package: bindings-js/manifest.json places it beside `wasm/`, `errors.mjs` and
 * `surface.mjs` twice, in pkg/ (over the full module) and in pkg/verify/ (over the module built without
 * the service), so it names nothing that only the full module exports.
 */
import * as wasm from './wasm/onejwt_wasm.js';
import { JwtError, toJwtError } from './errors.mjs';
import { surface } from './surface.mjs';

export { JwtError };

/**
 * What a raw call's failure becomes: a native verdict is a `JwtError` and a caller mistake stays a
 * `TypeError`. A WebAssembly trap means a Rust panic (wasm32 cannot unwind; the binding is written
 * never to panic): it becomes an `Error` named `OnejwtInternalError` carrying the panic's message
 * (src/panic.rs), never an opaque `RuntimeError: unreachable`.
 */
function failure(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    const panic = wasm.takePanicMessage();
    const error = new Error(`onejwt-wasm internal error (please report it): ${panic ?? e.message}`, { cause: e });
    error.name = 'OnejwtInternalError';
    return error;
  }
  return toJwtError(e);
}

/** For service-api.mjs only: the entries re-export the public names alone. */
export const api = surface({
  raw: { ...wasm, Key: wasm.RawKey, KeySet: wasm.RawKeySet, Verifier: wasm.RawVerifier },
  failure,
  // The raw constructor owns what it is given (wasm-bindgen moves it): hand over a fresh handle, never
  // the caller's own key.
  handOver: (half) => half.share(),
});
export const { call } = api;
export const { Key, KeySet, Verifier, decodeUnverified, sign } = api;
