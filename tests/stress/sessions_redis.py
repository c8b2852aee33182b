#!/usr/bin/env python3
"""Sessions against a real Redis under load (issue 13): SESSIONS logins, then every session refreshed ROUNDS
times with CONCURRENCY refreshes in flight (asyncio, AsyncTokenService over AsyncRedisStore), on a redis-server
this script starts on a random loopback port and stops; then the same workload on the in-memory store, in the
same process, as the reference the Redis figures are read against. Fails on any refused refresh, on a replayed refresh
token that is not refused, or if Redis holds anything but one key per session. Prints and writes (JSON, for
bench/report.py) the refresh throughput and latency percentiles.

Usage: sessions_redis.py OUT.json [--sessions N] [--rounds R] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.redis.server import RedisServer  # noqa: E402

import onejwt  # noqa: E402
from onejwt import AsyncRedisStore, AsyncTokenService  # noqa: E402

SECRET = "stress-secret-stress-secret-32by"
NOW = 1_767_225_600


def percentile(sorted_values: list[float], p: float) -> float:
    index = min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))
    return sorted_values[index]


async def run(args: argparse.Namespace, url: str | None) -> dict:
    """The workload on Redis at `url`, or with `None` on the in-memory store (the same process's reference)."""
    settings = {"secret_key": SECRET, "issuer": "https://stress.example", "max_sessions": max(args.sessions, 1)}
    if url is None:
        service = AsyncTokenService(**settings)
    else:
        service = AsyncTokenService(store=AsyncRedisStore(url, timeout=5.0), **settings)
    limit = asyncio.Semaphore(args.concurrency)

    async def login(i: int) -> str:
        async with limit:
            return (await service.login(f"user-{i}", now=NOW)).refresh_token

    started = time.perf_counter()
    tokens = await asyncio.gather(*(login(i) for i in range(args.sessions)))
    login_seconds = time.perf_counter() - started
    first_tokens = list(tokens)

    latencies: list[float] = []

    async def refresh(i: int, round_: int) -> None:
        async with limit:
            t = time.perf_counter()
            pair = await service.refresh(tokens[i], now=NOW + 1 + round_)
            latencies.append(time.perf_counter() - t)
            tokens[i] = pair.refresh_token

    started = time.perf_counter()
    for round_ in range(args.rounds):
        await asyncio.gather(*(refresh(i, round_) for i in range(args.sessions)))
    refresh_seconds = time.perf_counter() - started

    # Every first refresh token is used now: a sample of replays must each revoke their session.
    for i in range(0, args.sessions, max(1, args.sessions // 100)):
        try:
            await service.refresh(first_tokens[i], now=NOW + args.rounds + 1)
            raise SystemExit(f"a replayed refresh token of session {i} was accepted")
        except onejwt.RevokedError:
            pass
    metrics = service.metrics()
    if metrics["sessions_started"] != args.sessions or metrics["store_errors"] != 0:
        raise SystemExit(f"unexpected metrics {metrics}")
    latencies.sort()
    return {
        "sessions": args.sessions,
        "rounds": args.rounds,
        "concurrency": args.concurrency,
        "login_per_second": args.sessions / login_seconds,
        "refresh_per_second": len(latencies) / refresh_seconds,
        "refresh_latency_ms": {
            "p50": percentile(latencies, 50) * 1000,
            "p99": percentile(latencies, 99) * 1000,
            "max": latencies[-1] * 1000,
            "mean": statistics.fmean(latencies) * 1000,
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=256)
    args = parser.parse_args()
    server = RedisServer()
    server.start()
    try:
        result = asyncio.run(run(args, server.url))
        memory = asyncio.run(run(args, None))
        result["memory_refresh_per_second"] = memory["refresh_per_second"]
        result["memory_refresh_latency_ms"] = memory["refresh_latency_ms"]
        import redis  # the redis package: installed with the Python test requirements

        client = redis.Redis.from_url(server.url)
        keys = client.dbsize()
        if keys != args.sessions:
            raise SystemExit(f"Redis holds {keys} keys for {args.sessions} sessions (one each expected)")
        result["redis_keys"] = keys
        result["redis_memory_mb"] = client.info("memory")["used_memory"] / 2**20
        client.close()
    finally:
        server.stop()
    result["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    latency = result["refresh_latency_ms"]
    print(f"sessions-redis: {args.sessions} sessions, {args.rounds} rounds, {args.concurrency} in flight: "
          f"{result['refresh_per_second']:.0f} refreshes/s, p50 {latency['p50']:.2f} ms, p99 {latency['p99']:.2f} ms; "
          f"logins {result['login_per_second']:.0f}/s; Redis: {keys} keys, {result['redis_memory_mb']:.1f} MB; "
          f"in-memory store in the same run: {result['memory_refresh_per_second']:.0f} refreshes/s "
          f"(Redis at {result['refresh_per_second'] / result['memory_refresh_per_second']:.2f}x of it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
