"""Errors: one exception class per core code, raised through the single mapping in src/errors.rs."""

from __future__ import annotations

import pickle

import pytest

import onejwt
from onejwt import errors
from onejwt._onejwt import _raise_for_code


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
    assert len(onejwt.ERROR_CODES) == len(set(onejwt.ERROR_CODES)) == 15
    assert onejwt.ERROR_CODES[0] == "malformed"
    assert "revoked" in onejwt.ERROR_CODES


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
