"""Aio: onejwt.AsyncTokenService, the asyncio driver of TokenService's two-step store calls, with
synchronous and asynchronous stores: results, failures, cancellation and the steps themselves."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

import pytest

import onejwt
from onejwt import AsyncTokenService, TokenService

NOW = 1_700_000_000
SECRET = "service-secret-service-secret-32"
T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def make(**options: Any) -> AsyncTokenService:
    return AsyncTokenService(secret_key=SECRET, issuer="https://auth.example", **options)


class Sessions:
    """An asynchronous store of one session's generation, enough for login, refresh and logout
    (the semantics are the core's in-memory store's; this only answers from a dict)."""

    def __init__(self) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.revoked: set[str] = set()
        self.requests: list[str] = []

    async def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
        await asyncio.sleep(0)
        self.requests.append(request["op"])
        session = self.sessions.get(request.get("session") or "")
        if request["op"] == "start":
            self.sessions[str(request["session"])] = {"gen": 0, "record": request["record"], "revoked": False}
            return {"status": "started"}
        if request["op"] == "advance":
            assert session is not None
            if session["revoked"]:
                return {"status": "revoked"}
            if request["generation"] != session["gen"]:
                session["revoked"] = True
                return {"status": "reused"}
            session["gen"] += 1
            return {"status": "advanced", "generation": session["gen"], "record": session["record"]}
        if request["op"] == "revoke_session":
            assert session is not None
            session["revoked"] = True
            return {"status": "done"}
        if request["op"] == "revoke_token":
            self.revoked.add(request["jti"])
            return {"status": "done"}
        revoked = request["jti"] in self.revoked or (session is not None and session["revoked"])
        if session is not None and request.get("generation") not in (None, session["gen"]):
            revoked = True
        return {"status": "revoked" if revoked else "valid"}


class SyncSessions(Sessions):
    """The same store, synchronous: AsyncTokenService takes it too (RedisStore is one)."""

    def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:  # type: ignore[override]
        coroutine = super().execute(request)
        try:
            coroutine.send(None)  # the sleep(0)
            coroutine.send(None)
        except StopIteration as done:
            reply: onejwt.StoreReply = done.value
            return reply
        raise AssertionError("the store did not finish")


def test_the_coroutines_are_the_store_touching_methods() -> None:
    store_touching = ["login", "verify", "validate_token", "extract_user_id", "refresh", "revoke", "logout", "is_revoked"]
    for name in store_touching:
        assert inspect.iscoroutinefunction(getattr(AsyncTokenService, name)), name
        assert callable(getattr(TokenService, name))
    for name in ["create_access_token", "metrics", "metrics_text", "health", "from_env"]:
        assert not inspect.iscoroutinefunction(getattr(AsyncTokenService, name)), name
    public = {n for n in vars(AsyncTokenService) if not n.startswith("_")}
    assert public == {n for n in vars(TokenService) if not n.startswith("_")}


@pytest.mark.parametrize("store_kind", ["memory", "sync", "async"])
def test_a_session_from_login_to_logout(store_kind: str) -> None:
    store = {"memory": None, "sync": SyncSessions(), "async": Sessions()}[store_kind]
    service = make(store=store)

    async def main() -> None:
        pair = await service.login("42", "ada@example.com", ["read"], now=NOW)
        claims = await service.verify(pair.access_token, now=NOW)
        assert (claims["sub"], claims["email"], claims["permissions"]) == ("42", "ada@example.com", ["read"])
        newer = await service.refresh(pair.refresh_token, permissions=["read", "admin"], now=NOW + 1)
        assert (await service.verify(newer.access_token, now=NOW + 1))["permissions"] == ["read", "admin"]
        assert await service.extract_user_id(newer.access_token, now=NOW + 1) == "42"
        assert await service.validate_token(pair.refresh_token, "refresh", now=NOW + 1) is None
        assert await service.is_revoked(pair.refresh_token, now=NOW + 1)
        with pytest.raises(onejwt.RevokedError):
            await service.refresh(pair.refresh_token, now=NOW + 2)  # reuse: the session is revoked
        assert await service.validate_token(newer.access_token, now=NOW + 2) is None
        other = await service.login("42", now=NOW + 3)
        await service.revoke(other.access_token, now=NOW + 3)
        assert await service.is_revoked(other.access_token, now=NOW + 3)
        assert not await service.is_revoked(other.refresh_token, now=NOW + 3)
        await service.logout(other.refresh_token, now=NOW + 3)
        assert await service.is_revoked(other.refresh_token, now=NOW + 3)
        with pytest.raises(onejwt.WrongTokenTypeError):
            await service.verify(other.access_token, "refresh", now=NOW + 3)

    run(main())
    metrics = service.metrics()
    assert (metrics["sessions_started"], metrics["sessions_reused"], metrics["store_errors"]) == (2, 1, 0)
    if isinstance(store, Sessions):
        assert store.requests[:3] == ["start", "check", "advance"]


def test_without_a_store_nothing_is_pending() -> None:
    service = make()
    pair = service._service._start_login("42", now=NOW)
    assert isinstance(pair, onejwt.TokenPair)
    assert service._service._start_verify(pair.access_token, now=NOW)["sub"] == "42"  # type: ignore[index]
    assert service._service._start_validate_token("garbage", now=NOW) is None
    assert service._service._start_revoke(pair.access_token, now=NOW) is None


def test_the_steps_of_a_call() -> None:
    store = Sessions()
    service = make(store=store)
    pending = service._service._start_login("42", "ada@example.com", now=NOW)
    assert isinstance(pending, onejwt._onejwt._PendingCall)
    request = pending.request
    assert (request["op"], request["at"], json.loads(request["record"])["email"]) == ("start", NOW * 1000, "ada@example.com")
    assert pending.request is not request, "a new dict each time"
    pair = service._service._finish(pending, {"status": "started"})
    assert isinstance(pair, onejwt.TokenPair)
    with pytest.raises(ValueError, match="already finished"):
        service._service._finish(pending, {"status": "started"})
    other = make(store=store)
    with pytest.raises(ValueError, match="another TokenService"):
        other._service._finish(service._service._start_verify(pair.access_token, now=NOW), {"status": "valid"})  # type: ignore[arg-type]
    # A token problem is known before the store: no pending call, the error at once.
    with pytest.raises(onejwt.MalformedError):
        service._service._start_verify("a.b", now=NOW)
    assert service._service._start_validate_token("a.b", now=NOW) is None
    # The inner service performs no store request itself: its driver does.
    with pytest.raises(onejwt.StoreUnavailableError, match="AsyncTokenService"):
        service._service.verify(pair.access_token, now=NOW)


def test_the_same_options_and_errors_as_token_service(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(onejwt.OptionsValueError) as err:
        AsyncTokenService(secret=SECRET)
    assert str(err.value) == "invalid option `secret`: unknown option (onejwt calls it `secret_key`)"
    with pytest.raises(onejwt.OptionsValueError) as err:
        make(revocation_store=Sessions())
    assert str(err.value) == "invalid option `revocation_store`: unknown option (onejwt calls it `store`)"
    with pytest.raises(onejwt.OptionsValueError) as err:
        make(reuse_grace=61)
    assert err.value.option == "reuse_grace"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        make(store=object())
    assert type_err.value.option == "store"
    for name in [n for n in list(__import__("os").environ) if n.startswith("JWT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("JWT_SECRET_KEY", SECRET)
    monkeypatch.setenv("JWT_ACCESS_TTL", "60")
    service = AsyncTokenService.from_env(store=Sessions())
    pair = run(service.login("42", now=NOW))
    assert onejwt.decode_unverified(pair.access_token)[1]["exp"] == NOW + 60
    assert repr(service) == "AsyncTokenService(algorithm='HS256')"
    service = make()
    with pytest.raises(onejwt.OptionsValueError) as err:
        run(service.login("", now=NOW))
    assert err.value.option == "user_id"
    with pytest.raises(onejwt.OptionsTypeError) as type_err:
        run(service.refresh(service.create_access_token("42", now=NOW), permissions="admin", now=NOW))  # type: ignore[arg-type]
    assert type_err.value.option == "permissions"


class Failing:
    def __init__(self, make_error: Callable[[], BaseException], *, asynchronous: bool = True) -> None:
        self.make_error = make_error
        self.asynchronous = asynchronous

    def execute(self, request: onejwt.StoreRequest) -> Any:
        if request["op"] == "start":
            reply: onejwt.StoreReply = {"status": "started"}
            return self._answer(reply) if self.asynchronous else reply
        if not self.asynchronous:
            raise self.make_error()
        return self._raise()

    async def _answer(self, reply: onejwt.StoreReply) -> onejwt.StoreReply:
        return reply

    async def _raise(self) -> onejwt.StoreReply:
        await asyncio.sleep(0)
        raise self.make_error()


@pytest.mark.parametrize("asynchronous", [True, False])
def test_a_failing_store_fails_closed_with_its_exception_as_cause(asynchronous: bool) -> None:
    errors: list[BaseException] = []

    def outage() -> BaseException:
        errors.append(ConnectionRefusedError("redis://:secret@cache:6379 refused"))
        return errors[-1]

    service = make(store=Failing(outage, asynchronous=asynchronous))

    async def main() -> None:
        pair = await service.login("42", now=NOW)
        calls: list[Callable[[], Awaitable[Any]]] = [
            lambda: service.verify(pair.access_token, now=NOW),
            lambda: service.validate_token(pair.access_token, now=NOW),
            lambda: service.extract_user_id(pair.access_token, now=NOW),
            lambda: service.refresh(pair.refresh_token, now=NOW),
            lambda: service.revoke(pair.access_token, now=NOW),
            lambda: service.logout(pair.access_token, now=NOW),
            lambda: service.is_revoked(pair.access_token, now=NOW),
        ]
        for call in calls:
            with pytest.raises(onejwt.StoreUnavailableError, match=r"\(ConnectionRefusedError\); failing closed") as err:
                await call()
            assert err.value.__cause__ is errors[-1]
            assert "secret" not in str(err.value)

    run(main())
    assert service.metrics()["store_errors"] == 7


def test_a_timeout_fails_closed_and_a_cancellation_propagates() -> None:
    class Slow:
        def __init__(self) -> None:
            self.started = asyncio.Event()

        async def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
            self.started.set()
            await asyncio.sleep(3600)
            return {"status": "valid"}

    class Bounded(Slow):
        async def execute(self, request: onejwt.StoreRequest) -> onejwt.StoreReply:
            return await asyncio.wait_for(super().execute(request), 0.05)

    async def main() -> None:
        service = make(store=Bounded())
        token = service.create_access_token("42", now=NOW)
        with pytest.raises(onejwt.StoreUnavailableError, match="TimeoutError") as err:
            await service.verify(token, now=NOW)
        assert isinstance(err.value.__cause__, asyncio.TimeoutError)
        assert service.metrics()["store_errors"] == 1

        slow = Slow()
        service = make(store=slow)
        task = asyncio.ensure_future(service.validate_token(token, now=NOW))
        await slow.started.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # Cancelled is no store failure: nothing counted, nothing refused.
        assert service.metrics()["store_errors"] == 0

    run(main())


def test_an_interrupt_in_the_store_propagates() -> None:
    service = make(store=Failing(KeyboardInterrupt))

    async def main() -> None:
        pair = await service.login("42", now=NOW)
        with pytest.raises(KeyboardInterrupt):
            await service.validate_token(pair.access_token, now=NOW)

    run(main())


@pytest.mark.parametrize("reply", [None, [], {"status": "started"}, {"status": "advanced"}, object()])
def test_a_nonsense_reply_fails_closed(reply: object) -> None:
    class Answering:
        async def execute(self, request: onejwt.StoreRequest) -> object:
            return reply

    service = make(store=Answering())
    token = service.create_access_token("42", now=NOW)
    with pytest.raises(onejwt.StoreUnavailableError, match="failing closed"):
        run(service.verify(token, now=NOW))
    assert service.metrics()["store_errors"] == 1


def test_concurrent_tasks_share_one_service() -> None:
    store = Sessions()
    service = make(store=store)

    async def user(i: int) -> str:
        pair = await service.login(str(i), now=NOW)
        pair = await service.refresh(pair.refresh_token, now=NOW + 1)
        sub = await service.extract_user_id(pair.access_token, now=NOW + 1)
        return str(sub)

    async def main() -> list[str]:
        return await asyncio.gather(*(user(i) for i in range(50)))

    assert run(main()) == [str(i) for i in range(50)]
    assert service.metrics()["sessions_started"] == 50
