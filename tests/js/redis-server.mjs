/**
 * @module redis-server — starts a throwaway redis-server for the JS Redis store tests: Debian's binary
 * (`make redis-server` installs it) on a free loopback port, without persistence, never a system service.
 * The test stops it when done; `stop()` and `start()` again on the same port simulate an outage (a fresh
 * server: no data, no cached scripts).
 *
 * @example
 * const redis = await startRedis();
 * const store = new RedisStore(redis.url, { timeout: 500 });
 * await redis.stop();
 * await redis.start(); // the same port again
 * await redis.stop();
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Debian's redis-server (`apt-get install redis-server`, `make redis-server`). */
export const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** Why the Redis tests cannot run here, or `false`: for `test(…, { skip })` when run by hand without it. */
export const redisMissing = existsSync(REDIS_SERVER) ? false : `${REDIS_SERVER} is not installed (make redis-server)`;

/** A port that was free a moment ago on 127.0.0.1. */
async function freePort() {
  const server = createServer();
  await new Promise((listening, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', listening);
  });
  const { port } = server.address();
  await new Promise((closed) => server.close(closed));
  return port;
}

/** Sends one inline command over a fresh connection; resolves with the first reply line, or rejects. */
export function command(port, line, { timeout = 1000 } = {}) {
  return new Promise((answer, fail) => {
    const socket = connect({ host: '127.0.0.1', port });
    let data = '';
    socket.setTimeout(timeout, () => socket.destroy(new Error(`redis-server on ${port} did not answer ${line}`)));
    socket.once('error', fail);
    socket.on('data', (chunk) => {
      data += chunk;
      const end = data.indexOf('\r\n');
      if (end >= 0) {
        socket.end();
        answer(data.slice(0, end));
      }
    });
    socket.write(`${line}\r\n`);
  });
}

/**
 * Starts redis-server on a free port (or `port`) and waits until it answers PING.
 *
 * @param {{ port?: number, timeout?: number, unref?: boolean }} [options] `timeout`: ms to wait for the first
 *   PONG; `unref`: the server does not keep this process alive (a README snippet, which has no teardown: the
 *   server is killed when the process exits)
 * @returns {Promise<{ port: number, url: string, start: () => Promise<void>, stop: () => Promise<void>, command: (line: string) => Promise<string> }>}
 */
export async function startRedis({ port, timeout = 10_000, unref = false } = {}) {
  const at = port ?? (await freePort());
  let child;
  let log = '';

  async function start() {
    if (child) throw new Error('redis-server is already running');
    log = '';
    child = spawn(
      REDIS_SERVER,
      ['--port', String(at), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // A test process that dies without stopping its server takes the server with it.
    const orphan = () => child?.kill('SIGKILL');
    process.once('exit', orphan);
    const exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        process.off('exit', orphan);
        resolve({ code, signal });
      }),
    );
    child.exited = exited;
    child.stdout.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
    child.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
    if (unref) {
      child.unref();
      child.stdout.unref();
      child.stderr.unref();
    }
    const deadline = Date.now() + timeout;
    for (;;) {
      const early = await Promise.race([exited, sleep(50).then(() => null)]);
      if (early) {
        child = undefined;
        throw new Error(`redis-server exited (${early.code ?? early.signal}) before answering on port ${at}:\n${log}`);
      }
      try {
        if ((await command(at, 'PING')) === '+PONG') return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`redis-server did not answer PING on port ${at} within ${timeout} ms:\n${log}`);
      }
    }
  }

  async function stop() {
    const running = child;
    if (!running) return;
    child = undefined;
    running.kill('SIGTERM');
    // An unref'd timer: waiting for the exit must not keep the test process alive after it.
    const done = await Promise.race([running.exited, sleep(5000, null, { ref: false })]);
    if (!done) {
      running.kill('SIGKILL');
      await running.exited;
    }
  }

  await start();
  return { port: at, url: `redis://127.0.0.1:${at}`, start, stop, command: (line) => command(at, line) };
}
