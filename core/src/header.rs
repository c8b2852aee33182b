//! Header: the JOSE protected header and the rules a verifier applies to it.

use serde_json::{Map, Value};

use crate::algorithm::{truncate, Algorithm};
use crate::error::{malformed, Error, ErrorCode};

/// A token's protected JOSE header (RFC 7515 §4), as sent.
///
/// ```
/// use onejwt::decode_unverified;
/// let token = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln";
/// let decoded = decode_unverified(token).unwrap();
/// assert_eq!(decoded.header().alg(), Some("HS256"));
/// assert_eq!(decoded.header().kid(), Some("k1"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    map: Map<String, Value>,
}

/// Header parameters that RFC 7515 §4.1 registers; `crit` may never list them (§4.1.11).
const REGISTERED: [&str; 11] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

impl Header {
    pub(crate) fn from_map(map: Map<String, Value>) -> Header {
        Header { map }
    }

    /// `alg`, when it is a string.
    pub fn alg(&self) -> Option<&str> {
        self.map.get("alg").and_then(Value::as_str)
    }

    /// `kid`, when it is a string.
    pub fn kid(&self) -> Option<&str> {
        self.map.get("kid").and_then(Value::as_str)
    }

    /// `typ`, when it is a string.
    pub fn typ(&self) -> Option<&str> {
        self.map.get("typ").and_then(Value::as_str)
    }

    /// Any header parameter.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.map.get(name)
    }

    /// All parameters, in token order.
    pub fn as_map(&self) -> &Map<String, Value> {
        &self.map
    }

    /// Takes the parameters out.
    pub fn into_map(self) -> Map<String, Value> {
        self.map
    }

    /// Applies the header rules in their documented order and returns the algorithm to use.
    pub(crate) fn check(
        &self,
        allowed: &[String],
        expected_typ: Option<&str>,
    ) -> Result<Algorithm, Error> {
        let alg = match self.map.get("alg") {
            None => return Err(malformed("the header has no \"alg\"")),
            Some(Value::String(alg)) => alg.as_str(),
            Some(_) => {
                return Err(Error::new(
                    ErrorCode::AlgorithmNotAllowed,
                    "the header \"alg\" is not a string",
                ))
            }
        };
        // Exact, case-sensitive match (RFC 7515 §4.1.1): "none" and "None" are just not listed.
        if !allowed.iter().any(|a| a == alg) {
            return Err(Error::new(
                ErrorCode::AlgorithmNotAllowed,
                format!(
                    "algorithm {:?} is not allowed by this verifier",
                    truncate(alg)
                ),
            ));
        }
        let alg = Algorithm::from_name(alg).ok_or_else(|| {
            Error::new(
                ErrorCode::UnsupportedAlgorithm,
                format!(
                    "algorithm {:?} is allowed but not implemented by onejwt",
                    truncate(alg)
                ),
            )
        })?;
        self.check_crit()?;
        if self.map.contains_key("b64") {
            // RFC 7797 unencoded payloads change what the signature covers; not supported.
            return Err(malformed(
                "the \"b64\" header (RFC 7797 unencoded payload) is not supported",
            ));
        }
        // A deliberate deviation from RFC 7515 §4 (a recipient ignores header parameters it does
        // not understand): `zip` (RFC 7516 §4.1.3) and `enc` (RFC 7516 §4.1.2) are JWE parameters;
        // on a JWS they mean the sender meant to compress or encrypt, or an attacker relabels a JWE,
        // so the token is refused rather than read as plain signed JSON.
        for name in ["zip", "enc"] {
            if self.map.contains_key(name) {
                return Err(malformed(format!(
                    "the header carries \"{name}\", a JWE parameter (RFC 7516 §4.1); a JWS must not"
                )));
            }
        }
        for name in ["kid", "typ", "cty"] {
            if self.map.get(name).is_some_and(|v| !v.is_string()) {
                return Err(malformed(format!("the header \"{name}\" is not a string")));
            }
        }
        if let Some(expected) = expected_typ {
            match self.typ() {
                Some(typ) if normalize_typ(typ) == expected => {}
                Some(typ) => {
                    return Err(Error::new(
                        ErrorCode::WrongTokenType,
                        format!(
                            "the token type {:?} is not the expected {expected:?}",
                            truncate(typ)
                        ),
                    ))
                }
                None => {
                    return Err(Error::new(
                        ErrorCode::WrongTokenType,
                        format!("the token has no \"typ\" header; expected {expected:?}"),
                    ))
                }
            }
        }
        Ok(alg)
    }

    /// RFC 7515 §4.1.11: a recipient MUST reject a token whose `crit` lists an extension it does
    /// not understand. onejwt understands none, so any `crit` is refused, with the precise reason.
    fn check_crit(&self) -> Result<(), Error> {
        let Some(crit) = self.map.get("crit") else {
            return Ok(());
        };
        let Value::Array(names) = crit else {
            return Err(malformed("the header \"crit\" is not an array"));
        };
        if names.is_empty() {
            return Err(malformed("the header \"crit\" is empty (RFC 7515 §4.1.11)"));
        }
        for name in names {
            let Value::String(name) = name else {
                return Err(malformed("the header \"crit\" holds a non-string entry"));
            };
            if REGISTERED.contains(&name.as_str()) {
                return Err(malformed(format!(
                    "the header \"crit\" lists the registered parameter {name:?}"
                )));
            }
            if !self.map.contains_key(name) {
                return Err(malformed(format!(
                    "the header \"crit\" lists {:?}, which the header does not carry",
                    truncate(name)
                )));
            }
        }
        Err(malformed(
            "the header \"crit\" lists extensions onejwt does not understand",
        ))
    }
}

/// RFC 7515 §4.1.9: media types are case-insensitive and "application/" may be omitted.
pub(crate) fn normalize_typ(typ: &str) -> String {
    let lower = typ.to_ascii_lowercase();
    match lower.strip_prefix("application/") {
        Some(rest) => rest.to_owned(),
        None => lower,
    }
}
