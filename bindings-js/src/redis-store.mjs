/**
 * @module redis-store — RedisStore: the session store that several instances of a service share, over
 * Redis, written once for both packages (Node entries only: browsers have no Redis). The atomic logic is
 * the core's: for each store request the core names the Lua script, its keys and arguments
 * (`redisCommand`), this module runs it (`EVALSHA`, or `EVAL` when Redis does not know the script yet),
 * and the core reads the script's raw reply (`redisReply`). Every call has a timeout; whatever goes wrong
 * is thrown, and the service fails closed (`store_unavailable`).
 *
 * The npm package `redis` (node-redis) is an optional peer dependency, imported only when a URL is given:
 * a caller that passes its own client (TLS, ACL, cluster) needs nothing more. The package's build copies
 * this file (bindings-js/manifest.json) beside its entry modules.
 */

/** The key prefix when none is given (the core's `DEFAULT_PREFIX`). */
const DEFAULT_PREFIX = 'onejwt:';
/** Milliseconds a call may take by default: an auth check waiting longer than this is an outage. */
const DEFAULT_TIMEOUT = 2000;
/** The longest timeout accepted: a request that waits a minute for its session store has failed. */
const MAX_TIMEOUT = 60_000;
const OPTIONS = ['prefix', 'timeout'];

/**
 * The RedisStore class over one package's raw module.
 *
 * @param {object} options
 * @param {object} options.raw the raw `redisCommand`, `redisReply` and `redisPrefix`
 * @param {object} options.api what `surface()` returned: `call`, `argumentError`
 * @returns {{ RedisStore: Function }}
 */
export function redisStore({ raw, api }) {
  const { call, argumentError } = api;

  function optionError(name, message) {
    const error = new TypeError(`invalid option \`${name}\`: ${message}`);
    error.option = name;
    return error;
  }

  /** The raw reply of a script as JSON: bulk strings as text (a Buffer as its UTF-8), arrays as arrays. */
  function plain(reply) {
    if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
    if (Array.isArray(reply)) return reply.map(plain);
    return reply;
  }

  /** Whether Redis refused `EVALSHA` because it does not hold the script (a restart, `SCRIPT FLUSH`). */
  const noScript = (e) => typeof e?.message === 'string' && e.message.startsWith('NOSCRIPT');

  /** A session store in Redis, shared by every instance of a service. */
  class RedisStore {
    #client;
    #url;
    #ready;
    #prefix;
    #timeout;
    #closed = false;

    /**
     * @param {string | object} client a `redis://` or `rediss://` URL (the store creates, connects and
     *   closes its own node-redis client), or a node-redis client or cluster the caller configured and owns
     * @param {{ prefix?: string, timeout?: number }} [options]
     */
    constructor(client, options) {
      if (typeof client === 'string') {
        let url;
        try {
          url = new URL(client);
        } catch {
          url = undefined;
        }
        if (url?.protocol !== 'redis:' && url?.protocol !== 'rediss:') {
          throw argumentError('client', 'must be a redis:// or rediss:// URL, or a node-redis client');
        }
        this.#url = client;
      } else if (
        client === null ||
        typeof client !== 'object' ||
        typeof client.evalSha !== 'function' ||
        typeof client.eval !== 'function'
      ) {
        throw argumentError('client', 'must be a redis:// or rediss:// URL, or a node-redis client (with evalSha and eval)');
      } else {
        this.#client = client;
      }
      let prefix = DEFAULT_PREFIX;
      let timeout = DEFAULT_TIMEOUT;
      if (options !== undefined) {
        if (options === null || typeof options !== 'object' || Array.isArray(options)) {
          throw argumentError('options', 'must be an object');
        }
        for (const name of Object.keys(options)) {
          if (!OPTIONS.includes(name)) throw optionError(name, `unknown option (RedisStore takes ${OPTIONS.join(' and ')})`);
        }
        if (options.prefix !== undefined) prefix = options.prefix;
        if (options.timeout !== undefined) timeout = options.timeout;
      }
      if (typeof prefix !== 'string') throw optionError('prefix', 'must be a string');
      // The core's rule (no braces: the session id is the Redis Cluster hash tag), refused by name.
      call(() => raw.redisPrefix(prefix));
      if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT) {
        throw optionError('timeout', `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT}`);
      }
      this.#prefix = prefix;
      this.#timeout = timeout;
      // Connect now, so the first request does not wait for the import and the handshake; a failure
      // here is seen (and retried) by that request.
      if (this.#url !== undefined) this.#connected().catch(() => {});
    }

    /** The key prefix. */
    get prefix() {
      return this.#prefix;
    }

    /** Milliseconds each call may take. */
    get timeout() {
      return this.#timeout;
    }

    /**
     * Performs one store request (what a TokenService hands it): the reply object. Rejects when Redis
     * fails, refuses, answers nonsense or takes longer than `timeout`.
     */
    async execute(request) {
      if (this.#closed) throw new Error('this RedisStore is closed');
      const text = JSON.stringify(request);
      const command = JSON.parse(call(() => raw.redisCommand(text, this.#prefix)));
      const reply = await this.#withTimeout((signal) => this.#evaluate(command, signal));
      return JSON.parse(call(() => raw.redisReply(text, JSON.stringify(plain(reply)))));
    }

    /** Closes the client the store created from a URL; a client the caller passed stays the caller's. */
    async close() {
      if (this.#closed) return;
      this.#closed = true;
      if (this.#url === undefined || this.#ready === undefined) return;
      const client = this.#client;
      // A client still (re)connecting has nothing to drain: destroyed at once.
      if (client?.isReady) {
        try {
          await (typeof client.close === 'function' ? client.close() : client.quit());
          return;
        } catch {
          // Closed under us: nothing left to drain.
        }
      }
      client?.destroy?.();
    }

    /** Runs `run` with an AbortSignal, rejecting after `timeout` ms (and aborting what is still queued). */
    #withTimeout(run) {
      const controller = new AbortController();
      let timer;
      const expired = new Promise((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          const error = new Error(`no reply from Redis in ${this.#timeout} ms`);
          error.name = 'TimeoutError';
          reject(error);
        }, this.#timeout);
      });
      return Promise.race([run(controller.signal), expired]).finally(() => clearTimeout(timer));
    }

    async #evaluate({ sha, script, keys, args }, signal) {
      const client = await this.#connected();
      // node-redis drops a command that was not sent yet when its signal aborts (a command queued while
      // the client reconnects is then never run after the call has already failed).
      const target = typeof client.withAbortSignal === 'function' ? client.withAbortSignal(signal) : client;
      const options = { keys, arguments: args };
      try {
        return await target.evalSha(sha, options);
      } catch (e) {
        if (!noScript(e)) throw e;
        // EVAL also caches the script, so the next EVALSHA finds it.
        return target.eval(script, options);
      }
    }

    /** The client, connecting the store's own one at the first call. */
    #connected() {
      if (this.#url === undefined) return this.#client;
      this.#ready ??= this.#connect().catch((e) => {
        this.#ready = undefined;
        throw e;
      });
      return this.#ready;
    }

    async #connect() {
      let createClient;
      try {
        ({ createClient } = await import('redis'));
      } catch (e) {
        throw new Error('RedisStore needs the npm package `redis` to connect to a URL: npm install redis', { cause: e });
      }
      if (this.#closed) throw new Error('this RedisStore is closed');
      // Without the offline queue, a call while the client reconnects fails at once instead of waiting
      // out its timeout: an outage costs each request nothing but its 503.
      const client = createClient({ url: this.#url, disableOfflineQueue: true });
      // Every failure reaches the caller of execute; without a listener, an 'error' event (each failed
      // reconnection emits one) would end the process.
      client.on('error', () => {});
      this.#client = client;
      // node-redis keeps retrying while the server is down: until then each call times out (the first
      // connection), and after it reconnects by itself.
      await client.connect();
      if (this.#closed) {
        client.destroy?.();
        throw new Error('this RedisStore is closed');
      }
      return client;
    }

    get [Symbol.toStringTag]() {
      return 'RedisStore';
    }
  }

  return { RedisStore };
}
