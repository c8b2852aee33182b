"""Rotation (issue 14): a TokenService's key ring. One current signing key whose kid issued tokens carry; previous
keys that verify the tokens they signed for the longest token lifetime after a rotation retired them (then
`key_not_found`); the published JWKS and the private key ring following it; configuration from a private JWKS
plus the current kid; and the rotations refused as option errors.

Service cases (kind `service`) with the ops `rotate_key`, `jwks` and `signing_kid` (tests/vectors/README.md, "Key
lifecycle cases"). Expected JWKS documents and thumbprints are computed from `cryptography`'s key numbers
(groups/export.py), not by onejwt; tokens signed by a previous key come from PyJWT.
"""

from __future__ import annotations

import hashlib

import jwt
from cryptography.hazmat.primitives.asymmetric import ed25519

from groups.export import b64, private_members, required, thumbprint, with_meta
from service_cases import BASE, NOW, SECRET, access, err, login, step

GROUP = "rotation"

DAY = 86400
ACCESS_TTL, REFRESH_TTL = 900, 7 * DAY
KEEP = max(ACCESS_TTL, REFRESH_TTL)  # how long a retired key verifies (leeway 0)
OTHER_SECRET = "rotation-secret-number-two-32byt"  # 32 bytes
THIRD_SECRET = "rotation-secret-number-three-32b"  # 32 bytes
SHORT_SECRET = "sixteen-byte-key"


def oct_members(secret: str) -> dict:
    return {"k": b64(secret.encode()), "kty": "oct"}


def oct_kid(secret: str) -> str:
    return thumbprint(oct_members(secret))


def build(gen) -> None:
    cases: dict = {}

    def case(name: str, description: str, steps: list | None = None, config: dict | None = None,
             expect: dict | None = None) -> None:
        cid = f"{GROUP}/{name}"
        assert cid not in cases and cid not in gen.CASES, cid
        c: dict = {"id": cid, "description": description, "kind": "service",
                   "config": BASE if config is None else config, "steps": steps or []}
        if expect is not None:
            c["expect"] = expect
        cases[cid] = c

    def verify(token: str, now: int, expect: dict | None = None, token_type: str = "access") -> dict:
        return step("verify", token=token, token_type=token_type, now=now, expect=expect)

    def kid_of(token: str, kid: str) -> dict:
        return step("decode", now=None, token=token, expect={"claims_subset": {"header": {"kid": kid}}})

    def rotate(key: dict, now: int, expect: dict | None = None) -> dict:
        return step("rotate_key", key=key, now=now, expect=expect)

    def jwks(now: int, expect: dict, private: bool | None = None) -> dict:
        args = {} if private is None else {"private": private}
        return step("jwks", now=now, expect=expect, **args)

    def signing_kid(kid) -> dict:
        return step("signing_kid", now=None, expect={"value": kid})

    def value(document) -> dict:
        return {"value": document}

    def public_jwk(name: str, **meta) -> dict:
        members = required(gen.PRIV[name].public_key())
        return with_meta(members, {"kid": thumbprint(members), **meta}, True)

    def private_jwk(name: str, **meta) -> dict:
        members = required(gen.PRIV[name].public_key())
        return with_meta({**members, **private_members(gen.PRIV[name])}, {"kid": thumbprint(members), **meta}, False)

    def oct_jwk(secret: str, kid: str | None = None) -> dict:
        return with_meta(oct_members(secret), {"kid": kid or oct_kid(secret)}, False)

    es = {"algorithm": "ES256", "private_key": gen.PEM[("p256", "pkcs8")], "issuer": "https://auth.example",
          "audience": "api"}
    # --- HMAC: the kid, a rotation, the old tokens, the dropped key ------------------------------------------
    s1, s2 = oct_kid(SECRET), oct_kid(OTHER_SECRET)
    case("hs256-tokens-carry-the-signing-kid", "a service names its key by its RFC 7638 thumbprint (RFC 7638 §3.2 "
         "for an oct key: k and kty) and every token it issues carries that kid", [
        signing_kid(s1), access(), kid_of("$a", s1), login(), kid_of("$l.refresh_token", s1),
    ])
    case("hs256-rotation-keeps-the-old-tokens", "after rotate_key the new key signs; tokens signed before keep "
         "verifying, selected by their kid; the private key ring lists both keys, the current one first", [
        access(save="a"),
        rotate({"hmac": OTHER_SECRET}, NOW + 60),
        signing_kid(s2),
        access(save="b", now=NOW + 61),
        kid_of("$b", s2),
        verify("$a", NOW + 120),
        verify("$b", NOW + 120),
        jwks(NOW + 120, value({"keys": [oct_jwk(OTHER_SECRET), oct_jwk(SECRET)]}), private=True),
        step("metrics", now=None, expect={"metrics_subset": {"keys_rotated": 1}}),
    ])
    case("hs256-has-no-public-jwks", "an HMAC service has nothing to publish: its public JWKS is invalid_key", [
        jwks(NOW, err("invalid_key")), jwks(NOW, err("invalid_key"), private=False),
    ])
    case("retired-key-dropped-after-the-longest-lifetime", "a retired key verifies for max(access_ttl, refresh_ttl) "
         "+ leeway after the rotation, then it is dropped: its tokens are key_not_found (key selection comes before "
         "the time claims) and the ring no longer lists it", [
        login(),
        rotate({"hmac": OTHER_SECRET}, NOW + 10),
        verify("$l.refresh_token", NOW + REFRESH_TTL - 1, token_type="refresh"),
        jwks(NOW + 10 + KEEP - 1, value({"keys": [oct_jwk(OTHER_SECRET), oct_jwk(SECRET)]}), private=True),
        jwks(NOW + 10 + KEEP, value({"keys": [oct_jwk(OTHER_SECRET)]}), private=True),
        verify("$l.access_token", NOW + 10 + KEEP, err("key_not_found")),
        verify("$l.refresh_token", NOW + 10 + KEEP, err("key_not_found"), token_type="refresh"),
    ])
    case("retired-key-kept-for-the-leeway-too", "with leeway, a retired key verifies that much longer", [
        login(),
        rotate({"hmac": OTHER_SECRET}, NOW + 10),
        jwks(NOW + 10 + KEEP + 29, value({"keys": [oct_jwk(OTHER_SECRET), oct_jwk(SECRET)]}), private=True),
        jwks(NOW + 10 + KEEP + 30, value({"keys": [oct_jwk(OTHER_SECRET)]}), private=True),
        verify("$l.access_token", NOW + 10 + KEEP + 30, err("key_not_found")),
    ], config={**BASE, "leeway": 30})
    case("refresh-across-a-rotation", "a refresh token signed before a rotation refreshes after it; the new pair "
         "carries the new kid", [
        login(),
        rotate({"hmac": OTHER_SECRET}, NOW + 10),
        step("refresh", token="$l.refresh_token", now=NOW + 20, save="p"),
        kid_of("$p.access_token", s2),
        kid_of("$p.refresh_token", s2),
        verify("$p.access_token", NOW + 30),
    ])
    case("rotating-twice-to-one-key-changes-nothing", "every instance may be told: the second rotation to the current "
         "key is a no-op, counted once", [
        rotate({"hmac": OTHER_SECRET}, NOW),
        rotate({"hmac": OTHER_SECRET}, NOW + 5),
        jwks(NOW + 10, value({"keys": [oct_jwk(OTHER_SECRET), oct_jwk(SECRET)]}), private=True),
        step("metrics", now=None, expect={"metrics_subset": {"keys_rotated": 1}}),
    ])
    case("rotating-to-the-current-key-without-its-kid-changes-nothing", "the current key given again without a kid "
         "(PEM, a key object) is the same key, whatever kid the ring named it by", [
        rotate(gen.k_pem("p256", "pkcs8"), NOW),
        signing_kid("2026-12"),
        step("metrics", now=None, expect={"metrics_subset": {"keys_rotated": 0}}),
    ], config={**es, "kid": "2026-12"})
    case("three-keys", "two rotations: three keys verify until the oldest retirement's time is up", [
        access(save="a"),
        rotate({"hmac": OTHER_SECRET}, NOW + 100),
        access(save="b", now=NOW + 100),
        rotate({"hmac": THIRD_SECRET}, NOW + 200),
        verify("$a", NOW + 300), verify("$b", NOW + 300),
        jwks(NOW + 300, value({"keys": [oct_jwk(THIRD_SECRET), oct_jwk(OTHER_SECRET), oct_jwk(SECRET)]}),
             private=True),
        jwks(NOW + 100 + KEEP, value({"keys": [oct_jwk(THIRD_SECRET), oct_jwk(OTHER_SECRET)]}), private=True),
        jwks(NOW + 200 + KEEP, value({"keys": [oct_jwk(THIRD_SECRET)]}), private=True),
    ])

    # --- refused rotations ------------------------------------------------------------------------------------
    case("rotate-to-a-retired-key-refused", "a retired key is never made current again (it is still in the ring)", [
        rotate({"hmac": OTHER_SECRET}, NOW),
        rotate({"hmac": SECRET}, NOW + 1, {"options_error": "key"}),
        signing_kid(s2),
    ])
    case("rotate-to-a-short-secret-refused", "the new key must sign for the service's algorithm: 16 bytes is too "
         "short for HS256 (RFC 7518 §3.2)", [rotate({"hmac": SHORT_SECRET}, NOW, {"options_error": "key"})])
    case("rotate-to-another-family-refused", "an HS256 service cannot rotate to an EC key",
         [rotate(gen.k_pem("p256", "pkcs8"), NOW, {"options_error": "key"}), signing_kid(s1)])
    case("rotate-to-a-public-key-refused", "a public key cannot sign",
         [rotate(gen.k_pem("p256-b", "spki"), NOW, {"options_error": "key"})], config=es)
    case("rotate-to-a-kid-in-the-ring-refused", "another key under the current key's kid is refused", [
        rotate(gen.k_jwk(gen.oct_jwk(OTHER_SECRET, kid=s1)), NOW, {"options_error": "key"}),
    ])
    case("rotate-verify-only-refused", "a verify-only service has no signing key to rotate",
         [rotate(gen.k_pem("p256", "pkcs8"), NOW, {"options_error": "key"}), signing_kid(None)],
         config={"algorithm": "ES256", "public_key": gen.PEM[("p256", "spki")]})
    case("rotate-with-configured-public-key-refused", "a service that verifies with a configured public_key would not "
         "verify the new key's tokens: refused",
         [rotate(gen.k_pem("p256-b", "pkcs8"), NOW, {"options_error": "key"})],
         config={**es, "public_key": gen.PEM[("p256", "spki")]})

    with_jwks = {**es, "jwks": {"keys": [gen.jwk_of("p256", kid="k1")]}}
    case("configured-jwks-signs-without-a-thumbprint-kid", "a service that verifies with a configured jwks signs "
         "with its key's own kid, here none, so its tokens still select their key by alg (a thumbprint kid would "
         "match no key of that JWKS)", [
        signing_kid(None), access(), verify("$a", NOW + 1),
    ], config=with_jwks)
    case("configured-jwks-with-kid", "with the kid option, tokens carry it and the JWKS selects the key by it", [
        signing_kid("k1"), access(), kid_of("$a", "k1"), verify("$a", NOW + 1),
    ], config={**with_jwks, "kid": "k1"})

    # --- asymmetric: the published JWKS ------------------------------------------------------------------------
    case("es256-jwks-follows-the-rotation", "an ES256 service publishes its key's public JWK (kid: thumbprint); after "
         "a rotation both keys, the new one first; after the longest lifetime, the new one only", [
        jwks(NOW, value({"keys": [public_jwk("p256")]})),
        access(save="a"),
        rotate(gen.k_pem("p256-b", "pkcs8"), NOW + 10),
        jwks(NOW + 10, value({"keys": [public_jwk("p256-b"), public_jwk("p256")]})),
        jwks(NOW + 10, value({"keys": [private_jwk("p256-b"), private_jwk("p256")]}), private=True),
        verify("$a", NOW + 20),
        access(save="b", now=NOW + 20),
        verify("$b", NOW + 30),
        jwks(NOW + 10 + KEEP, value({"keys": [public_jwk("p256-b")]})),
    ], config=es)
    case("kid-option-names-the-key", "the kid option names the signing key in tokens and the JWKS", [
        signing_kid("2026-12"), access(), kid_of("$a", "2026-12"),
        jwks(NOW, value({"keys": [with_meta(required(gen.PRIV["p256"].public_key()), {"kid": "2026-12"}, True)]})),
    ], config={**es, "kid": "2026-12"})
    case("rotate-to-a-jwk-keeps-its-kid-and-alg", "a JWK's own kid and alg are the ring's", [
        rotate(gen.k_jwk("p256-b", private=True, kid="2027-01", alg="ES256"), NOW),
        signing_kid("2027-01"),
        jwks(NOW, value({"keys": [with_meta(required(gen.PRIV["p256-b"].public_key()),
                                            {"kid": "2027-01", "alg": "ES256"}, True), public_jwk("p256")]})),
    ], config=es)

    # --- configuration from a private JWKS ----------------------------------------------------------------------
    seed = hashlib.sha256(b"onejwt rotation case key").digest()
    ed_new = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    ed_new_members = required(ed_new.public_key())
    ed_new_jwk = {**ed_new_members, **private_members(ed_new), "kid": "2027-06"}
    current = gen.jwk_of("ed25519", True, kid="2026-12")
    previous_public = gen.jwk_of("ed25519-b", kid="2026-06")
    ring = {"keys": [current, previous_public]}
    ed = {"algorithm": "EdDSA", "private_jwks": ring, "kid": "2026-12", "issuer": "https://auth.example",
          "audience": "api"}
    claims = {"sub": "7", "iat": NOW, "exp": NOW + ACCESS_TTL, "jti": "old-token", "type": "access",
              "iss": "https://auth.example", "aud": "api"}
    old_token = jwt.encode(claims, gen.PRIV["ed25519-b"], algorithm="EdDSA", headers={"kid": "2026-06"})
    public = lambda name, kid: with_meta(required(gen.PRIV[name].public_key()), {"kid": kid}, True)  # noqa: E731
    case("private-jwks-configures-the-ring", "private_jwks with kid: the named key signs, the other (a public key is "
         "enough) verifies the tokens it signed; the JWKS lists both; the first rotation retires both old keys", [
        signing_kid("2026-12"),
        access(), kid_of("$a", "2026-12"),
        verify(old_token, NOW + 1),
        jwks(NOW, value({"keys": [public("ed25519", "2026-12"), public("ed25519-b", "2026-06")]})),
        jwks(NOW, value({"keys": [with_meta({**required(gen.PRIV["ed25519"].public_key()),
                                             **private_members(gen.PRIV["ed25519"])}, {"kid": "2026-12"}, False),
                                  public("ed25519-b", "2026-06")]}), private=True),
        rotate({"jwk": ed_new_jwk}, NOW + 100),
        verify(old_token, NOW + 101),
        verify("$a", NOW + 101),
        jwks(NOW + 100 + KEEP - 1, value({"keys": [with_meta(ed_new_members, {"kid": "2027-06"}, True),
                                                   public("ed25519", "2026-12"), public("ed25519-b", "2026-06")]})),
        jwks(NOW + 100 + KEEP, value({"keys": [with_meta(ed_new_members, {"kid": "2027-06"}, True)]})),
    ], config=ed)
    case("private-jwks-previous-kept-until-a-rotation", "a configured previous key has no known retirement: it "
         "verifies (within its token's own time) until the first rotation retires it", [
        step("verify", token=old_token, token_type="access", now=NOW + 1),
        jwks(NOW + 10 * KEEP, value({"keys": [public("ed25519", "2026-12"), public("ed25519-b", "2026-06")]})),
    ], config=ed)
    case("private-jwks-one-key-needs-no-kid", "a private JWKS of one key needs no kid option", [
        signing_kid("2026-12"),
    ], config={"algorithm": "EdDSA", "private_jwks": {"keys": [current]}})
    case("private-jwks-as-text", "private_jwks may be JSON text (as JWT_PRIVATE_JWKS gives it)", [
        signing_kid("2026-12"), verify(old_token, NOW + 1),
    ], config={**ed, "private_jwks": __import__("json").dumps(ring)})
    case("private-jwks-oct", "an HS256 key ring: oct keys (secrets) are used in a private JWKS", [
        signing_kid("hs-2"),
        access(), kid_of("$a", "hs-2"),
        jwks(NOW, value({"keys": [oct_jwk(OTHER_SECRET, "hs-2"), oct_jwk(SECRET, "hs-1")]}), private=True),
    ], config={"private_jwks": {"keys": [gen.oct_jwk(SECRET, kid="hs-1"), gen.oct_jwk(OTHER_SECRET, kid="hs-2")]},
               "kid": "hs-2", "issuer": "https://auth.example", "audience": "api"})

    refused = {"options_error": "private_jwks"}
    case("private-jwks-with-secret-key-refused", "private_jwks holds every key: not with secret_key",
         config={**ed, "secret_key": SECRET}, expect=refused)
    case("private-jwks-with-private-key-refused", "private_jwks holds every key: not with private_key",
         config={**ed, "private_key": gen.PEM[("ed25519", "pkcs8")]}, expect=refused)
    case("private-jwks-kid-names-no-key", "kid must name a key of private_jwks",
         config={**ed, "kid": "2025-01"}, expect={"options_error": "kid"})
    case("private-jwks-several-keys-without-kid", "with several keys, kid must say which one signs",
         config={k: v for k, v in ed.items() if k != "kid"}, expect={"options_error": "kid"})
    case("private-jwks-current-public-refused", "the current key must be private",
         config={**ed, "kid": "2026-06"}, expect=refused)
    case("private-jwks-duplicate-kid-refused", "two keys with one kid cannot be told apart",
         config={**ed, "private_jwks": {"keys": [current, gen.jwk_of("ed25519-b", kid="2026-12")]}}, expect=refused)
    case("private-jwks-wrong-family-refused", "every key must serve the algorithm: a P-256 key in an EdDSA ring",
         config={**ed, "private_jwks": {"keys": [current, gen.jwk_of("p256", kid="ec")]}}, expect=refused)
    case("private-jwks-unusable-key-refused", "an unusable key is refused, not skipped: a private configuration that "
         "silently lost a key would fail its tokens later (RSA 1024)",
         config={"algorithm": "RS256", "private_jwks": {"keys": [gen.jwk_of("rsa2048", True, kid="a"),
                                                                 gen.jwk_of("rsa1024", kid="b")]}, "kid": "a"},
         expect=refused)
    case("private-jwks-number-refused", "private_jwks is an object or JSON text",
         config={**ed, "private_jwks": 7}, expect=refused)
    case("private-jwks-empty-refused", "an empty key ring signs nothing",
         config={"algorithm": "EdDSA", "private_jwks": {"keys": []}}, expect=refused)

    # --- the validation cache judges the key again ---------------------------------------------------------------
    kept = {"private_jwks": {"keys": [gen.oct_jwk(SECRET, kid="new"), gen.oct_jwk(OTHER_SECRET, kid="old")]},
            "kid": "new", "access_ttl": 60, "refresh_ttl": 60, "cache_size": 10, "cache_ttl": 3600,
            "issuer": "https://auth.example", "audience": "api"}
    long_lived = jwt.encode({**claims, "exp": NOW + 100000}, OTHER_SECRET, algorithm="HS256", headers={"kid": "old"})
    case("cache-hit-judges-the-key-again", "a cached verification of a token whose key was dropped since is "
         "key_not_found, not the cached success", [
        verify(long_lived, NOW),
        rotate({"hmac": THIRD_SECRET}, NOW + 1),
        verify(long_lived, NOW + 30),
        verify(long_lived, NOW + 61, err("key_not_found")),
        step("metrics", now=None, expect={"metrics_subset": {"cache_hits": 2}}),
    ], config=kept)
    no_kid = jwt.encode({**claims, "jti": "no-kid"}, SECRET, algorithm="HS256")
    case("token-without-kid-uses-the-current-key", "a token without a kid (issued before the service named its "
         "keys) is verified with the current key: before a rotation it verifies, after it does not", [
        verify(no_kid, NOW + 1),
        rotate({"hmac": OTHER_SECRET}, NOW + 2),
        verify(no_kid, NOW + 3, err("invalid_signature")),
    ])
    case("unknown-kid-not-found", "a kid no key of the ring has is key_not_found",
         [verify(jwt.encode(claims, SECRET, algorithm="HS256", headers={"kid": "nope"}), NOW + 1,
                 err("key_not_found"))])

    gen.CASES.update(cases)
