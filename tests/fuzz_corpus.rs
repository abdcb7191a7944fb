//! Replays every kept fuzz input (fuzz/corpus, fuzz/seeds, fuzz/regressions)
//! through the same code the fuzz targets run (tests/support/fuzz_replay.rs),
//! so a crash once found stays fixed without needing nightly or cargo-fuzz.
//! Fuzzing itself: see fuzz/README.md.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::time::Instant;

#[allow(dead_code)]
mod replay {
    include!("support/fuzz_replay.rs");
}

/// Every file under fuzz/{corpus,seeds,regressions}/<target>/, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for kind in ["corpus", "seeds", "regressions"] {
        let Ok(dir) = std::fs::read_dir(root.join(kind).join(target)) else {
            continue;
        };
        for entry in dir {
            let path = entry.expect("readable fuzz directory").path();
            if path.is_file() {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn replay_all(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no inputs kept for fuzz target {target}");
    let started = Instant::now();
    let mut bytes = 0;
    for path in &files {
        let data = std::fs::read(path).expect("readable fuzz input");
        bytes += data.len();
        if let Err(panic) = std::panic::catch_unwind(|| run(&data)) {
            let msg = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("(non-string panic)");
            panic!("fuzz target {target} fails on {}: {msg}", path.display());
        }
    }
    println!(
        "fuzz replay {target}: {} inputs, {bytes} bytes, {:.2?}",
        files.len(),
        started.elapsed()
    );
}

#[test]
fn sign_corpus() {
    replay_all("sign", replay::run_sign);
}

#[test]
fn decode_corpus() {
    replay_all("decode", replay::run_decode);
}

#[test]
fn json_corpus() {
    replay_all("json", replay::run_json);
}

#[test]
fn keys_corpus() {
    replay_all("keys", replay::run_keys);
}

#[test]
fn jwe_corpus() {
    replay_all("jwe", replay::run_jwe);
}

#[test]
fn verify_corpus() {
    replay_all("verify", replay::run_verify);
}

#[test]
fn validate_corpus() {
    replay_all("validate", replay::run_validate);
}

/// Found by the `verify` target: `verify_signature` panicked ("mid > len")
/// for EC key material and a signature shorter than one coordinate, e.g.
/// RS256 with a 3-byte signature. It now refuses keys that do not fit.
#[test]
fn verify_signature_refuses_keys_that_do_not_fit() {
    use jwt_debugger::core::keys::{Curve, KeyMaterial};
    use jwt_debugger::core::token;
    use jwt_debugger::core::verify::verify_signature;
    // The kept input: two selector bytes (the derived key, RS256), token
    // "a.b.AAAA" (3-byte signature), 0xff, then the P-256 private scalar 1,
    // whose public point the target derives.
    let data = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/verify/ec-split-panic"),
    )
    .expect("kept regression input");
    let data = &data[2..];
    let (token_bytes, key_bytes) = data.split_at(data.iter().position(|&b| b == 0xff).unwrap());
    let d = token::decode(std::str::from_utf8(token_bytes).unwrap());
    let signature = d.signature.clone().unwrap();
    let p256 = replay::Signer::from_bytes(&key_bytes[1..])
        .unwrap()
        .material();
    let message = d.signing_input().unwrap().as_bytes();
    assert!(verify_signature("RS256", &p256, message, &signature).is_err());
    // Algorithms whose fixed length is shorter than a coordinate.
    let p521 = KeyMaterial::Ec {
        curve: Curve::P521,
        point: vec![4; 133],
    };
    assert!(verify_signature("HS256", &p521, message, &[1; 32]).is_err());
    assert!(verify_signature("EdDSA", &p521, message, &[1; 64]).is_err());
}

/// Found by the `keys` target: PEM text whose only complete block is `EC
/// PARAMETERS` parsed as an empty key list (verify said "invalid"); it is now
/// a key error.
#[test]
fn ec_parameters_alone_are_a_key_error() {
    use jwt_debugger::core::keys::{parse_key_text, summarize, KeyText, SecretEncoding};
    use jwt_debugger::core::token::decode;
    use jwt_debugger::core::verify::{verify, Status, VerifyRequest};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/keys");
    for name in ["ec-parameters-only", "ec-parameters-then-broken-key"] {
        let text = std::fs::read_to_string(dir.join(name)).expect("kept regression input");
        // After the selector byte that reads the bytes as key text.
        let text = &text[1..];
        let parsed = parse_key_text(text);
        assert!(
            !matches!(&parsed, Ok(KeyText::Keys { keys, .. }) if keys.is_empty()),
            "{name}: {parsed:?}"
        );
        assert!(!summarize(text, 0).is_empty(), "{name}: summary is empty");
        let d = decode("eyJhbGciOiJFUzI1NiJ9.e30.AAAA");
        let v = verify(&VerifyRequest {
            decoded: &d,
            key_text: text,
            encoding: SecretEncoding::Utf8,
            detached_payload: None,
            now: 0,
        });
        assert_eq!(v.status, Status::KeyError, "{name}: {}", v.message);
    }
}

#[test]
fn jose_json_corpus() {
    replay_all("jose_json", replay::run_jose_json);
}
