//! Differential property (issue 12): verification's streaming claims scan and
//! `decode_unverified`'s materialising parser agree on every payload, accept or refuse, and on
//! the values (the model is `differential/model.rs`, shared with the `differential` fuzz target).
//!
//! Payloads are JSON text written here, not by serde_json, so they can repeat member names:
//! objects of 0-100 members with a repeated name at any position, registered claims (valid,
//! expired, wrongly typed, `aud: []`), names written with `\u` escapes, objects nested in objects
//! and arrays (wide ones too), and nesting around the depth cap.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

#[path = "differential/model.rs"]
mod model;

use proptest::prelude::*;
use proptest::sample::Index;

/// A JSON document as this test writes it: members keep their order and may repeat.
#[derive(Clone, Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<Member>),
    /// `levels` arrays (or objects `{"n": …}`) around a value: probes the depth cap.
    Nested {
        levels: usize,
        objects: bool,
        inner: Box<Json>,
    },
}

#[derive(Clone, Debug)]
struct Member {
    name: String,
    /// Write the name's first character as a `\u` escape (the same name to both parsers).
    escaped: bool,
    value: Json,
}

fn write_name(out: &mut String, name: &str, escaped: bool) {
    match name.chars().next() {
        Some(first) if escaped && first.is_ascii() => {
            out.push_str(&format!("\"\\u{:04x}", first as u32));
            let rest = serde_json::to_string(&name[1..]).unwrap();
            out.push_str(&rest[1..]);
        }
        _ => out.push_str(&serde_json::to_string(name).unwrap()),
    }
}

fn write(out: &mut String, json: &Json) {
    match json {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Int(i) => out.push_str(&i.to_string()),
        Json::Float(f) => out.push_str(&serde_json::to_string(f).unwrap()),
        Json::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(out, item);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_name(out, &m.name, m.escaped);
                out.push(':');
                write(out, &m.value);
            }
            out.push('}');
        }
        Json::Nested {
            levels,
            objects,
            inner,
        } => {
            for _ in 0..*levels {
                out.push_str(if *objects { "{\"n\":" } else { "[" });
            }
            write(out, inner);
            for _ in 0..*levels {
                out.push(if *objects { '}' } else { ']' });
            }
        }
    }
}

const REGISTERED: [&str; 7] = ["exp", "nbf", "iat", "iss", "sub", "jti", "aud"];

fn leaf() -> impl Strategy<Value = Json> {
    prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        (-1000i64..1000).prop_map(Json::Int),
        any::<i64>().prop_map(Json::Int),
        (-1e20f64..1e20).prop_map(Json::Float),
        "[a-z\u{e9}\u{1f600}]{0,6}".prop_map(Json::Str),
    ]
}

/// Values a registered claim takes: valid and passing, expired or early, and wrongly typed.
fn registered_value() -> impl Strategy<Value = Json> {
    let now = model::NOW;
    prop_oneof![
        4 => (1i64..1_000_000).prop_map(move |d| Json::Int(now + d)),
        2 => (0i64..1_000_000).prop_map(move |d| Json::Int(now - d)),
        1 => (-1e3f64..1e3).prop_map(move |d| Json::Float(now as f64 + d)),
        3 => "[a-z]{1,8}".prop_map(Json::Str),
        1 => Just(Json::Array(vec![])),
        1 => prop::collection::vec("[a-z]{1,4}".prop_map(Json::Str), 1..4).prop_map(Json::Array),
        2 => leaf(),
    ]
}

/// An object's members: `n` distinct names, some replaced by registered names, optionally a
/// repeat of member `first` inserted at any later position, some names `\u`-escaped.
fn members(
    sizes: std::ops::RangeInclusive<usize>,
    value: BoxedStrategy<Json>,
    repeat: f64,
) -> impl Strategy<Value = Vec<Member>> {
    sizes
        .prop_flat_map(move |n| {
            (
                prop::collection::vec(value.clone(), n),
                prop::collection::vec((any::<Index>(), 0..REGISTERED.len()), 0..3),
                prop::collection::vec(registered_value(), 3),
                prop::option::weighted(repeat, (any::<Index>(), any::<Index>(), value.clone())),
                prop::collection::vec(any::<Index>(), 0..3),
            )
        })
        .prop_map(|(values, registered, reg_values, repeat, escapes)| {
            let n = values.len();
            let mut members: Vec<Member> = values
                .into_iter()
                .enumerate()
                .map(|(i, value)| Member {
                    name: format!("m{i}"),
                    escaped: false,
                    value,
                })
                .collect();
            if n > 0 {
                for ((at, which), value) in registered.into_iter().zip(reg_values) {
                    let m = &mut members[at.index(n)];
                    m.name = REGISTERED[which].to_owned();
                    m.value = value;
                }
                if let Some((first, at, value)) = repeat {
                    let first = first.index(n);
                    let at = first + 1 + at.index(n - first);
                    let name = members[first].name.clone();
                    members.insert(
                        at,
                        Member {
                            name,
                            escaped: false,
                            value,
                        },
                    );
                }
                let len = members.len();
                for e in escapes {
                    members[e.index(len)].escaped = true;
                }
            }
            members
        })
}

/// Any member value: mostly leaves (a token is capped at 16 KiB), small nested containers, wide
/// objects (30-100 members, across the 32 where the duplicate check changes strategy) alone or
/// in an array, and nesting around the depth cap.
fn value() -> BoxedStrategy<Json> {
    let small = leaf()
        .prop_recursive(3, 12, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
                members(0..=4, inner.boxed(), 0.05).prop_map(Json::Object),
            ]
        })
        .boxed();
    let wide = members(30..=100, leaf().boxed(), 0.3)
        .prop_map(Json::Object)
        .boxed();
    prop_oneof![
        200 => leaf(),
        12 => small.clone(),
        2 => wide.clone(),
        2 => (wide, small.clone()).prop_map(|(w, s)| Json::Array(vec![s, w])),
        1 => (28usize..=34, any::<bool>(), small).prop_map(|(levels, objects, inner)| {
            Json::Nested { levels, objects, inner: Box::new(inner) }
        }),
    ]
    .boxed()
}

fn payload() -> impl Strategy<Value = String> {
    members(0..=100, value(), 0.3).prop_map(|members| {
        let mut out = String::new();
        write(&mut out, &Json::Object(members));
        out
    })
}

/// Issue 12's example: 32 filler claims, then `"exp":1`, then an unexpired `exp`.
#[test]
fn a_repeat_of_the_33rd_member_is_refused_by_both() {
    let fillers: Vec<String> = (0..32).map(|i| format!("\"f{i}\":{i}")).collect();
    let payload = format!(
        "{{{},\"exp\":1,\"exp\":{}}}",
        fillers.join(","),
        model::NOW + 3600
    );
    let verifier = model::verifier();
    model::check(&verifier, payload.as_bytes());
    let err = verifier
        .verify_at(model::token(payload.as_bytes()), model::NOW)
        .unwrap_err();
    assert_eq!(err.code(), onejwt::ErrorCode::Malformed, "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn verify_and_decode_agree(payload in payload()) {
        model::check(&model::verifier(), payload.as_bytes());
    }
}
