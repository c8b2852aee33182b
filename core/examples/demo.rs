//! The Rust half of `make demo`: issues the demo token and verifies it (see demo/README.md).

use std::fs;
use std::path::PathBuf;

use onejwt::{sign, Key, SignOptions, Verifier, VerifyOptions};
use serde_json::{json, Value};

/// The fixed verification time: 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("demo");
    fs::create_dir_all(&out)?;

    let private = Key::from_jwk(&fs::read_to_string(root.join("demo/key.private.jwk.json"))?)?;
    let claims = json!({
        "sub": "user-42",
        "email": "ada@example.com",
        "permissions": ["read", "write", "admin"],
        "iss": "https://auth.example.com",
        "aud": "api",
        "iat": NOW - 60,
        "exp": NOW + 900,
        "jti": "demo-0001",
        "type": "access"
    });
    let claims = claims.as_object().ok_or("claims are an object")?;
    let token = sign(
        claims,
        &private,
        "EdDSA",
        &SignOptions::default().kid("demo-2026"),
    )?;
    fs::write(out.join("token.txt"), format!("{token}\n"))?;

    let public = Key::from_jwk(&fs::read_to_string(root.join("demo/key.public.jwk.json"))?)?;
    let options = VerifyOptions::new(["EdDSA"])
        .issuer("https://auth.example.com")
        .audience("api");
    let verifier = Verifier::new(public, options)?;
    let verified = verifier.verify_at(&token, NOW)?;

    // Sorted compact JSON, the same canonical form every runtime prints.
    let sorted: std::collections::BTreeMap<_, _> = verified.claims().iter().collect();
    let mut lines = format!("claims {}\n", serde_json::to_string(&sorted)?);
    lines += &format!("tampered {}\n", verdict(&verifier, &tamper(&token), NOW));
    lines += &format!("later {}\n", verdict(&verifier, &token, NOW + 900));
    fs::write(out.join("rust.txt"), &lines)?;
    print!("{lines}");
    Ok(())
}

fn verdict(verifier: &Verifier, token: &str, now: i64) -> String {
    match verifier.verify_at(token, now) {
        Ok(v) => format!("ok {}", Value::Object(v.claims().clone())),
        Err(e) => e.code().to_string(),
    }
}

/// Changes the first signature character (to `A`, or to `B` if it is `A`).
fn tamper(token: &str) -> String {
    let dot = token.rfind('.').map_or(0, |i| i + 1);
    let mut bytes = token.as_bytes().to_vec();
    bytes[dot] = if bytes[dot] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap_or_default()
}
