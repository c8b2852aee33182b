"""Convert: claims come back as plain Python values, big integers exact within 64 bits; Python
values go to the core as JSON (any Mapping, aware datetimes as Unix seconds), and what has no JSON
form, or nests deeper than the core's host depth rule, is refused naming the argument or option."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import Any

import pytest

import onejwt


def roundtrip(claims: dict[str, Any], hs_key: onejwt.Key, hs_verifier: onejwt.Verifier) -> dict[str, Any]:
    return hs_verifier.verify(onejwt.sign(claims, hs_key, "HS256"), now=0)


def test_plain_types_come_back(hs_key: onejwt.Key, hs_verifier: onejwt.Verifier) -> None:
    claims = {"s": "é☃", "i": -7, "f": 0.5, "t": True, "n": None, "l": [1, "a", [False]], "o": {"k": {"d": 1.0}}}
    got = roundtrip(claims, hs_key, hs_verifier)
    assert got == claims
    assert [type(got[k]) for k in claims] == [str, int, float, bool, type(None), list, dict]
    assert type(got["o"]["k"]["d"]) is float, "1.0 stays a float"
    assert type(got["t"]) is bool


def test_tuples_become_lists(hs_key: onejwt.Key, hs_verifier: onejwt.Verifier) -> None:
    assert roundtrip({"t": (1, 2)}, hs_key, hs_verifier) == {"t": [1, 2]}


@pytest.mark.parametrize("value", [2**63 - 1, 2**63, 2**64 - 1, -(2**63)])
def test_64_bit_integers_are_exact(hs_key: onejwt.Key, hs_verifier: onejwt.Verifier, value: int) -> None:
    got = roundtrip({"n": value}, hs_key, hs_verifier)["n"]
    assert type(got) is int and got == value


def test_integers_beyond_64_bits_in_a_token_come_back_as_float(hs_verifier: onejwt.Verifier) -> None:
    # Another issuer may write any integer; the core parses those beyond 64 bits as doubles.
    import base64
    import hashlib
    import hmac

    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    signing_input = b64(b'{"alg":"HS256"}') + "." + b64(b'{"n":36893488147419103232}')
    signature = hmac.new(b"onejwt-test-hs256-secret-32bytes", signing_input.encode(), hashlib.sha256).digest()
    got = hs_verifier.verify(signing_input + "." + b64(signature), now=0)["n"]
    assert type(got) is float and got == 2.0**65


class Claims(Mapping[str, Any]):
    """A Mapping that is not a dict (goes through the mapping protocol)."""

    def __init__(self, **members: Any) -> None:
        self.members = members

    def __getitem__(self, name: str) -> Any:
        return self.members[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)


def test_any_mapping_converts(hs_key: onejwt.Key, hs_verifier: onejwt.Verifier) -> None:
    claims = Claims(sub="42", inner=Claims(a=[1, 2]))
    assert hs_verifier.verify(onejwt.sign(claims, hs_key, "HS256"), now=0) == {"sub": "42", "inner": {"a": [1, 2]}}


@pytest.mark.parametrize(
    ("claims", "error", "message"),
    [
        ({1: "x"}, onejwt.OptionsTypeError, "has a key of type int; JSON object keys must be str"),
        ({"s": {1, 2}}, onejwt.OptionsTypeError, "a value of type set has no JSON form"),
        ({"b": b"x"}, onejwt.OptionsTypeError, "a value of type bytes has no JSON form"),
        ({"n": float("-inf")}, onejwt.OptionsValueError, "a NaN or infinite float has no JSON form"),
        ({"n": [2**64]}, onejwt.OptionsValueError, "an int outside the 64-bit range has no exact JSON form"),
    ],
)
def test_conversion_refusals_name_the_argument(
    hs_key: onejwt.Key, claims: Any, error: type[onejwt.OptionsError], message: str
) -> None:
    with pytest.raises(error) as info:
        onejwt.sign(claims, hs_key, "HS256")
    assert info.value.option == "claims"
    assert str(info.value).startswith(f"invalid argument `claims`: {message}")


def test_claims_that_are_not_a_mapping_are_refused(hs_key: onejwt.Key) -> None:
    with pytest.raises(onejwt.OptionsTypeError) as info:
        onejwt.sign([("sub", "1")], hs_key, "HS256")  # type: ignore[arg-type]
    assert str(info.value) == "invalid argument `claims`: must be a dict (or another Mapping), not list"


def test_option_values_convert_like_claims(hs_key: onejwt.Key, now: int) -> None:
    at = datetime.fromtimestamp(now, timezone.utc)
    token = onejwt.sign({}, hs_key, "HS256", headers=Claims(x=(1, at)), now=at, set_issued_at=True)
    assert onejwt.decode_unverified(token) == ({"alg": "HS256", "typ": "JWT", "x": [1, now]}, {"iat": now})
    with pytest.raises(onejwt.OptionsTypeError) as info:
        onejwt.sign({}, hs_key, "HS256", headers={"x": object()})
    assert str(info.value).startswith("invalid option `headers`: a value of type object has no JSON form")


def test_the_host_depth_rule_applies_to_every_argument() -> None:
    def nested(levels: int) -> Any:
        value: Any = "x"
        for _ in range(levels):
            value = {"k": value}
        return value

    # An argument is level 1: 65 levels are refused while converting, 64 reach the core.
    with pytest.raises(onejwt.OptionsTypeError) as info:
        onejwt.Key.from_jwk(nested(65))
    assert str(info.value) == "invalid argument `jwk`: nests deeper than 64 levels (or contains itself)"
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.Key.from_jwk(nested(64))
    with pytest.raises(onejwt.OptionsTypeError) as info:
        onejwt.KeySet.from_jwks({"keys": [nested(63)]})
    assert info.value.option == "jwks"
    # An option's value sits inside the options bag (level 1), as in the JS bindings: 63 levels.
    with pytest.raises(onejwt.OptionsTypeError) as info:
        onejwt.TokenService(algorithm="EdDSA", jwks=nested(64))
    assert str(info.value) == "invalid option `jwks`: nests deeper than 64 levels (or contains itself)"
    with pytest.raises(onejwt.OptionsValueError) as value_info:  # converted; the core refuses the JWKS
        onejwt.TokenService(algorithm="EdDSA", jwks=nested(63))
    assert value_info.value.option == "jwks"
