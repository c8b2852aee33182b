"""ES512: ECDSA on P-521 with SHA-512 (RFC 7518 §3.4), verify and sign (issue 12, item 8).

ring has no P-521; onejwt verifies and signs it with RustCrypto's `p521`. The rules are the ES256/ES384
ones: the signature is r || s of exactly 66 bytes each (132 bytes, not DER), r and s in [1, n - 1], high-S
accepted (RFC 7518 does not require low-S), the key a P-521 key in every form onejwt reads (SPKI, PKCS#8,
SEC1, certificate, JWK with crv P-521 and 66-byte coordinates), on the curve, and bound to ES512 alone.
Tokens are signed by PyJWT / `cryptography`, independently of onejwt.
"""

from __future__ import annotations

GROUP = "es512"

# The order of the P-521 group (SEC 2 §2.6.1) and its field prime.
N = int("01FF" + "FFFFFFFF" * 7 + "FFFFFFFA" "51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409", 16)
FIELD = 2**521 - 1
SIZE = 66


def build(gen) -> None:
    g = GROUP
    c = gen.base_claims()
    ec, hashes = gen.ec, gen.hashes
    b64u, int_b64 = gen.b64u, gen.int_b64
    o = gen.opts("ES512")
    p521 = gen.PRIV["p521"]
    other = ec.derive_private_key(0x1D_0E_5C_A1_AB_1E_0F_F1_CE, ec.SECP521R1())  # a second, fixed P-521 key

    def es512(claims=c, headers=None, key=None) -> str:
        return gen.pyjwt(claims, "ES512", key, headers=headers)

    def raw_sign(signing_input: str, key=p521) -> tuple[int, int]:
        return gen.decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA512())))

    def with_sig(token: str, r: int, s: int, size: int = SIZE) -> str:
        h, p, _ = token.split(".")
        return f"{h}.{p}.{b64u(r.to_bytes(size, 'big') + s.to_bytes(size, 'big'))}"

    # --- verification, every key form -------------------------------------------------------------------
    t = es512()
    gen.ok(g, "spki-ok", "ES512 verifies with the P-521 SPKI public key", t, key=gen.k_pem("p521"), options=o,
           header=True)
    gen.ok(g, "pkcs8-private-ok", "a PKCS#8 P-521 private key verifies with its public half", t,
           key=gen.k_pem("p521", "pkcs8"), options=o)
    gen.ok(g, "sec1-private-ok", "a SEC1 'EC PRIVATE KEY' P-521 key", t, key=gen.k_pem("p521", "sec1"), options=o)
    cert = gen._self_signed_cert(p521, "p521")
    gen.ok(g, "certificate-ok", "a P-521 X.509 certificate's subject public key", t, key={"pem": cert}, options=o)
    gen.ok(g, "jwk-ok", "an EC JWK with crv P-521 (x and y of 66 bytes, RFC 7518 §6.2.1.2)", t,
           key=gen.k_jwk("p521"), options=o)
    gen.ok(g, "jwk-private-ok", "a private P-521 JWK (with d) verifies", t, key=gen.k_jwk("p521", True), options=o)
    gen.ok(g, "jwk-alg-es512-ok", "a JWK restricted to ES512", t, key=gen.k_jwk("p521", alg="ES512"), options=o)
    kid_token = es512(headers={"kid": "p521"})
    gen.ok(g, "jwks-kid-ok", "a P-521 key selected by kid from a JWKS of P-256, P-384 and P-521 keys", kid_token,
           key=gen.k_jwks(gen.jwk_of("p256", kid="p256"), gen.jwk_of("p384", kid="p384"),
                          gen.jwk_of("p521", kid="p521")), options=gen.opts(["ES256", "ES384", "ES512"]))
    gen.ok(g, "jwks-no-kid-ok", "without kid, the one P-521 key of a set is the only ES512 candidate", t,
           key=gen.k_jwks(gen.jwk_of("p256"), gen.jwk_of("p521"), gen.jwk_of("rsa2048")), options=o)
    h, p, _ = t.split(".")
    r, s = raw_sign(f"{h}.{p}")
    high_s = with_sig(t, r, N - s if s < N // 2 else s)
    gen.ok(g, "high-s-ok", "the high-S form of a signature (s > n/2) is accepted: RFC 7518 §3.4 does not "
           "require low-S", high_s, key=gen.k_pem("p521"), options=o)
    gen.ok(g, "low-s-ok", "the low-S form of the same signature", with_sig(t, r, s if s < N // 2 else N - s),
           key=gen.k_pem("p521"), options=o)

    # --- signatures that must not verify ------------------------------------------------------------------
    gen.err(g, "wrong-key", "signed by another P-521 key", "invalid_signature", es512(key=other),
            key=gen.k_pem("p521"), options=o)
    tampered = gen.pyjwt(gen.base_claims(sub="admin"), "HS256")
    gen.err(g, "payload-swapped", "the payload of another token under this signature", "invalid_signature",
            f"{h}.{tampered.split('.')[1]}.{t.split('.')[2]}", key=gen.k_pem("p521"), options=o)
    der = gen.encode_dss_signature(r, s)
    for name, sig, why in [
        ("der-signature", der, "a DER-encoded signature instead of r || s (RFC 7518 §3.4)"),
        ("131-byte-signature", (r.to_bytes(SIZE, "big") + s.to_bytes(SIZE, "big"))[1:], "one byte short"),
        ("133-byte-signature", b"\0" + r.to_bytes(SIZE, "big") + s.to_bytes(SIZE, "big"), "a leading zero byte"),
        ("es256-sized-signature", r.to_bytes(SIZE, "big")[-32:] + s.to_bytes(SIZE, "big")[-32:], "64 bytes"),
        ("all-zero-psychic", bytes(2 * SIZE), "r = s = 0 (CVE-2022-21449)"),
        ("r-zero", bytes(SIZE) + s.to_bytes(SIZE, "big"), "r = 0"),
        ("s-zero", r.to_bytes(SIZE, "big") + bytes(SIZE), "s = 0"),
        ("r-equals-order", N.to_bytes(SIZE, "big") + s.to_bytes(SIZE, "big"), "r = n"),
        ("s-equals-order", r.to_bytes(SIZE, "big") + N.to_bytes(SIZE, "big"), "s = n"),
        ("r-s-equal-order", N.to_bytes(SIZE, "big") * 2, "r = s = n"),
        ("r-plus-order", (r + N).to_bytes(SIZE, "big") + s.to_bytes(SIZE, "big"), "r + n (fits in 66 bytes)"),
        ("r-s-swapped", s.to_bytes(SIZE, "big") + r.to_bytes(SIZE, "big"), "r and s swapped"),
        ("all-ones", b"\xff" * (2 * SIZE), "every bit set (r, s above n)"),
    ]:
        gen.err(g, name, f"the ES512 signature is refused: {why}", "invalid_signature",
                f"{h}.{p}.{b64u(sig)}", key=gen.k_pem("p521"), options=o)

    # --- keys that do not fit -----------------------------------------------------------------------------
    for name, token, key, options, why in [
        ("p256-key", t, gen.k_pem("p256"), o, "a P-256 key for an ES512 token"),
        ("p384-jwk", t, gen.k_jwk("p384"), o, "a P-384 JWK for an ES512 token"),
        ("rsa-key", t, gen.k_pem("rsa2048"), o, "an RSA key for an ES512 token"),
        ("hmac-key", t, gen.k_hmac(gen.SECRET["s64"]), o, "an HMAC secret for an ES512 token"),
        ("ed25519-key", t, gen.k_pem("ed25519"), o, "an Ed25519 key for an ES512 token"),
        ("p521-key-es384-token", gen.pyjwt(c, "ES384"), gen.k_pem("p521"), gen.opts("ES384"),
         "a P-521 key for an ES384 token"),
        ("jwk-alg-es256", t, gen.k_jwk("p521", alg="ES256"), o, "a P-521 JWK whose alg is ES256"),
    ]:
        # The key serves none of the allowed algorithms: refused when the verifier is built (startup/).
        gen.add(g, f"family-{name}", f"the key family must fit the alg: {why} serves no allowed algorithm, so "
                "the verifier is refused when it is built", {"options_error": "key"}, token=token, key=key,
                options=options)
    pub = gen.JWK_PUB["p521"]
    x = int.from_bytes(gen.b64u_dec(pub["x"]), "big")
    y = int.from_bytes(gen.b64u_dec(pub["y"]), "big")
    for name, jwk, why in [
        ("x-65-bytes", dict(pub, x=b64u(gen.b64u_dec(pub["x"])[1:])), "x of 65 bytes (RFC 7518 §6.2.1.2: 66)"),
        ("y-67-bytes", dict(pub, y=b64u(b"\0" + gen.b64u_dec(pub["y"]))), "y of 67 bytes"),
        ("x-p256-size", dict(pub, x=b64u(gen.b64u_dec(pub["x"])[-32:]), y=b64u(gen.b64u_dec(pub["y"])[-32:])),
         "coordinates of P-256's size"),
        ("point-not-on-curve", dict(pub, y=int_b64((y + 1) % FIELD, SIZE)), "(x, y + 1) is not on P-521"),
        ("x-above-field", dict(pub, x=int_b64(x + FIELD, SIZE)), "x + p: a coordinate outside the field"),
        ("identity-zero", dict(pub, x=int_b64(0, SIZE), y=int_b64(0, SIZE)), "the point (0, 0)"),
        ("d-mismatch", dict(gen.JWK_PRIV["p521"], d=int_b64(other.private_numbers().private_value, SIZE)),
         "a private d that is not the key of (x, y)"),
        ("d-zero", dict(gen.JWK_PRIV["p521"], d=int_b64(0, SIZE)), "d = 0"),
        ("d-equals-order", dict(gen.JWK_PRIV["p521"], d=int_b64(N, SIZE)), "d = n"),
        ("d-65-bytes", dict(gen.JWK_PRIV["p521"], d=b64u(gen.b64u_dec(gen.JWK_PRIV["p521"]["d"])[1:])),
         "d of 65 bytes"),
    ]:
        gen.err(g, f"jwk-{name}", f"the P-521 JWK is refused: {why}", "invalid_key", t, key={"jwk": jwk}, options=o)

    # --- signing ------------------------------------------------------------------------------------------
    sc = {"sub": "user-1", "name": "Ada", "iat": gen.NOW, "exp": gen.NOW + 600}
    for name, skey in [("pkcs8", gen.k_pem("p521", "pkcs8")), ("sec1", gen.k_pem("p521", "sec1")),
                       ("jwk", gen.k_jwk("p521", True))]:
        gen.add(g, f"sign-{name}-roundtrip", f"ES512 signs with a {name} P-521 key (randomised: the token must "
                "verify with the public key and return the claims)", {"claims": sc}, kind="sign",
                sign={"claims": sc, "key": skey, "algorithm": "ES512"}, key=gen.k_pem("p521"), options=o)
    gen.add(g, "sign-kid-roundtrip", "ES512 with a kid, verified through a JWKS", {"claims": sc}, kind="sign",
            sign={"claims": sc, "key": gen.k_jwk("p521", True), "algorithm": "ES512", "kid": "p521"},
            key=gen.k_jwks(gen.jwk_of("p256", kid="p256"), gen.jwk_of("p521", kid="p521")), options=o)
    for name, skey, why in [
        ("public-key", gen.k_pem("p521"), "a P-521 public key cannot sign"),
        ("p384-key", gen.k_pem("p384", "pkcs8"), "a P-384 key cannot sign ES512"),
        ("hmac-key", gen.k_hmac(gen.SECRET["s64"]), "an HMAC secret cannot sign ES512"),
    ]:
        gen.add(g, f"sign-{name}", f"signing is refused: {why}", {"error": "invalid_key"}, kind="sign",
                sign={"claims": sc, "key": skey, "algorithm": "ES512"})
