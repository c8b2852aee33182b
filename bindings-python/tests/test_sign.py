"""Sign: issuing tokens from dict claims, kid and extra headers; argument errors."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest

import onejwt


def test_header_layout_and_claim_order(hs_key: onejwt.Key, now: int) -> None:
    token = onejwt.sign(OrderedDict([("z", 1), ("a", 2)]), hs_key, "HS256", kid="k1", headers={"typ": "at+jwt", "x": [1]})
    header, claims = onejwt.decode_unverified(token)
    assert list(header) == ["alg", "kid", "typ", "x"]
    assert header == {"alg": "HS256", "kid": "k1", "typ": "at+jwt", "x": [1]}
    assert list(claims) == ["z", "a"]


def test_hmac_signing_is_deterministic(hs_key: onejwt.Key) -> None:
    claims = {"sub": "42"}
    assert onejwt.sign(claims, hs_key, "HS256") == onejwt.sign(claims, hs_key, "HS256")


@pytest.mark.parametrize("name", ["alg", "kid", "crit", "b64"])
def test_reserved_headers_are_value_errors(hs_key: onejwt.Key, name: str) -> None:
    with pytest.raises(ValueError) as info:
        onejwt.sign({}, hs_key, "HS256", headers={name: "x"})
    assert isinstance(info.value, onejwt.OptionsValueError) and info.value.option == "headers"


def test_registered_claims_keep_their_types(hs_key: onejwt.Key) -> None:
    with pytest.raises(onejwt.InvalidClaimError) as info:
        onejwt.sign({"exp": "tomorrow"}, hs_key, "HS256")
    assert info.value.claim == "exp"


@pytest.mark.parametrize(("algorithm", "error"), [("none", onejwt.UnsupportedAlgorithmError), ("ES512", onejwt.UnsupportedAlgorithmError), ("RS256", onejwt.InvalidKeyError)])
def test_algorithm_refusals(hs_key: onejwt.Key, algorithm: str, error: type[onejwt.JwtError]) -> None:
    with pytest.raises(error):
        onejwt.sign({}, hs_key, algorithm)


# Deliberately ill-typed calls: the stub would refuse them, the runtime must raise TypeError.
untyped_sign: Any = onejwt.sign


@pytest.mark.parametrize(
    "call",
    [
        lambda k: untyped_sign([("sub", "1")], k, "HS256"),
        lambda k: untyped_sign("{}", k, "HS256"),
        lambda k: untyped_sign({}, "secret", "HS256"),
        lambda k: untyped_sign({}, k, b"HS256"),
        lambda k: untyped_sign({}, k, "HS256", kid=5),
        lambda k: untyped_sign({}, k, "HS256", headers=[("x", 1)]),
        lambda k: untyped_sign({1: "x"}, k, "HS256"),
        lambda k: untyped_sign({"when": object()}, k, "HS256"),
        lambda k: untyped_sign({}, k, "HS256", "kid"),
    ],
)
def test_argument_types(hs_key: onejwt.Key, call: Any) -> None:
    with pytest.raises(TypeError):
        call(hs_key)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 2**64, -(2**63) - 1])
def test_values_json_cannot_carry_are_value_errors(hs_key: onejwt.Key, value: Any) -> None:
    with pytest.raises(ValueError):
        onejwt.sign({"n": value}, hs_key, "HS256")


def test_self_containing_claims_are_refused_not_a_crash(hs_key: onejwt.Key) -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(ValueError, match="nests deeper"):
        onejwt.sign({"loop": loop}, hs_key, "HS256")
