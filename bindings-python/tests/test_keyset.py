"""KeySet: a JWKS from a dict or JSON text; each token selects exactly one key by kid and alg, and the keys
it leaves out are reported (SkippedKey)."""

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
    assert repr(onejwt.KeySet.from_jwks(jwks)) == "KeySet(<2 keys, 1 skipped>)"


def test_skipped_keys_are_reported(jwks: dict[str, Any]) -> None:
    jwks = {"keys": [*jwks["keys"], {"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA", "kid": "h"},
                     {"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}
    (x25519, oct, weak) = onejwt.KeySet.from_jwks(jwks).skipped
    assert isinstance(x25519, onejwt.SkippedKey)
    assert (x25519.index, x25519.kid, x25519.reason) == (2, "enc", "unsupported")
    assert (oct.index, oct.kid, oct.reason) == (3, "h", "oct_not_allowed")
    assert (weak.index, weak.kid, weak.reason) == (4, None, "invalid")
    assert "2048" in weak.message
    assert repr(oct) == ("SkippedKey(index=3, kid='h', reason='oct_not_allowed', message='an oct key (a shared "
                         "secret) is used only when oct keys are allowed (allow_oct)')")
    allowed = onejwt.KeySet.from_jwks(jwks, allow_oct=True)
    assert len(allowed) == 3 and [s.index for s in allowed.skipped] == [2, 4]
    assert [s.index for s in onejwt.KeySet.from_jwks(jwks, allow_oct=None).skipped] == [2, 3, 4]


def test_a_set_with_no_usable_key_is_refused() -> None:
    with pytest.raises(onejwt.InvalidKeyError) as err:
        onejwt.KeySet.from_jwks({"keys": [{"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}]})
    assert "no usable key" in str(err.value) and "oct_not_allowed" in str(err.value)
    with pytest.raises(onejwt.InvalidKeyError, match="holds no keys"):
        onejwt.KeySet.from_jwks({"keys": []})


def test_options_are_the_cores() -> None:
    jwks = {"keys": [{"kty": "oct", "k": "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"}]}
    with pytest.raises(onejwt.OptionsTypeError) as err:
        onejwt.KeySet.from_jwks(jwks, allow_oct="yes")  # type: ignore[arg-type]
    assert err.value.option == "allow_oct"
    with pytest.raises(onejwt.OptionsValueError) as unknown:
        onejwt.KeySet.from_jwks(jwks, allowOct=True)  # type: ignore[call-arg]
    assert str(unknown.value) == "invalid option `allowOct`: unknown option (onejwt calls it `allow_oct`)"


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
