"""Sessions shared through one real Redis by Python, Node's `onejwt` and `onejwt-wasm` under Node (issue 13).

The test starts Debian's `redis-server` on a random loopback port (tests/redis/server.py) and one long-lived
JS process per JS runtime (session-agent.mjs), each with a TokenService over a RedisStore on that server, as
three instances of one service would run. Python is the third instance, in this process. Checked:
a logout in Python is refused by Node and WASM within a second; two processes racing to redeem one refresh
token have exactly one winner in each of 1,000 rounds; a replay after rotation revokes the whole session in every
runtime (and, with reuse_grace on, a replay within the window does not); with Redis stopped every runtime fails
closed with store_unavailable and counts it, and recovers when Redis is back on the same port.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.redis.server import RedisServer  # noqa: E402

import onejwt  # noqa: E402
from onejwt import RedisStore, TokenService  # noqa: E402

SECRET = "service-secret-service-secret-32"
# Far from the real clock: the stores' TTLs are relative, so the shared state behaves the same.
NOW = 1_767_225_600
JS_RUNTIMES = ["native", "wasm-node"]


def config(**more: Any) -> dict[str, Any]:
    return {"secret_key": SECRET, "issuer": "https://auth.example", "audience": "api", **more}


def camel(config: dict[str, Any]) -> dict[str, Any]:
    def name(snake: str) -> str:
        head, *rest = snake.split("_")
        return head + "".join(part.title() for part in rest)

    return {name(k): v for k, v in config.items()}


class Agent:
    """One JS runtime's TokenService, driven over stdin/stdout; commands may overlap."""

    def __init__(self, impl: str, redis_url: str, settings: dict[str, Any]) -> None:
        self.impl = impl
        self.process = subprocess.Popen(
            ["node", str(HERE / "session-agent.mjs"), impl, redis_url, json.dumps(camel(settings))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        assert self.process.stdout is not None
        ready = json.loads(self.process.stdout.readline())
        assert ready == {"ready": impl}, ready
        self.ids = itertools.count()
        self.answers: dict[int, dict[str, Any]] = {}
        self.lock = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            answer = json.loads(line)
            with self.lock:
                self.answers[answer["id"]] = answer
                self.lock.notify_all()

    def send(self, op: str, **args: Any) -> int:
        command_id = next(self.ids)
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"id": command_id, "op": op, **args}) + "\n")
        self.process.stdin.flush()
        return command_id

    def wait(self, command_id: int) -> dict[str, Any]:
        with self.lock:
            assert self.lock.wait_for(lambda: command_id in self.answers, timeout=30), f"{self.impl}: no answer"
            return self.answers.pop(command_id)

    def call(self, op: str, **args: Any) -> dict[str, Any]:
        return self.wait(self.send(op, **args))

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def start(redis_server: RedisServer, **more: Any) -> tuple[TokenService, dict[str, Agent]]:
    settings = config(**more)
    python = TokenService(store=RedisStore(redis_server.url, timeout=0.5), **settings)
    return python, {impl: Agent(impl, redis_server.url, settings) for impl in JS_RUNTIMES}


def close(agents: dict[str, Agent]) -> None:
    for agent in agents.values():
        agent.close()


def test_a_revocation_in_python_is_refused_by_node_and_wasm_within_a_second(redis_server: RedisServer) -> None:
    python, agents = start(redis_server)
    try:
        pair = python.login("42", now=NOW)
        for agent in agents.values():
            assert "value" in agent.call("verify", token=pair.access_token, now=NOW)
        other = python.create_access_token("43", now=NOW)  # outside any session: revoke, not logout
        for agent in agents.values():
            assert "value" in agent.call("verify", token=other, now=NOW)
        python.logout(pair.access_token, now=NOW)
        python.revoke(other, now=NOW)
        started = time.monotonic()
        for impl, agent in agents.items():
            for token in (pair.access_token, other):
                while agent.call("verify", token=token, now=NOW).get("code") != "revoked":
                    assert time.monotonic() - started < 1.0, f"{impl} still accepts a revoked token"
        assert time.monotonic() - started < 1.0
    finally:
        close(agents)


def test_two_processes_racing_on_one_refresh_token_have_one_winner(redis_server: RedisServer) -> None:
    python, agents = start(redis_server)
    node, wasm = agents["native"], agents["wasm-node"]
    try:
        for round_ in range(1000):
            pair = python.login("42", now=NOW)
            ids = (node.send("refresh", token=pair.refresh_token, now=NOW + 1),
                   wasm.send("refresh", token=pair.refresh_token, now=NOW + 1))
            answers = [node.wait(ids[0]), wasm.wait(ids[1])]
            winners = [a for a in answers if "value" in a]
            assert len(winners) == 1, f"round {round_}: {answers}"
            loser = next(a for a in answers if "code" in a)
            # The loser presented a used token: reuse, and the whole session is revoked.
            assert loser["code"] == "revoked", answers
    finally:
        close(agents)


def test_a_replay_revokes_the_family_in_every_runtime(redis_server: RedisServer) -> None:
    python, agents = start(redis_server)
    node, wasm = agents["native"], agents["wasm-node"]
    try:
        pair = python.login("42", now=NOW)
        rotated = node.call("refresh", token=pair.refresh_token, now=NOW + 1)["value"]
        assert wasm.call("refresh", token=pair.refresh_token, now=NOW + 2).get("code") == "revoked"
        for agent in agents.values():
            assert agent.call("verify", token=rotated["accessToken"], now=NOW + 2).get("code") == "revoked"
        with pytest.raises(onejwt.RevokedError):
            python.verify(rotated["accessToken"], now=NOW + 2)
        with pytest.raises(onejwt.RevokedError):
            python.refresh(rotated["refreshToken"], now=NOW + 2)
    finally:
        close(agents)


def test_a_replay_within_the_grace_window_keeps_the_family(redis_server: RedisServer) -> None:
    python, agents = start(redis_server, reuse_grace=10)
    node, wasm = agents["native"], agents["wasm-node"]
    try:
        pair = python.login("42", now=NOW)
        first = node.call("refresh", token=pair.refresh_token, now=NOW + 1)["value"]
        second = wasm.call("refresh", token=pair.refresh_token, now=NOW + 5)["value"]  # another tab
        for tokens in (first, second):
            python.verify(tokens["accessToken"], now=NOW + 5)
            for agent in agents.values():
                assert "value" in agent.call("verify", token=tokens["accessToken"], now=NOW + 5)
        # After the window the same replay is reuse.
        assert node.call("refresh", token=pair.refresh_token, now=NOW + 12).get("code") == "revoked"
        assert wasm.call("verify", token=second["accessToken"], now=NOW + 12).get("code") == "revoked"
    finally:
        close(agents)


def test_every_runtime_fails_closed_while_redis_is_down_and_recovers(redis_server: RedisServer) -> None:
    python, agents = start(redis_server)
    try:
        token = python.create_access_token("42", now=NOW)  # outside any session: survives a Redis restart
        for agent in agents.values():
            assert "value" in agent.call("verify", token=token, now=NOW)
        redis_server.stop()
        with pytest.raises(onejwt.StoreUnavailableError):
            python.verify(token, now=NOW)
        with pytest.raises(onejwt.StoreUnavailableError):
            python.validate_token(token, now=NOW)
        assert python.metrics()["store_errors"] == 2
        for impl, agent in agents.items():
            assert agent.call("verify", token=token, now=NOW).get("code") == "store_unavailable", impl
            assert agent.call("metrics")["value"]["store_errors"] >= 1, impl
        redis_server.start()  # the same port
        assert python.verify(token, now=NOW)["sub"] == "42"
        # The JS clients reconnect on their own (node-redis backs off between attempts): within seconds.
        deadline = time.monotonic() + 5
        for impl, agent in agents.items():
            while "value" not in (answer := agent.call("verify", token=token, now=NOW)):
                assert answer["code"] == "store_unavailable", answer
                assert time.monotonic() < deadline, f"{impl} did not recover after Redis came back"
                time.sleep(0.05)
    finally:
        close(agents)
