//! Sign: issuing compact JWS tokens.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::algorithm::Algorithm;
use crate::claims::{check_types, Claims};
use crate::crypto;
use crate::encoding::b64_encode;
use crate::error::{invalid_key, Failure, OptionsError, OptionsErrorKind};
use crate::host::schema::{check_range, SIGN};
use crate::key::Key;
use crate::scan::scan_claims;

/// Header and time choices for [`sign`].
///
/// ```
/// use onejwt::SignOptions;
/// let opts = SignOptions::default().kid("2024-06").header("typ", "at+jwt").expires_in(900).set_issued_at();
/// assert_eq!(opts.kid.as_deref(), Some("2024-06"));
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SignOptions {
    /// The `kid` header.
    pub kid: Option<String>,
    /// Extra header parameters. `typ` defaults to `"JWT"` and may be replaced here; `alg`, `kid`
    /// (use the field), `crit`, `b64`, `zip` and `enc` are refused.
    pub headers: Map<String, Value>,
    /// Sets `exp` to `now` plus this many seconds (the claims must not carry `exp`); 1 second to
    /// ten years, checked by [`sign`].
    pub expires_in: Option<u64>,
    /// Sets `iat` to `now` (the claims must not carry `iat`).
    pub set_issued_at: bool,
    /// The time `expires_in` and `set_issued_at` count from (default: the system clock; required
    /// on `wasm32-unknown-unknown`, which has none).
    pub now: Option<i64>,
}

impl SignOptions {
    /// Sets the `kid` header.
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets `exp` to `now` plus `seconds`.
    pub fn expires_in(mut self, seconds: u64) -> Self {
        self.expires_in = Some(seconds);
        self
    }

    /// Sets `iat` to `now`.
    pub fn set_issued_at(mut self) -> Self {
        self.set_issued_at = true;
        self
    }

    /// The time to stamp `iat` and count `expires_in` from (Unix seconds).
    pub fn now(mut self, now: i64) -> Self {
        self.now = Some(now);
        self
    }

    /// Adds a header parameter.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }
}

/// Header names a caller may not set through `headers`: `alg` and `kid` have their own
/// parameters; `crit`, `b64`, `zip` and `enc` make a token every onejwt verifier refuses.
const RESERVED_HEADERS: [&str; 6] = ["alg", "kid", "crit", "b64", "zip", "enc"];

/// Signs `claims` with `key` using `algorithm` and returns the compact JWS.
///
/// The header is compact JSON with sorted member names (`alg`, `kid`, `typ`, extras); the claims
/// keep their order, followed by the `iat` and `exp` that `set_issued_at` and `expires_in` add.
/// Registered claims must have their RFC 7519 types (`invalid_claim`), the key must be private (or
/// a secret) and fit the algorithm (`invalid_key`).
///
/// ```
/// use onejwt::{decode_unverified, sign, Key, SignOptions};
/// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap();
/// let claims = serde_json::json!({"sub": "42"});
/// let token = sign(claims.as_object().unwrap(), &key, "HS256", &SignOptions::default().kid("k1")).unwrap();
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0."));
///
/// let stamped = sign(claims.as_object().unwrap(), &key, "HS256", &SignOptions::default().expires_in(900).set_issued_at().now(1_700_000_000)).unwrap();
/// let t = decode_unverified(&stamped).unwrap();
/// assert_eq!((t.claims()["iat"].as_i64(), t.claims()["exp"].as_i64()), (Some(1_700_000_000), Some(1_700_000_900)));
/// ```
pub fn sign(
    claims: &Claims,
    key: &Key,
    algorithm: &str,
    options: &SignOptions,
) -> Result<String, Failure> {
    let alg = signing_algorithm(key, algorithm)?;
    let claims = stamped(claims, options)?;
    let claims_json = serde_json::to_vec(&*claims).map_err(|_| serialize_failed())?;
    sign_serialized(&claims_json, key, alg, options)
}

/// [`sign`] for claims that are already JSON bytes as `serde_json` writes a claims map (compact,
/// in order): a host that hands over JSON text transcodes it to that form instead of building the
/// map, which costs most of a signature's time (`host::js::sign`).
pub(crate) fn sign_json(
    claims_json: Vec<u8>,
    key: &Key,
    algorithm: &str,
    options: &SignOptions,
) -> Result<String, Failure> {
    if options.expires_in.is_some() || options.set_issued_at {
        // Stamping inserts members: through the map (rare).
        let claims: Claims =
            serde_json::from_slice(&claims_json).map_err(|_| serialize_failed())?;
        return sign(&claims, key, algorithm, options);
    }
    let alg = signing_algorithm(key, algorithm)?;
    sign_serialized(&claims_json, key, alg, options)
}

/// The algorithm, checked against the key: it must fit and be able to sign.
fn signing_algorithm(key: &Key, algorithm: &str) -> Result<Algorithm, Failure> {
    let alg: Algorithm = algorithm.parse()?;
    key.check_fits(alg, "sign")?;
    if !key.can_sign() {
        return Err(invalid_key("the key is a public key and cannot sign").into());
    }
    Ok(alg)
}

fn sign_serialized(
    claims_json: &[u8],
    key: &Key,
    alg: Algorithm,
    options: &SignOptions,
) -> Result<String, Failure> {
    // The same scan verification uses, so issued tokens obey the verifier's type rules (and the
    // structural ones: an object, no duplicate members, depth capped).
    check_types(&scan_claims(claims_json, "claims")?)?;
    let mut header: BTreeMap<&str, Value> = BTreeMap::new();
    for (name, value) in &options.headers {
        if RESERVED_HEADERS.contains(&name.as_str()) {
            return Err(OptionsError::new(
                "headers",
                OptionsErrorKind::Value,
                format!("the header {name:?} cannot be set through headers"),
            )
            .into());
        }
        header.insert(name, value.clone());
    }
    header.insert("alg", Value::from(alg.as_str()));
    header.entry("typ").or_insert_with(|| Value::from("JWT"));
    // The sign option's kid, else the key's own (from its JWK, `Key::generate` or `with_kid`), so
    // a verifier holding the published JWKS selects the key.
    if let Some(kid) = options.kid.as_deref().or(key.kid()) {
        header.insert("kid", Value::from(kid));
    }
    let header_json = serde_json::to_vec(&header).map_err(|_| serialize_failed())?;
    let mut token = b64_encode(&header_json);
    token.push('.');
    token.push_str(&b64_encode(claims_json));
    let signature = crypto::sign(key, alg, token.as_bytes())?;
    token.push('.');
    token.push_str(&b64_encode(&signature));
    Ok(token)
}

/// The claims with the `iat` and `exp` the options ask for (borrowed unchanged when none).
fn stamped<'c>(claims: &'c Claims, options: &SignOptions) -> Result<Cow<'c, Claims>, Failure> {
    if options.expires_in.is_none() && !options.set_issued_at {
        return Ok(Cow::Borrowed(claims));
    }
    if let Some(seconds) = options.expires_in {
        check_range(&SIGN, "expires_in", seconds, "expires_in")?;
    }
    let now = match options.now {
        Some(now) => now,
        #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
        None => crate::clock::unix_now(),
        #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
        None => {
            return Err(OptionsError::new(
                "now",
                OptionsErrorKind::Value,
                "is required with expires_in or set_issued_at on wasm32 (no system clock)",
            )
            .into())
        }
    };
    let mut claims = claims.clone();
    // An option never overwrites a claim the caller wrote: that is a mistake, not a preference.
    let mut stamp = |claim: &str, option: &'static str, value: i64| {
        if claims.contains_key(claim) {
            return Err(OptionsError::new(
                option,
                OptionsErrorKind::Value,
                format!("cannot be used when the claims already carry {claim}"),
            ));
        }
        claims.insert(claim.into(), value.into());
        Ok(())
    };
    if options.set_issued_at {
        stamp("iat", "set_issued_at", now)?;
    }
    if let Some(seconds) = options.expires_in {
        stamp("exp", "expires_in", now.saturating_add_unsigned(seconds))?;
    }
    Ok(Cow::Owned(claims))
}

fn serialize_failed() -> Failure {
    OptionsError::new(
        "claims",
        OptionsErrorKind::Value,
        "could not be serialized as JSON",
    )
    .into()
}
