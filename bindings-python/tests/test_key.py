"""Key: the three constructors, argument types, and a repr that never shows key material."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import onejwt


def test_hmac_takes_bytes_or_str(now: int) -> None:
    from_bytes = onejwt.Key.hmac(b"onejwt-test-hs256-secret-32bytes")
    from_str = onejwt.Key.hmac("onejwt-test-hs256-secret-32bytes")
    token = onejwt.sign({"n": 1}, from_bytes, "HS256")
    assert onejwt.Verifier(key=from_str, algorithms=["HS256"]).verify(token, now=now) == {"n": 1}
    assert (from_str.family, from_str.kid, from_str.can_sign) == ("hmac", None, True)


@pytest.mark.parametrize("secret", [b"", "-----BEGIN PUBLIC KEY-----\nMIIB", '{"kty":"oct","k":"c2VjcmV0"}'])
def test_hmac_refuses_empty_secrets_and_key_text(secret: Any) -> None:
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.Key.hmac(secret)


@pytest.mark.parametrize("secret", [None, 5, bytearray(b"x" * 32), ["x"]])
def test_hmac_argument_types(secret: Any) -> None:
    with pytest.raises(onejwt.OptionsTypeError, match=r"^invalid argument `secret`: must be bytes or str, not ") as info:
        onejwt.Key.hmac(secret)
    assert isinstance(info.value, TypeError) and info.value.option == "secret"


def test_short_secret_is_refused_when_used(now: int) -> None:
    key = onejwt.Key.hmac(b"x" * 31)
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.sign({}, key, "HS256")


@pytest.mark.parametrize(
    ("name", "family"),
    [("rsa2048", "rsa"), ("p256", "ec-p256"), ("p384", "ec-p384"), ("p521", "ec-p521"), ("ed25519", "ed25519")],
)
def test_pem_and_jwk_forms_agree(keys_dir: Path, name: str, family: str) -> None:
    private_pem = (keys_dir / f"{name}.private.pkcs8.pem").read_text()
    public_pem = (keys_dir / f"{name}.public.spki.pem").read_bytes()
    public_jwk = (keys_dir / f"{name}.public.jwk").read_text()
    private = onejwt.Key.from_pem(private_pem)
    keys = [onejwt.Key.from_pem(public_pem), onejwt.Key.from_jwk(public_jwk), onejwt.Key.from_jwk(json.loads(public_jwk))]
    assert (private.family, private.can_sign) == (family, True)
    assert [(k.family, k.can_sign) for k in keys] == [(family, False)] * 3
    alg = {"rsa": "RS256", "ec-p256": "ES256", "ec-p384": "ES384", "ec-p521": "ES512", "ed25519": "EdDSA"}[family]
    token = onejwt.sign({"sub": name}, private, alg)
    for key in keys:
        assert onejwt.Verifier(key=key, algorithms=[alg]).verify(token, now=0) == {"sub": name}


def test_ed25519_keys_of_small_order_are_refused() -> None:
    # The identity (y = 1) and its non-canonical y = p + 1: forged signatures verify against both.
    for x in ["AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "7v_______________________________________38"]:
        with pytest.raises(onejwt.InvalidKeyError, match="small order"):
            onejwt.Key.from_jwk({"kty": "OKP", "crv": "Ed25519", "x": x})


def test_public_keys_cannot_sign(keys_dir: Path) -> None:
    public = onejwt.Key.from_pem((keys_dir / "ed25519.public.spki.pem").read_text())
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.sign({}, public, "EdDSA")


def test_weak_and_garbage_keys_are_invalid(keys_dir: Path) -> None:
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.Key.from_pem((keys_dir / "rsa1024.public.spki.pem").read_text())
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.Key.from_pem("not a pem")
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.Key.from_jwk("{not json")


@pytest.mark.parametrize("jwk", [None, 5, b"{}", ["kty"]])
def test_from_jwk_argument_types(jwk: Any) -> None:
    with pytest.raises(onejwt.OptionsTypeError, match=r"^invalid argument `jwk`: must be a dict or a JSON str, not ") as info:
        onejwt.Key.from_jwk(jwk)
    assert info.value.option == "jwk"


def test_jwk_kid_is_exposed(keys_dir: Path) -> None:
    jwk = json.loads((keys_dir / "p256.public.jwk").read_text())
    assert onejwt.Key.from_jwk({**jwk, "kid": "2024-06"}).kid == "2024-06"


def test_repr_never_shows_key_material(keys_dir: Path) -> None:
    secret = "a-very-secret-hmac-key-of-32-bytes!"
    assert secret not in repr(onejwt.Key.hmac(secret))
    jwk = json.loads((keys_dir / "ed25519.private.jwk").read_text())
    text = repr(onejwt.Key.from_jwk({**jwk, "kid": "k'1"}))
    assert text == """Key(family='ed25519', kid="k'1", can_sign=True)"""
    assert jwk["d"] not in text and jwk["x"] not in text


def test_keys_are_immutable_and_not_picklable(hs_key: onejwt.Key) -> None:
    import pickle

    with pytest.raises(AttributeError):
        hs_key.kid = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        pickle.dumps(hs_key)
