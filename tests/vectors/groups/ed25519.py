"""Ed25519 (issue 12): keys of small order are refused, and RFC 9864's algorithm name "Ed25519".

Small order (item 2): a public key A with [8]A = identity verifies forged signatures. With R the identity
and S = 0, a verifier that checks [S]B = R + [k]A without the cofactor (ring does, as RFC 8032 allows)
accepts the signature whenever the order of A divides k = SHA-512(R || A || M) mod L. Each forged token below
grinds a `jti` until 8 divides k, so it verifies against every such key: before issue 12 onejwt accepted
them all (verdict ok). Each of the eight small-order points is written in each of its 14 encodings (the sign
bit of x either way, y = 0 and y = 1 also as the non-canonical y + p), as libsodium's `has_small_order` lists
them. A key of mixed order (a real key plus a point of order 8) is not small: it stays accepted.

RFC 9864 (item 8) registers "Ed25519" as the fully specified JOSE name of EdDSA over Ed25519: the same
signature, bound to Ed25519 keys only; "EdDSA" stays accepted, and each name is its own allow-list entry.

The curve arithmetic here is the textbook twisted Edwards formulas over Python integers, used only to make
and check the cases (the cross-check also verifies the success cases with `cryptography`).
"""

from __future__ import annotations

import hashlib

GROUP = "ed25519"

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = (-121665 * pow(121666, P - 2, P)) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)
IDENTITY = (0, 1)


def decode(enc: bytes):
    """The point an encoding names, y reduced mod p as ref10 and ring read it; None when off the curve."""
    y = (int.from_bytes(enc, "little") & ((1 << 255) - 1)) % P
    u, v = (y * y - 1) % P, (D * y * y + 1) % P
    x2 = u * pow(v, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * SQRT_M1 % P
    if (x * x - x2) % P:
        return None
    if (x & 1) != enc[31] >> 7:
        x = (-x) % P
    return (x, y)


def add(p, q):
    (x1, y1), (x2, y2) = p, q
    t = D * x1 * x2 * y1 * y2 % P
    return ((x1 * y2 + x2 * y1) * pow(1 + t, P - 2, P) % P, (y1 * y2 + x1 * x2) * pow(1 - t, P - 2, P) % P)


def mul(k: int, p):
    r = IDENTITY
    while k:
        if k & 1:
            r = add(r, p)
        p = add(p, p)
        k >>= 1
    return r


def encode(p) -> bytes:
    return (p[1] | ((p[0] & 1) << 255)).to_bytes(32, "little")


BASE = decode(bytes.fromhex("5866666666666666666666666666666666666666666666666666666666666666"))
ORDER_8_Y = (2707385501144840649318225287225658788936804267575313519463743609750303402022,
             55188659117513257062467267217118295137698188065244968500265048394206261417927)
# (name, y): every y of a point of order dividing 8, and the non-canonical y + p of y = 0 and y = 1.
SMALL_Y = [("order-4", 0), ("identity", 1), ("order-8-a", ORDER_8_Y[0]), ("order-8-b", ORDER_8_Y[1]),
           ("order-2", P - 1), ("order-4-noncanonical-y", P), ("identity-noncanonical-y", P + 1)]


def small_order_encodings() -> list[tuple[str, bytes]]:
    out = []
    for name, y in SMALL_Y:
        for sign in (0, 1):
            enc = (y | (sign << 255)).to_bytes(32, "little")
            point = decode(enc)
            assert point is not None and mul(8, point) == IDENTITY, name
            out.append((f"{name}-x-negative" if sign else name, enc))
    return out


def challenge(r: bytes, a: bytes, signing_input: str) -> int:
    return int.from_bytes(hashlib.sha512(r + a + signing_input.encode()).digest(), "little") % L


def build(gen) -> None:
    g = GROUP
    b64u, cjson = gen.b64u, gen.cjson
    seed = gen.PRIV["ed25519"].private_bytes(gen.serialization.Encoding.Raw, gen.serialization.PrivateFormat.Raw,
                                             gen.serialization.NoEncryption())
    expanded = hashlib.sha512(seed).digest()
    scalar = int.from_bytes(expanded[:32], "little") & ((1 << 254) - 8) | (1 << 254)
    real_point = mul(scalar, BASE)
    assert b64u(encode(real_point)) == gen.JWK_PUB["ed25519"]["x"]

    def ground(header: dict, key_bytes: bytes, r: bytes, label: str) -> tuple[str, dict, str, int]:
        """Claims with a `jti` ground until 8 divides the challenge: (signing input, claims, jti, k)."""
        for n in range(10_000):
            claims = gen.base_claims(jti=f"{label}-{n}")
            signing_input = b64u(cjson(header)) + "." + b64u(cjson(claims))
            k = challenge(r, key_bytes, signing_input)
            if k % 8 == 0:
                return signing_input, claims, claims["jti"], k
        raise AssertionError("no jti found")

    def forged(key_bytes: bytes, alg: str = "EdDSA", kid: str | None = None) -> str:
        """R = identity, S = 0: verifies without the cofactor against every key of order dividing 8."""
        header = {"alg": alg, "typ": "JWT"} | ({"kid": kid} if kid else {})
        r = encode(IDENTITY)
        signing_input, _, _, k = ground(header, key_bytes, r, "forged")
        point = decode(key_bytes)
        # [S]B - [k]A with S = 0 is -[k]A: the identity, whose encoding is R, for a small-order A only.
        assert (encode(mul(k, point)) == r) == (mul(8, point) == IDENTITY)
        return signing_input + "." + b64u(r + bytes(32))

    def okp(key_bytes: bytes, **extra) -> dict:
        return {"kty": "OKP", "crv": "Ed25519", "x": b64u(key_bytes)} | extra

    def spki_pem(key_bytes: bytes) -> str:
        der = bytes.fromhex("302a300506032b6570032100") + key_bytes
        body = gen.base64.encodebytes(der).decode().replace("\n", "")
        return f"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n"

    # --- small order (item 2) -------------------------------------------------------------------------
    small = small_order_encodings()
    for name, enc in small:
        gen.err(g, f"small-order-{name}-jwk", "[small-order key] an Ed25519 JWK whose x encodes a point of small "
                f"order ({name}) is refused when the key is built; the token is a forgery (R = identity, S = 0) that "
                "verifies against it without the cofactor check", "invalid_key", forged(enc),
                key={"jwk": okp(enc)}, options=gen.opts("EdDSA"))
    identity = dict(small)["identity"]
    order_8 = dict(small)["order-8-a"]
    for name, enc in [("identity", identity), ("order-8-a", order_8),
                      ("identity-noncanonical-y", dict(small)["identity-noncanonical-y"])]:
        gen.err(g, f"small-order-{name}-spki", f"[small-order key] the same refusal for a PEM SPKI public key "
                f"({name}); the token is the forgery", "invalid_key", forged(enc), key={"pem": spki_pem(enc)},
                options=gen.opts("EdDSA"))
    gen.err(g, "small-order-identity-alg-ed25519", "[small-order key] the forgery under RFC 9864's alg name "
            "Ed25519, against the identity as a JWK", "invalid_key", forged(identity, "Ed25519"),
            key={"jwk": okp(identity)}, options=gen.opts("Ed25519"))
    gen.err(g, "small-order-jwk-text", "[small-order key] the identity as JWK text (the strict text parser)",
            "invalid_key", forged(identity), key={"jwk": gen.json.dumps(okp(identity))}, options=gen.opts("EdDSA"))
    real = gen.jwk_of("ed25519", kid="good")
    gen.add(g, "small-order-in-jwks-skipped", "[small-order key] in a JWKS the small-order key is left out "
            "(invalid) and its kid names no key: the forgery carrying that kid is key_not_found",
            {"error": "key_not_found", "skipped": [{"index": 0, "kid": "evil", "reason": "invalid"}]},
            token=forged(order_8, kid="evil"), key=gen.k_jwks(okp(order_8, kid="evil"), real),
            options=gen.opts("EdDSA"))
    gen.add(g, "small-order-in-jwks-no-kid", "[small-order key] a JWKS of the identity key and an RSA key, the "
            "forgery without kid: the small-order key is left out, so no key can verify EdDSA (OpenSSL, through "
            "`cryptography`, accepts this forgery with that key)",
            {"error": "key_not_found", "skipped": [{"index": 0, "kid": None, "reason": "invalid"}]},
            token=forged(identity), key=gen.k_jwks(okp(identity), gen.jwk_of("rsa2048")),
            options=gen.opts(["EdDSA", "RS256"]))
    gen.err(g, "small-order-only-key-in-jwks", "[small-order key] a JWKS whose only key is of small order has no "
            "usable key", "invalid_key", forged(identity), key=gen.k_jwks(okp(identity)),
            options=gen.opts("EdDSA"))
    gen.err(g, "forgery-against-real-key", "the same forgery (R = identity, S = 0) against a real Ed25519 key "
            "does not verify", "invalid_signature", forged(encode(real_point)), key=gen.k_pem("ed25519"),
            options=gen.opts("EdDSA"))

    # A key of mixed order, A' = A + T (T of order 8), is not of small order ([8]A' = [8]A): accepted. The
    # token is signed with A's secret scalar, with a jti ground until 8 divides k, so [S]B - [k]A' = R.
    mixed = encode(add(real_point, decode(order_8)))
    header = {"alg": "EdDSA", "typ": "JWT"}
    for n in range(10_000):
        claims = gen.base_claims(jti=f"mixed-{n}")
        signing_input = b64u(cjson(header)) + "." + b64u(cjson(claims))
        nonce = int.from_bytes(hashlib.sha512(expanded[32:] + signing_input.encode()).digest(), "little") % L
        r = encode(mul(nonce, BASE))
        k = challenge(r, mixed, signing_input)
        if k % 8 == 0:
            break
    s = (nonce + k * scalar) % L
    minus_k_a = mul(k, decode(mixed))
    assert encode(add(mul(s, BASE), ((-minus_k_a[0]) % P, minus_k_a[1]))) == r
    mixed_token = signing_input + "." + b64u(r + s.to_bytes(32, "little"))
    gen.ok(g, "mixed-order-key-ok", "a key of mixed order (a real key plus a point of order 8) is not of small "
           "order and stays accepted; this token verifies against it", mixed_token, key={"jwk": okp(mixed)},
           options=gen.opts("EdDSA"))

    # --- RFC 9864's "Ed25519" (item 8) ----------------------------------------------------------------
    c = gen.base_claims()

    def ed_token(alg: str = "Ed25519", kid: str | None = None, key: str = "ed25519") -> str:
        header = {"alg": alg, "typ": "JWT"} | ({"kid": kid} if kid else {})
        return gen.build(header, c, alg="EdDSA", key=key)

    gen.ok(g, "alg-ed25519-pem-ok", "RFC 9864: alg Ed25519 verifies with an Ed25519 SPKI key", ed_token(),
           key=gen.k_pem("ed25519"), options=gen.opts("Ed25519"), header=True)
    gen.ok(g, "alg-ed25519-private-pem-ok", "alg Ed25519 with a PKCS#8 private key (its public half)", ed_token(),
           key=gen.k_pem("ed25519", "pkcs8"), options=gen.opts("Ed25519"))
    gen.ok(g, "alg-ed25519-jwk-ok", "alg Ed25519 with an OKP JWK", ed_token(), key=gen.k_jwk("ed25519"),
           options=gen.opts("Ed25519"))
    gen.ok(g, "alg-ed25519-jwk-alg-ed25519-ok", "a JWK whose alg is Ed25519 serves alg Ed25519", ed_token(),
           key=gen.k_jwk("ed25519", alg="Ed25519"), options=gen.opts("Ed25519"))
    gen.ok(g, "alg-ed25519-jwks-kid-ok", "alg Ed25519 selects its key from a JWKS by kid", ed_token(kid="ed-a"),
           key=gen.k_jwks(gen.jwk_of("ed25519-b", kid="ed-b"), gen.jwk_of("ed25519", kid="ed-a"),
                          gen.jwk_of("rsa2048", kid="rsa-a")), options=gen.opts("Ed25519"))
    gen.ok(g, "alg-ed25519-both-names-allowed-ok", "both names in the allow-list: each token is judged by its own",
           ed_token(), key=gen.k_pem("ed25519"), options=gen.opts(["EdDSA", "Ed25519"]))
    gen.err(g, "alg-ed25519-not-in-eddsa-list", "the allow-list names EdDSA only: Ed25519 is another name, not "
            "allowed", "algorithm_not_allowed", ed_token(), key=gen.k_pem("ed25519"), options=gen.opts("EdDSA"))
    gen.err(g, "alg-eddsa-not-in-ed25519-list", "the allow-list names Ed25519 only: an EdDSA token is not allowed",
            "algorithm_not_allowed", ed_token("EdDSA"), key=gen.k_pem("ed25519"), options=gen.opts("Ed25519"))
    gen.err(g, "alg-ed25519-lowercase", "alg names are case-sensitive: 'ed25519' is not 'Ed25519'",
            "algorithm_not_allowed", ed_token("ed25519"), key=gen.k_pem("ed25519"), options=gen.opts("Ed25519"))
    gen.err(g, "alg-ed25519-wrong-key", "alg Ed25519 signed by another Ed25519 key", "invalid_signature",
            ed_token(key="ed25519-b"), key=gen.k_pem("ed25519"), options=gen.opts("Ed25519"))
    for name, key, why in [
        ("rsa", gen.k_pem("rsa2048"), "an RSA key"),
        ("p256", gen.k_jwk("p256"), "a P-256 key"),
        ("hmac", gen.k_hmac(gen.SECRET["s64"]), "an HMAC secret"),
    ]:
        gen.add(g, f"alg-ed25519-{name}-key", f"alg Ed25519 is bound to Ed25519 keys: {why} serves no allowed "
                "algorithm, so the verifier is refused when it is built", {"options_error": "key"},
                token=ed_token(), key=key, options=gen.opts("Ed25519"))
    gen.err(g, "alg-ed25519-ed448-key", "alg Ed25519 is bound to Ed25519 keys: an Ed448 key is not implemented, "
            "so the key itself is refused when it is built", "invalid_key", ed_token(), key=gen.k_pem("ed448"),
            options=gen.opts("Ed25519"))
    gen.add(g, "alg-ed25519-jwk-alg-eddsa", "a JWK restricted to alg EdDSA does not serve alg Ed25519 (the JWK "
            "alg is matched exactly): with only Ed25519 allowed the verifier is refused when it is built",
            {"options_error": "key"}, token=ed_token(), key=gen.k_jwk("ed25519", alg="EdDSA"),
            options=gen.opts("Ed25519"))
    gen.add(g, "alg-eddsa-jwk-alg-ed25519", "a JWK restricted to alg Ed25519 does not serve alg EdDSA: with only "
            "EdDSA allowed the verifier is refused when it is built", {"options_error": "key"},
            token=ed_token("EdDSA"), key=gen.k_jwk("ed25519", alg="Ed25519"), options=gen.opts("EdDSA"))
    gen.err(g, "alg-ed25519-jwk-alg-eddsa-both-allowed", "with [Ed25519, EdDSA] allowed the EdDSA-only JWK builds; "
            "an Ed25519 token still fails per token (the JWK alg is matched exactly)", "invalid_key", ed_token(),
            key=gen.k_jwk("ed25519", alg="EdDSA"), options=gen.opts(["Ed25519", "EdDSA"]))

    # Signing: Ed25519 is deterministic (RFC 8032), so the token is known byte for byte.
    sc = {"sub": "user-1", "name": "Ada", "iat": gen.NOW, "exp": gen.NOW + 600}
    want = gen.build({"alg": "Ed25519", "typ": "JWT"}, sc, alg="EdDSA", key="ed25519")
    for name, skey, why in [("pkcs8", gen.k_pem("ed25519", "pkcs8"), "a PKCS#8 private key"),
                            ("jwk", gen.k_jwk("ed25519", True), "an OKP private JWK")]:
        gen.add(g, f"sign-alg-ed25519-{name}", f"sign with alg Ed25519 and {why}: header alg Ed25519, the same "
                "deterministic signature as EdDSA", {"token": want, "claims": sc}, kind="sign",
                sign={"claims": sc, "key": skey, "algorithm": "Ed25519"}, key=gen.k_pem("ed25519"),
                options=gen.opts("Ed25519"))
    gen.add(g, "sign-alg-ed25519-rsa-key", "alg Ed25519 cannot sign with an RSA key", {"error": "invalid_key"},
            kind="sign", sign={"claims": sc, "key": gen.k_pem("rsa2048", "pkcs8"), "algorithm": "Ed25519"})
    gen.add(g, "sign-alg-ed25519-public-key", "a public Ed25519 key cannot sign", {"error": "invalid_key"},
            kind="sign", sign={"claims": sc, "key": gen.k_pem("ed25519"), "algorithm": "Ed25519"})
