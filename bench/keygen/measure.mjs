/**
 * @module bench/keygen/measure — key generation timed against the runtime's own generator, shared by
 * the Node script (keygen.mjs: the native addon and onejwt-wasm against node:crypto) and the Chromium
 * page (keygen.html: onejwt-wasm against WebCrypto). Imports nothing, so the page loads it as it is.
 *
 * Each repeat times one onejwt `Key.generate` and one peer generation of the same key, in alternating
 * order; the figures are the medians of the repeats (RSA generation time varies with the prime search,
 * hence many repeats at 2048 bits and the median). Absolute times on a shared machine are noise; the
 * ratio onejwt ÷ peer, from one process, is the result.
 */

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Times every row of the plan.
 *
 * @param {object} lib the onejwt or onejwt-wasm module (its `Key.generate`)
 * @param {(row: object) => Promise<unknown> | unknown} peer generates the same key with the runtime's own library
 * @param {{ plan: object[], quick?: boolean, now: () => number, log?: (line: string) => void }} options
 *   `plan`: plan.json's rows (label, onejwt algorithm, RSA size, repeats of a full run, keys per timing)
 * @returns {Promise<object[]>} one `{label, alg, bits, repeats, ours_ms, peer_ms, ratio}` per row
 */
export async function measure(lib, peer, { plan, quick = false, now, log = () => {} }) {
  const rows = [];
  for (const row of plan) {
    const repeats = quick ? 1 : row.repeats;
    const options = row.bits === undefined ? undefined : { bits: row.bits };
    const ours = [];
    const theirs = [];
    // A batch of generations per timing, so that fast rows rise above a coarse clock (Chromium's
    // performance.now() has 100 µs steps); each figure is per key.
    const batch = row.batch ?? 1;
    for (let i = 0; i < repeats; i += 1) {
      const timeOurs = () => {
        const start = now();
        for (let k = 0; k < batch; k += 1) lib.Key.generate(row.alg, options);
        ours.push((now() - start) / batch);
      };
      const timePeer = async () => {
        const start = now();
        for (let k = 0; k < batch; k += 1) await peer(row);
        theirs.push((now() - start) / batch);
      };
      if (i % 2 === 0) {
        timeOurs();
        await timePeer();
      } else {
        await timePeer();
        timeOurs();
      }
    }
    const result = {
      label: row.label,
      alg: row.alg,
      bits: row.bits ?? null,
      repeats,
      batch,
      ours_ms: median(ours),
      peer_ms: median(theirs),
    };
    result.ratio = result.ours_ms / result.peer_ms;
    log(`${row.label.padEnd(14)} onejwt ${result.ours_ms.toFixed(3)} ms, peer ${result.peer_ms.toFixed(3)} ms: ${result.ratio.toFixed(2)}x (${repeats} repeats of ${batch})`);
    rows.push(result);
  }
  return rows;
}

/** The WebCrypto generation of a plan row (browsers, and the page's peer). */
export function webCryptoPeer(subtle) {
  return (row) => {
    if (row.bits !== undefined) {
      return subtle.generateKey(
        { name: 'RSASSA-PKCS1-v1_5', modulusLength: row.bits, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        true,
        ['sign', 'verify'],
      );
    }
    if (row.alg === 'ES256' || row.alg === 'ES384') {
      return subtle.generateKey({ name: 'ECDSA', namedCurve: row.alg === 'ES256' ? 'P-256' : 'P-384' }, true, ['sign', 'verify']);
    }
    if (row.alg === 'EdDSA') return subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
    return subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 256 }, true, ['sign', 'verify']);
  };
}
