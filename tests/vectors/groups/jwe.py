"""Group `jwe`: JWE header parameters on a JWS are refused (issue 12).

RFC 7515 §4 tells a JWS recipient to ignore header parameters it does not understand, and onejwt does,
except for `zip` (RFC 7516 §4.1.3) and `enc` (RFC 7516 §4.1.2), which belong to JWE: RFC 7516 §9 tells
JWS and JWE apart by `enc`, and a `zip` means the payload was compressed before it was protected. On a
JWS they signal a confused sender (SMART Health Cards put `zip: "DEF"` on a JWS over a DEFLATE payload)
or a relabelled JWE, so the token is refused as `malformed`: a deliberate deviation. The check sits
with the other header rules: after `alg` and `crit`/`b64`, before the `kid`/`typ`/`cty` types, the
expected `typ`, the key and the signature. Signing refuses them in `headers` (an option error), and
decode_unverified, which applies structure only, still shows them.
"""

GROUP = "jwe"


def build(gen) -> None:
    g = GROUP
    c = gen.base_claims()

    def token(alg="HS256", **headers):
        return gen.build(dict({"alg": alg, "typ": "JWT"}, **headers), c)

    why = "a JWE parameter (RFC 7516 §4.1) on a JWS: refused, a deliberate deviation from RFC 7515 §4's " \
          "'ignore what you do not understand'"
    gen.err(g, "zip-deflate", f"zip \"DEF\" in an HS256 JWS header: {why}", "malformed", token(zip="DEF"))
    gen.err(g, "enc-a256gcm", f"enc \"A256GCM\" in an HS256 JWS header (RFC 7516 §9: enc marks a JWE): {why}",
            "malformed", token(enc="A256GCM"))
    gen.err(g, "zip-and-enc", "both zip and enc", "malformed", token(zip="DEF", enc="A128GCM"))
    gen.err(g, "zip-null", "zip null: the parameter's presence is refused, whatever its value", "malformed",
            token(zip=None))
    gen.err(g, "enc-empty-string", "enc \"\"", "malformed", token(enc=""))
    gen.err(g, "enc-rs256", "enc in an RS256 JWS header", "malformed", token("RS256", enc="A256GCM"),
            key=gen.k_pem("rsa2048"), options=gen.opts("RS256"))
    gen.err(g, "zip-eddsa-kid-keyset", "zip in an EdDSA JWS selected by kid from a key set", "malformed",
            gen.build({"alg": "EdDSA", "kid": "ed", "zip": "DEF"}, c),
            key=gen.k_jwks(gen.jwk_of("ed25519", kid="ed")), options=gen.opts("EdDSA"))
    gen.ok(g, "zip-uppercase-name-ok", "\"ZIP\" is not zip: header parameter names are case-sensitive "
           "(RFC 7515 §4), and an unknown parameter is ignored", token(ZIP="DEF"), header=True)
    gen.ok(g, "zip-and-enc-claims-ok", "zip and enc as claims in the payload (an address's zip code): only the "
           "header is checked", gen.pyjwt(gen.base_claims(zip="75001", enc="utf-8")))

    # the order of the header rules
    gen.err(g, "order-alg-not-allowed-before-enc", "an HS384 token with enc against an HS256 verifier: the "
            "allow-list comes first", "algorithm_not_allowed", token("HS384", enc="A256GCM"),
            key=gen.k_hmac(gen.SECRET["s48"]), options=gen.opts("HS256"))
    gen.err(g, "order-enc-before-typ", "enc and a typ other than the expected one: header structure (enc) "
            "comes before the expected typ", "malformed", token(enc="A256GCM"),
            options=gen.opts(typ="at+jwt"))
    header = {"alg": "HS256", "typ": "JWT", "zip": "DEF"}
    h = gen.b64u(gen.cjson(header))
    p = gen.b64u(gen.cjson(c))
    gen.err(g, "order-zip-before-signature", "zip and a signature made with another secret: the header rules "
            "come before the signature", "malformed",
            f"{h}.{p}.{gen.b64u(gen.sign_raw('HS256', f'{h}.{p}'.encode(), gen.SECRET['s32_other']))}")
    gen.err(g, "order-zip-before-key-selection", "zip with a kid the key set does not hold: header rules come "
            "before key selection", "malformed", gen.build({"alg": "HS256", "kid": "nope", "zip": "DEF"}, c),
            key=gen.k_jwks_oct(gen.oct_jwk(gen.SECRET["s32"], kid="k1")))

    gen.add(g, "decode-shows-enc", "decode_unverified applies structure only: it returns the header with enc",
            {"header": {"alg": "HS256", "enc": "A256GCM", "typ": "JWT"}, "claims": c},
            token=token(enc="A256GCM"), kind="decode")

    # signing
    for name, value in [("zip", "DEF"), ("enc", "A256GCM")]:
        gen.add(g, f"sign-headers-contain-{name}", f"'{name}' may not be passed through headers: onejwt does not "
                "issue a token its verifier refuses", {"options_error": "headers"}, kind="sign",
                sign={"claims": {"sub": "user-1"}, "key": gen.k_hmac(gen.SECRET["s32"]), "algorithm": "HS256",
                      "headers": {name: value}})
