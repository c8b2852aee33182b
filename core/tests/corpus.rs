//! The Rust runner of the shared conformance corpus (`tests/vectors`, format in its README).
//!
//! Every case goes through the public API; the outcomes are also written to
//! `target/corpus/rust.json` for the cross-runtime diff.

use std::fs;
use std::path::{Path, PathBuf};

use onejwt::{
    decode_unverified, sign, Error, Key, KeySet, OptionNames, SignError, SignOptions, Verifier,
    VerifyOptions,
};
use serde_json::{json, Map, Value};

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("read vectors dir")
        .map(|e| e.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "keys") {
                collect(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

/// What happened to one case, in the shape every runner writes.
#[derive(Debug, PartialEq)]
enum Outcome {
    Ok {
        header: Option<Map<String, Value>>,
        claims: Map<String, Value>,
        token: Option<String>,
    },
    Error(String),
    OptionsError(String),
}

enum KeyForm {
    Key(Key),
    Set(KeySet),
}

fn build_key(form: &Value) -> Result<KeyForm, Error> {
    let form = form.as_object().expect("key form is an object");
    assert_eq!(form.len(), 1, "a key form has exactly one member");
    let (kind, value) = form.iter().next().expect("one member");
    match kind.as_str() {
        "hmac" => Key::hmac(value.as_str().expect("hmac text")).map(KeyForm::Key),
        "hmac_base64url" => {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(value.as_str().expect("base64url text"))
                .expect("valid base64url in the case");
            Key::hmac(bytes).map(KeyForm::Key)
        }
        "pem" => Key::from_pem(value.as_str().expect("pem text")).map(KeyForm::Key),
        "jwk" => match value {
            Value::Object(map) => Key::from_jwk_map(map).map(KeyForm::Key),
            Value::String(text) => Key::from_jwk(text).map(KeyForm::Key),
            _ => panic!("jwk form must be an object or a string"),
        },
        "jwks" => match value {
            Value::Object(map) => KeySet::from_jwks_map(map).map(KeyForm::Set),
            Value::String(text) => KeySet::from_jwks(text).map(KeyForm::Set),
            _ => panic!("jwks form must be an object or a string"),
        },
        other => panic!("unknown key form {other}"),
    }
}

fn token_of(case: &Value) -> String {
    if let Some(t) = case.get("token") {
        return t.as_str().expect("token is a string").to_owned();
    }
    let rep = &case["token_repeat"];
    let count = rep["count"].as_u64().expect("count") as usize;
    format!(
        "{}{}",
        rep["prefix"].as_str().unwrap_or(""),
        rep["fill"].as_str().expect("fill").repeat(count)
    )
}

fn verify(case: &Value, token: &str) -> Outcome {
    let key = match build_key(&case["key"]) {
        Ok(k) => k,
        Err(e) => return Outcome::Error(e.code().as_str().to_owned()),
    };
    let empty = Map::new();
    let options = case
        .get("options")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let options = match VerifyOptions::from_map(options, OptionNames::SnakeCase) {
        Ok(o) => o,
        Err(e) => return Outcome::OptionsError(e.option().to_owned()),
    };
    let verifier = match key {
        KeyForm::Key(k) => Verifier::from_parts(Some(k), None, options),
        KeyForm::Set(s) => Verifier::from_parts(None, Some(s), options),
    };
    let verifier = match verifier {
        Ok(v) => v,
        Err(e) => return Outcome::OptionsError(e.option().to_owned()),
    };
    let now = case["now"]
        .as_i64()
        .expect("every verify case has an integer now");
    match verifier.verify_at(token, now) {
        Ok(v) => {
            let (header, claims) = v.into_parts();
            Outcome::Ok {
                header: Some(header.into_map()),
                claims,
                token: None,
            }
        }
        Err(e) => Outcome::Error(e.code().as_str().to_owned()),
    }
}

fn run_sign(case: &Value) -> Outcome {
    let spec = &case["sign"];
    let key = match build_key(&spec["key"]) {
        Ok(KeyForm::Key(k)) => k,
        Ok(KeyForm::Set(_)) => panic!("sign needs a single key"),
        Err(e) => return Outcome::Error(e.code().as_str().to_owned()),
    };
    let mut opts = SignOptions::default();
    if let Some(kid) = spec.get("kid").and_then(Value::as_str) {
        opts = opts.kid(kid);
    }
    if let Some(Value::Object(headers)) = spec.get("headers") {
        for (k, v) in headers {
            opts = opts.header(k.clone(), v.clone());
        }
    }
    let claims = spec["claims"].as_object().expect("claims object");
    let alg = spec["algorithm"].as_str().expect("algorithm");
    let token = match sign(claims, &key, alg, &opts) {
        Ok(t) => t,
        Err(SignError::Jwt(e)) => return Outcome::Error(e.code().as_str().to_owned()),
        Err(SignError::Options(e)) => return Outcome::OptionsError(e.option().to_owned()),
        Err(e) => panic!("unexpected sign error {e}"),
    };
    if case["expect"].get("claims").is_some() {
        let mut verify_case = case.clone();
        if verify_case.get("key").is_none() {
            verify_case["key"] = spec["key"].clone();
        }
        return match verify(&verify_case, &token) {
            Outcome::Ok { header, claims, .. } => Outcome::Ok {
                header,
                claims,
                token: Some(token),
            },
            other => other,
        };
    }
    Outcome::Ok {
        header: None,
        claims: Map::new(),
        token: Some(token),
    }
}

fn run(case: &Value) -> Outcome {
    match case.get("kind").and_then(Value::as_str).unwrap_or("verify") {
        "verify" => verify(case, &token_of(case)),
        "sign" => run_sign(case),
        "decode" => match decode_unverified(token_of(case)) {
            Ok(t) => {
                let (header, claims) = t.into_parts();
                Outcome::Ok {
                    header: Some(header.into_map()),
                    claims,
                    token: None,
                }
            }
            Err(e) => Outcome::Error(e.code().as_str().to_owned()),
        },
        other => panic!("unknown kind {other}"),
    }
}

/// Compares an outcome with the case's expectation; returns a description of any difference.
fn check(case: &Value, outcome: &Outcome) -> Option<String> {
    let expect = &case["expect"];
    match outcome {
        Outcome::Ok {
            header,
            claims,
            token,
        } => {
            if let Some(code) = expect.get("error").or(expect.get("options_error")) {
                return Some(format!("expected failure {code}, got success"));
            }
            if let Some(want) = expect.get("token") {
                if Some(want.as_str().expect("token string")) != token.as_deref() {
                    return Some(format!("token differs: got {token:?}"));
                }
            }
            if let Some(want) = expect.get("claims") {
                if want != &Value::Object(claims.clone()) {
                    return Some(format!(
                        "claims differ: got {}",
                        Value::Object(claims.clone())
                    ));
                }
            }
            if let Some(want) = expect.get("header") {
                let got = header.clone().map(Value::Object);
                if Some(want) != got.as_ref() {
                    return Some(format!("header differs: got {got:?}"));
                }
            }
            None
        }
        Outcome::Error(code) => match expect.get("error").and_then(Value::as_str) {
            Some(want) if want == code => None,
            _ => Some(format!("got error {code}, expected {expect}")),
        },
        Outcome::OptionsError(option) => {
            match expect.get("options_error").and_then(Value::as_str) {
                Some(want) if want == option => None,
                _ => Some(format!(
                    "got options error on {option:?}, expected {expect}"
                )),
            }
        }
    }
}

fn record(id: &str, outcome: &Outcome) -> Value {
    match outcome {
        Outcome::Ok { claims, .. } => {
            json!({"id": id, "verdict": "ok", "code": null, "claims": claims})
        }
        Outcome::Error(code) => json!({"id": id, "verdict": "error", "code": code, "claims": null}),
        Outcome::OptionsError(option) => {
            json!({"id": id, "verdict": "options_error", "code": option, "claims": null})
        }
    }
}

#[test]
fn every_corpus_case_gives_its_expected_outcome() {
    let mut files = Vec::new();
    collect(&vectors_dir(), &mut files);
    assert!(
        !files.is_empty(),
        "no corpus cases found under tests/vectors"
    );
    let mut failures = Vec::new();
    let mut records = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("read case");
        let case: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", file.display()));
        let id = case["id"].as_str().expect("case id").to_owned();
        assert!(ids.insert(id.clone()), "duplicate case id {id}");
        let outcome = run(&case);
        if let Some(diff) = check(&case, &outcome) {
            failures.push(format!("{id}: {diff}"));
        }
        records.push(record(&id, &outcome));
    }
    records.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/corpus");
    fs::create_dir_all(&out_dir).expect("create target/corpus");
    fs::write(
        out_dir.join("rust.json"),
        serde_json::to_string_pretty(&records).expect("serialize") + "\n",
    )
    .expect("write rust.json");
    println!("corpus: {} cases, {} failures", files.len(), failures.len());
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
