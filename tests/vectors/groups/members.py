"""Group `members`: a repeated member name is refused whatever the object's size and depth (issue 12).

Verification checks names with a list up to 32 members and a hash set beyond; the set once missed the
33rd name, so its repeat passed verification (and the host saw the last value) while decode_unverified
refused it. Each payload is hand-written JSON (a serialiser cannot repeat a name), HS256-signed.
RFC 7515 §5.2 and RFC 8259 §4 let a parser refuse duplicate names; onejwt does, at every depth, so that
two parsers can never read different claims from one token.
"""

import json

GROUP = "members"


def _text(members) -> bytes:
    """Compact JSON object text from (name, value-or-raw-text) pairs, repeats kept in order."""
    parts = []
    for name, value in members:
        raw = value.text if isinstance(value, _Raw) else json.dumps(value, separators=(",", ":"))
        parts.append(json.dumps(name) + ":" + raw)
    return ("{" + ",".join(parts) + "}").encode()


class _Raw:
    """A member value given as JSON text (a nested object that repeats a name)."""

    def __init__(self, text: bytes):
        self.text = text.decode()


def build(gen) -> None:
    g = GROUP
    now = gen.NOW
    hs = {"alg": "HS256", "typ": "JWT"}
    base = [("sub", "user-123"), ("iat", now - 60), ("exp", now + 3600)]

    def fillers(count, start=0):
        return [(f"f{i}", i) for i in range(start, start + count)]

    def token(members):
        return gen.build(hs, _text(members))

    # The example: 32 names, then exp (the 33rd) and its repeat with a future value.
    example = fillers(32) + [("exp", 1), ("exp", now + 3600)]
    gen.err(g, "repeat-of-33rd-exp-expired-then-future", "32 filler claims, then \"exp\":1 (the 33rd member), "
            "then \"exp\" again in the future: a duplicate member name (RFC 7515 §5.2), not an unexpired token; "
            "before the fix verification took the last exp and accepted it", "malformed", token(example))
    gen.add(g, "decode-repeat-of-33rd-exp", "decode_unverified refuses the same payload: verification and "
            "decoding read every payload alike", {"error": "malformed"}, token=token(example), kind="decode")
    gen.err(g, "repeat-of-33rd-at-the-end", "the base claims and 29 fillers (32 names), then \"role\" (the 33rd) "
            "and, 20 members later, \"role\" again", "malformed",
            token(base + fillers(29) + [("role", "user")] + fillers(20, 29) + [("role", "admin")]))
    gen.err(g, "repeat-of-33rd-escaped", "the 33rd member's repeat spells the name with a \\u escape "
            "(\"\\u0065xp\" is \"exp\", RFC 8259 §7)", "malformed",
            gen.build(hs, _text(fillers(32) + [("exp", 1)])[:-1] + b',"\\u0065xp":' +
                      str(now + 3600).encode() + b"}"))
    nested = _Raw(_text(fillers(32) + [("role", "user"), ("role", "admin")]))
    gen.err(g, "repeat-of-33rd-in-nested-object", "a private claim holding an object whose 33rd member is "
            "repeated: refused at any depth (before the fix only a top-level or shallow repeat was seen)",
            "malformed", token(base + [("ctx", nested)]))
    gen.err(g, "repeat-of-33rd-in-object-in-array", "the same object inside an array", "malformed",
            token(base + [("ctxs", _Raw(b"[1," + nested.text.encode() + b"]"))]))
    gen.err(g, "repeat-of-33rd-in-aud-array", "the same object as an element of aud (the registered claim's own "
            "scan path): a duplicate, not a wrongly typed aud", "malformed",
            token(base + [("aud", _Raw(b'["api",' + nested.text.encode() + b"]"))]),
            options=gen.opts(audience="api"))
    deep = _Raw(b'{"a":{"b":{"c":' + nested.text.encode() + b"}}}")
    gen.err(g, "repeat-of-33rd-four-levels-deep", "the same object four levels down", "malformed",
            token(base + [("ctx", deep)]))
    gen.err(g, "repeat-of-32nd", "the 32nd name repeated as the 33rd member (the last the list compares)",
            "malformed", token(base + fillers(28) + [("last", 1), ("last", 2)]))
    gen.err(g, "repeat-of-34th", "the 34th name repeated at the end of 60 members", "malformed",
            token(base + fillers(30) + [("x34", 1)] + fillers(26, 30) + [("x34", 2)]))
    gen.err(g, "repeat-of-1st-after-100", "the first name repeated after 100 members", "malformed",
            token(base + fillers(97) + [("sub", "admin")]))
    gen.err(g, "header-repeat-of-33rd", "a header with 32 parameters, then kid (the 33rd) and kid again",
            "malformed", gen.build(
                _text([("alg", "HS256")] + [(f"x{i}", i) for i in range(31)] + [("kid", "a"), ("kid", "b")]),
                gen.base_claims(), alg="HS256"))
    for count in (33, 100):
        members = base + fillers(count - len(base))
        gen.ok(g, f"distinct-{count}-members-ok", f"{count} distinct member names: accepted, every claim "
               "returned", token(members), claims=dict(members))
    wide = fillers(40)
    gen.ok(g, "distinct-40-members-nested-ok", "40 distinct names in a nested object and in an array",
           token(base + [("ctx", dict(wide)), ("list", [dict(wide)])]))
