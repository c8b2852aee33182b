//! The Rust runner of the shared conformance corpus (`tests/vectors`, format in its README).
//!
//! Every case goes through the public API; the outcomes are also written to
//! `target/corpus/rust.json` for the cross-runtime diff.

use std::fs;
use std::path::{Path, PathBuf};

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use onejwt::host::{self, OptionNames};
use onejwt::service::{extract_token, TokenPair, TokenService};
use onejwt::session::{SessionStore, StoreReply, StoreRequest};
use onejwt::{
    decode_unverified, sign, Error, Failure, Key, KeySet, SignOptions, Verifier, VerifyOptions,
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

/// Builds a key form; a refused key (`invalid_key`) or refused key set options (an options error)
/// is the case's outcome.
fn build_key(form: &Value) -> Result<KeyForm, Box<Outcome>> {
    let form = form.as_object().expect("key form is an object");
    // `{"jwks": …, "options": {…}}`: the options of KeySet::from_jwks, snake_case.
    let set_options = match form.get("options") {
        None => Default::default(),
        Some(options) => {
            assert!(
                form.contains_key("jwks"),
                "only the jwks key form takes options"
            );
            let options = options.as_object().expect("key set options are an object");
            host::keyset_options(options, OptionNames::SnakeCase)
                .map_err(|e| Box::new(Outcome::OptionsError(e.option().to_owned())))?
        }
    };
    build_key_with(form, &set_options)
        .map_err(|e| Box::new(Outcome::Error(e.code().as_str().to_owned())))
}

fn build_key_with(
    form: &Map<String, Value>,
    set_options: &onejwt::KeySetOptions,
) -> Result<KeyForm, Error> {
    let mut members = form.iter().filter(|(name, _)| *name != "options");
    let (kind, value) = members.next().expect("a key form has one key member");
    assert!(
        members.next().is_none(),
        "a key form has exactly one key member"
    );
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
            Value::Object(map) => KeySet::from_jwks_map_with(map, set_options).map(KeyForm::Set),
            Value::String(text) => KeySet::from_jwks_with(text, set_options).map(KeyForm::Set),
            _ => panic!("jwks form must be an object or a string"),
        },
        other => panic!("unknown key form {other}"),
    }
}

/// `expect.skipped`: the keys the case's key set must leave out, as `{index, kid, reason}`.
fn check_skipped(case: &Value) -> Option<String> {
    let want = case["expect"].get("skipped")?;
    let set = match build_key(&case["key"]) {
        Ok(KeyForm::Set(set)) => set,
        Ok(KeyForm::Key(_)) => return Some("expect.skipped needs a jwks key form".to_owned()),
        Err(e) => {
            return Some(format!(
                "expected skipped keys, but the set was refused: {e:?}"
            ))
        }
    };
    let got: Vec<Value> = set
        .skipped()
        .iter()
        .map(|s| json!({"index": s.index, "kid": s.kid, "reason": s.reason.as_str()}))
        .collect();
    for skipped in set.skipped() {
        if skipped.message.is_empty() || skipped.message.len() > 300 {
            return Some(format!(
                "skipped key #{} has a message of {} bytes",
                skipped.index,
                skipped.message.len()
            ));
        }
    }
    (Value::Array(got.clone()) != *want)
        .then(|| format!("skipped keys differ: got {}", Value::Array(got)))
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
        Err(outcome) => return *outcome,
    };
    let empty = Map::new();
    let options = case
        .get("options")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let options = match host::verify_options(options, OptionNames::SnakeCase) {
        Ok(o) => o,
        Err(e) => return Outcome::OptionsError(e.option().to_owned()),
    };
    let verifier = match key {
        KeyForm::Key(k) => host::verifier(Some(k), None, options),
        KeyForm::Set(s) => host::verifier(None, Some(s), options),
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
        Err(outcome) => return *outcome,
    };
    // Every member but the claims, the key and the algorithm is a sign option.
    let bag: Map<String, Value> = spec
        .as_object()
        .expect("sign object")
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "claims" | "key" | "algorithm"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let opts = match host::sign_options(&bag, OptionNames::SnakeCase) {
        Ok(o) => o,
        Err(e) => return Outcome::OptionsError(e.option().to_owned()),
    };
    let claims = spec["claims"].as_object().expect("claims object");
    let alg = spec["algorithm"].as_str().expect("algorithm");
    let token = match sign(claims, &key, alg, &opts) {
        Ok(t) => t,
        Err(Failure::Jwt(e)) => return Outcome::Error(e.code().as_str().to_owned()),
        Err(Failure::Options(e)) => return Outcome::OptionsError(e.option().to_owned()),
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
        "export" => run_export(case),
        "generate" => run_generate(case),
        other => panic!("unknown kind {other}"),
    }
}

/// A failed export as the case records it.
fn failed(e: &Error) -> Value {
    json!({"error": e.code().as_str()})
}

fn exported<T: Into<Value>>(r: Result<T, Error>) -> Value {
    r.map_or_else(|e| failed(&e), Into::into)
}

/// `kind: "export"`: every export of the key (or key set), each its value or `{"error": code}`.
fn run_export(case: &Value) -> Outcome {
    let form = match build_key(&case["key"]) {
        Ok(form) => form,
        Err(outcome) => return *outcome,
    };
    let mut exports = Map::new();
    match form {
        KeyForm::Key(key) => {
            exports.insert("public_jwk".into(), exported(key.to_public_jwk()));
            exports.insert("private_jwk".into(), exported(key.to_private_jwk()));
            exports.insert("public_pem".into(), exported(key.to_public_pem()));
            exports.insert("private_pem".into(), exported(key.to_private_pem()));
            exports.insert("thumbprint".into(), exported(key.thumbprint()));
        }
        KeyForm::Set(set) => {
            exports.insert("public_jwks".into(), exported(set.to_public_jwks()));
            exports.insert("private_jwks".into(), exported(set.to_private_jwks()));
        }
    }
    Outcome::Ok {
        header: None,
        claims: exports,
        token: None,
    }
}

/// `kind: "generate"`: what must hold for every generated key (the key itself is random).
fn run_generate(case: &Value) -> Outcome {
    let algorithm = case["algorithm"].as_str().expect("algorithm");
    let options = case
        .get("options")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let key = match host::generate_key(algorithm, &options, OptionNames::SnakeCase) {
        Ok(key) => key,
        Err(Failure::Jwt(e)) => return Outcome::Error(e.code().as_str().to_owned()),
        Err(Failure::Options(e)) => return Outcome::OptionsError(e.option().to_owned()),
        Err(e) => panic!("unexpected {e}"),
    };
    let thumbprint = key.thumbprint().expect("thumbprint");
    let members = |jwk: Result<Map<String, Value>, Error>| match jwk {
        Ok(jwk) => {
            let mut names: Vec<&String> = jwk.keys().collect();
            names.sort();
            json!(names)
        }
        Err(e) => failed(&e),
    };
    let private = key
        .to_private_jwk()
        .expect("a generated key exports its private JWK");
    let mut generated = Map::new();
    generated.insert("family".into(), key.family().as_str().into());
    generated.insert(
        "kid".into(),
        match key.kid() {
            Some(kid) if kid == thumbprint => "thumbprint".into(),
            other => other.into(),
        },
    );
    generated.insert("public_members".into(), members(key.to_public_jwk()));
    generated.insert("private_members".into(), members(Ok(private.clone())));
    let hmac = key.family() == onejwt::KeyFamily::Hmac;
    if hmac {
        use base64::Engine;
        let k = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(private["k"].as_str().expect("k"))
            .expect("base64url k");
        generated.insert("secret_bytes".into(), k.len().into());
    }
    let verifier_key = if hmac {
        Key::from_jwk_map(&private)
    } else {
        key.to_public_jwk().and_then(|jwk| Key::from_jwk_map(&jwk))
    }
    .expect("the exported JWK reads back");
    let claims = json!({"sub": "42"});
    let verifies = sign(
        claims.as_object().expect("object"),
        &key,
        algorithm,
        &SignOptions::default(),
    )
    .map_err(|e| match e {
        Failure::Jwt(e) => e.code().as_str().to_owned(),
        other => panic!("signing with a generated key: {other}"),
    })
    .and_then(|token| {
        let verifier = Verifier::new(verifier_key, VerifyOptions::new([algorithm]))
            .unwrap_or_else(|e| panic!("a verifier for a generated key: {e}"));
        let verified = verifier
            .verify_at(&token, 0)
            .map_err(|e| e.code().as_str().to_owned())?;
        Ok(verified.claims()["sub"] == "42" && verified.header().kid() == key.kid())
    });
    generated.insert(
        "verifies".into(),
        verifies.map_or_else(Value::from, Value::from),
    );
    if !hmac {
        let same = |pem: Result<String, Error>| {
            pem.and_then(Key::from_pem)
                .and_then(|k| k.thumbprint())
                .is_ok_and(|t| t == thumbprint)
        };
        generated.insert(
            "pem_round_trips".into(),
            (same(key.to_private_pem()) && same(key.to_public_pem())).into(),
        );
    }
    Outcome::Ok {
        header: None,
        claims: generated,
        token: None,
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
            if let Some(want) = expect
                .get("claims")
                .or(expect.get("exports"))
                .or(expect.get("generated"))
            {
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

/// What one service step returned, before it is compared with the step's expectation.
enum StepResult {
    Value(Value),
    Error(String),
    OptionsError(String),
}

fn sign_result<T>(r: Result<T, Failure>, ok: impl FnOnce(T) -> Value) -> StepResult {
    match r {
        Ok(v) => StepResult::Value(ok(v)),
        Err(Failure::Jwt(e)) => StepResult::Error(e.code().as_str().to_owned()),
        Err(Failure::Options(e)) => StepResult::OptionsError(e.option().to_owned()),
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn jwt_result<T>(r: Result<T, Error>, ok: impl FnOnce(T) -> Value) -> StepResult {
    match r {
        Ok(v) => StepResult::Value(ok(v)),
        Err(e) => StepResult::Error(e.code().as_str().to_owned()),
    }
}

fn resolve(arg: &Value, saved: &Map<String, Value>) -> String {
    let text = arg.as_str().expect("token argument is a string");
    match text.strip_prefix('$') {
        None => text.to_owned(),
        Some(path) => {
            let mut parts = path.splitn(2, '.');
            let value = &saved[parts.next().expect("name")];
            let value = match parts.next() {
                Some(field) => &value[field],
                None => value,
            };
            value.as_str().expect("saved token").to_owned()
        }
    }
}

/// The corpus's scripted host store (`store.replies`, see the vectors README): logs each request and
/// answers with the next scripted reply; `{"throw": …}` and running out are the store's errors.
struct ScriptedStore {
    replies: Mutex<VecDeque<Value>>,
    log: Mutex<Vec<Value>>,
}

impl SessionStore for ScriptedStore {
    fn execute(&self, request: &StoreRequest) -> Result<StoreReply, String> {
        self.log.lock().expect("log").push(request.to_value());
        let reply = self.replies.lock().expect("replies").pop_front();
        match reply {
            None => Err("the scripted store has no reply left".to_owned()),
            Some(Value::Object(map)) if map.contains_key("throw") => {
                Err(map["throw"].as_str().unwrap_or("thrown").to_owned())
            }
            Some(reply) => request.reply_from_value(&reply),
        }
    }
}

fn pair_value(pair: TokenPair) -> Value {
    json!({"access_token": pair.access_token, "refresh_token": pair.refresh_token})
}

fn run_step(
    service: &TokenService,
    step: &Value,
    saved: &Map<String, Value>,
    store: Option<&ScriptedStore>,
) -> StepResult {
    let now = step.get("now").and_then(Value::as_i64);
    let token = || resolve(&step["token"], saved);
    let token_type = || host::token_type(step["token_type"].as_str(), OptionNames::SnakeCase);
    // A step's arguments after the user id, as the bag the host parsers read.
    let bag = |names: &[&str]| -> Map<String, Value> {
        names
            .iter()
            .filter_map(|n| step.get(*n).map(|v| ((*n).to_owned(), v.clone())))
            .collect()
    };
    let claims = |v: onejwt::Verified| Value::Object(v.into_claims());
    match step["op"].as_str().expect("op") {
        "create_access_token" => {
            let user = step["user_id"].as_str().expect("user_id");
            let bag = bag(&["email", "permissions", "extra", "now"]);
            let args = match host::access_token_args(&bag, OptionNames::SnakeCase) {
                Ok(args) => args,
                Err(e) => return StepResult::OptionsError(e.option().to_owned()),
            };
            sign_result(
                service.create_access_token(
                    user,
                    args.email.as_deref(),
                    &args.permissions,
                    &args.extra,
                    args.now,
                ),
                Value::from,
            )
        }
        "login" => {
            let user = step["user_id"].as_str().expect("user_id");
            let bag = bag(&["email", "permissions", "extra", "now"]);
            let args = match host::access_token_args(&bag, OptionNames::SnakeCase) {
                Ok(args) => args,
                Err(e) => return StepResult::OptionsError(e.option().to_owned()),
            };
            sign_result(service.login(user, args.claims(), args.now), pair_value)
        }
        "verify" | "validate_token" => {
            let kind = match token_type() {
                Ok(kind) => kind,
                Err(e) => return StepResult::OptionsError(e.option().to_owned()),
            };
            if step["op"] == "verify" {
                sign_result(service.verify(token(), kind, now), claims)
            } else {
                sign_result(service.validate_token(token(), kind, now), |v| {
                    v.map_or(Value::Null, claims)
                })
            }
        }
        "extract_user_id" => sign_result(service.extract_user_id(token(), now), |v| {
            v.map_or(Value::Null, Value::from)
        }),
        "refresh" | "refresh_chain" => {
            let args = match host::refresh_args(
                &bag(&["email", "permissions", "extra", "now"]),
                OptionNames::SnakeCase,
            ) {
                Ok(args) => args,
                Err(e) => return StepResult::OptionsError(e.option().to_owned()),
            };
            let count = step.get("count").and_then(Value::as_u64).unwrap_or(1);
            let mut refresh_token = token();
            let mut last = None;
            for _ in 0..count {
                match service.refresh(&refresh_token, args.update.clone(), args.now) {
                    Ok(pair) => {
                        refresh_token.clone_from(&pair.refresh_token);
                        last = Some(pair);
                    }
                    Err(e) => return sign_result(Err::<(), _>(e), |()| Value::Null),
                }
            }
            StepResult::Value(last.map_or(Value::Null, pair_value))
        }
        "revoke" => sign_result(service.revoke(token(), now), |()| Value::Null),
        "logout" => sign_result(service.logout(token(), now), |()| Value::Null),
        "is_revoked" => sign_result(service.is_revoked(token(), now), Value::from),
        "store_requests" => StepResult::Value(Value::Array(
            store
                .map(|s| s.log.lock().expect("log").clone())
                .unwrap_or_default(),
        )),
        "metrics" => StepResult::Value(Value::Object(service.metrics())),
        "decode" => jwt_result(decode_unverified(token()), |t| {
            let (header, claims) = t.into_parts();
            json!({"header": header.into_map(), "claims": claims})
        }),
        "extract_token" => {
            let headers = host::headers_from_value(&step["headers"]).expect("headers");
            let mut bag = step
                .get("options")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if let Some(query) = step.get("query") {
                bag.insert("query_string".into(), query.clone());
            }
            let args = match host::extract_args(&bag, OptionNames::SnakeCase) {
                Ok(args) => args,
                Err(e) => return StepResult::OptionsError(e.option().to_owned()),
            };
            jwt_result(
                extract_token(&headers, args.query_string.as_deref(), &args.options),
                |found| match found {
                    None => Value::Null,
                    Some(x) => {
                        json!({"token": x.token, "source": x.source.as_str(), "echo_protocol": x.echo_protocol})
                    }
                },
            )
        }
        "rotate_key" => {
            let key = match build_key(&step["key"]) {
                Ok(KeyForm::Key(key)) => key,
                Ok(KeyForm::Set(_)) => panic!("rotate_key takes a key"),
                Err(outcome) => match *outcome {
                    Outcome::Error(code) => return StepResult::Error(code),
                    other => panic!("unexpected {other:?}"),
                },
            };
            sign_result(service.rotate_key(key, now), |()| Value::Null)
        }
        "jwks" => sign_result(
            host::service_jwks(service, &bag(&["private", "now"]), OptionNames::SnakeCase),
            Value::Object,
        ),
        "signing_kid" => StepResult::Value(service.signing_kid().into()),
        other => panic!("unknown service op {other}"),
    }
}

/// Whether `got` contains every member of `want` (recursively for objects).
fn contains(got: &Value, want: &Value) -> bool {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => w
            .iter()
            .all(|(k, v)| g.get(k).is_some_and(|gv| contains(gv, v))),
        _ => got == want,
    }
}

/// Runs a service case; returns the step outcomes (for the diff) and any unmet expectations.
fn run_service(case: &Value) -> (Vec<String>, Vec<String>) {
    let config = case["config"].as_object().expect("config");
    let store = case.get("store").map(|store| {
        Arc::new(ScriptedStore {
            replies: Mutex::new(
                store["replies"]
                    .as_array()
                    .expect("store.replies")
                    .iter()
                    .cloned()
                    .collect(),
            ),
            log: Mutex::default(),
        })
    });
    let service = match host::service_config(config, OptionNames::SnakeCase).and_then(|config| {
        let config = match &store {
            Some(store) => config.session_store(store.clone()),
            None => config,
        };
        TokenService::new(config)
    }) {
        Ok(s) => s,
        Err(e) => {
            let got = match &e {
                Failure::Options(o) => format!("options_error:{}", o.option()),
                Failure::Jwt(j) => format!("error:{}", j.code().as_str()),
                _ => panic!("unexpected {e}"),
            };
            let want = match (
                case["expect"].get("options_error"),
                case["expect"].get("error"),
            ) {
                (Some(o), _) => format!("options_error:{}", o.as_str().unwrap_or("")),
                (_, Some(c)) => format!("error:{}", c.as_str().unwrap_or("")),
                _ => "a working service".to_owned(),
            };
            let failures = if got == want {
                vec![]
            } else {
                vec![format!("config: got {got}, expected {want}")]
            };
            return (vec![got], failures);
        }
    };
    let mut saved = Map::new();
    let mut outcomes = Vec::new();
    let mut failures = Vec::new();
    // A config the case expects to be refused must not build a working service.
    if let Some(want) = case
        .get("expect")
        .and_then(|e| e.get("options_error").or(e.get("error")))
    {
        failures.push(format!("config: got a working service, expected {want}"));
    }
    let ok = json!({"ok": true});
    for (index, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
        let result = run_step(&service, step, &saved, store.as_deref());
        let expect = step.get("expect").unwrap_or(&ok);
        let (outcome, met) = match &result {
            StepResult::Error(code) => (
                format!("error:{code}"),
                expect.get("error").and_then(Value::as_str) == Some(code),
            ),
            StepResult::OptionsError(option) => (
                "options_error".to_owned(),
                expect.get("options_error").and_then(Value::as_str) == Some(option),
            ),
            StepResult::Value(v) => {
                let has = |names: &Value| {
                    names
                        .as_array()
                        .expect("has_claims")
                        .iter()
                        .all(|n| v.get(n.as_str().expect("name")).is_some())
                };
                let met = if let Some(want) =
                    expect.get("claims_subset").or(expect.get("metrics_subset"))
                {
                    contains(v, want) && expect.get("has_claims").is_none_or(has)
                } else if let Some(names) = expect.get("has_claims") {
                    has(names)
                } else if let Some(want) = expect.get("requests_subset") {
                    let (got, want) = (
                        v.as_array().expect("requests"),
                        want.as_array().expect("list"),
                    );
                    got.len() == want.len() && got.iter().zip(want).all(|(g, w)| contains(g, w))
                } else if let Some(want) = expect.get("value") {
                    v == want
                } else if let Some(want) = expect.get("extracted") {
                    v == want
                } else {
                    expect.get("error").is_none() && expect.get("options_error").is_none()
                };
                (
                    if v.is_null() {
                        "null".to_owned()
                    } else {
                        "ok".to_owned()
                    },
                    met,
                )
            }
        };
        if !met {
            failures.push(format!(
                "step {index} ({}): got {outcome}, expected {expect}",
                step["op"]
            ));
        }
        if let (Some(name), StepResult::Value(v)) =
            (step.get("save").and_then(Value::as_str), result)
        {
            saved.insert(name.to_owned(), v);
        }
        outcomes.push(outcome);
    }
    (outcomes, failures)
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
        if case.get("kind").and_then(Value::as_str) == Some("service") {
            let (steps, unmet) = run_service(&case);
            failures.extend(unmet.into_iter().map(|u| format!("{id}: {u}")));
            records.push(json!({"id": id, "verdict": "ok", "code": null, "claims": steps}));
            continue;
        }
        let outcome = run(&case);
        if let Some(diff) = check(&case, &outcome).or_else(|| check_skipped(&case)) {
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
