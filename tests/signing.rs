//! Signing against the RFC examples: deterministic algorithms (HMAC, RSA
//! PKCS#1 v1.5, Ed25519) reproduce the RFCs' signatures byte for byte from
//! their keys; randomised ones (PSS, ECDSA as the RFCs made them) verify.
//! Then every token `sign_token` makes verifies with the same key text.

use jwt_debugger::core::base64url;
use jwt_debugger::core::keys::{self, KeyText, SecretEncoding};
use jwt_debugger::core::sign::{self, SigningKey};
use jwt_debugger::core::verify::{self, Status};
use serde_json::Value;

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[path = "support/verdicts.rs"]
mod verdicts;
use verdicts::verdict;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/rfc_vectors.json"
));

fn the_key(text: &str) -> keys::Key {
    match keys::parse_key_text(text).unwrap() {
        KeyText::Keys { mut keys, .. } => keys.remove(0),
        other => panic!("not a key: {other:?}"),
    }
}

#[test]
fn rfc_examples_are_reproduced_or_verify() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let mut reproduced = Vec::new();
    let mut verified = Vec::new();
    for v in doc["vectors"].as_array().unwrap() {
        let (id, alg) = (v["id"].as_str().unwrap(), v["alg"].as_str().unwrap());
        if v["expect"] != "valid"
            || alg == "none"
            || v.get("detached_payload").is_some()
            || v.get("detached_payload_b64u").is_some()
        {
            continue;
        }
        let token = v["token"].as_str().unwrap();
        let (input, sig_b64) = token.rsplit_once('.').unwrap();
        let key_json = v.get("private_key").unwrap_or(&v["key"]).to_string();
        let key = the_key(&key_json);
        let signer = match (&key.private, &key.material) {
            (Some(private), _) => SigningKey::Private(private),
            (None, keys::KeyMaterial::Secret(s)) => SigningKey::Secret(s),
            _ => panic!("{id}: no signing key in {key_json}"),
        };
        let signature =
            sign::sign(alg, signer, input.as_bytes()).unwrap_or_else(|e| panic!("{id}: {e}"));
        if alg.starts_with("PS") || alg.starts_with("ES") {
            let ok = verify::verify_signature(alg, &key.material, input.as_bytes(), &signature);
            assert_eq!(ok, Ok(true), "{id}: our {alg} signature does not verify");
            verified.push(id);
        } else {
            assert_eq!(
                base64url::encode(&signature),
                sig_b64,
                "{id}: not the RFC's signature"
            );
            reproduced.push(id);
        }
    }
    println!("reproduced byte for byte: {reproduced:?}; verified: {verified:?}");
    for needed in ["rfc7515-a1-hs256", "rfc7515-a2-rs256", "rfc8037-a4-eddsa"] {
        assert!(reproduced.contains(&needed), "{needed} was not reproduced");
    }
}

#[test]
fn signed_tokens_verify_with_the_same_key_text() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let payload = "{\"sub\":\"signed-here\",\"n\":1e3,\"big\":123456789012345678901234567890}";
    let mut algs = Vec::new();
    for v in doc["vectors"].as_array().unwrap() {
        let alg = v["alg"].as_str().unwrap();
        let Some(private) = v.get("private_key") else {
            continue;
        };
        if algs.contains(&alg) {
            continue;
        }
        let header = format!("{{\"alg\":\"{alg}\",\"typ\":\"JWT\"}}");
        let token =
            sign::sign_token(&header, payload, &private.to_string(), SecretEncoding::Utf8).unwrap();
        // The payload is signed exactly as written: numbers untouched.
        let payload_b64 = token.split('.').nth(1).unwrap();
        assert_eq!(
            base64url::decode_strict(payload_b64).unwrap(),
            payload.as_bytes()
        );
        let v = verdict(&token, &private.to_string(), SecretEncoding::Utf8);
        assert_eq!(v.status, Status::Valid, "{alg}: {}", v.message);
        algs.push(alg);
    }
    assert_eq!(algs.len(), 5, "{algs:?}");
    // HMAC with a text secret in each encoding.
    for (secret, encoding) in [
        ("short", SecretEncoding::Utf8),
        ("c2VjcmV0", SecretEncoding::Base64),
        ("00ff", SecretEncoding::Hex),
    ] {
        let token = sign::sign_token(r#"{"alg":"HS384"}"#, "{}", secret, encoding).unwrap();
        assert_eq!(verdict(&token, secret, encoding).status, Status::Valid);
    }
}

#[test]
fn refusals_say_why() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let rs = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "rfc7515-a2-rs256")
        .unwrap();
    let public = rs["key"].to_string();
    let private = rs["private_key"].to_string();
    let err =
        |h: &str, p: &str, k: &str| sign::sign_token(h, p, k, SecretEncoding::Utf8).unwrap_err();
    assert!(err(r#"{"alg":"RS256"}"#, "{}", &public).contains("signing needs the private key"));
    assert!(err(r#"{"alg":"ES256"}"#, "{}", &private).contains("EC P-256 private key"));
    assert_eq!(
        err(r#"{"alg":"RS256"}"#, "{}", "a secret"),
        "RS256 signs with an RSA private key, as PEM or JWK; this text is not one."
    );
    assert_eq!(
        err(r#"{"alg":"HS256"}"#, "{}", ""),
        "Enter a shared secret to sign with."
    );
    assert_eq!(
        err(r#"{"alg":"HS257"}"#, "{}", "s"),
        "\"HS257\" is not an algorithm this debugger signs with; use one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA, Ed25519, Ed448, ML-DSA-44, ML-DSA-65, ML-DSA-87."
    );
    let broken = err(r#"{"alg":"HS256"}"#, "{\n  \"a\": 1,\n}", "s");
    assert!(
        broken.contains("payload") && broken.contains("line 3"),
        "{broken}"
    );
    assert!(err(r#"{"typ":"JWT"}"#, "{}", "s").contains("\"alg\""));
}

#[test]
fn a_jwk_signs_only_within_its_own_restrictions_and_the_header_kid_picks_the_key() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let vectors = doc["vectors"].as_array().unwrap();
    let private = |id: &str| -> Value {
        vectors.iter().find(|v| v["id"] == id).unwrap()["private_key"].clone()
    };
    let err = |h: &str, k: &str| sign::sign_token(h, "{}", k, SecretEncoding::Utf8).unwrap_err();
    let mut rsa = private("rfc7515-a2-rs256");
    rsa["alg"] = "RS384".into();
    assert_eq!(
        err(r#"{"alg":"RS256"}"#, &rsa.to_string()),
        "This key cannot sign RS256: the key is restricted to \"alg\": \"RS384\"."
    );
    rsa["alg"] = "RS256".into();
    rsa["key_ops"] = serde_json::json!(["verify"]);
    assert_eq!(
        err(r#"{"alg":"RS256"}"#, &rsa.to_string()),
        "This key cannot sign RS256: the key's \"key_ops\" (verify) do not include \"sign\"."
    );
    assert_eq!(
        err(r#"{"alg":"HS256"}"#, r#"{"kty":"oct","k":"c2hvcnQ"}"#),
        "This key cannot sign HS256: the \"oct\" key is 5 bytes and HS256 keys must be at least 32 (RFC 7518 §3.2); a short test secret can be typed as text instead."
    );
    // Two private keys: the header's kid chooses which one signs.
    let mut a = private("rfc7515-a4-es512");
    a["kid"] = "a".into();
    let mut b = private("rfc7520-4.3-es512");
    b["kid"] = "b".into();
    let set = serde_json::json!({ "keys": [a.clone(), b.clone()] }).to_string();
    for (kid, key, other) in [("a", &a, &b), ("b", &b, &a)] {
        let header = format!(r#"{{"alg":"ES512","kid":"{kid}"}}"#);
        let token = sign::sign_token(&header, "{}", &set, SecretEncoding::Utf8).unwrap();
        let alone = |k: &Value| verdict(&token, &k.to_string(), SecretEncoding::Utf8).status;
        assert_eq!(alone(key), Status::Valid, "kid {kid}");
        assert_eq!(alone(other), Status::Invalid, "kid {kid}");
    }
}

#[test]
fn a_kid_missing_from_the_key_set_is_a_finding() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let v = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == "rfc7515-a3-es256")
        .unwrap();
    let mut private = v["private_key"].clone();
    private["kid"] = "current".into();
    let token = sign::sign_token(
        r#"{"alg":"ES256","kid":"rotated"}"#,
        "{}",
        &private.to_string(),
        SecretEncoding::Utf8,
    )
    .unwrap();
    let set = serde_json::json!({ "keys": [private] }).to_string();
    let missing = verdict(&token, &set, SecretEncoding::Utf8);
    assert_eq!(missing.status, Status::Invalid);
    let f = missing
        .findings
        .iter()
        .find(|f| f.code == "kid-not-found")
        .expect("kid-not-found");
    assert_eq!(
        f.detail,
        "The token's kid \"rotated\" is not among the pasted keys (\"current\"): the issuer may have rotated its keys, or the token comes from elsewhere."
    );
    // With the kid in the set there is no such finding.
    let token = sign::sign_token(
        r#"{"alg":"ES256","kid":"current"}"#,
        "{}",
        &set,
        SecretEncoding::Utf8,
    )
    .unwrap();
    let ok = verdict(&token, &set, SecretEncoding::Utf8);
    assert_eq!(ok.status, Status::Valid);
    assert!(ok.findings.iter().all(|f| f.code != "kid-not-found"));
}
