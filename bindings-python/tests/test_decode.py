"""Decode: reading header and claims without verification (display only)."""

from __future__ import annotations

import pytest

import onejwt


def test_decode_returns_header_and_claims_without_checking(hs_key: onejwt.Key, now: int) -> None:
    token = onejwt.sign({"sub": "42", "exp": now - 1000}, hs_key, "HS256")
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    assert onejwt.decode_unverified(tampered) == ({"alg": "HS256", "typ": "JWT"}, {"sub": "42", "exp": now - 1000})


def test_structure_is_still_enforced() -> None:
    with pytest.raises(onejwt.MalformedError):
        onejwt.decode_unverified("a.b")
    with pytest.raises(onejwt.TokenTooLargeError):
        onejwt.decode_unverified("e" * 20_000)
    with pytest.raises(TypeError):
        onejwt.decode_unverified(b"a.b.c")  # type: ignore[arg-type]
