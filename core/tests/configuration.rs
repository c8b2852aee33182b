//! Configuration (issue 12): no option value panics, and every refused value is an options error
//! naming the option; a value is accepted exactly when it lies in the schema's documented range,
//! through the host parsers and the Rust builders alike; a key that can serve no allowed algorithm
//! fails when the verifier or service is built; a cache hit gives the verdict a fresh verification
//! gives, whichever way the clock moves.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::panic::{catch_unwind, AssertUnwindSafe};

use onejwt::host::{self, OptionNames, SERVICE, SIGN, VERIFIER};
use onejwt::service::{ServiceConfig, TokenService, TokenType};
use onejwt::{sign, Failure, Key, KeySet, SignOptions, Verifier, VerifyOptions};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const NOW: i64 = 1_700_000_000;
const SECRET: &[u8] = b"service-secret-service-secret-32";

/// The documented range of `table`'s option `name`.
fn range(table: &host::OptionTable, name: &str) -> (u64, u64) {
    table.get(name).and_then(|o| o.range).unwrap()
}

fn within(table: &host::OptionTable, name: &str, value: u64) -> bool {
    let (min, max) = range(table, name);
    (min..=max).contains(&value)
}

/// Values worth trying for a whole-number option: the range's edges and their neighbours, the
/// integer limits, and anything.
fn number(table: &'static host::OptionTable, name: &'static str) -> impl Strategy<Value = u64> {
    let (min, max) = range(table, name);
    prop_oneof![
        Just(min),
        Just(max),
        Just(min.saturating_sub(1)),
        Just(max.saturating_add(1)),
        Just(u64::MAX),
        Just(1u64 << 63),
        Just(1u64 << 53),
        Just(u64::from(u32::MAX) + 1),
        0..=max.saturating_mul(2),
        any::<u64>(),
    ]
}

/// A JSON value for a numeric option: mostly whole numbers, sometimes a wrong type or sign.
fn json_number(
    table: &'static host::OptionTable,
    name: &'static str,
) -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => number(table, name).prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => prop_oneof![
            Just(json!(1.5)),
            Just(json!(-0.5)),
            Just(json!(1e300)),
            Just(json!(-1e300)),
            Just(json!(18_446_744_073_709_551_616.0)),
            Just(json!("60")),
            Just(json!(true)),
            Just(json!([])),
            Just(Value::Null),
        ],
    ]
}

fn whole(value: &Value) -> Option<u64> {
    value.as_u64()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Verifier options: never a panic; accepted exactly when every number is a whole number in
    /// its range; a refusal names one of the options given.
    #[test]
    fn verifier_options_are_accepted_exactly_within_their_ranges(
        leeway in json_number(&VERIFIER, "leeway"),
        bytes in json_number(&VERIFIER, "max_token_bytes"),
        max_age in json_number(&VERIFIER, "max_age"),
        now in any::<i64>(),
    ) {
        let map = json!({"algorithms": ["HS256"], "leeway": leeway, "max_token_bytes": bytes, "max_age": max_age});
        let built = catch_unwind(AssertUnwindSafe(|| {
            let options = host::verify_options(map.as_object().unwrap(), OptionNames::SnakeCase)?;
            host::verifier(Some(Key::hmac(SECRET).unwrap()), None, options)
        }));
        let built = built.expect("building a verifier panicked");
        let fine = |v: &Value, name| v.is_null() || whole(v).is_some_and(|n| within(&VERIFIER, name, n));
        let expected_ok = fine(&leeway, "leeway") && fine(&bytes, "max_token_bytes") && fine(&max_age, "max_age");
        match built {
            Ok(verifier) => {
                prop_assert!(expected_ok, "accepted {map}");
                let token = sign(&Map::new(), &Key::hmac(SECRET).unwrap(), "HS256", &SignOptions::default()).unwrap();
                let _ = catch_unwind(AssertUnwindSafe(|| verifier.verify_at(&token, now))).expect("verify panicked");
            }
            Err(e) => {
                prop_assert!(!expected_ok, "refused {map}: {e}");
                prop_assert!(["leeway", "max_token_bytes", "max_age"].contains(&e.option()), "{e}");
            }
        }
    }

    /// The Rust builders give the same verdict as the host parsers.
    #[test]
    fn verify_options_builders_are_checked_when_the_verifier_is_built(
        leeway in number(&VERIFIER, "leeway"),
        bytes in number(&VERIFIER, "max_token_bytes"),
        max_age in number(&VERIFIER, "max_age"),
    ) {
        let options = VerifyOptions::new(["HS256"])
            .leeway(leeway)
            .max_token_bytes(usize::try_from(bytes).unwrap_or(usize::MAX))
            .max_age(max_age);
        let ok = within(&VERIFIER, "leeway", leeway)
            && within(&VERIFIER, "max_token_bytes", bytes)
            && within(&VERIFIER, "max_age", max_age);
        let built = Verifier::new(Key::hmac(SECRET).unwrap(), options);
        prop_assert_eq!(built.is_ok(), ok, "{:?}", built.err());
    }

    /// Service settings from a host bag: never a panic (a cache of 2^63 entries used to abort the
    /// process), accepted exactly within the ranges, and a working service when accepted.
    #[test]
    fn service_settings_are_accepted_exactly_within_their_ranges(
        access_ttl in json_number(&SERVICE, "access_ttl"),
        refresh_ttl in json_number(&SERVICE, "refresh_ttl"),
        leeway in json_number(&SERVICE, "leeway"),
        cache_size in json_number(&SERVICE, "cache_size"),
        cache_ttl in json_number(&SERVICE, "cache_ttl"),
        max_revocations in json_number(&SERVICE, "max_revocations"),
    ) {
        let given = [
            ("access_ttl", &access_ttl),
            ("refresh_ttl", &refresh_ttl),
            ("leeway", &leeway),
            ("cache_size", &cache_size),
            ("cache_ttl", &cache_ttl),
            ("max_revocations", &max_revocations),
        ];
        let mut map = Map::new();
        map.insert("secretKey".into(), json!(std::str::from_utf8(SECRET).unwrap()));
        for (name, value) in given {
            map.insert(SERVICE.get(name).unwrap().camel.into(), value.clone());
        }
        let expected_ok = given
            .iter()
            .all(|(name, v)| v.is_null() || whole(v).is_some_and(|n| within(&SERVICE, name, n)));
        let built = catch_unwind(AssertUnwindSafe(|| {
            host::service_config(&map, OptionNames::CamelCase).and_then(TokenService::new)
        }))
        .expect("building a service panicked");
        match built {
            Ok(service) => {
                prop_assert!(expected_ok, "accepted {map:?}");
                let token = service.create_access_token("42", None, &[], &Map::new(), Some(NOW)).unwrap();
                prop_assert!(service.verify(&token, TokenType::Access, Some(NOW)).is_ok());
                service.revoke(&token, Some(NOW)).unwrap();
            }
            Err(Failure::Options(e)) => {
                prop_assert!(!expected_ok, "refused {map:?}: {e}");
                // The camelCase spelling of one of the options given.
                let names = ["accessTtl", "refreshTtl", "leeway", "cacheSize", "cacheTtl", "maxRevocations"];
                prop_assert!(names.contains(&e.option()), "{e}");
            }
            Err(e) => prop_assert!(false, "not an options error: {e}"),
        }
    }

    /// `ServiceConfig`'s builders are checked when the service is built.
    #[test]
    fn service_builders_are_checked_when_the_service_is_built(
        entries in number(&SERVICE, "cache_size"),
        ttl in number(&SERVICE, "cache_ttl"),
        revocations in number(&SERVICE, "max_revocations"),
        leeway in number(&SERVICE, "leeway"),
        access_ttl in number(&SERVICE, "access_ttl"),
    ) {
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap())
            .cache(size(entries), ttl)
            .max_revocations(size(revocations))
            .leeway(leeway)
            .access_ttl(access_ttl);
        let ok = within(&SERVICE, "cache_size", entries)
            && within(&SERVICE, "cache_ttl", ttl)
            && within(&SERVICE, "max_revocations", revocations)
            && within(&SERVICE, "leeway", leeway)
            && within(&SERVICE, "access_ttl", access_ttl);
        let built = catch_unwind(AssertUnwindSafe(|| TokenService::new(config))).expect("panicked");
        prop_assert_eq!(built.is_ok(), ok, "{:?}", built.err());
    }

    /// `expires_in` through the host parser and the builder: refused outside its range, by name.
    #[test]
    fn expires_in_is_accepted_exactly_within_its_range(seconds in number(&SIGN, "expires_in")) {
        let key = Key::hmac(SECRET).unwrap();
        let bag = json!({"expires_in": seconds, "now": NOW});
        let options = host::sign_options(bag.as_object().unwrap(), OptionNames::SnakeCase).unwrap();
        let signed = sign(&Map::new(), &key, "HS256", &options);
        prop_assert_eq!(signed.is_ok(), within(&SIGN, "expires_in", seconds));
        if let Err(Failure::Options(e)) = &signed {
            prop_assert_eq!(e.option(), "expires_in");
        }
        let built = sign(&Map::new(), &key, "HS256", &SignOptions::default().expires_in(seconds).now(NOW));
        prop_assert_eq!(built.is_ok(), signed.is_ok());
    }

    /// A cache hit gives the verdict a fresh verification gives, at any sequence of times
    /// (forwards, backwards), with any leeway and any nbf/iat/exp.
    #[test]
    fn a_cache_hit_agrees_with_a_fresh_verification(
        iat in -100i64..100,
        nbf in proptest::option::of(-100i64..100),
        exp in 1i64..200,
        leeway in 0u64..20,
        times in proptest::collection::vec(-150i64..250, 1..12),
    ) {
        let service = |cache: usize| {
            let config = ServiceConfig::hmac(Key::hmac(SECRET).unwrap())
                .issuer("https://auth.example")
                .audience("api")
                .leeway(leeway)
                .cache(cache, 60);
            TokenService::new(config).unwrap()
        };
        let (cached, fresh) = (service(16), service(0));
        let mut claims = json!({
            "sub": "42", "iat": NOW + iat, "exp": NOW + exp, "jti": "j1", "type": "access",
            "iss": "https://auth.example", "aud": "api",
        });
        if let Some(nbf) = nbf {
            claims["nbf"] = json!(NOW + nbf);
        }
        let token = sign(claims.as_object().unwrap(), &Key::hmac(SECRET).unwrap(), "HS256", &SignOptions::default()).unwrap();
        for t in times {
            let verdict = |s: &TokenService| s.verify(&token, TokenType::Access, Some(NOW + t)).map(drop).map_err(|e| e.code());
            prop_assert_eq!(verdict(&cached), verdict(&fresh), "at now{:+}", t);
        }
    }
}

#[test]
fn every_number_has_a_range_that_holds_its_default() {
    for table in host::TABLES {
        for option in table.options {
            let numeric = matches!(
                option.kind,
                host::OptionType::Seconds | host::OptionType::Count
            );
            assert_eq!(
                numeric,
                option.range.is_some(),
                "{}.{}",
                table.name,
                option.name
            );
            if let (Some((min, max)), Some(default)) = (option.range, option.default) {
                let default: u64 = default.parse().unwrap();
                assert!(
                    (min..=max).contains(&default),
                    "{}.{}",
                    table.name,
                    option.name
                );
            }
        }
    }
}

#[test]
fn the_limits_are_documented_in_the_tables() {
    let md = host::markdown_table(&VERIFIER);
    assert!(
        md.contains("clock skew tolerated on exp, nbf, iat and max_age. At most 3600 (1 hour). |"),
        "{md}"
    );
    let md = host::markdown_table(&SERVICE);
    assert!(md.contains("From 1 to 10,000,000. |"), "{md}");
    assert!(md.contains("From 1 second to 86,400 (1 day). |"), "{md}");
    let md = host::markdown_table(&SIGN);
    assert!(
        md.contains("From 1 second to 315,360,000 (10 years). |"),
        "{md}"
    );
}

#[test]
fn a_key_that_serves_no_allowed_algorithm_fails_when_the_verifier_is_built() {
    let secret = Key::hmac(SECRET).unwrap();
    let err = Verifier::new(secret.clone(), VerifyOptions::new(["RS256"])).unwrap_err();
    assert_eq!(err.option(), "key");
    assert_eq!(
        err.to_string(),
        "invalid option `key`: can verify none of the allowed algorithms: the key is an HMAC secret \
         and cannot verify RS256 tokens"
    );
    let short = Key::hmac(b"abcde").unwrap();
    let err = Verifier::new(short, VerifyOptions::new(["HS256"])).unwrap_err();
    assert!(
        err.message().contains("5 bytes; HS256 needs at least 32"),
        "{err}"
    );
    // The allow-list may name algorithms the key cannot serve, as long as it serves one.
    assert!(Verifier::new(secret.clone(), VerifyOptions::new(["RS256", "HS256"])).is_ok());
    let err = Verifier::new(secret, VerifyOptions::new(["ES256K", "Ed448"])).unwrap_err();
    assert_eq!(err.option(), "algorithms");
    let set = KeySet::from_jwks(r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}"#).unwrap();
    let err = Verifier::new(set.clone(), VerifyOptions::new(["RS256"])).unwrap_err();
    assert_eq!(
        (err.option(), err.message()),
        (
            "keys",
            "holds no key that can verify any of the allowed algorithms"
        )
    );
    assert!(Verifier::new(set, VerifyOptions::new(["RS256", "EdDSA"])).is_ok());
    // The host's spelling.
    let map = json!({"algorithms": ["RS256"]});
    let options = host::verify_options(map.as_object().unwrap(), OptionNames::CamelCase).unwrap();
    let err = host::verifier(Some(Key::hmac(SECRET).unwrap()), None, options).unwrap_err();
    assert_eq!(err.option(), "key");
}

#[test]
fn a_jwks_without_a_key_for_the_algorithm_fails_when_the_service_is_built() {
    let map = json!({
        "algorithm": "RS256",
        "jwks": {"keys": [{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]},
    });
    let err = host::service_config(map.as_object().unwrap(), OptionNames::CamelCase).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid option `jwks`: holds no key that can verify RS256 tokens"
    );
}
