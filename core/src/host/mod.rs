//! Host: the contract between the core and its bindings (Python, Node, WASM), and nothing a Rust
//! caller of onejwt needs.
//!
//! A binding converts and decides nothing: host value → the core's map or JSON text → a parser
//! here → a core call → host value. So an option, a default, a `null` rule or a time rule exists
//! once, here, for every runtime:
//! - **the option schema** ([`TABLES`]): every option of every argument bag with its names in each
//!   spelling, environment variable, type, default, documentation and the names other libraries use
//!   (for hints); the bindings' tests check their stubs, type declarations and READMEs against it;
//! - **the parsers**, one per argument bag: [`verify_options`], [`keyset_options`],
//!   [`call_options`], [`sign_options`],
//!   [`service_config`], [`access_token_args`], [`refresh_args`], [`extract_args`],
//!   [`headers_from_value`], [`token_type`];
//! - **the time rule** ([`unix_seconds`]) for `now` and for dates in claims, and **the depth rule**
//!   for host values ([`MAX_HOST_DEPTH`], [`too_deep`]);
//! - **JSON text** in and out ([`object_from_json`], [`claims_text`], …) and the operations of the
//!   two JavaScript bindings in that form ([`js`]);
//! - **host stores**: a service built with a host's session store hands each store request out
//!   ([`TokenService::finish`](crate::service::TokenService::finish)), and [`Method`] says what
//!   the finished call gives the host (`validate_token`'s `None` included); [`refuse_oversized`]
//!   for hosts that copy tokens.
//!
//! ```
//! use onejwt::host::{verify_options, OptionNames};
//! let map = serde_json::json!({"algorithms": ["HS256"], "requiredClaims": ["sub"]});
//! let err = verify_options(map.as_object().unwrap(), OptionNames::CamelCase).unwrap_err();
//! assert_eq!(err.to_string(), "invalid option `requiredClaims`: unknown option (onejwt calls it `required`)");
//! ```

pub mod js;
mod json;
mod keys;
mod method;
pub(crate) mod parse;
pub(crate) mod schema;
mod time;

pub use json::{
    canonical_object, header_and_claims_text, json_text, object_from_json, too_deep,
    value_from_json, MAX_HOST_DEPTH,
};
pub use keys::{generate_key, key_jwk, key_pem, keyset_jwks, service_jwks};
pub use method::{Method, MethodResult};
pub use parse::{
    access_token_args, call_options, export_options, extract_args, generate_options,
    headers_from_value, keyset_options, refresh_args, service_config, service_jwks_options,
    sign_options, token_type, verify_options, AccessTokenArgs, ExtractArgs, OptionNames,
    RefreshArgs,
};
pub use schema::{
    markdown_table, schema_json, OptionSpec, OptionTable, OptionType, ACCESS_TOKEN, CALL, EXPORT,
    EXTRACT, GENERATE, KEYSET, REFRESH, SERVICE, SERVICE_JWKS, SIGN, TABLES, VERIFIER,
};
pub use time::{unix_seconds, MAX_HOST_SECONDS};

use crate::decode::UnverifiedToken;
use crate::error::{value_error_for, Error, OptionsError};
use crate::key::Key;
use crate::keyset::KeySet;
use crate::options::VerifyOptions;
use crate::verifier::{KeySource, Verified, Verifier};

/// A verifier from the binding's arguments: exactly one of `key` / `keys`, and options parsed by
/// [`verify_options`].
///
/// ```
/// use onejwt::{Key, VerifyOptions};
/// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap();
/// assert!(onejwt::host::verifier(Some(key), None, VerifyOptions::new(["HS256"])).is_ok());
/// assert_eq!(onejwt::host::verifier(None, None, VerifyOptions::new(["HS256"])).unwrap_err().option(), "key");
/// ```
pub fn verifier(
    key: Option<Key>,
    keys: Option<KeySet>,
    options: VerifyOptions,
) -> Result<Verifier, OptionsError> {
    let source = match (key, keys) {
        (Some(key), None) => KeySource::Key(key),
        (None, Some(set)) => KeySource::KeySet(set),
        (Some(_), Some(_)) => {
            return Err(value_error_for(
                "key",
                "give either a key or a key set, not both",
            ))
        }
        (None, None) => return Err(value_error_for("key", "a key or a key set is required")),
    };
    Verifier::new(source, options)
}

/// Refuses, before the host copies it, a token the host knows is at least `min_bytes` long when
/// that is over the verifier's `max_token_bytes`: the size rule of
/// [`Verifier::verify_at`], for hosts whose strings must be converted first. A JS string of `n`
/// UTF-16 units is at least `n` UTF-8 bytes, so the WASM binding refuses a 1 MB token without
/// copying it.
///
/// ```
/// use onejwt::{Key, Verifier, VerifyOptions};
/// let verifier = Verifier::new(Key::hmac([7u8; 32])?, VerifyOptions::new(["HS256"]))?;
/// assert!(onejwt::host::refuse_oversized(&verifier, 100).is_ok());
/// assert_eq!(onejwt::host::refuse_oversized(&verifier, 1 << 20).unwrap_err().code().as_str(), "token_too_large");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn refuse_oversized(verifier: &Verifier, min_bytes: usize) -> Result<(), Error> {
    verifier.refuse_oversized(min_bytes)
}

/// The verified claims as the exact JSON bytes that were signed: one UTF-8 JSON object that
/// passed every structural rule (no duplicate members, depth capped), so a host's JSON parser
/// builds from it exactly the object the core's map holds, without the core materialising it.
pub fn claims_json(verified: &Verified) -> &[u8] {
    verified.claims_json()
}

/// [`claims_json`] as text.
pub fn claims_text(verified: &Verified) -> &str {
    // The core checked the bytes are UTF-8 when it verified them.
    std::str::from_utf8(verified.claims_json()).unwrap_or("{}")
}

/// The keys a [`KeySet`] left out, as JSON text: `[{"index", "kid", "reason", "message"}]` (`kid`
/// `null` when absent), what the JS bindings hand over and what every binding shows.
///
/// ```
/// let jwks = r#"{"keys":[{"kty":"RSA","kid":"old","n":"AQAB","e":"AQAB"},
///   {"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#;
/// let set = onejwt::KeySet::from_jwks(jwks).unwrap();
/// let skipped: serde_json::Value = serde_json::from_str(&onejwt::host::skipped_text(&set)).unwrap();
/// assert_eq!(skipped[0]["kid"], "old");
/// assert_eq!(skipped[0]["reason"], "invalid");
/// ```
pub fn skipped_text(set: &KeySet) -> String {
    // Written by hand: a serde_json::Value per entry costs the verify-only `.wasm` ~1 KiB.
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let mut out = String::from("[");
    for (i, s) in set.skipped().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let kid = s.kid.as_deref().map_or_else(|| "null".to_owned(), quoted);
        out.push_str(&format!(
            "{{\"index\":{},\"kid\":{kid},\"reason\":\"{}\",\"message\":{}}}",
            s.index,
            s.reason.as_str(),
            quoted(&s.message)
        ));
    }
    out.push(']');
    out
}

/// A decoded (unverified) token as `{"header":…,"claims":…}` JSON text.
pub fn decoded_text(token: &UnverifiedToken) -> String {
    header_and_claims_text(token.header(), &json_text(token.claims()))
}
