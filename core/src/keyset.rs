//! KeySet: a JWKS and the rule that picks exactly one key for a token (by `kid` and `alg`).

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::algorithm::Algorithm;
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
/// ```
/// use onejwt::KeySet;
/// let jwks = r#"{"keys":[
///   {"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
///   {"kty":"OKP","crv":"X25519","kid":"enc","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}
/// ]}"#;
/// let set = KeySet::from_jwks(jwks).unwrap();
/// assert_eq!(set.len(), 1); // the X25519 key is not a signature key and is skipped
/// ```
#[derive(Clone, Debug)]
pub struct KeySet {
    keys: Arc<[Key]>,
}

impl KeySet {
    /// Parses JWKS text (`{"keys": [...]}`, RFC 7517 §5).
    ///
    /// Keys of a type or curve onejwt does not implement are skipped (RFC 7517 §5); a key that is
    /// malformed or too weak fails the whole set with `invalid_key`, so a broken JWKS is noticed.
    pub fn from_jwks(jwks: &str) -> Result<KeySet, Error> {
        let map = parse_object(jwks.as_bytes(), "JWKS")
            .map_err(|e| invalid_key(format!("the JWKS is not a JSON object ({})", e.message())))?;
        KeySet::from_jwks_map(&map)
    }

    /// Builds a set from an already-parsed JWKS object.
    pub fn from_jwks_map(jwks: &Map<String, Value>) -> Result<KeySet, Error> {
        let entries = match jwks.get("keys") {
            Some(Value::Array(entries)) => entries,
            Some(_) => return Err(invalid_key("the JWKS \"keys\" member is not an array")),
            None => return Err(invalid_key("the JWKS has no \"keys\" member")),
        };
        let mut keys = Vec::with_capacity(entries.len());
        for (index, entry) in entries.iter().enumerate() {
            let Value::Object(jwk) = entry else {
                return Err(invalid_key(format!("JWKS key #{index} is not an object")));
            };
            match parse_jwk(jwk) {
                Ok(ParsedJwk::Key(key)) => keys.push(key),
                Ok(ParsedJwk::Unsupported(_)) => {}
                Err(e) => {
                    return Err(invalid_key(format!("JWKS key #{index}: {}", e.message())));
                }
            }
        }
        Ok(KeySet { keys: keys.into() })
    }

    /// A set from keys built in code.
    pub fn from_keys(keys: impl IntoIterator<Item = Key>) -> KeySet {
        KeySet {
            keys: keys.into_iter().collect(),
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

    /// The keys, in JWKS order.
    pub fn keys(&self) -> &[Key] {
        &self.keys
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
