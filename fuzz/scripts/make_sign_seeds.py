#!/usr/bin/env python3
"""Seeds for the `sign` fuzz target: `selector mode header 0xff payload 0xff key`
(written as `header 0xff payload 0xff key 0xff selector`, then moved by
fuzz_selectors.py; `mode` picks signing or the key tool, each seed gets both).

Every text key among the `keys` seeds (PEM and JWK, public and private) is
paired with a header for the algorithm that fits it and one that does not,
plus HMAC secrets in each encoding. Run from the repository root:

    python3 fuzz/scripts/make_sign_seeds.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzz_selectors  # noqa: E402

KEYS = "fuzz/seeds/keys"
OUT = "fuzz/seeds/sign"

PAYLOAD = b'{\n  "sub": "seed",\n  "n": 1.50,\n  "exp": 4102444800\n}'
ALGS = ["HS256", "HS384", "HS512", "RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA", "Ed25519", "none"]


def header(alg, extra=b""):
    return b'{"alg":"' + alg.encode() + b'","typ":"JWT"' + extra + b"}"


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {}
    texts = []
    for name in sorted(os.listdir(KEYS)):
        if "@" in name:  # the same key read another way
            continue
        with open(os.path.join(KEYS, name), "rb") as f:
            data = f.read()[1:]  # after the `keys` selector byte
        if data.lstrip().startswith((b"-----BEGIN", b"{")):
            texts.append((name, data))
    for name, key in texts:
        for i, alg in enumerate(ALGS):
            seeds[f"{name}-{alg}"] = b"\xff".join([header(alg), PAYLOAD, key, bytes([i])])
        seeds[f"{name}-kid"] = b"\xff".join([header("ES256", b',"kid":"a"'), PAYLOAD, key, b"\x85"])
    for i, secret in enumerate([b"secret", b"a" * 64, b"c2VjcmV0", b"736563726574", b"", b" "]):
        for alg in ["HS256", "HS512"]:
            seeds[f"secret{i}-{alg}"] = b"\xff".join([header(alg), PAYLOAD, secret, bytes([i])])
    seeds["broken-json"] = b"\xff".join([b'{"alg": "HS256",', b"{", b"k", b"\x00"])
    seeds["crit"] = b"\xff".join([header("HS256", b',"crit":["x"],"x":1'), b"{}", b"k", b"\x00"])
    written = 0
    for name, data in seeds.items():
        # The selector moves to the front, with the byte that picks signing
        # or the key tool (fuzz_selectors.py).
        for out_name, out in fuzz_selectors.seed("sign", name, data):
            with open(os.path.join(OUT, out_name), "wb") as f:
                f.write(out)
            written += 1
    print(f"{written} seeds in {OUT}")


if __name__ == "__main__":
    main()
