//! Convert: JS values to the core's JSON values and bytes, and the core's JSON back to text that
//! the package's `api.mjs` hands to `JSON.parse`.
//!
//! The rules are the ones `index.d.ts` documents for both packages, and match the Node binding's
//! (`bindings-node/src/convert.rs`) so that code can switch packages: `JSON.stringify`'s where it is
//! unambiguous (own enumerable string keys, `undefined` members left out), a `TypeError` where it
//! would silently change the value (`NaN`, `Infinity`, `Date`, binary data, `undefined` in arrays)
//! or throw (`BigInt`, cycles). Whole numbers up to 2^53 become JSON integers, other numbers floats.
//!
//! JSON → JS is one string and one `JSON.parse`: faster than building objects member by member
//! through wasm-bindgen calls, and smaller than a serde ⇄ JsValue bridge.

use std::fmt::Write;

use js_sys::{Array, ArrayBuffer, Date, Promise, Reflect, Uint8Array};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{argument_type_error, option_type_error};

#[wasm_bindgen]
extern "C" {
    // js_sys's `Object.keys` is not imported with `catch`; a Proxy's `ownKeys` trap may throw, and
    // a JS exception must never unwind through Rust frames.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(object: &JsValue) -> Result<Array, JsValue>;

    // Likewise `Array.isArray`, which throws for a revoked Proxy. (wasm-bindgen's `instanceof`
    // shims already catch: they answer `false`.)
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn array_is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// `Array.isArray`, answering `false` where it would throw (a revoked Proxy, refused later on).
fn is_array(value: &JsValue) -> bool {
    array_is_array(value).unwrap_or(false)
}

/// How deep a JS value may nest (serde_json's own recursion limit, as in the Node binding). It
/// exists so that a cyclic object fails with a `TypeError` instead of exhausting the wasm stack.
const MAX_DEPTH: usize = 128;

/// The largest integer a JS number holds exactly (2^53); whole numbers up to it become JSON integers.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_992.0;

/// How much of a value's path (`a.b[2].c`) an error message quotes.
const MAX_PATH_CHARS: usize = 64;

/// Why a JS value could not be converted.
pub(crate) enum Failure {
    /// The value has no JSON form: `path` locates it (`headers.x[2]`), `message` says why.
    Invalid { path: String, message: &'static str },
    /// The caller's own object threw (a getter, a Proxy trap): rethrown unchanged.
    Thrown(JsValue),
}

impl Failure {
    /// Reports the failure as a `TypeError` about `name`: an option when `option` is true (the
    /// error then carries `option`), otherwise a positional argument.
    pub(crate) fn into_js(self, name: &str, option: bool) -> JsValue {
        let (path, message) = match self {
            Failure::Thrown(exception) => return exception,
            Failure::Invalid { path, message } => (path, message),
        };
        let what = match path.char_indices().nth(MAX_PATH_CHARS) {
            _ if path.is_empty() => message.to_owned(),
            // A cyclic value has an endless path; its start is enough to find it.
            Some((cut, _)) => format!("{}…: {message}", path.get(..cut).unwrap_or_default()),
            None => format!("{path}: {message}"),
        };
        if option {
            option_type_error(name, &what)
        } else {
            argument_type_error(name, &what)
        }
    }
}

fn invalid<T>(path: &str, message: &'static str) -> Result<T, Failure> {
    Err(Failure::Invalid {
        path: path.to_owned(),
        message,
    })
}

/// A JS value as JSON. `Ok(None)` is `undefined`, which only an object member may be (left out).
pub(crate) fn to_json(value: &JsValue) -> Result<Option<Value>, Failure> {
    convert(value, &mut String::new(), 0)
}

/// A host options object (`Verifier` options, a `TokenService` config) as a JSON map of its
/// members, `undefined` members left out, for the core to validate; `argument` names it when it is
/// not an object, and a member that has no JSON form is reported as that option.
pub(crate) fn options_map(value: &JsValue, argument: &str) -> Result<Map<String, Value>, JsValue> {
    if !is_object(value) {
        return Err(argument_type_error(argument, "must be an object"));
    }
    let mut map = Map::new();
    for (name, member) in members(value)? {
        match to_json(&member) {
            Ok(Some(member)) => {
                map.insert(name, member);
            }
            Ok(None) => {}
            Err(failure) => return Err(failure.into_js(&name, true)),
        }
    }
    Ok(map)
}

/// A JS object (not `null`, an array or a function) as a JSON object, for the positional argument
/// `name` (`claims`, `jwk`, …).
pub(crate) fn to_json_object(value: &JsValue, name: &str) -> Result<Map<String, Value>, JsValue> {
    if !is_object(value) {
        return Err(argument_type_error(name, "must be an object"));
    }
    match to_json(value) {
        Ok(Some(Value::Object(map))) => Ok(map),
        Ok(_) => Err(argument_type_error(name, "must be an object")),
        Err(failure) => Err(failure.into_js(name, false)),
    }
}

fn convert(value: &JsValue, path: &mut String, depth: usize) -> Result<Option<Value>, Failure> {
    if let Some(text) = value.as_string() {
        return Ok(Some(Value::String(text)));
    }
    if let Some(n) = value.as_f64() {
        return number(n, path).map(|n| Some(Value::Number(n)));
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Some(Value::Bool(flag)));
    }
    if value.is_undefined() {
        return Ok(None);
    }
    if value.is_null() {
        return Ok(Some(Value::Null));
    }
    if value.is_bigint() {
        return invalid(path, "a BigInt has no JSON form; use a number");
    }
    if value.is_symbol() {
        return invalid(path, "a symbol has no JSON form");
    }
    if value.is_function() {
        return invalid(path, "a function has no JSON form");
    }
    if depth >= MAX_DEPTH {
        return invalid(path, "is nested too deeply (or is cyclic)");
    }
    if is_array(value) {
        return array(value, path, depth).map(|items| Some(Value::Array(items)));
    }
    object(value, path, depth).map(|map| Some(Value::Object(map)))
}

fn number(n: f64, path: &str) -> Result<Number, Failure> {
    if !n.is_finite() {
        return invalid(path, "NaN and Infinity have no JSON form");
    }
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        // Exact: |n| ≤ 2^53 fits an i64. A whole number is written `5`, never `5.0`.
        return Ok(Number::from(n as i64));
    }
    Number::from_f64(n).map_or_else(|| invalid(path, "has no JSON form"), Ok)
}

fn array(list: &JsValue, path: &mut String, depth: usize) -> Result<Vec<Value>, Failure> {
    let length = get(list, &JsValue::from_str("length"))?
        .as_f64()
        .unwrap_or(0.0);
    // An array's length is a whole number below 2^32 (a Proxy could claim otherwise: clamp).
    let length = length.clamp(0.0, f64::from(u32::MAX)) as u32;
    let mut items = Vec::with_capacity(length.min(1024) as usize);
    let base = path.len();
    for index in 0..length {
        // Writing into a String cannot fail.
        let _ = write!(path, "[{index}]");
        match convert(&get(list, &JsValue::from(index))?, path, depth + 1)? {
            Some(item) => items.push(item),
            None => return invalid(path, "undefined has no JSON form in an array"),
        }
        path.truncate(base);
    }
    Ok(items)
}

fn object(
    source: &JsValue,
    path: &mut String,
    depth: usize,
) -> Result<Map<String, Value>, Failure> {
    if source.is_instance_of::<Date>() {
        return invalid(path, "a Date has no JSON form here; use Unix seconds");
    }
    if source.is_instance_of::<ArrayBuffer>() || ArrayBuffer::is_view(source) {
        return invalid(path, "binary data has no JSON form");
    }
    if source.is_instance_of::<Promise>() {
        return invalid(path, "a Promise has no JSON form");
    }
    let mut map = Map::new();
    let base = path.len();
    for (name, member) in members(source).map_err(Failure::Thrown)? {
        if base > 0 {
            path.push('.');
        }
        path.push_str(&name);
        if let Some(member) = convert(&member, path, depth + 1)? {
            map.insert(name, member);
        }
        path.truncate(base);
    }
    Ok(map)
}

/// An object's own enumerable string-keyed members whose value is not `undefined` (an `undefined`
/// member means "not set", as `JSON.stringify` leaves it out), in property order.
pub(crate) fn members(source: &JsValue) -> Result<Vec<(String, JsValue)>, JsValue> {
    let names = object_keys(source)?;
    let mut out = Vec::with_capacity(names.length() as usize);
    for name in names.iter() {
        let Some(text) = name.as_string() else {
            continue;
        };
        let member = Reflect::get(source, &name)?;
        if !member.is_undefined() {
            out.push((text, member));
        }
    }
    Ok(out)
}

fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, Failure> {
    Reflect::get(target, key).map_err(Failure::Thrown)
}

/// Whether `value` is an object (not `null`, an array or a function).
pub(crate) fn is_object(value: &JsValue) -> bool {
    value.is_object() && !value.is_function() && !is_array(value)
}

/// Text or bytes: a string as its UTF-8 bytes, or a `Uint8Array` (a Node `Buffer` is one; other
/// typed arrays are not bytes and are refused).
pub(crate) fn bytes(value: &JsValue, name: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    match value.dyn_ref::<Uint8Array>() {
        Some(bytes) => Ok(bytes.to_vec()),
        None => Err(argument_type_error(
            name,
            "must be a string or a Uint8Array",
        )),
    }
}

/// A string argument.
pub(crate) fn string(value: &JsValue, name: &str) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| argument_type_error(name, "must be a string"))
}

/// A JSON object as text, for `api.mjs`'s `JSON.parse`.
pub(crate) fn json_text(map: &Map<String, Value>) -> Result<String, JsValue> {
    // Cannot fail for a map with string keys; still reported, never unwrapped.
    serde_json::to_string(map).map_err(|e| argument_type_error("result", &e.to_string()))
}

/// `{"header":…,"claims":…}` as text, parsed by the JS layer in one `JSON.parse` call; `claims` is
/// already JSON text (the signed text of a verified token, or a decoded token's claims serialised).
pub(crate) fn header_and_claims_text(
    header: &Map<String, Value>,
    claims: &str,
) -> Result<String, JsValue> {
    let header = json_text(header)?;
    let mut text = String::with_capacity(header.len() + claims.len() + 22);
    text.push_str("{\"header\":");
    text.push_str(&header);
    text.push_str(",\"claims\":");
    text.push_str(claims);
    text.push('}');
    Ok(text)
}

/// The verified claims as the exact JSON text that was signed (`Verified::claims_json`). The core
/// has checked it is one UTF-8 JSON object with no duplicate members, so `JSON.parse` of it builds
/// the same object as re-serialising the claims map would, without materialising that map (parse
/// into an IndexMap, then serialise: over half of an HS256 verification, see issue 6's profile).
pub(crate) fn claims_text(verified: &onejwt::Verified) -> Result<&str, JsValue> {
    std::str::from_utf8(verified.claims_json())
        .map_err(|e| argument_type_error("result", &e.to_string()))
}
