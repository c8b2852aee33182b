"""Threads: verification throughput with 1 and 2 threads, to show where releasing the GIL pays.

The binding releases the GIL around RSA/EC/Ed25519 work only (issue 3): HMAC verification is
quicker than handing the GIL over, so HS256 is expected not to scale and RS256 to scale. Both
thread counts go through the same pool, so hand-off costs are alike.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from itertools import repeat
from typing import Any

from timing import Contender

MAX_THREADS = 2


def threaded(name: str, make_op: Callable[[], Callable[[], Any]], threads: int, pool: ThreadPoolExecutor) -> Contender:
    """``run(n)`` splits n operations over ``threads`` tasks of the pool and waits for all."""

    def work(count: int) -> None:
        op = make_op()
        for _ in repeat(None, count):
            op()

    def run(n: int) -> None:
        share, extra = divmod(n, threads)
        futures = [pool.submit(work, share + (1 if i < extra else 0)) for i in range(threads)]
        wait(futures)
        for future in futures:
            future.result()  # re-raises a failure instead of timing a broken run

    label = "1 thread" if threads == 1 else f"{threads} threads"
    return Contender(f"{name}, {label}", run)


def new_pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=MAX_THREADS, thread_name_prefix="bench")
