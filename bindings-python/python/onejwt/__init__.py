"""onejwt: strict, fast JSON Web Tokens, decided by one Rust core shared by every runtime.

>>> from onejwt import Key, Verifier, sign
>>> key = Key.hmac(b"a-32-byte-secret-for-hs256-use!!")
>>> token = sign({"sub": "42", "exp": 2_000_000_000}, key, "HS256")
>>> Verifier(key=key, algorithms=["HS256"]).verify(token, now=1_700_000_000)["sub"]
'42'

Every refused token raises a :class:`JwtError` subclass whose ``code`` is one of
:data:`ERROR_CODES`; a caller mistake in an option raises ``TypeError``/``ValueError``.
"""

from onejwt._onejwt import (
    ERROR_CODES,
    WEBSOCKET_PROTOCOL,
    Extracted,
    Key,
    KeySet,
    TokenPair,
    TokenService,
    Verifier,
    __version__,
    decode_unverified,
    extract_token,
    sign,
)
from onejwt.errors import (
    AlgorithmNotAllowedError,
    ExpiredError,
    InvalidAudienceError,
    InvalidClaimError,
    InvalidIssuerError,
    InvalidKeyError,
    InvalidSignatureError,
    JwtError,
    KeyNotFoundError,
    MalformedError,
    MissingClaimError,
    NotYetValidError,
    OptionsError,
    OptionsTypeError,
    OptionsValueError,
    RevokedError,
    TokenTooLargeError,
    UnsupportedAlgorithmError,
    WrongTokenTypeError,
)
from onejwt.revocation import RevocationStore

__all__ = [
    "ERROR_CODES",
    "WEBSOCKET_PROTOCOL",
    "AlgorithmNotAllowedError",
    "ExpiredError",
    "Extracted",
    "InvalidAudienceError",
    "InvalidClaimError",
    "InvalidIssuerError",
    "InvalidKeyError",
    "InvalidSignatureError",
    "JwtError",
    "Key",
    "KeyNotFoundError",
    "KeySet",
    "MalformedError",
    "MissingClaimError",
    "NotYetValidError",
    "OptionsError",
    "OptionsTypeError",
    "OptionsValueError",
    "RevocationStore",
    "RevokedError",
    "TokenPair",
    "TokenService",
    "TokenTooLargeError",
    "UnsupportedAlgorithmError",
    "Verifier",
    "WrongTokenTypeError",
    "__version__",
    "decode_unverified",
    "extract_token",
    "sign",
]
