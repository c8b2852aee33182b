"""Convert: claims come back as plain Python values, big integers exact within 64 bits."""

from __future__ import annotations

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
