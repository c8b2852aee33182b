//! TokenService behaviour: issuing, token types, sessions (refresh-token families), revocation,
//! the store contract, the validation cache, metrics and configuration, each read as the rule it
//! checks.

#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use onejwt::service::{
    ClaimsUpdate, ServiceConfig, TokenPair, TokenService, TokenType, UserClaims,
};
use onejwt::session::{
    MemorySessionStore, Outcome, Progress, SessionStore, StoreReply, StoreRequest,
};
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

fn login(s: &TokenService, now: i64) -> TokenPair {
    let claims = UserClaims::new(Some("ada@example.com"), &["read".into()], &Map::new());
    s.login("42", claims, Some(now)).unwrap()
}

fn code<T: std::fmt::Debug>(r: Result<T, Failure>) -> &'static str {
    r.unwrap_err()
        .code()
        .expect("a verdict, not a caller mistake")
        .as_str()
}

#[test]
fn access_tokens_carry_the_documented_claims() {
    let s = service(0);
    let claims = s
        .validate_token(access(&s), TokenType::Access, Some(NOW))
        .unwrap()
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
    let pair = login(&s, NOW);
    let claims = s
        .validate_token(&pair.refresh_token, TokenType::Refresh, Some(NOW))
        .unwrap()
        .map(onejwt::Verified::into_claims)
        .unwrap();
    let mut names: Vec<_> = claims.keys().cloned().collect();
    names.sort();
    assert_eq!(
        names,
        [
            "aud",
            "exp",
            "gen",
            "iat",
            "iss",
            "jti",
            "session_exp",
            "sid",
            "sub",
            "type"
        ]
    );
    assert_eq!(claims["exp"], json!(NOW + 7 * 24 * 3600));
    assert_eq!(claims["session_exp"], json!(NOW + 30 * 24 * 3600));
    assert_eq!(claims["gen"], 0);
}

#[test]
fn token_ids_are_unique() {
    let s = service(0);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let claims = s
            .validate_token(access(&s), TokenType::Access, Some(NOW))
            .unwrap()
            .map(onejwt::Verified::into_claims)
            .unwrap();
        assert!(seen.insert(claims["jti"].as_str().unwrap().to_owned()));
    }
}

#[test]
fn a_token_type_is_never_accepted_for_the_other() {
    let s = service(0);
    let refresh = login(&s, NOW).refresh_token;
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
        .unwrap()
        .is_none());
}

#[test]
fn validate_token_never_raises_for_bad_tokens() {
    let s = service(0);
    let token = access(&s);
    for bad in ["", "x", "a.b.c", &token[..token.len() - 2]] {
        assert!(s
            .validate_token(bad, TokenType::Access, Some(NOW))
            .unwrap()
            .map(onejwt::Verified::into_claims)
            .is_none());
    }
    assert!(
        s.validate_token(&token, TokenType::Access, Some(NOW + 900))
            .unwrap()
            .map(onejwt::Verified::into_claims)
            .is_none(),
        "expired"
    );
    assert_eq!(
        s.extract_user_id(&token, Some(NOW)).unwrap().as_deref(),
        Some("42")
    );
    assert_eq!(s.extract_user_id("nope", Some(NOW)), Ok(None));
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
            .unwrap()
            .map(onejwt::Verified::into_claims)
            .unwrap()["tenant"],
        "t1"
    );
}

#[test]
fn revocation_lasts_until_exp_plus_leeway() {
    // The verifier accepts until exp + leeway, so the revocation must last as long: with leeway 60
    // a revoked token was accepted again between exp and exp + 60.
    let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap()).leeway(60);
    let s = TokenService::new(config).unwrap();
    let token = access(&s);
    assert!(!s.is_revoked(&token, Some(NOW)).unwrap());
    s.revoke(&token, Some(NOW)).unwrap();
    assert!(s.is_revoked(&token, Some(NOW)).unwrap());
    for t in [10, 900, 900 + 59] {
        assert_eq!(
            code(s.verify(&token, TokenType::Access, Some(NOW + t))),
            "revoked",
            "{t}"
        );
        assert!(s.is_revoked(&token, Some(NOW + t)).unwrap());
    }
    assert_eq!(
        code(s.verify(&token, TokenType::Access, Some(NOW + 900 + 60))),
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
        .unwrap()
        .is_some());
}

#[test]
fn refresh_rotates_and_reuse_revokes_the_family() {
    let s = service(0);
    let first = login(&s, NOW);
    let pair = s
        .refresh(&first.refresh_token, ClaimsUpdate::default(), Some(NOW + 5))
        .unwrap();
    let claims = s
        .verify(&pair.access_token, TokenType::Access, Some(NOW + 5))
        .unwrap()
        .into_claims();
    assert_eq!(claims["sub"], "42");
    // What the session recorded at login (the finding: refreshed tokens lost these).
    assert_eq!(claims["email"], "ada@example.com");
    assert_eq!(claims["permissions"], json!(["read"]));
    assert_eq!(
        code(s.refresh(&first.refresh_token, ClaimsUpdate::default(), Some(NOW + 6))),
        "revoked"
    );
    // Reuse revoked the whole family: the pair the first redemption issued included.
    assert_eq!(
        code(s.verify(&pair.access_token, TokenType::Access, Some(NOW + 6))),
        "revoked"
    );
    assert_eq!(
        code(s.refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 6))),
        "revoked"
    );
    assert_eq!(s.metrics()["sessions_reused"], 1);
    // An access token cannot be used to refresh.
    let other = login(&s, NOW);
    assert_eq!(
        code(s.refresh(&other.access_token, ClaimsUpdate::default(), Some(NOW))),
        "wrong_token_type"
    );
}

#[test]
fn a_session_ends_at_its_absolute_lifetime() {
    let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap())
        .session_ttl(3600)
        .refresh_ttl(1800)
        .leeway(30);
    let s = TokenService::new(config).unwrap();
    let mut pair = login(&s, NOW);
    for t in [1000, 2000, 3000] {
        pair = s
            .refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + t))
            .unwrap();
    }
    let claims = s
        .verify(&pair.refresh_token, TokenType::Refresh, Some(NOW + 3000))
        .unwrap()
        .into_claims();
    assert_eq!(claims["exp"], NOW + 3600, "capped at the session's end");
    // Within the leeway of the token's exp, but the session is over.
    assert_eq!(
        code(s.refresh(
            &pair.refresh_token,
            ClaimsUpdate::default(),
            Some(NOW + 3610)
        )),
        "expired"
    );
}

#[test]
fn concurrent_uses_of_one_refresh_token_yield_one_pair() {
    // Under real contention with the default store: exactly one thread wins, every round.
    let s = Arc::new(service(0));
    for round in 0..50 {
        let refresh = login(&s, NOW).refresh_token;
        let winners: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        s.refresh(&refresh, ClaimsUpdate::default(), Some(NOW + 1))
                            .is_ok() as usize
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(winners, 1, "round {round}");
    }
}

#[test]
fn rotation_never_fills_the_memory_store() {
    // The finding: every refresh added a revocation entry, and one client filled the default
    // store in two seconds. Rotation now rewrites the session's entry in place.
    let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap())
        .max_sessions(10)
        .max_revocations(10);
    let s = TokenService::new(config).unwrap();
    let mut pairs: Vec<TokenPair> = (0..10).map(|_| login(&s, NOW)).collect();
    for round in 0..100 {
        for pair in &mut pairs {
            *pair = s
                .refresh(
                    &pair.refresh_token,
                    ClaimsUpdate::default(),
                    Some(NOW + round),
                )
                .unwrap();
        }
    }
    // Full of live sessions: a new login is refused (and counted), never a refresh or a logout.
    let claims = UserClaims::new(None, &[], &Map::new());
    assert_eq!(
        code(s.login("43", claims, Some(NOW + 100))),
        "store_unavailable"
    );
    assert_eq!(s.metrics()["sessions_refused"], 1);
    s.logout(&pairs[0].access_token, Some(NOW + 100)).unwrap();
}

#[test]
fn the_memory_store_keeps_the_contract() {
    let store = MemorySessionStore::new(10, 10);
    let at = 1_000_000;
    let start = StoreRequest::Start {
        session: "s".into(),
        record: "{}".into(),
        ttl: 60_000,
        at,
    };
    assert_eq!(store.execute(&start), Ok(StoreReply::Started));
    let advance = |generation, at| StoreRequest::Advance {
        session: "s".into(),
        generation,
        grace: 5_000,
        ttl: 60_000,
        at,
    };
    let check = |generation, at| StoreRequest::Check {
        session: Some("s".into()),
        jti: "j".into(),
        generation: Some(generation),
        at,
    };
    assert!(matches!(
        store.execute(&advance(0, at)),
        Ok(StoreReply::Advanced { generation: 1, .. })
    ));
    // The previous generation inside the grace window: valid, and redeemable without advancing.
    assert_eq!(store.execute(&check(0, at + 4_999)), Ok(StoreReply::Valid));
    assert!(matches!(
        store.execute(&advance(0, at + 4_999)),
        Ok(StoreReply::Grace { generation: 1, .. })
    ));
    assert_eq!(
        store.execute(&check(0, at + 5_000)),
        Ok(StoreReply::Revoked)
    );
    // After it: reuse, and the session is revoked for every generation.
    assert_eq!(
        store.execute(&advance(0, at + 5_000)),
        Ok(StoreReply::Reused)
    );
    assert_eq!(
        store.execute(&check(1, at + 5_000)),
        Ok(StoreReply::Revoked)
    );
    assert_eq!(
        store.execute(&advance(1, at + 5_000)),
        Ok(StoreReply::Revoked)
    );
    // The session's entry ends with its ttl: unknown afterwards.
    assert_eq!(
        store.execute(&advance(1, at + 60_000)),
        Ok(StoreReply::Unknown)
    );
    assert_eq!(store.sessions(), 0);
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
    let token = login(&s, NOW).refresh_token;
    assert!(s
        .validate_token(&token, TokenType::Refresh, Some(NOW))
        .unwrap()
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
    let token = login(&issuer, NOW).access_token;
    assert!(verify_only
        .validate_token(&token, TokenType::Access, Some(NOW))
        .unwrap()
        .map(onejwt::Verified::into_claims)
        .is_some());
    let err = verify_only
        .login("u", UserClaims::default(), Some(NOW))
        .unwrap_err();
    assert!(
        matches!(err, Failure::Jwt(ref e) if e.code() == ErrorCode::InvalidKey),
        "{err}"
    );
    assert_eq!(verify_only.health()["can_issue"], false);
}

/// A store shared by two services, as several processes share Redis: one memory store behind an
/// `Arc`, optionally failing.
#[derive(Default)]
struct SharedStore {
    memory: Option<Arc<MemorySessionStore>>,
    requests: Mutex<Vec<Value>>,
}

impl SessionStore for SharedStore {
    fn execute(&self, request: &StoreRequest) -> Result<StoreReply, String> {
        self.requests.lock().unwrap().push(request.to_value());
        match &self.memory {
            Some(memory) => memory.execute(request),
            None => Err("connection refused".into()),
        }
    }
}

#[test]
fn a_shared_store_carries_sessions_across_services_and_a_failing_one_fails_closed() {
    let memory = Arc::new(MemorySessionStore::new(100, 100));
    let make = |memory: Option<Arc<MemorySessionStore>>| {
        let store = Arc::new(SharedStore {
            memory,
            ..SharedStore::default()
        });
        let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap()).session_store(store);
        TokenService::new(config).unwrap()
    };
    let (a, b) = (make(Some(memory.clone())), make(Some(memory)));
    let pair = login(&a, NOW);
    let next = b
        .refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 1))
        .unwrap();
    assert_eq!(
        code(a.refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW + 2))),
        "revoked",
        "the replay on the other instance revokes the family"
    );
    assert_eq!(
        code(b.verify(&next.access_token, TokenType::Access, Some(NOW + 2))),
        "revoked"
    );

    let failing = make(None);
    let token = access(&failing);
    assert_eq!(
        code(failing.verify(&token, TokenType::Access, Some(NOW))),
        "store_unavailable"
    );
    // An outage is no verdict on the token: validate_token reports it instead of None.
    assert_eq!(
        code(failing.validate_token(&token, TokenType::Access, Some(NOW))),
        "store_unavailable"
    );
    assert_eq!(
        code(failing.extract_user_id(&token, Some(NOW))),
        "store_unavailable"
    );
    assert_eq!(code(failing.revoke(&token, Some(NOW))), "store_unavailable");
    let claims = UserClaims::new(None, &[], &Map::new());
    assert_eq!(
        code(failing.login("42", claims, Some(NOW))),
        "store_unavailable"
    );
    assert_eq!(failing.metrics()["store_errors"], 5);
    assert!(failing
        .metrics_text()
        .contains("onejwt_store_errors_total 5"));
}

#[test]
fn a_host_store_is_driven_step_by_step() {
    // What an asynchronous host does: start, perform the request on its own store, finish.
    let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap()).host_store();
    let s = TokenService::new(config).unwrap();
    let host = MemorySessionStore::new(10, 10);
    let drive = |progress: Result<Progress, Failure>| -> Result<Outcome, Failure> {
        match progress? {
            Progress::Store(call) => {
                let reply = host.execute(call.request());
                s.finish(call, reply)
            }
            Progress::Done(_) => panic!("a host-store service must hand every request out"),
        }
    };
    let claims = UserClaims::new(Some("ada@example.com"), &[], &Map::new());
    let Outcome::Pair(pair) = drive(s.start_login("42", claims, Some(NOW))).unwrap() else {
        panic!("login gives a pair")
    };
    let verified = drive(s.start_verify(&pair.access_token, TokenType::Access, Some(NOW))).unwrap();
    assert!(matches!(verified, Outcome::Verified(_)));
    let refreshed = drive(s.start_refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW)));
    assert!(matches!(refreshed, Ok(Outcome::Pair(_))));
    let replay = drive(s.start_refresh(&pair.refresh_token, ClaimsUpdate::default(), Some(NOW)));
    assert_eq!(code(replay), "revoked");
    // The synchronous calls cannot reach a host's store: they fail closed rather than skip it.
    assert_eq!(
        code(s.verify(&pair.access_token, TokenType::Access, Some(NOW))),
        "store_unavailable"
    );
    // A reply that does not answer the request is the store's fault: fail closed.
    let Progress::Store(call) = s
        .start_verify(&pair.access_token, TokenType::Access, Some(NOW))
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(
        code(s.finish(call, Ok(StoreReply::Started))),
        "store_unavailable"
    );
}

#[test]
fn a_token_that_does_not_verify_never_reaches_the_store() {
    let store = Arc::new(SharedStore::default());
    let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap()).session_store(store.clone());
    let s = TokenService::new(config).unwrap();
    for bad in ["", "a.b.c", "x"] {
        assert_ne!(
            code(s.verify(bad, TokenType::Access, Some(NOW))),
            "store_unavailable"
        );
        assert_ne!(code(s.revoke(bad, Some(NOW))), "store_unavailable");
        assert_ne!(
            code(s.refresh(bad, ClaimsUpdate::default(), Some(NOW))),
            "store_unavailable"
        );
    }
    assert!(store.requests.lock().unwrap().is_empty());
}

#[test]
fn an_omitted_token_type_means_access() {
    assert_eq!(TokenType::default(), TokenType::Access);
}

/// Issue 14: a key ring from the environment (a private JWKS and the current kid), rotated, and
/// written back as the environment of the next start.
#[test]
fn a_key_ring_from_the_environment_rotates_and_round_trips() {
    use onejwt::{Algorithm, GenerateOptions, KeySet};
    let first = Key::generate(Algorithm::EdDSA, &GenerateOptions::default().kid("one")).unwrap();
    let ring = KeySet::from_keys([first]).to_private_jwks().unwrap();
    let env = |jwks: &Map<String, Value>, kid: &str| {
        HashMap::from([
            ("JWT_ALGORITHM".to_owned(), "EdDSA".to_owned()),
            (
                "JWT_PRIVATE_JWKS".to_owned(),
                Value::Object(jwks.clone()).to_string(),
            ),
            ("JWT_KID".to_owned(), kid.to_owned()),
        ])
    };
    let service =
        TokenService::new(ServiceConfig::from_env_vars(&env(&ring, "one")).unwrap()).unwrap();
    let now = Some(1_700_000_000);
    let before = service
        .create_access_token("42", None, &[], &Map::new(), now)
        .unwrap();
    let second = Key::generate(Algorithm::EdDSA, &GenerateOptions::default()).unwrap();
    let second_kid = second.kid().unwrap().to_owned();
    service.rotate_key(second, now).unwrap();
    assert_eq!(service.signing_kid().as_deref(), Some(second_kid.as_str()));

    // The next start reads the ring back: the old token verifies, the new key signs.
    let ring = service.private_jwks(now).unwrap();
    let restarted =
        TokenService::new(ServiceConfig::from_env_vars(&env(&ring, &second_kid)).unwrap()).unwrap();
    assert_eq!(
        restarted
            .verify(&before, TokenType::Access, now)
            .unwrap()
            .claims()["sub"],
        "42"
    );
    let after = restarted
        .create_access_token("42", None, &[], &Map::new(), now)
        .unwrap();
    assert_eq!(
        onejwt::decode_unverified(&after).unwrap().header().kid(),
        Some(second_kid.as_str())
    );
    assert_eq!(
        service.public_jwks(now).unwrap(),
        restarted.public_jwks(now).unwrap()
    );

    // A kid the ring does not hold names the variable.
    let err = ServiceConfig::from_env_vars(&env(&ring, "nope")).unwrap_err();
    assert!(err.to_string().contains("JWT_KID"), "{err}");
}
