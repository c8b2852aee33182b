//! Convert: JSON values (serde_json) to and from plain Python objects.
//!
//! Claims come back as `dict`/`list`/`int`/`float`/`str`/`bool`/`None`. Integers are exact in the
//! signed and unsigned 64-bit range; the core's JSON parser reads larger integers as IEEE doubles
//! (as JavaScript does), so they come back as `float`. Going the other way, only JSON-shaped
//! values are accepted: `None`, `bool`, `int` (64-bit), finite `float`, `str`, `list`/`tuple`, and
//! `dict` (or any `Mapping`) with `str` keys.

use std::cell::Cell;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// How deep a Python value may nest when converted to JSON. Not a JWT rule (the core has its
/// own): it keeps a self-referencing or absurdly deep structure from exhausting the stack.
const MAX_CONVERT_DEPTH: usize = 256;

/// A core JSON object as a new `dict`, in the token's member order.
pub(crate) fn map_to_dict<'py>(
    py: Python<'py>,
    map: &Map<String, Value>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (name, value) in map {
        dict.set_item(name, value_to_py(py, value)?)?;
    }
    Ok(dict)
}

fn value_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => number_to_py(py, n)?,
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(value_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => map_to_dict(py, map)?.into_any(),
    })
}

fn number_to_py<'py>(py: Python<'py>, n: &Number) -> PyResult<Bound<'py, PyAny>> {
    if let Some(i) = n.as_i64() {
        Ok(i.into_pyobject(py)?.into_any())
    } else if let Some(u) = n.as_u64() {
        Ok(u.into_pyobject(py)?.into_any())
    } else {
        // Without serde_json's arbitrary precision every other number is a finite f64.
        Ok(PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any())
    }
}

/// The verified claims as a `dict`, built from the signed JSON text directly (the quick path);
/// the core's claims map is materialized only if that text is ever not the shape it promised.
pub(crate) fn claims_dict<'py>(
    py: Python<'py>,
    verified: &onejwt::Verified,
) -> PyResult<Bound<'py, PyDict>> {
    match claims_json_to_dict(py, verified.claims_json())? {
        Some(dict) => Ok(dict),
        None => map_to_dict(py, verified.claims()),
    }
}

/// Verified claims JSON (`Verified::claims_json`) straight into a `dict`, with no intermediate
/// serde_json `Map`: building that map and then converting it took ~40% of an HS256
/// `Verifier.verify` (perf, issue 6). serde_json's own parser drives a visitor that makes the
/// Python objects, so every value is exactly what `map_to_dict` would make of the core's map
/// (the same parser calls build both). `None` means the text did not parse (the core already
/// scanned it, so this does not happen): callers then take the `Map` path.
fn claims_json_to_dict<'py>(py: Python<'py>, json: &[u8]) -> PyResult<Option<Bound<'py, PyDict>>> {
    let failure = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(json);
    let built = PySeed {
        py,
        failure: &failure,
    }
    .deserialize(&mut de)
    .and_then(|value| de.end().map(|()| value));
    if let Some(err) = failure.take() {
        return Err(err);
    }
    Ok(built
        .ok()
        .and_then(|value| value.cast_into::<PyDict>().ok()))
}

/// Builds one JSON value as a Python object. A Python error (out of memory) is parked in
/// `failure` and surfaces as a serde error that stops the parse.
#[derive(Clone, Copy)]
struct PySeed<'py, 'a> {
    py: Python<'py>,
    failure: &'a Cell<Option<PyErr>>,
}

impl<'py> PySeed<'py, '_> {
    fn check<T, E: serde::de::Error>(&self, result: PyResult<T>) -> Result<T, E> {
        result.map_err(|err| {
            self.failure.set(Some(err));
            E::custom("python error")
        })
    }
}

impl<'de, 'py> DeserializeSeed<'de> for PySeed<'py, '_> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for PySeed<'py, '_> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.py, b).to_owned().into_any())
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Self::Value, E> {
        self.check(
            n.into_pyobject(self.py)
                .map(Bound::into_any)
                .map_err(Into::into),
        )
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Self::Value, E> {
        self.check(
            n.into_pyobject(self.py)
                .map(Bound::into_any)
                .map_err(Into::into),
        )
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Self::Value, E> {
        Ok(PyFloat::new(self.py, n).into_any())
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.py, s).into_any())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.py);
        while let Some(item) = seq.next_element_seed(self)? {
            self.check(list.append(item))?;
        }
        Ok(list.into_any())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.py);
        while let Some(name) = map.next_key_seed(NameSeed(self.py))? {
            let value = map.next_value_seed(self)?;
            self.check(dict.set_item(name, value))?;
        }
        Ok(dict.into_any())
    }
}

/// A member name as a Python `str`, straight from the parser's (usually borrowed) text.
struct NameSeed<'py>(Python<'py>);

impl<'de, 'py> DeserializeSeed<'de> for NameSeed<'py> {
    type Value = Bound<'py, PyString>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de, 'py> Visitor<'de> for NameSeed<'py> {
    type Value = Bound<'py, PyString>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(claim_name(self.0, name))
    }
}

/// The registered claim names (RFC 7519 §4.1) come from interned strings, created once per
/// process with their hash cached, as most tokens carry several of them; other names are new.
fn claim_name<'py>(py: Python<'py>, name: &str) -> Bound<'py, PyString> {
    let interned = match name {
        "iss" => intern!(py, "iss"),
        "sub" => intern!(py, "sub"),
        "aud" => intern!(py, "aud"),
        "exp" => intern!(py, "exp"),
        "nbf" => intern!(py, "nbf"),
        "iat" => intern!(py, "iat"),
        "jti" => intern!(py, "jti"),
        _ => return PyString::new(py, name),
    };
    interned.clone()
}

/// A mapping argument (`claims`, `headers`, a JWK) as a JSON object; `what` names the argument in
/// errors, which never quote the value.
pub(crate) fn dict_to_map(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Map<String, Value>> {
    match object_members(obj, what, 1)? {
        Some(map) => Ok(map),
        None => Err(PyTypeError::new_err(format!(
            "{what} must be a dict, not {}",
            type_name(obj)
        ))),
    }
}

/// Any JSON-shaped Python value as a JSON value.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Value> {
    py_to_value(obj, what, 1)
}

/// The members of a `dict` or other `Mapping`, or `None` when `obj` is not one.
fn object_members(
    obj: &Bound<'_, PyAny>,
    what: &str,
    depth: usize,
) -> PyResult<Option<Map<String, Value>>> {
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (name, value) in dict.iter() {
            map.insert(
                member_name(&name, what)?,
                py_to_value(&value, what, depth + 1)?,
            );
        }
        Ok(Some(map))
    } else if let Ok(mapping) = obj.cast::<PyMapping>() {
        // Rarer mappings (TypedDict values are dicts already): go through the protocol.
        let mut map = Map::new();
        for item in mapping.items()?.iter() {
            let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            map.insert(
                member_name(&name, what)?,
                py_to_value(&value, what, depth + 1)?,
            );
        }
        Ok(Some(map))
    } else {
        Ok(None)
    }
}

fn member_name(name: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    match name.cast::<PyString>() {
        Ok(name) => Ok(name.to_cow()?.into_owned()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what} has a key of type {}; JSON object keys must be str",
            type_name(name)
        ))),
    }
}

fn py_to_value(obj: &Bound<'_, PyAny>, what: &str, depth: usize) -> PyResult<Value> {
    if depth > MAX_CONVERT_DEPTH {
        return Err(PyValueError::new_err(format!(
            "{what} nests deeper than {MAX_CONVERT_DEPTH} levels (or contains itself)"
        )));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        // Checked before int: bool is a subclass of int in Python, but not a number in JSON.
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        return match (i.extract::<i64>(), i.extract::<u64>()) {
            (Ok(v), _) => Ok(Value::from(v)),
            (_, Ok(v)) => Ok(Value::from(v)),
            _ => Err(PyValueError::new_err(format!(
                "{what} contains an int outside the 64-bit range, which JSON cannot carry exactly"
            ))),
        };
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "{what} contains a NaN or infinite float, which JSON cannot carry"
                ))
            });
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_cow()?.into_owned()));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return list
            .iter()
            .map(|item| py_to_value(&item, what, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return tuple
            .iter()
            .map(|item| py_to_value(&item, what, depth + 1))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    match object_members(obj, what, depth)? {
        Some(map) => Ok(Value::Object(map)),
        None => Err(PyTypeError::new_err(format!(
            "{what} contains a value of type {}, which has no JSON form",
            type_name(obj)
        ))),
    }
}

/// Key material given as `bytes` or `str` (UTF-8 encoded); `what` names the argument.
pub(crate) fn bytes_or_str(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<u8>> {
    if let Ok(b) = obj.cast::<PyBytes>() {
        Ok(b.as_bytes().to_vec())
    } else if let Ok(s) = obj.cast::<PyString>() {
        Ok(s.to_cow()?.as_bytes().to_vec())
    } else {
        Err(PyTypeError::new_err(format!(
            "{what} must be bytes or str, not {}",
            type_name(obj)
        )))
    }
}

/// JSON given as a mapping (already parsed) or as JSON text, matching the core's two entry points.
pub(crate) enum JsonArg {
    Map(Map<String, Value>),
    Text(String),
}

/// Reads a `dict`-or-`str` argument; `what` names it in errors.
pub(crate) fn dict_or_str(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<JsonArg> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(JsonArg::Text(s.to_cow()?.into_owned()));
    }
    match object_members(obj, what, 1)? {
        Some(map) => Ok(JsonArg::Map(map)),
        None => Err(PyTypeError::new_err(format!(
            "{what} must be a dict or a JSON str, not {}",
            type_name(obj)
        ))),
    }
}

/// The type's name for error messages (never the value: it may be a secret).
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .and_then(|n| n.extract::<String>())
        .unwrap_or_else(|_| "object".to_owned())
}

/// Keyword options (`**options`) as the JSON map a core `from_map` validates. A value with no
/// JSON form (an arbitrary object, NaN) becomes an empty JSON object, a type no option accepts,
/// so the core still names the option and words the error.
pub(crate) fn options_map(options: Option<&Bound<'_, PyDict>>) -> PyResult<Map<String, Value>> {
    let mut map = Map::new();
    if let Some(options) = options {
        for (name, value) in options.iter() {
            let name: String = name.extract()?;
            let value = to_json(&value, &name).unwrap_or_else(|_| Value::Object(Map::new()));
            map.insert(name, value);
        }
    }
    Ok(map)
}
