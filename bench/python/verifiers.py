"""Verifiers: each library's verify call, configured like onejwt's (algorithms=[alg], issuer,
audience, no leeway, the fixture's now) with its key prepared the way its label says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clock import leeway_for
from fixtures import AlgFixture, Fixtures
from gate import Candidate, Skip
from keys import joserfc_key, pem

REFERENCE = "PyJWT (key object)"


def onejwt_verifier(fx: Fixtures, af: AlgFixture) -> Candidate:
    import onejwt

    key = onejwt.Key.hmac(af.secret) if af.secret is not None else onejwt.Key.from_pem(pem(af, private=False))
    verifier = onejwt.Verifier(key=key, algorithms=[af.alg], issuer=fx.issuer, audience=fx.audience)
    verify, now = verifier.verify, fx.now

    def bind(token: str) -> Callable[[], Any]:
        return lambda: verify(token, now=now)

    return Candidate("onejwt", bind, "Verifier built once; verify(token, now=...)")


def pyjwt_key_object(fx: Fixtures, af: AlgFixture) -> Candidate:
    import jwt
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    # An HMAC secret has no other form in PyJWT than its bytes.
    key: Any = af.secret.encode() if af.secret is not None else load_pem_public_key(pem(af, private=False).encode())
    return Candidate(REFERENCE, _pyjwt_style(jwt.decode, key, fx, af),
                     "cryptography key loaded once; exp judged at now via leeway (see clock.py)")


def pyjwt_pem_per_call(fx: Fixtures, af: AlgFixture) -> Candidate | Skip:
    import jwt

    if af.public_pem is None:
        return Skip("PyJWT (PEM per call)", "not applicable: an HMAC secret has no PEM form "
                    "(the key-object row already passes the secret)")
    return Candidate("PyJWT (PEM per call)", _pyjwt_style(jwt.decode, af.public_pem, fx, af),
                     "PEM str parsed on every call; exp judged at now via leeway")


def pyjwt_rs(fx: Fixtures, af: AlgFixture) -> Candidate | Skip:
    try:
        import jwt_rs  # type: ignore[import-untyped]
    except ImportError as error:
        return Skip("pyjwt-rs", f"not installed ({error}): it ships only an sdist, and "
                    "make bench-python could not build it here (see its output)")
    # pyjwt-rs caches its parsed key by the key's value, so the PEM/secret string is its fast path.
    key = af.secret if af.secret is not None else af.public_pem
    return Candidate("pyjwt-rs", _pyjwt_style(jwt_rs.decode, key, fx, af),
                     "PEM/secret str; pyjwt-rs caches the parsed key by value; exp via leeway")


def joserfc_verifier(fx: Fixtures, af: AlgFixture) -> Candidate | Skip:
    try:
        from joserfc import jwt
    except ImportError as error:
        return Skip("joserfc", f"not installed: {error}")
    key = joserfc_key(af, private=False)
    registry = jwt.JWTClaimsRegistry(
        now=fx.now,
        leeway=0,
        iss={"essential": True, "value": fx.issuer},
        aud={"essential": True, "value": fx.audience},
    )
    decode, validate, algorithms = jwt.decode, registry.validate, [af.alg]

    def bind(token: str) -> Callable[[], Any]:
        def op() -> Any:
            claims = decode(token, key, algorithms=algorithms).claims
            validate(claims)
            return claims

        return op

    return Candidate("joserfc", bind, "key imported once; JWTClaimsRegistry(now=...) built once")


def candidates(fx: Fixtures, af: AlgFixture) -> list[Candidate | Skip]:
    """onejwt first, then the reference, then the other peers (the order rows are printed in)."""
    return [
        onejwt_verifier(fx, af),
        pyjwt_key_object(fx, af),
        pyjwt_pem_per_call(fx, af),
        joserfc_verifier(fx, af),
        pyjwt_rs(fx, af),
    ]


def _pyjwt_style(decode: Callable[..., Any], key: Any, fx: Fixtures, af: AlgFixture) -> Callable[[str], Callable[[], Any]]:
    """PyJWT's decode signature, which pyjwt-rs copies."""
    algorithms, audience, issuer, now = [af.alg], fx.audience, fx.issuer, fx.now

    def bind(token: str) -> Callable[[], Any]:
        leeway = leeway_for(now)
        return lambda: decode(token, key, algorithms=algorithms, audience=audience, issuer=issuer, leeway=leeway)

    return bind

