/** @module interop.test — tokens cross between onejwt and the two common Node JWT libraries, both ways. */

import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import * as jose from 'jose';

import { Key, Verifier, sign } from 'onejwt';

import { CLAIMS, NOW, SECRET, keyText } from './fixtures.mjs';

const jsonwebtoken = createRequire(import.meta.url)('jsonwebtoken');

/** Each algorithm with its key material in every form the three libraries take. */
const ALGORITHMS = {
  HS256: { privatePem: null, publicPem: null, secret: Buffer.from(SECRET) },
  RS256: { privatePem: keyText('rsa2048.private.pkcs8.pem'), publicPem: keyText('rsa2048.public.spki.pem') },
  PS256: { privatePem: keyText('rsa2048-b.private.pkcs8.pem'), publicPem: keyText('rsa2048-b.public.spki.pem') },
  ES256: { privatePem: keyText('p256.private.pkcs8.pem'), publicPem: keyText('p256.public.spki.pem') },
  EdDSA: { privatePem: keyText('ed25519.private.pkcs8.pem'), publicPem: keyText('ed25519.public.spki.pem') },
};
/** jsonwebtoken 9 has no EdDSA. */
const JSONWEBTOKEN_ALGORITHMS = ['HS256', 'RS256', 'PS256', 'ES256'];

const onejwtKeys = ({ privatePem, publicPem, secret }) =>
  secret ? [Key.hmac(secret), Key.hmac(secret)] : [Key.fromPem(privatePem), Key.fromPem(publicPem)];
const nodeKeys = ({ privatePem, publicPem, secret }) =>
  secret ? [secret, secret] : [createPrivateKey(privatePem), createPublicKey(publicPem)];

for (const [alg, material] of Object.entries(ALGORITHMS)) {
  const [onejwtPrivate, onejwtPublic] = onejwtKeys(material);
  const [nodePrivate, nodePublic] = nodeKeys(material);
  const verifier = new Verifier({ key: onejwtPublic, algorithms: [alg], issuer: CLAIMS.iss, audience: 'api' });

  test(`${alg}: jose-signed tokens verify in onejwt; onejwt-signed tokens verify in jose`, async () => {
    const fromJose = await new jose.SignJWT({ ...CLAIMS }).setProtectedHeader({ alg, typ: 'JWT' }).sign(nodePrivate);
    assert.deepEqual(verifier.verify(fromJose, { now: NOW }), CLAIMS);

    const fromOnejwt = sign(CLAIMS, onejwtPrivate, alg);
    const { payload, protectedHeader } = await jose.jwtVerify(fromOnejwt, nodePublic, {
      algorithms: [alg],
      issuer: CLAIMS.iss,
      audience: 'api',
      currentDate: new Date(NOW * 1000),
    });
    assert.deepEqual(payload, CLAIMS);
    assert.deepEqual(protectedHeader, { alg, typ: 'JWT' });
  });

  if (!JSONWEBTOKEN_ALGORITHMS.includes(alg)) continue;
  test(`${alg}: jsonwebtoken-signed tokens verify in onejwt; onejwt-signed tokens verify in jsonwebtoken`, () => {
    const fromJsonwebtoken = jsonwebtoken.sign({ ...CLAIMS }, nodePrivate, { algorithm: alg });
    assert.deepEqual(verifier.verify(fromJsonwebtoken, { now: NOW }), CLAIMS);

    const fromOnejwt = sign(CLAIMS, onejwtPrivate, alg);
    const payload = jsonwebtoken.verify(fromOnejwt, nodePublic, {
      algorithms: [alg],
      issuer: CLAIMS.iss,
      audience: 'api',
      clockTimestamp: NOW,
    });
    assert.deepEqual(payload, CLAIMS);
  });
}

test('a token tampered after a peer signed it fails in onejwt', async () => {
  const { privatePem, publicPem } = ALGORITHMS.ES256;
  const token = await new jose.SignJWT({ ...CLAIMS, admin: false }).setProtectedHeader({ alg: 'ES256' }).sign(createPrivateKey(privatePem));
  const [h, , s] = token.split('.');
  const forged = `${h}.${Buffer.from(JSON.stringify({ ...CLAIMS, admin: true })).toString('base64url')}.${s}`;
  const verifier = new Verifier({ key: Key.fromPem(publicPem), algorithms: ['ES256'], audience: 'api' });
  assert.throws(() => verifier.verify(forged, { now: NOW }), { code: 'invalid_signature' });
});
