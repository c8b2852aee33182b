"""KeySet: a JWKS from a dict or JSON text; each token selects exactly one key by kid and alg."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import onejwt


@pytest.fixture
def jwks(keys_dir: Path) -> dict[str, Any]:
    def public(name: str, kid: str) -> Any:
        return {**json.loads((keys_dir / f"{name}.public.jwk").read_text()), "kid": kid}

    return {"keys": [public("ed25519", "a"), public("ed25519-b", "b"), public("x25519", "enc")]}


def test_from_dict_and_text_skip_unsupported_keys(jwks: dict[str, Any]) -> None:
    assert len(onejwt.KeySet.from_jwks(jwks)) == 2
    assert len(onejwt.KeySet.from_jwks(json.dumps(jwks))) == 2
    assert repr(onejwt.KeySet.from_jwks(jwks)) == "KeySet(<2 keys>)"


def test_the_token_kid_selects_the_key(keys_dir: Path, jwks: dict[str, Any]) -> None:
    verifier = onejwt.Verifier(keys=onejwt.KeySet.from_jwks(jwks), algorithms=["EdDSA"])
    signer = onejwt.Key.from_pem((keys_dir / "ed25519-b.private.pkcs8.pem").read_text())
    assert verifier.verify(onejwt.sign({"n": 1}, signer, "EdDSA", kid="b"), now=0) == {"n": 1}
    with pytest.raises(onejwt.InvalidSignatureError):
        verifier.verify(onejwt.sign({"n": 1}, signer, "EdDSA", kid="a"), now=0)
    with pytest.raises(onejwt.KeyNotFoundError):
        verifier.verify(onejwt.sign({"n": 1}, signer, "EdDSA", kid="zzz"), now=0)
    with pytest.raises(onejwt.KeyNotFoundError):  # two candidates without a kid
        verifier.verify(onejwt.sign({"n": 1}, signer, "EdDSA"), now=0)


@pytest.mark.parametrize("jwks", [{"keys": "x"}, {}, "[]", {"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}])
def test_broken_sets_are_invalid_keys(jwks: Any) -> None:
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.KeySet.from_jwks(jwks)


def test_argument_type() -> None:
    with pytest.raises(TypeError):
        onejwt.KeySet.from_jwks([])  # type: ignore[arg-type]
