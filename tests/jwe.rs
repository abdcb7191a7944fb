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
                _ => {
                    // Structurally broken tokens (a part or separator
                    // missing) are `malformed`; JSON serialization is
                    // `unsupported`; the rest fail or do not fit the key.
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
    let (token, key) = find(22); // JSON serialization
    expect(
        &decrypt(&token, &key),
        JweStatus::Unsupported,
        &["JSON serialization"],
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
    let header = json!({"alg": "PBES2-HS256+A128KW", "enc": "A128GCM", "p2s": base64url::encode(&[7u8; 16]), "p2c": p2c});
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
