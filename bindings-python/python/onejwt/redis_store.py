"""Redis stores: :class:`RedisStore` (``redis.Redis``) and :class:`AsyncRedisStore`
(``redis.asyncio.Redis``), the session stores that let several processes share sessions.

They run the core's Lua scripts on the core's keys (``onejwt::session::redis``: the same scripts
and key schema in every runtime) and hand the raw reply back to the core, so the store contract is
written once. Requires the ``redis`` package (``pip install onejwt[redis]``), imported only when a
store is built.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, Optional, Union

from onejwt._onejwt import _REDIS_DEFAULT_PREFIX, _redis_check_prefix, _redis_command, _redis_reply
from onejwt.store import StoreReply, StoreRequest

if TYPE_CHECKING:
    import redis
    import redis.asyncio
    import redis.asyncio.cluster
    import redis.cluster

# The default timeout of every Redis call, in seconds.
_TIMEOUT = 2.0


def _text(raw: Any) -> Any:
    """A script's reply with bulk strings as ``str`` (clients without ``decode_responses`` give bytes)."""
    if isinstance(raw, bytes):
        return raw.decode("utf-8")
    if isinstance(raw, list):
        return [_text(item) for item in raw]
    return raw


class RedisStore:
    """A :class:`SessionStore` in Redis, for :class:`TokenService` (and :class:`AsyncTokenService`,
    which then calls it synchronously): every instance of a service that uses the same Redis and
    ``prefix`` shares its sessions and revocations.

    ``client_or_url`` is a configured ``redis.Redis`` (or ``redis.cluster.RedisCluster``: a
    session's keys share one hash tag, ``{<session id>}``) with your TLS, ACL and pool settings,
    or a URL (``redis://``, ``rediss://``, ``unix://``), from which the store builds a client whose
    connects and calls time out after ``timeout`` seconds and that never retries. Give a client of
    your own a ``socket_timeout``, and no retries on timeouts: a refresh retried after its reply
    was lost presents a used refresh token again, which revokes the session.

    Keys start with ``prefix`` (default ``"onejwt:"``; braces are refused with ``ValueError``, as
    they would change the hash tag) and expire by themselves (relative ``PEXPIRE``: a session at
    its end, a revoked token when it would have expired anyway). Every call is one ``EVALSHA``
    (``EVAL`` the first time a server sees the script). A Redis error or timeout raises from
    :meth:`execute`, and the service fails the call closed (``StoreUnavailableError``).

    >>> store = RedisStore("redis://localhost:6379/0", prefix="myapp:")  # doctest: +SKIP
    >>> service = TokenService(secret_key="a-32-byte-secret-for-hs256-use!!", store=store)  # doctest: +SKIP
    """

    __slots__ = ("_client", "_no_script", "_owned", "_prefix")

    def __init__(
        self,
        client_or_url: Union[str, redis.Redis, redis.cluster.RedisCluster],
        *,
        prefix: str = _REDIS_DEFAULT_PREFIX,
        timeout: Optional[float] = _TIMEOUT,
    ) -> None:
        self._prefix = _redis_check_prefix(prefix)
        import redis
        from redis.backoff import NoBackoff
        from redis.exceptions import NoScriptError
        from redis.retry import Retry

        self._no_script = NoScriptError
        self._owned = isinstance(client_or_url, str)
        if isinstance(client_or_url, str):
            client_or_url = redis.Redis.from_url(
                client_or_url, socket_timeout=timeout, socket_connect_timeout=timeout, retry=Retry(NoBackoff(), 0)
            )
        self._client = client_or_url

    def execute(self, request: StoreRequest) -> StoreReply:
        """Performs one request of the store contract (see :class:`SessionStore`)."""
        sha, script, keys, args = _redis_command(request, self._prefix)
        try:
            raw = self._client.evalsha(sha, len(keys), *keys, *args)
        except self._no_script:
            raw = self._client.eval(script, len(keys), *keys, *args)
        return _redis_reply(request, _text(raw))

    def close(self) -> None:
        """Closes the client the store built from a URL (a client you passed stays yours)."""
        if self._owned:
            self._client.close()

    def __repr__(self) -> str:
        return f"RedisStore(prefix={self._prefix!r})"


# Connections a URL-built async store opens at most; more concurrent requests queue for one.
_MAX_CONNECTIONS = 64


class AsyncRedisStore:
    """An :class:`AsyncSessionStore` in Redis, for :class:`AsyncTokenService`: as
    :class:`RedisStore`, with a ``redis.asyncio.Redis`` (or ``redis.asyncio.cluster.RedisCluster``)
    or a URL, and every call bounded by ``timeout`` seconds (``TimeoutError``, so the service fails
    the call closed) whatever the client's own settings.

    >>> store = AsyncRedisStore("redis://localhost:6379/0")  # doctest: +SKIP
    >>> service = AsyncTokenService(secret_key="a-32-byte-secret-for-hs256-use!!", store=store)  # doctest: +SKIP
    """

    __slots__ = ("_client", "_no_script", "_owned", "_prefix", "_timeout")

    def __init__(
        self,
        client_or_url: Union[str, redis.asyncio.Redis, redis.asyncio.cluster.RedisCluster],
        *,
        prefix: str = _REDIS_DEFAULT_PREFIX,
        timeout: Optional[float] = _TIMEOUT,
    ) -> None:
        self._prefix = _redis_check_prefix(prefix)
        import redis.asyncio
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff
        from redis.exceptions import NoScriptError

        self._no_script = NoScriptError
        self._timeout = timeout
        self._owned = isinstance(client_or_url, str)
        if isinstance(client_or_url, str):
            # A blocking pool: a burst of more concurrent requests than connections waits for a free
            # one (within the timeout) instead of failing with MaxConnectionsError, which the default
            # pool raises past 100 and which would fail those calls closed.
            pool = redis.asyncio.BlockingConnectionPool.from_url(
                client_or_url,
                max_connections=_MAX_CONNECTIONS,
                timeout=timeout,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
                retry=Retry(NoBackoff(), 0),
            )
            client_or_url = redis.asyncio.Redis.from_pool(pool)  # owns the pool: aclose() closes it
        self._client = client_or_url

    async def execute(self, request: StoreRequest) -> StoreReply:
        """Performs one request of the store contract (see :class:`SessionStore`) within the timeout."""
        sha, script, keys, args = _redis_command(request, self._prefix)
        # wait_for rather than asyncio.timeout: the package supports Python 3.9.
        raw = await asyncio.wait_for(self._evaluate(sha, script, keys, args), self._timeout)
        return _redis_reply(request, _text(raw))

    async def _evaluate(self, sha: str, script: str, keys: list[str], args: list[str]) -> Any:
        try:
            return await self._client.evalsha(sha, len(keys), *keys, *args)
        except self._no_script:
            return await self._client.eval(script, len(keys), *keys, *args)

    async def aclose(self) -> None:
        """Closes the client the store built from a URL (a client you passed stays yours)."""
        if self._owned:
            await self._client.aclose()

    def __repr__(self) -> str:
        return f"AsyncRedisStore(prefix={self._prefix!r})"


__all__ = ["AsyncRedisStore", "RedisStore"]
