"""Errors: one exception class per core code, made from the core's table of codes and raised
through the single lookup in src/errors.rs; the typed listing (errors.pyi) agrees with the table."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

import onejwt
from onejwt import errors
from onejwt._onejwt import _ERROR_TABLE, _raise_for_code

STUB = Path(errors.__file__).with_suffix(".pyi")


def pascal_case(code: str) -> str:
    return "".join(part.capitalize() for part in code.split("_"))


def code_classes() -> list[type[onejwt.JwtError]]:
    return [
        cls
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, onejwt.JwtError) and cls is not onejwt.JwtError
    ]


def test_error_codes_are_the_core_codes() -> None:
    assert isinstance(onejwt.ERROR_CODES, tuple)
    assert len(onejwt.ERROR_CODES) == len(set(onejwt.ERROR_CODES)) == 16
    assert onejwt.ERROR_CODES[0] == "malformed"
    assert "revoked" in onejwt.ERROR_CODES and onejwt.ERROR_CODES[-1] == "store_unavailable"


@pytest.mark.parametrize("code", onejwt.ERROR_CODES)
def test_each_core_code_maps_to_exactly_one_class(code: str) -> None:
    matching = [cls for cls in code_classes() if cls.code == code]
    assert len(matching) == 1, f"{code}: {matching}"
    (cls,) = matching
    assert cls.__name__ == pascal_case(code) + "Error"
    assert getattr(onejwt, cls.__name__) is cls, "exported from onejwt"
    with pytest.raises(onejwt.JwtError) as info:
        _raise_for_code(code)
    assert type(info.value) is cls, "src/errors.rs raises this code's own class"
    assert info.value.code == code
    assert info.value.claim == "test"


def test_no_class_without_a_core_code() -> None:
    assert sorted(cls.code for cls in code_classes()) == sorted(onejwt.ERROR_CODES)


def test_the_classes_are_the_cores_table() -> None:
    # ErrorCode::ALL with ErrorCode::description: names, order and docstrings come from the core.
    assert [code for code, _ in _ERROR_TABLE] == list(onejwt.ERROR_CODES)
    assert list(errors._CLASSES) == list(onejwt.ERROR_CODES)
    for code, description in _ERROR_TABLE:
        cls = errors._CLASSES[code]
        assert (cls.__name__, cls.__qualname__, cls.__module__) == (pascal_case(code) + "Error",) * 2 + ("onejwt.errors",)
        assert cls.__doc__ == description and description.endswith(".")
        assert cls.__bases__ == (onejwt.JwtError,)
        assert getattr(errors, cls.__name__) is cls
    assert errors.__all__ == ["JwtError", *(pascal_case(c) + "Error" for c in onejwt.ERROR_CODES)] + [
        "OptionsError",
        "OptionsTypeError",
        "OptionsValueError",
    ]
    assert set(errors.__all__) <= set(onejwt.__all__)


def stub_classes() -> dict[str, ast.ClassDef]:
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def expected_stub_block() -> str:
    """What errors.pyi must say for the per-code classes (printed when it drifts)."""
    return "\n".join(f'class {pascal_case(c)}Error(JwtError):\n    """{d}"""\n' for c, d in _ERROR_TABLE)


def test_the_typed_listing_is_the_cores_table() -> None:
    # Type checkers read errors.pyi, not the classes made at import: it must list each code's
    # class, in the table's order, as a bare JwtError subclass carrying the core's description.
    classes = stub_classes()
    listed = [name for name, node in classes.items() if [ast.unparse(b) for b in node.bases] == ["JwtError"]]
    want = [pascal_case(code) + "Error" for code in onejwt.ERROR_CODES]
    hint = "errors.pyi disagrees with the core's table; its per-code classes must read:\n" + expected_stub_block()
    assert listed == want, hint
    for code, description in _ERROR_TABLE:
        node = classes[pascal_case(code) + "Error"]
        assert ast.get_docstring(node, clean=False) == description, hint
        assert len(node.body) == 1, f"{node.name}: only the docstring (code and the rest are JwtError's)"
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    (stub_all,) = [n.value for n in tree.body if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "__all__"]
    assert ast.literal_eval(stub_all) == errors.__all__


def test_an_unknown_code_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        _raise_for_code("not_a_code")


def test_a_refused_token_raises_its_class_with_message_and_claim(
    hs_key: onejwt.Key, hs_verifier: onejwt.Verifier, now: int
) -> None:
    token = onejwt.sign({"sub": "42", "exp": now}, hs_key, "HS256")
    with pytest.raises(onejwt.ExpiredError) as info:
        hs_verifier.verify(token, now=now)
    err = info.value
    assert isinstance(err, onejwt.JwtError) and isinstance(err, Exception)
    assert (err.code, err.claim) == ("expired", "exp")
    assert err.message == "the token has expired"
    assert str(err) == "expired: the token has expired"


def test_structural_errors_have_no_claim(hs_verifier: onejwt.Verifier) -> None:
    with pytest.raises(onejwt.MalformedError) as info:
        hs_verifier.verify("not-a-token")
    assert info.value.claim is None
    assert "not-a-token" not in str(info.value), "messages never echo the token"


def test_messages_never_contain_key_material() -> None:
    secret = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----"
    with pytest.raises(onejwt.InvalidKeyError) as info:
        onejwt.Key.hmac(secret)
    assert "MIIB" not in str(info.value)


def test_errors_survive_pickling(hs_verifier: onejwt.Verifier) -> None:
    # concurrent.futures.ProcessPoolExecutor pickles exceptions across processes.
    with pytest.raises(onejwt.JwtError) as info:
        hs_verifier.verify("a.b")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is onejwt.MalformedError
    assert (copy.code, copy.claim, str(copy)) == (info.value.code, info.value.claim, str(info.value))
    with pytest.raises(onejwt.OptionsError) as options_info:
        onejwt.Verifier(key=onejwt.Key.hmac(b"x" * 32), algorithms=["HS256"], leway=1)  # type: ignore[call-arg]
    options_copy = pickle.loads(pickle.dumps(options_info.value))
    assert type(options_copy) is onejwt.OptionsValueError
    assert (options_copy.option, str(options_copy)) == ("leway", str(options_info.value))


def test_options_errors_are_type_and_value_errors() -> None:
    assert issubclass(onejwt.OptionsTypeError, TypeError)
    assert issubclass(onejwt.OptionsValueError, ValueError)
    assert issubclass(onejwt.OptionsTypeError, onejwt.OptionsError)
    assert not issubclass(onejwt.OptionsError, onejwt.JwtError), "caller mistakes are not verdicts"


def test_a_code_newer_than_the_package_keeps_its_code() -> None:
    err = onejwt.JwtError("something new", None, "brand_new_code")
    assert (err.code, str(err)) == ("brand_new_code", "brand_new_code: something new")
