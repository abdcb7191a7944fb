#!/usr/bin/env python3
"""Seeds for the `validate` fuzz target (see run_validate in
tests/support/fuzz_replay.rs): real jobs, each as the structured input
`s0 s1 header 0xff payload 0xff profile 0xff algs 0xff iss 0xff aud 0xff sub
0xff nonce 0xff typ 0xff required 0xff leeway 0xff max_age 0xff access_token
0xff code 0xff schema 0xff now_text`, and as the worker's JSON request
(s1 = 0). The claims are those of tests/validation.rs, at 2026-05-01T12:00:00Z.
Run from the repository root:

    python3 fuzz/scripts/make_validate_seeds.py
"""
import base64
import hashlib
import json
import os

OUT = "fuzz/seeds/validate"
NOW = 1_777_636_800  # 2026-05-01T12:00:00Z, CLOCKS[1]
SEP = b"\xff"
FIELDS = ["profile", "algs", "iss", "aud", "sub", "nonce", "typ", "required", "leeway",
          "max_age", "access_token", "code", "schema", "now_text"]
# s0: status index (bits 0-2; 0 = Valid), lenient (bit 3), raw token (bit 4),
# clock index (bits 5-7; 1 = NOW). s1: 0 = JSON request, 1 = structured and
# through the worker too, 2-3 = structured.
S0_VALID_AT_NOW = 1 << 5
STATUSES = ["Valid", "Invalid", "Checking", "NoKey", "KeyError", "Unsecured", "Unsupported",
            "Malformed"]

PERSON = json.dumps({
    "type": "object", "required": ["sub", "age"],
    "properties": {"age": {"type": "integer", "minimum": 18}, "role": {"enum": ["admin", "user"]},
                   "email": {"type": "string", "format": "email"},
                   "tags": {"type": "array", "items": {"type": "string"}}},
}, indent=2)
LOCAL_REF = json.dumps({"$defs": {"s": {"type": "string"}}, "properties": {"sub": {"$ref": "#/$defs/s"}}})
REMOTE_REF = json.dumps({"$ref": "https://example.com/schema.json"})


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def half_hash(text):
    return b64u(hashlib.sha256(text.encode()).digest()[:16])


ID_TOKEN = {"iss": "https://server.example.com", "sub": "24400320", "aud": "s6BhdRkqt3",
            "nonce": "n-0S6_WzA2Mj", "exp": NOW + 600, "iat": NOW - 10, "auth_time": NOW - 60,
            "at_hash": half_hash("jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y"),
            "c_hash": half_hash("Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk")}
LOGOUT = {"iss": "https://server.example.com", "sub": "248289761001", "aud": "s6BhdRkqt3",
          "iat": NOW - 5, "jti": "bWJq", "sid": "08a5019c-17e1-4977-8f42-65a12843ea02",
          "events": {"http://schemas.openid.net/event/backchannel-logout": {}}}
SET = {"iss": "https://idp.example.com/", "iat": NOW - 5, "jti": "756E69717565206964656E746966696572",
       "aud": "https://sp.example.com/",
       "events": {"urn:ietf:params:scim:event:create": {"ref": "https://scim.example.com/Users/44f6"}}}
ACCESS = {"iss": "https://as.example.com/", "exp": NOW + 300, "aud": ["https://rs.example.com/", "x"],
          "sub": "5ba552d67", "client_id": "s6BhdRkqt3", "iat": NOW - 5, "jti": "dbe39bf3a3ba4238a513f51d6e1691c4",
          "scope": "openid profile"}

JOBS = {
    "oidc-id-token": ({"alg": "RS256", "kid": "1e9gdk7"}, ID_TOKEN, dict(
        profile="oidc-id-token", algs="RS256", iss="https://server.example.com", aud="s6BhdRkqt3",
        nonce="n-0S6_WzA2Mj", max_age="3600", leeway="30",
        access_token="jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y",
        code="Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk")),
    "oidc-id-token-expired": ({"alg": "RS256"}, dict(ID_TOKEN, aud="someone-else", exp=NOW - 300), dict(
        profile="oidc-id-token", algs="RS256, ES256", iss="https://server.example.com", aud="s6BhdRkqt3")),
    "logout-token": ({"alg": "RS256", "typ": "logout+jwt"}, LOGOUT, dict(profile="logout-token")),
    "logout-token-nonce": ({"alg": "RS256"}, dict(LOGOUT, nonce="x"), dict(profile="oidc-backchannel-logout")),
    "security-event": ({"alg": "ES256", "typ": "secevent+jwt"}, SET, dict(profile="security-event", typ="secevent+jwt")),
    "access-token": ({"alg": "PS256", "typ": "at+jwt"}, ACCESS, dict(
        profile="rfc9068-access-token", aud="https://rs.example.com/", required="scope, client_id",
        now_text="2026-05-01T14:00:00.250+02:00")),
    "schema-person": ({"alg": "HS256"}, {"sub": "u", "age": 16, "role": "root", "tags": ["a", 3]},
                      dict(schema=PERSON)),
    "schema-local-ref": ({"alg": "HS256"}, {"sub": 1}, dict(schema=LOCAL_REF, sub="1")),
    "schema-remote-ref": ({"alg": "HS256"}, {"sub": "a"}, dict(schema=REMOTE_REF)),
    "schema-not-json": ({"alg": "HS256"}, {"sub": "a"}, dict(schema="{\"type\": ")),
    "none-alg": ({"alg": "none"}, b'{"sub":"a","nbf":%d,"exp":1e400,"iat":-1}' % (NOW + 100), dict(leeway="99999999999999999999")),
    "bad-settings": ({"alg": "HS256"}, {"sub": "a"}, dict(leeway="soon", max_age="-1", now_text="2026-02-30T00:00:00Z")),
    "not-an-object": ({"alg": "HS256"}, [1, 2], dict(required="sub")),
}


def structured(s0, s1, header, payload, inputs):
    h = header if isinstance(header, bytes) else json.dumps(header).encode()
    p = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    fields = [inputs.get(f, "").encode() for f in FIELDS]
    return bytes([s0, s1]) + SEP.join([h, p] + fields)


def request(s0, header, payload, inputs, seq=7):
    p = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    token = b64u(json.dumps(header).encode()) + "." + b64u(p) + ".ZHVtbXktc2lnbmF0dXJl"
    job = {"token": token,
           "signature": {"status": STATUSES[s0 % 8], "message": "The signature is valid.", "key_used": None,
                         "notes": [], "hint": None, "computed_signature": None, "findings": [],
                         "lenient": False},
           "inputs": {**{f: "" for f in FIELDS}, **inputs}, "clock": NOW}
    text = json.dumps({"seq": seq, "body": {"Validate": job}})
    return bytes([s0, 0]) + text.encode()


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {}
    for i, (name, (header, payload, inputs)) in enumerate(JOBS.items()):
        seeds[name] = structured(S0_VALID_AT_NOW, 1 + 4 * (i % 2), header, payload, inputs)
        seeds[name + "-json"] = request(S0_VALID_AT_NOW, header, payload, inputs)
    # Other verdicts, a lenient one, a token pasted as it is.
    seeds["invalid-signature"] = structured(S0_VALID_AT_NOW | 1, 2, {"alg": "HS256"}, {"sub": "a"}, {})
    seeds["checking-lenient"] = structured(S0_VALID_AT_NOW | 2 | 8, 2, {"alg": "HS256"}, {"sub": "a"}, {})
    seeds["raw-token"] = structured(S0_VALID_AT_NOW | 0x10, 3, b"Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig", b"", {})
    seeds["raw-jwe"] = structured(0x10, 3, b"eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..a.b.c", b"", {})
    # Requests the worker cannot read, or does not take.
    seeds["json-broken"] = b"\x00\x00" + b'{"seq": 3, "body": {"Validate": {"token": 1}}}'
    seeds["json-verify"] = b"\x00\x00" + b'{"seq": 4, "body": {"Spin": {"rounds": 1}}}'
    seeds["json-not-json"] = b"\x00\x00" + b"not json"
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(seeds)} seeds in {OUT}")


if __name__ == "__main__":
    main()
