#!/usr/bin/env python3
"""The leading selector bytes of the fuzz targets' inputs.

Every target but `json` reads one or two leading bytes that pick what an
execution runs (see the top of tests/support/fuzz_replay.rs). This module
says which selectors a seed gets (`seed`, used by make_seeds.py and
make_sign_seeds.py) and converts inputs written without them (`convert`):

    python3 fuzz/scripts/fuzz_selectors.py convert <target> <dir> [--all]

rewrites every file of <dir> (inputs of the format before selectors) as one
file per selector worth trying, named by the SHA-1 of its content as
libFuzzer names them; with --all (for a corpus that `cargo fuzz cmin` cuts
afterwards) every reading of the input, else the few a seed gets.
"""
import hashlib
import os
import sys

SEP = b"\xff"

# tests/support/fuzz_replay.rs: KEY_VIEWS, SIGNING_ALGORITHMS, SecretEncoding::ALL.
KEY_VIEWS = 19
KEY_VIEW_TEXT, KEY_VIEW_SECRET = 0, 1
KEY_VIEWS_DER = range(2, 11)  # six PEM tags, EC PARAMETERS + key, bundle, base64 DER
KEY_VIEWS_JWK = range(11, 19)
ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512", "EdDSA", "Ed25519"]
ENCODINGS = ["utf8", "base64", "base64url", "hex"]


def stable(name, n=2):
    """`n` bytes that depend only on the name, so seeds are rewritten alike."""
    return hashlib.sha1(name.encode()).digest()[:n]


def alg_of(token):
    """The `alg` of a compact token's header, or None."""
    import base64
    import json
    try:
        head = token.split(b".")[0]
        return json.loads(base64.urlsafe_b64decode(head + b"=" * (-len(head) % 4))).get("alg")
    except Exception:
        return None


def is_text_key(data):
    stripped = data.lstrip()
    return stripped.startswith((b"-----BEGIN", b"{")) or all(32 <= b < 127 or b in b"\r\n\t" for b in data)


def verify_selectors(data, encoding=0):
    """verify: `s0 s1`. s0: encoding (bits 0-1), detached payload (bit 2),
    what runs next (bits 3-7: 2 the key derived from the key bytes, 1 in 32;
    bits 3-4 at 3 nothing more; otherwise verify_signature with one
    material); s1: algorithm (and material, or the signature with the
    derived key)."""
    token = data.split(SEP)[0]
    alg = alg_of(token)
    a = ALGS.index(alg) if alg in ALGS else 0
    detached = 4 if data.count(SEP) >= 2 else 0
    # Material 1 is the first key the key text parses to (0 is the bytes
    # as a secret, which is what an HMAC token needs).
    material = 0 if a < 3 else 1
    return [
        bytes([encoding | detached, a + len(ALGS) * material]),
        bytes([encoding | detached | 0x10, a]),
    ]


def seed(target, name, data):
    """The selector-prefixed inputs a seed `data` (in the target's format
    without selectors) becomes: a list of (name, bytes)."""
    if target == "json":
        return [(name, data)]
    if target == "decode":
        return [(name, stable(name) + data)]
    if target == "keys":
        if name.startswith("secret-") or name == "bare-der":
            views = [KEY_VIEW_TEXT, KEY_VIEW_SECRET]
        elif is_text_key(data):
            views = [KEY_VIEW_TEXT]
        else:
            views = list(KEY_VIEWS_DER) + list(KEY_VIEWS_JWK)
        if len(views) == 1:
            return [(name, bytes(views) + data)]
        out = [(f"{name}@{v}", bytes([v]) + data) for v in views]
        if not is_text_key(data):
            # The DER file itself stays, as openssl wrote it: other tests
            # read it (src/core/findings.rs, tests/e2e). As a fuzz input its
            # first byte (0x30) is the selector.
            out.append((name, data))
        return out
    if target == "verify":
        enc = ENCODINGS.index("base64") if name.endswith("-b64secret") else 0
        if name.endswith("-hex"):
            enc = ENCODINGS.index("hex")
        a, b = verify_selectors(data, enc)
        return [(name, a + data), (name + "@derived", b + data)]
    if target in ("sign", "jwe"):
        # Before selectors: `... [0xff selector]` with the selector last.
        keep = 3 if target == "sign" else 2
        parts = data.split(SEP)
        sel = parts[keep][:1] if len(parts) > keep and parts[keep] else b"\x00"
        body = SEP.join(parts[:keep])
        return [(name, sel + b"\x00" + body), (name + "@1", sel + b"\x01" + body)]
    raise SystemExit(f"unknown target {target}")


def every(target, data):
    """All readings of an input (before selectors) worth trying in a corpus."""
    if target == "keys":
        return [bytes([v]) + data for v in range(KEY_VIEWS)]
    if target == "decode":
        return [bytes([s0, s1]) + data for s0 in (0, 9, 18, 27) for s1 in (0, 6, 7)]
    if target == "verify":
        out = []
        for enc in range(4):
            for sel in verify_selectors(data, enc):
                out.append(sel + data)
                out.append(bytes([sel[0] ^ 4, sel[1]]) + data)
        return out
    return [d for _, d in seed(target, "x", data)]


def convert(target, directory, all_readings):
    names = sorted(os.listdir(directory))
    written = 0
    for name in names:
        path = os.path.join(directory, name)
        with open(path, "rb") as f:
            data = f.read()
        os.remove(path)
        if all_readings:
            outs = [(hashlib.sha1(d).hexdigest(), d) for d in every(target, data)]
        else:
            outs = seed(target, name, data)
        for out_name, d in outs:
            with open(os.path.join(directory, out_name), "wb") as f:
                f.write(d)
            written += 1
    print(f"{target}: {len(names)} inputs -> {written} files in {directory}")


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[1] != "convert":
        raise SystemExit(__doc__)
    convert(sys.argv[2], sys.argv[3], "--all" in sys.argv[4:])
