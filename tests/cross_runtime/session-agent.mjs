/**
 * @module session-agent — one long-lived JS runtime of the cross-runtime session test
 * (test_redis_sessions.py): `node session-agent.mjs native|wasm-node <redis url> <config JSON>` builds a
 * TokenService over a RedisStore, then answers one JSON command per stdin line with one JSON line:
 * `{"id", "op", "token"?, "user_id"?, "now"?}` → `{"id", "value"}` or `{"id", "code"}` (a JwtError's
 * code). Ops: login, refresh, verify, logout, revoke, metrics. Commands run concurrently (each line is
 * answered when its Promise settles), so two runtimes can race on one refresh token.
 */
import { createInterface } from 'node:readline';

const [impl, redisUrl, configText] = process.argv.slice(2);
const lib =
  impl === 'native'
    ? await import('../../bindings-node/js/index.mjs')
    : await import('../../bindings-wasm/pkg/node.mjs');
const config = JSON.parse(configText);
const store = new lib.RedisStore(redisUrl, { timeout: 500 });
const service = new lib.TokenService({ ...config, store });

async function answer(command) {
  const options = command.now === undefined ? undefined : { now: command.now };
  switch (command.op) {
    case 'login':
      return service.login(command.user_id, options);
    case 'refresh':
      return service.refresh(command.token, options);
    case 'verify':
      return service.verify(command.token, 'access', options);
    case 'logout':
      return (await service.logout(command.token, options)) ?? null;
    case 'revoke':
      return (await service.revoke(command.token, options)) ?? null;
    case 'metrics':
      return service.metrics();
    default:
      throw new Error(`unknown op ${command.op}`);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const command = JSON.parse(line);
  answer(command).then(
    (value) => process.stdout.write(`${JSON.stringify({ id: command.id, value: value ?? null })}\n`),
    (err) => process.stdout.write(`${JSON.stringify({ id: command.id, code: err.code ?? `thrown: ${err}` })}\n`),
  );
});
lines.on('close', async () => {
  await store.close?.();
  process.exit(0);
});
process.stdout.write(`${JSON.stringify({ ready: impl })}\n`);
