/**
 * @module key-lifecycle-suite — key generation, export, thumbprints, ecosystem keys (node:crypto `KeyObject`,
 * WebCrypto `CryptoKey`) and a TokenService's key rotation (issue 14), shared by `onejwt`
 * (bindings-node/test/key-lifecycle.test.mjs) and `onejwt-wasm` (bindings-wasm/test/key-lifecycle.test.mjs):
 * `keyLifecycleSuite(lib)` registers the tests against the package namespace it is given. Every check goes
 * through the public API; what onejwt exports is read back by node:crypto, which also verifies onejwt's
 * signatures, so the exports are not graded by onejwt alone.
 */

import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { test } from 'node:test';

import { MemoryStore, rejected, thrown } from './service-suite.mjs';

const NOW = 1_767_225_600;

/** Every algorithm onejwt signs with, and what node:crypto needs to verify its signatures. */
const ALGORITHMS = {
  HS256: { family: 'hmac', hash: 'sha256', secret: 32 },
  HS384: { family: 'hmac', hash: 'sha384', secret: 48 },
  HS512: { family: 'hmac', hash: 'sha512', secret: 64 },
  RS256: { family: 'rsa', hash: 'sha256' },
  RS384: { family: 'rsa', hash: 'sha384' },
  RS512: { family: 'rsa', hash: 'sha512' },
  // RFC 7518 §3.5: MGF1 with the same hash, a salt as long as the hash.
  PS256: { family: 'rsa', hash: 'sha256', pss: 32 },
  PS384: { family: 'rsa', hash: 'sha384', pss: 48 },
  PS512: { family: 'rsa', hash: 'sha512', pss: 64 },
  // RFC 7518 §3.4: r ‖ s, each the size of the curve's order (IEEE P1363), not DER.
  ES256: { family: 'ec-p256', hash: 'sha256', ecdsa: true },
  ES384: { family: 'ec-p384', hash: 'sha384', ecdsa: true },
  ES512: { family: 'ec-p521', hash: 'sha512', ecdsa: true },
  EdDSA: { family: 'ed25519', hash: null },
  Ed25519: { family: 'ed25519', hash: null },
};

/** The members of a private JWK that a public one must never carry (RFC 7518 §6.2.2, §6.3.2, §6.4.1, RFC 8037 §2). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];

/** RFC 7638 §3.1's example key, and its thumbprint. */
const RFC7638_KEY = {
  kty: 'RSA',
  n:
    '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjh' +
    'Mstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5h' +
    'ajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};
const RFC7638_THUMBPRINT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs';

/** A token's signing input and signature bytes. */
function parts(token) {
  const [header, payload, signature] = token.split('.');
  return { input: Buffer.from(`${header}.${payload}`), signature: Buffer.from(signature, 'base64url') };
}

/**
 * @param {object} lib the package namespace (`onejwt` or `onejwt-wasm`)
 * @param {object} [options]
 * @param {boolean} [options.largeRsa] also generate a 3072-bit RSA key (default `true`): seconds in
 *   WebAssembly, where the same core call is made with the same options bag
 */
export function keyLifecycleSuite(lib, { largeRsa = true } = {}) {
  const { JwtError, Key, KeySet, TokenService, Verifier, sign } = lib;

  // One generated key per algorithm, made once: RSA generation takes a second or more in WebAssembly.
  const generated = new Map();
  const keyFor = (algorithm) => {
    if (!generated.has(algorithm)) generated.set(algorithm, Key.generate(algorithm));
    return generated.get(algorithm);
  };
  const verifies = (key, algorithm, token) =>
    new Verifier({ key, algorithms: [algorithm] }).verifyComplete(token, { now: NOW });

  test('every algorithm: generate, export (JWK, PEM; public, private), read back, sign, verify', () => {
    for (const [algorithm, { family, secret }] of Object.entries(ALGORITHMS)) {
      const key = keyFor(algorithm);
      const at = `${algorithm}: `;
      assert.deepEqual([key.family, key.canSign], [family, true], at);
      // Named by its RFC 7638 thumbprint, bound to the algorithm.
      assert.equal(key.kid, key.thumbprint(), at);
      const privateJwk = key.toJwk({ private: true });
      assert.equal(privateJwk.alg, algorithm, at);
      assert.equal(privateJwk.kid, key.kid, at);
      const token = sign({ sub: '42' }, key, algorithm);
      if (family === 'hmac') {
        assert.deepEqual(Object.keys(privateJwk).sort(), ['alg', 'k', 'kid', 'kty'], at);
        assert.equal(Buffer.from(privateJwk.k, 'base64url').length, secret, at);
        const back = Key.fromJwk(privateJwk);
        assert.equal(back.thumbprint(), key.thumbprint(), at);
        assert.deepEqual(verifies(back, algorithm, token).claims, { sub: '42' }, at);
        for (const exporting of [() => key.toJwk(), () => key.toPem(), () => key.toPem({ private: true })]) {
          assert.equal(thrown(exporting).code, 'invalid_key', at);
        }
        continue;
      }
      const publicJwk = key.toJwk();
      const readers = {
        'public JWK': Key.fromJwk(publicJwk),
        'public JWK text': Key.fromJwk(JSON.stringify(publicJwk)),
        'public PEM': Key.fromPem(key.toPem()),
        'private JWK': Key.fromJwk(privateJwk),
        'private PEM': Key.fromPem(key.toPem({ private: true })),
      };
      assert.match(key.toPem(), /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/, at);
      assert.match(key.toPem({ private: true }), /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/, at);
      for (const [how, back] of Object.entries(readers)) {
        assert.equal(back.thumbprint(), key.thumbprint(), `${at}${how}`);
        assert.equal(back.canSign, how.startsWith('private'), `${at}${how}`);
        const complete = verifies(back, algorithm, token);
        assert.deepEqual(complete.claims, { sub: '42' }, `${at}${how}`);
        // The generated key's kid is in the header, so a JWKS verifier selects it.
        assert.equal(complete.header.kid, key.kid, `${at}${how}`);
        if (back.canSign) assert.deepEqual(verifies(key, algorithm, sign({ sub: '7' }, back, algorithm)).claims, { sub: '7' }, `${at}${how}`);
      }
      // A published JWKS verifies the token by its kid.
      const published = KeySet.fromJwks({ keys: [publicJwk] });
      assert.deepEqual(new Verifier({ keys: published, algorithms: [algorithm] }).verify(token, { now: NOW }), { sub: '42' }, at);
    }
  });

  test("node:crypto reads every export, and verifies onejwt's signatures over the signing input", () => {
    for (const [algorithm, { family, hash, pss, ecdsa }] of Object.entries(ALGORITHMS)) {
      const key = keyFor(algorithm);
      const at = `${algorithm}: `;
      const token = sign({ sub: '42', iat: NOW }, key, algorithm);
      const { input, signature } = parts(token);
      if (family === 'hmac') {
        // The secret's JWK: node:crypto reads it, and its HMAC is the token's signature.
        const secret = crypto.createSecretKey(key.toJwk({ private: true }).k, 'base64url');
        assert.equal(crypto.createHmac(hash, secret).update(input).digest('base64url'), token.split('.')[2], at);
        const imported = crypto.createSecretKey(Buffer.from(key.toJwk({ private: true }).k, 'base64url'));
        assert.equal(imported.symmetricKeySize, ALGORITHMS[algorithm].secret, at);
        continue;
      }
      const publics = [
        crypto.createPublicKey(key.toPem()),
        crypto.createPublicKey({ key: key.toJwk(), format: 'jwk' }),
      ];
      const privates = [
        crypto.createPrivateKey(key.toPem({ private: true })),
        crypto.createPrivateKey({ key: key.toJwk({ private: true }), format: 'jwk' }),
      ];
      const verifyWith = (publicKey, bytes) => {
        const options = { key: publicKey };
        if (pss) Object.assign(options, { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: pss });
        if (ecdsa) options.dsaEncoding = 'ieee-p1363';
        return crypto.verify(hash, input, options, bytes);
      };
      for (const publicKey of publics) {
        assert.equal(publicKey.asymmetricKeyType, family === 'rsa' ? 'rsa' : family === 'ed25519' ? 'ed25519' : 'ec', at);
        assert.ok(verifyWith(publicKey, signature), `${at}node:crypto refuses onejwt's signature`);
        const tampered = Buffer.from(signature);
        tampered[tampered.length - 1] ^= 1;
        assert.equal(verifyWith(publicKey, tampered), false, at);
      }
      for (const privateKey of privates) {
        // The same key: its public half is the exported one, and what it signs, onejwt verifies.
        assert.deepEqual(crypto.createPublicKey(privateKey).export({ format: 'jwk' }), publics[0].export({ format: 'jwk' }), at);
        const options = { key: privateKey };
        if (pss) Object.assign(options, { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: pss });
        if (ecdsa) options.dsaEncoding = 'ieee-p1363';
        const theirs = crypto.sign(hash, input, options).toString('base64url');
        const [header, payload] = token.split('.');
        assert.equal(verifies(key, algorithm, `${header}.${payload}.${theirs}`).claims.sub, '42', at);
      }
    }
  });

  test("a key's RFC 7638 thumbprint: §3.1's example, and the same for both halves whatever the kid", () => {
    assert.equal(Key.fromJwk(RFC7638_KEY).thumbprint(), RFC7638_THUMBPRINT);
    assert.equal(Key.fromJwk({ ...RFC7638_KEY, kid: 'other', alg: undefined }).thumbprint(), RFC7638_THUMBPRINT);
    assert.equal(Key.fromJwk(JSON.stringify(RFC7638_KEY)).withKid('x').thumbprint(), RFC7638_THUMBPRINT);
    const key = keyFor('ES256');
    assert.equal(Key.fromJwk(key.toJwk()).thumbprint(), key.thumbprint());
    assert.match(key.thumbprint(), /^[A-Za-z0-9_-]{43}$/);
    assert.notEqual(Key.generate('ES256').thumbprint(), key.thumbprint());
  });

  test('public exports never carry private members; an HMAC secret has no public half (invalid_key)', () => {
    for (const algorithm of Object.keys(ALGORITHMS)) {
      const key = keyFor(algorithm);
      if (key.family === 'hmac') {
        const e = thrown(() => key.toJwk());
        assert.ok(e instanceof JwtError, algorithm);
        assert.equal(e.code, 'invalid_key');
        assert.equal(thrown(() => key.toJwk({ private: false })).code, 'invalid_key');
        assert.equal(thrown(() => KeySet.fromJwks({ keys: [key.toJwk({ private: true })] }, { allowOct: true }).toJwks()).code, 'invalid_key');
        // The message never holds the secret.
        assert.ok(!e.message.includes(key.toJwk({ private: true }).k));
        continue;
      }
      const jwk = key.toJwk();
      for (const member of PRIVATE_MEMBERS) assert.ok(!(member in jwk), `${algorithm}: public JWK has ${member}`);
      const fromPem = Key.fromPem(key.toPem()).toJwk();
      for (const member of PRIVATE_MEMBERS) assert.ok(!(member in fromPem), `${algorithm}: public PEM's JWK has ${member}`);
      assert.ok('d' in key.toJwk({ private: true }), algorithm);
      // The public half cannot be exported as a private key.
      const half = Key.fromJwk(jwk);
      assert.equal(thrown(() => half.toJwk({ private: true })).code, 'invalid_key');
      assert.equal(thrown(() => half.toPem({ private: true })).code, 'invalid_key');
    }
    const set = KeySet.fromJwks({ keys: ['ES256', 'RS256', 'EdDSA'].map((algorithm) => keyFor(algorithm).toJwk({ private: true })) });
    const published = set.toJwks();
    assert.equal(published.keys.length, 3);
    for (const jwk of published.keys) for (const member of PRIVATE_MEMBERS) assert.ok(!(member in jwk));
    assert.deepEqual(set.toJwks({ private: true }).keys.map((jwk) => 'd' in jwk), [true, true, true]);
    assert.equal(thrown(() => KeySet.fromJwks({ keys: [keyFor('ES256').toJwk()] }).toJwks({ private: true })).code, 'invalid_key');
  });

  test('generation options: kid, bits; mistakes are TypeErrors naming the option, an unknown algorithm is a verdict', () => {
    assert.equal(Key.generate('ES256', { kid: '2026-12' }).kid, '2026-12');
    if (largeRsa) {
      const rsa = Key.generate('PS256', { bits: 3072, kid: 'big' });
      assert.deepEqual([Buffer.from(rsa.toJwk().n, 'base64url').length, rsa.kid], [384, 'big']);
    }
    assert.equal(Buffer.from(keyFor('RS256').toJwk().n, 'base64url').length, 256, 'the default is 2048 bits');
    for (const [algorithm, options, option] of [
      ['ES256', { bits: 2048 }, 'bits'],
      ['HS256', { bits: 2048 }, 'bits'],
      ['RS256', { bits: 1024 }, 'bits'],
      ['RS256', { bits: 2049 }, 'bits'],
      ['RS256', { bits: 8192 }, 'bits'],
      ['RS256', { bits: '2048' }, 'bits'],
      ['RS256', { bits: 2048.5 }, 'bits'],
      ['ES256', { kid: 7 }, 'kid'],
      ['RS256', { modulusLength: 2048 }, 'modulusLength'],
      ['ES256', { bits: Number.NaN }, 'bits'],
    ]) {
      const e = thrown(() => Key.generate(algorithm, options));
      assert.ok(e instanceof TypeError, `${algorithm} ${JSON.stringify(options)}: ${e}`);
      assert.equal(e.option, option);
      assert.equal(e.code, undefined);
      assert.match(e.message, new RegExp(`\`${option}\``));
    }
    for (const algorithm of ['none', 'hs256', 'ES256K', 'RSA-OAEP', '']) {
      const e = thrown(() => Key.generate(algorithm));
      assert.ok(e instanceof JwtError, algorithm);
      assert.equal(e.code, 'unsupported_algorithm');
    }
    const e = thrown(() => Key.generate(256));
    assert.ok(e instanceof TypeError);
    assert.equal(e.argument, 'algorithm');
    assert.ok(thrown(() => Key.generate('ES256', 'kid')) instanceof TypeError);
  });

  test('withKid names a key anew (the key itself is unchanged); the kid goes into the header it signs', () => {
    const key = keyFor('EdDSA');
    const named = key.withKid('2026-12');
    assert.deepEqual([named.kid, key.kid], ['2026-12', key.thumbprint()]);
    assert.equal(named.thumbprint(), key.thumbprint());
    assert.equal(named.toJwk().kid, '2026-12');
    assert.equal(lib.decodeUnverified(sign({ sub: '1' }, named, 'EdDSA')).header.kid, '2026-12');
    // The kid option replaces the key's.
    assert.equal(lib.decodeUnverified(sign({ sub: '1' }, named, 'EdDSA', { kid: 'other' })).header.kid, 'other');
    assert.equal(thrown(() => key.withKid(7)).argument, 'kid');
    const pem = Key.fromPem(key.toPem());
    assert.equal(pem.kid, null);
    assert.equal(pem.withKid('k').kid, 'k');
  });

  test('a node:crypto KeyObject is accepted wherever a Key is: Verifier, sign, Key.fromKeyObject', () => {
    const pairs = {
      ES256: crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }),
      ES384: crypto.generateKeyPairSync('ec', { namedCurve: 'P-384' }),
      ES512: crypto.generateKeyPairSync('ec', { namedCurve: 'P-521' }),
      RS256: crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }),
      EdDSA: crypto.generateKeyPairSync('ed25519'),
    };
    for (const [algorithm, { privateKey, publicKey }] of Object.entries(pairs)) {
      const token = sign({ sub: algorithm }, privateKey, algorithm);
      assert.deepEqual(new Verifier({ key: publicKey, algorithms: [algorithm] }).verify(token, { now: NOW }), { sub: algorithm });
      // What node:crypto signs verifies in onejwt and the other way round: the keys are the same keys.
      const theirs = Key.fromKeyObject(publicKey);
      assert.equal(theirs.canSign, false);
      assert.equal(Key.fromKeyObject(privateKey).thumbprint(), theirs.thumbprint());
      assert.deepEqual(crypto.createPublicKey(theirs.toPem()).export({ format: 'jwk' }), publicKey.export({ format: 'jwk' }));
      // A private KeyObject verifies too (its public half does).
      assert.equal(new Verifier({ key: privateKey, algorithms: [algorithm] }).verify(token, { now: NOW }).sub, algorithm);
    }
    const secret = crypto.createSecretKey(Buffer.from('a-32-byte-secret-for-hs256-use!!'));
    const token = sign({ sub: 's' }, secret, 'HS256');
    assert.equal(new Verifier({ key: Key.hmac('a-32-byte-secret-for-hs256-use!!'), algorithms: ['HS256'] }).verify(token, { now: NOW }).sub, 's');
    assert.equal(new Verifier({ key: secret, algorithms: ['HS256'] }).verify(token, { now: NOW }).sub, 's');
    assert.equal(Key.fromKeyObject(secret).family, 'hmac');
    // The core judges a KeyObject's key as it judges any key: a short secret, a curve onejwt does not serve.
    assert.equal(thrown(() => sign({}, crypto.createSecretKey(Buffer.alloc(8, 1)), 'HS256')).code, 'invalid_key');
    const k256 = crypto.generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    assert.equal(thrown(() => Key.fromKeyObject(k256.publicKey)).code, 'invalid_key');
    // Not a KeyObject: a TypeError naming the argument.
    for (const value of [undefined, null, 'secret', {}, Key.hmac('a-32-byte-secret-for-hs256-use!!'), { type: 'secret', export: () => {} }]) {
      const e = thrown(() => Key.fromKeyObject(value));
      assert.ok(e instanceof TypeError);
      assert.equal(e.argument, 'keyObject');
    }
    assert.equal(thrown(() => sign({}, 'secret', 'HS256')).argument, 'key');
    assert.equal(thrown(() => new Verifier({ key: { type: 'public' }, algorithms: ['ES256'] })).option, 'key');
  });

  test('Key.fromCryptoKey reads extractable WebCrypto keys; a non-extractable one is a clear TypeError', async () => {
    const { subtle } = crypto.webcrypto;
    const cases = [
      ['ES256', { name: 'ECDSA', namedCurve: 'P-256' }, ['sign', 'verify']],
      ['ES384', { name: 'ECDSA', namedCurve: 'P-384' }, ['sign', 'verify']],
      ['RS256', { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, ['sign', 'verify']],
      ['PS384', { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-384' }, ['sign', 'verify']],
      ['Ed25519', { name: 'Ed25519' }, ['sign', 'verify']],
    ];
    for (const [algorithm, params, usages] of cases) {
      const pair = await subtle.generateKey(params, true, usages);
      const privateKey = await Key.fromCryptoKey(pair.privateKey);
      const publicKey = await Key.fromCryptoKey(pair.publicKey);
      assert.deepEqual([privateKey.canSign, publicKey.canSign], [true, false], algorithm);
      assert.equal(privateKey.thumbprint(), publicKey.thumbprint(), algorithm);
      const token = sign({ sub: algorithm }, privateKey, algorithm);
      assert.equal(new Verifier({ key: publicKey, algorithms: [algorithm] }).verify(token, { now: NOW }).sub, algorithm);
      // WebCrypto verifies what onejwt signed with its key.
      const { input, signature } = parts(token);
      const verifyParams = params.name === 'ECDSA' ? { name: 'ECDSA', hash: `SHA-${algorithm.slice(2)}` } : params.name === 'RSA-PSS' ? { name: 'RSA-PSS', saltLength: 48 } : params;
      assert.ok(await subtle.verify(verifyParams, pair.publicKey, signature, input), algorithm);
    }
    const hmac = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign', 'verify']);
    const secret = await Key.fromCryptoKey(hmac);
    assert.equal(secret.family, 'hmac');
    const token = sign({ sub: 'h' }, secret, 'HS256');
    const { input, signature } = parts(token);
    assert.ok(await subtle.verify('HMAC', hmac, signature, input));

    const locked = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']);
    const e = await rejected(Key.fromCryptoKey(locked.privateKey));
    assert.ok(e instanceof TypeError);
    assert.equal(e.argument, 'cryptoKey');
    assert.match(e.message, /not extractable/);
    for (const value of [undefined, 'key', {}, crypto.createSecretKey(Buffer.alloc(32))]) {
      const refused = await rejected(Key.fromCryptoKey(value));
      assert.ok(refused instanceof TypeError);
      assert.equal(refused.argument, 'cryptoKey');
    }
  });

  test('a Key or KeyObject is accepted as a TokenService privateKey / publicKey (as its PEM)', () => {
    const key = keyFor('ES256');
    const fromKey = new TokenService({ algorithm: 'ES256', privateKey: key });
    assert.equal(fromKey.signingKid, key.thumbprint());
    const token = fromKey.createAccessToken('42', { now: NOW });
    const verifyOnly = new TokenService({ algorithm: 'ES256', publicKey: Key.fromJwk(key.toJwk()) });
    assert.equal(verifyOnly.verify(token, 'access', { now: NOW }).sub, '42');
    assert.equal(verifyOnly.signingKid, null);
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    const fromKeyObject = new TokenService({ algorithm: 'EdDSA', privateKey, publicKey });
    const issued = fromKeyObject.createAccessToken('7', { now: NOW });
    assert.equal(new TokenService({ algorithm: 'EdDSA', publicKey: privateKey }).verify(issued, 'access', { now: NOW }).sub, '7');
    // A key that has no such PEM is a mistake in that option, as a bad PEM text is.
    for (const [config, option] of [
      [{ algorithm: 'HS256', privateKey: Key.hmac('a-32-byte-secret-for-hs256-use!!') }, 'privateKey'],
      [{ algorithm: 'ES256', privateKey: Key.fromJwk(key.toJwk()) }, 'privateKey'],
      [{ algorithm: 'HS256', publicKey: crypto.createSecretKey(Buffer.alloc(32, 1)) }, 'publicKey'],
      [{ algorithm: 'ES256', privateKey: 'not a PEM' }, 'privateKey'],
      [{ algorithm: 'ES256', privateKey: { type: 'private' } }, 'privateKey'],
    ]) {
      const e = thrown(() => new TokenService(config));
      assert.ok(e instanceof TypeError, `${option}: ${e}`);
      assert.equal(e.option, option);
    }
  });

  test('rotateKey: old tokens verify until the longest lifetime (plus leeway) has passed, then key_not_found', () => {
    const config = { algorithm: 'ES256', privateKey: keyFor('ES256'), accessTtl: 600, refreshTtl: 3600, leeway: 30, issuer: 'i', audience: 'a' };
    const s = new TokenService(config);
    const before = s.login('42', { now: NOW });
    const firstKid = s.signingKid;
    assert.equal(firstKid, keyFor('ES256').thumbprint());
    assert.deepEqual(s.jwks({ now: NOW }).keys.map((jwk) => jwk.kid), [firstKid]);

    const next = Key.generate('ES256', { kid: 'next' });
    const rotatedAt = NOW + 100;
    assert.equal(s.rotateKey(next, { now: rotatedAt }), undefined);
    assert.equal(s.signingKid, 'next');
    assert.equal(s.metrics().keys_rotated, 1);
    const after = s.createAccessToken('42', { now: rotatedAt + 1 });
    assert.equal(lib.decodeUnverified(after).header.kid, 'next');
    // Both keys published, the signing key first; the old one's tokens still verify.
    assert.deepEqual(s.jwks({ now: rotatedAt + 1 }).keys.map((jwk) => jwk.kid), ['next', firstKid]);
    assert.equal(s.verify(before.accessToken, 'access', { now: rotatedAt + 1 }).sub, '42');
    assert.equal(s.verify(before.refreshToken, 'refresh', { now: rotatedAt + 1 }).sub, '42');
    assert.equal(s.refresh(before.refreshToken, { now: rotatedAt + 2 }).accessToken.length > 0, true);
    // Retired at rotation + max(accessTtl, refreshTtl) + leeway: dropped after it.
    const retired = rotatedAt + 3600 + 30;
    assert.equal(s.jwks({ now: retired - 1 }).keys.length, 2);
    assert.deepEqual(s.jwks({ now: retired + 1 }).keys.map((jwk) => jwk.kid), ['next']);
    assert.equal(thrown(() => s.verify(before.refreshToken, 'refresh', { now: retired + 1 })).code, 'key_not_found');
    assert.equal(s.validateToken(before.accessToken, 'access', { now: retired + 1 }), null);
    assert.equal(s.metrics().failures.key_not_found, 2, 'verify and validateToken both counted');
    // A Date is a time, as everywhere.
    assert.equal(s.jwks({ now: new Date((retired + 1) * 1000) }).keys.length, 1);
    for (const jwk of s.jwks({ now: NOW }).keys) for (const member of PRIVATE_MEMBERS) assert.ok(!(member in jwk));
  });

  test('rotateKey: the same key twice changes nothing; a key that cannot sign is an option error on key', () => {
    const s = new TokenService({ algorithm: 'ES256', privateKey: keyFor('ES256') });
    const next = Key.generate('ES256');
    s.rotateKey(next, { now: NOW });
    s.rotateKey(next, { now: NOW + 5 });
    s.rotateKey(Key.fromJwk(next.toJwk({ private: true })), { now: NOW + 6 });
    assert.equal(s.metrics().keys_rotated, 1);
    assert.equal(s.signingKid, next.kid);
    assert.equal(s.jwks({ now: NOW + 7 }).keys.length, 2);
    for (const key of [Key.fromJwk(next.toJwk()), keyFor('ES384'), keyFor('HS256'), keyFor('EdDSA')]) {
      const e = thrown(() => s.rotateKey(key, { now: NOW }));
      assert.ok(e instanceof TypeError, String(e));
      assert.equal(e.option, 'key');
      assert.equal(e.code, undefined);
    }
    for (const value of [undefined, 'secret', next.toJwk({ private: true }), {}]) {
      const e = thrown(() => s.rotateKey(value));
      assert.ok(e instanceof TypeError);
      assert.equal(e.argument, 'key');
    }
    assert.equal(thrown(() => s.rotateKey(next, { now: 'soon' })).option, 'now');
    assert.equal(thrown(() => s.rotateKey(next, { when: NOW })).option, 'when');
    // A verify-only service has no key ring to rotate.
    const verifyOnly = new TokenService({ algorithm: 'ES256', publicKey: keyFor('ES256').toPem() });
    assert.equal(thrown(() => verifyOnly.rotateKey(next)).option, 'key');
    assert.equal(s.metrics().keys_rotated, 1);
  });

  test('rotateKey takes a KeyObject; an HMAC service rotates secrets and publishes none', () => {
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const s = new TokenService({ algorithm: 'ES256', privateKey: keyFor('ES256') });
    s.rotateKey(privateKey, { now: NOW });
    assert.equal(s.signingKid, Key.fromKeyObject(privateKey).thumbprint());
    const token = s.createAccessToken('1', { now: NOW });
    assert.ok(crypto.verify('sha256', parts(token).input, { key: privateKey, dsaEncoding: 'ieee-p1363' }, parts(token).signature));

    const h = new TokenService({ secretKey: 'a-32-byte-secret-for-hs256-use!!' });
    const old = h.createAccessToken('1', { now: NOW });
    h.rotateKey(crypto.createSecretKey(Buffer.from('another-32-byte-secret-for-hs256')), { now: NOW });
    assert.equal(h.verify(old, 'access', { now: NOW + 1 }).sub, '1');
    assert.equal(lib.decodeUnverified(h.createAccessToken('1', { now: NOW })).header.kid, h.signingKid);
    assert.equal(thrown(() => h.jwks()).code, 'invalid_key');
    const ring = h.jwks({ private: true, now: NOW + 1 });
    assert.deepEqual(ring.keys.map((jwk) => jwk.kty), ['oct', 'oct']);
  });

  test('privateJwks and kid configure the ring; jwks({ private: true }) configures a new service that verifies the old tokens', () => {
    const s = new TokenService({ algorithm: 'EdDSA', privateKey: keyFor('EdDSA'), issuer: 'i', audience: 'a' });
    const first = s.createAccessToken('1', { now: NOW });
    s.rotateKey(Key.generate('EdDSA', { kid: 'second' }), { now: NOW + 10 });
    const second = s.createAccessToken('2', { now: NOW + 11 });
    const ring = s.jwks({ private: true, now: NOW + 11 });
    assert.deepEqual(ring.keys.map((jwk) => [jwk.kid, 'd' in jwk]), [['second', true], [keyFor('EdDSA').kid, true]]);

    for (const privateJwks of [ring, JSON.stringify(ring)]) {
      const copy = new TokenService({ algorithm: 'EdDSA', privateJwks, kid: s.signingKid, issuer: 'i', audience: 'a' });
      assert.equal(copy.signingKid, 'second');
      assert.equal(copy.verify(first, 'access', { now: NOW + 12 }).sub, '1');
      assert.equal(copy.verify(second, 'access', { now: NOW + 12 }).sub, '2');
      assert.equal(lib.decodeUnverified(copy.createAccessToken('3', { now: NOW + 12 })).header.kid, 'second');
      assert.deepEqual(copy.jwks({ now: NOW + 12 }).keys.map((jwk) => jwk.kid), ['second', keyFor('EdDSA').kid]);
    }
    // kid names the current key; with several keys it is required and must name one.
    const older = new TokenService({ algorithm: 'EdDSA', privateJwks: ring, kid: keyFor('EdDSA').kid });
    assert.equal(older.signingKid, keyFor('EdDSA').kid);
    assert.equal(thrown(() => new TokenService({ algorithm: 'EdDSA', privateJwks: ring })).option, 'kid');
    assert.equal(thrown(() => new TokenService({ algorithm: 'EdDSA', privateJwks: ring, kid: 'nope' })).option, 'kid');
    assert.equal(thrown(() => new TokenService({ algorithm: 'EdDSA', privateJwks: s.jwks({ now: NOW }), kid: 'second' })).option, 'privateJwks');
    assert.equal(thrown(() => new TokenService({ algorithm: 'EdDSA', privateJwks: 7 })).option, 'privateJwks');
    // A ring replaces the single-key options.
    const both = thrown(() => new TokenService({ algorithm: 'EdDSA', privateJwks: ring, kid: 'second', privateKey: keyFor('EdDSA') }));
    assert.ok(both instanceof TypeError && typeof both.option === 'string');
    const one = new TokenService({ algorithm: 'EdDSA', privateJwks: { keys: [ring.keys[0]] } });
    assert.equal(one.signingKid, 'second');
    // The public JWKS of a service verifies its tokens in a plain Verifier.
    const verifier = new Verifier({ keys: KeySet.fromJwks(s.jwks({ now: NOW + 11 })), algorithms: ['EdDSA'], issuer: 'i', audience: 'a' });
    assert.equal(verifier.verify(first, { now: NOW + 12 }).sub, '1');
    assert.equal(verifier.verify(second, { now: NOW + 12 }).sub, '2');
    assert.equal(thrown(() => s.jwks({ private: 'yes' })).option, 'private');
    assert.equal(thrown(() => new TokenService({ algorithm: 'EdDSA', publicKey: keyFor('EdDSA').toPem() }).jwks({ private: true })).code, 'invalid_key');
  });

  test('a service with a store rotates too: rotateKey, jwks and signingKid stay synchronous', async () => {
    const store = new MemoryStore();
    const s = new TokenService({ algorithm: 'ES256', privateKey: keyFor('ES256'), store });
    const before = await s.login('42', { now: NOW });
    const next = Key.generate('ES256');
    const result = s.rotateKey(next, { now: NOW + 1 });
    assert.equal(result, undefined, 'not a Promise');
    assert.equal(s.signingKid, next.kid);
    assert.equal(s.jwks({ now: NOW + 1 }).keys.length, 2);
    assert.equal((await s.verify(before.accessToken, 'access', { now: NOW + 2 })).sub, '42');
    const pair = await s.refresh(before.refreshToken, { now: NOW + 2 });
    assert.equal(lib.decodeUnverified(pair.accessToken).header.kid, next.kid);
    assert.equal(s.metrics().keys_rotated, 1);
    // A caller mistake still throws at once: the rotation touches no store.
    assert.equal(thrown(() => s.rotateKey('key')).argument, 'key');
    assert.equal(thrown(() => s.rotateKey(Key.fromJwk(next.toJwk()))).option, 'key');
  });
}
