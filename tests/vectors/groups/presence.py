"""Group `presence`: when a claim counts as there (issue 12).

* `required` is not satisfied by a claim whose value is null: a null claim says nothing (as jose's
  requiredClaims and PyJWT's require treat it). A null *registered* claim stays a type error, which is
  checked first.
* `aud: []` is well typed (RFC 7519 §4.1.3: an array of strings) and names no audience, so the audience
  rule refuses it (`invalid_audience`) with or without an audience configured, after the time rules.
  Signing refuses it (`invalid_claim`, sign/claims-aud-empty-array): onejwt does not issue a token
  that every verifier refuses.
"""

GROUP = "presence"


def build(gen) -> None:
    g = GROUP
    c = gen.base_claims()

    def token(**claims):
        return gen.pyjwt(gen.base_claims(**claims)) if claims else gen.pyjwt(c)

    def with_null(name, **more):
        return gen.pyjwt(dict(gen.base_claims(**more), **{name: None}))

    # required and null
    gen.err(g, "required-private-claim-null", "required [tenant] and the token carries \"tenant\": null: a null "
            "claim says nothing, so it is missing (before issue 12 it counted as present)", "missing_claim",
            with_null("tenant"), options=gen.opts(required=["tenant"]))
    gen.err(g, "required-second-of-two-null", "required [sub, tenant]; sub is there, tenant is null",
            "missing_claim", with_null("tenant"), options=gen.opts(required=["sub", "tenant"]))
    gen.err(g, "required-null-before-exp", "a null required claim on an expired token: required is checked "
            "before exp", "missing_claim", with_null("tenant", exp=gen.NOW - 100),
            options=gen.opts(required=["tenant"]))
    gen.err(g, "required-registered-claim-null", "required [jti] and \"jti\": null: a null registered claim is "
            "a type error, and types are checked before required", "invalid_claim", with_null("jti"),
            options=gen.opts(required=["jti"]))
    for label, value in [("false", False), ("zero", 0), ("empty-string", ""), ("empty-array", []),
                         ("empty-object", {})]:
        gen.ok(g, f"required-{label}-is-present-ok", f"required [tenant] with tenant {value!r}: only null is "
               "absent; every other value, empty or false, is present", token(tenant=value),
               options=gen.opts(required=["tenant"]))
    gen.ok(g, "null-claim-not-required-ok", "a null private claim that is not required is returned as null",
           with_null("tenant"))

    # aud: []
    gen.err(g, "aud-empty-array-with-audience", "aud [] against the audience \"api\": a well-typed audience that "
            "names nobody (RFC 7519 §4.1.3); before issue 12 a type error (invalid_claim)", "invalid_audience",
            token(aud=[]), options=gen.opts(audience="api"))
    gen.err(g, "aud-empty-array-with-audience-list", "aud [] against the audiences [api, web]", "invalid_audience",
            token(aud=[]), options=gen.opts(audience=["api", "web"]))
    gen.err(g, "aud-empty-array-without-audience", "aud [] and no audience configured: a token carrying aud "
            "must name this verifier, and it names nobody (RFC 7519 §4.1.3)", "invalid_audience", token(aud=[]))
    gen.err(g, "aud-empty-array-required-aud", "required [aud] with aud []: the claim is present (not null), "
            "and the audience rule refuses it", "invalid_audience", token(aud=[]),
            options=gen.opts(audience="api", required=["aud"]))
    gen.err(g, "aud-empty-array-after-exp", "aud [] on an expired token: no longer a type error, so the "
            "time rules come first (expired)", "expired", token(aud=[], exp=gen.NOW - 100),
            options=gen.opts(audience="api"))
    gen.err(g, "aud-empty-array-after-issuer", "aud [] with a wrong issuer: the issuer rule comes before the "
            "audience rule", "invalid_issuer", token(aud=[], iss="https://evil.example"),
            options=gen.opts(audience="api", issuer="https://issuer.example"))
    gen.err(g, "aud-null-is-a-type-error", "aud null stays a type error (null is not a string or an array)",
            "invalid_claim", with_null("aud"), options=gen.opts(audience="api"))
    gen.err(g, "aud-array-with-empty-string", "aud [\"\"] names the empty audience, which is not \"api\"",
            "invalid_audience", token(aud=[""]), options=gen.opts(audience="api"))
