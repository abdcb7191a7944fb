#!/usr/bin/env python3
"""Writes fuzz/seeds/<target>/ from real inputs: the app's sample token, the
RFC vectors (tests/vectors/rfc_vectors.json) and keys made by openssl
in KEYDIR (see fuzz/README.md), each with the selector bytes its target
reads (fuzz_selectors.py). Re-running rewrites the same file names."""
import base64, hashlib, json, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fuzz_selectors  # noqa: E402

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VECTORS = sys.argv[1] if len(sys.argv) > 1 else "tests/vectors/rfc_vectors.json"
KEYDIR = sys.argv[2] if len(sys.argv) > 2 else "/tmp/fuzzkeys"
SEEDS = os.path.join(ROOT, "seeds")

mod_rs = open(os.path.join(ROOT, "..", "src", "core", "mod.rs")).read()
SAMPLE = re.search(r'SAMPLE_TOKEN: &str = "([^"]+)"', mod_rs).group(1)
SAMPLE_SECRET = re.search(r'SAMPLE_SECRET: &str = "([^"]+)"', mod_rs).group(1)
vectors = json.load(open(VECTORS))["vectors"]


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def write(target, name, data):
    """Writes the seed with the leading selector bytes its target reads
    (one file per selector worth trying, see fuzz_selectors.py)."""
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    for out_name, out in fuzz_selectors.seed(target, name, data):
        with open(os.path.join(d, out_name), "wb") as f:
            f.write(out)


def key_file(name):
    with open(os.path.join(KEYDIR, name), "rb") as f:
        return f.read()


# --- decode -----------------------------------------------------------------
write("decode", "sample", SAMPLE)
write("decode", "sample-bearer", "Authorization: Bearer \"" + SAMPLE[:30] + "\n " + SAMPLE[30:] + "\"\n")
write("decode", "sample-std-b64", SAMPLE.replace("-", "+").replace("_", "/") + "==")
write("decode", "jwe", b64u(b'{"alg":"RSA-OAEP","enc":"A256GCM"}') + ".a.b.c.d")
write("decode", "times", b64u(b'{"alg":"HS256","kid":"../x","crit":["b64"],"b64":false,"jku":"https://x"}')
      + "." + b64u(b'{"exp":1e400,"nbf":-1,"iat":1767225600000,"auth_time":"x","a":1,"a":2.50}') + ".")
for v in vectors:
    write("decode", v["id"], v["token"])

# --- json -------------------------------------------------------------------
for v in vectors:
    write("json", v["id"] + "-header", v["header_decoded"])
    if v.get("payload_is_json"):
        write("json", v["id"] + "-payload", v["payload_decoded"])
write("json", "sample-payload", base64.urlsafe_b64decode(SAMPLE.split(".")[1] + "=="))
write("json", "numbers", '{"z":1,"a":1e3,"big":12345678901234567890123,"neg":-0,"f":1.50,'
      '"l":[2E-1,{"a/b":1.0e+00,"t~":[0.000001,-1E+400]}],"u":18446744073709551616}')
write("json", "duplicates", '{"a":1,"b":{"c":1,"c":2},"a":3,"l":[{"x":1,"\\u0078":1}],"n":1e3,"n":2}')
write("json", "hidden", '{"a\\u200bdmin":"x\\u202ey\\u0000\\ud83d\\ude00\\t","e\\u0301":[true,false,null]}')
write("json", "nested", "[" * 40 + "{}" + "]" * 40)

# --- keys -------------------------------------------------------------------
for name in sorted(os.listdir(KEYDIR)):
    write("keys", name, key_file(name))
seen = set()
for v in vectors:
    k = json.dumps(v["key"], separators=(",", ":"))
    if k not in seen and v["key"]:
        seen.add(k)
        write("keys", v["id"] + ".jwk", k)
    if "derived_spki_pem" in v:
        write("keys", v["id"] + ".spki.pem", v["derived_spki_pem"])
    if "private_key" in v and v["id"] + ".priv.jwk" not in seen:
        seen.add(v["id"] + ".priv.jwk")
        write("keys", v["id"] + ".priv.jwk", json.dumps(v["private_key"]))
jwks = [v["key"] for v in vectors if v["key"] and v["key"].get("kty") not in (None, "oct")]
jwks = [dict(k, kid="k%d" % i) for i, k in enumerate({json.dumps(k): k for k in jwks}.values())]
write("keys", "jwks", json.dumps({"keys": jwks}))
write("keys", "secret-utf8", SAMPLE_SECRET)
write("keys", "secret-hex", "0x" + SAMPLE_SECRET.encode().hex())
write("keys", "secret-base64", base64.b64encode(SAMPLE_SECRET.encode()).decode() + "\n")
write("keys", "secret-base64url", b64u(bytes(range(200, 250))))
write("keys", "bare-der", base64.b64encode(key_file("rsa_pub.der")).decode())

# --- verify: token 0xff key [0xff detached] ----------------------------------
SEP = b"\xff"
write("verify", "sample", SAMPLE.encode() + SEP + SAMPLE_SECRET.encode())
for v in vectors:
    if not v["key"]:
        write("verify", v["id"], v["token"].encode() + SEP)
        continue
    parts = [v["token"].encode(), json.dumps(v["key"]).encode()]
    if "detached_payload" in v:
        parts.append(v["detached_payload"].encode())
    elif "detached_payload_b64u" in v:
        parts.append(base64.urlsafe_b64decode(v["detached_payload_b64u"] + "=="))
    write("verify", v["id"], SEP.join(parts))
    if "derived_spki_pem" in v and "tampered" not in v["id"]:
        write("verify", v["id"] + "-pem", v["token"].encode() + SEP + v["derived_spki_pem"].encode())
    if v["key"].get("kty") == "oct" and "tampered" not in v["id"]:
        raw = base64.urlsafe_b64decode(v["key"]["k"] + "==")
        write("verify", v["id"] + "-b64secret", v["token"].encode() + SEP + base64.b64encode(raw))


def token(alg, sign, header_extra=None, claims=None):
    h = {"alg": alg, "typ": "JWT", **(header_extra or {})}
    p = claims or {"sub": "seed", "exp": 4102444800, "iat": 1767225600}
    si = b64u(json.dumps(h).encode()) + "." + b64u(json.dumps(p).encode())
    return (si + "." + b64u(sign(si.encode()))).encode()


pem_of = lambda n: key_file(n)
rsa_key = serialization.load_pem_private_key(pem_of("k.pem"), None)
for alg, hash_alg in [("RS256", hashes.SHA256()), ("RS384", hashes.SHA384()), ("RS512", hashes.SHA512())]:
    t = token(alg, lambda m: rsa_key.sign(m, padding.PKCS1v15(), hash_alg))
    write("verify", "gen-" + alg, t + SEP + pem_of("c.pem"))
for alg, hash_alg in [("PS256", hashes.SHA256()), ("PS384", hashes.SHA384()), ("PS512", hashes.SHA512())]:
    pss = padding.PSS(mgf=padding.MGF1(hash_alg), salt_length=hash_alg.digest_size)
    t = token(alg, lambda m: rsa_key.sign(m, pss, hash_alg))
    write("verify", "gen-" + alg, t + SEP + pem_of("rsa_pkcs1_pub.pem"))
for alg, curve, hash_alg, size in [("ES256", "P-256", hashes.SHA256(), 32),
                                   ("ES384", "P-384", hashes.SHA384(), 48),
                                   ("ES512", "P-521", hashes.SHA512(), 66)]:
    k = serialization.load_pem_private_key(pem_of("ec_%s.pem" % curve), None)
    sign = lambda m: (lambda rs: rs[0].to_bytes(size, "big") + rs[1].to_bytes(size, "big"))(
        utils.decode_dss_signature(k.sign(m, ec.ECDSA(hash_alg))))
    write("verify", "gen-" + alg, token(alg, sign, {"kid": "k1"}) + SEP + pem_of("ec_%s.pem" % curve))
ed = serialization.load_pem_private_key(pem_of("ed.pem"), None)
write("verify", "gen-EdDSA", token("EdDSA", ed.sign) + SEP + pem_of("ed_cert.pem"))
write("verify", "gen-Ed25519-spki", token("Ed25519", ed.sign) + SEP + pem_of("ed_pub.pem"))
import hmac
hs = lambda m, h=hashlib.sha384: hmac.new(b"\x01\x02secret", m, h).digest()
write("verify", "gen-HS384-hex", token("HS384", hs) + SEP + b"0x" + b"\x01\x02secret".hex().encode())
write("verify", "gen-HS512-crit", token("HS512", lambda m: hmac.new(b"k" * 64, m, hashlib.sha512).digest(),
                                        {"crit": ["exp"], "exp": 1}) + SEP + b"k" * 64)
print("seeds written to", SEEDS)
