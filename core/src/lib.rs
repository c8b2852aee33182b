//! # onejwt
//!
//! One strict JSON Web Token core, shared unchanged by the Rust, Python, Node and WASM packages,
//! so that every runtime reaches the same verdict on the same token.
//!
//! ## Verify
//! ```
//! use onejwt::{Key, Verifier, VerifyOptions};
//! # use onejwt::{sign, SignOptions};
//! let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!")?;
//! # let token = sign(serde_json::json!({"sub":"42","iss":"https://auth.example","aud":"api","exp":1_700_000_900}).as_object().unwrap(), &key, "HS256", &SignOptions::default()).unwrap();
//! let verifier = Verifier::new(
//!     key,
//!     VerifyOptions::new(["HS256"]).issuer("https://auth.example").audience("api"),
//! )?;
//! let verified = verifier.verify_at(&token, 1_700_000_000)?; // or .verify(&token) for "now"
//! assert_eq!(verified.claims()["sub"], "42");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## What onejwt refuses
//! - anything not exactly `header.payload.signature` in strict unpadded base64url, header and
//!   claims that are not UTF-8 JSON objects, duplicate JSON members, deep nesting, oversized
//!   tokens (`malformed`, `token_too_large`);
//! - an `alg` outside the verifier's allow-list (`none` can never be listed), a key whose family
//!   does not fit the `alg`, PEM or JWK text used as an HMAC secret, short HMAC secrets, RSA keys
//!   under 2048 or over 8192 bits, Ed25519 public keys of small order (`algorithm_not_allowed`,
//!   `invalid_key`);
//! - in a JWKS, keys that could never be selected are left out and reported
//!   ([`KeySet::skipped`]), `oct` secrets unless [`KeySetOptions::allow_oct`], and a set with no
//!   usable key (`invalid_key`);
//! - any `crit` header, `b64: false`, a `zip` or `enc` header (JWE parameters on a JWS: a
//!   deliberate deviation from RFC 7515 §4, see the README), keys embedded in the token (never
//!   used);
//! - registered claims of the wrong type (a string `exp` is an error, not "absent"), expired or
//!   not-yet-valid tokens judged against an injected clock, issuers, subjects and audiences that
//!   are not exactly the configured ones, a token with `aud` when no audience is configured,
//!   `aud: []` (it names nobody), a `null` value for a `required` claim;
//! - configuration that can never work, when the verifier or service is built rather than at
//!   every request ([`OptionsError`]): a key (or key set) that can verify none of the allowed
//!   algorithms, an allow-list of unimplemented algorithms only, and numbers outside their
//!   documented ranges ([`host::TABLES`]: a leeway over an hour, a 2^63-entry cache).
//!
//! Every failure is an [`Error`] with one of the 16 stable [`ErrorCode`]s; option mistakes are
//! [`OptionsError`]s (operations that can fail both ways return a [`Failure`]). Nothing panics on
//! any input.
//!
//! ## The API, grouped
//! - **the crate root**: the verify path — [`Key`], [`KeySet`], [`Verifier`] and
//!   [`VerifyOptions`], [`sign`] and [`SignOptions`], [`decode_unverified`], the errors;
//! - **[`service`]**: [`TokenService`](service::TokenService), which logs users in, validates,
//!   refreshes, revokes and logs out a backend's own tokens, its configuration and token extraction
//!   from HTTP requests;
//! - **[`session`]**: sessions (refresh-token families) and the store contract the service keeps
//!   them in: the requests, the in-memory store, the Redis scripts;
//! - **[`host`]**: the contract the Python, Node and WASM bindings are built on (option parsers,
//!   the option schema, JSON text in and out, host stores). A Rust program does not need it.
//!
//! Algorithms: HS256/384/512, RS256/384/512, PS256/384/512, ES256, ES384, ES512 and EdDSA, also
//! under RFC 9864's name `Ed25519`. ES512 (P-521) is RustCrypto's `p521` (ring has no P-521) behind
//! the `es512` feature, on by default; without it ES512 is `unsupported_algorithm`.

mod algorithm;
mod claims;
mod clock;
mod crypto;
mod decode;
mod encoding;
mod error;
mod export;
mod generate;
mod header;
pub mod host;
mod jwk;
mod key;
mod keyset;
mod options;
mod pem;
mod scan;
pub mod service;
pub mod session;
mod sign;
mod token;
mod verifier;

// The verify path: keys, the verifier and its options, signing, decoding, errors.
pub use algorithm::{Algorithm, KeyFamily};
pub use claims::Claims;
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub use clock::unix_now;
pub use decode::{decode_unverified, UnverifiedToken};
pub use encoding::MAX_JSON_DEPTH;
pub use error::{Error, ErrorCode, Failure, OptionsError, OptionsErrorKind};
pub use generate::{GenerateOptions, RSA_BITS};
pub use header::Header;
pub use key::Key;
pub use keyset::{KeySet, KeySetOptions, SkipReason, SkippedKey};
pub use options::VerifyOptions;
pub use sign::{sign, SignOptions};
pub use token::DEFAULT_MAX_TOKEN_BYTES;
pub use verifier::{KeySource, Verified, Verifier};

/// The README's Rust quick start, compiled and run as a doctest so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod tests {
    use super::*;

    /// Verifiers, keys and key sets are shared across threads by every binding.
    #[test]
    fn shared_types_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<Verifier>();
        assert_send_sync::<Key>();
        assert_send_sync::<KeySet>();
    }
}
