"""Store: the session-store contract of :class:`onejwt.TokenService`, as types.

A service keeps its sessions (refresh-token families) and revoked tokens in a store. The default is
the core's in-memory store, for one process. To share them between processes, pass ``store=`` an
object with an ``execute`` method, such as :class:`onejwt.RedisStore`: the service hands it one
:class:`StoreRequest` per call and reads its :class:`StoreReply`. The five operations and their
semantics are the core's (``onejwt::session::StoreRequest``), the same in every runtime:

- ``check`` (``session``, ``jti``, ``generation``, ``at``): ``valid`` or ``revoked``;
- ``start`` (``session``, ``record``, ``ttl``, ``at``): ``started``, or ``full`` to refuse the login;
- ``advance`` (``session``, ``generation``, ``grace``, ``ttl``, ``at``): compare-and-set on the
  generation; ``advanced`` or ``grace`` (with ``generation`` and ``record``), ``reused`` (the store
  has revoked the session), ``revoked`` or ``unknown``;
- ``revoke_token`` (``session``, ``jti``, ``ttl``, ``at``) and ``revoke_session`` (``session``,
  ``ttl``, ``at``): ``done``.

Times are milliseconds: ``at`` is the service's clock, ``ttl`` and ``grace`` durations from it.
Each request must be atomic with respect to every other on the same session (one lock, one Lua
script), which is what lets exactly one of two concurrent refreshes win. Anything else (an
exception, a status the request cannot have, a missing member) fails the call closed with
``StoreUnavailableError``. This module only names the shapes for type checkers; any object with
the method works.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Literal, Optional, Protocol, TypedDict


class _StoreRequestBase(TypedDict):
    op: Literal["check", "start", "advance", "revoke_token", "revoke_session"]
    at: int


class StoreRequest(_StoreRequestBase, total=False):
    """One operation for the store: ``op`` and ``at`` always, the other members as ``op`` needs.

    ``session`` is ``None`` for a token outside any session (``check``, ``revoke_token``), and
    ``generation`` is ``None`` when ``check`` asks about an access token.
    """

    session: Optional[str]
    jti: str
    generation: Optional[int]
    record: str
    ttl: int
    grace: int


class _StoreReplyBase(TypedDict):
    status: Literal["valid", "revoked", "started", "full", "advanced", "grace", "reused", "unknown", "done"]


class StoreReply(_StoreReplyBase, total=False):
    """The store's answer: ``status``, and for ``advanced``/``grace`` the session's ``generation``
    and the ``record`` kept at ``start``."""

    generation: int
    record: str


class SessionStore(Protocol):
    """What ``TokenService(store=...)`` calls, once per store-touching call, synchronously.

    >>> class Revocations:  # only what access tokens outside sessions need
    ...     def __init__(self) -> None:
    ...         self.revoked: set[str] = set()
    ...     def execute(self, request: StoreRequest) -> StoreReply:
    ...         if request["op"] == "revoke_token":
    ...             self.revoked.add(request["jti"])
    ...             return {"status": "done"}
    ...         if request["op"] == "check":
    ...             return {"status": "revoked" if request["jti"] in self.revoked else "valid"}
    ...         raise NotImplementedError(request["op"])  # fails the call closed
    >>> service = TokenService(secret_key="a-32-byte-secret-for-hs256-use!!", store=Revocations())
    >>> token = service.create_access_token("42", now=1_700_000_000)
    >>> service.revoke(token, now=1_700_000_000)
    >>> service.validate_token(token, now=1_700_000_000) is None
    True
    """

    def execute(self, request: StoreRequest) -> StoreReply:
        """Performs ``request`` atomically and returns the reply."""
        ...


class AsyncSessionStore(Protocol):
    """What ``AsyncTokenService(store=...)`` awaits (it also takes a :class:`SessionStore`).

    A store that takes too long should raise (``TimeoutError``): the call then fails closed.
    """

    def execute(self, request: StoreRequest) -> Awaitable[StoreReply]:
        """Performs ``request`` atomically; the awaitable gives the reply."""
        ...


__all__ = ["AsyncSessionStore", "SessionStore", "StoreReply", "StoreRequest"]
