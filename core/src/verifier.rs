//! Verifier: built once from a key (or key set) and options, then verifies tokens on any thread.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use serde::de::DeserializeOwned;

use crate::algorithm::Algorithm;
use crate::claims::{validate, ClaimRules, Claims};
use crate::crypto;
use crate::error::{Error, OptionsError, OptionsErrorKind};
use crate::header::Header;
use crate::key::Key;
use crate::keyset::KeySet;
use crate::options::VerifyOptions;
use crate::scan::scan_claims;
use crate::token::{check_size, parse};

/// Where the verifier's key comes from.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum KeySource {
    /// One key for every token.
    Key(Key),
    /// A key set; each token selects its key by `kid` and `alg`.
    KeySet(KeySet),
}

impl From<Key> for KeySource {
    fn from(key: Key) -> Self {
        KeySource::Key(key)
    }
}

impl From<KeySet> for KeySource {
    fn from(set: KeySet) -> Self {
        KeySource::KeySet(set)
    }
}

/// Verifies compact JWS JWTs: structure, header, key selection, signature and claims, in that
/// order, with the clock injected.
///
/// Immutable and cheap to clone; share one across threads.
///
/// ```
/// use onejwt::{sign, Key, SignOptions, Verifier, VerifyOptions};
/// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap();
/// let claims = serde_json::json!({"sub": "42", "iss": "auth", "exp": 2_000_000_000});
/// let token = sign(claims.as_object().unwrap(), &key, "HS256", &SignOptions::default()).unwrap();
///
/// let verifier = Verifier::new(key, VerifyOptions::new(["HS256"]).issuer("auth")).unwrap();
/// let verified = verifier.verify_at(&token, 1_700_000_000).unwrap();
/// assert_eq!(verified.claims()["sub"], "42");
///
/// let err = verifier.verify_at(&token, 2_000_000_000).unwrap_err();
/// assert_eq!(err.code().as_str(), "expired");
/// ```
#[derive(Clone, Debug)]
pub struct Verifier {
    inner: Arc<VerifierInner>,
}

#[derive(Debug)]
struct VerifierInner {
    keys: KeySource,
    algorithms: Vec<String>,
    typ: Option<String>,
    max_token_bytes: usize,
    rules: ClaimRules,
}

/// A verified token: its header and claims.
///
/// The claims are kept as the verified JSON bytes and turned into a map only when asked for
/// ([`Verified::claims`]); [`Verified::claims_as`] deserializes straight into your type and
/// bindings convert the signed text ([`host::claims_json`](crate::host::claims_json)) straight
/// into host objects.
#[derive(Clone, Debug)]
pub struct Verified {
    header: Header,
    payload: Vec<u8>,
    claims: OnceLock<Claims>,
}

impl PartialEq for Verified {
    fn eq(&self, other: &Self) -> bool {
        self.header == other.header && self.payload == other.payload
    }
}

impl Verified {
    /// The protected header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The claims, in token order (built on first use).
    pub fn claims(&self) -> &Claims {
        self.claims.get_or_init(|| materialize(&self.payload))
    }

    /// The verified claims as the exact JSON text that was signed.
    pub(crate) fn claims_json(&self) -> &[u8] {
        &self.payload
    }

    /// The claims, taking them out (built now unless [`Verified::claims`] already did).
    pub fn into_claims(self) -> Claims {
        self.into_parts().1
    }

    /// Takes header and claims apart.
    pub fn into_parts(mut self) -> (Header, Claims) {
        let claims = match self.claims.take() {
            Some(claims) => claims,
            None => materialize(&self.payload),
        };
        (self.header, claims)
    }

    /// Deserializes the claims into your own type.
    ///
    /// ```
    /// # use onejwt::{sign, Key, SignOptions, Verifier, VerifyOptions};
    /// #[derive(serde::Deserialize)]
    /// struct MyClaims { sub: String, admin: bool }
    /// # let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap();
    /// # let claims = serde_json::json!({"sub": "42", "admin": true});
    /// # let token = sign(claims.as_object().unwrap(), &key, "HS256", &SignOptions::default()).unwrap();
    /// # let verifier = Verifier::new(key, VerifyOptions::new(["HS256"])).unwrap();
    /// let mine: MyClaims = verifier.verify_at(&token, 0).unwrap().claims_as().unwrap();
    /// assert!(mine.admin);
    /// ```
    pub fn claims_as<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_slice(&self.payload)
    }
}

/// Builds the claims map from bytes the scan already validated, which cannot fail: the scan
/// accepts exactly what this parser accepts (a unit test in `scan` holds them together).
fn materialize(payload: &[u8]) -> Claims {
    let claims = serde_json::from_slice::<Claims>(payload);
    debug_assert!(claims.is_ok(), "scanned claims failed to materialize");
    claims.unwrap_or_default()
}

impl Verifier {
    /// A verifier for `key` (a [`Key`] or a [`KeySet`]) with validated options.
    ///
    /// The key must be able to verify at least one allowed algorithm (a key set: at least one of
    /// its keys), else every token would fail: that is an [`OptionsError`] on `key` (`keys`) here,
    /// not an `invalid_key` at every request. The allow-list may also name algorithms the key
    /// cannot serve; tokens using them still fail per token.
    ///
    /// ```
    /// use onejwt::{Key, Verifier, VerifyOptions};
    /// let secret = Key::hmac(b"a-32-byte-secret-for-hs256-use!!")?;
    /// let err = Verifier::new(secret.clone(), VerifyOptions::new(["RS256"])).unwrap_err();
    /// assert_eq!(err.option(), "key");
    /// assert!(Verifier::new(secret, VerifyOptions::new(["RS256", "HS256"])).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        key: impl Into<KeySource>,
        options: VerifyOptions,
    ) -> Result<Verifier, OptionsError> {
        options.validate()?;
        let keys = key.into();
        check_serves(&keys, &options)?;
        Ok(Verifier {
            inner: Arc::new(VerifierInner {
                keys,
                algorithms: options.algorithms.clone(),
                typ: options.normalized_typ(),
                max_token_bytes: options.max_token_bytes,
                rules: options.claim_rules(),
            }),
        })
    }

    /// Verifies `token` at the current system time.
    ///
    /// Not available on `wasm32-unknown-unknown`, which has no system clock: use
    /// [`Verifier::verify_at`] with the host's time.
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    pub fn verify(&self, token: impl AsRef<[u8]>) -> Result<Verified, Error> {
        self.verify_at(token, crate::clock::unix_now())
    }

    /// The keys the verifier was built with.
    pub(crate) fn keys(&self) -> &KeySource {
        &self.inner.keys
    }

    /// The size rule alone, on the token's length (a service checks it before hashing a token for
    /// its cache).
    pub(crate) fn check_size(&self, len: usize) -> Result<(), Error> {
        check_size(len, self.inner.max_token_bytes, false)
    }

    /// The size rule alone, on a length the host knows before converting the token
    /// ([`host::refuse_oversized`](crate::host::refuse_oversized)).
    pub(crate) fn refuse_oversized(&self, min_bytes: usize) -> Result<(), Error> {
        check_size(min_bytes, self.inner.max_token_bytes, true)
    }

    /// Verifies `token` as if the time were `now` (Unix seconds).
    pub fn verify_at(&self, token: impl AsRef<[u8]>, now: i64) -> Result<Verified, Error> {
        let keys = &self.inner.keys;
        self.verify_selecting(token.as_ref(), now, |kid, alg| match keys {
            KeySource::Key(key) => Ok(key),
            KeySource::KeySet(set) => set.select(kid, alg),
        })
    }

    /// [`Verifier::verify_at`] with the key chosen by `select` from the token's `kid` and `alg`
    /// instead of the verifier's own keys (a service's key ring, which rotates).
    pub(crate) fn verify_selecting<'k>(
        &self,
        token: &[u8],
        now: i64,
        select: impl FnOnce(Option<&str>, Algorithm) -> Result<&'k Key, Error>,
    ) -> Result<Verified, Error> {
        let inner = &*self.inner;
        let parts = parse(token, inner.max_token_bytes)?;
        let scanned = scan_claims(&parts.payload, "payload")?;
        let alg = parts
            .header
            .check(&inner.algorithms, inner.typ.as_deref())?;
        let key = select(parts.header.kid(), alg)?;
        key.check_fits(alg, "verify")?;
        crypto::verify(key, alg, parts.signing_input, &parts.signature)?;
        validate(&scanned, &inner.rules, now)?;
        drop(scanned);
        Ok(Verified {
            header: parts.header,
            payload: parts.payload,
            claims: OnceLock::new(),
        })
    }
}

/// Refuses a key that can verify none of the allowed algorithms, or a key set none of whose keys
/// can: every token would fail (`invalid_key`, `key_not_found`), and a handler turns that into a
/// 401 on every request, so it is a configuration error, found when the verifier is built. The
/// fit rule is the one verification applies per token ([`Key::check_fits`] for a key,
/// [`Key::is_candidate_for`] in a set).
fn check_serves(keys: &KeySource, options: &VerifyOptions) -> Result<(), OptionsError> {
    // No `format!`: this is linked into every runtime, the size-budgeted verify-only WASM
    // module included.
    let mut first = None;
    for alg in options
        .algorithms
        .iter()
        .filter_map(|name| Algorithm::from_name(name))
    {
        first = first.or(Some(alg));
        let serves = match keys {
            KeySource::Key(key) => key.check_fits(alg, "verify").is_ok(),
            KeySource::KeySet(set) => set.keys().iter().any(|key| key.is_candidate_for(alg)),
        };
        if serves {
            return Ok(());
        }
    }
    let (option, message): (_, Cow<'static, str>) = match (first, keys) {
        // No key could serve the list: the list is the mistake (an allowed but unimplemented
        // `alg` next to an implemented one is still `unsupported_algorithm` per token).
        (None, _) => (
            "algorithms",
            "names no algorithm onejwt implements, so no token could ever verify".into(),
        ),
        (Some(alg), KeySource::Key(key)) => {
            // Why, for the first allowed algorithm (the message names no key material).
            let mut message = String::from("can verify none of the allowed algorithms: ");
            if let Err(e) = key.check_fits(alg, "verify") {
                message.push_str(e.message());
            }
            ("key", message.into())
        }
        (Some(_), KeySource::KeySet(set)) if set.is_empty() => {
            ("keys", "holds no usable key".into())
        }
        (Some(_), KeySource::KeySet(_)) => (
            "keys",
            "holds no key that can verify any of the allowed algorithms".into(),
        ),
    };
    Err(OptionsError::new(
        options.shown(option),
        OptionsErrorKind::Value,
        message,
    ))
}
