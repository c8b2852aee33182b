//! Differential model: verification and `decode_unverified` must read every payload alike.
//!
//! `Verifier::verify_at` validates the payload with the streaming scanner (`scan_claims`) and
//! materialises it later; `decode_unverified` builds it with the strict parser (`parse_object`).
//! Issue 12 found them disagreeing (a duplicate of the 33rd member passed the scan). Given a
//! payload, [`check`] signs it (HS256, a fixed header), runs both, and asserts that:
//! - decoding fails exactly when verification fails for a structural reason, with the same code;
//! - when decoding succeeds, verification gives the verdict this model derives from the decoded
//!   claims (registered types in token order, `exp`, `nbf`, `iat`, `aud` with no audience
//!   configured), naming the same claim, and on success returns exactly the decoded claims.
//!
//! Shared, through `#[path]`, by `core/tests/differential.rs` (proptest, in `make test`) and
//! `fuzz/fuzz_targets/differential.rs` (libFuzzer, in `make fuzz`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use onejwt::{decode_unverified, ErrorCode, Key, Verifier, VerifyOptions};
use serde_json::{Map, Value};

/// The verification clock.
pub(crate) const NOW: i64 = 1_700_000_000;

const SECRET: &[u8] = b"onejwt-differential-test-secret!";

/// The verifier every check uses: HS256, default options (no audience, no leeway).
pub(crate) fn verifier() -> Verifier {
    Verifier::new(
        Key::hmac(SECRET).expect("a 32-byte secret"),
        VerifyOptions::new(["HS256"]),
    )
    .expect("valid options")
}

/// A compact HS256 JWS over `payload` exactly as given (no re-serialisation).
pub(crate) fn token(payload: &[u8]) -> String {
    let mut token = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(payload));
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET);
    let tag = ring::hmac::sign(&key, token.as_bytes());
    token.push('.');
    token.push_str(&URL_SAFE_NO_PAD.encode(tag.as_ref()));
    token
}

/// The verdict the claim rules give for claims that parsed: an error code and its claim.
fn expected(claims: &Map<String, Value>) -> Result<(), (ErrorCode, &'static str)> {
    let mut exp = None;
    let mut nbf = None;
    let mut iat = None;
    let mut aud = false;
    for (name, value) in claims {
        let (claim, well_typed): (&'static str, bool) = match name.as_str() {
            "exp" => ("exp", value.is_number()),
            "nbf" => ("nbf", value.is_number()),
            "iat" => ("iat", value.is_number()),
            "iss" => ("iss", value.is_string()),
            "sub" => ("sub", value.is_string()),
            "jti" => ("jti", value.is_string()),
            // A string or an array of strings, the empty array included (issue 12).
            "aud" => (
                "aud",
                value.is_string()
                    || value
                        .as_array()
                        .is_some_and(|items| items.iter().all(Value::is_string)),
            ),
            _ => continue,
        };
        if !well_typed {
            return Err((ErrorCode::InvalidClaim, claim));
        }
        match claim {
            "exp" => exp = value.as_f64(),
            "nbf" => nbf = value.as_f64(),
            "iat" => iat = value.as_f64(),
            "aud" => aud = true,
            _ => {}
        }
    }
    let now = NOW as f64;
    if exp.is_some_and(|exp| exp <= now) {
        return Err((ErrorCode::Expired, "exp"));
    }
    if nbf.is_some_and(|nbf| nbf > now) {
        return Err((ErrorCode::NotYetValid, "nbf"));
    }
    if iat.is_some_and(|iat| iat > now) {
        return Err((ErrorCode::NotYetValid, "iat"));
    }
    if aud {
        // RFC 7519 §4.1.3: no audience is configured, so any `aud` is refused.
        return Err((ErrorCode::InvalidAudience, "aud"));
    }
    Ok(())
}

/// Signs `payload`, verifies and decodes it, and panics with a description on any disagreement.
pub(crate) fn check(verifier: &Verifier, payload: &[u8]) {
    let token = token(payload);
    let verified = verifier.verify_at(&token, NOW);
    let shown = String::from_utf8_lossy(payload);
    match decode_unverified(&token) {
        Err(decoded) => match verified {
            Ok(v) => panic!(
                "verify accepted what decode refuses ({decoded}): {shown}\nverify returned {:?}",
                v.claims()
            ),
            Err(e) => assert_eq!(
                e.code(),
                decoded.code(),
                "verify and decode refuse with different codes ({e} / {decoded}): {shown}"
            ),
        },
        Ok(decoded) => match (expected(decoded.claims()), verified) {
            (Ok(()), Ok(v)) => {
                assert_eq!(v.claims(), decoded.claims(), "different claims: {shown}");
                let signed: Map<String, Value> =
                    serde_json::from_slice(onejwt::host::claims_json(&v))
                        .expect("verified claims JSON parses");
                assert_eq!(&signed, decoded.claims(), "different claims JSON: {shown}");
            }
            (Ok(()), Err(e)) => panic!("verify refused ({e}) what the model accepts: {shown}"),
            (Err((code, claim)), Ok(_)) => {
                panic!("verify accepted what the model refuses ({code:?} on {claim}): {shown}")
            }
            (Err((code, claim)), Err(e)) => assert_eq!(
                (e.code(), e.claim()),
                (code, Some(claim)),
                "verify's verdict ({e}) is not the model's: {shown}"
            ),
        },
    }
}
