"""A throwaway redis-server for tests: Debian's /usr/bin/redis-server on a free loopback port, with no
persistence, started as a child process and stopped with it (never the system service).

As a context manager from any script or test::

    from server import RedisServer
    with RedisServer() as redis:
        ...  # redis.url == "redis://127.0.0.1:<port>/0"

or from a shell (for runtimes without Python fixtures): ``python3 tests/redis/server.py`` prints
the URL on its first line and serves until stdin closes or it is terminated. ``make redis-server``
installs the package. Only the standard library is used, so it runs with any Python 3.9+.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from types import TracebackType
from typing import Optional

REDIS_SERVER = os.environ.get("REDIS_SERVER", "/usr/bin/redis-server")


def free_port() -> int:
    """A port nothing listens on right now (the server may still lose a race for it: start retries)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def ping(port: int, timeout: float = 0.5) -> bool:
    """Whether a Redis server answers PING on the loopback port (RESP, no client library)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """One redis-server process on ``port`` (default: a free one). ``cluster=True`` starts it in
    cluster mode owning every slot, a one-node Redis Cluster that refuses cross-slot scripts."""

    def __init__(self, port: Optional[int] = None, *, cluster: bool = False) -> None:
        if not os.access(REDIS_SERVER, os.X_OK):
            raise RuntimeError(f"{REDIS_SERVER} is missing: run `make redis-server`")
        self.port = port or free_port()
        self.cluster = cluster
        self.process: Optional[subprocess.Popen[bytes]] = None
        self._dir: Optional[str] = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> RedisServer:
        """Starts the server (again, after :meth:`stop`, on the same port) and waits until it
        answers PING; retries on another port when the first one was taken meanwhile, unless the
        port was given."""
        for _ in range(5):
            if self._spawn(timeout):
                return self
            if self.process is not None and self.process.poll() is None:
                break
            self.port = free_port()
        raise RuntimeError(f"redis-server did not start on 127.0.0.1:{self.port}")

    def _spawn(self, timeout: float) -> bool:
        # Its own working directory (cluster mode writes nodes.conf there), removed by stop().
        self._dir = self._dir or tempfile.mkdtemp(prefix="onejwt-redis-")
        args = [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        args += ["--dir", self._dir, "--protected-mode", "yes", "--loglevel", "warning"]
        if self.cluster:
            args += ["--cluster-enabled", "yes", "--cluster-config-file", f"nodes-{self.port}.conf"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False  # exited: most likely the port was taken
            if ping(self.port):
                if self.cluster:
                    self._own_every_slot(deadline)
                return True
            time.sleep(0.02)
        self.stop()
        return False

    def _own_every_slot(self, deadline: float) -> None:
        self.command("CLUSTER", "ADDSLOTSRANGE", "0", "16383")
        while b"cluster_state:ok" not in self.command("CLUSTER", "INFO"):
            if time.monotonic() > deadline:
                raise RuntimeError("the one-node cluster did not become ready")
            time.sleep(0.02)

    def command(self, *args: str) -> bytes:
        """Sends one command (RESP) and returns the raw reply: enough for setup and checks."""
        payload = f"*{len(args)}\r\n".encode() + b"".join(
            f"${len(a.encode())}\r\n".encode() + a.encode() + b"\r\n" for a in args
        )
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as conn:
            conn.sendall(payload)
            reply = conn.recv(65536)
            if reply.startswith(b"$"):  # a bulk string: read all of its announced length
                header, _, body = reply.partition(b"\r\n")
                while len(body) < int(header[1:]) + 2:
                    body += conn.recv(65536)
                reply = header + b"\r\n" + body
            return reply

    def stop(self) -> None:
        """Stops the server (SIGTERM, then SIGKILL; it keeps nothing) and removes its directory;
        :meth:`start` runs it again on the same port."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    close = stop

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(
        self,
        kind: Optional[type[BaseException]],
        value: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.stop()


def main() -> int:
    with RedisServer() as server:
        print(server.url, flush=True)
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            sys.stdin.read()  # until stdin closes
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
