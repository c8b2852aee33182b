//! Sign: issuing compact JWS tokens.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::algorithm::Algorithm;
use crate::claims::{check_types, Claims};
use crate::crypto;
use crate::encoding::b64_encode;
use crate::error::{invalid_key, OptionsError, OptionsErrorKind, SignError};
use crate::key::Key;
use crate::scan::scan_claims;

/// Header choices for [`sign`].
///
/// ```
/// use onejwt::SignOptions;
/// let opts = SignOptions::default().kid("2024-06").header("typ", "at+jwt");
/// assert_eq!(opts.kid.as_deref(), Some("2024-06"));
/// ```
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct SignOptions {
    /// The `kid` header.
    pub kid: Option<String>,
    /// Extra header parameters. `typ` defaults to `"JWT"` and may be replaced here; `alg`, `kid`
    /// (use the field), `crit` and `b64` are refused.
    pub headers: Map<String, Value>,
}

impl SignOptions {
    /// Sets the `kid` header.
    pub fn kid(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Adds a header parameter.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Value>) -> Self {
        self.headers.insert(name.into(), value.into());
        self
    }
}

/// Header names a caller may not set through `headers`.
const RESERVED_HEADERS: [&str; 4] = ["alg", "kid", "crit", "b64"];

/// Signs `claims` with `key` using `algorithm` and returns the compact JWS.
///
/// The header is compact JSON with sorted member names (`alg`, `kid`, `typ`, extras); the claims
/// keep their order. Registered claims must have their RFC 7519 types (`invalid_claim`), the key
/// must be private (or a secret) and fit the algorithm (`invalid_key`).
///
/// ```
/// use onejwt::{decode_unverified, sign, Key, SignOptions};
/// let key = Key::hmac(b"a-32-byte-secret-for-hs256-use!!").unwrap();
/// let claims = serde_json::json!({"sub": "42"});
/// let token = sign(claims.as_object().unwrap(), &key, "HS256", &SignOptions::default().kid("k1")).unwrap();
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0."));
/// ```
pub fn sign(
    claims: &Claims,
    key: &Key,
    algorithm: &str,
    options: &SignOptions,
) -> Result<String, SignError> {
    let alg: Algorithm = algorithm.parse()?;
    key.check_fits(alg, "sign")?;
    if !key.can_sign() {
        return Err(invalid_key("the key is a public key and cannot sign").into());
    }
    let claims_json = serde_json::to_vec(claims).map_err(|_| serialize_failed())?;
    // The same scan verification uses, so issued tokens obey the verifier's type rules.
    check_types(&scan_claims(&claims_json, "claims")?)?;
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
    if let Some(kid) = &options.kid {
        header.insert("kid", Value::from(kid.as_str()));
    }
    let header_json = serde_json::to_vec(&header).map_err(|_| serialize_failed())?;
    let mut token = b64_encode(&header_json);
    token.push('.');
    token.push_str(&b64_encode(&claims_json));
    let signature = crypto::sign(key, alg, token.as_bytes())?;
    token.push('.');
    token.push_str(&b64_encode(&signature));
    Ok(token)
}

fn serialize_failed() -> SignError {
    OptionsError::new(
        "claims",
        OptionsErrorKind::Value,
        "could not be serialized as JSON",
    )
    .into()
}
