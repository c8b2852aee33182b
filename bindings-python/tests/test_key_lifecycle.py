"""Key lifecycle (issue 14): Key.generate, JWK/PEM export and RFC 7638 thumbprints, cryptography key
objects wherever a Key is taken, and a TokenService's key ring (rotate_key, jwks, signing_kid,
private_jwks), for TokenService and AsyncTokenService."""

from __future__ import annotations

import asyncio
import base64
import inspect
import json
import os
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any, Union

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from jwt.algorithms import ECAlgorithm, HMACAlgorithm, OKPAlgorithm, RSAAlgorithm

import onejwt
from onejwt import AsyncTokenService, Key, KeySet, TokenService, Verifier

NOW = 1_700_000_000
ALGORITHMS = [
    "HS256", "HS384", "HS512",
    "RS256", "RS384", "RS512",
    "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512",
    "EdDSA", "Ed25519",
]  # fmt: skip
FAMILIES = {"HS": "hmac", "RS": "rsa", "PS": "rsa", "ES256": "ec-p256", "ES384": "ec-p384", "ES512": "ec-p521"}
PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "k"}
# RFC 7638 §3.1's example key and its thumbprint.
RFC7638_JWK = {
    "kty": "RSA",
    "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    "e": "AQAB",
    "alg": "RS256",
    "kid": "2011-04-29",
}
RFC7638_THUMBPRINT = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def family_of(algorithm: str) -> str:
    if algorithm in ("EdDSA", "Ed25519"):
        return "ed25519"
    return FAMILIES.get(algorithm, FAMILIES.get(algorithm[:2], ""))


_GENERATED: dict[str, Key] = {}


def generated(algorithm: str, name: str = "") -> Key:
    """One generated key per algorithm (and name) for the whole module (RSA generation takes ~0.5 s)."""
    if algorithm + name not in _GENERATED:
        _GENERATED[algorithm + name] = Key.generate(algorithm)
    return _GENERATED[algorithm + name]


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verifies(token: str, key: Key, algorithm: str) -> dict[str, Any]:
    return Verifier(key=key, algorithms=[algorithm]).verify(token, now=NOW)


# --- generate, export, read back -------------------------------------------------------------------


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_generate_export_read_back_sign_verify(algorithm: str) -> None:
    key = generated(algorithm)
    assert key.family == family_of(algorithm) and key.can_sign
    assert key.kid == key.thumbprint(), "a generated key is named by its RFC 7638 thumbprint"
    private_jwk = key.to_jwk(private=True)
    assert private_jwk["alg"] == algorithm and private_jwk["kid"] == key.kid
    token = onejwt.sign({"sub": "42"}, key, algorithm)
    assert onejwt.decode_unverified(token)[0] == {"alg": algorithm, "kid": key.kid, "typ": "JWT"}
    readers: list[Key] = [Key.from_jwk(private_jwk), Key.from_jwk(json.dumps(private_jwk))]
    if key.family == "hmac":
        with pytest.raises(onejwt.InvalidKeyError):
            key.to_jwk()
        with pytest.raises(onejwt.InvalidKeyError):
            key.to_pem(private=True)
        secret = b64url_decode(private_jwk["k"])
        assert len(secret) == int(algorithm[2:]) // 8
        readers.append(Key.hmac(secret))
    else:
        public_jwk, public_pem, private_pem = key.to_jwk(), key.to_pem(), key.to_pem(private=True)
        assert public_pem.startswith("-----BEGIN PUBLIC KEY-----\n")
        assert private_pem.startswith("-----BEGIN PRIVATE KEY-----\n")
        publics = [Key.from_jwk(public_jwk), Key.from_pem(public_pem), Key.from_pem(public_pem.encode())]
        for public in publics:
            assert not public.can_sign and public.thumbprint() == key.thumbprint()
            assert verifies(token, public, algorithm) == {"sub": "42"}
        readers.append(Key.from_pem(private_pem))
    for reader in readers:
        assert reader.thumbprint() == key.thumbprint()
        # Each read-back key verifies the original's token and signs tokens the original verifies.
        assert verifies(token, reader, algorithm) == {"sub": "42"}
        assert verifies(onejwt.sign({"sub": "7"}, reader, algorithm), key, algorithm) == {"sub": "7"}


@pytest.mark.parametrize("algorithm", [a for a in ALGORITHMS if not a.startswith("HS")])
def test_pem_exports_load_in_cryptography(algorithm: str) -> None:
    key = generated(algorithm)
    private = serialization.load_pem_private_key(key.to_pem(private=True).encode(), password=None)
    public = serialization.load_pem_public_key(key.to_pem().encode())
    kinds: dict[str, tuple[type, type]] = {
        "rsa": (rsa.RSAPrivateKey, rsa.RSAPublicKey),
        "ed25519": (ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey),
    }
    private_type, public_type = kinds.get(key.family, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey))
    assert isinstance(private, private_type) and isinstance(public, public_type)
    # The loaded private key's public half is the exported public key.
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    assert private.public_key().public_bytes(serialization.Encoding.PEM, spki).decode() == key.to_pem()


def pyjwt_keys(key: Key) -> tuple[Any, Any]:
    """The key's JWKs read by PyJWT: (the signing key, the verifying key)."""
    if key.family == "hmac":
        secret = HMACAlgorithm.from_jwk(key.to_jwk(private=True))
        return secret, secret
    reader: Any = {"rsa": RSAAlgorithm, "ed25519": OKPAlgorithm}.get(key.family, ECAlgorithm)
    return reader.from_jwk(key.to_jwk(private=True)), reader.from_jwk(json.dumps(key.to_jwk()))


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_jwk_exports_load_in_pyjwt_and_verify_onejwt_tokens(algorithm: str) -> None:
    key = generated(algorithm)
    private, public = pyjwt_keys(key)
    token = onejwt.sign({"sub": "42", "exp": NOW + 60}, key, algorithm)
    if algorithm == "Ed25519":
        # PyJWT knows Ed25519 keys only under "EdDSA": check the signature with the key it read.
        signing_input, _, signature = token.rpartition(".")
        public.verify(b64url_decode(signature), signing_input.encode())
        return
    options: Any = {"verify_exp": False}
    assert jwt.decode(token, public, algorithms=[algorithm], options=options)["sub"] == "42"
    # PEM-loaded objects too, and PyJWT's tokens signed with the JWK-read key verify in onejwt.
    if key.family != "hmac":
        loaded: Any = serialization.load_pem_public_key(key.to_pem().encode())
        assert jwt.decode(token, loaded, algorithms=[algorithm], options=options)["sub"] == "42"
    theirs = jwt.encode({"sub": "pyjwt"}, private, algorithm=algorithm)
    assert verifies(theirs, key, algorithm) == {"sub": "pyjwt"}


def test_rfc7638_example_thumbprint() -> None:
    key = Key.from_jwk(RFC7638_JWK)
    assert key.thumbprint() == RFC7638_THUMBPRINT
    # The kid a key carries is not part of it.
    assert key.with_kid("another").thumbprint() == RFC7638_THUMBPRINT
    assert Key.from_pem(key.to_pem()).thumbprint() == RFC7638_THUMBPRINT


@pytest.mark.parametrize("algorithm", ["RS256", "ES256", "ES384", "ES512", "EdDSA"])
def test_public_exports_never_hold_a_private_member(algorithm: str) -> None:
    key = generated(algorithm)
    public = Key.from_jwk(key.to_jwk())
    for jwk in [key.to_jwk(), key.to_jwk(private=False), public.to_jwk()]:
        assert not PRIVATE_MEMBERS & set(jwk), jwk
    assert PRIVATE_MEMBERS & set(key.to_jwk(private=True))
    keys = KeySet.from_jwks({"keys": [key.to_jwk(private=True)]})
    assert not any(PRIVATE_MEMBERS & set(k) for k in keys.to_jwks()["keys"])
    # A public key has no private half to export.
    with pytest.raises(onejwt.InvalidKeyError):
        public.to_jwk(private=True)
    with pytest.raises(onejwt.InvalidKeyError):
        public.to_pem(private=True)
    with pytest.raises(onejwt.InvalidKeyError):
        KeySet.from_jwks({"keys": [key.to_jwk()]}).to_jwks(private=True)


def test_an_hmac_secret_is_never_published() -> None:
    for key in [generated("HS256"), Key.hmac(b"a-32-byte-secret-for-hs256-use!!")]:
        with pytest.raises(onejwt.InvalidKeyError) as err:
            key.to_jwk()
        assert err.value.code == "invalid_key"
        with pytest.raises(onejwt.InvalidKeyError):
            key.to_pem()
        assert key.to_jwk(private=True)["kty"] == "oct"
    secrets = KeySet.from_jwks({"keys": [generated("HS256").to_jwk(private=True)]}, allow_oct=True)
    with pytest.raises(onejwt.InvalidKeyError):
        secrets.to_jwks()
    assert secrets.to_jwks(private=True)["keys"][0]["kty"] == "oct"
    with pytest.raises(onejwt.InvalidKeyError):
        TokenService(secret_key="a-32-byte-secret-for-hs256-use!!").jwks()


def test_generate_options() -> None:
    key = Key.generate("RS256", bits=3072, kid="big")
    assert key.kid == "big" and len(b64url_decode(key.to_jwk()["n"])) == 3072 // 8
    token = onejwt.sign({"sub": "42"}, key, "RS256")
    assert onejwt.decode_unverified(token)[0]["kid"] == "big"
    # The sign option replaces the key's kid.
    assert onejwt.decode_unverified(onejwt.sign({}, key, "RS256", kid="other"))[0]["kid"] == "other"
    with pytest.raises(onejwt.OptionsValueError) as err:
        Key.generate("RS256", bits=1024)
    assert err.value.option == "bits" and "`bits`" in str(err.value)
    with pytest.raises(ValueError) as err_es:
        Key.generate("ES256", bits=2048)
    assert getattr(err_es.value, "option", None) == "bits"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        Key.generate("ES256", kid=5)  # type: ignore[arg-type]
    assert type_err.value.option == "kid"
    with pytest.raises(onejwt.OptionsValueError) as unknown:
        Key.generate("RS256", modulusLength=2048)  # type: ignore[call-arg]
    assert unknown.value.option == "modulusLength" and "onejwt calls it `bits`" in str(unknown.value)
    with pytest.raises(onejwt.UnsupportedAlgorithmError):
        Key.generate("none")
    with pytest.raises(TypeError):
        Key.generate(256)  # type: ignore[arg-type]


def test_with_kid_and_repr_show_no_material() -> None:
    key = generated("ES256")
    renamed = key.with_kid("2026-12")
    assert (renamed.kid, key.kid) == ("2026-12", key.thumbprint())
    assert renamed.to_jwk()["kid"] == "2026-12" and renamed.thumbprint() == key.thumbprint()
    assert onejwt.decode_unverified(onejwt.sign({}, renamed, "ES256"))[0]["kid"] == "2026-12"
    assert key.to_jwk(private=True)["d"] not in repr(key)


# --- cryptography key objects ------------------------------------------------------------------------


CRYPTOGRAPHY_KEYS: dict[str, Callable[[], Any]] = {
    "RS256": lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048),
    "ES256": lambda: ec.generate_private_key(ec.SECP256R1()),
    "ES384": lambda: ec.generate_private_key(ec.SECP384R1()),
    "ES512": lambda: ec.generate_private_key(ec.SECP521R1()),
    "EdDSA": ed25519.Ed25519PrivateKey.generate,
}


@pytest.mark.parametrize("algorithm", CRYPTOGRAPHY_KEYS)
def test_cryptography_objects_wherever_a_key_is_taken(algorithm: str) -> None:
    private = CRYPTOGRAPHY_KEYS[algorithm]()
    public = private.public_key()
    # Key.from_cryptography, and back.
    key = Key.from_cryptography(private)
    assert key.can_sign and not Key.from_cryptography(public).can_sign
    assert Key.from_cryptography(public).thumbprint() == key.thumbprint()
    # sign(claims, key, alg) and Verifier(key=...).
    token = onejwt.sign({"sub": "42"}, private, algorithm)
    assert Verifier(key=public, algorithms=[algorithm]).verify(token) == {"sub": "42"}
    assert Verifier(key=private, algorithms=[algorithm]).verify(onejwt.sign({"sub": "1"}, key, algorithm))["sub"] == "1"
    # TokenService(private_key=..., public_key=...): the objects' PEM.
    service = TokenService(algorithm=algorithm, private_key=private, public_key=public)
    assert verifies(service.create_access_token("42", now=NOW), key, algorithm)["sub"] == "42"
    only_private = TokenService(algorithm=algorithm, private_key=private)
    issued = only_private.create_access_token("42", now=NOW)
    # rotate_key(key): a cryptography object becomes the signing key.
    new_private = CRYPTOGRAPHY_KEYS[algorithm]()
    only_private.rotate_key(new_private, now=NOW)
    assert only_private.signing_kid == Key.from_cryptography(new_private).thumbprint()
    assert only_private.verify(issued, now=NOW + 1)["sub"] == "42"
    assert verifies(only_private.create_access_token("7", now=NOW), Key.from_cryptography(new_private.public_key()), algorithm)["sub"] == "7"


@pytest.mark.parametrize("algorithm", [a for a in ALGORITHMS if not a.startswith("HS")])
def test_to_cryptography_round_trip(algorithm: str) -> None:
    key = generated(algorithm)
    private = key.to_cryptography()
    public = Key.from_jwk(key.to_jwk()).to_cryptography()
    assert hasattr(private, "private_bytes") and hasattr(public, "public_bytes")
    assert Key.from_cryptography(private).thumbprint() == key.thumbprint()
    assert Key.from_cryptography(public).thumbprint() == key.thumbprint()
    assert Verifier(key=public, algorithms=[algorithm]).verify(onejwt.sign({"sub": "x"}, private, algorithm))["sub"] == "x"


def test_what_is_not_a_key() -> None:
    with pytest.raises(onejwt.InvalidKeyError):
        generated("HS256").to_cryptography()
    with pytest.raises(onejwt.OptionsTypeError) as err:
        onejwt.sign({}, "secret", "HS256")  # type: ignore[arg-type]
    assert str(err.value) == "invalid argument `key`: must be a Key or a cryptography key object, not str"
    with pytest.raises(onejwt.OptionsTypeError) as verifier_err:
        Verifier(key=b"secret", algorithms=["HS256"])  # type: ignore[arg-type]
    assert str(verifier_err.value) == "invalid option `key`: must be a Key or a cryptography key object, not bytes"
    with pytest.raises(onejwt.OptionsTypeError) as from_err:
        Key.from_cryptography(generated("ES256"))  # type: ignore[arg-type]
    assert from_err.value.option == "key"
    with pytest.raises(onejwt.OptionsTypeError) as service_err:
        TokenService(algorithm="ES256", private_key=object())  # type: ignore[arg-type]
    assert service_err.value.option == "private_key"
    with pytest.raises(onejwt.OptionsTypeError) as rotate_err:
        TokenService(secret_key="a-32-byte-secret-for-hs256-use!!").rotate_key("another-32-byte-secret-for-hs256")  # type: ignore[arg-type]
    assert rotate_err.value.option == "key"
    # Keys cryptography has and onejwt does not implement: the core's verdict.
    from cryptography.hazmat.primitives.asymmetric import x25519

    with pytest.raises(onejwt.InvalidKeyError):
        Key.from_cryptography(x25519.X25519PrivateKey.generate())
    with pytest.raises(onejwt.InvalidKeyError):
        onejwt.sign({}, rsa.generate_private_key(public_exponent=65537, key_size=1024), "RS256")


class LooksLikeAKey:
    """Has a key's serializer, but is no cryptography key."""

    def private_bytes(self, encoding: Any, format: Any, encryption_algorithm: Any) -> bytes:
        raise AssertionError("not called when cryptography is not installed")


def test_without_cryptography(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if cryptography were not installed: importing it fails.
    monkeypatch.setitem(sys.modules, "cryptography.hazmat.primitives.serialization", None)
    with pytest.raises(ImportError) as err:
        generated("ES256").to_cryptography()
    assert "pip install cryptography" in str(err.value)
    with pytest.raises(onejwt.OptionsTypeError):
        onejwt.sign({}, LooksLikeAKey(), "ES256")
    # Keys and PEM text need no cryptography.
    assert onejwt.sign({}, generated("ES256"), "ES256")


# --- a service's key ring ----------------------------------------------------------------------------

AnyService = Union[TokenService, AsyncTokenService]
SERVICES: dict[str, Callable[..., AnyService]] = {"TokenService": TokenService, "AsyncTokenService": AsyncTokenService}


def settle(value: Any) -> Any:
    """The result of a call: run to completion when AsyncTokenService returned a coroutine."""
    if inspect.iscoroutine(value):
        return asyncio.run(value)
    return value


def verify(service: AnyService, token: str, token_type: str = "access", now: int = NOW) -> dict[str, Any]:
    claims: dict[str, Any] = settle(service.verify(token, token_type, now=now))  # type: ignore[arg-type]
    return claims


def kids(jwks: dict[str, Any]) -> list[str]:
    return [key["kid"] for key in jwks["keys"]]


@pytest.fixture(params=list(SERVICES))
def make(request: pytest.FixtureRequest) -> Callable[..., AnyService]:
    """TokenService or AsyncTokenService."""
    return SERVICES[request.param]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No JWT_* variable from the machine running the tests."""
    for name in list(os.environ):
        if name.startswith("JWT_"):
            monkeypatch.delenv(name)
    yield monkeypatch


# access_ttl 60, refresh_ttl 120, leeway 5: a retired key verifies for 125 s.
TTLS = {"access_ttl": 60, "refresh_ttl": 120, "leeway": 5}


def test_rotation_keeps_old_tokens_valid_for_their_lifetime(make: Callable[..., AnyService]) -> None:
    first, second = Key.generate("ES256", kid="k1"), Key.generate("ES256", kid="k2")
    service = make(algorithm="ES256", private_key=first.to_pem(private=True), kid="k1", **TTLS)
    assert service.signing_kid == "k1" and kids(service.jwks(now=NOW)) == ["k1"]
    pair = settle(service.login("42", now=NOW))
    service.rotate_key(second, now=NOW)
    assert service.signing_kid == "k2"
    assert kids(service.jwks(now=NOW)) == ["k2", "k1"], "the signing key first"
    assert onejwt.decode_unverified(service.create_access_token("42", now=NOW))[0]["kid"] == "k2"
    # Signed before the rotation: verifies after it, until the longest lifetime (plus leeway) is over.
    assert verify(service, pair.access_token, now=NOW + 1)["sub"] == "42"
    assert verify(service, pair.refresh_token, "refresh", now=NOW + 124)["sub"] == "42"
    assert kids(service.jwks(now=NOW + 124)) == ["k2", "k1"]
    with pytest.raises(onejwt.KeyNotFoundError) as err:
        verify(service, pair.refresh_token, "refresh", now=NOW + 125)
    assert err.value.code == "key_not_found"
    assert kids(service.jwks(now=NOW + 125)) == ["k2"]
    # `now` as every call takes it: an aware datetime too.
    assert kids(service.jwks(now=datetime.fromtimestamp(NOW + 124, timezone.utc))) == ["k2", "k1"]
    assert service.metrics()["keys_rotated"] == 1
    # Rotating to the current key again changes nothing (every instance may be told).
    service.rotate_key(second, now=NOW + 10)
    service.rotate_key(Key.from_cryptography(second.to_cryptography()).with_kid("k2"), now=NOW + 10)
    assert service.metrics()["keys_rotated"] == 1 and kids(service.jwks(now=NOW + 10)) == ["k2", "k1"]


def test_a_key_that_cannot_sign_for_the_service_is_refused(make: Callable[..., AnyService]) -> None:
    service = make(algorithm="ES256", private_key=Key.generate("ES256").to_pem(private=True))
    public = Key.from_jwk(Key.generate("ES256").to_jwk())
    for key in [public, Key.generate("ES384"), Key.generate("EdDSA"), Key.hmac(b"a-32-byte-secret-for-hs256-use!!")]:
        with pytest.raises(onejwt.OptionsValueError) as err:
            service.rotate_key(key, now=NOW)
        assert err.value.option == "key" and str(err.value).startswith("invalid option `key`: ")
    # Another key under the current kid.
    with pytest.raises(onejwt.OptionsValueError) as clash:
        service.rotate_key(Key.generate("ES256", kid=service.signing_kid), now=NOW)
    assert clash.value.option == "key"
    # A service whose configured public_key verifies: a rotation could not change it.
    pinned = make(algorithm="EdDSA", private_key=Key.generate("EdDSA").to_pem(private=True),
                  public_key=Key.generate("EdDSA").to_pem())  # fmt: skip
    with pytest.raises(onejwt.OptionsValueError) as pinned_err:
        pinned.rotate_key(Key.generate("EdDSA"), now=NOW)
    assert pinned_err.value.option == "key"
    # A verify-only service has no signing key and no key ring.
    verify_only = make(algorithm="EdDSA", public_key=Key.generate("EdDSA").to_pem())
    assert verify_only.signing_kid is None
    with pytest.raises(onejwt.OptionsValueError):
        verify_only.rotate_key(Key.generate("EdDSA"), now=NOW)
    with pytest.raises(onejwt.InvalidKeyError):
        verify_only.jwks(private=True)
    assert len(verify_only.jwks()["keys"]) == 1
    # The options: `now` as every call takes it, an unknown name refused by the core.
    with pytest.raises(onejwt.OptionsValueError) as now_err:
        service.jwks(now=float("nan"))
    assert now_err.value.option == "now"
    # An unknown name: the core's refusal (AsyncTokenService's signature names its options).
    with pytest.raises(TypeError if isinstance(service, AsyncTokenService) else onejwt.OptionsValueError):
        service.jwks(publish=True)  # type: ignore[call-arg]


def test_hmac_services_rotate_too(make: Callable[..., AnyService]) -> None:
    service = make(secret_key="a-32-byte-secret-for-hs256-use!!", kid="s1", **TTLS)
    old = service.create_access_token("42", now=NOW)
    service.rotate_key(Key.generate("HS256", kid="s2"), now=datetime.fromtimestamp(NOW, timezone.utc))
    assert service.signing_kid == "s2" and verify(service, old)["sub"] == "42"
    with pytest.raises(onejwt.InvalidKeyError):
        service.jwks()
    assert kids(service.jwks(private=True, now=NOW)) == ["s2", "s1"]


def key_ring(*keys: Key) -> dict[str, Any]:
    return {"keys": [key.to_jwk(private=True) for key in keys]}


@pytest.mark.parametrize("form", ["dict", "json"])
def test_private_jwks_config(make: Callable[..., AnyService], form: str) -> None:
    current, previous = Key.generate("EdDSA", kid="now"), Key.generate("EdDSA", kid="before")
    ring = key_ring(current, previous)
    service = make(algorithm="EdDSA", private_jwks=ring if form == "dict" else json.dumps(ring), kid="now", **TTLS)
    assert service.signing_kid == "now" and kids(service.jwks(now=NOW)) == ["now", "before"]
    # A token the previous key signed verifies; issued tokens carry the current kid.
    old = make(algorithm="EdDSA", private_jwks=key_ring(previous), kid="before").create_access_token("1", now=NOW)
    assert verify(service, old)["sub"] == "1"
    assert onejwt.decode_unverified(service.create_access_token("42", now=NOW))[0]["kid"] == "now"
    # A kid that names no key of the ring, and a ring with a public key as the current one.
    with pytest.raises(ValueError):
        make(algorithm="EdDSA", private_jwks=ring, kid="nobody")
    with pytest.raises(ValueError):
        make(algorithm="EdDSA", private_jwks={"keys": [current.to_jwk()]}, kid="now")


def test_private_jwks_from_the_environment(clean_env: pytest.MonkeyPatch, make: Callable[..., AnyService]) -> None:
    current, previous = Key.generate("ES384", kid="e2"), Key.generate("ES384", kid="e1")
    clean_env.setenv("JWT_ALGORITHM", "ES384")
    clean_env.setenv("JWT_PRIVATE_JWKS", json.dumps(key_ring(current, previous)))
    clean_env.setenv("JWT_KID", "e2")
    cls: Any = make
    service: AnyService = cls.from_env()
    assert service.signing_kid == "e2" and kids(service.jwks(now=NOW)) == ["e2", "e1"]
    old = make(algorithm="ES384", private_key=previous.to_pem(private=True), kid="e1").create_access_token("1", now=NOW)
    assert verify(service, old)["sub"] == "1"


def test_the_private_jwks_configures_the_next_instance(make: Callable[..., AnyService]) -> None:
    service = make(algorithm="RS256", private_key=generated("RS256").to_pem(private=True), **TTLS)
    before = service.create_access_token("42", now=NOW)
    service.rotate_key(generated("RS256", "b").with_kid("rs-2"), now=NOW)
    after = service.create_access_token("43", now=NOW)
    ring = service.jwks(private=True, now=NOW)
    assert kids(ring) == ["rs-2", generated("RS256").thumbprint()]
    assert all({"d", "p", "q"} <= set(key) for key in ring["keys"])
    twin = make(algorithm="RS256", private_jwks=ring, kid=service.signing_kid, **TTLS)
    assert twin.signing_kid == "rs-2"
    assert verify(twin, before)["sub"] == "42" and verify(twin, after)["sub"] == "43"
    assert twin.jwks(now=NOW) == service.jwks(now=NOW)
    # The public JWKS verifies the service's tokens in any JWKS verifier.
    published = KeySet.from_jwks(service.jwks(now=NOW))
    for token in (before, after):
        assert Verifier(keys=published, algorithms=["RS256"]).verify(token, now=NOW)["type"] == "access"


def test_a_key_is_accepted_as_private_key_and_public_key() -> None:
    key = onejwt.Key.generate("ES256")
    service = onejwt.TokenService(algorithm="ES256", private_key=key, issuer="https://auth.example")
    token = service.create_access_token("42", now=NOW)
    verifier = onejwt.TokenService(algorithm="ES256", public_key=key, issuer="https://auth.example")
    assert verifier.verify(token, now=NOW)["sub"] == "42"
    # The thumbprint kid of the PEM-read key is the generated key's own.
    assert service.signing_kid == key.kid
    with pytest.raises(ValueError, match="private_key"):
        onejwt.TokenService(algorithm="ES256", private_key=onejwt.Key.from_jwk(key.to_jwk()))
