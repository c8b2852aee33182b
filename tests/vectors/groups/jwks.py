"""Tolerant, visible key sets (issue 12, item 7).

Identity providers publish legacy and encryption keys next to current ones, so a JWKS is read as jose reads
it: a key that could never be selected is left out, never fatal, and the set reports it (`expect.skipped`
lists each left-out key's index, kid and reason: `unsupported`, `oct_not_allowed`, `not_for_verification` or
`invalid`). A set with no usable key is an error (`invalid_key`). An `oct` key (a shared secret) is used only
when the caller opts in with the key form's options, `{"jwks": …, "options": {"allow_oct": true}}`: a
published JWKS that holds a secret lets anyone who reads it mint tokens (see `oct-published-secret-*`).
"""

from __future__ import annotations

GROUP = "jwks"


def build(gen) -> None:
    g = GROUP
    c = gen.base_claims()
    o = gen.opts("RS256")
    jwk_of, k_jwks, oct_jwk, SECRET = gen.jwk_of, gen.k_jwks, gen.oct_jwk, gen.SECRET
    current = jwk_of("rsa2048", kid="current")

    def rs(kid: str | None = "current") -> str:
        return gen.pyjwt(c, "RS256", headers={"kid": kid} if kid else None)

    def skipped(*entries) -> list[dict]:
        return [{"index": i, "kid": kid, "reason": reason} for i, kid, reason in entries]

    def with_options(form: dict, **options) -> dict:
        return dict(form, options=options)

    # One of every kind of key a provider may publish next to the current one.
    legacy = [
        jwk_of("rsa1024", kid="rsa-1024"),                                   # invalid: RSA under 2048 bits
        {"kty": "AKP", "alg": "ML-DSA-44", "pub": "AAAA", "kid": "pq"},      # unsupported kty
        jwk_of("secp256k1", kid="k1"),                                       # unsupported crv
        jwk_of("x25519", kid="x"),                                           # unsupported crv (key agreement)
        jwk_of("ed448", kid="ed448"),                                        # unsupported crv
        oct_jwk(SECRET["s32"], kid="hmac"),                                  # oct_not_allowed
        jwk_of("rsa2048-b", kid="enc", use="enc"),                           # not_for_verification
        jwk_of("rsa2048-b", kid="sign-only", key_ops=["sign"]),              # not_for_verification
        jwk_of("rsa2048-b", kid="oaep", alg="RSA-OAEP-256"),                 # unsupported alg
        jwk_of("rsa2048-b", kid="misfit", alg="ES256"),                      # invalid: alg for another key type
        {"kty": "RSA", "kid": "broken", "e": "AQAB"},                        # invalid: no n
        {"kty": "EC", "crv": "P-256", "kid": "off-curve", "x": jwk_of("p256")["x"], "y": jwk_of("p256")["x"]},
        {"kid": "no-kty", "n": "AQAB"},                                      # invalid: no kty
    ]
    legacy_skipped = skipped((0, "rsa-1024", "invalid"), (1, "pq", "unsupported"), (2, "k1", "unsupported"),
                             (3, "x", "unsupported"), (4, "ed448", "unsupported"), (5, "hmac", "oct_not_allowed"),
                             (6, "enc", "not_for_verification"), (7, "sign-only", "not_for_verification"),
                             (8, "oaep", "unsupported"), (9, "misfit", "invalid"), (10, "broken", "invalid"),
                             (11, "off-curve", "invalid"), (12, "no-kty", "invalid"))
    gen.add(g, "legacy-keys-skipped-ok", "a JWKS holding one key of every kind that can never be selected next to "
            "the current key: each is left out and reported with its reason, and the current key verifies",
            {"claims": c, "skipped": legacy_skipped}, token=rs(), key=k_jwks(*legacy, current), options=o)
    gen.add(g, "legacy-keys-skipped-text", "the same JWKS given as JSON text (read by the strict text parser), "
            "with a token whose kid names the skipped 1024-bit key", {"error": "key_not_found",
            "skipped": legacy_skipped}, token=rs("rsa-1024"),
            key={"jwks": gen.json.dumps({"keys": [*legacy, current]})}, options=o)
    gen.add(g, "legacy-key-kid-names-no-key", "a token whose kid names a skipped key (RSA 1024) finds no key",
            {"error": "key_not_found", "skipped": skipped((0, "rsa-1024", "invalid"))}, token=rs("rsa-1024"),
            key=k_jwks(jwk_of("rsa1024", kid="rsa-1024"), current), options=o)
    gen.add(g, "weak-key-sharing-kid-ok", "a 1024-bit key and the current key share a kid: the weak one is "
            "skipped, so the kid is not ambiguous", {"claims": c, "skipped": skipped((0, "current", "invalid"))},
            token=rs(), key=k_jwks(jwk_of("rsa1024", kid="current"), current), options=o)
    big_n = gen.int_b64((1 << 8199) | 1)
    gen.add(g, "rsa-over-8192-bits-skipped-ok", "an RSA modulus of 8200 bits (over the 8192 onejwt verifies) is "
            "skipped as invalid", {"claims": c, "skipped": skipped((0, "huge", "invalid"))}, token=rs(),
            key=k_jwks({"kty": "RSA", "kid": "huge", "n": big_n, "e": "AQAB"}, current), options=o)
    gen.add(g, "nothing-skipped-ok", "a JWKS of usable keys skips nothing", {"claims": c, "skipped": []},
            token=rs(), key=k_jwks(jwk_of("p256", kid="ec"), current), options=o)

    # No usable key: an error, whatever the reasons.
    for name, keys, why in [
        ("only-weak-key", [jwk_of("rsa1024", kid="rsa-1024")], "its only key is a 1024-bit RSA key"),
        ("only-unsupported-keys", [jwk_of("x25519"), jwk_of("secp256k1")], "its keys are of unsupported curves"),
        ("only-encryption-keys", [jwk_of("rsa2048", use="enc"), jwk_of("p256", key_ops=["deriveKey"])],
         "its keys are encryption keys"),
        ("only-legacy-keys", legacy, "every key is one that can never be selected"),
    ]:
        gen.err(g, f"no-usable-key-{name}", f"a set with no usable key is an error: {why}", "invalid_key", rs(),
                key=k_jwks(*keys), options=o)
    gen.err(g, "keys-entry-not-an-object", "an entry of 'keys' that is not an object is not a JWKS: the whole "
            "document is refused", "invalid_key", rs(), key=k_jwks(current, "current"), options=o)

    # oct keys: only on request.
    hs = gen.pyjwt(c, "HS256", SECRET["s32"], headers={"kid": "hmac"})
    gen.add(g, "oct-skipped-by-default", "an oct key is left out by default (oct_not_allowed): its kid names no "
            "key", {"error": "key_not_found", "skipped": skipped((0, "hmac", "oct_not_allowed"))}, token=hs,
            key=k_jwks(oct_jwk(SECRET["s32"], kid="hmac"), current), options=gen.opts(["HS256", "RS256"]))
    gen.add(g, "oct-skipped-allow-oct-false", "allow_oct false is the default: the oct key is skipped, so the "
            "HS256 token's kid names no key (RS256 is allowed too, for the RSA key the verifier is built with)",
            {"error": "key_not_found", "skipped": skipped((0, "hmac", "oct_not_allowed"))}, token=hs,
            key=with_options(k_jwks(oct_jwk(SECRET["s32"], kid="hmac"), current), allow_oct=False),
            options=gen.opts(["HS256", "RS256"]))
    gen.add(g, "oct-allowed-ok", "with allow_oct the oct key serves HS256", {"claims": c, "skipped": []},
            token=hs, key=with_options(k_jwks(oct_jwk(SECRET["s32"], kid="hmac"), current), allow_oct=True),
            options=gen.opts("HS256"))
    gen.err(g, "oct-only-set-refused", "a JWKS whose only key is an oct key has no usable key by default",
            "invalid_key", hs, key=k_jwks(oct_jwk(SECRET["s32"], kid="hmac")), options=gen.opts("HS256"))
    gen.add(g, "oct-allowed-short-secret-skipped", "with allow_oct, a 16-byte secret is too short for every HS "
            "algorithm (RFC 7518 §3.2): skipped as invalid", {"claims": c, "skipped": skipped((0, "short",
            "invalid"))}, token=rs(), key=with_options(k_jwks(oct_jwk(SECRET["s16"], kid="short"), current),
                                                       allow_oct=True), options=o)
    gen.add(g, "oct-allowed-alg-hs512-short-secret-skipped", "with allow_oct, a 32-byte secret restricted to HS512 "
            "(which needs 64 bytes) can never be selected: skipped as invalid", {"claims": c, "skipped":
            skipped((0, "h512", "invalid"))}, token=rs(),
            key=with_options(k_jwks(oct_jwk(SECRET["s32"], kid="h512", alg="HS512"), current), allow_oct=True),
            options=o)
    gen.add(g, "oct-allowed-hs384-secret-ok", "with allow_oct, a 48-byte secret serves HS384",
            {"claims": c, "skipped": []}, token=gen.pyjwt(c, "HS384", SECRET["s48"]),
            key=with_options(k_jwks(oct_jwk(SECRET["s48"])), allow_oct=True), options=gen.opts("HS384"))
    # The attack the default prevents: the secret is in the published JWKS, so anyone can mint a token with it.
    minted = gen.pyjwt(gen.base_claims(sub="admin", role="admin"), "HS256", SECRET["s32"])
    gen.add(g, "oct-published-secret-token-refused", "[published secret] an attacker reads the oct key of a "
            "published JWKS and mints an HS256 token (no kid): by default the secret is not a key, so no key "
            "serves HS256", {"error": "key_not_found", "skipped": skipped((1, None, "oct_not_allowed"))},
            token=minted, key=k_jwks(current, oct_jwk(SECRET["s32"])), options=gen.opts(["RS256", "HS256"]))
    gen.add(g, "oct-published-secret-token-with-kid-refused", "[published secret] the same minted token naming "
            "the oct key's kid", {"error": "key_not_found", "skipped": skipped((1, "hmac", "oct_not_allowed"))},
            token=gen.pyjwt(gen.base_claims(sub="admin"), "HS256", SECRET["s32"], headers={"kid": "hmac"}),
            key=k_jwks(current, oct_jwk(SECRET["s32"], kid="hmac")), options=gen.opts(["RS256", "HS256"]))

    # The key form's options are KeySet.from_jwks's options, judged by the core's schema.
    gen.add(g, "option-allow-oct-not-a-boolean", "allow_oct must be a boolean (an option error, not a verdict)",
            {"options_error": "allow_oct"}, token=hs,
            key=with_options(k_jwks(oct_jwk(SECRET["s32"], kid="hmac")), allow_oct="yes"), options=gen.opts("HS256"))
    gen.add(g, "option-unknown", "an unknown option of KeySet.from_jwks is refused by name",
            {"options_error": "allow_symmetric"}, token=hs,
            key=with_options(k_jwks(oct_jwk(SECRET["s32"], kid="hmac")), allow_symmetric=True),
            options=gen.opts("HS256"))
    gen.add(g, "option-null-is-unset", "allow_oct null means not set (the default): the oct key is skipped",
            {"error": "invalid_key"}, token=hs,
            key=with_options(k_jwks(oct_jwk(SECRET["s32"], kid="hmac")), allow_oct=None), options=gen.opts("HS256"))
