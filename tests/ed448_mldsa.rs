//! Ed25519, Ed448 (RFC 9864), the polymorphic EdDSA and ML-DSA-44/65/87
//! (draft-ietf-cose-dilithium): keys made by `keygen` sign with
//! `sign_token` and verify with their public PEM and JWK; the key tool's
//! forms read back to the same key; keys of the wrong curve or level are
//! refused in words; an EdDSA header is flagged as deprecated.

use jwt_debugger::core::keys::{self, KeyText, SecretEncoding};
use jwt_debugger::core::verify::Status;
use jwt_debugger::core::{finding_refs, findings, key_export, keygen, sign, token};
use rand_core::OsRng;

#[path = "support/verdicts.rs"]
mod verdicts;
use verdicts::verdict;

const PAYLOAD: &str = r#"{"sub":"user-1","iat":1767225600}"#;

fn header(alg: &str) -> String {
    format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)
}

fn signed(alg: &str, key_text: &str) -> String {
    sign::sign_token(&header(alg), PAYLOAD, key_text, SecretEncoding::Utf8)
        .unwrap_or_else(|e| panic!("{alg}: {e}"))
}

/// (token alg, key made for) — EdDSA with a key of either curve.
const CASES: &[(&str, &str)] = &[
    ("Ed25519", "Ed25519"),
    ("Ed448", "Ed448"),
    ("EdDSA", "Ed25519"),
    ("EdDSA", "Ed448"),
    ("ML-DSA-44", "ML-DSA-44"),
    ("ML-DSA-65", "ML-DSA-65"),
    ("ML-DSA-87", "ML-DSA-87"),
];

#[test]
fn generated_keys_sign_and_verify_with_every_public_form() {
    for &(alg, key_alg) in CASES {
        let key = keygen::generate(key_alg, 0, &mut OsRng).unwrap();
        assert!(key
            .private_text
            .starts_with("-----BEGIN PRIVATE KEY-----\n"));
        let token = signed(alg, &key.private_text);
        let public_pem = key.public_pem.as_deref().unwrap();
        let public_jwk = key.public_jwk.as_deref().unwrap();
        for (what, key_text) in [
            ("private PEM", key.private_text.as_str()),
            ("public PEM", public_pem),
            ("public JWK", public_jwk),
        ] {
            let v = verdict(&token, key_text, SecretEncoding::Utf8);
            assert!(
                v.is_strictly_valid(),
                "{alg} with a {key_alg} {what}: {:?} {}",
                v.status,
                v.message
            );
        }
        // One changed byte of the payload and the signature no longer fits.
        let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
        parts[1] = jwt_debugger::core::base64url::encode(br#"{"sub":"user-2"}"#);
        let v = verdict(&parts.join("."), public_pem, SecretEncoding::Utf8);
        assert_eq!(v.status, Status::Invalid, "{alg}: {}", v.message);
        let deprecated = findings::token_findings(&token::decode(&token), 1_767_225_600)
            .iter()
            .any(|f| f.code == "eddsa-deprecated");
        assert_eq!(deprecated, alg == "EdDSA", "{alg}");
    }
}

#[test]
fn signature_sizes_are_the_algorithms_own() {
    for (alg, len) in [
        ("Ed448", 114),
        ("ML-DSA-44", 2420),
        ("ML-DSA-65", 3309),
        ("ML-DSA-87", 4627),
    ] {
        let key = keygen::generate(alg, 0, &mut OsRng).unwrap();
        let token = signed(alg, &key.private_text);
        let sig = token.rsplit('.').next().unwrap();
        assert_eq!(
            jwt_debugger::core::base64url::decode_strict(sig)
                .unwrap()
                .len(),
            len,
            "{alg}"
        );
    }
}

#[test]
fn the_key_tool_round_trips_every_form() {
    for &(_, key_alg) in CASES {
        let key = keygen::generate(key_alg, 0, &mut OsRng).unwrap();
        let from_pem = &key_export::convert(&key.private_text).unwrap()[0];
        let private_jwk = from_pem.private_jwk.clone().unwrap();
        let private_pem = from_pem.private_pem.clone().unwrap();
        let public_pem = from_pem.public_pem.clone().unwrap();
        assert_eq!(Some(&from_pem.thumbprint), key.thumbprint.as_ref());
        assert_eq!(private_pem, key.private_text, "{key_alg}: PKCS#8 rewritten");
        for text in [&private_jwk, &public_pem, &from_pem.public_jwk] {
            let forms = &key_export::convert(text).unwrap()[0];
            assert_eq!(forms.thumbprint, from_pem.thumbprint, "{key_alg}: {text}");
            assert_eq!(forms.public_pem.as_deref(), Some(public_pem.as_str()));
        }
        let again = &key_export::convert(&private_jwk).unwrap()[0];
        assert_eq!(again.private_pem.as_deref(), Some(private_pem.as_str()));
        assert_eq!(again.private_jwk.as_deref(), Some(private_jwk.as_str()));
        // The private JWK signs too.
        let token = signed(key_alg, &private_jwk);
        assert!(verdict(&token, &public_pem, SecretEncoding::Utf8).is_strictly_valid());
        if key_alg.starts_with("ML-DSA") {
            assert!(from_pem.public_jwk.contains("\"kty\": \"AKP\""));
            assert!(private_jwk.contains("\"priv\""));
        }
    }
}

#[test]
fn ml_dsa_pkcs8_and_spki_are_the_rfc_9881_forms() {
    let seed = [0x2a; 32];
    let jwk_pub = {
        let pem = {
            let mut der = vec![
                0x30, 0x34, 0x02, 0x01, 0x00, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65,
                0x03, 0x04, 0x03, 0x11, 0x04, 0x22, 0x80, 0x20,
            ];
            der.extend_from_slice(&seed);
            pem_text("PRIVATE KEY", &der)
        };
        let forms = &key_export::convert(&pem).unwrap()[0];
        assert_eq!(forms.private_pem.as_deref(), Some(pem.as_str()));
        forms.public_pem.clone().unwrap()
    };
    let der = pem::parse(&jwk_pub).unwrap().into_contents();
    // SEQ { SEQ { OID id-ml-dsa-44 }, BIT STRING (0 unused bits ‖ 1312 bytes) }
    assert_eq!(
        &der[..22],
        &[
            0x30, 0x82, 0x05, 0x32, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03,
            0x04, 0x03, 0x11, 0x03, 0x82, 0x05, 0x21, 0x00
        ]
    );
    assert_eq!(der.len(), 22 + 1312);
}

fn pem_text(label: &str, der: &[u8]) -> String {
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    pem::encode_config(&pem::Pem::new(label, der.to_vec()), config)
}

#[test]
fn wrong_curves_and_levels_are_key_errors_in_words() {
    let ed448 = keygen::generate("Ed448", 0, &mut OsRng).unwrap();
    let ed25519 = keygen::generate("Ed25519", 0, &mut OsRng).unwrap();
    let l44 = keygen::generate("ML-DSA-44", 0, &mut OsRng).unwrap();
    let l65 = keygen::generate("ML-DSA-65", 0, &mut OsRng).unwrap();
    let cases = [
        (
            signed("Ed25519", &ed25519.private_text),
            ed448.public_pem.clone().unwrap(),
            ["Ed448", "Ed25519 needs an Ed25519 public key"],
        ),
        (
            signed("Ed448", &ed448.private_text),
            ed25519.public_pem.clone().unwrap(),
            ["Ed25519", "Ed448 needs an Ed448 public key"],
        ),
        (
            signed("ML-DSA-65", &l65.private_text),
            l44.public_pem.clone().unwrap(),
            ["ML-DSA-44", "ML-DSA-65 needs an ML-DSA-65 public key"],
        ),
        (
            signed("ML-DSA-44", &l44.private_text),
            ed448.public_pem.clone().unwrap(),
            ["Ed448", "ML-DSA-44"],
        ),
        (
            signed("EdDSA", &ed448.private_text),
            l44.public_pem.clone().unwrap(),
            ["ML-DSA-44", "an Ed25519 or Ed448 public key"],
        ),
    ];
    for (token, key, words) in cases {
        let v = verdict(&token, &key, SecretEncoding::Utf8);
        assert_eq!(v.status, Status::KeyError, "{}", v.message);
        for w in words {
            assert!(v.message.contains(w), "{w:?} not in {}", v.message);
        }
    }
    // Signing refuses the same way.
    let err = sign::sign_token(
        &header("ML-DSA-65"),
        PAYLOAD,
        &l44.private_text,
        SecretEncoding::Utf8,
    )
    .unwrap_err();
    assert!(
        err.contains("ML-DSA-44") && err.contains("ML-DSA-65"),
        "{err}"
    );
    let err = sign::sign_token(
        &header("Ed25519"),
        PAYLOAD,
        &ed448.private_text,
        SecretEncoding::Utf8,
    )
    .unwrap_err();
    assert!(err.contains("Ed25519 private key"), "{err}");
    // A key labelled for one level does not verify another's token.
    let labelled = l44.public_jwk.clone().unwrap();
    let v = verdict(
        &signed("ML-DSA-65", &l65.private_text),
        &labelled,
        SecretEncoding::Utf8,
    );
    assert_eq!(v.status, Status::KeyError);
}

fn key_error(text: &str) -> String {
    match keys::parse_key_text(text) {
        Err(e) => e.message,
        Ok(other) => panic!("read as {other:?}"),
    }
}

#[test]
fn akp_and_ed448_jwks_are_checked() {
    let key = keygen::generate("ML-DSA-44", 0, &mut OsRng).unwrap();
    let forms = &key_export::convert(&key.private_text).unwrap()[0];
    let mut jwk: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(forms.private_jwk.as_deref().unwrap()).unwrap();
    let good = serde_json::Value::Object(jwk.clone()).to_string();
    assert!(matches!(
        keys::parse_key_text(&good),
        Ok(KeyText::Keys { .. })
    ));

    jwk.insert(
        "priv".into(),
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".into(),
    );
    let msg = key_error(&serde_json::Value::Object(jwk.clone()).to_string());
    assert!(
        msg.contains("\"priv\" does not give the key's \"pub\""),
        "{msg}"
    );

    jwk.insert("priv".into(), "AAAA".into());
    let msg = key_error(&serde_json::Value::Object(jwk.clone()).to_string());
    assert!(msg.contains("32-byte seed"), "{msg}");

    jwk.remove("priv");
    jwk.insert("alg".into(), "ML-DSA-65".into());
    let msg = key_error(&serde_json::Value::Object(jwk.clone()).to_string());
    assert!(msg.contains("ML-DSA-65 public key is 1952 bytes"), "{msg}");

    jwk.remove("alg");
    let msg = key_error(&serde_json::Value::Object(jwk.clone()).to_string());
    assert!(msg.contains("must name its algorithm"), "{msg}");

    jwk.insert("alg".into(), "ML-KEM-768".into());
    let msg = key_error(&serde_json::Value::Object(jwk).to_string());
    assert!(msg.contains("ML-KEM-768"), "{msg}");

    let msg = key_error(r#"{"kty":"OKP","crv":"Ed448","x":"AAAA"}"#);
    assert!(msg.contains("Ed448 public key is 57 bytes"), "{msg}");
    let msg = key_error(r#"{"kty":"OKP","crv":"X448","x":"AAAA"}"#);
    assert!(msg.contains("Ed448"), "{msg}");
}

#[test]
fn the_deprecation_finding_has_its_reference() {
    let r = finding_refs::reference("eddsa-deprecated").unwrap();
    assert!(r.cite.contains("RFC 9864"));
    let decoded = token::decode("eyJhbGciOiJFZERTQSJ9.e30.AAAA");
    let f = findings::token_findings(&decoded, 0)
        .into_iter()
        .find(|f| f.code == "eddsa-deprecated")
        .unwrap();
    assert_eq!(f.severity, findings::Severity::Warning);
    assert!(f
        .detail
        .contains("RFC 9864 deprecates the polymorphic EdDSA; use Ed25519 or Ed448"));
}

#[test]
fn ml_dsa_signatures_are_hedged() {
    let key = keygen::generate("ML-DSA-44", 0, &mut OsRng).unwrap();
    let a = signed("ML-DSA-44", &key.private_text);
    let b = signed("ML-DSA-44", &key.private_text);
    assert_ne!(a, b, "fresh randomness per signature");
    for t in [a, b] {
        let v = verdict(&t, key.public_jwk.as_deref().unwrap(), SecretEncoding::Utf8);
        assert!(v.is_strictly_valid(), "{}", v.message);
    }
}
