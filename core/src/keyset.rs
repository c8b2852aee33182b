//! KeySet: a JWKS and the rule that picks exactly one key for a token (by `kid` and `alg`).

use std::fmt;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::algorithm::{Algorithm, KeyFamily};
use crate::encoding::parse_object;
use crate::error::{invalid_key, Error, ErrorCode};
use crate::jwk::{parse_jwk, ParsedJwk};
use crate::key::Key;

/// A set of verification keys (a JWKS), from which each token selects exactly one.
///
/// Selection: the keys whose `kid` equals the token's `kid` (every key when the token has no
/// `kid`), narrowed to those that can serve the token's `alg` (key type and curve fit, `use`
/// absent or `sig`, `key_ops` absent or containing `verify`, JWK `alg` absent or equal). Exactly
/// one must remain, otherwise `key_not_found`. Keys embedded in the token (`jwk`, `jku`, `x5u`,
/// `x5c`) are never used.
///
/// A JWKS is read tolerantly, as identity providers publish legacy and encryption keys next to
/// current ones: a key that could never be selected is left out and reported by
/// [`skipped`](KeySet::skipped) with its reason, and only a set with no usable key is an error.
///
/// ```
/// use onejwt::{KeySet, SkipReason};
/// let jwks = r#"{"keys":[
///   {"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
///   {"kty":"OKP","crv":"X25519","kid":"enc","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}
/// ]}"#;
/// let set = KeySet::from_jwks(jwks).unwrap();
/// assert_eq!(set.len(), 1); // the X25519 key is not a signature key
/// let skipped = &set.skipped()[0];
/// assert_eq!((skipped.index, skipped.kid.as_deref(), skipped.reason), (1, Some("enc"), SkipReason::Unsupported));
/// ```
#[derive(Clone, Debug)]
pub struct KeySet {
    keys: Arc<[Key]>,
    skipped: Arc<[SkippedKey]>,
}

/// How a JWKS is read into a [`KeySet`].
///
/// ```
/// use onejwt::{KeySet, KeySetOptions};
/// let jwks = r#"{"keys":[{"kty":"oct","kid":"h1","k":"b25lLWp3dC10ZXN0LWhzMjU2LXNlY3JldC0zMmJ5dGVz"}]}"#;
/// assert!(KeySet::from_jwks(jwks).is_err()); // its one key is a secret: no usable key
/// let set = KeySet::from_jwks_with(jwks, &KeySetOptions::default().allow_oct(true)).unwrap();
/// assert_eq!(set.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeySetOptions {
    /// Use the set's `oct` keys (shared secrets, for HS256/384/512). Off by default: a JWKS that
    /// is published holds only public keys, and one that holds a secret lets anyone who reads it
    /// sign tokens the set accepts.
    pub allow_oct: bool,
}

impl KeySetOptions {
    /// Sets [`allow_oct`](KeySetOptions::allow_oct).
    pub fn allow_oct(mut self, allow: bool) -> Self {
        self.allow_oct = allow;
        self
    }
}

/// Why a key of a JWKS was left out of a [`KeySet`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// A `kty`, curve or JWK `alg` onejwt does not implement (RFC 7517 §5: such keys are ignored).
    Unsupported,
    /// An `oct` key (a shared secret), left out unless [`KeySetOptions::allow_oct`] is set.
    OctNotAllowed,
    /// Not a verification key: `use` other than `sig`, or `key_ops` without `verify`.
    NotForVerification,
    /// A key onejwt refuses (`invalid_key` on its own): malformed, RSA under 2048 bits, a point
    /// off its curve or of small order, an HMAC secret too short for every HS algorithm, a JWK
    /// `alg` for another key type.
    Invalid,
}

impl SkipReason {
    /// Every reason.
    pub const ALL: [SkipReason; 4] = [
        SkipReason::Unsupported,
        SkipReason::OctNotAllowed,
        SkipReason::NotForVerification,
        SkipReason::Invalid,
    ];

    /// The reason's stable name for hosts: `unsupported`, `oct_not_allowed`,
    /// `not_for_verification` or `invalid`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SkipReason::Unsupported => "unsupported",
            SkipReason::OctNotAllowed => "oct_not_allowed",
            SkipReason::NotForVerification => "not_for_verification",
            SkipReason::Invalid => "invalid",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A key of a JWKS that a [`KeySet`] left out, and why. The message never holds key material.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedKey {
    /// The key's position in the JWKS `keys` array.
    pub index: usize,
    /// The key's `kid`, when it has one (a string).
    pub kid: Option<String>,
    /// Why it was left out.
    pub reason: SkipReason,
    /// What is wrong with it, for a log line.
    pub message: String,
}

impl KeySet {
    /// Parses JWKS text (`{"keys": [...]}`, RFC 7517 §5) with the default [`KeySetOptions`].
    ///
    /// A key that could never be selected is left out and reported by
    /// [`skipped`](KeySet::skipped): a type, curve or `alg` onejwt does not implement, an `oct`
    /// key (unless allowed), a key not for verification, a key onejwt refuses. Fails with
    /// `invalid_key` when the text is not a JWKS (not a JSON object, no `keys` array, an entry
    /// that is not an object) or when no key is usable.
    pub fn from_jwks(jwks: &str) -> Result<KeySet, Error> {
        KeySet::from_jwks_with(jwks, &KeySetOptions::default())
    }

    /// [`from_jwks`](KeySet::from_jwks) with options.
    pub fn from_jwks_with(jwks: &str, options: &KeySetOptions) -> Result<KeySet, Error> {
        let map = parse_object(jwks.as_bytes(), "JWKS")
            .map_err(|e| invalid_key(format!("the JWKS is not a JSON object ({})", e.message())))?;
        KeySet::from_jwks_map_with(&map, options)
    }

    /// Builds a set from an already-parsed JWKS object, with the default [`KeySetOptions`].
    pub fn from_jwks_map(jwks: &Map<String, Value>) -> Result<KeySet, Error> {
        KeySet::from_jwks_map_with(jwks, &KeySetOptions::default())
    }

    /// [`from_jwks_map`](KeySet::from_jwks_map) with options.
    pub fn from_jwks_map_with(
        jwks: &Map<String, Value>,
        options: &KeySetOptions,
    ) -> Result<KeySet, Error> {
        let entries = match jwks.get("keys") {
            Some(Value::Array(entries)) => entries,
            Some(_) => return Err(invalid_key("the JWKS \"keys\" member is not an array")),
            None => return Err(invalid_key("the JWKS has no \"keys\" member")),
        };
        let mut keys = Vec::with_capacity(entries.len());
        let mut skipped = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let Value::Object(jwk) = entry else {
                return Err(invalid_key(format!("JWKS key #{index} is not an object")));
            };
            match usable(jwk, options) {
                Ok(key) => keys.push(key),
                Err((reason, message)) => skipped.push(SkippedKey {
                    index,
                    kid: jwk.get("kid").and_then(Value::as_str).map(str::to_owned),
                    reason,
                    message,
                }),
            }
        }
        if keys.is_empty() {
            return Err(invalid_key(no_usable_key(&skipped)));
        }
        Ok(KeySet {
            keys: keys.into(),
            skipped: skipped.into(),
        })
    }

    /// A set from keys built in code (nothing is skipped; an empty set selects no key).
    pub fn from_keys(keys: impl IntoIterator<Item = Key>) -> KeySet {
        KeySet {
            keys: keys.into_iter().collect(),
            skipped: Arc::new([]),
        }
    }

    /// How many usable keys the set holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set holds no usable key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The usable keys, in JWKS order.
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// The JWKS keys that were left out, in JWKS order, each with its index, `kid` and reason.
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// Picks the one key for a token's `kid` and `alg`, or fails with `key_not_found`.
    pub(crate) fn select(&self, kid: Option<&str>, alg: Algorithm) -> Result<&Key, Error> {
        let mut found: Option<&Key> = None;
        let mut with_kid = 0usize;
        for key in self.keys.iter() {
            if let Some(kid) = kid {
                if key.kid() != Some(kid) {
                    continue;
                }
            }
            with_kid += 1;
            if key.is_candidate_for(alg) {
                if found.is_some() {
                    return Err(Error::new(
                        ErrorCode::KeyNotFound,
                        format!(
                            "more than one key can verify this {alg} token{}; give the keys distinct kids",
                            if kid.is_some() { " with this kid" } else { " without a kid" }
                        ),
                    ));
                }
                found = Some(key);
            }
        }
        found.ok_or_else(|| {
            let message = match (kid, with_kid) {
                (Some(_), 0) => "no key in the key set has the token's kid".to_owned(),
                (Some(_), _) => format!("the key with the token's kid cannot verify {alg}"),
                (None, _) => format!("no key in the key set can verify {alg}"),
            };
            Error::new(ErrorCode::KeyNotFound, message)
        })
    }
}

/// The key of one JWKS entry when some token could select it, or why none could. (The messages
/// are fixed text where they can be: every formatted one costs the verify-only `.wasm` bytes.)
fn usable(jwk: &Map<String, Value>, options: &KeySetOptions) -> Result<Key, (SkipReason, String)> {
    let refuse = |reason, message: &str| Err((reason, message.to_owned()));
    let key = match parse_jwk(jwk) {
        Ok(ParsedJwk::Key(key)) => key,
        Ok(ParsedJwk::Unsupported(why)) => return Err((SkipReason::Unsupported, why)),
        Err(e) => return Err((SkipReason::Invalid, e.message().to_owned())),
    };
    let family = key.family();
    if family == KeyFamily::Hmac && !options.allow_oct {
        return refuse(
            SkipReason::OctNotAllowed,
            "an oct key (a shared secret) is used only when oct keys are allowed (allow_oct)",
        );
    }
    let meta = key.meta();
    if meta.use_.as_deref().is_some_and(|u| u != "sig") {
        return refuse(
            SkipReason::NotForVerification,
            "the JWK \"use\" is not \"sig\"",
        );
    }
    if meta
        .key_ops
        .as_ref()
        .is_some_and(|ops| !ops.iter().any(|o| o == "verify"))
    {
        return refuse(
            SkipReason::NotForVerification,
            "the JWK \"key_ops\" does not include \"verify\"",
        );
    }
    let named = meta.alg.as_deref().map(Algorithm::from_name);
    match named {
        Some(None) => {
            return refuse(
                SkipReason::Unsupported,
                "the JWK \"alg\" is not an algorithm onejwt implements",
            )
        }
        Some(Some(alg)) if alg.family() != family => {
            return refuse(
                SkipReason::Invalid,
                "the JWK \"alg\" is an algorithm for another type of key",
            )
        }
        _ => {}
    }
    // Left to check: an HMAC secret shorter than the minimum of every algorithm it could serve
    // (its JWK `alg`'s, or the shortest, HS256's); other keys fit every algorithm of their family.
    let alg = match (named, family) {
        (Some(Some(alg)), _) => alg,
        (_, KeyFamily::Hmac) => Algorithm::HS256,
        _ => return Ok(key),
    };
    match key.check_fits(alg, "verify") {
        Ok(()) => Ok(key),
        Err(e) => Err((SkipReason::Invalid, e.message().to_owned())),
    }
}

/// The error of a JWKS with no usable key, describing the first key that was left out.
fn no_usable_key(skipped: &[SkippedKey]) -> String {
    match skipped.first() {
        None => "the JWKS holds no keys".to_owned(),
        Some(first) => format!(
            "the JWKS has no usable key ({} left out; the first, #{} {}: {})",
            skipped.len(),
            first.index,
            first.reason,
            first.message
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(jwks: &str) -> Result<KeySet, Error> {
        KeySet::from_jwks(jwks)
    }

    #[test]
    fn a_set_with_no_usable_key_says_why_briefly() {
        let many: Vec<String> = (0..50)
            .map(|i| format!(r#"{{"kty":"RSA","kid":"k{i}","n":"AQAB","e":"AQAB"}}"#))
            .collect();
        let err = set(&format!(r#"{{"keys":[{}]}}"#, many.join(","))).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidKey);
        assert!(
            err.message()
                .starts_with("the JWKS has no usable key (50 left out; the first, #0 invalid: "),
            "{}",
            err.message()
        );
        assert!(err.message().len() < 200);
        assert_eq!(
            set(r#"{"keys":[]}"#).unwrap_err().message(),
            "the JWKS holds no keys"
        );
    }

    #[test]
    fn skip_reasons_have_stable_names() {
        let names: Vec<&str> = SkipReason::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(
            names,
            [
                "unsupported",
                "oct_not_allowed",
                "not_for_verification",
                "invalid"
            ]
        );
    }

    #[test]
    fn keys_built_in_code_skip_nothing() {
        let key = Key::hmac([7u8; 32]).expect("a secret");
        let set = KeySet::from_keys([key]);
        assert_eq!((set.len(), set.skipped().len()), (1, 0));
    }
}
