//! The verifier's decisions one by one, each at its edge: which verdict,
//! which words and which notes and findings a token and key text give.
//! Where a limit is a number (secret length, certificate dates, how many
//! keys were tried) both sides of it are checked.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use jwt_debugger::core::base64url;
use jwt_debugger::core::findings::Severity;
use jwt_debugger::core::keygen;
use jwt_debugger::core::keys::{self, KeyMaterial, KeyText, SecretEncoding};
use jwt_debugger::core::sign;
use jwt_debugger::core::token;
use jwt_debugger::core::verify::{self, Route, Status, Verdict, VerifyRequest};
use rand_core::OsRng;
use serde_json::{json, Value};

/// The tests' "now": 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;

#[path = "support/openssl_keys.rs"]
mod openssl_keys;
use openssl_keys::{
    OPENSSL_CERT as CERT, OPENSSL_ED25519_PKCS8 as ED25519_PRIVATE,
    OPENSSL_ED25519_PUBLIC as ED25519_PUBLIC, OPENSSL_RSA_PKCS8 as RSA_PRIVATE,
    OPENSSL_RSA_PUBLIC as RSA_PUBLIC,
};

/// The validity of [`CERT`] (a self-signed P-256 certificate; its private
/// key is not kept): 2026-12-02T07:26:33Z to 2126-11-08T07:26:33Z.
const CERT_NOT_BEFORE: i64 = 1_796_196_393;
const CERT_NOT_AFTER: i64 = 4_949_796_393;

/// A secret that is neither short for HS256 nor well known.
const SECRET_32: &str = "q7Rw-3vLx9Tz-K2mPd8s-Yh4Nc6Bf-0J";

fn verdict_with(token: &str, key: &str, encoding: SecretEncoding, now: i64) -> Verdict {
    let decoded = token::decode(token);
    verify::verify(&VerifyRequest {
        decoded: &decoded,
        key_text: key,
        encoding,
        detached_payload: None,
        now,
    })
}

fn verdict(token: &str, key: &str) -> Verdict {
    verdict_with(token, key, SecretEncoding::Utf8, NOW)
}

fn on_page(token: &str, key: &str) -> Route {
    let decoded = token::decode(token);
    verify::verify_on_page(&VerifyRequest {
        decoded: &decoded,
        key_text: key,
        encoding: SecretEncoding::Utf8,
        detached_payload: None,
        now: NOW,
    })
}

fn signed(header: &Value, key: &str) -> String {
    sign::sign_token(
        &header.to_string(),
        r#"{"sub":"strength"}"#,
        key,
        SecretEncoding::Utf8,
    )
    .unwrap_or_else(|e| panic!("{header}: {e}"))
}

/// A token with the given header and raw signature bytes.
fn forged(header: &Value, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        base64url::encode(header.to_string().as_bytes()),
        base64url::encode(br#"{"sub":"strength"}"#),
        base64url::encode(signature)
    )
}

/// (private PKCS#8 PEM, public JWK) for ES256, ES384 and ES512, made once.
fn ec_key(alg: &str) -> (String, Value) {
    static KEYS: OnceLock<Vec<(String, String, Value)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        ["ES256", "ES384", "ES512"]
            .iter()
            .map(|alg| {
                let k = keygen::generate(alg, 2048, &mut OsRng).unwrap();
                let jwk: Value = serde_json::from_str(&k.public_jwk.unwrap()).unwrap();
                (alg.to_string(), k.private_text, jwk)
            })
            .collect()
    });
    let (_, private, public) = keys.iter().find(|(a, ..)| a == alg).unwrap();
    (private.clone(), public.clone())
}

/// The public RSA key as a JWK without metadata.
fn rsa_jwk() -> Value {
    let KeyMaterial::Rsa { n, e } = first_key(RSA_PUBLIC).material else {
        panic!("not RSA")
    };
    json!({"kty": "RSA", "n": base64url::encode(&n), "e": base64url::encode(&e)})
}

fn with(mut jwk: Value, name: &str, value: Value) -> String {
    jwk[name] = value;
    jwk.to_string()
}

fn hs256(secret: &str) -> String {
    signed(&json!({"alg": "HS256"}), secret)
}

fn rs256() -> String {
    signed(&json!({"alg": "RS256"}), RSA_PRIVATE)
}

#[test]
fn statuses_have_the_contracts_names() {
    let names: Vec<&str> = [
        Status::Checking,
        Status::Valid,
        Status::Invalid,
        Status::NoKey,
        Status::KeyError,
        Status::Unsecured,
        Status::Unsupported,
        Status::Malformed,
    ]
    .iter()
    .map(|s| s.as_str())
    .collect();
    assert_eq!(
        names,
        [
            "checking",
            "valid",
            "invalid",
            "no-key",
            "key-error",
            "unsecured",
            "unsupported",
            "malformed"
        ]
    );
}

#[test]
fn strictly_valid_means_valid_with_nothing_tolerated() {
    let valid = verdict(&hs256(SECRET_32), SECRET_32);
    assert_eq!(valid.status, Status::Valid);
    assert!(!valid.lenient);
    assert!(valid.is_strictly_valid());
    let bearer = verdict(&format!("Bearer {}", hs256(SECRET_32)), SECRET_32);
    assert_eq!(bearer.status, Status::Valid);
    assert!(bearer.lenient);
    assert!(!bearer.is_strictly_valid());
    assert_eq!(
        bearer.notes,
        ["Checked after removing whitespace, quotes or a Bearer prefix from the input; the pasted text itself is not a compact JWT."]
    );
    let invalid = verdict(&hs256(SECRET_32), "another-secret-of-32-characters!");
    assert_eq!(invalid.status, Status::Invalid);
    assert!(!invalid.is_strictly_valid());
    assert!(!Verdict::new(Status::Invalid, "").is_strictly_valid());
}

#[test]
fn the_page_settles_empty_keys_and_text_secrets_itself() {
    let token = hs256(SECRET_32);
    match on_page(&token, "  ") {
        Route::Done(v) => {
            assert_eq!(v.status, Status::NoKey);
            assert_eq!(v.message, "Enter the HMAC secret to verify the signature.");
        }
        Route::Worker => panic!("an empty key went to the worker"),
    }
    match on_page(&token, SECRET_32) {
        Route::Done(v) => assert_eq!(v.status, Status::Valid, "{}", v.message),
        Route::Worker => panic!("a text secret went to the worker"),
    }
    match on_page(&rs256(), "") {
        Route::Done(v) => assert_eq!(
            v.message,
            "Paste the public key (PEM, certificate, JWK or JWK Set) to verify the signature."
        ),
        Route::Worker => panic!("an empty key went to the worker"),
    }
    assert_eq!(on_page(&rs256(), RSA_PUBLIC), Route::Worker);
    assert_eq!(
        on_page(&token, &with(rsa_jwk(), "kid", "x".into())),
        Route::Worker
    );
}

#[test]
fn key_management_algorithms_are_not_signatures() {
    let token = forged(&json!({"alg": "dir"}), &[1; 32]);
    let v = verdict(&token, SECRET_32);
    assert_eq!(v.status, Status::Unsupported);
    assert_eq!(
        v.message,
        "\"dir\" is not a signature algorithm this debugger verifies (HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA, Ed25519, Ed448, ML-DSA-44/65/87)."
    );
}

#[test]
fn an_empty_payload_verifies_over_nothing_and_a_detached_one_asks_for_it() {
    let header = base64url::encode(br#"{"alg":"HS256"}"#);
    let input = format!("{header}.");
    let tag = verify::hmac_sign("HS256", SECRET_32.as_bytes(), input.as_bytes()).unwrap();
    let empty = format!("{input}.{}", base64url::encode(&tag));
    let v = verdict(&empty, SECRET_32);
    assert_eq!(v.status, Status::Valid, "{}", v.message);
    let other = verdict(&empty, "another-secret-of-32-characters!");
    assert_eq!(other.status, Status::NoKey);
    assert_eq!(
        other.message,
        "The payload part is empty, so the content is probably detached (RFC 7515 Appendix F). It does not verify over an empty payload: paste the detached payload to verify."
    );
}

/// In JSON, `"payload": ""` is the empty payload itself (ACME's
/// POST-as-GET), so text left in the detached-payload box is not used.
#[test]
fn an_empty_json_payload_is_not_detached_content() {
    let header = base64url::encode(br#"{"alg":"HS256"}"#);
    let tag = verify::hmac_sign(
        "HS256",
        SECRET_32.as_bytes(),
        format!("{header}.").as_bytes(),
    )
    .unwrap();
    let flattened =
        json!({"protected": header, "payload": "", "signature": base64url::encode(&tag)})
            .to_string();
    let decoded = token::decode(&flattened);
    let with_box = |key: &str| {
        verify::verify(&VerifyRequest {
            decoded: &decoded,
            key_text: key,
            encoding: SecretEncoding::Utf8,
            detached_payload: Some(br#"{"left":"over"}"#),
            now: NOW,
        })
    };
    let v = with_box(SECRET_32);
    assert_eq!(v.status, Status::Valid, "{}", v.message);
    let other = with_box("another-secret-of-32-characters!");
    assert_eq!(other.status, Status::Invalid, "{}", other.message);
}

/// A JWS in general JSON lists each finding of its signatures once.
#[test]
fn a_general_jws_names_each_finding_once() {
    let weak = &SECRET_32[..31];
    let payload = base64url::encode(br#"{"sub":"strength"}"#);
    let entry = |kid: &str| {
        let protected =
            base64url::encode(json!({"alg": "HS256", "kid": kid}).to_string().as_bytes());
        let tag = verify::hmac_sign(
            "HS256",
            weak.as_bytes(),
            format!("{protected}.{payload}").as_bytes(),
        )
        .unwrap();
        json!({"protected": protected, "signature": base64url::encode(&tag)})
    };
    let general = json!({"payload": payload, "signatures": [entry("a"), entry("b")]}).to_string();
    let v = verdict(&general, weak);
    assert_eq!(v.status, Status::Valid, "{}", v.message);
    let codes: Vec<&str> = v.findings.iter().map(|f| f.code.as_ref()).collect();
    assert_eq!(
        codes.iter().filter(|c| **c == "weak-secret").count(),
        1,
        "{codes:?}"
    );
    assert_eq!(v.entries.len(), 2);
}

/// A JWS in flattened JSON has one signature: its verdict says what the
/// compact token's says, with no "signature 1 of 1".
#[test]
fn a_flattened_jws_reads_as_its_compact_token() {
    let compact = hs256(SECRET_32);
    let parts: Vec<&str> = compact.split('.').collect();
    let flattened =
        json!({"protected": parts[0], "payload": parts[1], "signature": parts[2]}).to_string();
    for key in [SECRET_32, "another-secret-of-32-characters!"] {
        let (json_form, compact_form) = (verdict(&flattened, key), verdict(&compact, key));
        assert_eq!(json_form.status, compact_form.status);
        assert_eq!(json_form.message, compact_form.message);
        assert_eq!(json_form.entries.len(), 1);
    }
}

/// The first key of a key text that parses.
fn first_key(text: &str) -> keys::Key {
    match keys::parse_key_text(text).unwrap() {
        KeyText::Keys { mut keys, .. } => keys.remove(0),
        other => panic!("{other:?}"),
    }
}

fn public_material(alg: &str) -> KeyMaterial {
    let k = keygen::generate(alg, 2048, &mut OsRng).unwrap();
    first_key(&k.public_jwk.unwrap()).material
}

/// An ML-DSA key verifies its own level only, and an Ed448 signature has
/// Ed448's length, whatever `alg` says.
#[test]
fn ml_dsa_levels_and_ed448_lengths_are_checked_before_verifying() {
    let ml_dsa_44 = public_material("ML-DSA-44");
    assert_eq!(
        verify::verify_signature("ML-DSA-65", &ml_dsa_44, b"m", &[1; 3309]),
        Err("ML-DSA-44 key cannot verify ML-DSA-65".to_string())
    );
    let ed448 = public_material("Ed448");
    for alg in ["EdDSA", "Ed448"] {
        assert_eq!(
            verify::verify_signature(alg, &ed448, b"m", &[1; 64]),
            Err(format!("{alg} signatures are 114 bytes, this one is 64."))
        );
    }
}

#[test]
fn an_rsa_token_needs_a_key_not_a_text_secret() {
    let v = verdict(&rs256(), "just some text");
    assert_eq!(v.status, Status::KeyError);
    assert_eq!(
        v.message,
        "This is an RS256 token: it needs an RSA public key, not a text secret. Paste a PEM public key or certificate, a JWK or a JWK Set."
    );
    assert!(v.findings.is_empty());
    for (alg, needs) in [
        ("ES256", "an EC public key on P-256"),
        ("ES384", "an EC public key on P-384"),
        ("ES512", "an EC public key on P-521"),
        ("EdDSA", "an Ed25519 or Ed448 public key"),
        ("Ed25519", "an Ed25519 public key"),
        ("Ed448", "an Ed448 public key"),
        ("ML-DSA-65", "an ML-DSA-65 public key (\"kty\" \"AKP\")"),
        ("PS256", "an RSA public key"),
    ] {
        let token = forged(&json!({ "alg": alg }), &[1; 64]);
        let v = verdict(&token, "just some text");
        assert_eq!(
            v.message,
            format!("This is an {alg} token: it needs {needs}, not a text secret. Paste a PEM public key or certificate, a JWK or a JWK Set.")
        );
    }
}

#[test]
fn an_unreadable_pem_for_an_hmac_token_is_key_confusion() {
    let broken = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----";
    let v = verdict(&hs256(SECRET_32), broken);
    assert_eq!(v.status, Status::KeyError);
    assert!(
        v.message.starts_with("The key cannot be used: "),
        "{}",
        v.message
    );
    assert_eq!(v.findings.len(), 1);
    let f = &v.findings[0];
    assert_eq!(f.code, "key-confusion");
    assert_eq!(f.severity, Severity::Danger);
    assert_eq!(f.title, "Public key offered as an HMAC secret");
    assert_eq!(
        f.detail,
        "This token says HS256 (a shared secret) but the key given is a public key. A verifier that uses a public key as an HMAC secret lets anyone forge tokens (algorithm confusion, CVE-2016-10555). It was not tried."
    );
    // The same broken PEM for an RSA token is only a key error.
    let v = verdict(&rs256(), broken);
    assert_eq!(v.status, Status::KeyError);
    assert!(v.findings.is_empty());
    // And broken JSON for an HMAC token is not a public key.
    let v = verdict(&hs256(SECRET_32), "{\"kty\":");
    assert_eq!(v.status, Status::KeyError);
    assert!(v.findings.is_empty());
    // A public key that parses is refused for HMAC, with the finding.
    let v = verdict(&hs256(SECRET_32), RSA_PUBLIC);
    assert_eq!(v.status, Status::KeyError);
    assert_eq!(
        v.message,
        "This is an HS256 token, which needs the shared secret; a public key was given. Using it as an HMAC secret is the algorithm-confusion attack (CVE-2016-10555), so it was not tried."
    );
    assert_eq!(v.findings[0].code, "key-confusion");
}

#[test]
fn a_secret_as_long_as_the_hash_is_not_weak() {
    let weak = |secret: &str| {
        let v = verdict(&hs256(secret), secret);
        assert_eq!(v.status, Status::Valid, "{}", v.message);
        v.findings.iter().find(|f| f.code == "weak-secret").cloned()
    };
    assert_eq!(weak(SECRET_32), None);
    let short = weak(&SECRET_32[..31]).expect("31 bytes is weak for HS256");
    assert_eq!(
        short.detail,
        "The secret is 31 bytes; HS256 needs at least 32 (RFC 7518 §3.2). Short secrets can be brute-forced offline from any token."
    );
    assert_eq!(short.severity, Severity::Danger);
    assert_eq!(short.title, "Weak secret");
    let hs256 = jwt_debugger::core::algorithms::lookup("HS256").unwrap();
    assert_eq!(verify::weak_secret(hs256, SECRET_32.as_bytes()), None);
    assert!(verify::weak_secret(hs256, &SECRET_32.as_bytes()[..31]).is_some());
}

#[test]
fn an_empty_decoded_secret_and_the_encoding_hint() {
    let token = hs256(SECRET_32);
    let v = verdict_with(&token, "0x", SecretEncoding::Hex, NOW);
    assert_eq!(v.status, Status::KeyError);
    assert_eq!(v.message, "The secret is empty after decoding.");
    // Signed with the bytes of a base64 text, checked as UTF-8: the hint
    // names the encoding that works.
    let bytes: Vec<u8> = (0u8..32).map(|i| i.wrapping_mul(37) ^ 0x5a).collect();
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &bytes);
    let header = base64url::encode(br#"{"alg":"HS256"}"#);
    let input = format!("{header}.{}", base64url::encode(b"{}"));
    let tag = verify::hmac_sign("HS256", &bytes, input.as_bytes()).unwrap();
    let token = format!("{input}.{}", base64url::encode(&tag));
    let v = verdict_with(&token, &b64, SecretEncoding::Utf8, NOW);
    assert_eq!(v.status, Status::Invalid);
    assert_eq!(
        v.hint.as_deref(),
        Some("It verifies if the secret is read as base64: choose \"base64\" as the secret encoding.")
    );
    let v = verdict_with(&token, &b64, SecretEncoding::Base64, NOW);
    assert_eq!(v.status, Status::Valid);
    assert_eq!(v.hint, None);
    assert_eq!(v.computed_signature, Some(base64url::encode(&tag)));
}

#[test]
fn oct_keys_must_be_as_long_as_the_hash() {
    let token = hs256(SECRET_32);
    let oct = |secret: &[u8]| json!({"kty": "oct", "k": base64url::encode(secret)}).to_string();
    let v = verdict(&token, &oct(SECRET_32.as_bytes()));
    assert_eq!(v.status, Status::Valid, "{}", v.message);
    assert_eq!(
        v.message,
        "The HS256 signature matches the HMAC secret (32 bytes) given: the token is unchanged since it was signed with this key."
    );
    let v = verdict(&token, &oct(&SECRET_32.as_bytes()[..31]));
    assert_eq!(v.status, Status::KeyError);
    assert_eq!(
        v.message,
        "The key cannot be used: the \"oct\" key is 31 bytes; HS256 keys must be at least 32 bytes (RFC 7518 §3.2)."
    );
    let v = verdict(&token, &oct(b"another-secret-of-32-characters!"));
    assert_eq!(v.status, Status::Invalid);
    assert_eq!(
        v.message,
        "Invalid signature: it does not match this token with HMAC secret (32 bytes) from a JWK. The token was changed, or signed with a different key."
    );
}

#[test]
fn jwk_metadata_restricts_what_a_key_verifies() {
    let token = rs256();
    let ok = |key: String| {
        let v = verdict(&token, &key);
        assert_eq!(v.status, Status::Valid, "{key}: {}", v.message);
        v
    };
    let refused = |key: String, why: &str| {
        let v = verdict(&token, &key);
        assert_eq!(v.status, Status::KeyError, "{key}");
        assert_eq!(v.message, format!("The key cannot be used: {why}."));
    };
    let v = ok(with(rsa_jwk(), "alg", "RS256".into()));
    assert!(v.notes.is_empty(), "{:?}", v.notes);
    ok(with(rsa_jwk(), "use", "sig".into()));
    ok(with(rsa_jwk(), "key_ops", json!(["sign", "verify"])));
    refused(
        with(rsa_jwk(), "alg", "RS384".into()),
        "the key is restricted to \"alg\": \"RS384\", which cannot be used for RS256",
    );
    refused(
        with(rsa_jwk(), "use", "enc".into()),
        "the key's \"use\" is \"enc\" (not \"sig\"), so it must not verify signatures",
    );
    refused(
        with(rsa_jwk(), "key_ops", json!(["sign", "encrypt"])),
        "the key's \"key_ops\" (sign, encrypt) does not include \"verify\"",
    );
    let ec = ec_key("ES256").1;
    refused(
        ec.to_string(),
        &format!(
            "EC P-256 key from a JWK, kid \"{}\" cannot verify RS256: it needs an RSA public key",
            ec["kid"].as_str().unwrap()
        ),
    );
}

#[test]
fn a_payload_that_is_not_an_object_is_still_checked() {
    let header = base64url::encode(br#"{"alg":"HS256"}"#);
    let input = format!("{header}.{}", base64url::encode(b"[1]"));
    let tag = verify::hmac_sign("HS256", SECRET_32.as_bytes(), input.as_bytes()).unwrap();
    let v = verdict(&format!("{input}.{}", base64url::encode(&tag)), SECRET_32);
    assert_eq!(v.status, Status::Valid, "{}", v.message);
}

fn es256_token() -> String {
    signed(&json!({"alg": "ES256"}), &ec_key("ES256").0)
}

#[test]
fn certificate_dates_are_noted_outside_their_validity_only() {
    let cert = match keys::parse_key_text(CERT).unwrap() {
        KeyText::Keys { keys, .. } => keys[0].cert.clone().unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        (cert.not_before, cert.not_after),
        (CERT_NOT_BEFORE, CERT_NOT_AFTER)
    );
    let token = es256_token();
    let notes = |now: i64| {
        let v = verdict_with(&token, CERT, SecretEncoding::Utf8, now);
        assert_eq!(v.status, Status::Invalid);
        assert_eq!(
            v.message,
            "Invalid signature: it does not match this token with EC P-256 key from an X.509 certificate. The token was changed, or signed with a different key."
        );
        assert_eq!(
            v.key_used.as_deref(),
            Some("EC P-256 key from an X.509 certificate")
        );
        v.notes
    };
    let expired: &[&str] = &["The certificate has expired; the signature check itself does not depend on it, but a verifier that checks certificates rejects it."];
    let early: &[&str] = &["The certificate is not valid yet."];
    let none: &[&str] = &[];
    assert_eq!(notes(CERT_NOT_BEFORE - 1), early);
    assert_eq!(notes(CERT_NOT_BEFORE), none);
    assert_eq!(notes(CERT_NOT_BEFORE + 1), none);
    assert_eq!(notes(CERT_NOT_AFTER), none);
    assert_eq!(notes(CERT_NOT_AFTER + 1), expired);
}

fn ed25519_jwk() -> Value {
    let key = match keys::parse_key_text(ED25519_PUBLIC).unwrap() {
        KeyText::Keys { mut keys, .. } => keys.remove(0),
        other => panic!("{other:?}"),
    };
    let KeyMaterial::Ed25519(x) = key.material else {
        panic!("not Ed25519")
    };
    json!({"kty": "OKP", "crv": "Ed25519", "x": base64url::encode(&x)})
}

#[test]
fn early_draft_alg_labels_fit_and_are_noted() {
    let (private, public) = ec_key("ES512");
    let token = signed(&json!({"alg": "ES512"}), &private);
    let v = verdict(&token, &with(public.clone(), "alg", "ES521".into()));
    assert_eq!(v.status, Status::Valid, "{}", v.message);
    assert_eq!(
        v.notes,
        ["The key is labelled \"alg\": \"ES521\" but the token uses ES512; RFC 8725 advises one algorithm per key."]
    );
    let v = verdict(&token, &public.to_string());
    assert_eq!(v.status, Status::Valid);
    assert!(v.notes.is_empty(), "{:?}", v.notes);
    // A wrong ES512 signature.
    let v = verdict(
        &forged(&json!({"alg": "ES512"}), &[7; 132]),
        &public.to_string(),
    );
    assert_eq!(v.status, Status::Invalid);
    // ES521 names P-521 only.
    let (_, p256) = ec_key("ES256");
    let v = verdict(&es256_token(), &with(p256, "alg", "ES521".into()));
    assert_eq!(v.status, Status::KeyError);
    assert_eq!(
        v.message,
        "The key cannot be used: the key is restricted to \"alg\": \"ES521\", which cannot be used for ES256."
    );
    // Ed25519 and EdDSA name the same algorithm.
    for (token_alg, label) in [("EdDSA", "Ed25519"), ("Ed25519", "EdDSA")] {
        let token = signed(&json!({ "alg": token_alg }), ED25519_PRIVATE);
        let v = verdict(&token, &with(ed25519_jwk(), "alg", label.into()));
        assert_eq!(
            v.status,
            Status::Valid,
            "{token_alg}/{label}: {}",
            v.message
        );
        assert_eq!(
            v.notes,
            [format!("The key is labelled \"alg\": \"{label}\" but the token uses {token_alg}; RFC 8725 advises one algorithm per key.")]
        );
    }
    // So do Ed448 and EdDSA, for an Ed448 key only (RFC 9864).
    let ed448 = keygen::generate("Ed448", 2048, &mut OsRng).unwrap();
    let ed448_jwk: Value = serde_json::from_str(&ed448.public_jwk.unwrap()).unwrap();
    for (token_alg, label) in [("EdDSA", "Ed448"), ("Ed448", "EdDSA")] {
        let token = signed(&json!({ "alg": token_alg }), &ed448.private_text);
        let v = verdict(&token, &with(ed448_jwk.clone(), "alg", label.into()));
        assert_eq!(
            v.status,
            Status::Valid,
            "{token_alg}/{label}: {}",
            v.message
        );
    }
    let token = signed(&json!({"alg": "EdDSA"}), ED25519_PRIVATE);
    let v = verdict(&token, &with(ed25519_jwk(), "alg", "Ed448".into()));
    assert_eq!(v.status, Status::KeyError, "{}", v.message);
}

#[test]
fn a_single_keys_kid_is_compared_with_the_tokens() {
    let token = signed(&json!({"alg": "RS256", "kid": "a"}), RSA_PRIVATE);
    let v = verdict(&token, &with(rsa_jwk(), "kid", "b".into()));
    assert_eq!(v.status, Status::Valid);
    assert_eq!(
        v.notes,
        ["The key's kid \"b\" differs from the token's kid \"a\"."]
    );
    let v = verdict(&token, &with(rsa_jwk(), "kid", "a".into()));
    assert_eq!(v.status, Status::Valid);
    assert!(v.notes.is_empty(), "{:?}", v.notes);
    assert_eq!(
        v.message,
        "The RS256 signature matches the RSA 2048-bit key given: the token is unchanged since it was signed with this key."
    );
}

fn set(keys: &[Value]) -> String {
    json!({ "keys": keys }).to_string()
}

fn key(jwk: &Value, kid: &str, use_: &str) -> Value {
    let mut jwk = jwk.clone();
    jwk["kid"] = kid.into();
    jwk["use"] = use_.into();
    jwk
}

#[test]
fn an_unfit_key_in_a_set_is_a_key_error_only_when_the_kid_chose_it() {
    let why = "the key's \"use\" is \"enc\" (not \"sig\"), so it must not verify signatures";
    let enc_key = set(&[key(&rsa_jwk(), "e", "enc")]);
    let v = verdict(&rs256(), &enc_key);
    assert_eq!(v.status, Status::Invalid);
    assert_eq!(
        v.message,
        format!("No key in the JWK Set fits RS256: {why}.")
    );
    let by_kid = signed(&json!({"alg": "RS256", "kid": "e"}), RSA_PRIVATE);
    let v = verdict(&by_kid, &enc_key);
    assert_eq!(v.status, Status::KeyError);
    assert_eq!(v.message, format!("The key cannot be used: {why}."));
    // The single key, not in a set: its own reason.
    let v = verdict(&rs256(), &key(&rsa_jwk(), "e", "enc").to_string());
    assert_eq!(v.status, Status::KeyError);
    assert_eq!(v.message, format!("The key cannot be used: {why}."));
}

#[test]
fn a_set_that_does_not_verify_says_how_many_keys_fit() {
    let bad = forged(&json!({"alg": "RS256"}), &[1; 256]);
    // Two fitting keys (the same public key under two kids).
    let two = set(&[key(&rsa_jwk(), "a", "sig"), key(&rsa_jwk(), "b", "sig")]);
    let v = verdict(&bad, &two);
    assert_eq!(v.status, Status::Invalid);
    assert_eq!(
        v.message,
        "The signature does not verify with any of the 2 keys in the set that fit RS256."
    );
    assert_eq!(v.key_used, None);
    // One fitting key and one that does not fit: the fitting key's answer.
    let one = set(&[key(&rsa_jwk(), "a", "sig"), key(&rsa_jwk(), "b", "enc")]);
    let v = verdict(&bad, &one);
    assert_eq!(v.status, Status::Invalid);
    assert_eq!(
        v.message,
        "Invalid signature: it does not match this token with RSA 2048-bit key from JWK Set key 1, kid \"a\". The token was changed, or signed with a different key."
    );
    assert_eq!(
        v.key_used.as_deref(),
        Some("RSA 2048-bit key from JWK Set key 1, kid \"a\"")
    );
    // A single key that does not verify.
    let v = verdict(&bad, RSA_PUBLIC);
    assert_eq!(
        v.message,
        "Invalid signature: it does not match this token with RSA 2048-bit key from a PEM public key (SPKI). The token was changed, or signed with a different key."
    );
    // A set that verifies names the key.
    let v = verdict(&rs256(), &one);
    assert_eq!(v.status, Status::Valid);
    assert_eq!(
        v.message,
        "The RS256 signature matches the RSA 2048-bit key given: the token is unchanged since it was signed with this key. Verified with RSA 2048-bit key from JWK Set key 1, kid \"a\"."
    );
}

fn material(text: &str) -> KeyMaterial {
    match keys::parse_key_text(text).unwrap() {
        KeyText::Keys { mut keys, .. } => keys.remove(0).material,
        other => panic!("{other:?}"),
    }
}

#[test]
fn signatures_that_cannot_be_signatures_say_why() {
    let p256 = material(&ec_key("ES256").1.to_string());
    let p384 = material(&ec_key("ES384").1.to_string());
    let rsa = material(RSA_PUBLIC);
    let ed = material(ED25519_PUBLIC);
    let check =
        |alg: &str, m: &KeyMaterial, sig: &[u8]| verify::verify_signature(alg, m, b"m", sig);
    let err = |s: &str| Err::<bool, String>(s.to_string());
    assert_eq!(check("ES256", &p256, &[]), err("the signature is empty"));
    assert_eq!(
        check("RS256", &KeyMaterial::Secret(vec![1; 32]), &[1; 256]),
        err("HMAC secret (32 bytes) key cannot verify RS256")
    );
    assert_eq!(
        check("ES256", &p384, &[1; 64]),
        err("EC P-384 key cannot verify ES256")
    );
    assert_eq!(
        check("ES256", &rsa, &[1; 64]),
        err("RSA 2048-bit key cannot verify ES256")
    );
    assert_eq!(
        check("EdDSA", &KeyMaterial::X25519([9; 32]), &[1; 64]),
        err("X25519 key cannot verify EdDSA")
    );
    let mut der = vec![0x30; 70];
    assert_eq!(
        check("ES256", &p256, &der),
        err("ES256 signatures are 64 bytes, this one is 70. It looks DER-encoded; JWS uses the fixed-size r‖s form (RFC 7518 §3.4).")
    );
    assert_eq!(
        check("EdDSA", &ed, &der),
        err("EdDSA signatures are 64 bytes, this one is 70.")
    );
    der[0] = 0x31;
    assert_eq!(
        check("ES256", &p256, &der),
        err("ES256 signatures are 64 bytes, this one is 70.")
    );
    assert_eq!(
        check("RS256", &rsa, &[1; 255]),
        err("an RSA signature is as long as the modulus (256 bytes), this one is 255")
    );
    assert_eq!(check("RS256", &rsa, &[1; 256]), Ok(false));
    assert_eq!(check("ES256", &p256, &[1; 64]), Ok(false));
    assert_eq!(check("EdDSA", &ed, &[1; 64]), Ok(false));
}

#[test]
fn a_zero_r_or_s_is_a_psychic_signature() {
    let p256 = material(&ec_key("ES256").1.to_string());
    let psychic = Err::<bool, String>(
        "r or s is zero, a \"psychic signature\" (CVE-2022-21449) that is never valid".into(),
    );
    let mut mixed = [1u8; 32];
    mixed[0] = 0;
    for (r, s) in [([0u8; 32], mixed), (mixed, [0u8; 32]), ([0; 32], [0; 32])] {
        let sig = [r, s].concat();
        assert_eq!(
            verify::verify_signature("ES256", &p256, b"m", &sig),
            psychic,
            "{r:?} {s:?}"
        );
    }
    let sig = [mixed, mixed].concat();
    assert_eq!(
        verify::verify_signature("ES256", &p256, b"m", &sig),
        Ok(false)
    );
    // Through the verifier, the reason is the verdict's.
    let token = forged(&json!({"alg": "ES256"}), &[[0u8; 32], mixed].concat());
    let v = verdict(&token, &ec_key("ES256").1.to_string());
    assert_eq!(v.status, Status::Invalid);
    assert_eq!(
        v.message,
        "Invalid signature: r or s is zero, a \"psychic signature\" (CVE-2022-21449) that is never valid."
    );
}

#[test]
fn every_signature_algorithm_verifies_with_its_key() {
    let rsa = rsa_jwk().to_string();
    for alg in ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"] {
        let token = signed(&json!({ "alg": alg }), RSA_PRIVATE);
        assert_eq!(verdict(&token, &rsa).status, Status::Valid, "{alg}");
        assert_eq!(verdict(&token, RSA_PUBLIC).status, Status::Valid, "{alg}");
    }
    for alg in ["ES256", "ES384", "ES512"] {
        let (private, public) = ec_key(alg);
        let token = signed(&json!({ "alg": alg }), &private);
        assert_eq!(
            verdict(&token, &public.to_string()).status,
            Status::Valid,
            "{alg}"
        );
    }
    for alg in ["EdDSA", "Ed25519"] {
        let token = signed(&json!({ "alg": alg }), ED25519_PRIVATE);
        assert_eq!(
            verdict(&token, ED25519_PUBLIC).status,
            Status::Valid,
            "{alg}"
        );
    }
    for alg in ["HS256", "HS384", "HS512"] {
        let secret = "s".repeat(64);
        let token = signed(&json!({ "alg": alg }), &secret);
        let v = verdict(&token, &secret);
        assert_eq!(v.status, Status::Valid, "{alg}");
        assert_eq!(v.computed_signature.as_deref(), token.rsplit('.').next());
    }
}

#[test]
fn ed25519_and_ed448_take_only_their_own_curve_and_eddsa_takes_both() {
    let ed25519 = keygen::generate("Ed25519", 0, &mut OsRng).expect("an Ed25519 key");
    let ed448 = keygen::generate("Ed448", 0, &mut OsRng).expect("an Ed448 key");
    let pem = |k: &keygen::GeneratedKey| k.public_pem.clone().expect("a public PEM");
    let for_25519 = signed(&json!({"alg": "Ed25519"}), &ed25519.private_text);
    let for_448 = signed(&json!({"alg": "Ed448"}), &ed448.private_text);
    let eddsa_448 = signed(&json!({"alg": "EdDSA"}), &ed448.private_text);

    assert_eq!(verdict(&for_25519, &pem(&ed25519)).status, Status::Valid);
    assert_eq!(verdict(&for_448, &pem(&ed448)).status, Status::Valid);
    assert_eq!(verdict(&eddsa_448, &pem(&ed448)).status, Status::Valid);

    // The wrong curve is a key error that names both, never "invalid".
    let wrong = verdict(&for_25519, &pem(&ed448));
    assert_eq!(wrong.status, Status::KeyError, "{}", wrong.message);
    assert!(
        wrong.message.contains("Ed448") && wrong.message.contains("Ed25519 needs"),
        "{}",
        wrong.message
    );
    let wrong = verdict(&for_448, &pem(&ed25519));
    assert_eq!(wrong.status, Status::KeyError, "{}", wrong.message);
    assert!(wrong.message.contains("Ed448 needs"), "{}", wrong.message);

    let m448 = material(&pem(&ed448));
    let m25519 = material(&pem(&ed25519));
    assert_eq!(
        verify::verify_signature("Ed25519", &m448, b"m", &[1; 64]),
        Err(format!("{} key cannot verify Ed25519", m448.describe()))
    );
    assert_eq!(
        verify::verify_signature("Ed448", &m25519, b"m", &[1; 114]),
        Err(format!("{} key cannot verify Ed448", m25519.describe()))
    );
}

#[test]
fn every_unfit_key_under_one_kid_is_named_and_a_lone_one_is_a_key_error() {
    // RFC 7517 §4.5 lets keys of different types share a kid: both are
    // tried, and when neither fits the verdict names both.
    let token = signed(&json!({"alg": "EdDSA", "kid": "shared"}), ED25519_PRIVATE);
    let mut ec = ec_key("ES256").1;
    ec["kid"] = json!("shared");
    let mut rsa = rsa_jwk();
    rsa["kid"] = json!("shared");
    let both = verdict(&token, &json!({"keys": [ec, rsa]}).to_string());
    assert_eq!(both.status, Status::Invalid, "{}", both.message);
    assert!(
        both.message
            .starts_with("No key in the JWK Set fits EdDSA: ")
            && both.message.contains("P-256")
            && both.message.contains("RSA"),
        "{}",
        both.message
    );
    // One key, chosen by the token's kid: that key's reason alone.
    let one = verdict(&token, &json!({"keys": [ec]}).to_string());
    assert_eq!(one.status, Status::KeyError, "{}", one.message);
    assert!(
        one.message.starts_with("The key cannot be used: "),
        "{}",
        one.message
    );
}
