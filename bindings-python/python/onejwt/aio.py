"""Aio: :class:`AsyncTokenService`, :class:`onejwt.TokenService` for asyncio (FastAPI, Starlette,
aiohttp), whose session store may be asynchronous.

The core runs every store-touching call in two steps: it decides everything up to the store
request, then everything from the store's reply. This class only awaits the store in between
(``TokenService._start_*`` gives the finished result or a pending call, ``TokenService._finish``
takes the reply); it parses no option and decides nothing.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union, cast

from onejwt._onejwt import TokenPair, TokenService, _PendingCall
from onejwt.store import AsyncSessionStore, SessionStore

if TYPE_CHECKING:  # the argument types of the service's calls, as _onejwt.pyi names them
    from onejwt._onejwt import Key, _Claims, _KeyObject, _Now, _Object, _Strings, _TokenType

_T = TypeVar("_T")
_Store = Union[SessionStore, AsyncSessionStore]


class AsyncTokenService:
    """:class:`TokenService` with ``async`` store-touching methods, for asyncio servers.

    Takes the options of :class:`TokenService` (``secret_key``, ``issuer``, ``session_ttl``, ...),
    handed to the core as they are: the same checks, the same errors and hints. ``store`` may be synchronous
    (:class:`SessionStore`, such as :class:`RedisStore`) or asynchronous
    (:class:`AsyncSessionStore`, such as :class:`AsyncRedisStore`: ``execute`` returns an
    awaitable); without one, the sessions live in this process's memory and nothing is awaited.

    :meth:`login`, :meth:`verify`, :meth:`validate_token`, :meth:`extract_user_id`,
    :meth:`refresh`, :meth:`revoke`, :meth:`logout` and :meth:`is_revoked` are coroutines with the
    arguments, results and errors of their :class:`TokenService` twins; :meth:`create_access_token`,
    :meth:`rotate_key`, :meth:`jwks`, :attr:`signing_kid`, :meth:`metrics`, :meth:`metrics_text` and
    :meth:`health` touch no store and stay synchronous.
    An exception from the store (a timeout included) fails the call closed with
    ``StoreUnavailableError`` and becomes its ``__cause__`` (answer it with 503, not 401);
    ``asyncio.CancelledError`` propagates.

    >>> import asyncio
    >>> service = AsyncTokenService(secret_key="a-32-byte-secret-for-hs256-use!!")
    >>> async def main() -> str:
    ...     pair = await service.login("42", now=1_700_000_000)
    ...     claims = await service.verify(pair.access_token, now=1_700_000_000)
    ...     return claims["sub"]
    >>> asyncio.run(main())
    '42'
    """

    __slots__ = ("_service", "_store")

    def __init__(self, *, store: Optional[_Store] = None, **config: Any) -> None:
        self._service = TokenService._stepwise(store=store, **config)
        self._store = store

    @classmethod
    def from_env(cls, *, store: Optional[_Store] = None) -> AsyncTokenService:
        """A service configured from the environment, as :meth:`TokenService.from_env`."""
        self = cls.__new__(cls)
        self._service = TokenService._stepwise_from_env(store=store)
        self._store = store
        return self

    async def _run(self, step: Union[_T, _PendingCall]) -> _T:
        """Performs a pending call's store request (awaiting it when the store is asynchronous)
        and finishes the call; a finished step is already the result."""
        if not isinstance(step, _PendingCall):
            return step
        # A pending call exists only when a store was given.
        store = cast(_Store, self._store)
        try:
            reply = store.execute(step.request)
            if inspect.isawaitable(reply):
                reply = await reply
        except Exception as error:  # CancelledError and KeyboardInterrupt are BaseExceptions: they pass
            return cast(_T, self._service._finish(step, error=error))
        return cast(_T, self._service._finish(step, reply))

    def create_access_token(
        self,
        user_id: str,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        *,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> str:
        """:meth:`TokenService.create_access_token` (no store involved)."""
        return self._service.create_access_token(user_id, email, permissions, extra=extra, now=now)

    async def login(
        self,
        user_id: str,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        *,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> TokenPair:
        """:meth:`TokenService.login`: starts a session and returns its first pair."""
        return await self._run(self._service._start_login(user_id, email, permissions, extra=extra, now=now))

    async def verify(self, token: str, token_type: _TokenType = "access", *, now: Optional[_Now] = None) -> _Claims:
        """:meth:`TokenService.verify`: the claims of a valid token of ``token_type``, else raises."""
        return await self._run(self._service._start_verify(token, token_type, now=now))

    async def validate_token(
        self, token: str, token_type: _TokenType = "access", *, now: Optional[_Now] = None
    ) -> Optional[_Claims]:
        """:meth:`TokenService.validate_token`: the claims, or ``None`` for a bad token (a failing
        store raises ``StoreUnavailableError``)."""
        return await self._run(self._service._start_validate_token(token, token_type, now=now))

    async def extract_user_id(self, token: str, *, now: Optional[_Now] = None) -> Optional[str]:
        """:meth:`TokenService.extract_user_id`: the ``sub`` of a valid access token, else ``None``."""
        return await self._run(self._service._start_extract_user_id(token, now=now))

    async def refresh(
        self,
        refresh_token: str,
        *,
        email: Optional[str] = None,
        permissions: Optional[_Strings] = None,
        extra: Optional[_Object] = None,
        now: Optional[_Now] = None,
    ) -> TokenPair:
        """:meth:`TokenService.refresh`: the session's next pair (a refresh token works once)."""
        step = self._service._start_refresh(refresh_token, email=email, permissions=permissions, extra=extra, now=now)
        return await self._run(step)

    async def revoke(self, token: str, *, now: Optional[_Now] = None) -> None:
        """:meth:`TokenService.revoke`: one access token, or a refresh token's whole session."""
        await self._run(self._service._start_revoke(token, now=now))

    async def logout(self, token: str, *, now: Optional[_Now] = None) -> None:
        """:meth:`TokenService.logout`: ends the session of a token of either type."""
        await self._run(self._service._start_logout(token, now=now))

    async def is_revoked(self, token: str, *, now: Optional[_Now] = None) -> bool:
        """:meth:`TokenService.is_revoked`: whether a verifying token is revoked."""
        return await self._run(self._service._start_is_revoked(token, now=now))

    def rotate_key(self, key: Union[Key, _KeyObject], *, now: Optional[_Now] = None) -> None:
        """:meth:`TokenService.rotate_key`: ``key`` signs from ``now`` on; the key it replaces
        verifies its tokens for as long as they live.

        >>> service = AsyncTokenService(algorithm="EdDSA", private_key=Key.generate("EdDSA").to_pem(private=True))
        >>> service.rotate_key(Key.generate("EdDSA", kid="2026-12"), now=1_700_000_000)
        >>> service.signing_kid, len(service.jwks(now=1_700_000_000)["keys"])
        ('2026-12', 2)
        """
        self._service.rotate_key(key, now=now)

    def jwks(self, *, private: Optional[bool] = None, now: Optional[_Now] = None) -> dict[str, Any]:
        """:meth:`TokenService.jwks`: the public JWKS to publish, or with ``private=True`` the key ring.

        >>> service = AsyncTokenService(algorithm="ES256", private_key=Key.generate("ES256", kid="k1").to_pem(private=True), kid="k1")
        >>> [key["kid"] for key in service.jwks()["keys"]]
        ['k1']
        """
        return self._service.jwks(private=private, now=now)

    @property
    def signing_kid(self) -> Optional[str]:
        """:attr:`TokenService.signing_kid`: the ``kid`` of the key that signs now (``None``: verify-only).

        >>> AsyncTokenService(secret_key="a-32-byte-secret-for-hs256-use!!", kid="k1").signing_kid
        'k1'
        """
        return self._service.signing_kid

    def metrics(self) -> dict[str, Any]:
        """:meth:`TokenService.metrics`: every counter as a new ``dict``."""
        return self._service.metrics()

    def metrics_text(self) -> str:
        """:meth:`TokenService.metrics_text`: the counters in the Prometheus text format."""
        return self._service.metrics_text()

    def health(self) -> dict[str, Any]:
        """:meth:`TokenService.health`: status, algorithm, cache entries and metrics."""
        return self._service.health()

    def __repr__(self) -> str:
        return f"Async{self._service!r}"


__all__ = ["AsyncTokenService"]
