/**
 * @module run-corpus — the shared JS runner of the conformance corpus (tests/vectors, format in its README),
 * for both packages (bindings-js/test).
 *
 * Environment-neutral (no `node:` imports), so the same file runs under Node and inside a browser page.
 * `lib` is the imported package namespace (`onejwt` or `onejwt-wasm`); every case goes through its public
 * API only. The outcome logic mirrors core/tests/corpus.rs exactly: the key is built first (a key error is
 * the case's outcome), then the options (a caller mistake is an `options_error` naming the option as the
 * case spells it), then verify / sign / decode. An `export` case records every export of its key (or key
 * set) and a `generate` case what must hold for a generated key (tests/vectors/README.md, "Key lifecycle
 * cases"), as `run_export` / `run_generate` in corpus.rs do; their records' `claims` are the `exports` /
 * `generated` objects. A `service` case (a scripted sequence against one
 * `TokenService`) is run step by step as `run_service` in core/tests/corpus.rs runs it, and its record
 * lists the step outcomes. A case with a `store` runs over the scripted host store of the corpus README,
 * whose `execute` is async: the service's store-touching methods must then return Promises (and without
 * a store must not), so `runAll` and `runCase` are async.
 */

/**
 * @typedef {object} CaseRecord the shape every runtime writes to target/corpus/<runtime>.json
 * @property {string} id
 * @property {'ok' | 'error' | 'options_error' | 'exception'} verdict `exception` means the binding threw
 *   something that is neither a JwtError nor an option TypeError: always a failure
 * @property {string | null} code the error code, the option name (snake_case) or the exception text
 * @property {Record<string, unknown> | null} claims the verified or decoded claims
 */

/**
 * Runs one case through `lib` and returns its record.
 *
 * @param {object} lib the package namespace
 * @param {object} testCase one parsed case file
 * @returns {Promise<CaseRecord>}
 */
export async function runCase(lib, testCase) {
  if (testCase.kind === 'service') {
    return { id: testCase.id, verdict: 'ok', code: null, claims: (await runService(lib, testCase)).steps };
  }
  return recordOf(testCase.id, execute(lib, testCase));
}

/**
 * Runs every case and compares each outcome with the case's expectation.
 *
 * @param {object} lib the package namespace
 * @param {object[]} cases parsed case files
 * @returns {Promise<{ records: CaseRecord[], failures: string[] }>} records sorted by id; one failure line
 *   per case that did not give its expected outcome (and one if there are no cases at all)
 */
export async function runAll(lib, cases) {
  const records = [];
  const failures = [];
  if (cases.length === 0) failures.push('no corpus cases were given: a runner that runs nothing proves nothing');
  const seen = new Set();
  for (const testCase of cases) {
    if (seen.has(testCase.id)) failures.push(`${testCase.id}: duplicate case id`);
    seen.add(testCase.id);
    if (testCase.kind === 'service') {
      const { steps, unmet } = await runService(lib, testCase);
      failures.push(...unmet.map((u) => `${testCase.id}: ${u}`));
      records.push({ id: testCase.id, verdict: 'ok', code: null, claims: steps });
      continue;
    }
    const outcome = execute(lib, testCase);
    const difference = check(testCase, outcome);
    if (difference !== null) failures.push(`${testCase.id}: ${difference}`);
    const leak = leakIn(testCase, outcome);
    if (leak !== null) failures.push(`${testCase.id}: ${leak}`);
    records.push(recordOf(testCase.id, outcome));
  }
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { records, failures };
}

// ---------------------------------------------------------------------------------------------
// Outcomes: { kind: 'ok', header, claims, token } | { kind: 'error', code } |
//           { kind: 'options_error', option } | { kind: 'exception', text }

function execute(lib, testCase) {
  try {
    switch (testCase.kind ?? 'verify') {
      case 'verify':
        return verifyCase(lib, testCase, tokenOf(testCase));
      case 'sign':
        return signCase(lib, testCase);
      case 'decode':
        return caught(lib, null, () => {
          const { header, claims } = lib.decodeUnverified(tokenOf(testCase));
          return { kind: 'ok', header, claims, token: null };
        });
      case 'export':
        return exportCase(lib, testCase);
      case 'generate':
        return generateCase(lib, testCase);
      default:
        return { kind: 'exception', text: `unknown case kind ${JSON.stringify(testCase.kind)}` };
    }
  } catch (e) {
    return { kind: 'exception', text: describe(e) };
  }
}

function verifyCase(lib, testCase, token) {
  const key = buildKey(lib, testCase.key);
  if (key.outcome) return key.outcome;
  const outcome = verifyWith(lib, testCase, token, key);
  if (!key.set) return outcome;
  // What `expect.skipped` lists of the keys the set left out, and their messages (error hygiene).
  const skipped = key.set.skipped.map(({ index, kid, reason }) => ({ index, kid, reason }));
  return { ...outcome, skipped, skippedMessages: key.set.skipped.map((s) => s.message) };
}

function verifyWith(lib, testCase, token, key) {
  const { options, names } = camelOptions(testCase.options ?? {});
  const built = caught(lib, names, () => ({
    kind: 'ok',
    verifier: new lib.Verifier({ ...options, ...(key.set ? { keys: key.set } : { key: key.key }) }),
  }));
  if (built.kind !== 'ok') return built;
  if (!Number.isInteger(testCase.now)) {
    return { kind: 'exception', text: 'every verify case needs an integer "now"' };
  }
  const now = testCase.now;
  return caught(lib, names, () => {
    const { header, claims } = built.verifier.verifyComplete(token, { now });
    // verify() must agree with verifyComplete(): both are public, both are exercised.
    const plain = built.verifier.verify(token, { now });
    if (!jsonEqual(plain, claims)) {
      return { kind: 'exception', text: 'verify() and verifyComplete() returned different claims' };
    }
    return { kind: 'ok', header, claims, token: null };
  });
}

function signCase(lib, testCase) {
  const spec = testCase.sign;
  const key = buildKey(lib, spec.key);
  if (key.outcome) return key.outcome;
  if (key.set) return { kind: 'exception', text: 'a sign case needs a single key, not a key set' };
  // Every member but the claims, the key and the algorithm is a sign option (as corpus.rs reads it).
  const { claims: _claims, key: _key, algorithm: _algorithm, ...bag } = spec;
  const { options, names } = camelOptions(bag);
  const signed = caught(lib, names, () => ({
    kind: 'ok',
    token: lib.sign(spec.claims, key.key, spec.algorithm, options),
  }));
  if (signed.kind !== 'ok') return signed;
  if (testCase.expect?.claims !== undefined) {
    const verified = verifyCase(lib, { ...testCase, key: testCase.key ?? spec.key }, signed.token);
    return verified.kind === 'ok' ? { ...verified, token: signed.token } : verified;
  }
  return { kind: 'ok', header: null, claims: {}, token: signed.token };
}

/**
 * What an export gives, as the case records it: its value, or `{ error: code }` when the core refuses it
 * (anything else thrown is the case's exception).
 */
function exported(lib, fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof lib.JwtError) return { error: e.code };
    throw e;
  }
}

/** `kind: "export"`: every export of the key (or key set) through the public API (corpus.rs `run_export`). */
function exportCase(lib, testCase) {
  const built = buildKey(lib, testCase.key);
  if (built.outcome) return built.outcome;
  const exports = {};
  if (built.set) {
    const { set } = built;
    exports.public_jwks = exported(lib, () => set.toJwks());
    exports.private_jwks = exported(lib, () => set.toJwks({ private: true }));
  } else {
    const { key } = built;
    exports.public_jwk = exported(lib, () => key.toJwk());
    exports.private_jwk = exported(lib, () => key.toJwk({ private: true }));
    exports.public_pem = exported(lib, () => key.toPem());
    exports.private_pem = exported(lib, () => key.toPem({ private: true }));
    exports.thumbprint = exported(lib, () => key.thumbprint());
  }
  return { kind: 'ok', header: null, claims: exports, token: null };
}

/**
 * `kind: "generate"`: `Key.generate(algorithm, options)`, then what must hold for every key it makes
 * (corpus.rs `run_generate`): the key is random, so the record holds no key material.
 */
function generateCase(lib, testCase) {
  const { algorithm } = testCase;
  const { options, names } = camelOptions(testCase.options ?? {});
  const built = caught(lib, names, () => ({ kind: 'ok', key: lib.Key.generate(algorithm, options) }));
  if (built.kind !== 'ok') return built;
  const { key } = built;
  const thumbprint = key.thumbprint();
  const privateJwk = key.toJwk({ private: true });
  const hmac = key.family === 'hmac';
  const generated = {
    family: key.family,
    kid: key.kid === thumbprint ? 'thumbprint' : key.kid,
    public_members: exported(lib, () => Object.keys(key.toJwk()).sort()),
    private_members: Object.keys(privateJwk).sort(),
  };
  if (hmac) generated.secret_bytes = base64urlBytes(privateJwk.k).length;
  generated.verifies = exported(lib, () => {
    const token = lib.sign({ sub: '42' }, key, algorithm);
    // HMAC has no public half: its private JWK verifies.
    const verifier = new lib.Verifier({ key: lib.Key.fromJwk(hmac ? privateJwk : key.toJwk()), algorithms: [algorithm] });
    const { header, claims } = verifier.verifyComplete(token, { now: 0 });
    return claims.sub === '42' && (header.kid ?? null) === key.kid;
  });
  if (generated.verifies?.error !== undefined) generated.verifies = generated.verifies.error;
  if (!hmac) {
    const same = (pem) => {
      try {
        return lib.Key.fromPem(pem()).thumbprint() === thumbprint;
      } catch (e) {
        if (e instanceof lib.JwtError) return false;
        throw e;
      }
    };
    generated.pem_round_trips = same(() => key.toPem({ private: true })) && same(() => key.toPem());
  }
  return { kind: 'ok', header: null, claims: generated, token: null };
}

/** Builds a key form; `{ outcome }` when building it fails (the case's verdict). */
function buildKey(lib, form) {
  // `{"jwks": …, "options": {…}}`: KeySet.fromJwks's options, snake_case in the case.
  const { options: setOptions, ...rest } = form ?? {};
  const entries = Object.entries(rest);
  if (entries.length !== 1 || (setOptions !== undefined && entries[0][0] !== 'jwks')) {
    return { outcome: { kind: 'exception', text: 'a key form has exactly one key member (jwks may add options)' } };
  }
  const [[kind, value]] = entries;
  const { options: jwksOptions, names } = camelOptions(setOptions ?? {});
  const built = caught(lib, names, () => {
    switch (kind) {
      case 'hmac':
        return { kind: 'ok', key: lib.Key.hmac(value) };
      case 'hmac_base64url':
        return { kind: 'ok', key: lib.Key.hmac(base64urlBytes(value)) };
      case 'pem':
        return { kind: 'ok', key: lib.Key.fromPem(value) };
      case 'jwk':
        return { kind: 'ok', key: lib.Key.fromJwk(value) };
      case 'jwks':
        return {
          kind: 'ok',
          set: setOptions === undefined ? lib.KeySet.fromJwks(value) : lib.KeySet.fromJwks(value, jwksOptions),
        };
      default:
        return { kind: 'exception', text: `unknown key form ${kind}` };
    }
  });
  return built.kind === 'ok' ? built : { outcome: built };
}

/**
 * Runs `fn`, turning a JwtError into an `error` outcome and an option TypeError into an
 * `options_error` naming the option as the case wrote it (`names` maps camelCase back).
 */
function caught(lib, names, fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof lib.JwtError) return { kind: 'error', code: e.code, message: e.message };
    const named = callerMistake(e);
    if (named !== undefined) {
      return { kind: 'options_error', option: names?.get(named) ?? snakeCase(named), message: e.message };
    }
    return { kind: 'exception', text: describe(e) };
  }
}

/** The longest message a refusal may carry, however large the input (issue 8, error hygiene). */
const MAX_MESSAGE = 512;

/**
 * Why a refusal's message breaks error hygiene, or `null`: it must stay short and must never
 * echo the token or key material (a token segment, a secret, a PEM body line, a JWK member).
 */
function leakIn(testCase, outcome) {
  for (const message of [outcome.message, ...(outcome.skippedMessages ?? [])]) {
    if (typeof message !== 'string') continue;
    const leak = leakInMessage(testCase, message);
    if (leak !== null) return leak;
  }
  return null;
}

function leakInMessage(testCase, message) {
  if (message.length > MAX_MESSAGE) return `its message is ${message.length} characters long`;
  const secrets = [];
  if (testCase.kind !== 'service' && (testCase.token !== undefined || testCase.token_repeat)) {
    for (const segment of tokenOf(testCase).split('.')) secrets.push(segment);
  }
  const collect = (value) => {
    if (typeof value === 'string') for (const line of value.split(/\r?\n/)) secrets.push(line);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(testCase.key);
  // Short pieces (a `kid`, "RSA", an exponent) may be named on purpose; material is long.
  const found = secrets.find((piece) => piece.length >= 16 && !piece.startsWith('-----') && message.includes(piece));
  return found === undefined ? null : `its message echoes input material (${found.length} characters of it)`;
}

/**
 * The option or argument a caller-mistake `TypeError` names (`option` for an option, `argument` for a
 * positional argument), or `undefined` for anything else.
 */
function callerMistake(e) {
  if (!(e instanceof TypeError)) return undefined;
  if (typeof e.option === 'string') return e.option;
  return typeof e.argument === 'string' ? e.argument : undefined;
}

/** The case's snake_case options as the JS camelCase options object, and the way back. */
function camelOptions(snake) {
  const options = {};
  const names = new Map();
  for (const [name, value] of Object.entries(snake)) {
    const camel = name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
    options[camel] = value;
    names.set(camel, name);
  }
  return { options, names };
}

function snakeCase(name) {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function tokenOf(testCase) {
  if (typeof testCase.token === 'string') return testCase.token;
  const repeat = testCase.token_repeat;
  return (repeat.prefix ?? '') + repeat.fill.repeat(repeat.count);
}

/** Decodes base64url (unpadded) with the web-standard `atob`, which Node and browsers both have. */
function base64urlBytes(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

// ---------------------------------------------------------------------------------------------
// Service cases (core/tests/corpus.rs `run_service` / `run_step`): step outcomes are 'ok', 'null',
// 'error:<code>' or 'options_error' (an unexpected exception is 'exception: …', never equal to Rust's).

/**
 * The scripted host store of a case's `store` (tests/vectors/README.md): each request is logged, then
 * answered with the next entry of `replies`: `{"throw": message}` rejects with that message, any other
 * entry is the reply as it is, and when none is left it rejects. Async, as real JS stores are.
 */
function scriptedStore(spec) {
  const replies = [...(spec.replies ?? [])];
  const log = [];
  return {
    log,
    async execute(request) {
      log.push(request);
      if (replies.length === 0) throw new Error('the scripted store has no reply left');
      const reply = replies.shift();
      if (reply !== null && typeof reply === 'object' && !Array.isArray(reply) && typeof reply.throw === 'string') {
        throw new Error(reply.throw);
      }
      return reply;
    },
  };
}

/** Runs a service case; returns the step outcomes (the record's `claims`) and any unmet expectations. */
async function runService(lib, testCase) {
  const { options: config, names } = camelOptions(testCase.config ?? {});
  const store = testCase.store === undefined ? undefined : scriptedStore(testCase.store);
  let service;
  try {
    service = new lib.TokenService(store === undefined ? config : { ...config, store });
  } catch (e) {
    const got = failureOf(lib, names, e);
    const expect = testCase.expect ?? {};
    const want =
      expect.options_error !== undefined
        ? `options_error:${expect.options_error}`
        : expect.error !== undefined
          ? `error:${expect.error}`
          : 'a working service';
    return { steps: [got], unmet: got === want ? [] : [`config: got ${got}, expected ${want}`] };
  }
  const saved = new Map();
  const steps = [];
  const unmet = [];
  // A config the case expects to be refused must not build a working service.
  const refusal = testCase.expect?.options_error ?? testCase.expect?.error;
  if (refusal !== undefined) unmet.push(`config: got a working service, expected ${refusal}`);
  for (const [index, step] of (testCase.steps ?? []).entries()) {
    const expect = step.expect ?? { ok: true };
    let outcome;
    let met;
    let value;
    try {
      value = await runStep(lib, service, store, step, saved);
      outcome = value === null ? 'null' : 'ok';
      met = meets(value, expect);
    } catch (e) {
      value = undefined;
      outcome = failureOf(lib, null, e);
      if (outcome.startsWith('error:')) met = expect.error === outcome.slice(6);
      else if (outcome.startsWith('options_error:')) {
        met = expect.options_error === outcome.slice(14);
        outcome = 'options_error';
      } else met = false;
    }
    if (!met) unmet.push(`step ${index} (${step.op}): got ${outcome}, expected ${JSON.stringify(expect)}`);
    if (typeof step.save === 'string' && value !== undefined) saved.set(step.save, value);
    steps.push(outcome);
  }
  return { steps, unmet };
}

/** Whether a step's result meets its expectation (a failure never gets here). */
function meets(value, expect) {
  if (expect.error !== undefined || expect.options_error !== undefined) return false;
  if (expect.has_claims !== undefined) {
    const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (!isObject || !expect.has_claims.every((name) => Object.prototype.hasOwnProperty.call(value, name))) return false;
  }
  if (expect.requests_subset !== undefined) {
    return (
      Array.isArray(value) &&
      value.length === expect.requests_subset.length &&
      expect.requests_subset.every((want, i) => contains(value[i], want))
    );
  }
  const subset = expect.claims_subset ?? expect.metrics_subset;
  if (subset !== undefined) return contains(value, subset);
  if (expect.value !== undefined) return jsonEqual(value, expect.value);
  if (expect.extracted !== undefined) return jsonEqual(value, expect.extracted);
  return true;
}

/** `error:<code>`, `options_error:<snake_case option>` or `exception: …` for what a call threw. */
function failureOf(lib, names, e) {
  if (e instanceof lib.JwtError) return `error:${e.code}`;
  const named = callerMistake(e);
  if (named !== undefined) {
    return `options_error:${names?.get(named) ?? snakeCase(named)}`;
  }
  return `exception: ${describe(e)}`;
}

/**
 * A store-touching call's result: awaited when the service has a store (which must give a Promise and
 * never throw), as it is otherwise (which must not be one).
 */
async function settle(store, op, call) {
  let result;
  try {
    result = call();
  } catch (e) {
    if (store !== undefined) throw new Error(`${op} threw instead of rejecting, with a store: ${describe(e)}`);
    throw e;
  }
  const promised = result instanceof Promise;
  if (promised !== (store !== undefined)) {
    result?.catch?.(() => {});
    throw new Error(`${op} ${promised ? 'returned a Promise without' : 'did not return a Promise with'} a store`);
  }
  return result;
}

/** A pair as the case saves it. */
const pairOf = (pair) => ({ access_token: pair.accessToken, refresh_token: pair.refreshToken });

/** The claims options of a `login` / `create_access_token` / `refresh` step, and its `now`. */
function claimsOptions(step) {
  const options = step.now === undefined ? {} : { now: step.now };
  if (step.email !== undefined) options.email = step.email;
  if (step.permissions !== undefined) options.permissions = step.permissions;
  if (step.extra !== undefined) options.extra = step.extra;
  return options;
}

/** One step through the public API; returns its result as JSON (what Rust's `run_step` returns). */
async function runStep(lib, service, store, step, saved) {
  const at = step.now === undefined ? undefined : { now: step.now };
  const token = () => resolveToken(step.token, saved);
  const stored = (call) => settle(store, step.op, call);
  switch (step.op) {
    case 'create_access_token':
      return service.createAccessToken(step.user_id, claimsOptions(step));
    case 'login':
      return pairOf(await stored(() => service.login(step.user_id, claimsOptions(step))));
    case 'verify':
      return stored(() => service.verify(token(), step.token_type, at));
    case 'validate_token':
      return stored(() => service.validateToken(token(), step.token_type, at));
    case 'extract_user_id':
      return stored(() => service.extractUserId(token(), at));
    case 'refresh':
      return pairOf(await stored(() => service.refresh(token(), claimsOptions(step))));
    case 'refresh_chain': {
      // `count` refreshes in a row, each with the refresh token the one before returned; the first
      // failure is the step's.
      let refreshToken = token();
      let last = null;
      for (let i = 0; i < (step.count ?? 1); i++) {
        last = await stored(() => service.refresh(refreshToken, claimsOptions(step)));
        refreshToken = last.refreshToken;
      }
      return last === null ? null : pairOf(last);
    }
    case 'revoke':
      return (await stored(() => service.revoke(token(), at))) ?? null;
    case 'logout':
      return (await stored(() => service.logout(token(), at))) ?? null;
    case 'is_revoked':
      return stored(() => service.isRevoked(token(), at));
    case 'metrics':
      return service.metrics();
    case 'store_requests':
      if (store === undefined) throw new Error('store_requests needs a case with a store');
      return store.log;
    case 'decode':
      return lib.decodeUnverified(token());
    case 'rotate_key':
      // Synchronous with a store too: a rotation touches no session.
      return service.rotateKey(keyOfForm(lib, step.key), at) ?? null;
    case 'jwks':
      return service.jwks({ private: step.private, now: step.now });
    case 'signing_kid':
      return service.signingKid;
    case 'extract_token': {
      // Every member of the step's options, as corpus.rs hands the whole bag to the core.
      const { options } = camelOptions(step.options ?? {});
      if (step.query !== undefined) options.queryString = step.query;
      const found = lib.extractToken(step.headers, options);
      return found === null ? null : { token: found.token, source: found.source, echo_protocol: found.echoProtocol };
    }
    default:
      throw new Error(`unknown service op ${JSON.stringify(step.op)}`);
  }
}

/** A step's key form as a `Key`, built through the public API (which throws as it does). */
function keyOfForm(lib, form) {
  const entries = Object.entries(form ?? {});
  if (entries.length !== 1) throw new Error('a step key form has exactly one key member');
  const [[kind, value]] = entries;
  switch (kind) {
    case 'hmac':
      return lib.Key.hmac(value);
    case 'hmac_base64url':
      return lib.Key.hmac(base64urlBytes(value));
    case 'pem':
      return lib.Key.fromPem(value);
    case 'jwk':
      return lib.Key.fromJwk(value);
    default:
      throw new Error(`a step key is a single key, not the key form ${JSON.stringify(kind)}`);
  }
}

/** A step's `token`: literal text, or `$name` / `$name.field` naming a saved result. */
function resolveToken(text, saved) {
  if (typeof text !== 'string' || !text.startsWith('$')) return text;
  const [name, field] = text.slice(1).split(/\.(.*)/s);
  const value = saved.get(name);
  return field ? value?.[field] : value;
}

/** Whether `got` contains every member of `want` (recursively for objects), as in corpus.rs. */
function contains(got, want) {
  const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(got) && isObject(want)) {
    return Object.keys(want).every((k) => Object.prototype.hasOwnProperty.call(got, k) && contains(got[k], want[k]));
  }
  return jsonEqual(got, want);
}

// ---------------------------------------------------------------------------------------------
// Expectations (core/tests/corpus.rs `check`) and records (`record`).

function check(testCase, outcome) {
  const expect = testCase.expect ?? {};
  if (expect.skipped !== undefined && !jsonEqual(expect.skipped, outcome.skipped ?? null)) {
    return `skipped keys differ: got ${JSON.stringify(outcome.skipped ?? null)}`;
  }
  switch (outcome.kind) {
    case 'ok': {
      const failure = expect.error ?? expect.options_error;
      if (failure !== undefined) return `expected failure ${JSON.stringify(failure)}, got success`;
      if (expect.token !== undefined && expect.token !== outcome.token) {
        return `token differs: got ${JSON.stringify(outcome.token)}`;
      }
      // An export case's exports and a generate case's facts are its record's claims, as in corpus.rs.
      const claims = expect.claims ?? expect.exports ?? expect.generated;
      if (claims !== undefined && !jsonEqual(claims, outcome.claims)) {
        return `claims differ: got ${JSON.stringify(outcome.claims)}`;
      }
      if (expect.header !== undefined && !jsonEqual(expect.header, outcome.header)) {
        return `header differs: got ${JSON.stringify(outcome.header)}`;
      }
      return null;
    }
    case 'error':
      return expect.error === outcome.code ? null : `got error ${outcome.code}, expected ${JSON.stringify(expect)}`;
    case 'options_error':
      return expect.options_error === outcome.option
        ? null
        : `got options error on ${JSON.stringify(outcome.option)}, expected ${JSON.stringify(expect)}`;
    default:
      return `unexpected exception: ${outcome.text}`;
  }
}

function recordOf(id, outcome) {
  switch (outcome.kind) {
    case 'ok':
      return { id, verdict: 'ok', code: null, claims: outcome.claims };
    case 'error':
      return { id, verdict: 'error', code: outcome.code, claims: null };
    case 'options_error':
      return { id, verdict: 'options_error', code: outcome.option, claims: null };
    default:
      return { id, verdict: 'exception', code: outcome.text, claims: null };
  }
}

/** JSON equality: member order does not matter (as for serde_json maps), array order does. */
function jsonEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
}

function describe(e) {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
