/** @module errors — the one JS error class for token and key verdicts, shared by `onejwt` and `onejwt-wasm`. */

/**
 * A token or key was refused. `code` is one of the 16 stable onejwt codes (see `ERROR_CODES`),
 * identical in Rust, Python, Node and WASM; `claim` names the claim at fault when there is one.
 * The message comes from the Rust core and never contains the token or key material.
 * `store_unavailable` is no verdict on the token: a TokenService's session store failed (its `cause`
 * is what the store threw, when it threw), and the call failed closed.
 *
 * Caller mistakes (an unknown option, an argument of the wrong type) are `TypeError`s instead.
 *
 * @example
 * try {
 *   verifier.verify(token);
 * } catch (err) {
 *   if (err instanceof JwtError && err.code === 'expired') { ... }
 * }
 */
export class JwtError extends Error {
  /**
   * @param {string} message what was wrong (never the token itself)
   * @param {string} code one of `ERROR_CODES`
   * @param {string} [claim] the claim at fault (`"exp"`, `"aud"`, …)
   */
  constructor(message, code, claim) {
    super(message);
    /** @type {string} */
    this.code = code;
    /** @type {string | undefined} */
    this.claim = claim;
  }
}

// On the prototype, so `err.name` reads 'JwtError' and stack traces start with it, without an own
// enumerable property on every instance.
Object.defineProperty(JwtError.prototype, 'name', {
  value: 'JwtError',
  writable: true,
  enumerable: false,
  configurable: true,
});

/**
 * Turns what the native layer (napi or wasm-bindgen) threw into the public error.
 *
 * The native contract: a token or key verdict is thrown as an `Error` whose `name` is `'JwtError'`,
 * with a string `code` and, optionally, a string `claim`. Anything else (a `TypeError` for a caller
 * mistake, an exception raised by a getter the caller supplied) is returned unchanged, so it is
 * rethrown as it was.
 *
 * @param {unknown} e the caught value
 * @returns {unknown} a `JwtError`, or `e` itself
 */
export function toJwtError(e) {
  if (e instanceof JwtError) return e;
  if (e instanceof Error && e.name === 'JwtError' && typeof e.code === 'string') {
    const claim = typeof e.claim === 'string' ? e.claim : undefined;
    return new JwtError(e.message, e.code, claim);
  }
  return e;
}
