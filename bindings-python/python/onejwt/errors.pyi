# Type stubs of onejwt.errors: the per-code classes are made at import from the core's table
# (ErrorCode::ALL with ErrorCode::description); this listing is for type checkers and IDEs, and
# tests/test_errors.py (with `mypy.stubtest onejwt.errors`) fails when it disagrees with the table.
from typing import Optional

__all__ = [
    "JwtError",
    "MalformedError",
    "TokenTooLargeError",
    "UnsupportedAlgorithmError",
    "AlgorithmNotAllowedError",
    "KeyNotFoundError",
    "InvalidKeyError",
    "InvalidSignatureError",
    "ExpiredError",
    "NotYetValidError",
    "InvalidIssuerError",
    "InvalidAudienceError",
    "MissingClaimError",
    "InvalidClaimError",
    "WrongTokenTypeError",
    "RevokedError",
    "StoreUnavailableError",
    "OptionsError",
    "OptionsTypeError",
    "OptionsValueError",
]

class JwtError(Exception):
    """A token or key was refused.

    ``code`` is one of ``onejwt.ERROR_CODES``; ``claim`` names the claim at fault for claim
    failures (``"exp"``, ``"aud"``, ...) and is ``None`` otherwise; ``message`` is the reason.
    ``str(err)`` is ``"<code>: <message>"``.
    """

    code: str
    claim: Optional[str]
    message: str
    def __init__(self, message: str, claim: Optional[str] = None, code: Optional[str] = None) -> None: ...

class MalformedError(JwtError):
    """The token is not a well-formed compact JWS carrying a JSON claims object."""

class TokenTooLargeError(JwtError):
    """The token is longer than the verifier's max_token_bytes."""

class UnsupportedAlgorithmError(JwtError):
    """The alg is allowed by the verifier but onejwt does not implement it (ES256K, Ed448, …)."""

class AlgorithmNotAllowedError(JwtError):
    """The alg is not in the verifier's allow-list (this includes none)."""

class KeyNotFoundError(JwtError):
    """No key, or more than one key, of the key set can verify this token."""

class InvalidKeyError(JwtError):
    """The key is unusable: malformed, too weak, or of the wrong family for the algorithm."""

class InvalidSignatureError(JwtError):
    """The signature does not verify."""

class ExpiredError(JwtError):
    """The token has expired (exp), or is older than max_age."""

class NotYetValidError(JwtError):
    """The token is not valid yet (nbf, or iat in the future)."""

class InvalidIssuerError(JwtError):
    """The iss claim is not an accepted issuer."""

class InvalidAudienceError(JwtError):
    """The aud claim does not name an accepted audience (an empty aud names none)."""

class MissingClaimError(JwtError):
    """A required claim is absent (or null)."""

class InvalidClaimError(JwtError):
    """A registered claim has the wrong type, or not the configured value (sub)."""

class WrongTokenTypeError(JwtError):
    """The token's type (typ header, or a TokenService's type claim) is not the expected one."""

class RevokedError(JwtError):
    """The token was revoked, or its session was (logout, or a refresh token used twice)."""

class StoreUnavailableError(JwtError):
    """A TokenService's session store failed, timed out or is full: no verdict on the token (fail closed; answer 503, not 401)."""

# The class of each code, in the core's order (what the native module raises from).
_CLASSES: dict[str, type[JwtError]]

class OptionsError(Exception):
    """A caller mistake in an option or argument (not a verdict on a token): ``option`` names it."""

    option: str
    def __init__(self, message: str, option: str) -> None: ...

class OptionsTypeError(OptionsError, TypeError):
    """An option or argument has the wrong type (for example ``leeway="5"``)."""

class OptionsValueError(OptionsError, ValueError):
    """An option has a refused value (``algorithms=["none"]``) or is unknown (``leway=5``)."""
