"""Fail at startup (issue 12, item 6): a verifier whose key (or key set) can serve none of its allowed
algorithms, or whose allow-list names no algorithm onejwt implements, is refused when it is built
(`options_error` on `key`, `keys` or `algorithms`) instead of failing every token with `invalid_key`,
`key_not_found` or `unsupported_algorithm`. The allow-list may still name algorithms the key cannot serve
as long as it can serve one: those tokens keep their per-token verdicts, which the `*-also-allowed` and
`*-next-to-hs256` cases here cover.

`build(gen)` also moves the expectations of the older cases that built such verifiers (groups `key`,
`keyset`, `algorithms`, `crit`, `rfc`, `adversarial`), listed in `CHANGED`, each only while that case
still expects what it did before this rule; `apply_changes(cases)` is the same change for a dict of
cases, used to update those groups' committed files without re-signing them.
"""

from __future__ import annotations

GROUP = "startup"

_KEY = ("the key can serve none of the allowed algorithms, so the verifier is refused when it is built "
        "(fail at startup, not per request); per-token invalid_key is startup/*-also-allowed")
_KEYS = ("no key of the set can serve an allowed algorithm, so the verifier is refused when it is built; "
         "per-token key_not_found is startup/keyset-*")
_ALGS = ("no allowed algorithm is implemented, so no token could verify and the verifier is refused when it is "
         "built; per-token unsupported_algorithm is startup/unsupported-*-next-to-hs256")

# case id -> (the expectation it had, the one it has now, why); `algorithms` changes also require that none
# of the case's allowed algorithms is implemented (generate.py's IMPLEMENTED), so they lapse by themselves
# when an algorithm is added (ES512 and Ed25519 are issue 12's item 8).
CHANGED: dict[str, tuple[dict, dict, str]] = {
    **{cid: ({"error": "invalid_key"}, {"options_error": "key"}, _KEY) for cid in [
        "adversarial/wrong-curve-jwk-p256-alg-es384-member",
        "key/family-certificate-es256-token",
        "key/family-ec-jwk-hs256-token",
        "key/family-ed25519-key-es256-token",
        "key/family-ed25519-key-rs256-token",
        "key/family-hmac-key-eddsa-token",
        "key/family-hmac-key-rs256-token",
        "key/family-oct-jwk-ps256-token",
        "key/family-p256-key-es384-token",
        "key/family-p256-private-key-eddsa-token",
        "key/family-p384-key-es256-token",
        "key/family-rsa-key-eddsa-token",
        "key/family-rsa-key-es256-token",
        "key/hmac-16-byte-secret-hs256-too-short",
        "key/hmac-31-byte-secret-hs256-too-short",
        "key/hmac-32-byte-secret-hs384-too-short",
        "key/hmac-48-byte-secret-hs512-too-short",
        "key/hmac-base64url-31-bytes-too-short",
        "key/jwk-alg-other-rsa-alg",
        "key/jwk-alg-ps-vs-rs",
        "key/jwk-oct-16-byte-k",
        "key/jwk-oct-alg-hs256-token-hs512",
        "key/order-invalid-key-before-signature",
        # P-521 keys build since ES512 (issue 12, item 8); with only ES256 allowed they serve nothing.
        "key/jwk-ec-crv-p521",
        "key/pem-ec-p521-sec1",
        "key/pem-ec-p521-spki",
    ]},
    "key/order-alg-not-allowed-before-key": (
        {"error": "algorithm_not_allowed"}, {"options_error": "key"},
        "the 16-byte secret serves no allowed algorithm, so the verifier is refused when it is built; the order "
        "of the two rules per token is startup/order-alg-not-allowed-before-key-fit"),
    **{cid: ({"error": "key_not_found"}, {"options_error": "keys"}, _KEYS) for cid in [
        "keyset/empty-keys-array",
        "keyset/jwk-alg-mismatch-not-selected",
        "keyset/key-ops-without-verify-not-selected",
        "keyset/use-enc-not-selected",
    ]},
    **{cid: ({"error": "unsupported_algorithm"}, {"options_error": "algorithms"}, _ALGS) for cid in [
        "algorithms/unsupported-ed25519-fully-specified",
        "algorithms/unsupported-ed448",
        "algorithms/unsupported-es256k",
        "algorithms/unsupported-es512",
        "algorithms/unsupported-hs1",
        "algorithms/unsupported-rsa-oaep",
        "crit/order-unsupported-before-crit",
        "rfc/rfc7515-a4-es512-unsupported",
    ]},
    "rfc/rfc7515-a4-es512-exact": ({"error": "malformed"}, {"options_error": "algorithms"}, _ALGS),
}


def apply_changes(cases: dict, implemented: list[str]) -> list[str]:
    """Moves the expectations listed in CHANGED in `cases` (id -> case); returns the ids changed."""
    changed = []
    for cid, (before, after, why) in CHANGED.items():
        case = cases.get(cid)
        if case is None or case["expect"] != before:
            continue
        if after == {"options_error": "algorithms"} and set(case["options"]["algorithms"]) & set(implemented):
            continue
        case["expect"] = after
        case["description"] = f"{case['description']} [since issue 12: {why}]"
        changed.append(cid)
    return changed


def build(gen) -> None:
    g = GROUP
    c = gen.base_claims()
    secret = gen.SECRET["s32"]

    # --- the examples: refused when the verifier is built -----------------------------------------
    gen.add(g, "hmac-secret-rs256-only", "an HMAC secret with only RS256 allowed can verify nothing: refused when "
            "the verifier is built, not with invalid_key on every request", {"options_error": "key"},
            token=gen.pyjwt(c, "RS256"), key=gen.k_hmac(secret), options=gen.opts("RS256"))
    gen.add(g, "hmac-5-byte-secret-hs256", "a 5-byte HMAC secret with HS256 (RFC 7518 §3.2 needs 32 bytes): "
            "refused when the verifier is built", {"options_error": "key"},
            token=gen.pyjwt(c, "HS256", "abcde"), key=gen.k_hmac("abcde"), options=gen.opts("HS256"))
    gen.add(g, "hmac-16-byte-secret-every-hs-allowed", "a 16-byte secret is too short for HS256, HS384 and HS512 "
            "alike: no allowed algorithm fits", {"options_error": "key"},
            token=gen.pyjwt(c, "HS256", gen.SECRET["s16"]), key=gen.k_hmac(gen.SECRET["s16"]),
            options=gen.opts(["HS256", "HS384", "HS512"]))
    gen.add(g, "rsa-key-hmac-algorithms-only", "an RSA public key with only HMAC algorithms allowed",
            {"options_error": "key"}, token=gen.pyjwt(c), key=gen.k_pem("rsa2048"),
            options=gen.opts(["HS256", "HS512"]))
    gen.add(g, "jwk-key-ops-sign-only", "a JWK whose key_ops lacks verify serves no algorithm for a verifier",
            {"options_error": "key"}, token=gen.pyjwt(c, "RS256"),
            key=gen.k_jwk("rsa2048", key_ops=["sign"]), options=gen.opts("RS256"))
    gen.add(g, "refused-before-the-token", "the startup refusal does not depend on the token (garbage here)",
            {"options_error": "key"}, token="garbage", key=gen.k_hmac(secret), options=gen.opts("EdDSA"))

    # --- the allow-list may name algorithms the key cannot serve, as long as it serves one ----------------
    gen.ok(g, "rsa-key-rs256-and-hs256-allowed-ok", "an RSA key with [RS256, HS256]: the key serves RS256, so "
           "the verifier builds and an RS256 token verifies", gen.pyjwt(c, "RS256"), key=gen.k_pem("rsa2048"),
           options=gen.opts(["RS256", "HS256"]))
    gen.err(g, "hmac-key-rs256-token-hs256-also-allowed", "an HMAC secret with [RS256, HS256] builds; an RS256 "
            "token still fails per token: the key cannot serve it", "invalid_key", gen.pyjwt(c, "RS256"),
            key=gen.k_hmac(gen.SECRET["s64"]), options=gen.opts(["RS256", "HS256"]))
    gen.err(g, "rsa-key-es256-token-rs256-also-allowed", "an RSA key with [ES256, RS256]: an ES256 token is "
            "invalid_key per token", "invalid_key", gen.pyjwt(c, "ES256"), key=gen.k_pem("rsa2048"),
            options=gen.opts(["ES256", "RS256"]))
    gen.err(g, "hmac-32-byte-secret-hs384-token-hs256-also-allowed", "a 32-byte secret with [HS256, HS384] builds "
            "(it serves HS256); an HS384 token fails per token (RFC 7518 §3.2: 48 bytes)", "invalid_key",
            gen.pyjwt(c, "HS384", secret), key=gen.k_hmac(secret), options=gen.opts(["HS256", "HS384"]))
    gen.err(g, "jwk-alg-rs256-token-rs384-both-allowed", "a JWK restricted to RS256 with [RS256, RS384]: an "
            "RS384 token is invalid_key per token", "invalid_key", gen.pyjwt(c, "RS384"),
            key=gen.k_jwk("rsa2048", alg="RS256"), options=gen.opts(["RS256", "RS384"]))
    gen.err(g, "order-alg-not-allowed-before-key-fit", "a token whose alg is neither allowed nor servable by the "
            "key: the allow-list is checked first", "algorithm_not_allowed", gen.pyjwt(c, "HS384", secret),
            key=gen.k_hmac(secret), options=gen.opts(["HS256", "HS512"]))
    h, p, s = gen.split(gen.pyjwt(c, "HS384", gen.SECRET["s48"]))
    gen.err(g, "order-invalid-key-before-signature", "a secret too short for the token's HS384 (it serves HS256) "
            "and a MAC made with another key: the key is refused before the signature is checked", "invalid_key",
            f"{h}.{p}.{s}", key=gen.k_hmac(secret), options=gen.opts(["HS256", "HS384"]))

    # --- an allow-list of unimplemented algorithms only ----------------------------------------------------
    def unimplemented(alg: str, **header) -> str:
        return gen.build(dict({"alg": alg, "typ": "JWT"}, **header), c, sig=gen.b64u(b"\x01" * 64))

    gen.add(g, "unimplemented-algorithms-only", "an allow-list naming only algorithms onejwt does not implement "
            "can verify nothing: refused when the verifier is built", {"options_error": "algorithms"},
            token=unimplemented("ES256K"), key=gen.k_hmac(secret), options=gen.opts(["ES256K", "Ed448"]))
    for alg in ["Ed448", "ES256K", "HS1", "RSA-OAEP"]:
        gen.err(g, f"unsupported-{alg.lower()}-next-to-hs256", f"{alg} allowed next to HS256 (which the key "
                f"serves): an {alg} token is unsupported_algorithm per token", "unsupported_algorithm",
                unimplemented(alg), key=gen.k_hmac(secret), options=gen.opts([alg, "HS256"]))
    gen.err(g, "unsupported-before-crit-next-to-hs256", "an allowed but unimplemented alg with crit: "
            "unsupported_algorithm comes before crit", "unsupported_algorithm",
            unimplemented("ES256K", crit=["exp"], exp=1), key=gen.k_hmac(secret), options=gen.opts(["ES256K", "HS256"]))

    # --- key sets ------------------------------------------------------------------------------------------
    ra = gen.jwk_of("rsa2048", kid="rsa-a")
    rb = gen.jwk_of("rsa2048-b", kid="rsa-b")
    ea = gen.jwk_of("ed25519", kid="ed-a")
    rs_a = gen.pyjwt(c, "RS256", headers={"kid": "rsa-a"})
    gen.add(g, "keyset-no-key-for-allowed-algorithms", "a set of an Ed25519 and a P-256 key with only RS256 "
            "allowed: no key can serve it, refused when the verifier is built", {"options_error": "keys"},
            token=rs_a, key=gen.k_jwks(ea, gen.jwk_of("p256", kid="ec-a")), options=gen.opts("RS256"))
    gen.add(g, "keyset-only-unsupported-curves", "a set whose only keys are skipped (secp256k1, X25519) holds "
            "no usable key: the key set itself is refused (invalid_key, jwks/), before any verifier",
            {"error": "invalid_key"}, token=rs_a,
            key=gen.k_jwks(gen.jwk_of("secp256k1", kid="k1"), gen.jwk_of("x25519", kid="x")),
            options=gen.opts(["ES256", "EdDSA"]))
    gen.ok(g, "keyset-one-usable-key-ok", "one key of the set serves RS256: the verifier builds and the token "
           "verifies", rs_a, key=gen.k_jwks(ea, ra), options=gen.opts("RS256"))
    for name, why, bad in [
        ("use-enc", "use 'enc'", dict(ra, use="enc")),
        ("key-ops-sign", "key_ops without 'verify'", dict(ra, key_ops=["sign"])),
        ("jwk-alg-rs512", "alg RS512", dict(ra, alg="RS512")),
    ]:
        gen.err(g, f"keyset-{name}-selected-by-kid", f"the set builds (rsa-b serves RS256); the token's kid names "
                f"the key with {why}, which is no candidate: key_not_found per token", "key_not_found", rs_a,
                key=gen.k_jwks(bad, rb), options=gen.opts("RS256"))

    apply_changes(gen.CASES, gen.IMPLEMENTED)
