//! Claims: the registered-claim rules of RFC 7519 §4.1, applied with an injected clock.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode};
use crate::scan::{Raw, Scanned};

/// A claims set: the JSON object of a token's payload, in token order.
pub type Claims = Map<String, Value>;

/// What the verifier checks about claims (already validated options).
#[derive(Clone, Debug, Default)]
pub(crate) struct ClaimRules {
    pub(crate) issuers: Option<Vec<String>>,
    pub(crate) audiences: Option<Vec<String>>,
    pub(crate) subject: Option<String>,
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

/// The registered claims of one token, type-checked (RFC 7519 §4.1).
#[derive(Default)]
struct Registered<'s> {
    exp: Option<f64>,
    nbf: Option<f64>,
    iat: Option<f64>,
    iss: Option<&'s str>,
    sub: Option<&'s str>,
    aud: Option<Audience<'s>>,
}

enum Audience<'s> {
    One(&'s str),
    Many(&'s [Cow<'s, str>]),
}

/// Type-checks the registered claims captured by the scan, in token order, so the first wrong
/// one is named. A string `exp` is a type error, never "absent".
fn registered<'s>(scanned: &'s Scanned<'s>) -> Result<Registered<'s>, Error> {
    let mut r = Registered::default();
    for (claim, raw) in &scanned.registered {
        let claim: &'static str = claim;
        match (claim, raw) {
            ("exp", Raw::Number(n)) => r.exp = Some(*n),
            ("nbf", Raw::Number(n)) => r.nbf = Some(*n),
            ("iat", Raw::Number(n)) => r.iat = Some(*n),
            ("exp" | "nbf" | "iat", _) => {
                return Err(invalid_claim(claim, "a number (seconds since the epoch)"))
            }
            ("iss", Raw::Str(s)) => r.iss = Some(s),
            ("sub", Raw::Str(s)) => r.sub = Some(s),
            ("jti", Raw::Str(_)) => {}
            ("iss" | "sub" | "jti", _) => return Err(invalid_claim(claim, "a string")),
            ("aud", Raw::Str(s)) => r.aud = Some(Audience::One(s)),
            // An empty array is well typed (RFC 7519 §4.1.3: an array of strings) and names no
            // audience: the audience rule refuses it (`invalid_audience`), never the type rule.
            ("aud", Raw::Strings(list)) => r.aud = Some(Audience::Many(list)),
            _ => return Err(invalid_claim(claim, "a string or an array of strings")),
        }
    }
    Ok(r)
}

/// The claim rules for signing: the registered claims' types, as verification checks them, so a
/// token onejwt issues always passes its own type rules; and an `aud` that names someone. An empty
/// `aud` array is well typed but every verifier refuses it (`invalid_audience`), so issuing one is
/// the caller's mistake, reported where it is made (`invalid_claim`).
pub(crate) fn check_types(scanned: &Scanned<'_>) -> Result<(), Error> {
    match registered(scanned)?.aud {
        Some(Audience::Many([])) => Err(invalid_claim(
            "aud",
            "a string or a non-empty array of strings when signing",
        )),
        _ => Ok(()),
    }
}

/// Applies every claim rule at time `now` (Unix seconds), in the documented order: types,
/// required, `exp`, `nbf`, `iat`, `max_age`, `iss`, `sub`, `aud`.
pub(crate) fn validate(scanned: &Scanned<'_>, rules: &ClaimRules, now: i64) -> Result<(), Error> {
    let r = registered(scanned)?;
    for name in &rules.required {
        // A `null` claim says nothing: it does not satisfy `required`.
        if !scanned.present(name) {
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
    if let Some(subject) = &rules.subject {
        match r.sub {
            None => return Err(missing("sub")),
            // Exact equality, like the issuer (jose's and PyJWT's `subject`).
            Some(sub) if sub == subject => {}
            Some(_) => {
                return Err(Error::new(
                    ErrorCode::InvalidClaim,
                    "the token's subject is not the expected one",
                )
                .with_claim("sub"))
            }
        }
    }
    check_audience(r.aud, rules.audiences.as_deref())
}

/// RFC 7519 §4.1.3: if the principal processing the claim does not identify itself with a value
/// in `aud`, the token MUST be rejected, so a token with `aud` needs a configured audience.
fn check_audience(aud: Option<Audience<'_>>, audiences: Option<&[String]>) -> Result<(), Error> {
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
                Audience::One(a) => accepted.iter().any(|x| x == a),
                Audience::Many(items) => items.iter().any(|a| accepted.iter().any(|x| x == a)),
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
        let bytes = serde_json::to_vec(&claims(v)).unwrap();
        let scanned = crate::scan::scan_claims(&bytes, "payload").unwrap();
        validate(&scanned, rules, now).err().map(|e| e.code())
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
            code(json!({"aud": [1]}), &r, 100),
            Some(ErrorCode::InvalidClaim)
        );
    }

    /// Issue 12: `aud: []` is a well-typed audience that names nobody, with or without an
    /// audience configured; `required` does not count a `null` claim.
    #[test]
    fn empty_audience_and_null_required_claims() {
        let any = ClaimRules::default();
        assert_eq!(
            code(json!({"aud": []}), &any, 0),
            Some(ErrorCode::InvalidAudience)
        );
        let a = ClaimRules {
            audiences: Some(vec!["a".into()]),
            ..ClaimRules::default()
        };
        assert_eq!(
            code(json!({"aud": []}), &a, 0),
            Some(ErrorCode::InvalidAudience)
        );
        let required = ClaimRules {
            required: vec!["tenant".into(), "exp".into()],
            ..ClaimRules::default()
        };
        assert_eq!(
            code(json!({"tenant": null, "exp": 5}), &required, 0),
            Some(ErrorCode::MissingClaim)
        );
        assert_eq!(code(json!({"tenant": false, "exp": 5}), &required, 0), None);
        // A null registered claim is a type error first (types before required).
        assert_eq!(
            code(json!({"tenant": 1, "exp": null}), &required, 0),
            Some(ErrorCode::InvalidClaim)
        );
    }

    #[test]
    fn subject_is_compared_exactly() {
        let r = ClaimRules {
            subject: Some("42".into()),
            ..ClaimRules::default()
        };
        assert_eq!(code(json!({"sub": "42"}), &r, 0), None);
        assert_eq!(
            code(json!({"sub": "420"}), &r, 0),
            Some(ErrorCode::InvalidClaim)
        );
        assert_eq!(code(json!({}), &r, 0), Some(ErrorCode::MissingClaim));
        assert_eq!(
            code(json!({"sub": 42}), &r, 0),
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
