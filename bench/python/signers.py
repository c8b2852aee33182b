"""Signers: each library issuing the fixture claims as a compact JWS, key prepared as labelled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fixtures import AlgFixture, Fixtures
from gate import Candidate, Skip
from keys import joserfc_key, pem


def _constant(op: Callable[[], Any]) -> Callable[[str], Callable[[], Any]]:
    """Signers take no token: every bind returns the same call."""
    return lambda _token: op


def onejwt_signer(fx: Fixtures, af: AlgFixture) -> Candidate:
    import onejwt

    key = onejwt.Key.hmac(af.secret) if af.secret is not None else onejwt.Key.from_pem(pem(af, private=True))
    sign, claims, alg = onejwt.sign, fx.claims, af.alg
    return Candidate("onejwt", _constant(lambda: sign(claims, key, alg)), "Key built once; sign(claims, key, alg)")


def pyjwt_key_object(fx: Fixtures, af: AlgFixture) -> Candidate:
    import jwt
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key: Any = (af.secret.encode() if af.secret is not None
                else load_pem_private_key(pem(af, private=True).encode(), password=None))
    encode, claims, alg = jwt.encode, fx.claims, af.alg
    return Candidate("PyJWT (key object)", _constant(lambda: encode(claims, key, algorithm=alg)),
                     "cryptography key loaded once")


def pyjwt_pem_per_call(fx: Fixtures, af: AlgFixture) -> Candidate | Skip:
    import jwt

    if af.private_pem is None:
        return Skip("PyJWT (PEM per call)", "not applicable: an HMAC secret has no PEM form")
    encode, claims, alg, pem = jwt.encode, fx.claims, af.alg, af.private_pem
    return Candidate("PyJWT (PEM per call)", _constant(lambda: encode(claims, pem, algorithm=alg)),
                     "PEM str parsed on every call")


def joserfc_signer(fx: Fixtures, af: AlgFixture) -> Candidate | Skip:
    try:
        from joserfc import jwt
    except ImportError as error:
        return Skip("joserfc", f"not installed: {error}")
    key = joserfc_key(af, private=True)
    encode, header, claims, algorithms = jwt.encode, {"alg": af.alg}, fx.claims, [af.alg]
    return Candidate("joserfc", _constant(lambda: encode(header, claims, key, algorithms=algorithms)),
                     "key imported once")


def pyjwt_rs(fx: Fixtures, af: AlgFixture) -> Candidate | Skip:
    try:
        import jwt_rs  # type: ignore[import-untyped]
    except ImportError as error:
        return Skip("pyjwt-rs", f"not installed ({error}): it ships only an sdist, and "
                    "make bench-python could not build it here (see its output)")
    key = af.secret if af.secret is not None else af.private_pem
    encode, claims, alg = jwt_rs.encode, fx.claims, af.alg
    return Candidate("pyjwt-rs", _constant(lambda: encode(claims, key, algorithm=alg)),
                     "PEM/secret str; pyjwt-rs caches the parsed key by value")


def candidates(fx: Fixtures, af: AlgFixture) -> list[Candidate | Skip]:
    return [
        onejwt_signer(fx, af),
        pyjwt_key_object(fx, af),
        pyjwt_pem_per_call(fx, af),
        joserfc_signer(fx, af),
        pyjwt_rs(fx, af),
    ]

