"""Redis: onejwt.RedisStore and AsyncRedisStore against a real redis-server (tests/redis/server.py):
sessions shared by services, relative expiry under a test clock, races for one refresh token, an
outage and its recovery, timeouts, Redis Cluster hash tags and the key prefix."""

from __future__ import annotations

import asyncio
import itertools
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import redis
import redis.asyncio
import redis.cluster
from server import RedisServer

import onejwt
from onejwt import AsyncRedisStore, AsyncTokenService, RedisStore, TokenService

SECRET = "service-secret-service-secret-32"
# Far from the real time on purpose: every Redis lifetime must be relative to the request's `at`,
# or keys would expire at once (2096) or never (2001).
FUTURE = 4_000_000_000
PAST = 1_000_000_000
_prefixes = itertools.count()


@pytest.fixture
def prefix() -> str:
    """A key prefix of this test's own on the shared server."""
    return f"test{next(_prefixes)}:"


@pytest.fixture
def client(redis_server: RedisServer) -> Iterator[redis.Redis]:
    connection = redis.Redis.from_url(redis_server.url)
    yield connection
    connection.close()


def service(store: Any, **options: Any) -> TokenService:
    return TokenService(secret_key=SECRET, issuer="https://auth.example", store=store, **options)


def async_service(store: Any, **options: Any) -> AsyncTokenService:
    return AsyncTokenService(secret_key=SECRET, issuer="https://auth.example", store=store, **options)


def sid_of(token: str) -> str:
    sid = onejwt.decode_unverified(token)[1]["sid"]
    assert isinstance(sid, str)
    return sid


def text(key: bytes | str) -> str:
    return key.decode() if isinstance(key, bytes) else key


def pttl(client: redis.Redis, key: str) -> int:
    remaining = client.pttl(key)
    assert isinstance(remaining, int)
    return remaining


@pytest.mark.parametrize("now", [FUTURE, PAST])
def test_sessions_in_redis_from_login_to_logout(redis_server: RedisServer, client: redis.Redis, prefix: str, now: int) -> None:
    store = RedisStore(redis_server.url, prefix=prefix)
    a = service(store, access_ttl=900, refresh_ttl=3600, leeway=60)
    b = service(RedisStore(client, prefix=prefix), access_ttl=900, refresh_ttl=3600, leeway=60)  # another instance
    pair = a.login("42", "ada@example.com", ["read"], now=now)
    sid = sid_of(pair.access_token)
    session_key = f"{prefix}{{{sid}}}:session"
    assert client.hgetall(session_key)[b"g"] == b"0"
    assert 3_650_000 < pttl(client, session_key) <= 3_660_000, "refresh_ttl + leeway from the request, not the wall clock"
    assert b.verify(pair.access_token, now=now)["email"] == "ada@example.com"
    # Rotation in one instance, seen by the other; the record comes back from Redis.
    newer = b.refresh(pair.refresh_token, now=now + 100)
    assert a.verify(newer.access_token, now=now + 100)["permissions"] == ["read"]
    assert client.hgetall(session_key)[b"g"] == b"1"
    assert a.validate_token(pair.refresh_token, "refresh", now=now + 100) is None
    # A revoked access token stays revoked through the leeway (exp + 60), in both instances.
    a.revoke(newer.access_token, now=now + 100)
    jti = onejwt.decode_unverified(newer.access_token)[1]["jti"]
    revoked_key = f"{prefix}{{{sid}}}:revoked:{jti}"
    assert 950_000 < pttl(client, revoked_key) <= 960_000  # exp (now + 1000) + leeway 60 - (now + 100)
    with pytest.raises(onejwt.RevokedError):
        b.verify(newer.access_token, now=now + 100 + 900 + 59)
    assert b.is_revoked(newer.access_token, now=now + 100 + 900 + 59)
    # Reuse of the first refresh token revokes the whole session for everyone.
    with pytest.raises(onejwt.RevokedError, match="already used"):
        a.refresh(pair.refresh_token, now=now + 200)
    assert client.hgetall(session_key)[b"r"] == b"1"
    with pytest.raises(onejwt.RevokedError):
        b.refresh(newer.refresh_token, now=now + 201)
    assert a.metrics()["sessions_reused"] == 1
    # Logout from one instance ends a session for the other.
    other = b.login("43", now=now + 300)
    a.logout(other.access_token, now=now + 300)
    for token, token_type in [(other.access_token, "access"), (other.refresh_token, "refresh")]:
        assert b.validate_token(token, token_type, now=now + 300) is None  # type: ignore[arg-type]
    assert pttl(client, f"{prefix}{{{sid_of(other.access_token)}}}:session") > 3_600_000
    assert sorted(text(k) for k in client.keys(f"{prefix}*")) == sorted(
        [session_key, revoked_key, f"{prefix}{{{sid_of(other.access_token)}}}:session"]
    )
    store.close()


def test_grace_in_redis(redis_server: RedisServer, prefix: str) -> None:
    shared = service(RedisStore(redis_server.url, prefix=prefix), reuse_grace=5)
    first = shared.login("42", now=FUTURE)
    second = shared.refresh(first.refresh_token, now=FUTURE + 10)
    again = shared.refresh(first.refresh_token, now=FUTURE + 14)  # a second tab, within 5 s
    assert onejwt.decode_unverified(again.refresh_token)[1]["gen"] == 1
    assert shared.verify(second.access_token, now=FUTURE + 14)["sub"] == "42"
    with pytest.raises(onejwt.RevokedError):
        shared.refresh(first.refresh_token, now=FUTURE + 15)
    with pytest.raises(onejwt.RevokedError):
        shared.verify(second.access_token, now=FUTURE + 15)


def test_keys_expire_by_themselves_under_a_test_clock(redis_server: RedisServer, client: redis.Redis, prefix: str) -> None:
    store = RedisStore(redis_server.url, prefix=prefix)
    brief = service(store, access_ttl=1, refresh_ttl=1, session_ttl=1)
    pair = brief.login("42", now=FUTURE)
    loose = brief.create_access_token("43", now=FUTURE)
    brief.revoke(loose, now=FUTURE)
    assert len(client.keys(f"{prefix}*")) == 2
    time.sleep(1.2)
    assert client.keys(f"{prefix}*") == []
    with pytest.raises(onejwt.RevokedError, match="unknown"):
        brief.refresh(pair.refresh_token, now=FUTURE)


def test_a_script_flush_is_survived(redis_server: RedisServer, client: redis.Redis, prefix: str) -> None:
    # EVALSHA first; after SCRIPT FLUSH (or on a new server) the store falls back to EVAL.
    shared = service(RedisStore(client, prefix=prefix))
    pair = shared.login("42", now=FUTURE)
    client.script_flush()
    assert shared.verify(pair.access_token, now=FUTURE)["sub"] == "42"
    assert shared.refresh(pair.refresh_token, now=FUTURE + 1).access_token


def test_a_client_that_decodes_responses_works_too(redis_server: RedisServer, prefix: str) -> None:
    decoding = redis.Redis.from_url(redis_server.url, decode_responses=True)
    shared = service(RedisStore(decoding, prefix=prefix))
    pair = shared.refresh(shared.login("42", None, ["read"], now=FUTURE).refresh_token, now=FUTURE + 1)
    assert shared.verify(pair.access_token, now=FUTURE + 1)["sub"] == "42"
    decoding.close()


def test_the_async_store(redis_server: RedisServer, client: redis.Redis, prefix: str) -> None:
    async def main() -> None:
        store = AsyncRedisStore(redis_server.url, prefix=prefix)
        a = async_service(store, leeway=60)
        b = service(RedisStore(client, prefix=prefix), leeway=60)  # a synchronous instance beside it
        pair = await a.login("42", "ada@example.com", now=FUTURE)
        assert b.verify(pair.access_token, now=FUTURE)["email"] == "ada@example.com"
        newer = await a.refresh(pair.refresh_token, now=FUTURE + 1)
        with pytest.raises(onejwt.RevokedError):
            b.refresh(pair.refresh_token, now=FUTURE + 2)  # reuse, seen through Redis
        assert await a.validate_token(newer.access_token, now=FUTURE + 2) is None
        other = await a.login("43", now=FUTURE)
        await a.revoke(other.access_token, now=FUTURE)
        assert await a.is_revoked(other.access_token, now=FUTURE + 900 + 59)
        await a.logout(other.refresh_token, now=FUTURE)
        assert b.is_revoked(other.refresh_token, now=FUTURE)
        assert await a.extract_user_id(other.access_token, now=FUTURE) is None
        await store.aclose()

    asyncio.run(main())


ROUNDS = 200


def test_two_threads_race_for_one_refresh_token(redis_server: RedisServer, prefix: str) -> None:
    store = RedisStore(redis_server.url, prefix=prefix)
    shared = service(store)
    barrier = threading.Barrier(2)
    outcomes: list[list[str]] = [[], []]
    tokens: list[str] = []

    def racer(index: int) -> None:
        for round_ in range(ROUNDS):
            barrier.wait()
            try:
                shared.refresh(tokens[round_], now=FUTURE + 1)
                outcomes[index].append("won")
            except onejwt.RevokedError:
                outcomes[index].append("lost")

    tokens.extend(shared.login(str(i), now=FUTURE).refresh_token for i in range(ROUNDS))
    threads = [threading.Thread(target=racer, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for round_, results in enumerate(zip(*outcomes)):
        assert sorted(results) == ["lost", "won"], f"round {round_}: {results}"
    assert shared.metrics()["sessions_reused"] == ROUNDS
    store.close()


def test_two_tasks_race_for_one_refresh_token(redis_server: RedisServer, prefix: str) -> None:
    async def main() -> None:
        store = AsyncRedisStore(redis_server.url, prefix=prefix)
        shared = async_service(store)

        async def attempt(token: str) -> str:
            try:
                await shared.refresh(token, now=FUTURE + 1)
                return "won"
            except onejwt.RevokedError:
                return "lost"

        for round_ in range(ROUNDS):
            token = (await shared.login(str(round_), now=FUTURE)).refresh_token
            results = await asyncio.gather(attempt(token), attempt(token))
            assert sorted(results) == ["lost", "won"], f"round {round_}: {results}"
        await store.aclose()

    asyncio.run(main())


def test_an_outage_fails_closed_and_recovery_follows() -> None:
    with RedisServer() as server:
        store = RedisStore(server.url, timeout=0.5)
        shared = service(store)
        pair = shared.login("42", now=FUTURE)
        server.stop()
        started = time.monotonic()
        calls: list[Callable[[], object]] = [
            lambda: shared.verify(pair.access_token, now=FUTURE),
            lambda: shared.validate_token(pair.access_token, now=FUTURE),
            lambda: shared.refresh(pair.refresh_token, now=FUTURE),
            lambda: shared.login("43", now=FUTURE),
            lambda: shared.logout(pair.access_token, now=FUTURE),
        ]
        for call in calls:
            with pytest.raises(onejwt.StoreUnavailableError) as err:
                call()
            assert isinstance(err.value.__cause__, redis.exceptions.ConnectionError)
        assert time.monotonic() - started < 5, "no retries, no hang"
        assert shared.metrics()["store_errors"] == 5
        assert "onejwt_store_errors_total 5\n" in shared.metrics_text()
        server.start()  # the same port, empty (no persistence)
        again = shared.login("42", now=FUTURE)
        assert shared.verify(again.access_token, now=FUTURE)["sub"] == "42"
        assert shared.refresh(again.refresh_token, now=FUTURE + 1).access_token
        # The sessions Redis lost are unknown: log in again (never a working old refresh token).
        with pytest.raises(onejwt.RevokedError, match="unknown"):
            shared.refresh(pair.refresh_token, now=FUTURE + 1)
        store.close()


def test_an_outage_fails_closed_for_the_async_store() -> None:
    async def main(server: RedisServer) -> None:
        store = AsyncRedisStore(server.url, timeout=0.5)
        shared = async_service(store)
        pair = await shared.login("42", now=FUTURE)
        server.stop()
        with pytest.raises(onejwt.StoreUnavailableError):
            await shared.validate_token(pair.access_token, now=FUTURE)
        assert shared.metrics()["store_errors"] == 1
        server.start()
        assert await shared.validate_token((await shared.login("42", now=FUTURE)).access_token, now=FUTURE)
        await store.aclose()

    with RedisServer() as server:
        asyncio.run(main(server))


def paused(server: RedisServer, milliseconds: int) -> float:
    """Pauses every client of `server`; returns when the pause ends (monotonic)."""
    assert server.command("CLIENT", "PAUSE", str(milliseconds), "ALL").startswith(b"+OK")
    return time.monotonic() + milliseconds / 1000


def test_a_slow_redis_times_out_instead_of_hanging() -> None:
    with RedisServer() as server:
        store = RedisStore(server.url, timeout=0.3)
        shared = service(store)
        token = shared.login("42", now=FUTURE).access_token
        until = paused(server, 2000)
        started = time.monotonic()
        with pytest.raises(onejwt.StoreUnavailableError, match="TimeoutError") as err:
            shared.verify(token, now=FUTURE)
        assert time.monotonic() - started < 1.5  # the timeout, not the pause's end
        assert isinstance(err.value.__cause__, redis.exceptions.TimeoutError)
        time.sleep(max(0.0, until - time.monotonic()) + 0.1)
        assert shared.verify(token, now=FUTURE)["sub"] == "42"
        store.close()

        async def main() -> None:
            store = AsyncRedisStore(server.url, timeout=0.3)
            shared = async_service(store)
            token = (await shared.login("42", now=FUTURE)).access_token
            until = paused(server, 2000)
            started = time.monotonic()
            with pytest.raises(onejwt.StoreUnavailableError) as err:
                await shared.verify(token, now=FUTURE)
            assert time.monotonic() - started < 1.5  # the timeout, not the pause's end
            assert isinstance(err.value.__cause__, (asyncio.TimeoutError, redis.exceptions.TimeoutError))
            await asyncio.sleep(max(0.0, until - time.monotonic()) + 0.1)
            assert (await shared.verify(token, now=FUTURE))["sub"] == "42"
            await store.aclose()

        asyncio.run(main())


def test_a_sessions_keys_share_one_cluster_slot() -> None:
    with RedisServer(cluster=True) as server:
        cluster = redis.cluster.RedisCluster(host="127.0.0.1", port=server.port)
        shared = service(RedisStore(cluster))
        pair = shared.login("42", now=FUTURE)
        pair = shared.refresh(pair.refresh_token, now=FUTURE + 1)
        shared.revoke(pair.access_token, now=FUTURE + 1)
        loose = shared.create_access_token("43", now=FUTURE)
        shared.revoke(loose, now=FUTURE)
        assert shared.is_revoked(loose, now=FUTURE)
        shared.logout(pair.refresh_token, now=FUTURE + 1)
        sid, loose_jti = sid_of(pair.access_token), onejwt.decode_unverified(loose)[1]["jti"]
        node = redis.Redis(port=server.port)
        keys = sorted(text(k) for k in node.keys("*"))
        node.close()
        assert len(keys) == 3
        assert sum(key.startswith(f"onejwt:{{{sid}}}:") for key in keys) == 2
        assert f"onejwt:{{{loose_jti}}}:revoked:{loose_jti}" in keys
        # Every script touched keys of one slot (the cluster refuses anything else); check it.
        session_slots = {server.command("CLUSTER", "KEYSLOT", key) for key in keys if sid in key}
        assert len(session_slots) == 1
        cluster.close()


def test_the_prefix_is_checked_and_used(redis_server: RedisServer, client: redis.Redis) -> None:
    for store_class in (RedisStore, AsyncRedisStore):
        store_type: Any = store_class
        with pytest.raises(onejwt.OptionsValueError) as err:
            store_type(redis_server.url, prefix="app{1}:")
        assert err.value.option == "prefix" and "hash tag" in str(err.value)
        with pytest.raises(onejwt.OptionsTypeError) as type_err:
            store_type(redis_server.url, prefix=b"app:")
        assert type_err.value.option == "prefix"
    assert repr(RedisStore(client)) == "RedisStore(prefix='onejwt:')"
    custom = service(RedisStore(client, prefix="myapp:"))
    sid = sid_of(custom.login("42", now=FUTURE).access_token)
    assert client.exists(f"myapp:{{{sid}}}:session") == 1


def test_a_redis_error_fails_closed(redis_server: RedisServer, client: redis.Redis, prefix: str) -> None:
    shared = service(RedisStore(client, prefix=prefix))
    pair = shared.login("42", now=FUTURE)
    client.set(f"{prefix}{{{sid_of(pair.access_token)}}}:session", "not a hash")  # WRONGTYPE in the script
    with pytest.raises(onejwt.StoreUnavailableError) as err:
        shared.verify(pair.access_token, now=FUTURE)
    assert isinstance(err.value.__cause__, redis.exceptions.ResponseError)


def test_the_store_functions_speak_the_cores_contract() -> None:
    from onejwt._onejwt import _redis_command, _redis_reply

    request: onejwt.StoreRequest = {"op": "revoke_session", "session": "s1", "ttl": 60_000, "at": 0}
    sha, script, keys, args = _redis_command(request, "onejwt:")
    assert (len(sha), keys, args) == (40, ["onejwt:{s1}:session"], ["60000"])
    assert script.startswith("-- onejwt revoke_session")
    assert _redis_reply(request, "done") == {"status": "done"}
    advance: onejwt.StoreRequest = {"op": "advance", "session": "s", "generation": 0, "grace": 0, "ttl": 1, "at": 0}
    assert _redis_reply(advance, ["advanced", "1", "{}"]) == {"status": "advanced", "generation": 1, "record": "{}"}
    for raw in [None, 1, ["advanced"], "done", ["exists"]]:
        with pytest.raises(onejwt.StoreUnavailableError):
            _redis_reply(advance, raw)
    with pytest.raises(onejwt.OptionsValueError) as err:
        _redis_command({"op": "drop_everything", "at": 0}, "onejwt:")  # type: ignore[typeddict-item]
    assert err.value.option == "request"


def test_redis_is_imported_only_for_a_redis_store() -> None:
    code = "import sys, onejwt; print('redis' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def test_stores_built_from_a_url_are_closed_by_close(redis_server: RedisServer) -> None:
    store = RedisStore(redis_server.url)
    service(store).login("42", now=FUTURE)
    store.close()
    lent = redis.Redis.from_url(redis_server.url)
    RedisStore(lent).close()  # a client you pass stays yours
    assert lent.ping()
    lent.close()
