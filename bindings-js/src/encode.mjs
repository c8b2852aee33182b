/**
 * @module encode — JS values → JSON text, once for both packages: every object the raw layers receive
 * (claims, options bags, headers, JWK and JWKS objects, a TokenService config) is `JSON.stringify`'s
 * output under the rules documented at the top of index.d.ts, so the Rust of onejwt and onejwt-wasm
 * converts no JS object itself.
 *
 * `JSON.stringify` is kept where it is unambiguous (own enumerable string keys, `undefined` members left
 * out, `toJSON` honoured, boxed primitives unwrapped) and refused where it would silently change a value
 * (`NaN`, `Infinity`, binary data, a Promise, `undefined` in an array, a function or symbol dropped) or
 * throw a message that differs between engines (BigInt, cycles). A `Date` becomes Unix seconds through
 * the core's time rule (the raw `unixSeconds`), so a date means the same in every runtime. Every refusal
 * is a `TypeError` naming the argument (or, inside an options bag, the option) and the path.
 */

/** How much of a path (`a.b[2].c`) a message quotes: a cyclic value's path is endless. */
const MAX_PATH_CHARS = 64;

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
    // The containers being written, outermost first: each the copy JSON.stringify walks (the replacer's
    // `this` for its members), the caller's object it was copied from, and its key in its holder.
    const stack = [];

    function refuse(key, message) {
      const path = stack.slice(1).map((entry) => entry.key);
      if (stack.length > 0) path.push(key);
      const option = bag && path.length > 0 ? String(path.shift()) : undefined;
      let where = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
      if (where.length > MAX_PATH_CHARS) where = `${where.slice(0, MAX_PATH_CHARS)}…`;
      const what = where === '' ? message : `${where}: ${message}`;
      const error = new TypeError(
        option === undefined ? `invalid argument \`${name}\`: ${what}` : `invalid option \`${option}\`: ${what}`,
      );
      if (option !== undefined) error.option = option;
      else error.argument = name;
      return error;
    }

    /** A Date as NumericDate seconds, through the core's rule (an invalid Date is refused there). */
    function seconds(date, key) {
      try {
        return unixSeconds(date.getTime() / 1000);
      } catch (e) {
        throw e instanceof TypeError ? refuse(key, e.message) : e;
      }
    }

    function replacer(key, value) {
      // JSON.stringify is depth first: the holder of this member is the innermost container still open.
      while (stack.length > 0 && stack[stack.length - 1].copy !== this) stack.pop();
      if (Array.isArray(this)) key = Number(key);
      if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
      switch (typeof value) {
        case 'string':
        case 'boolean':
          return value;
        case 'number':
          if (!Number.isFinite(value)) throw refuse(key, 'NaN and Infinity have no JSON form');
          return value;
        case 'undefined':
          // A member left out, as JSON.stringify does; an array cannot leave a hole.
          if (Array.isArray(this)) throw refuse(key, 'undefined has no JSON form in an array');
          return undefined;
        case 'bigint':
          throw refuse(key, 'a BigInt has no JSON form; use a number');
        case 'symbol':
          throw refuse(key, 'a symbol has no JSON form');
        case 'function':
          throw refuse(key, 'a function has no JSON form');
        default:
          break;
      }
      if (value === null) return null;
      // A toJSON that returned a Date (a Date member itself was converted when its holder was copied).
      if (value instanceof Date) return seconds(value, key);
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) throw refuse(key, 'binary data has no JSON form');
      if (value instanceof Promise) throw refuse(key, 'a Promise has no JSON form');
      if (stack.length >= maxDepth || stack.some((entry) => entry.original === value)) throw refuse(key, tooDeep);
      // A copy, so each member is read once (a getter runs once) and a Date member is seen before
      // JSON.stringify applies Date.prototype.toJSON; a null prototype keeps `__proto__` a plain member.
      let copy;
      if (Array.isArray(value)) {
        copy = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          copy[i] = item instanceof Date ? dated(item, key, i) : item;
        }
      } else {
        copy = Object.create(null);
        for (const member of Object.keys(value)) {
          const item = value[member];
          copy[member] = item instanceof Date ? dated(item, key, member) : item;
        }
      }
      stack.push({ copy, original: value, key });
      return copy;
    }

    /** A Date member `member` of the container at `key` (not pushed yet), as seconds. */
    function dated(date, key, member) {
      stack.push({ copy: undefined, original: undefined, key });
      try {
        return seconds(date, member);
      } finally {
        stack.pop();
      }
    }

    // `undefined` has no JSON text: handed over as `null`, which the core refuses naming the argument.
    return JSON.stringify(value, replacer) ?? 'null';
  };
}
