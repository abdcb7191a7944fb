//! RFC 9901's SD-JWT examples (§5.1, §5.2, Appendix A.1–A.4, kept in
//! `tests/vectors/rfc9901_sd_jwt.json`): the issuer's signature verifies
//! with the issuer key, every disclosure is matched, the revealed payload is
//! the one printed (or computed independently, `derived_*`), and each
//! key-binding JWT verifies with the holder key and passes its checks.
#![cfg(not(target_arch = "wasm32"))]

use jwt_debugger::core::keys::SecretEncoding;
use jwt_debugger::core::sd_jwt::{self, KbStatus, Status as SdStatus};
use jwt_debugger::core::token;
use jwt_debugger::core::verify::{self, Status, VerifyRequest};
use serde_json::Value;

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/rfc9901_sd_jwt.json"
));

fn verdict(text: &str, key: &str) -> verify::Verdict {
    let d = token::decode(text);
    verify::verify(&VerifyRequest {
        decoded: &d,
        key_text: key,
        encoding: SecretEncoding::Utf8,
        detached_payload: None,
        now: 1_767_225_600,
    })
}

#[test]
fn rfc9901_examples_verify_and_reveal_what_the_rfc_prints() {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let mut checked = 0;
    for e in doc["examples"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        let issuer = e["issuer_public_jwk"].to_string();
        // The SD-JWT as printed, and a presentation built from it where
        // the RFC prints the payload a verifier sees for that one.
        let mut texts = Vec::new();
        for (text, expected) in [
            (&e["sd_jwt"], &e["derived_processed_payload"]),
            (&e["derived_sd_jwt"], &e["derived_processed_payload"]),
            (&e["derived_presentation"], &e["expected_payload"]),
        ] {
            if let Some(text) = text.as_str() {
                texts.push((text, expected));
            }
        }
        if let (Some(text), true) = (e["sd_jwt"].as_str(), e["expected_payload"].is_object()) {
            texts.push((text, &e["expected_payload"]));
        }
        assert!(!texts.is_empty(), "{id}");
        for (text, expected) in texts {
            let v = verdict(text, &issuer);
            assert_eq!(v.status, Status::Valid, "{id}: {}", v.message);
            let d = token::decode(text);
            let sd =
                d.sd.as_ref()
                    .unwrap_or_else(|| panic!("{id}: not read as an SD-JWT"));
            let processed = sd.processed.as_ref().unwrap();
            assert!(processed.errors.is_empty(), "{id}: {:?}", processed.errors);
            for disclosure in &processed.disclosures {
                assert_eq!(disclosure.status, SdStatus::Matched, "{id}: {disclosure:?}");
            }
            if expected.is_object() {
                assert_eq!(&processed.revealed, expected, "{id}");
            }
            if let Some(kb_jwt) = e["kb_jwt"].as_str() {
                let holder = e["holder_public_jwk"].to_string();
                let kb_verdict = verdict(kb_jwt, &holder);
                assert_eq!(
                    kb_verdict.status,
                    Status::Valid,
                    "{id}: {}",
                    kb_verdict.message
                );
                let payload = match &d.payload {
                    token::PayloadView::Json(doc) => &doc.value,
                    _ => panic!("{id}"),
                };
                assert_eq!(
                    sd_jwt::holder_key(payload).map(|k| serde_json::from_str::<Value>(&k).unwrap()),
                    Some(e["holder_public_jwk"].clone()),
                    "{id}"
                );
                let kb = sd_jwt::key_binding(
                    &sd.parts,
                    payload,
                    processed.hash_alg,
                    Some((Status::Valid, "")),
                );
                assert_eq!(kb.status, KbStatus::Valid, "{id}: {:?}", kb.checks);
                assert_eq!(kb.nonce.as_deref(), e["kb"]["nonce"].as_str(), "{id}");
                assert_eq!(kb.aud.as_deref(), e["kb"]["aud"].as_str(), "{id}");
                assert_eq!(kb.iat, e["kb"]["iat"].as_i64(), "{id}");
            }
            checked += 1;
        }
    }
    println!("RFC 9901 examples: {checked} SD-JWTs checked");
    assert_eq!(checked, 10);
}
