"""Errors: the exceptions onejwt raises, one class per stable error code.

Every refused token or key raises a :class:`JwtError` subclass named after its code
(``expired`` -> :class:`ExpiredError`), so callers can catch the exact failure or match on
``err.code``, the same string in every onejwt runtime. Messages never contain token or key
material. Caller mistakes are not codes: a wrong option raises :class:`OptionsTypeError` (a
``TypeError``) or :class:`OptionsValueError` (a ``ValueError``), with ``.option`` naming it.

The native module raises these classes (``pyo3::import_exception!``); the mapping from codes to
classes lives in ``src/errors.rs``.
"""

from __future__ import annotations

from typing import Optional


class JwtError(Exception):
    """A token or key was refused.

    ``code`` is one of ``onejwt.ERROR_CODES``; ``claim`` names the claim at fault for claim
    failures (``"exp"``, ``"aud"``, ...) and is ``None`` otherwise; ``message`` is the reason.
    ``str(err)`` is ``"<code>: <message>"``.
    """

    code: str
    claim: Optional[str]
    message: str

    def __init__(self, message: str, claim: Optional[str] = None, code: Optional[str] = None) -> None:
        super().__init__(message)
        self.message = message
        self.claim = claim
        # Only for a code newer than this package, which raises the base class with its code.
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return f"{self.code}: {self.message}" if hasattr(self, "code") else self.message


class MalformedError(JwtError):
    """The token is not a well-formed compact JWS carrying a JSON claims object."""

    code = "malformed"


class TokenTooLargeError(JwtError):
    """The token is longer than the verifier's ``max_token_bytes``."""

    code = "token_too_large"


class UnsupportedAlgorithmError(JwtError):
    """The ``alg`` is allowed by the verifier but onejwt does not implement it (ES512)."""

    code = "unsupported_algorithm"


class AlgorithmNotAllowedError(JwtError):
    """The ``alg`` is not in the verifier's allow-list (this includes ``none``)."""

    code = "algorithm_not_allowed"


class KeyNotFoundError(JwtError):
    """No key, or more than one key, of the key set can verify this token."""

    code = "key_not_found"


class InvalidKeyError(JwtError):
    """The key is unusable: malformed, too weak, or of the wrong family for the algorithm."""

    code = "invalid_key"


class InvalidSignatureError(JwtError):
    """The signature does not verify."""

    code = "invalid_signature"


class ExpiredError(JwtError):
    """The token has expired (``exp``), or is older than ``max_age``."""

    code = "expired"


class NotYetValidError(JwtError):
    """The token is not valid yet (``nbf``, or ``iat`` in the future)."""

    code = "not_yet_valid"


class InvalidIssuerError(JwtError):
    """The ``iss`` claim is not an accepted issuer."""

    code = "invalid_issuer"


class InvalidAudienceError(JwtError):
    """The ``aud`` claim does not name an accepted audience."""

    code = "invalid_audience"


class MissingClaimError(JwtError):
    """A required claim is absent."""

    code = "missing_claim"


class InvalidClaimError(JwtError):
    """A registered claim has the wrong type."""

    code = "invalid_claim"


class WrongTokenTypeError(JwtError):
    """The token's type (``typ`` header, or a TokenService's ``type`` claim) is not the expected one."""

    code = "wrong_token_type"


class RevokedError(JwtError):
    """The token was revoked, or a TokenService's revocation store failed (fail closed)."""

    code = "revoked"


class OptionsError(Exception):
    """A caller mistake in an option or argument (not a verdict on a token): ``option`` names it.

    Always raised as :class:`OptionsTypeError` or :class:`OptionsValueError`, so ``except
    TypeError`` / ``except ValueError`` catch it too.
    """

    option: str

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option

    def __reduce__(self) -> tuple[type[OptionsError], tuple[str, str]]:
        # The default pickling calls cls(*args), and args lacks `option`.
        return (type(self), (str(self), self.option))


class OptionsTypeError(OptionsError, TypeError):
    """An option has the wrong type (for example ``leeway="5"``)."""


class OptionsValueError(OptionsError, ValueError):
    """An option has a refused value (``algorithms=["none"]``) or is unknown (``leway=5``)."""


__all__ = [
    "AlgorithmNotAllowedError",
    "ExpiredError",
    "InvalidAudienceError",
    "InvalidClaimError",
    "InvalidIssuerError",
    "InvalidKeyError",
    "InvalidSignatureError",
    "JwtError",
    "KeyNotFoundError",
    "MalformedError",
    "MissingClaimError",
    "NotYetValidError",
    "OptionsError",
    "OptionsTypeError",
    "OptionsValueError",
    "RevokedError",
    "TokenTooLargeError",
    "UnsupportedAlgorithmError",
    "WrongTokenTypeError",
]
