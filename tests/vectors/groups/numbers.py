"""Group `numbers`: claim numbers are read correctly rounded (IEEE 754 round-to-nearest), as JavaScript's
`JSON.parse` and Python's `json` read them, so every runtime holds the same value for the same text.

`make fuzz` found `{"st":129e96}` read one unit in the last place off by serde_json's default (fast,
best-effort) float parser, which its `float_roundtrip` feature replaces: a Python caller (claims converted from
the core's values) then saw another float than a Node caller (claims parsed from the signed text by
`JSON.parse`). Each case signs the literal claims text, with numbers spelled as a careless encoder might.
Integers beyond 2^53 are left out: JavaScript cannot hold them, which is no parser's fault.
"""

from __future__ import annotations

import json

GROUP = "numbers"

# spelling -> why it is hard
SPELLINGS = {
    "129e96": "the fuzzer's input: an exponent form that is not the shortest one",
    "2.2250738585072011e-308": "the largest subnormal's neighbour, the classic slow-path case",
    "1.7976931348623157e308": "the largest finite double",
    "5e-324": "the smallest subnormal",
    "0.30000000000000004": "17 significant digits",
    "1e23": "a decimal between two doubles, nearly halfway",
    "8.41e21": "another nearly-halfway decimal",
}


def build(gen) -> None:
    for i, (text, why) in enumerate(SPELLINGS.items()):
        claims_text = '{"sub":"user-123","iat":%d,"exp":%d,"n":%s}' % (gen.NOW - 60, gen.NOW + 3600, text)
        token = gen.build({"alg": "HS256", "typ": "JWT"}, claims_text.encode(), "HS256")
        gen.ok(GROUP, f"spelling-{i + 1}", f"\"n\": {text}: {why}; every runtime reads the correctly rounded "
               "value", token, claims=json.loads(claims_text))
