//! JWE: the RFC 7516 / RFC 7520 examples and Project Wycheproof's JWE
//! vectors (both kept in `tests/vectors/`), round trips of every alg × enc,
//! and what must be refused: tampering, wrong keys and passwords, costly
//! `p2c`, compression bombs, invalid-curve `epk`, unknown `crit`.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use jwt_debugger::core::base64url;
use jwt_debugger::core::engine::{self, Message, Response};
use jwt_debugger::core::jwe::{
    self, Decryption, EncryptOptions, JwePart, JweStatus, CONTENT_ALGORITHMS, KEY_ALGORITHMS,
};
use jwt_debugger::core::key_export;
use jwt_debugger::core::keygen;
use jwt_debugger::core::keys::{self, KeyMaterial, KeyText, PrivateKey, SecretEncoding};
use proptest::prelude::*;
use rand_core::OsRng;
use serde_json::{json, Value};

macro_rules! vectors {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/vectors/",
            $file
        ))
    };
}

fn rfc_doc() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| serde_json::from_str(vectors!("rfc_jwe_vectors.json")).unwrap())
}

fn rfc_vector(id: &str) -> &'static Value {
    rfc_doc()["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap()
}

fn decrypt(token: &str, key: &str) -> Decryption {
    jwe::decrypt(token, key, SecretEncoding::Utf8)
}

/// A JWK without its private members.
fn public_jwk(jwk: &Value) -> String {
    let mut jwk = jwk.as_object().unwrap().clone();
    for m in ["d", "p", "q", "dp", "dq", "qi"] {
        jwk.remove(m);
    }
    Value::Object(jwk).to_string()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

// ---------------------------------------------------------------------------
// Keys used by the round trips

/// RFC 7520's RSA key (Frodo), as a private JWK (no `alg`, so it serves
/// every RSA algorithm).
fn rsa_private() -> String {
    let mut jwk = rfc_vector("rfc7520-5.1-rsa1_5-a128cbc-hs256")["key"].clone();
    jwk.as_object_mut().unwrap().remove("kid");
    jwk.to_string()
}

/// RFC 7748 §6.1: Alice's X25519 private key and its public key.
const X25519_D: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const X25519_X: &str = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

fn x25519_private_jwk() -> String {
    json!({
        "kty": "OKP",
        "crv": "X25519",
        "x": base64url::encode(&hex(X25519_X)),
        "d": base64url::encode(&hex(X25519_D)),
    })
    .to_string()
}

fn x25519_private_pem() -> String {
    // RFC 8410 §7: PKCS#8 v1, OID 1.3.101.110, OCTET STRING of the key.
    let mut der = hex("302e020100300506032b656e04220420");
    der.extend(hex(X25519_D));
    pem::encode(&pem::Pem::new("PRIVATE KEY", der))
}

/// A private key (PKCS#8 PEM) and its public SPKI PEM, for an EC curve.
fn ec_pair(alg: &str) -> (String, String) {
    static KEYS: OnceLock<Vec<(String, String, String)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        ["ES256", "ES384", "ES512"]
            .iter()
            .map(|alg| {
                let k = keygen::generate(alg, 2048, &mut OsRng).unwrap();
                (alg.to_string(), k.private_text, k.public_pem.unwrap())
            })
            .collect()
    });
    let (_, private, public) = keys.iter().find(|(a, ..)| a == alg).unwrap();
    (private.clone(), public.clone())
}

fn oct(len: usize, seed: u8) -> String {
    let k: Vec<u8> = (0..len)
        .map(|i| (i as u8).wrapping_mul(31) ^ seed)
        .collect();
    json!({"kty": "oct", "k": base64url::encode(&k)}).to_string()
}

fn cek_len(enc: &str) -> usize {
    match enc {
        "A128CBC-HS256" => 32,
        "A192CBC-HS384" => 48,
        "A256CBC-HS512" => 64,
        "A128GCM" => 16,
        "A192GCM" => 24,
        _ => 32,
    }
}

fn kw_len(alg: &str) -> usize {
    if alg.contains("128") {
        16
    } else if alg.contains("192") {
        24
    } else {
        32
    }
}

/// (encryption key text, decryption key text) for an alg/enc.
fn key_pair(alg: &str, enc: &str) -> (String, String) {
    match alg {
        "RSA-OAEP" | "RSA-OAEP-256" => {
            let private = rsa_private();
            let public = public_jwk(&serde_json::from_str(&private).unwrap());
            (public, private)
        }
        "dir" => {
            let k = oct(cek_len(enc), 7);
            (k.clone(), k)
        }
        a if a.starts_with("PBES2") => (
            "correct horse battery staple".into(),
            "correct horse battery staple".into(),
        ),
        a if a.starts_with("ECDH-ES") => ec_pair("ES256").clone().swap(),
        a => {
            let k = oct(kw_len(a), 3);
            (k.clone(), k)
        }
    }
}

trait Swap {
    fn swap(self) -> (String, String);
}
impl Swap for (String, String) {
    /// (private, public) to (public, private).
    fn swap(self) -> (String, String) {
        (self.1, self.0)
    }
}

fn encrypt(plaintext: &[u8], key: &str, alg: &str, enc: &str, zip: bool) -> String {
    let options = EncryptOptions {
        alg: alg.into(),
        enc: enc.into(),
        zip,
        cty: None,
        p2c: Some(1000),
    };
    jwe::encrypt(plaintext, key, SecretEncoding::Utf8, &options, &mut OsRng)
        .unwrap_or_else(|e| panic!("{alg}/{enc}: {e}"))
}

fn expect(d: &Decryption, status: JweStatus, words: &[&str]) {
    assert_eq!(d.status, status, "{}", d.message);
    for w in words {
        assert!(
            d.message.to_lowercase().contains(&w.to_lowercase()),
            "{w:?} not in: {}",
            d.message
        );
    }
    if status != JweStatus::Decrypted {
        assert_eq!(d.plaintext, None, "plaintext returned with {status:?}");
    }
}

/// Replaces part `n` (0-based) of a compact token.
fn with_part(token: &str, n: usize, part: &str) -> String {
    let mut parts: Vec<String> = token.split('.').map(String::from).collect();
    parts[n] = part.into();
    parts.join(".")
}

fn flip_bit(part: &str) -> String {
    let mut bytes = base64url::decode_strict(part).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    base64url::encode(&bytes)
}

fn header_of(token: &str) -> serde_json::Map<String, Value> {
    let h = base64url::decode_strict(token.split('.').next().unwrap()).unwrap();
    serde_json::from_slice(&h).unwrap()
}

fn with_header(token: &str, header: &serde_json::Map<String, Value>) -> String {
    let text = serde_json::to_string(header).unwrap();
    with_part(token, 0, &base64url::encode(text.as_bytes()))
}

// ---------------------------------------------------------------------------
// RFC vectors

#[test]
fn rfc_vectors_decrypt_to_their_plaintext() {
    let vectors = rfc_doc()["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 13);
    for v in vectors {
        let id = v["id"].as_str().unwrap();
        let token = v["token"].as_str().unwrap();
        let plaintext = v["plaintext"].as_str().unwrap();
        let mut keys = vec![match v["key_kind"].as_str().unwrap() {
            "password" => v["key"].as_str().unwrap().to_string(),
            _ => v["key"].to_string(),
        }];
        // The same private key as PKCS#8 PEM, from the key tool.
        if v["key"]["d"].is_string() {
            let forms = key_export::convert(&keys[0]).unwrap();
            keys.push(forms[0].private_pem.clone().unwrap());
        }
        for key in &keys {
            let d = decrypt(token, key);
            assert_eq!(d.status, JweStatus::Decrypted, "{id}: {}", d.message);
            assert_eq!(d.text(), Some(plaintext), "{id}");
            assert_eq!(d.parts.len(), 5, "{id}");
            assert_eq!(d.header[0].name, "alg", "{id}");
            assert!(d.key_used.is_some(), "{id}");
            let rsa1_5 = d.findings.iter().any(|f| f.code == "jwe-rsa1_5");
            assert_eq!(rsa1_5, v["alg"] == "RSA1_5", "{id}");
        }
    }
}

/// The JSON serialization examples (RFC 7516 A.4/A.5, RFC 7520 §5.1–5.13,
/// with `aad` in §5.10 and unprotected headers in §5.11–5.13): each
/// recipient's key opens the JWE as that recipient, the recipients before
/// it say why they did not, the ones after it are skipped.
#[test]
fn rfc_json_serializations_decrypt_per_recipient() {
    let doc: Value = serde_json::from_str(vectors!("rfc_jwe_json_vectors.json")).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    assert_eq!(vectors.len(), 25);
    let mut opened = 0;
    for v in vectors {
        let id = v["id"].as_str().unwrap();
        let text = serde_json::to_string_pretty(&v["jwe_json"]).unwrap();
        let plaintext = v["plaintext"].as_str().unwrap();
        let total = v["jwe_json"]["recipients"]
            .as_array()
            .map_or(1, |r| r.len());
        for rk in v["recipient_keys"].as_array().unwrap() {
            let index = rk["recipient"].as_u64().unwrap() as usize;
            let key = match rk["key_kind"].as_str().unwrap() {
                "password" => rk["key"].as_str().unwrap().to_string(),
                _ => rk["key"].to_string(),
            };
            let d = decrypt(&text, &key);
            assert_eq!(
                d.status,
                JweStatus::Decrypted,
                "{id} #{index}: {}",
                d.message
            );
            assert_eq!(d.text(), Some(plaintext), "{id}");
            assert_eq!(d.recipients.len(), total, "{id}");
            let statuses: Vec<JweStatus> = d.recipients.iter().map(|r| r.status).collect();
            assert_eq!(statuses[index], JweStatus::Decrypted, "{id}: {statuses:?}");
            assert!(
                statuses[..index]
                    .iter()
                    .all(|s| matches!(s, JweStatus::KeyError | JweStatus::Failed)),
                "{id}: {statuses:?}"
            );
            assert!(
                statuses[index + 1..]
                    .iter()
                    .all(|s| *s == JweStatus::Skipped),
                "{id}: {statuses:?}"
            );
            opened += 1;
        }
    }
    assert_eq!(opened, 28);
}

/// §5.13 with all three keys in one set: each recipient is checked by its
/// kid; the first that opens wins. `aad` is authenticated: changing it
/// fails the tag.
#[test]
fn json_jwe_recipients_by_kid_and_aad_authenticated() {
    let doc: Value = serde_json::from_str(vectors!("rfc_jwe_json_vectors.json")).unwrap();
    let find = |id: &str| {
        doc["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap()
            .clone()
    };
    let v = find("rfc7520-5.13-general");
    let text = v["jwe_json"].to_string();
    // Only the A256GCMKW key (recipient 2) in a set with an unrelated kid.
    let third = v["recipient_keys"][2]["key"].clone();
    let set =
        json!({"keys": [third, {"kty": "oct", "kid": "other", "k": "AAAAAAAAAAAAAAAAAAAAAA"}]})
            .to_string();
    let d = decrypt(&text, &set);
    let rows: Vec<(&str, JweStatus)> = d
        .recipients
        .iter()
        .map(|r| (r.alg.as_deref().unwrap(), r.status))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("RSA1_5", JweStatus::NoKey),
            ("ECDH-ES+A256KW", JweStatus::NoKey),
            ("A256GCMKW", JweStatus::Decrypted)
        ]
    );
    assert!(
        d.message.starts_with(
            "Opened as recipient 3 of 3 (A256GCMKW, kid \"18ec08e1-bfa9-4d95-b205-2b4dd1d4321d\")."
        ),
        "{}",
        d.message
    );
    assert_eq!(
        d.recipients[0].message,
        "No key in the set has this recipient's kid \"frodo.baggins@hobbiton.example\"."
    );

    let v = find("rfc7520-5.10-flattened");
    let key = v["recipient_keys"][0]["key"].to_string();
    let mut tampered = v["jwe_json"].clone();
    let aad = tampered["aad"].as_str().unwrap().to_string();
    let flipped = match aad.strip_prefix('A') {
        Some(rest) => format!("B{rest}"),
        None => format!("A{}", &aad[1..]),
    };
    tampered["aad"] = flipped.into();
    let d = decrypt(&tampered.to_string(), &key);
    assert_eq!(d.status, JweStatus::Failed, "{}", d.message);
    assert_eq!(d.plaintext, None);
    // A member in both the protected and a per-recipient header is refused.
    let mut both = find("rfc7520-5.11-flattened")["jwe_json"].clone();
    both["header"] = json!({"enc": "A128GCM"});
    let d = decrypt(&both.to_string(), &key);
    assert_eq!(d.status, JweStatus::Malformed);
    assert!(
        d.message.starts_with(
            "\"enc\" appears in both the protected header and the per-recipient header"
        ),
        "{}",
        d.message
    );
}

#[test]
fn rfc_nested_jws_and_compressed_examples() {
    let v = rfc_vector("rfc7520-6-rsa-oaep-a128gcm-nested-jws");
    let d = decrypt(v["token"].as_str().unwrap(), &v["key"].to_string());
    assert_eq!(d.nested.as_deref(), v["plaintext"].as_str());
    assert!(d
        .header
        .iter()
        .any(|r| r.name == "cty" && r.meaning.contains("JWT")));

    let v = rfc_vector("rfc7520-5.9-a128kw-a128gcm-zip-def");
    let d = decrypt(v["token"].as_str().unwrap(), &v["key"].to_string());
    assert_eq!(d.text(), v["plaintext"].as_str());
    assert!(d.message.contains("inflated"), "{}", d.message);
    let zip = d.header.iter().find(|r| r.name == "zip").unwrap();
    assert!(zip.meaning.contains("DEFLATE"));

    let v = rfc_vector("rfc7520-5.3-pbes2-hs512+a256kw-a128cbc-hs256");
    let d = decrypt(v["token"].as_str().unwrap(), v["key"].as_str().unwrap());
    let p2c = d.header.iter().find(|r| r.name == "p2c").unwrap();
    assert_eq!(p2c.value, "8192");
    assert!(p2c.meaning.contains("8192 rounds"), "{}", p2c.meaning);
    let p2s = d.header.iter().find(|r| r.name == "p2s").unwrap();
    assert!(p2s.meaning.contains("salt"), "{}", p2s.meaning);

    let v = rfc_vector("rfc7520-5.4-ecdh-es+a128kw-a128gcm");
    let d = decrypt(v["token"].as_str().unwrap(), &v["key"].to_string());
    let epk = d.header.iter().find(|r| r.name == "epk").unwrap();
    assert!(epk.meaning.contains("EC P-384"), "{}", epk.meaning);
}

#[test]
fn rfc_vectors_with_the_wrong_key_fail() {
    let a = rfc_vector("rfc7516-a.3-a128kw-a128cbc-hs256");
    let b = rfc_vector("rfc7520-5.8-a128kw-a128gcm");
    // Both are A128KW keys, so they fit; they just are not the right one.
    let d = decrypt(
        a["token"].as_str().unwrap(),
        &public_jwk(&b["key"]).replace("\"kid\"", "\"x-kid\""),
    );
    expect(&d, JweStatus::Failed, &["does not unwrap"]);
}

// ---------------------------------------------------------------------------
// Wycheproof

#[test]
fn wycheproof_jwe_vectors() {
    let doc: Value =
        serde_json::from_str(vectors!("wycheproof/json_web_encryption_test.json")).unwrap();
    let mut counts = std::collections::BTreeMap::new();
    let mut total = 0;
    let mut failures = Vec::new();
    for group in doc["testGroups"].as_array().unwrap() {
        let key = group["private"].to_string();
        for t in group["tests"].as_array().unwrap() {
            total += 1;
            let id = format!(
                "tcId {} ({})",
                t["tcId"],
                t["comment"].as_str().unwrap_or("")
            );
            let d = decrypt(t["jwe"].as_str().unwrap(), &key);
            *counts
                .entry(format!(
                    "{} → {}",
                    t["result"].as_str().unwrap(),
                    d.status.as_str()
                ))
                .or_insert(0) += 1;
            match t["result"].as_str().unwrap() {
                "valid" => {
                    let pt = hex(t["pt"].as_str().unwrap());
                    if d.status != JweStatus::Decrypted || d.plaintext.as_deref() != Some(&pt[..]) {
                        failures.push(format!("{id}: {:?} {}", d.status, d.message));
                    }
                }
                // JSON serialization is invalid only to libraries that
                // take the compact form alone (see the refusals below).
                _ if t["flags"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|f| f == "JsonSerialization")) =>
                {
                    if d.status != JweStatus::Decrypted {
                        failures.push(format!(
                            "{id}: JSON serialization: {:?} {}",
                            d.status, d.message
                        ));
                    }
                }
                _ => {
                    // Structurally broken tokens (a part or separator
                    // missing) are `malformed`; the rest fail or do not fit
                    // the key.
                    if d.status == JweStatus::Decrypted || d.plaintext.is_some() {
                        failures.push(format!("{id}: decrypted an invalid token"));
                    }
                }
            }
        }
    }
    println!("wycheproof JWE: {total} tests, {counts:?}");
    assert_eq!(total, 139);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn wycheproof_refusals_give_their_reasons() {
    let doc: Value =
        serde_json::from_str(vectors!("wycheproof/json_web_encryption_test.json")).unwrap();
    let find = |tc: u64| {
        doc["testGroups"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|g| {
                let t = g["tests"].as_array()?.iter().find(|t| t["tcId"] == tc)?;
                Some((t["jwe"].as_str()?.to_string(), g["private"].to_string()))
            })
            .unwrap()
    };
    let (token, key) = find(51); // invalid curve point
    expect(
        &decrypt(&token, &key),
        JweStatus::Failed,
        &["not a point on P-256"],
    );
    let (token, key) = find(106); // a GCMKW key used with A128KW
    expect(
        &decrypt(&token, &key),
        JweStatus::KeyError,
        &["A128GCMKW", "A128KW"],
    );
    let (token, key) = find(110); // an RSA-OAEP key used with RSA1_5
    expect(
        &decrypt(&token, &key),
        JweStatus::KeyError,
        &["RSA-OAEP", "RSA1_5"],
    );
    let (token, key) = find(2); // modified tag
    expect(
        &decrypt(&token, &key),
        JweStatus::Failed,
        &["tag does not verify"],
    );
    // JSON serialization: Wycheproof's libraries take only the compact form
    // and so call it invalid; RFC 7516 §7.2 allows it, so it decrypts, and
    // the members only in unprotected headers are named as such.
    let (token, key) = find(22);
    let d = decrypt(&token, &key);
    expect(&d, JweStatus::Decrypted, &["authentication tag verifies"]);
    assert_eq!(
        d.notes,
        vec!["Not authenticated: \"unknown\", \"unknown2\" are in unprotected headers, so anyone could have changed them without the tag noticing."]
    );
}

#[test]
fn rsa1_5_padding_failures_look_like_tag_failures() {
    // Wycheproof's modified PKCS#1 paddings: whatever step fails, the
    // outcome is the same sentence, so no padding oracle is exposed.
    let doc: Value =
        serde_json::from_str(vectors!("wycheproof/json_web_encryption_test.json")).unwrap();
    let group = doc["testGroups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["tests"][0]["tcId"] == 112)
        .unwrap();
    let key = group["private"].to_string();
    let mut messages = std::collections::BTreeSet::new();
    for t in group["tests"].as_array().unwrap().iter().skip(1) {
        let d = decrypt(t["jwe"].as_str().unwrap(), &key);
        assert_eq!(d.status, JweStatus::Failed, "{}", d.message);
        messages.insert(d.message);
    }
    assert_eq!(messages.len(), 1, "{messages:?}");
}

// ---------------------------------------------------------------------------
// Round trips

#[test]
fn every_alg_and_enc_round_trips() {
    let plaintext = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln";
    let mut n = 0;
    for alg in &KEY_ALGORITHMS[1..] {
        for (i, enc) in CONTENT_ALGORITHMS.iter().enumerate() {
            let zip = (i + n) % 2 == 0;
            let (enc_key, dec_key) = key_pair(alg, enc);
            let options = EncryptOptions {
                alg: alg.to_string(),
                enc: enc.to_string(),
                zip,
                cty: Some("JWT".into()),
                p2c: Some(1000),
            };
            let token = jwe::encrypt(
                plaintext.as_bytes(),
                &enc_key,
                SecretEncoding::Utf8,
                &options,
                &mut OsRng,
            )
            .unwrap_or_else(|e| panic!("{alg}/{enc}: {e}"));
            let header = header_of(&token);
            assert_eq!(header["alg"], *alg);
            assert_eq!(header["enc"], *enc);
            assert_eq!(header["cty"], "JWT");
            assert_eq!(header.contains_key("zip"), zip);
            let d = decrypt(&token, &dec_key);
            assert_eq!(d.status, JweStatus::Decrypted, "{alg}/{enc}: {}", d.message);
            assert_eq!(d.text(), Some(plaintext), "{alg}/{enc}");
            assert_eq!(d.nested.as_deref(), Some(plaintext), "{alg}/{enc}");
            n += 1;
        }
    }
    assert_eq!(n, 16 * 6);
}

#[test]
fn ecdh_es_round_trips_on_every_curve() {
    let x25519 = {
        let forms = key_export::convert(&x25519_private_jwk()).unwrap();
        (forms[0].public_jwk.clone(), x25519_private_pem())
    };
    let curves = [
        ec_pair("ES256").swap(),
        ec_pair("ES384").swap(),
        ec_pair("ES512").swap(),
        x25519,
    ];
    for (public, private) in &curves {
        for (alg, enc) in [
            ("ECDH-ES", "A256GCM"),
            ("ECDH-ES", "A256CBC-HS512"),
            ("ECDH-ES+A128KW", "A128CBC-HS256"),
            ("ECDH-ES+A192KW", "A192GCM"),
            ("ECDH-ES+A256KW", "A128GCM"),
        ] {
            let token = encrypt(b"{\"sub\":\"x\"}", public, alg, enc, true);
            let epk = &header_of(&token)["epk"];
            assert!(epk["crv"].is_string() && epk.get("d").is_none());
            let d = decrypt(&token, private);
            assert_eq!(d.status, JweStatus::Decrypted, "{alg}/{enc}: {}", d.message);
            assert_eq!(d.text(), Some("{\"sub\":\"x\"}"));
        }
    }
}

#[test]
fn keys_in_other_forms_round_trip() {
    // RSA as SPKI PEM to encrypt and PKCS#8 PEM to decrypt.
    let forms = key_export::convert(&rsa_private()).unwrap();
    let token = encrypt(
        b"pem",
        forms[0].public_pem.as_ref().unwrap(),
        "RSA-OAEP-256",
        "A128GCM",
        false,
    );
    assert_eq!(
        decrypt(&token, forms[0].private_pem.as_ref().unwrap()).text(),
        Some("pem")
    );
    // A shared key typed as hex text.
    let options = EncryptOptions {
        alg: "A192KW".into(),
        enc: "A192CBC-HS384".into(),
        zip: false,
        cty: None,
        p2c: None,
    };
    let hex_key = "000102030405060708090a0b0c0d0e0f1011121314151617";
    let token = jwe::encrypt(b"hex", hex_key, SecretEncoding::Hex, &options, &mut OsRng).unwrap();
    let d = jwe::decrypt(&token, hex_key, SecretEncoding::Hex);
    assert_eq!(d.text(), Some("hex"), "{}", d.message);
    assert!(d.key_used.unwrap().contains("hex"));
    // The same text read as UTF-8 is 48 bytes: not a 192-bit key.
    expect(
        &decrypt(&token, hex_key),
        JweStatus::KeyError,
        &["24-byte", "48 bytes"],
    );
}

#[test]
fn pbes2_defaults_to_a_costly_p2c_and_random_salt() {
    let options = EncryptOptions {
        alg: "PBES2-HS256+A128KW".into(),
        enc: "A128GCM".into(),
        zip: false,
        cty: None,
        p2c: None,
    };
    let a = jwe::encrypt(b"pw", "hunter2", SecretEncoding::Utf8, &options, &mut OsRng).unwrap();
    let b = jwe::encrypt(b"pw", "hunter2", SecretEncoding::Utf8, &options, &mut OsRng).unwrap();
    let (ha, hb) = (header_of(&a), header_of(&b));
    assert_eq!(ha["p2c"], 600_000);
    assert_eq!(jwe::default_p2c("PBES2-HS512+A256KW"), 210_000);
    assert_ne!(ha["p2s"], hb["p2s"]);
    assert_eq!(
        base64url::decode_strict(ha["p2s"].as_str().unwrap())
            .unwrap()
            .len(),
        16
    );
    assert_eq!(decrypt(&a, "hunter2").text(), Some("pw"));
    // The password is the text's own bytes, whatever the encoding says.
    assert_eq!(
        jwe::decrypt(&a, "hunter2", SecretEncoding::Hex).text(),
        Some("pw")
    );
}

#[test]
fn x25519_keys_are_read_in_every_form() {
    let KeyText::Keys { keys, .. } = keys::parse_key_text(&x25519_private_pem()).unwrap() else {
        panic!("not a key");
    };
    assert_eq!(
        keys[0].material,
        KeyMaterial::X25519(hex(X25519_X).try_into().unwrap())
    );
    assert!(matches!(keys[0].private, Some(PrivateKey::X25519(_))));
    assert_eq!(keys[0].material.describe(), "X25519");
    let KeyText::Keys { keys: jwk_keys, .. } = keys::parse_key_text(&x25519_private_jwk()).unwrap()
    else {
        panic!("not a key");
    };
    assert_eq!(jwk_keys[0].material, keys[0].material);
    assert_eq!(jwk_keys[0].private, keys[0].private);
    // The key tool's forms read back as the same key.
    let forms = key_export::convert(&x25519_private_jwk()).unwrap();
    for text in [
        forms[0].public_pem.clone().unwrap(),
        forms[0].private_pem.clone().unwrap(),
        forms[0].public_jwk.clone(),
    ] {
        let KeyText::Keys { keys: again, .. } = keys::parse_key_text(&text).unwrap() else {
            panic!("not a key");
        };
        assert_eq!(again[0].material, keys[0].material, "{text}");
    }
    // A JWK whose d does not match x is kept public only.
    let mut bad: Value = serde_json::from_str(&x25519_private_jwk()).unwrap();
    bad["d"] = Value::String(base64url::encode(&[9u8; 32]));
    let KeyText::Keys { keys: bad, .. } = keys::parse_key_text(&bad.to_string()).unwrap() else {
        panic!("not a key");
    };
    assert_eq!(bad[0].private, None);
}

#[test]
fn jwk_sets_pick_by_kid_or_try_what_fits() {
    let k1 = json!({"kty": "oct", "kid": "one", "k": base64url::encode(&[1u8; 16])});
    let k2 = json!({"kty": "oct", "kid": "two", "k": base64url::encode(&[2u8; 16])});
    let set = json!({"keys": [k1, k2]}).to_string();
    let token = encrypt(b"set", &k2.to_string(), "A128KW", "A128GCM", false);
    assert_eq!(header_of(&token)["kid"], "two");
    let d = decrypt(&token, &set);
    assert_eq!(d.text(), Some("set"));
    assert!(d.key_used.unwrap().contains("\"two\""));
    // An unknown kid: every key that fits is tried, and that is said.
    let mut header = header_of(&token);
    header.insert("kid".into(), "three".into());
    let d = decrypt(&with_header(&token, &header), &set);
    expect(&d, JweStatus::Failed, &["none of the 2 keys"]);
    assert!(
        d.notes.iter().any(|n| n.contains("\"three\"")),
        "{:?}",
        d.notes
    );
}

// ---------------------------------------------------------------------------
// Refusals

#[test]
fn tampering_with_any_part_fails() {
    for (alg, enc) in [
        ("dir", "A256GCM"),
        ("A128KW", "A128CBC-HS256"),
        ("ECDH-ES", "A192CBC-HS384"),
    ] {
        let (enc_key, dec_key) = key_pair(alg, enc);
        let token = encrypt(b"tamper with me", &enc_key, alg, enc, false);
        assert_eq!(decrypt(&token, &dec_key).status, JweStatus::Decrypted);
        for (n, what) in [(2, "iv"), (3, "ciphertext"), (4, "tag")] {
            let part = token.split('.').nth(n).unwrap();
            let d = decrypt(&with_part(&token, n, &flip_bit(part)), &dec_key);
            expect(&d, JweStatus::Failed, &["tag does not verify", what]);
        }
        // The AAD: a header member added (still valid JSON, same keys).
        let mut header = header_of(&token);
        header.insert("x".into(), 1.into());
        let d = decrypt(&with_header(&token, &header), &dec_key);
        expect(&d, JweStatus::Failed, &["tag does not verify", "header"]);
        // A truncated tag is refused for its length.
        let tag = token.split('.').nth(4).unwrap();
        let short = base64url::decode_strict(tag).unwrap();
        let d = decrypt(
            &with_part(&token, 4, &base64url::encode(&short[..12])),
            &dec_key,
        );
        expect(&d, JweStatus::Failed, &["authentication tag (part 5)"]);
    }
}

#[test]
fn wrong_keys_fail() {
    // A shared key of the right size, but not the one.
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    expect(&decrypt(&token, &oct(16, 2)), JweStatus::Failed, &["wrong"]);
    let token = encrypt(b"x", &oct(32, 1), "A256GCMKW", "A128GCM", false);
    expect(&decrypt(&token, &oct(32, 2)), JweStatus::Failed, &["wrong"]);
    let token = encrypt(b"x", &oct(16, 1), "dir", "A128GCM", false);
    expect(
        &decrypt(&token, &oct(16, 2)),
        JweStatus::Failed,
        &["key is wrong"],
    );
    // Another RSA private key.
    let other_rsa = rfc_vector("rfc7516-a.1-rsa-oaep-a256gcm")["key"].to_string();
    let (public, _) = key_pair("RSA-OAEP", "A128GCM");
    let token = encrypt(b"x", &public, "RSA-OAEP", "A128GCM", false);
    expect(
        &decrypt(&token, &other_rsa),
        JweStatus::Failed,
        &["RSA private key does not unwrap"],
    );
    // Another P-256 private key.
    let token = encrypt(b"x", &ec_pair("ES256").1, "ECDH-ES", "A128GCM", false);
    let other = keygen::generate("ES256", 2048, &mut OsRng)
        .unwrap()
        .private_text;
    expect(
        &decrypt(&token, &other),
        JweStatus::Failed,
        &["key is wrong"],
    );
}

#[test]
fn wrong_password_fails() {
    let token = encrypt(b"x", "right", "PBES2-HS384+A192KW", "A256GCM", false);
    expect(
        &decrypt(&token, "wrong"),
        JweStatus::Failed,
        &["wrong password"],
    );
    assert_eq!(decrypt(&token, "right").text(), Some("x"));
}

fn pbes2_token(p2c: u64) -> String {
    pbes2_with(&[7u8; 16], p2c.into())
}

#[test]
fn costly_p2c_is_refused_and_a_low_one_noted() {
    let d = decrypt(&pbes2_token(2_000_000), "pw");
    expect(
        &d,
        JweStatus::Unsupported,
        &["refused", "2000000", "1000000"],
    );
    let p2c = d.header.iter().find(|r| r.name == "p2c").unwrap();
    assert!(p2c.meaning.contains("refused"), "{}", p2c.meaning);
    let d = decrypt(&pbes2_token(10), "pw");
    assert_eq!(d.status, JweStatus::Failed);
    assert!(
        d.notes.iter().any(|n| n.contains("at least 1000")),
        "{:?}",
        d.notes
    );
    // Encryption never writes a p2c outside the limits either.
    let options = EncryptOptions {
        alg: "PBES2-HS256+A128KW".into(),
        enc: "A128GCM".into(),
        zip: false,
        cty: None,
        p2c: Some(2_000_000),
    };
    assert!(jwe::encrypt(b"x", "pw", SecretEncoding::Utf8, &options, &mut OsRng).is_err());
}

#[test]
fn a_compression_bomb_is_refused() {
    let key = oct(32, 5);
    let zeros = vec![0u8; 20 * 1024 * 1024];
    let token = encrypt(&zeros, &key, "dir", "A256GCM", true);
    assert!(token.len() < 100_000, "{}", token.len());
    let d = decrypt(&token, &key);
    expect(&d, JweStatus::Failed, &["refused", "10 MB"]);
    // Just under the cap still inflates.
    let token = encrypt(&zeros[..jwe::MAX_INFLATED], &key, "dir", "A256GCM", true);
    assert_eq!(
        decrypt(&token, &key).plaintext.map(|p| p.len()),
        Some(jwe::MAX_INFLATED)
    );
}

#[test]
fn invalid_curve_points_are_refused() {
    let (public, private) = ec_pair("ES256").swap();
    let token = encrypt(b"x", &public, "ECDH-ES+A128KW", "A128GCM", false);
    let mut header = header_of(&token);
    let y = header["epk"]["y"].as_str().unwrap().to_string();
    header["epk"]["y"] = Value::String(flip_bit(&y));
    let d = decrypt(&with_header(&token, &header), &private);
    expect(&d, JweStatus::Failed, &["refused", "not a point on P-256"]);
    // X25519: a low-order point gives an all-zero secret.
    let token = encrypt(
        b"x",
        &key_export::convert(&x25519_private_jwk()).unwrap()[0].public_jwk,
        "ECDH-ES",
        "A128GCM",
        false,
    );
    let mut header = header_of(&token);
    header["epk"]["x"] = Value::String(base64url::encode(&[0u8; 32]));
    let d = decrypt(&with_header(&token, &header), &x25519_private_jwk());
    expect(&d, JweStatus::Failed, &["refused", "all zeros"]);
    // An epk on another curve than the key.
    let (_, p384) = ec_pair("ES384").swap();
    expect(
        &decrypt(&token, &p384),
        JweStatus::KeyError,
        &["X25519", "P-384"],
    );
}

#[test]
fn unknown_crit_is_refused() {
    let key = oct(16, 1);
    let token = encrypt(b"x", &key, "dir", "A128GCM", false);
    let mut header = header_of(&token);
    header.insert("crit".into(), json!(["exp-ext"]));
    header.insert("exp-ext".into(), json!(1));
    let d = decrypt(&with_header(&token, &header), &key);
    expect(&d, JweStatus::Unsupported, &["refused", "\"exp-ext\""]);
}

#[test]
fn keys_that_do_not_fit_say_why() {
    let rsa = rsa_private();
    let token = encrypt(b"x", &oct(32, 1), "A256KW", "A128GCM", false);
    expect(
        &decrypt(&token, &rsa),
        JweStatus::KeyError,
        &["an RSA 2048-bit key cannot unwrap A256KW", "256-bit"],
    );
    expect(
        &decrypt(&token, &oct(16, 1)),
        JweStatus::KeyError,
        &["A256KW needs a 256-bit (32-byte) key", "16 bytes"],
    );
    let (public, _) = key_pair("RSA-OAEP", "A128GCM");
    let token = encrypt(b"x", &public, "RSA-OAEP", "A128GCM", false);
    expect(
        &decrypt(&token, &public),
        JweStatus::KeyError,
        &["public key", "private key"],
    );
    expect(
        &decrypt(&token, &ec_pair("ES256").0),
        JweStatus::KeyError,
        &["EC P-256", "RSA private key"],
    );
    expect(
        &decrypt(&token, "secret"),
        JweStatus::KeyError,
        &["shared key cannot be used for RSA-OAEP", "RSA private key"],
    );
    let token = encrypt(b"x", "pw", "PBES2-HS256+A128KW", "A128GCM", false);
    expect(&decrypt(&token, &rsa), JweStatus::KeyError, &["password"]);
    // A JWK's use and alg restrict it.
    let mut sig: Value = serde_json::from_str(&oct(16, 1)).unwrap();
    sig["use"] = "sig".into();
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    expect(
        &decrypt(&token, &sig.to_string()),
        JweStatus::KeyError,
        &["\"use\" is \"sig\""],
    );
    // Encryption says so too.
    let options = EncryptOptions {
        alg: "RSA-OAEP".into(),
        enc: "A128GCM".into(),
        zip: false,
        cty: None,
        p2c: None,
    };
    let e = jwe::encrypt(
        b"x",
        &oct(16, 1),
        SecretEncoding::Utf8,
        &options,
        &mut OsRng,
    )
    .unwrap_err();
    assert!(e.contains("RSA"), "{e}");
    let options = EncryptOptions {
        alg: "RSA1_5".into(),
        ..options
    };
    let e = jwe::encrypt(b"x", &public, SecretEncoding::Utf8, &options, &mut OsRng).unwrap_err();
    assert!(e.contains("deprecated"), "{e}");
}

#[test]
fn no_key_unknown_algorithms_and_malformed_tokens() {
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    expect(&decrypt(&token, "  "), JweStatus::NoKey, &["128-bit"]);
    let mut header = header_of(&token);
    header.insert("alg".into(), "A512KW".into());
    expect(
        &decrypt(&with_header(&token, &header), "k"),
        JweStatus::Unsupported,
        &["\"A512KW\""],
    );
    let mut header = header_of(&token);
    header.insert("enc".into(), "A128CCM".into());
    expect(
        &decrypt(&with_header(&token, &header), "k"),
        JweStatus::Unsupported,
        &["\"A128CCM\""],
    );
    let mut header = header_of(&token);
    header.insert("zip".into(), "GZ".into());
    expect(
        &decrypt(&with_header(&token, &header), "k"),
        JweStatus::Unsupported,
        &["\"GZ\""],
    );
    let mut header = header_of(&token);
    header.remove("enc");
    expect(
        &decrypt(&with_header(&token, &header), "k"),
        JweStatus::Malformed,
        &["\"enc\""],
    );
    // Where the problem is: part and character offset.
    let bad = with_part(&token, 3, "ab*c");
    let d = decrypt(&bad, "k");
    expect(
        &d,
        JweStatus::Malformed,
        &["ciphertext (part 4)", "character 2"],
    );
    let e = jwe::parse(&bad).unwrap_err();
    assert_eq!((e.part, e.offset), (Some(JwePart::Ciphertext), Some(2)));
    assert_eq!(d.parts.len(), 5);
    assert_eq!(d.parts[3].bytes, None);
    expect(&decrypt("a.b.c", "k"), JweStatus::Malformed, &["5 parts"]);
    // dir with an encrypted key present.
    let dir = encrypt(b"x", &oct(16, 1), "dir", "A128GCM", false);
    expect(
        &decrypt(&with_part(&dir, 1, "AAAA"), &oct(16, 1)),
        JweStatus::Malformed,
        &["must be empty"],
    );
}

#[test]
fn parts_and_header_are_explained() {
    let token = encrypt(b"hello", &oct(16, 1), "A128KW", "A128CBC-HS256", false);
    let d = decrypt(&token, &oct(16, 1));
    let sizes: Vec<(JwePart, Option<usize>)> = d.parts.iter().map(|p| (p.part, p.bytes)).collect();
    assert_eq!(
        sizes[1..],
        [
            (JwePart::EncryptedKey, Some(40)),
            (JwePart::Iv, Some(16)),
            (JwePart::Ciphertext, Some(16)),
            (JwePart::Tag, Some(16)),
        ]
    );
    assert!(
        d.header[0].meaning.contains("AES Key Wrap"),
        "{}",
        d.header[0].meaning
    );
    assert!(
        d.header[1].meaning.contains("HMAC-SHA-256"),
        "{}",
        d.header[1].meaning
    );
}

// ---------------------------------------------------------------------------
// Never panics

/// A few valid tokens and the keys that open them.
fn samples() -> &'static [(String, String, Vec<u8>)] {
    static SAMPLES: OnceLock<Vec<(String, String, Vec<u8>)>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        [
            ("dir", "A128GCM", true),
            ("A128KW", "A128CBC-HS256", false),
            ("ECDH-ES+A256KW", "A256GCM", true),
            ("PBES2-HS256+A128KW", "A192CBC-HS384", false),
            ("RSA-OAEP-256", "A256CBC-HS512", false),
        ]
        .iter()
        .map(|(alg, enc, zip)| {
            let (enc_key, dec_key) = key_pair(alg, enc);
            let plaintext = format!("{alg} {enc} payload").into_bytes();
            (
                encrypt(&plaintext, &enc_key, alg, enc, *zip),
                dec_key,
                plaintext,
            )
        })
        .collect()
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, char),
    Delete(usize, usize),
    Insert(usize, String),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (
            any::<usize>(),
            prop_oneof![Just('.'), Just('A'), Just('-'), Just('='), any::<char>()]
        )
            .prop_map(|(i, c)| Mutation::Replace(i, c)),
        (any::<usize>(), 0usize..8).prop_map(|(i, n)| Mutation::Delete(i, n)),
        (any::<usize>(), "[A-Za-z0-9_.=+/ -]{0,6}|\\PC{0,3}")
            .prop_map(|(i, s)| Mutation::Insert(i, s)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(token: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    for m in mutations {
        let len = chars.len().max(1);
        match m {
            Mutation::Replace(i, c) => {
                if !chars.is_empty() {
                    chars[i % len] = *c;
                }
            }
            Mutation::Delete(i, n) => {
                let at = (i % len).min(chars.len());
                let end = (at + n).min(chars.len());
                chars.drain(at..end);
            }
            Mutation::Insert(i, s) => {
                let at = (i % len).min(chars.len());
                chars.splice(at..at, s.chars());
            }
            Mutation::Truncate(i) => chars.truncate(i % len),
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in prop_oneof![any::<String>(), "[A-Za-z0-9_.-]{0,80}", "(e[A-Za-z0-9_-]{0,30}\\.){4}[A-Za-z0-9_-]{0,30}"], key in prop_oneof![Just(String::new()), any::<String>(), Just(oct(16, 1))]) {
        let _ = jwe::parse(&text);
        let d = jwe::decrypt(&text, &key, SecretEncoding::Utf8);
        prop_assert!(d.status != JweStatus::Decrypted);
        prop_assert!(d.plaintext.is_none());
    }

    #[test]
    fn mutated_tokens_never_panic_and_never_lie(which in 0usize..5, mutations in prop::collection::vec(mutation(), 1..4)) {
        let (token, key, plaintext) = &samples()[which];
        let mutated = mutate(token, &mutations);
        let _ = jwe::parse(&mutated);
        let d = jwe::decrypt(&mutated, key, SecretEncoding::Utf8);
        // Only the original content (e.g. after whitespace was inserted)
        // may come out.
        if d.status == JweStatus::Decrypted {
            prop_assert_eq!(d.plaintext.as_deref(), Some(&plaintext[..]));
        } else {
            prop_assert!(d.plaintext.is_none());
        }
        // The page's hand-written reader reads every outcome as the
        // worker's derived one does.
        let answer = engine::encode(&Message {
            seq: 3,
            body: Response::Decrypted { decryption: d, key_summary: vec!["k".into()] },
        });
        let derived: Message<Response> = serde_json::from_str(&answer).unwrap();
        prop_assert_eq!(engine::read_response(&answer), Some(derived));
    }
}

// ---------------------------------------------------------------------------
// Each decision at its edge

#[test]
fn statuses_parts_and_limits_have_their_names_and_values() {
    let statuses = [
        JweStatus::Decrypted,
        JweStatus::Failed,
        JweStatus::NoKey,
        JweStatus::KeyError,
        JweStatus::Unsupported,
        JweStatus::Malformed,
    ];
    let names: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "decrypted",
            "failed",
            "no-key",
            "key-error",
            "unsupported",
            "failed"
        ]
    );
    let parts: Vec<(&str, usize)> = JwePart::ALL
        .iter()
        .map(|p| (p.name(), p.number()))
        .collect();
    assert_eq!(
        parts,
        [
            ("protected header", 1),
            ("encrypted key", 2),
            ("initialization vector", 3),
            ("ciphertext", 4),
            ("authentication tag", 5)
        ]
    );
    assert_eq!(jwe::default_p2c("PBES2-HS256+A128KW"), 600_000);
    assert_eq!(jwe::default_p2c("PBES2-HS384+A192KW"), 210_000);
    assert_eq!(jwe::MAX_INFLATED, 10_485_760);
    let shared: Vec<&str> = KEY_ALGORITHMS
        .iter()
        .copied()
        .filter(|a| jwe::uses_shared_key(a))
        .collect();
    assert_eq!(
        shared,
        [
            "A128KW",
            "A192KW",
            "A256KW",
            "dir",
            "A128GCMKW",
            "A192GCMKW",
            "A256GCMKW"
        ]
    );
    assert!(!jwe::uses_shared_key("A512KW"));
}

#[test]
fn without_a_key_each_algorithm_asks_for_its_own() {
    let (rsa_public, _) = key_pair("RSA-OAEP", "A128GCM");
    let (ec_public, _) = key_pair("ECDH-ES", "A128GCM");
    for (alg, enc, key, wanted, paste) in [
        ("RSA-OAEP", "A128GCM", rsa_public.clone(), "Enter the recipient's RSA private key (PEM or JWK) to decrypt it.", "Paste an RSA private key to decrypt this RSA-OAEP token."),
        ("ECDH-ES", "A128GCM", ec_public.clone(), "Enter the recipient's EC or X25519 private key (PEM or JWK) to decrypt it.", "Paste an EC (P-256, P-384, P-521) or X25519 private key to decrypt this ECDH-ES token."),
        ("ECDH-ES+A128KW", "A128GCM", ec_public, "Enter the recipient's EC or X25519 private key (PEM or JWK) to decrypt it.", "Paste an EC (P-256, P-384, P-521) or X25519 private key to decrypt this ECDH-ES+A128KW token."),
        ("A192KW", "A128GCM", oct(24, 1), "Enter the shared key (a JWK of kty oct, or its bytes as text with their encoding) to decrypt it.", "Paste a 192-bit (24-byte) shared key to decrypt this A192KW token."),
        ("A128GCMKW", "A128GCM", oct(16, 1), "Enter the shared key (a JWK of kty oct, or its bytes as text with their encoding) to decrypt it.", "Paste a 128-bit (16-byte) shared key to decrypt this A128GCMKW token."),
        ("dir", "A128CBC-HS256", oct(32, 1), "Enter the shared key (a JWK of kty oct, or its bytes as text with their encoding) to decrypt it.", "Paste a 256-bit (32-byte) shared key, the content key itself to decrypt this dir token."),
        ("PBES2-HS256+A128KW", "A128GCM", "pw".to_string(), "Enter the password to decrypt it.", "Paste a password to decrypt this PBES2-HS256+A128KW token."),
    ] {
        let token = encrypt(b"x", &key, alg, enc, false);
        let d = jwe::describe(&token);
        assert_eq!(d.status, JweStatus::NoKey, "{alg}: {}", d.message);
        assert_eq!(d.message, wanted, "{alg}");
        let d = decrypt(&token, "");
        assert_eq!(d.status, JweStatus::NoKey, "{alg}");
        assert_eq!(d.message, paste, "{alg}");
    }
}

#[test]
fn parse_errors_give_part_and_token_offsets() {
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    let lens: Vec<usize> = token.split('.').map(str::len).collect();
    let e = jwe::parse(&with_part(&token, 3, "ab*c")).unwrap_err();
    assert_eq!(e.offset, Some(2));
    assert_eq!(e.token_offset, Some(lens[0] + lens[1] + lens[2] + 3 + 2));
    assert_eq!(
        e.to_string(),
        format!("The ciphertext (part 4) has '*' at character 2 of the part (character {} of the token), which is not base64url. Only A–Z, a–z, 0–9, '-' and '_' may appear, without '=' padding.", lens[0] + lens[1] + lens[2] + 5)
    );
    let e = jwe::parse(&with_part(&token, 1, "a\u{e9}")).unwrap_err();
    assert_eq!((e.part, e.offset), (Some(JwePart::EncryptedKey), Some(1)));
    assert_eq!(e.token_offset, Some(lens[0] + 2));
    assert!(
        e.message
            .starts_with("has U+00E9 at character 1 of the part"),
        "{e}"
    );
    // Stray bits in the last character.
    let e = jwe::parse(&with_part(&token, 2, "AB")).unwrap_err();
    assert_eq!((e.part, e.offset), (Some(JwePart::Iv), Some(1)));
    assert_eq!(e.token_offset, Some(lens[0] + lens[1] + 2 + 1));
    assert_eq!(
        e.to_string(),
        "The initialization vector (part 3) ends with a character that has stray bits set (character 1); the part was probably edited or truncated."
    );
    let e = jwe::parse(&with_part(&token, 4, "A")).unwrap_err();
    assert_eq!(e.part, Some(JwePart::Tag));
    assert_eq!(
        e.message,
        "is 1 characters long, which no base64url encoding produces; the part may be truncated."
    );
    // '-' and '_' are base64url.
    let p = jwe::parse(&with_part(&token, 3, "-_-_")).unwrap();
    assert_eq!(p.ciphertext, [0xfb, 0xff, 0xbf]);
    assert_eq!(p.parts[3].chars, 4);
    assert_eq!(jwe::part_sizes(&with_part(&token, 3, "-_*")).len(), 5);
    assert_eq!(jwe::part_sizes("a.b.c.d"), Vec::new());
}

fn explained(header: Value) -> Vec<(String, String, String)> {
    jwe::explain_header(header.as_object().unwrap())
        .into_iter()
        .map(|r| (r.name, r.value, r.meaning))
        .collect()
}

fn meaning_of(header: Value, name: &str) -> String {
    explained(header)
        .into_iter()
        .find(|(n, ..)| n == name)
        .unwrap()
        .2
}

const NOT_INTERPRETED: &str = "A header parameter this debugger does not interpret.";

#[test]
fn every_header_member_is_explained() {
    let rows = explained(json!({
        "alg": "ECDH-ES+A192KW",
        "enc": "A192CBC-HS384",
        "zip": "DEF",
        "epk": {"kty": "EC", "crv": "P-256"},
        "apu": "QWxpY2U",
        "apv": "Qm9i",
        "kid": "k1",
        "cty": "jwt",
        "typ": "JOSE",
        "crit": ["x"],
        "jku": "https://example.com/keys",
        "x5u": "https://example.com/cert",
        "jwk": {},
        "x5c": [],
        "x5t": "AA",
        "x5t#S256": "AA",
        "iv": "AA",
        "tag": "AA",
        "other": 1,
    }));
    let meaning = |name: &str| rows.iter().find(|r| r.0 == name).unwrap().2.clone();
    assert_eq!(meaning("alg"), "Key management: a 192-bit key agreed by ECDH (epk and the recipient's key) wraps the content key (AES Key Wrap).");
    assert_eq!(meaning("enc"), "Content encryption: AES-192-CBC, authenticated with HMAC-SHA-384 over the header, IV and ciphertext (tag of 24 bytes).");
    assert_eq!(meaning("zip"), "The plaintext was compressed with DEFLATE (RFC 1951) before encryption; it is inflated after decryption (at most 10 MB).");
    assert_eq!(meaning("epk"), "The sender's ephemeral public key (EC P-256), made for this token: combined with the recipient's private key (ECDH) it gives the key-encryption key. It must be a point on its curve.");
    assert_eq!(
        meaning("apu"),
        "Agreement PartyUInfo: information about the sender, mixed into the ECDH key derivation."
    );
    assert_eq!(meaning("apv"), "Agreement PartyVInfo: information about the recipient, mixed into the ECDH key derivation.");
    assert_eq!(
        meaning("kid"),
        "Which of the recipient's keys the content key was encrypted to."
    );
    assert_eq!(
        meaning("cty"),
        "The plaintext is itself a JWT (a nested, usually signed, token)."
    );
    assert_eq!(meaning("typ"), "The media type of the whole token.");
    assert_eq!(
        meaning("crit"),
        "Extensions the recipient must understand, or else reject the token."
    );
    for url in ["jku", "x5u"] {
        assert_eq!(meaning(url), "A URL for the recipient's key; a server must never fetch keys from where a token says.");
    }
    for key in ["jwk", "x5c", "x5t", "x5t#S256"] {
        assert_eq!(meaning(key), "The recipient's public key or certificate (for choosing a key, never for trusting it).", "{key}");
    }
    // Not a GCM key wrap, so iv and tag mean nothing here.
    assert_eq!(meaning("iv"), NOT_INTERPRETED);
    assert_eq!(meaning("tag"), NOT_INTERPRETED);
    assert_eq!(meaning("other"), NOT_INTERPRETED);
    let values: Vec<&str> = rows.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(values[0], "ECDH-ES+A192KW");
    assert_eq!(values[3], r#"{"kty":"EC","crv":"P-256"}"#);
    assert_eq!(values[18], "1");
    let gcmkw =
        json!({"alg": "A256GCMKW", "iv": "AA", "tag": "AA", "cty": "text/plain", "zip": "GZ"});
    assert_eq!(
        meaning_of(gcmkw.clone(), "iv"),
        "The IV of the AES-GCM key wrap (not the content's IV, which is part 3)."
    );
    assert_eq!(
        meaning_of(gcmkw.clone(), "tag"),
        "The tag of the AES-GCM key wrap (not the content's tag, which is part 5)."
    );
    assert_eq!(
        meaning_of(gcmkw.clone(), "cty"),
        "The media type of the plaintext."
    );
    assert_eq!(
        meaning_of(gcmkw.clone(), "zip"),
        "A compression this debugger does not know (only DEF is registered)."
    );
    assert_eq!(meaning_of(gcmkw, "alg"), "Key management: the content key is encrypted with a shared 256-bit key using AES-GCM (header iv and tag).");
    assert_eq!(meaning_of(json!({"iv": "AA"}), "iv"), NOT_INTERPRETED);
}

#[test]
fn every_algorithm_is_explained() {
    let alg = |a: &str| meaning_of(json!({ "alg": a }), "alg");
    assert_eq!(alg("RSA1_5"), "Key management: the content key is encrypted to the recipient's RSA key with PKCS#1 v1.5 padding (deprecated: padding oracles).");
    assert_eq!(alg("RSA-OAEP"), "Key management: the content key is encrypted to the recipient's RSA key with OAEP (SHA-1).");
    assert_eq!(alg("RSA-OAEP-256"), "Key management: the content key is encrypted to the recipient's RSA key with OAEP (SHA-256).");
    assert_eq!(alg("A192KW"), "Key management: the content key is wrapped with a shared 192-bit key (AES Key Wrap, RFC 3394).");
    assert_eq!(
        alg("dir"),
        "Key management: the shared key is the content key itself (no encrypted key)."
    );
    assert_eq!(alg("ECDH-ES"), "Key management: the content key is agreed by ECDH between the sender's ephemeral key (epk) and the recipient's key (no encrypted key).");
    assert_eq!(alg("PBES2-HS384+A192KW"), "Key management: a 192-bit key derived from a password with PBKDF2 (salt p2s, p2c iterations) wraps the content key.");
    assert_eq!(
        alg("A512KW"),
        "A key management algorithm this debugger does not know."
    );
    let enc = |e: &str| meaning_of(json!({ "enc": e }), "enc");
    assert_eq!(enc("A256CBC-HS512"), "Content encryption: AES-256-CBC, authenticated with HMAC-SHA-512 over the header, IV and ciphertext (tag of 32 bytes).");
    assert_eq!(enc("A128GCM"), "Content encryption: AES-128-GCM, which authenticates the header and ciphertext (16-byte tag).");
    assert_eq!(
        enc("A128CCM"),
        "A content encryption this debugger does not know."
    );
    let p2 = |p2c: u64| meaning_of(json!({"p2s": "AAAAAAAAAAA", "p2c": p2c}), "p2c");
    assert_eq!(meaning_of(json!({"p2s": "AAAAAAAAAAA"}), "p2s"), "PBES2 salt (8 bytes): random per token, so the same password gives a different key each time.");
    assert_eq!(p2(999), "PBES2 iteration count: each password guess costs 999 rounds of PBKDF2. Fewer than the 1000 RFC 7518 asks for: guessing passwords is cheap.");
    assert_eq!(
        p2(1000),
        "PBES2 iteration count: each password guess costs 1000 rounds of PBKDF2."
    );
    assert_eq!(
        p2(1_000_000),
        "PBES2 iteration count: each password guess costs 1000000 rounds of PBKDF2."
    );
    assert_eq!(p2(1_000_001), "PBES2 iteration count: each password guess costs 1000001 rounds of PBKDF2. More than the 1000000 this debugger runs, so it is refused.");
}

/// A PBES2 token (never decrypted here) with this salt and count.
fn pbes2_with(p2s: &[u8], p2c: Value) -> String {
    let header = json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2s": base64url::encode(p2s), "p2c": p2c});
    format!(
        "{}.{}.{}.{}.{}",
        base64url::encode(header.to_string().as_bytes()),
        base64url::encode(&[0u8; 24]),
        base64url::encode(&[0u8; 12]),
        base64url::encode(b"ciphertext"),
        base64url::encode(&[0u8; 16]),
    )
}

#[test]
fn pbes2_salt_and_count_limits_are_inclusive() {
    let low = |p2c: u64| {
        format!("\"p2c\" is {p2c}: RFC 7518 §4.8.1.2 asks for at least 1000 iterations, so each password guess costs an attacker little.")
    };
    let d = jwe::describe(&pbes2_with(&[1; 8], 1000.into()));
    assert_eq!(d.status, JweStatus::NoKey, "{}", d.message);
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    let d = jwe::describe(&pbes2_with(&[1; 8], 999.into()));
    assert_eq!(d.status, JweStatus::NoKey);
    assert_eq!(d.notes, [low(999)]);
    let d = jwe::describe(&pbes2_with(&[1; 8], 1.into()));
    assert_eq!(d.notes, [low(1)]);
    let d = jwe::describe(&pbes2_with(&[1; 8], 1_000_000.into()));
    assert_eq!(d.status, JweStatus::NoKey, "{}", d.message);
    let d = jwe::describe(&pbes2_with(&[1; 8], 1_000_001.into()));
    assert_eq!(d.status, JweStatus::Unsupported);
    assert_eq!(d.message, "Refused: \"p2c\" asks for 1000001 PBKDF2 iterations; this debugger runs at most 1000000, since a token could otherwise keep it busy for minutes.");
    let d = jwe::describe(&pbes2_with(&[1; 8], 0.into()));
    assert_eq!(d.status, JweStatus::Malformed);
    assert_eq!(d.message, "\"p2c\" must be a positive whole number.");
    let d = jwe::describe(&pbes2_with(&[1; 7], 1000.into()));
    assert_eq!(d.status, JweStatus::Malformed);
    assert_eq!(
        d.message,
        "\"p2s\" is 7 bytes; RFC 7518 §4.8.1.1 requires a salt of at least 8."
    );
}

#[test]
fn gcm_key_wrap_iv_and_tag_lengths_are_checked() {
    let token = encrypt(b"x", &oct(16, 1), "A128GCMKW", "A128GCM", false);
    let with = |iv: usize, tag: usize| {
        let mut header = header_of(&token);
        header.insert("iv".into(), base64url::encode(&vec![1u8; iv]).into());
        header.insert("tag".into(), base64url::encode(&vec![1u8; tag]).into());
        jwe::describe(&with_header(&token, &header))
    };
    let d = with(12, 15);
    assert_eq!(d.status, JweStatus::Failed);
    assert_eq!(
        d.message,
        "The key wrap's \"iv\" and \"tag\" must be 12 and 16 bytes; they are 12 and 15."
    );
    assert_eq!(
        with(11, 16).message,
        "The key wrap's \"iv\" and \"tag\" must be 12 and 16 bytes; they are 11 and 16."
    );
    assert_eq!(with(12, 16).status, JweStatus::NoKey);
}

#[test]
fn epk_must_be_a_whole_key_on_a_known_curve() {
    let (public, private) = key_pair("ECDH-ES", "A128GCM");
    let token = encrypt(b"x", &public, "ECDH-ES", "A128GCM", false);
    let with_epk = |change: &dyn Fn(&mut Value)| {
        let mut header = header_of(&token);
        change(header.get_mut("epk").unwrap());
        decrypt(&with_header(&token, &header), &private)
    };
    let shorten = |name: &'static str| {
        move |epk: &mut Value| {
            let bytes = base64url::decode_strict(epk[name].as_str().unwrap()).unwrap();
            epk[name] = base64url::encode(&bytes[1..]).into();
        }
    };
    for name in ["x", "y"] {
        let d = with_epk(&shorten(name));
        assert_eq!(d.status, JweStatus::Malformed, "{name}");
        assert_eq!(
            d.message,
            "\"epk\": \"x\" and \"y\" must each be 32 bytes for P-256"
        );
    }
    let d = with_epk(&|epk: &mut Value| *epk = json!({"kty": "OKP", "crv": "Ed25519", "x": "AA"}));
    assert_eq!(d.status, JweStatus::Unsupported);
    assert_eq!(d.message, "\"epk\" is a OKP key on \"Ed25519\"; ECDH-ES here works with EC P-256, P-384, P-521 and OKP X25519.");
    let d = with_epk(&|epk: &mut Value| *epk = json!({}));
    assert_eq!(d.message, "\"epk\" is a typeless key on \"\"; ECDH-ES here works with EC P-256, P-384, P-521 and OKP X25519.");
    let d = with_epk(&|epk: &mut Value| {
        *epk = json!({"kty": "OKP", "crv": "X25519", "x": base64url::encode(&[9u8; 31])})
    });
    assert_eq!(d.status, JweStatus::Malformed);
    assert_eq!(d.message, "\"epk\": an X25519 \"x\" must be 32 bytes");
    let d = with_epk(&|epk: &mut Value| *epk = json!("key"));
    assert_eq!(d.message, "\"epk\": must be a JWK (a JSON object)");
    assert_eq!(decrypt(&token, &private).text(), Some("x"));
}

#[test]
fn how_many_keys_failed_is_said() {
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    let wrong = |seed: u8| serde_json::from_str::<Value>(&oct(16, seed)).unwrap();
    let d = decrypt(&token, &json!({"keys": [wrong(2), wrong(3)]}).to_string());
    expect(&d, JweStatus::Failed, &[]);
    assert_eq!(d.message, "None of the 2 keys that fit decrypts it: The shared key does not unwrap the content key: the key is wrong, or the encrypted key (part 2) was altered.");
    let d = decrypt(&token, &json!({"keys": [wrong(2)]}).to_string());
    assert_eq!(d.message, "The shared key does not unwrap the content key: the key is wrong, or the encrypted key (part 2) was altered.");
    // Keys that do not fit: the first reason, then the others as notes.
    let d = decrypt(&token, &json!({"keys": [serde_json::from_str::<Value>(&oct(24, 1)).unwrap(), serde_json::from_str::<Value>(&oct(32, 1)).unwrap()]}).to_string());
    assert_eq!(d.status, JweStatus::KeyError);
    assert_eq!(
        d.message,
        "A128KW needs a 128-bit (16-byte) key; the shared key is 24 bytes."
    );
    assert_eq!(
        d.notes,
        ["A128KW needs a 128-bit (16-byte) key; the shared key is 32 bytes."]
    );
    // The shared key as typed, named by how it was read.
    let text_key = "0123456789abcdef";
    let token = jwe::encrypt(
        b"typed",
        text_key,
        SecretEncoding::Utf8,
        &EncryptOptions {
            alg: "A128KW".into(),
            enc: "A128GCM".into(),
            zip: false,
            cty: None,
            p2c: None,
        },
        &mut OsRng,
    )
    .unwrap();
    let d = decrypt(&token, text_key);
    assert_eq!(
        d.key_used.as_deref(),
        Some("the shared key typed as UTF-8 text (16 bytes)")
    );
    let token = encrypt(b"pw", "{not json", "PBES2-HS256+A128KW", "A128GCM", false);
    let d = decrypt(&token, "{not json");
    assert_eq!(d.text(), Some("pw"), "{}", d.message);
    assert_eq!(d.key_used.as_deref(), Some("the password (9 bytes)"));
}

#[test]
fn key_text_that_cannot_be_read_is_not_taken_for_a_secret() {
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    let d = decrypt(&token, "{\"kty\":");
    assert_eq!(d.status, JweStatus::KeyError);
    assert!(
        d.message
            .starts_with("The key cannot be read: the key looks like JSON but is not valid JSON"),
        "{}",
        d.message
    );
    let options = EncryptOptions {
        alg: "A128KW".into(),
        enc: "A128GCM".into(),
        zip: false,
        cty: None,
        p2c: None,
    };
    let e = jwe::encrypt(
        b"x",
        "{\"kty\":",
        SecretEncoding::Utf8,
        &options,
        &mut OsRng,
    )
    .unwrap_err();
    assert!(
        e.starts_with("the key cannot be read: the key looks like JSON"),
        "{e}"
    );
}

#[test]
fn a_jwks_use_and_alg_restrict_it() {
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    let key = |member: &str, value: &str| {
        let mut k: Value = serde_json::from_str(&oct(16, 1)).unwrap();
        k[member] = value.into();
        k.to_string()
    };
    assert_eq!(decrypt(&token, &key("use", "enc")).text(), Some("x"));
    assert_eq!(decrypt(&token, &key("alg", "A128KW")).text(), Some("x"));
    let d = decrypt(&token, &key("alg", "A256KW"));
    assert_eq!(d.status, JweStatus::KeyError);
    assert_eq!(
        d.message,
        "The key's \"alg\" is \"A256KW\", so it must not be used for A128KW (RFC 7517 §4.4)."
    );
    // Only a key for dir may name the content encryption instead.
    assert_eq!(
        decrypt(&token, &key("alg", "A128GCM")).status,
        JweStatus::KeyError
    );
    let dir = encrypt(b"d", &oct(16, 1), "dir", "A128GCM", false);
    assert_eq!(decrypt(&dir, &key("alg", "A128GCM")).text(), Some("d"));
    assert_eq!(decrypt(&dir, &key("alg", "dir")).text(), Some("d"));
    let d = decrypt(&dir, &oct(15, 1));
    assert_eq!(
        d.message,
        "dir with A128GCM needs a 128-bit (16-byte) key; the shared key is 15 bytes."
    );
    // Encrypting obeys the same restrictions.
    let options = EncryptOptions {
        alg: "A128KW".into(),
        enc: "A128GCM".into(),
        zip: false,
        cty: None,
        p2c: None,
    };
    let e = jwe::encrypt(
        b"x",
        &key("use", "sig"),
        SecretEncoding::Utf8,
        &options,
        &mut OsRng,
    )
    .unwrap_err();
    assert_eq!(
        e,
        "The key's \"use\" is \"sig\", so it is not meant for encryption."
    );
}

#[test]
fn keys_of_the_wrong_kind_say_exactly_why() {
    let rsa = rsa_private();
    let token = encrypt(b"x", "pw", "PBES2-HS256+A128KW", "A128GCM", false);
    let d = decrypt(&token, &rsa);
    assert_eq!(d.message, "PBES2-HS256+A128KW derives its key from a password; an RSA 2048-bit key cannot be used. Type the password as text.");
    let (ec_public, _) = key_pair("ECDH-ES", "A128GCM");
    let token = encrypt(b"x", &ec_public, "ECDH-ES+A128KW", "A128GCM", false);
    let d = decrypt(&token, &ec_public);
    assert_eq!(d.status, JweStatus::KeyError);
    assert_eq!(d.message, "This is an EC P-256 public key; decrypting ECDH-ES+A128KW needs the recipient's private key.");
    let x_public = key_export::convert(&x25519_private_jwk()).unwrap()[0]
        .public_jwk
        .clone();
    let d = decrypt(&token, &x_public);
    assert_eq!(
        d.message,
        "The token's ephemeral key is on P-256, this key is X25519; ECDH needs both on one curve."
    );
    let x_token = encrypt(b"x", &x_public, "ECDH-ES", "A128GCM", false);
    let d = decrypt(&x_token, &x_public);
    assert_eq!(
        d.message,
        "This is an X25519 public key; decrypting ECDH-ES needs the recipient's private key."
    );
    assert_eq!(decrypt(&x_token, &x25519_private_pem()).text(), Some("x"));
    // Encrypting to a key of the wrong kind.
    let err = |key: &str, alg: &str| {
        let options = EncryptOptions {
            alg: alg.into(),
            enc: "A128GCM".into(),
            zip: false,
            cty: None,
            p2c: None,
        };
        jwe::encrypt(b"x", key, SecretEncoding::Utf8, &options, &mut OsRng).unwrap_err()
    };
    let (rsa_public, _) = key_pair("RSA-OAEP", "A128GCM");
    assert_eq!(
        err(&rsa_public, "A128KW"),
        "An RSA 2048-bit key cannot be used for A128KW: it needs a 128-bit (16-byte) shared key."
    );
    assert_eq!(
        err(&ec_public, "RSA-OAEP"),
        "An EC P-256 key cannot be used for RSA-OAEP: it needs an RSA public key."
    );
    assert_eq!(err(&rsa_public, "ECDH-ES"), "An RSA 2048-bit key cannot be used for ECDH-ES: it needs an EC (P-256, P-384, P-521) or X25519 public key.");
    assert_eq!(
        err("", "ECDH-ES"),
        "ECDH-ES needs an EC (P-256, P-384, P-521) or X25519 public key"
    );
}

#[test]
fn encryption_writes_the_keys_kid_and_checks_p2c() {
    let mut k: Value = serde_json::from_str(&oct(16, 1)).unwrap();
    k["kid"] = "shared-1".into();
    let token = encrypt(b"x", &k.to_string(), "A128KW", "A128GCM", false);
    assert_eq!(header_of(&token)["kid"], "shared-1");
    let mut rsa: Value = serde_json::from_str(&key_pair("RSA-OAEP", "A128GCM").0).unwrap();
    rsa["kid"] = "rsa-1".into();
    let token = encrypt(b"x", &rsa.to_string(), "RSA-OAEP-256", "A128GCM", false);
    assert_eq!(header_of(&token)["kid"], "rsa-1");
    let token = encrypt(b"x", &oct(16, 1), "A128KW", "A128GCM", false);
    assert!(!header_of(&token).contains_key("kid"));
    let with_p2c = |p2c: u32| {
        let options = EncryptOptions {
            alg: "PBES2-HS256+A128KW".into(),
            enc: "A128GCM".into(),
            zip: false,
            cty: None,
            p2c: Some(p2c),
        };
        jwe::encrypt(b"x", "pw", SecretEncoding::Utf8, &options, &mut OsRng)
    };
    assert_eq!(
        with_p2c(999).unwrap_err(),
        "p2c must be between 1000 and 1000000; it is 999"
    );
    assert_eq!(
        with_p2c(1_000_001).unwrap_err(),
        "p2c must be between 1000 and 1000000; it is 1000001"
    );
}

#[test]
fn encryption_accepts_the_largest_p2c() {
    // A million PBKDF2 rounds: seconds of work, kept in a test of its own.
    let options = EncryptOptions {
        alg: "PBES2-HS256+A128KW".into(),
        enc: "A128GCM".into(),
        zip: false,
        cty: None,
        p2c: Some(1_000_000),
    };
    let token = jwe::encrypt(b"x", "pw", SecretEncoding::Utf8, &options, &mut OsRng).unwrap();
    assert_eq!(header_of(&token)["p2c"], 1_000_000);
}

#[test]
fn ecdh_es_with_a_64_byte_content_key_matches_an_independent_sender() {
    // The sender's side written out here from RFC 7518 §4.6 and §5.2 with
    // the primitives themselves: ECDH on P-256, Concat KDF (two SHA-256
    // blocks, counters 1 and 2) and AES-256-CBC with HMAC-SHA-512.
    use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
    use hmac::{Hmac, Mac};
    use p256::elliptic_curve::sec1::ToEncodedPoint;
    use sha2::{Digest, Sha256, Sha512};
    let (private, public) = ec_pair("ES256");
    let KeyText::Keys { keys, .. } = keys::parse_key_text(&public).unwrap() else {
        panic!("not a key");
    };
    let KeyMaterial::Ec { point, .. } = &keys[0].material else {
        panic!("not EC");
    };
    let recipient = p256::PublicKey::from_sec1_bytes(point).unwrap();
    let ephemeral = p256::SecretKey::from_slice(&[0x11; 32]).unwrap();
    let z = p256::ecdh::diffie_hellman(ephemeral.to_nonzero_scalar(), recipient.as_affine());
    let mut other = Vec::new();
    other.extend_from_slice(&13u32.to_be_bytes());
    other.extend_from_slice(b"A256CBC-HS512");
    other.extend_from_slice(&[0; 8]);
    other.extend_from_slice(&512u32.to_be_bytes());
    let mut cek = Vec::new();
    for counter in [1u32, 2] {
        let mut h = Sha256::new();
        h.update(counter.to_be_bytes());
        h.update(z.raw_secret_bytes());
        h.update(&other);
        cek.extend_from_slice(&h.finalize());
    }
    let epk = ephemeral.public_key().to_encoded_point(false);
    let header = json!({
        "alg": "ECDH-ES",
        "enc": "A256CBC-HS512",
        "epk": {
            "kty": "EC",
            "crv": "P-256",
            "x": base64url::encode(epk.x().unwrap()),
            "y": base64url::encode(epk.y().unwrap()),
        },
    });
    let protected = base64url::encode(header.to_string().as_bytes());
    let iv = [4u8; 16];
    let ciphertext = cbc::Encryptor::<aes::Aes256>::new_from_slices(&cek[32..], &iv)
        .unwrap()
        .encrypt_padded_vec_mut::<Pkcs7>(b"two blocks of key");
    let mut mac = <Hmac<Sha512>>::new_from_slice(&cek[..32]).unwrap();
    mac.update(protected.as_bytes());
    mac.update(&iv);
    mac.update(&ciphertext);
    mac.update(&((protected.len() as u64) * 8).to_be_bytes());
    let tag = &mac.finalize().into_bytes()[..32];
    let token = format!(
        "{protected}..{}.{}.{}",
        base64url::encode(&iv),
        base64url::encode(&ciphertext),
        base64url::encode(tag)
    );
    let d = decrypt(&token, &private);
    assert_eq!(d.status, JweStatus::Decrypted, "{}", d.message);
    assert_eq!(d.text(), Some("two blocks of key"));
}

/// A dir/A128GCM token of `content` as it is, with `zip` in the header.
fn dir_gcm_token(key: &[u8; 16], content: &[u8], zip: bool) -> String {
    use aes_gcm::aead::{AeadInPlace, KeyInit};
    let mut header = json!({"alg": "dir", "enc": "A128GCM"});
    if zip {
        header["zip"] = "DEF".into();
    }
    let protected = base64url::encode(header.to_string().as_bytes());
    let iv = [3u8; 12];
    let mut buf = content.to_vec();
    let tag = aes_gcm::Aes128Gcm::new_from_slice(key)
        .unwrap()
        .encrypt_in_place_detached(&iv.into(), protected.as_bytes(), &mut buf)
        .unwrap();
    format!(
        "{protected}..{}.{}.{}",
        base64url::encode(&iv),
        base64url::encode(&buf),
        base64url::encode(&tag)
    )
}

#[test]
fn content_that_is_not_deflate_is_refused_after_it_authenticates() {
    let key = [5u8; 16];
    let jwk = json!({"kty": "oct", "k": base64url::encode(&key)}).to_string();
    let d = decrypt(&dir_gcm_token(&key, b"not deflate at all", true), &jwk);
    expect(&d, JweStatus::Failed, &[]);
    assert_eq!(d.message, "The content authenticates but is not valid DEFLATE data (RFC 1951), although \"zip\" is \"DEF\".");
    assert_eq!(
        d.key_used.as_deref(),
        Some("HMAC secret (16 bytes) from a JWK")
    );
    let d = decrypt(&dir_gcm_token(&key, b"plain", false), &jwk);
    assert_eq!(
        d.message,
        "Decrypted: the authentication tag verifies (5 bytes of plaintext)."
    );
}

#[test]
fn only_a_compact_jws_plaintext_is_nested() {
    let key = [6u8; 16];
    let jwk = json!({"kty": "oct", "k": base64url::encode(&key)}).to_string();
    let jws = jwt_debugger::core::SAMPLE_TOKEN;
    let nested =
        |content: &str| decrypt(&dir_gcm_token(&key, content.as_bytes(), false), &jwk).nested;
    assert_eq!(nested(jws).as_deref(), Some(jws));
    assert_eq!(nested(&format!(" {jws}\n")).as_deref(), Some(jws));
    assert_eq!(nested("x.y.z"), None);
    assert_eq!(nested("a.b"), None);
    assert_eq!(nested(&format!("{jws}.x")), None);
    assert_eq!(nested("plain text"), None);
}

#[test]
fn plaintext_is_text_only_when_it_is_utf8_and_travels_as_base64url() {
    let key = [7u8; 16];
    let jwk = json!({"kty": "oct", "k": base64url::encode(&key)}).to_string();
    let d = decrypt(&dir_gcm_token(&key, &[0xff, 0xfe], false), &jwk);
    assert_eq!(d.plaintext.as_deref(), Some(&[0xff, 0xfe][..]));
    assert_eq!(d.text(), None);
    let d = decrypt(&dir_gcm_token(&key, b"hi", false), &jwk);
    assert_eq!(d.text(), Some("hi"));
    let wire = serde_json::to_value(&d).unwrap();
    assert_eq!(wire["plaintext"], "aGk");
    let back: Decryption = serde_json::from_value(wire.clone()).unwrap();
    assert_eq!(back, d);
    let mut none = wire.clone();
    none["plaintext"] = Value::Null;
    let back: Decryption = serde_json::from_value(none).unwrap();
    assert_eq!(back.plaintext, None);
    let mut bad = wire;
    bad["plaintext"] = "a=".into();
    assert!(serde_json::from_value::<Decryption>(bad).is_err());
}

#[test]
fn a_one_block_key_wrap_is_refused_before_unwrapping() {
    // RFC 3394 wraps at least two 64-bit blocks; a valid wrap of a single
    // block must not reach the content decryption.
    let kek = [1u8; 16];
    let jwk = json!({"kty": "oct", "k": base64url::encode(&kek)}).to_string();
    let token = encrypt(b"x", &jwk, "A128KW", "A128GCM", false);
    let one_block = aes_kw::KekAes128::try_from(&kek[..])
        .unwrap()
        .wrap_vec(&[9u8; 8])
        .unwrap();
    assert_eq!(one_block.len(), 16);
    let d = decrypt(&with_part(&token, 1, &base64url::encode(&one_block)), &jwk);
    assert_eq!(d.status, JweStatus::Failed);
    assert_eq!(d.message, "The shared key does not unwrap the content key: the key is wrong, or the encrypted key (part 2) was altered.");
}

/// General JWE JSON to several recipients: one content key wrapped for
/// each key of a set (its alg and kid in its own header); each recipient's
/// own key opens it, as that recipient. `dir` cannot have several.
#[test]
fn general_json_goes_to_every_key_of_a_set() {
    let options = |alg: &str| EncryptOptions {
        alg: alg.into(),
        enc: "A256GCM".into(),
        zip: false,
        cty: Some("JWT".into()),
        p2c: None,
    };
    let mut privates = Vec::new();
    let mut publics = Vec::new();
    for kid in ["alice", "bob"] {
        let k = keygen::generate("ES256", 2048, &mut OsRng).unwrap();
        let forms = key_export::convert(&k.private_text).unwrap();
        let mut private: Value =
            serde_json::from_str(forms[0].private_jwk.as_ref().unwrap()).unwrap();
        private["kid"] = kid.into();
        let mut public: Value = serde_json::from_str(&forms[0].public_jwk).unwrap();
        public["kid"] = kid.into();
        privates.push(private.to_string());
        publics.push(public);
    }
    let set = json!({ "keys": publics }).to_string();
    let text = jwe::encrypt_general(
        b"eyJ.nested.token",
        &set,
        SecretEncoding::Utf8,
        &options("ECDH-ES+A128KW"),
        &mut OsRng,
    )
    .unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        Value::from(
            base64url::decode_strict(json["protected"].as_str().unwrap())
                .map(|b| String::from_utf8(b).unwrap())
        ),
        Value::from(r#"{"enc":"A256GCM","cty":"JWT"}"#)
    );
    let kids: Vec<&str> = json["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["header"]["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids, ["alice", "bob"]);
    for (i, private) in privates.iter().enumerate() {
        let d = decrypt(&text, private);
        assert_eq!(d.status, JweStatus::Decrypted, "{}", d.message);
        assert_eq!(d.plaintext.as_deref(), Some(&b"eyJ.nested.token"[..]));
        assert_eq!(d.recipients[i].status, JweStatus::Decrypted);
    }
    let shared = json!({"keys": [
        {"kty": "oct", "kid": "k1", "k": base64url::encode(&[1u8; 32])},
        {"kty": "oct", "kid": "k2", "k": base64url::encode(&[2u8; 32])},
    ]})
    .to_string();
    let text = jwe::encrypt_general(
        b"hello",
        &shared,
        SecretEncoding::Utf8,
        &options("A256KW"),
        &mut OsRng,
    )
    .unwrap();
    let second = json!({"kty": "oct", "kid": "k2", "k": base64url::encode(&[2u8; 32])}).to_string();
    let d = decrypt(&text, &second);
    assert_eq!(d.text(), Some("hello"));
    let rows: Vec<JweStatus> = d.recipients.iter().map(|r| r.status).collect();
    assert_eq!(rows[1], JweStatus::Decrypted);
    assert!(jwe::encrypt_general(
        b"x",
        &shared,
        SecretEncoding::Utf8,
        &options("dir"),
        &mut OsRng
    )
    .unwrap_err()
    .starts_with("dir uses the recipient's key as the content key"));
}

/// When no recipient opens a general JWE, the verdict is the most telling
/// recipient's: a key that fits but does not open, else a key that does not
/// fit, before a recipient with no key at all.
#[test]
fn a_general_jwe_nobody_opens_reports_its_most_telling_recipient() {
    let shared = json!({"keys": [
        {"kty": "oct", "kid": "k1", "k": base64url::encode(&[1u8; 32])},
        {"kty": "oct", "kid": "k2", "k": base64url::encode(&[2u8; 32])},
    ]})
    .to_string();
    let options = plain_options("A256KW", "A256GCM");
    let text = jwe::encrypt_general(
        b"hello",
        &shared,
        SecretEncoding::Utf8,
        &options,
        &mut OsRng,
    )
    .unwrap();
    // A recipient's own header is not authenticated: it can name any alg.
    let with_alg = |i: usize, alg: &str| {
        let mut json: Value = serde_json::from_str(&text).unwrap();
        json["recipients"][i]["header"]["alg"] = alg.into();
        json.to_string()
    };
    let expect = |token: String, key: &str, rows: [JweStatus; 2], recipient_2: &str| {
        let d = decrypt(&token, key);
        let got: Vec<JweStatus> = d.recipients.iter().map(|r| r.status).collect();
        assert_eq!(got, rows);
        assert_eq!(d.status, rows[1]);
        let opening = format!(
            "No recipient's key opens it. Of recipient 2 of 2 ({recipient_2}, kid \"k2\"): "
        );
        assert!(d.message.starts_with(&opening), "{}", d.message);
    };
    // Recipient 1: an RSA algorithm for a shared key; recipient 2: wrong key.
    let wrong = json!({"kty": "oct", "k": base64url::encode(&[9u8; 32])}).to_string();
    expect(
        with_alg(0, "RSA-OAEP"),
        &wrong,
        [JweStatus::KeyError, JweStatus::Failed],
        "A256KW",
    );
    // Recipient 1: no key of its kid; recipient 2: a key that does not fit.
    let only_k2 = json!({"keys": [
        {"kty": "oct", "kid": "k2", "k": base64url::encode(&[2u8; 32])},
    ]})
    .to_string();
    expect(
        with_alg(1, "RSA-OAEP"),
        &only_k2,
        [JweStatus::NoKey, JweStatus::KeyError],
        "RSA-OAEP",
    );
}

/// An X25519 key only agrees (ECDH-ES); for key wrapping it is the wrong
/// kind of key, named as such before anything is tried.
#[test]
fn an_x25519_key_does_not_unwrap() {
    let options = plain_options("A128KW", "A128GCM");
    let shared = json!({"kty": "oct", "k": base64url::encode(&[3u8; 16])}).to_string();
    let token = jwe::encrypt(b"hi", &shared, SecretEncoding::Utf8, &options, &mut OsRng).unwrap();
    // X25519's base point (u = 9) as a public key.
    let mut u = [0u8; 32];
    u[0] = 9;
    let x25519 = json!({"kty": "OKP", "crv": "X25519", "x": base64url::encode(&u)}).to_string();
    let d = decrypt(&token, &x25519);
    assert_eq!(d.status, JweStatus::KeyError, "{}", d.message);
    assert_eq!(
        d.message,
        "An X25519 key cannot unwrap A128KW: it needs a 128-bit (16-byte) shared key."
    );
}

/// General JSON to one key is refused as the compact form refuses it, not
/// as "Key 1" of a set.
#[test]
fn general_json_to_one_unfit_key_is_refused_as_compact_is() {
    let options = plain_options("A128KW", "A128GCM");
    let long = json!({"kty": "oct", "k": base64url::encode(&[3u8; 32])}).to_string();
    let compact = jwe::encrypt(b"hi", &long, SecretEncoding::Utf8, &options, &mut OsRng);
    let general = jwe::encrypt_general(b"hi", &long, SecretEncoding::Utf8, &options, &mut OsRng);
    assert_eq!(general, compact);
    assert_eq!(
        general,
        Err("A128KW needs a 128-bit (16-byte) key; the shared key is 32 bytes.".to_string())
    );
}

/// Options with no compression, `cty` or PBES2 count.
fn plain_options(alg: &str, enc: &str) -> EncryptOptions {
    EncryptOptions {
        alg: alg.into(),
        enc: enc.into(),
        zip: false,
        cty: None,
        p2c: None,
    }
}
