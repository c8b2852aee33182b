"""Schema: the stubs (_onejwt.pyi), AsyncTokenService (aio.py) and the docstrings agree with the core's
option schema, table by table.

The core's tables (`onejwt::host::TABLES`, exported as `_option_schema()`) name every option of every
argument bag. Each table's options must be the keyword parameters of its Python signatures, in the
table's order, each annotated with the Python form of its schema type; a new, renamed or retyped
option in the core fails here until the stub follows.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any, Optional, Union

import pytest

import onejwt
from onejwt._onejwt import _option_schema

STUB = Path(onejwt.__file__).parent / "_onejwt.pyi"
AIO = Path(onejwt.__file__).parent / "aio.py"
SCHEMA: dict[str, Any] = _option_schema()

# The Python form of each schema type. An option that is not required is `Optional[...]` of it with
# the default `None`: `None` means "not set" in every argument bag (the core's null rule).
TYPES = {
    "string": "str",
    "strings": "_Strings",
    "string_or_strings": "_StringOrStrings",
    "seconds": "int",
    "count": "int",
    "bool": "bool",
    "object": "_Object",
    "object_or_text": "_ObjectOrText",
    "time": "_Now",
}
# `host_object` options: the Python class the binding hands to the core itself.
HOST_OBJECTS = {"key": "Key", "keys": "KeySet", "store": "SessionStore"}
# Where the binding accepts more than the schema type, as a documented host conversion.
WIDER = {
    # ASGI's scope["query_string"] is bytes: read as Latin-1, like header bytes.
    ("extract", "query_string"): "_Text",
    # A cryptography key object is taken wherever a Key (or PEM text) is: the binding asks it for
    # its PEM and hands that to the core.
    ("verifier", "key"): "_KeyLike",
    ("service", "private_key"): "_PemLike",
    ("service", "public_key"): "_PemLike",
}
# The aliases those forms use, as the stub must define them.
ALIASES = {
    "_Strings": "Union[list[str], tuple[str, ...]]",
    "_StringOrStrings": "Union[str, _Strings]",
    "_Object": "Mapping[str, Any]",
    "_ObjectOrText": "Union[_Object, str]",
    "_Now": "Union[int, float, datetime]",
    "_Text": "Union[str, bytes]",
    "_KeyObject": "Union[_PrivateKeyObject, _PublicKeyObject]",
    "_KeyLike": "Union[Key, _KeyObject]",
    "_PemLike": "Union[str, Key, _KeyObject]",
}

# Each table's signatures: (function, the parameter after which its options start; None: all).
# `AsyncTokenService.*` are read from aio.py, whose coroutines pass the same options on.
SIGNATURES: dict[str, list[tuple[str, Optional[str]]]] = {
    "verifier": [("Verifier.__new__", None)],
    "keyset": [("KeySet.from_jwks", "jwks")],
    "call": [
        ("Verifier.verify", "token"),
        ("Verifier.verify_complete", "token"),
        *[
            (f"{cls}.{prefix}{method}", after)
            for cls, prefix in [("TokenService", ""), ("TokenService", "_start_"), ("AsyncTokenService", "")]
            for method, after in [
                ("verify", "token_type"),
                ("validate_token", "token_type"),
                ("extract_user_id", "token"),
                ("revoke", "token"),
                ("logout", "token"),
                ("is_revoked", "token"),
            ]
        ],
        ("TokenService.rotate_key", "key"),
        ("AsyncTokenService.rotate_key", "key"),
    ],
    "sign": [("sign", "algorithm")],
    "generate": [("Key.generate", "algorithm")],
    "export": [("Key.to_jwk", None), ("Key.to_pem", None), ("KeySet.to_jwks", None)],
    "service": [("TokenService.__new__", None)],
    "service_jwks": [("TokenService.jwks", None), ("AsyncTokenService.jwks", None)],
    "access_token": [
        ("TokenService.create_access_token", "user_id"),
        ("TokenService.login", "user_id"),
        ("TokenService._start_login", "user_id"),
        ("AsyncTokenService.create_access_token", "user_id"),
        ("AsyncTokenService.login", "user_id"),
    ],
    "refresh": [
        ("TokenService.refresh", "refresh_token"),
        ("TokenService._start_refresh", "refresh_token"),
        ("AsyncTokenService.refresh", "refresh_token"),
    ],
    "extract": [("extract_token", "headers")],
}
# Each table's documented entry point: its docstring (Rust `///`) names every option.
DOCUMENTED = {
    "verifier": onejwt.Verifier,
    "keyset": onejwt.KeySet.from_jwks,
    "call": onejwt.Verifier.verify,
    "sign": onejwt.sign,
    "generate": onejwt.Key.generate,
    "export": onejwt.Key.to_jwk,
    "service": onejwt.TokenService,
    "service_jwks": onejwt.TokenService.jwks,
    "access_token": onejwt.TokenService.create_access_token,
    "refresh": onejwt.TokenService.refresh,
    "extract": onejwt.extract_token,
}


Function = Union[ast.FunctionDef, ast.AsyncFunctionDef]


def stub_tree(source: Path = STUB) -> ast.Module:
    return ast.parse(source.read_text(encoding="utf-8"))


def stub_function(tree: ast.Module, path: str) -> Function:
    """`name` or `Class.method` in the stub."""
    body: list[ast.stmt] = tree.body
    *classes, name = path.split(".")
    for class_name in classes:
        (cls,) = [n for n in body if isinstance(n, ast.ClassDef) and n.name == class_name]
        body = cls.body
    matches = [n for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name]
    assert len(matches) == 1, f"the stub has no single {path}"
    return matches[0]


def declared(path: str) -> Function:
    """A signature of `SIGNATURES`: AsyncTokenService's in aio.py, the others in the stub."""
    return stub_function(stub_tree(AIO if path.startswith("AsyncTokenService.") else STUB), path)


def options_of(fn: Function, after: Optional[str]) -> list[tuple[str, str, Optional[ast.expr]]]:
    """`(name, annotation, default)` of the parameters after `after` (all but self/cls if None)."""
    args = fn.args
    assert args.vararg is None and args.kwarg is None, f"{fn.name}: options are named in the stub, not **kwargs"
    positional = args.posonlyargs + args.args
    defaults: list[Optional[ast.expr]] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = list(zip(positional, defaults)) + list(zip(args.kwonlyargs, args.kw_defaults))
    names = [a.arg for a, _ in params]
    start = 1 if names and names[0] in ("self", "cls") else 0
    if after is not None:
        assert after in names, f"{fn.name} has no parameter {after}"
        start = names.index(after) + 1
    out = []
    for arg, default in params[start:]:
        assert arg.annotation is not None, f"{fn.name}({arg.arg}) is not annotated"
        out.append((arg.arg, ast.unparse(arg.annotation), default))
    return out


def expected_annotation(table: str, option: dict[str, Any]) -> str:
    name, kind = option["name"], option["type"]
    if (table, name) in WIDER:
        form = WIDER[(table, name)]
    elif kind == "host_object":
        form = HOST_OBJECTS[name]
    else:
        form = TYPES[kind]
    return form if option["required"] else f"Optional[{form}]"


def test_every_table_has_its_signatures() -> None:
    assert list(SCHEMA) == list(SIGNATURES), "a table of the core has no Python signature here (or the reverse)"
    assert set(DOCUMENTED) == set(SIGNATURES)


def test_the_aliases_are_the_schema_types() -> None:
    tree = stub_tree()
    defined = {
        ast.unparse(n.targets[0]): ast.unparse(n.value)
        for n in tree.body
        if isinstance(n, ast.Assign) and len(n.targets) == 1
    }
    for alias, form in ALIASES.items():
        assert defined.get(alias) == form, f"{alias} must be {form}"


CASES = [(table, path, after) for table, signatures in SIGNATURES.items() for path, after in signatures]


@pytest.mark.parametrize(("table", "path", "after"), CASES, ids=[f"{t}:{p}" for t, p, _ in CASES])
def test_the_stub_signature_is_the_table(table: str, path: str, after: Optional[str]) -> None:
    options = SCHEMA[table]["options"]
    got = options_of(declared(path), after)
    assert [name for name, _, _ in got] == [o["name"] for o in options], (
        f"{path}: the keyword parameters must be the {table} table's options, in its order"
    )
    for (name, annotation, default), option in zip(got, options):
        want = expected_annotation(table, option)
        assert annotation == want, f"{path}({name}): annotated {annotation}, the schema type {option['type']} is {want}"
        if option["required"]:
            assert default is None, f"{path}({name}) is required: no default"
        else:
            assert isinstance(default, ast.Constant) and default.value is None, f"{path}({name}) defaults to None"


@pytest.mark.parametrize("table", list(DOCUMENTED))
def test_the_docstring_names_every_option(table: str) -> None:
    doc = DOCUMENTED[table].__doc__ or ""
    missing = [o["name"] for o in SCHEMA[table]["options"] if f"``{o['name']}``" not in doc]
    assert not missing, f"the docstring of the {table} entry point does not name {missing}"


def test_from_env_lists_exactly_the_schemas_variables() -> None:
    doc = onejwt.TokenService.from_env.__doc__ or ""
    want = {o["env"] for o in SCHEMA["service"]["options"] if o["env"]}
    assert set(re.findall(r"\bJWT_[A-Z_]+\b", doc)) == want


def test_unknown_options_are_refused_with_the_schemas_hints() -> None:
    # The hints are the schema's aliases, compared ignoring case and underscores.
    key = onejwt.Key.hmac(b"a-32-byte-secret-for-hs256-use!!")
    for option in SCHEMA["verifier"]["options"]:
        for alias in option["aliases"]:
            options: dict[str, Any] = {alias: 1}
            with pytest.raises(onejwt.OptionsValueError) as err:
                onejwt.Verifier(key=key, algorithms=["HS256"], **options)
            assert str(err.value) == f"invalid option `{alias}`: unknown option (onejwt calls it `{option['name']}`)"
