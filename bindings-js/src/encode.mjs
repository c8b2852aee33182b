/**
 * @module encode — JS values → JSON text, once for both packages: every object the raw layers receive
 * (claims, options bags, headers, JWK and JWKS objects, a TokenService config) is written here, under the
 * rules documented at the top of index.d.ts, so the Rust of onejwt and onejwt-wasm converts no JS object.
 *
 * The text is what `JSON.stringify` writes where that is unambiguous (own enumerable string keys in their
 * order, `undefined` members left out, `toJSON` honoured, boxed primitives unwrapped; strings and keys
 * escaped by `JSON.stringify` itself); a value it would silently change (`NaN`, `Infinity`, binary data,
 * a Promise, `undefined` in an array, a function or symbol dropped) or throw on with a message that
 * differs between engines (BigInt, cycles) is refused. A `Date` becomes Unix seconds through the core's
 * time rule (the raw `unixSeconds`), so a date means the same in every runtime. Every refusal is a
 * `TypeError` naming the argument (or, inside an options bag, the option) and the path.
 */

/** How much of a path (`a.b[2].c`) a message quotes: a cyclic value's path is endless. */
const MAX_PATH_CHARS = 64;

/** Whether `item` is a plain object or an array, whose members are written as they are. */
function plain(item) {
  const proto = Object.getPrototypeOf(item);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/**
 * The encoder over one package's raw module.
 *
 * @param {object} raw
 * @param {(seconds: number) => number} raw.unixSeconds the core's time rule; throws a `TypeError` whose
 *   message says why a time is refused
 * @param {() => number} raw.maxHostDepth the core's `MAX_HOST_DEPTH`, how deep a value may nest (read
 *   at the first encoding: a WebAssembly module is instantiated after the modules it imports run)
 * @returns {(value: unknown, name: string, bag?: boolean) => string} `encode(value, name, bag)`: the JSON
 *   text of `value`, given as the argument `name`; with `bag`, a refused member names its option
 */
export function encoder({ unixSeconds, maxHostDepth }) {
  let maxDepth;
  let tooDeep;

  return function encode(value, name, bag = false) {
    if (maxDepth === undefined) {
      maxDepth = maxHostDepth();
      tooDeep = `nests deeper than ${maxDepth} levels (or contains itself)`;
    }
    // The keys from `value` down to the member being written (`keys[0..depth]`) and the caller's
    // containers still open (`open[0..depth]`), for messages, depth and cycles. Written directly rather
    // than through JSON.stringify's replacer: each member is read once (a getter runs once), a Date is
    // seen before Date.prototype.toJSON, and nothing is copied (a token's claims encode ~2× faster).
    const keys = [];
    const open = [];
    let depth = 0;

    function refuse(message, at = depth) {
      const where = keys.slice(0, at);
      const option = bag && where.length > 0 ? String(where.shift()) : undefined;
      let text = where.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
      if (text.length > MAX_PATH_CHARS) text = `${text.slice(0, MAX_PATH_CHARS)}…`;
      const what = text === '' ? message : `${text}: ${message}`;
      const error = new TypeError(
        option === undefined ? `invalid argument \`${name}\`: ${what}` : `invalid option \`${option}\`: ${what}`,
      );
      if (option !== undefined) error.option = option;
      else error.argument = name;
      return error;
    }

    /** A Date as NumericDate seconds, through the core's rule (an invalid Date is refused there). */
    function seconds(date) {
      try {
        return String(unixSeconds(date.getTime() / 1000));
      } catch (e) {
        throw e instanceof TypeError ? refuse(e.message) : e;
      }
    }

    /** The JSON text of `item` (the member `key` of its holder), or `undefined` to leave it out. */
    function write(item, key) {
      if (item !== null && typeof item === 'object') {
        // A Date is seen before its toJSON; then toJSON once and a boxed primitive's value, as
        // JSON.stringify does. Plain objects and arrays (nearly every value) skip the other checks.
        if (!plain(item) && item instanceof Date) return seconds(item);
        if (typeof item.toJSON === 'function') item = item.toJSON(key);
        if (item !== null && typeof item === 'object' && !plain(item)) {
          if (item instanceof Number || item instanceof String || item instanceof Boolean) item = item.valueOf();
          else if (item instanceof Date) return seconds(item);
          else if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) throw refuse('binary data has no JSON form');
          else if (item instanceof Promise) throw refuse('a Promise has no JSON form');
        }
      }
      switch (typeof item) {
        case 'string':
          return JSON.stringify(item);
        case 'boolean':
          return item ? 'true' : 'false';
        case 'number':
          if (!Number.isFinite(item)) throw refuse('NaN and Infinity have no JSON form');
          return String(item);
        case 'undefined':
          return undefined;
        case 'bigint':
          throw refuse('a BigInt has no JSON form; use a number');
        case 'symbol':
          throw refuse('a symbol has no JSON form');
        case 'function':
          throw refuse('a function has no JSON form');
        default:
          break;
      }
      if (item === null) return 'null';
      // `open[0..depth]` are the containers being written: one of them again is a cycle.
      if (depth >= maxDepth || (depth > 0 && open.lastIndexOf(item, depth - 1) !== -1)) throw refuse(tooDeep);
      open[depth] = item;
      depth += 1;
      let out;
      if (Array.isArray(item)) {
        out = '[';
        for (let i = 0; i < item.length; i++) {
          keys[depth - 1] = i;
          const text = write(item[i], String(i));
          // An array cannot leave a hole.
          if (text === undefined) throw refuse('undefined has no JSON form in an array');
          out += i === 0 ? text : `,${text}`;
        }
        out += ']';
      } else {
        out = '{';
        for (const member of Object.keys(item)) {
          keys[depth - 1] = member;
          const text = write(item[member], member);
          // `undefined` members are left out, as JSON.stringify does.
          if (text !== undefined) out += `${out.length === 1 ? '' : ','}${JSON.stringify(member)}:${text}`;
        }
        out += '}';
      }
      depth -= 1;
      return out;
    }

    // `undefined` has no JSON text: handed over as `null`, which the core refuses naming the argument.
    return write(value, '') ?? 'null';
  };
}
