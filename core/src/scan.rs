//! Scan: validates a claims JSON object under the strict rules without building it, and captures
//! the registered claims on the way.
//!
//! Building a `serde_json::Value` costs an allocation per member and dominates verification; a
//! host binding converts the validated bytes straight into its own objects instead, and Rust
//! callers materialize the map only when they ask for it. The rules are exactly those of
//! [`parse_object`](crate::encoding::parse_object): same parser, duplicate members refused at
//! every depth, nesting capped at [`MAX_JSON_DEPTH`], no trailing bytes.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};

use crate::encoding::{json_error, MAX_JSON_DEPTH};
use crate::error::Error;

/// The names RFC 7519 §4.1 registers with a type this library enforces.
const REGISTERED: [&str; 7] = ["exp", "nbf", "iat", "iss", "sub", "jti", "aud"];

/// A registered claim's value, as far as the rules need it.
#[derive(Debug, PartialEq)]
pub(crate) enum Raw<'a> {
    Number(f64),
    Str(Cow<'a, str>),
    /// An array whose members are all strings (possibly none).
    Strings(Vec<Cow<'a, str>>),
    /// Anything else (null, bool, object, an array holding a non-string).
    Other,
}

/// What a scan of a claims object found.
#[derive(Debug, Default)]
pub(crate) struct Scanned<'a> {
    /// Top-level member names, in token order.
    pub(crate) names: Vec<Cow<'a, str>>,
    /// The registered claims present, in token order.
    pub(crate) registered: Vec<(&'static str, Raw<'a>)>,
    /// The private (unregistered) top-level members whose value is `null` (rare, so a list).
    pub(crate) nulls: Vec<Cow<'a, str>>,
}

impl Scanned<'_> {
    /// Whether the claim is present with a value, for `required`: a `null` claim says nothing,
    /// so it counts as absent. (A `null` registered claim is a type error, checked before.)
    pub(crate) fn present(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name) && !self.nulls.iter().any(|n| n == name)
    }
}

/// Validates `bytes` as a strict JSON object and captures its registered claims.
pub(crate) fn scan_claims<'a>(bytes: &'a [u8], what: &'static str) -> Result<Scanned<'a>, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let scanned = TopLevel
        .deserialize(&mut de)
        .and_then(|s| de.end().map(|()| s))
        .map_err(|e| json_error(&e, what))?;
    Ok(scanned)
}

/// Refuses a repeated member name. Small objects compare linearly; large ones (only hostile
/// input has hundreds of members) switch to a set so the cost stays linear.
struct NameCheck<'a> {
    seen: Vec<Cow<'a, str>>,
    set: Option<HashSet<Cow<'a, str>>>,
}

const LINEAR_LIMIT: usize = 32;

impl<'a> NameCheck<'a> {
    fn with_capacity(capacity: usize) -> Self {
        NameCheck {
            seen: Vec::with_capacity(capacity),
            set: None,
        }
    }

    fn insert<E: serde::de::Error>(&mut self, name: Cow<'a, str>) -> Result<(), E> {
        let fresh = match &mut self.set {
            Some(set) => set.insert(name.clone()),
            None if self.seen.len() < LINEAR_LIMIT => !self.seen.contains(&name),
            None => {
                // The set must hold every name so far, this one included: a set built from the
                // earlier names only would let a later duplicate of this member through.
                let mut set: HashSet<Cow<'a, str>> = self.seen.iter().cloned().collect();
                let fresh = set.insert(name.clone());
                self.set = Some(set);
                fresh
            }
        };
        if !fresh {
            return Err(E::custom("duplicate member name"));
        }
        self.seen.push(name);
        Ok(())
    }
}

struct NameSeed;

impl<'de> DeserializeSeed<'de> for NameSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for NameSeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

fn enter<E: serde::de::Error>(depth: usize) -> Result<(), E> {
    if depth > MAX_JSON_DEPTH {
        return Err(E::custom(format_args!(
            "nesting deeper than {MAX_JSON_DEPTH} levels"
        )));
    }
    Ok(())
}

struct TopLevel;

impl<'de> DeserializeSeed<'de> for TopLevel {
    type Value = Scanned<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel {
    type Value = Scanned<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        // Sized for a typical claims set, so the hot path does not regrow.
        let mut names = NameCheck::with_capacity(16);
        let mut registered = Vec::with_capacity(REGISTERED.len());
        let mut nulls = Vec::new();
        while let Some(name) = access.next_key_seed(NameSeed)? {
            match REGISTERED.iter().find(|r| **r == name) {
                Some(claim) => registered.push((*claim, access.next_value_seed(Capture)?)),
                None => {
                    if access.next_value_seed(Nullable)? {
                        nulls.push(name.clone());
                    }
                }
            }
            names.insert(name)?;
        }
        Ok(Scanned {
            names: names.seen,
            registered,
            nulls,
        })
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(E::custom("not a JSON object"))
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(E::custom("not a JSON object"))
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(E::custom("not a JSON object"))
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(E::custom("not a JSON object"))
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(E::custom("not a JSON object"))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom("not a JSON object"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(A::Error::custom("not a JSON object"))
    }
}

/// Captures one registered claim's value (depth 2).
struct Capture;

impl<'de> DeserializeSeed<'de> for Capture {
    type Value = Raw<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Capture {
    type Value = Raw<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Raw::Other)
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Raw::Number(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Raw::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Raw::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Raw::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        enter::<A::Error>(2)?;
        let mut strings = Vec::new();
        let mut all_strings = true;
        while let Some(item) = seq.next_element_seed(Element)? {
            match item {
                Some(s) if all_strings => strings.push(s),
                Some(_) => {}
                None => all_strings = false,
            }
        }
        Ok(if all_strings {
            Raw::Strings(strings)
        } else {
            Raw::Other
        })
    }
    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
        Skip { depth: 2 }.visit_map(access).map(|()| Raw::Other)
    }
}

/// An element of a registered claim's array (depth 3): a string, or anything else (scanned).
struct Element;

impl<'de> DeserializeSeed<'de> for Element {
    type Value = Option<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Element {
    type Value = Option<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Skip { depth: 3 }.visit_seq(seq).map(|()| None)
    }
    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Self::Value, A::Error> {
        Skip { depth: 3 }.visit_map(access).map(|()| None)
    }
}

/// Validates any value at `depth` without keeping it.
struct Skip {
    depth: usize,
}

impl<'de> DeserializeSeed<'de> for Skip {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        enter::<A::Error>(self.depth)?;
        while seq
            .next_element_seed(Skip {
                depth: self.depth + 1,
            })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        enter::<A::Error>(self.depth)?;
        let mut names = NameCheck::with_capacity(0);
        while let Some(name) = access.next_key_seed(NameSeed)? {
            access.next_value_seed(Skip {
                depth: self.depth + 1,
            })?;
            names.insert(name)?;
        }
        Ok(())
    }
}

/// A private claim's value, validated by [`Skip`]; the result says whether it is `null`
/// (`deserialize_option` peeks at the `null` literal, so no other value costs more).
struct Nullable;

impl<'de> DeserializeSeed<'de> for Nullable {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for Nullable {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_none<E>(self) -> Result<bool, E> {
        Ok(true)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        Skip { depth: 2 }.deserialize(d).map(|()| false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encoding::parse_object;

    /// The scan and the full parse must agree on every input: same accept/refuse verdict.
    #[test]
    fn scan_agrees_with_the_full_parser() {
        let deep_ok = format!("{{\"a\":{}1{}}}", "[".repeat(31), "]".repeat(31));
        let deep_bad = format!("{{\"a\":{}1{}}}", "[".repeat(32), "]".repeat(32));
        let many: String = (0..100)
            .map(|i| format!("\"k{i}\":{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let many_dup = format!("{{{many},\"k7\":0}}");
        let inputs: Vec<String> = vec![
            r#"{"a":1}"#.into(),
            r#"{"a":1,"a":2}"#.into(),
            r#"{"a":{"b":1,"b":2}}"#.into(),
            r#"{"aud":["x",{"y":1,"y":1}]}"#.into(),
            r#"{"aud":["x",1]}"#.into(),
            r#"{"exp":1e400}"#.into(),
            r#"{"a":"\ud800"}"#.into(),
            r#"{"\u0061":1,"a":2}"#.into(),
            r#"[1]"#.into(),
            r#"{"a":1} x"#.into(),
            "{\"a\":\"\\u00e9\"}".into(),
            deep_ok,
            deep_bad,
            format!("{{{many}}}"),
            many_dup,
        ];
        for input in inputs {
            let full = parse_object(input.as_bytes(), "payload").is_ok();
            let scanned = scan_claims(input.as_bytes(), "payload").is_ok();
            assert_eq!(full, scanned, "{input}");
        }
    }

    /// Issue 12: the 33rd name (where the check switches to a set) escaped detection. Objects of
    /// 1 to 40, 64 and 100 distinct members plus a repeat of each one, right after it and at the
    /// end, at the top level and nested in an object and in an array.
    #[test]
    fn a_duplicate_is_found_at_every_position() {
        for n in (1..=40usize).chain([64, 100]) {
            for first in 0..n {
                for at in [first + 1, n] {
                    let mut names: Vec<usize> = (0..n).collect();
                    names.insert(at, first);
                    let members = names
                        .iter()
                        .enumerate()
                        .map(|(value, name)| format!("\"k{name}\":{value}"))
                        .collect::<Vec<_>>()
                        .join(",");
                    for doc in [
                        format!("{{{members}}}"),
                        format!("{{\"a\":{{{members}}}}}"),
                        format!("{{\"aud\":[\"x\",{{{members}}}]}}"),
                    ] {
                        assert!(
                            scan_claims(doc.as_bytes(), "payload").is_err(),
                            "{n} members, a repeat of #{first} at #{at}: {doc}"
                        );
                        assert!(parse_object(doc.as_bytes(), "payload").is_err());
                    }
                }
            }
        }
    }

    #[test]
    fn registered_claims_are_captured_in_order() {
        let s = scan_claims(
            br#"{"iss":"a\u0062","x":[1],"exp":5.5,"aud":["p","q"],"sub":null}"#,
            "payload",
        )
        .unwrap();
        assert_eq!(s.names.len(), 5);
        assert_eq!(s.registered[0], ("iss", Raw::Str("ab".into())));
        assert_eq!(s.registered[1], ("exp", Raw::Number(5.5)));
        assert_eq!(
            s.registered[2],
            ("aud", Raw::Strings(vec!["p".into(), "q".into()]))
        );
        assert_eq!(s.registered[3], ("sub", Raw::Other));
        let s = scan_claims(br#"{"a":null,"b":[null],"c":{"d":null},"e":0}"#, "payload").unwrap();
        assert_eq!(s.nulls, ["a"]);
        assert!(!s.present("a") && s.present("b") && s.present("c") && !s.present("d"));
    }
}
