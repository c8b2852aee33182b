"""onejwt: strict, fast JSON Web Tokens, decided by one Rust core shared by every runtime.

>>> from onejwt import Key, Verifier, sign
>>> key = Key.hmac(b"a-32-byte-secret-for-hs256-use!!")
>>> token = sign({"sub": "42", "exp": 2_000_000_000}, key, "HS256")
>>> Verifier(key=key, algorithms=["HS256"]).verify(token, now=1_700_000_000)["sub"]
'42'

Every refused token raises a :class:`JwtError` subclass whose ``code`` is one of
:data:`ERROR_CODES`; a caller mistake in an option raises ``TypeError``/``ValueError``.

:class:`TokenService` issues and verifies a service's tokens with sessions (login, refresh,
logout); :class:`AsyncTokenService` is its asyncio form. Sessions live in memory by default, or in
a shared store (:class:`RedisStore`, :class:`AsyncRedisStore`, or any :class:`SessionStore`) when a
service runs as several processes.
"""

from onejwt._onejwt import (
    ERROR_CODES,
    WEBSOCKET_PROTOCOL,
    Extracted,
    Key,
    KeySet,
    SkippedKey,
    TokenPair,
    TokenService,
    Verifier,
    __version__,
    decode_unverified,
    extract_token,
    sign,
)
from onejwt import errors as _errors
from onejwt.errors import *  # noqa: F403 (JwtError, one class per code, OptionsError, ...)
from onejwt.aio import AsyncTokenService
from onejwt.redis_store import AsyncRedisStore, RedisStore
from onejwt.store import AsyncSessionStore, SessionStore, StoreReply, StoreRequest

__all__ = [
    "ERROR_CODES",
    "WEBSOCKET_PROTOCOL",
    "AsyncRedisStore",
    "AsyncSessionStore",
    "AsyncTokenService",
    "Extracted",
    "Key",
    "KeySet",
    "RedisStore",
    "SessionStore",
    "SkippedKey",
    "StoreReply",
    "StoreRequest",
    "TokenPair",
    "TokenService",
    "Verifier",
    "__version__",
    "decode_unverified",
    "extract_token",
    "sign",
]
__all__ += _errors.__all__
