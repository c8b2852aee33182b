"""Case groups written as modules, one group per module, for generate.py.

Each module defines ``GROUP`` (the folder name under tests/vectors/) and ``build(gen)``, which adds the
group's cases through the generator's own helpers (``gen.add``, ``gen.ok``, ``gen.err``, ``gen.pyjwt``,
``gen.build``, ``gen.opts``, ``gen.k_hmac``, ``gen.k_pem``, ``gen.k_jwk``, ``gen.base_claims``, ``gen.NOW``,
``gen.SECRET``, …): ``gen`` is the running generate.py module, so a group never imports it. generate.py
builds every module found here after its own groups, in name order, and ``--only <GROUP>`` selects one.
"""
