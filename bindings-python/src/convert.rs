//! Convert: JSON values (serde_json) to and from plain Python objects.
//!
//! Claims come back as `dict`/`list`/`int`/`float`/`str`/`bool`/`None`. Integers are exact in the
//! signed and unsigned 64-bit range; the core's JSON parser reads larger integers as IEEE doubles
//! (as JavaScript does), so they come back as `float`. Going the other way, only JSON-shaped
//! values are accepted: `None`, `bool`, `int` (64-bit), finite `float`, `str`, `list`/`tuple`, and
//! `dict` (or any `Mapping`) with `str` keys.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
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
