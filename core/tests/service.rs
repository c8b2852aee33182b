//! TokenService behaviour: issuing, token types, revocation, refresh rotation, the validation
//! cache, metrics and configuration, each read as the rule it checks.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use onejwt::service::{MemoryRevocations, RevocationStore, ServiceConfig, TokenService, TokenType};
use onejwt::{ErrorCode, Failure, Key};
use serde_json::{json, Map, Value};

const NOW: i64 = 1_767_225_600;
const SECRET: &[u8] = b"service-secret-service-secret-32";

fn service(cache: usize) -> TokenService {
    let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap())
        .issuer("https://auth.example")
        .audience("api")
        .cache(cache, 60);
    TokenService::new(config).unwrap()
}

fn access(s: &TokenService) -> String {
    s.create_access_token(
        "42",
        Some("ada@example.com"),
        &["read".into(), "write".into()],
        &Map::new(),
        Some(NOW),
    )
    .unwrap()
}

fn code<T: std::fmt::Debug>(r: Result<T, onejwt::Error>) -> &'static str {
    r.unwrap_err().code().as_str()
}

#[test]
fn access_tokens_carry_the_documented_claims() {
    let s = service(0);
    let claims = s
        .validate_token(access(&s), TokenType::Access, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .unwrap();
    for name in [
        "sub",
        "email",
        "permissions",
        "iat",
        "exp",
        "jti",
        "iss",
        "aud",
        "type",
    ] {
        assert!(claims.contains_key(name), "{name}");
    }
    assert_eq!(claims["exp"], json!(NOW + 900));
    assert_eq!(claims["type"], "access");
    assert_eq!(claims["permissions"], json!(["read", "write"]));
}

#[test]
fn refresh_tokens_carry_only_their_claims() {
    let s = service(0);
    let token = s
        .create_refresh_token("42", &Map::new(), Some(NOW))
        .unwrap();
    let claims = s
        .validate_token(&token, TokenType::Refresh, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .unwrap();
    let mut names: Vec<_> = claims.keys().cloned().collect();
    names.sort();
    assert_eq!(names, ["aud", "exp", "iat", "iss", "jti", "sub", "type"]);
    assert_eq!(claims["exp"], json!(NOW + 7 * 24 * 3600));
}

#[test]
fn token_ids_are_unique() {
    let s = service(0);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let claims = s
            .validate_token(access(&s), TokenType::Access, Some(NOW))
            .map(onejwt::Verified::into_claims)
            .unwrap();
        assert!(seen.insert(claims["jti"].as_str().unwrap().to_owned()));
    }
}

#[test]
fn a_token_type_is_never_accepted_for_the_other() {
    let s = service(0);
    let refresh = s
        .create_refresh_token("42", &Map::new(), Some(NOW))
        .unwrap();
    assert_eq!(
        code(s.verify(&refresh, TokenType::Access, Some(NOW))),
        "wrong_token_type"
    );
    assert_eq!(
        code(s.verify(access(&s), TokenType::Refresh, Some(NOW))),
        "wrong_token_type"
    );
    assert!(s
        .validate_token(&refresh, TokenType::Access, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .is_none());
}

#[test]
fn validate_token_never_raises_for_bad_tokens() {
    let s = service(0);
    let token = access(&s);
    for bad in ["", "x", "a.b.c", &token[..token.len() - 2]] {
        assert!(s
            .validate_token(bad, TokenType::Access, Some(NOW))
            .map(onejwt::Verified::into_claims)
            .is_none());
    }
    assert!(
        s.validate_token(&token, TokenType::Access, Some(NOW + 900))
            .map(onejwt::Verified::into_claims)
            .is_none(),
        "expired"
    );
    assert_eq!(s.extract_user_id(&token, Some(NOW)).as_deref(), Some("42"));
    assert_eq!(s.extract_user_id("nope", Some(NOW)), None);
}

#[test]
fn extra_claims_cannot_replace_registered_ones() {
    let s = service(0);
    let extra: Map<String, Value> = json!({"sub": "admin"}).as_object().unwrap().clone();
    let err = s
        .create_access_token("42", None, &[], &extra, Some(NOW))
        .unwrap_err();
    assert!(
        matches!(err, Failure::Options(ref e) if e.option() == "extra"),
        "{err}"
    );
    let ok: Map<String, Value> = json!({"tenant": "t1"}).as_object().unwrap().clone();
    let token = s
        .create_access_token("42", None, &[], &ok, Some(NOW))
        .unwrap();
    assert_eq!(
        s.validate_token(&token, TokenType::Access, Some(NOW))
            .map(onejwt::Verified::into_claims)
            .unwrap()["tenant"],
        "t1"
    );
}

#[test]
fn revocation_applies_until_expiry_and_is_pruned() {
    let s = service(0);
    let token = access(&s);
    assert!(!s.is_revoked(&token, Some(NOW)).unwrap());
    s.revoke(&token, Some(NOW)).unwrap();
    assert!(s.is_revoked(&token, Some(NOW)).unwrap());
    assert_eq!(
        code(s.verify(&token, TokenType::Access, Some(NOW + 10))),
        "revoked"
    );
    // After exp the token is refused as expired anyway, and the entry is dropped.
    assert_eq!(
        code(s.verify(&token, TokenType::Access, Some(NOW + 900))),
        "expired"
    );
}

#[test]
fn forged_tokens_cannot_revoke() {
    let s = service(0);
    let token = access(&s);
    let forged = format!("{}x", &token[..token.len() - 1]);
    assert!(s.revoke(&forged, Some(NOW)).is_err());
    assert!(s
        .validate_token(&token, TokenType::Access, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .is_some());
}

#[test]
fn refresh_rotates_and_detects_reuse() {
    let s = service(0);
    let refresh = s
        .create_refresh_token("42", &Map::new(), Some(NOW))
        .unwrap();
    let pair = s.refresh(&refresh, Some(NOW + 5)).unwrap();
    let claims = s
        .validate_token(&pair.access_token, TokenType::Access, Some(NOW + 5))
        .map(onejwt::Verified::into_claims)
        .unwrap();
    assert_eq!(claims["sub"], "42");
    assert!(s
        .validate_token(&pair.refresh_token, TokenType::Refresh, Some(NOW + 5))
        .map(onejwt::Verified::into_claims)
        .is_some());
    match s.refresh(&refresh, Some(NOW + 6)) {
        Err(Failure::Jwt(e)) => assert_eq!(e.code(), ErrorCode::Revoked),
        other => panic!("reuse was not detected: {other:?}"),
    }
    // An access token cannot be used to refresh.
    assert!(s.refresh(&pair.access_token, Some(NOW + 6)).is_err());
}

/// A store that loses the race on purpose: `is_revoked` always answers "no", as if every
/// refresh had been verified before any revocation landed. Only `revoke_once` can stop a replay.
struct RacyStore(MemoryRevocations);

impl RevocationStore for RacyStore {
    fn is_revoked(&self, _jti: &str, _now: i64) -> Result<bool, String> {
        Ok(false)
    }
    fn revoke(&self, jti: &str, expires_at: i64, now: i64) -> Result<(), String> {
        self.0.revoke(jti, expires_at, now)
    }
    fn revoke_once(&self, jti: &str, expires_at: i64, now: i64) -> Result<bool, String> {
        self.0.revoke_once(jti, expires_at, now)
    }
}

#[test]
fn concurrent_uses_of_one_refresh_token_yield_one_pair() {
    let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap())
        .revocation_store(Arc::new(RacyStore(MemoryRevocations::new(100))));
    let s = TokenService::new(config).unwrap();
    let refresh = s
        .create_refresh_token("42", &Map::new(), Some(NOW))
        .unwrap();
    assert!(s.refresh(&refresh, Some(NOW + 1)).is_ok());
    match s.refresh(&refresh, Some(NOW + 1)) {
        Err(Failure::Jwt(e)) => assert_eq!(e.code(), ErrorCode::Revoked),
        other => panic!("a replayed refresh token got a second pair: {other:?}"),
    }

    // And under real contention with the default store: exactly one thread wins.
    let s = Arc::new(service(0));
    let refresh = s
        .create_refresh_token("42", &Map::new(), Some(NOW))
        .unwrap();
    let winners: usize = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| scope.spawn(|| s.refresh(&refresh, Some(NOW + 1)).is_ok() as usize))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    assert_eq!(winners, 1);
}

#[test]
fn memory_revoke_once_reports_whether_it_revoked() {
    let store = MemoryRevocations::new(10);
    assert_eq!(store.revoke_once("a", 200, 100), Ok(true));
    assert_eq!(store.revoke_once("a", 200, 150), Ok(false));
    // Once the token has expired its entry no longer counts: revoking again is a fresh revocation.
    assert_eq!(store.revoke_once("a", 300, 250), Ok(true));
}

#[test]
fn cache_hits_match_fresh_verification_and_still_check_revocation() {
    let s = service(100);
    let token = access(&s);
    let first = s.verify(&token, TokenType::Access, Some(NOW)).unwrap();
    let second = s.verify(&token, TokenType::Access, Some(NOW + 1)).unwrap();
    assert_eq!(first.claims(), second.claims());
    let m = s.metrics();
    assert_eq!(
        (m["cache_misses"].as_u64(), m["cache_hits"].as_u64()),
        (Some(1), Some(1))
    );
    s.revoke(&token, Some(NOW + 2)).unwrap();
    assert_eq!(
        code(s.verify(&token, TokenType::Access, Some(NOW + 3))),
        "revoked"
    );
    // A cache hit is still judged by token type.
    assert_eq!(
        code(s.verify(&token, TokenType::Refresh, Some(NOW + 3))),
        "wrong_token_type"
    );
}

#[test]
fn cache_entries_never_outlive_the_token() {
    let s = service(100);
    let token = access(&s);
    assert!(s.verify(&token, TokenType::Access, Some(NOW + 890)).is_ok());
    assert_eq!(
        code(s.verify(&token, TokenType::Access, Some(NOW + 900))),
        "expired"
    );
}

#[test]
fn tokens_sharing_a_long_prefix_never_share_a_cache_entry() {
    let s = service(100);
    let token = access(&s);
    assert!(s.verify(&token, TokenType::Access, Some(NOW)).is_ok());
    // Same header and claims, different signature: only the last characters differ.
    let dot = token.rfind('.').unwrap();
    let forged = format!("{}{}", &token[..dot + 1], "A".repeat(token.len() - dot - 1));
    assert_eq!(
        code(s.verify(&forged, TokenType::Access, Some(NOW))),
        "invalid_signature"
    );
    let m = s.metrics();
    assert_eq!(m["cache_hits"].as_u64(), Some(0));
}

#[test]
fn metrics_count_outcomes_by_code_and_export_prometheus() {
    let s = service(0);
    let token = access(&s);
    s.verify(&token, TokenType::Access, Some(NOW)).unwrap();
    let _ = s.verify("garbage", TokenType::Access, Some(NOW));
    let m = s.metrics();
    assert_eq!(m["verifications"], 2);
    assert_eq!(m["successes"], 1);
    assert_eq!(m["failures"]["malformed"], 1);
    assert_eq!(m["issued_access"], 1);
    assert_eq!(m["latency_us"]["count"], 2);
    let text = s.metrics_text();
    assert!(text.contains("onejwt_verifications_total 2"), "{text}");
    assert!(text.contains("onejwt_verification_failures_total{code=\"malformed\"} 1"));
    assert!(text.contains("onejwt_verification_seconds_count 2"));
    assert_eq!(s.health()["status"], "ok");
}

#[test]
fn configuration_refuses_missing_and_weak_secrets() {
    let env = |pairs: &[(&str, &str)]| -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let missing = ServiceConfig::from_env_vars(&env(&[])).unwrap_err();
    assert!(missing.to_string().contains("JWT_SECRET_KEY"), "{missing}");
    let weak =
        ServiceConfig::from_env_vars(&env(&[("JWT_SECRET_KEY", "short-secret")])).unwrap_err();
    assert!(weak.to_string().contains("JWT_SECRET_KEY"), "{weak}");
    let hs512 = env(&[
        ("JWT_SECRET_KEY", std::str::from_utf8(SECRET).unwrap()),
        ("JWT_ALGORITHM", "HS512"),
    ]);
    assert!(
        ServiceConfig::from_env_vars(&hs512).is_err(),
        "32 bytes cannot serve HS512"
    );
    let ok = env(&[
        ("JWT_SECRET_KEY", std::str::from_utf8(SECRET).unwrap()),
        ("JWT_ISSUER", "me"),
        ("JWT_ACCESS_TTL", "60"),
    ]);
    let s = TokenService::new(ServiceConfig::from_env_vars(&ok).unwrap()).unwrap();
    let token = s.create_refresh_token("u", &Map::new(), Some(NOW)).unwrap();
    assert!(s
        .validate_token(&token, TokenType::Refresh, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .is_some());
    let bad_ttl = env(&[
        ("JWT_SECRET_KEY", std::str::from_utf8(SECRET).unwrap()),
        ("JWT_ACCESS_TTL", "-5"),
    ]);
    assert!(ServiceConfig::from_env_vars(&bad_ttl)
        .unwrap_err()
        .to_string()
        .contains("JWT_ACCESS_TTL"));
}

#[test]
fn asymmetric_services_can_be_verify_only() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../bench/fixtures.json");
    let fixtures: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let ed = &fixtures["algorithms"]["EdDSA"];
    let vars = |name: &str, pem: &Value| {
        HashMap::from([
            ("JWT_ALGORITHM".to_owned(), "EdDSA".to_owned()),
            (name.to_owned(), pem.as_str().unwrap().to_owned()),
        ])
    };
    let issuer = TokenService::new(
        ServiceConfig::from_env_vars(&vars("JWT_PRIVATE_KEY", &ed["private_pem"])).unwrap(),
    )
    .unwrap();
    let verify_only = TokenService::new(
        ServiceConfig::from_env_vars(&vars("JWT_PUBLIC_KEY", &ed["public_pem"])).unwrap(),
    )
    .unwrap();
    let token = issuer
        .create_refresh_token("u", &Map::new(), Some(NOW))
        .unwrap();
    assert!(verify_only
        .validate_token(&token, TokenType::Refresh, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .is_some());
    let err = verify_only
        .create_refresh_token("u", &Map::new(), Some(NOW))
        .unwrap_err();
    assert!(
        matches!(err, Failure::Jwt(ref e) if e.code() == ErrorCode::InvalidKey),
        "{err}"
    );
    assert_eq!(verify_only.health()["can_issue"], false);
}

/// A store shared by two services, as several processes would share Redis.
#[derive(Default)]
struct SharedStore(Mutex<HashMap<String, i64>>);

impl RevocationStore for SharedStore {
    fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
        Ok(self.0.lock().unwrap().contains_key(jti))
    }
    fn revoke(&self, jti: &str, expires_at: i64, _now: i64) -> Result<(), String> {
        self.0.lock().unwrap().insert(jti.to_owned(), expires_at);
        Ok(())
    }
}

struct FailingStore;

impl RevocationStore for FailingStore {
    fn is_revoked(&self, _: &str, _: i64) -> Result<bool, String> {
        Err("connection refused".into())
    }
    fn revoke(&self, _: &str, _: i64, _: i64) -> Result<(), String> {
        Err("connection refused".into())
    }
}

#[test]
fn pluggable_stores_share_revocations_and_fail_closed() {
    let store = Arc::new(SharedStore::default());
    let make = |store: Arc<dyn RevocationStore>| {
        TokenService::new(ServiceConfig::hmac(Key::hmac(SECRET).unwrap()).revocation_store(store))
            .unwrap()
    };
    let (a, b) = (make(store.clone()), make(store));
    let token = access(&a);
    a.revoke(&token, Some(NOW)).unwrap();
    assert_eq!(
        code(b.verify(&token, TokenType::Access, Some(NOW))),
        "revoked"
    );
    let failing = make(Arc::new(FailingStore));
    assert_eq!(
        code(failing.verify(access(&failing), TokenType::Access, Some(NOW))),
        "revoked"
    );
}

/// A lent store: single-threaded (`Rc`, `RefCell`), as a JS object is; counts its calls.
#[derive(Default)]
struct LentStore {
    revoked: std::cell::RefCell<HashMap<String, i64>>,
    calls: std::cell::Cell<usize>,
    fail: Option<&'static str>,
}

impl onejwt::host::LocalRevocationStore for LentStore {
    fn is_revoked(&self, jti: &str, _now: i64) -> Result<bool, String> {
        self.calls.set(self.calls.get() + 1);
        match self.fail {
            Some(message) => Err(message.into()),
            None => Ok(self.revoked.borrow().contains_key(jti)),
        }
    }
    fn revoke(&self, jti: &str, expires_at: i64, _now: i64) -> Result<(), String> {
        self.calls.set(self.calls.get() + 1);
        match self.fail {
            Some(message) => Err(message.into()),
            None => {
                self.revoked.borrow_mut().insert(jti.to_owned(), expires_at);
                Ok(())
            }
        }
    }
}

#[test]
fn a_lent_store_is_asked_on_every_call_and_the_configured_one_is_not() {
    let s = service(16);
    let lent = LentStore::default();
    let with = onejwt::host::with_store(&s, Some(&lent));
    let token = access(&s);
    // Miss, then hit: the lent store is asked both times.
    assert!(with
        .validate_token(&token, TokenType::Access, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .is_some());
    assert!(with.verify(&token, TokenType::Access, Some(NOW)).is_ok());
    assert_eq!(lent.calls.get(), 2);
    assert_eq!(s.metrics()["cache_hits"], 1);
    assert_eq!(with.is_revoked(&token, Some(NOW)), Ok(false));
    with.revoke(&token, Some(NOW)).unwrap();
    assert_eq!(lent.revoked.borrow().len(), 1);
    assert_eq!(with.is_revoked(&token, Some(NOW)), Ok(true));
    assert_eq!(
        code(with.verify(&token, TokenType::Access, Some(NOW))),
        "revoked"
    );
    assert_eq!(with.extract_user_id(&token, Some(NOW)), None);
    // The configured (in-memory) store never saw it.
    assert_eq!(s.extract_user_id(&token, Some(NOW)).as_deref(), Some("42"));
    // Refresh rotation and reuse detection go through the lent store too.
    let r = s
        .create_refresh_token("42", &Map::new(), Some(NOW))
        .unwrap();
    let pair = with.refresh(&r, Some(NOW + 1)).unwrap();
    assert!(with
        .validate_token(&pair.access_token, TokenType::Access, Some(NOW + 1))
        .map(onejwt::Verified::into_claims)
        .is_some());
    assert!(matches!(
        with.refresh(&r, Some(NOW + 2)),
        Err(Failure::Jwt(ref e)) if e.code() == ErrorCode::Revoked
    ));
    assert!(
        s.refresh(&r, Some(NOW + 2)).is_ok(),
        "the configured store is separate"
    );
}

#[test]
fn a_failing_lent_store_fails_closed_and_keeps_its_message() {
    let s = service(16);
    let token = access(&s);
    // Cached while the store works …
    assert!(s
        .validate_token(&token, TokenType::Access, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .is_some());
    let failing = LentStore {
        fail: Some("Error: boom"),
        ..LentStore::default()
    };
    let with = onejwt::host::with_store(&s, Some(&failing));
    // … and refused on the hit once the lent store fails.
    let err = with
        .verify(&token, TokenType::Access, Some(NOW))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Revoked);
    assert!(err.message().contains("Error: boom"), "{}", err.message());
    assert!(with
        .validate_token(&token, TokenType::Access, Some(NOW))
        .map(onejwt::Verified::into_claims)
        .is_none());
    assert_eq!(code(with.is_revoked(&token, Some(NOW))), "revoked");
    let err = with.revoke(&token, Some(NOW)).unwrap_err();
    assert!(err.message().contains("Error: boom"), "{}", err.message());
    let r = s
        .create_refresh_token("42", &Map::new(), Some(NOW))
        .unwrap();
    assert!(with.refresh(&r, Some(NOW)).is_err());
}

#[test]
fn an_omitted_token_type_means_access() {
    assert_eq!(TokenType::default(), TokenType::Access);
}
