//! Claims: the registered-claim rules of RFC 7519 §4.1, applied with an injected clock.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};

/// A claims set: the JSON object of a token's payload, in token order.
pub type Claims = Map<String, Value>;

/// What the verifier checks about claims (already validated options).
#[derive(Clone, Debug, Default)]
pub(crate) struct ClaimRules {
    pub(crate) issuers: Option<Vec<String>>,
    pub(crate) audiences: Option<Vec<String>>,
    pub(crate) leeway: u64,
    pub(crate) required: Vec<String>,
    pub(crate) max_age: Option<u64>,
}

fn invalid_claim(claim: &'static str, what: &str) -> Error {
    Error::new(
        ErrorCode::InvalidClaim,
        format!("the \"{claim}\" claim must be {what}"),
    )
    .with_claim(claim)
}

fn missing(claim: &str) -> Error {
    Error::new(
        ErrorCode::MissingClaim,
        format!(
            "the required \"{}\" claim is missing",
            crate::algorithm::truncate(claim)
        ),
    )
    .with_claim(claim.to_owned())
}

/// The registered claims of one token, read and type-checked in a single pass over the claims
/// (one pass instead of a hash lookup per rule: this is the hot path of every verification).
#[derive(Default)]
struct Registered<'a> {
    exp: Option<f64>,
    nbf: Option<f64>,
    iat: Option<f64>,
    iss: Option<&'a str>,
    aud: Option<&'a Value>,
}

/// The numeric value of a NumericDate claim (RFC 7519 §2: a JSON number, fractions allowed).
/// A string `exp` is a type error, never "absent".
fn numeric_date(value: &Value, claim: &'static str) -> Result<f64, Error> {
    match value {
        Value::Number(n) => n
            .as_f64()
            .filter(|f| f.is_finite())
            .ok_or_else(|| invalid_claim(claim, "a finite number (seconds since the epoch)")),
        _ => Err(invalid_claim(claim, "a number (seconds since the epoch)")),
    }
}

fn string_claim<'a>(value: &'a Value, claim: &'static str) -> Result<&'a str, Error> {
    value
        .as_str()
        .ok_or_else(|| invalid_claim(claim, "a string"))
}

fn registered(claims: &Claims) -> Result<Registered<'_>, Error> {
    let mut r = Registered::default();
    for (name, value) in claims {
        match name.as_str() {
            "exp" => r.exp = Some(numeric_date(value, "exp")?),
            "nbf" => r.nbf = Some(numeric_date(value, "nbf")?),
            "iat" => r.iat = Some(numeric_date(value, "iat")?),
            "iss" => r.iss = Some(string_claim(value, "iss")?),
            "sub" => {
                string_claim(value, "sub")?;
            }
            "jti" => {
                string_claim(value, "jti")?;
            }
            "aud" => match value {
                Value::String(_) => r.aud = Some(value),
                Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_string) => {
                    r.aud = Some(value)
                }
                _ => {
                    return Err(invalid_claim(
                        "aud",
                        "a string or a non-empty array of strings",
                    ))
                }
            },
            _ => {}
        }
    }
    Ok(r)
}

/// Checks the types of the registered claims. Shared by verification and signing, so a token
/// onejwt issues always passes its own type rules.
pub(crate) fn check_types(claims: &Claims) -> Result<(), Error> {
    registered(claims).map(|_| ())
}

/// Applies every claim rule at time `now` (Unix seconds), in the documented order.
pub(crate) fn validate(claims: &Claims, rules: &ClaimRules, now: i64) -> Result<(), Error> {
    let r = registered(claims)?;
    for name in &rules.required {
        if !claims.contains_key(name) {
            return Err(missing(name));
        }
    }
    let now = now as f64;
    let leeway = rules.leeway as f64;
    if let Some(exp) = r.exp {
        // RFC 7519 §4.1.4: the current time MUST be before exp.
        if exp <= now - leeway {
            return Err(Error::new(ErrorCode::Expired, "the token has expired").with_claim("exp"));
        }
    }
    if let Some(nbf) = r.nbf {
        if nbf > now + leeway {
            return Err(
                Error::new(ErrorCode::NotYetValid, "the token is not valid yet (nbf)")
                    .with_claim("nbf"),
            );
        }
    }
    if let Some(iat) = r.iat {
        if iat > now + leeway {
            return Err(Error::new(
                ErrorCode::NotYetValid,
                "the token was issued in the future (iat)",
            )
            .with_claim("iat"));
        }
    }
    if let Some(max_age) = rules.max_age {
        let iat = r.iat.ok_or_else(|| missing("iat"))?;
        if now - iat > max_age as f64 + leeway {
            return Err(Error::new(
                ErrorCode::Expired,
                format!("the token is older than the maximum age of {max_age} seconds"),
            )
            .with_claim("iat"));
        }
    }
    if let Some(issuers) = &rules.issuers {
        match r.iss {
            None => return Err(missing("iss")),
            // Exact equality only (no substring, prefix or array containment).
            Some(iss) if issuers.iter().any(|i| i == iss) => {}
            Some(_) => {
                return Err(Error::new(
                    ErrorCode::InvalidIssuer,
                    "the token's issuer is not accepted",
                )
                .with_claim("iss"))
            }
        }
    }
    check_audience(r.aud, rules.audiences.as_deref())
}

/// RFC 7519 §4.1.3: if the principal processing the claim does not identify itself with a value
/// in `aud`, the token MUST be rejected, so a token with `aud` needs a configured audience.
fn check_audience(aud: Option<&Value>, audiences: Option<&[String]>) -> Result<(), Error> {
    let wrong = |message: &'static str| {
        Err(Error::new(ErrorCode::InvalidAudience, message).with_claim("aud"))
    };
    match (aud, audiences) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(missing("aud")),
        (Some(_), None) => {
            wrong("the token is addressed to an audience, but this verifier has none configured")
        }
        (Some(aud), Some(accepted)) => {
            let hit = match aud {
                Value::String(a) => accepted.contains(a),
                Value::Array(items) => items
                    .iter()
                    .any(|v| v.as_str().is_some_and(|a| accepted.iter().any(|x| x == a))),
                _ => false,
            };
            if hit {
                Ok(())
            } else {
                wrong("the token is not addressed to an accepted audience")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Claims {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    fn code(v: Value, rules: &ClaimRules, now: i64) -> Option<ErrorCode> {
        validate(&claims(v), rules, now).err().map(|e| e.code())
    }

    #[test]
    fn exp_boundary_follows_rfc_7519() {
        let r = ClaimRules::default();
        assert_eq!(code(json!({"exp": 100}), &r, 100), Some(ErrorCode::Expired));
        assert_eq!(code(json!({"exp": 101}), &r, 100), None);
        assert_eq!(code(json!({"exp": 100.5}), &r, 100), None);
        let lenient = ClaimRules {
            leeway: 10,
            ..ClaimRules::default()
        };
        assert_eq!(code(json!({"exp": 91}), &lenient, 100), None);
        assert_eq!(
            code(json!({"exp": 90}), &lenient, 100),
            Some(ErrorCode::Expired)
        );
    }

    #[test]
    fn string_exp_is_a_type_error_not_absent() {
        let r = ClaimRules::default();
        assert_eq!(
            code(json!({"exp": "1"}), &r, 100),
            Some(ErrorCode::InvalidClaim)
        );
        assert_eq!(
            code(json!({"aud": []}), &r, 100),
            Some(ErrorCode::InvalidClaim)
        );
    }

    #[test]
    fn audience_needs_configuration() {
        let none = ClaimRules::default();
        assert_eq!(
            code(json!({"aud": "a"}), &none, 0),
            Some(ErrorCode::InvalidAudience)
        );
        let a = ClaimRules {
            audiences: Some(vec!["a".into()]),
            ..ClaimRules::default()
        };
        assert_eq!(code(json!({"aud": ["b", "a"]}), &a, 0), None);
        assert_eq!(code(json!({}), &a, 0), Some(ErrorCode::MissingClaim));
    }
}
