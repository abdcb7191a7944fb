//! The key tool end to end: thumbprints against the RFC examples, every
//! form of every key type read back by the key parser, PEM output compared
//! with OpenSSL's, generated keys signing tokens that verify, and `convert`
//! never panicking whatever is pasted.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Instant;

use jwt_debugger::core::key_export::{self, convert, key_forms, KeyForms};
use jwt_debugger::core::keygen::{self, GeneratedKey, RSA_SIZES};
use jwt_debugger::core::keys::{self, Key, KeyMaterial, KeyText, SecretEncoding};
use jwt_debugger::core::sign;
use jwt_debugger::core::verify::Status;
use proptest::prelude::*;
use rand_core::OsRng;
use serde_json::{Map, Value};

#[path = "support/verdicts.rs"]
mod verdicts;
use verdicts::verdict;

#[path = "support/openssl_keys.rs"]
mod openssl_keys;
use openssl_keys::*;

const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/vectors/rfc_vectors.json"
));

/// RFC 7638 §3.1.
const RFC7638_JWK: &str = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

/// RFC 8037 §A.2 (public key) and §A.3 (its thumbprint).
const RFC8037_JWK: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
const RFC8037_THUMBPRINT: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

fn the_key(text: &str) -> Key {
    match keys::parse_key_text(text) {
        Ok(KeyText::Keys { mut keys, .. }) if keys.len() == 1 => keys.remove(0),
        other => panic!("not one key: {other:?}\n{text}"),
    }
}

fn forms_of(text: &str) -> KeyForms {
    key_forms(&the_key(text)).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn object(json: &str) -> Map<String, Value> {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

fn member_names(json: &str) -> Vec<String> {
    object(json).keys().cloned().collect()
}

/// The private JWKs of the RFC examples, by vector id.
fn rfc_private_jwk(id: &str) -> String {
    let doc: Value = serde_json::from_str(VECTORS).unwrap();
    let vector = doc["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"));
    vector
        .get("private_key")
        .unwrap_or(&vector["key"])
        .to_string()
}

/// 64-character base64 lines between the armour, LF only, one trailing
/// newline.
fn assert_pem_shape(pem: &str, label: &str) {
    let begin = format!("-----BEGIN {label}-----\n");
    let end = format!("-----END {label}-----\n");
    assert!(pem.starts_with(&begin), "{pem}");
    assert!(pem.ends_with(&end), "{pem}");
    assert!(!pem.contains('\r'), "CR in {pem}");
    let body = &pem[begin.len()..pem.len() - end.len()];
    let lines: Vec<&str> = body.lines().collect();
    let (last, full) = lines.split_last().unwrap();
    assert!(full.iter().all(|l| l.len() == 64), "{pem}");
    assert!(!last.is_empty() && last.len() <= 64, "{pem}");
}

/// Every form of the key in `text` reads back to the same key, and pasting
/// any of them gives the same thumbprint and the same forms.
fn assert_round_trips(name: &str, text: &str) -> KeyForms {
    let key = the_key(text);
    let forms = key_forms(&key).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut public = vec![forms.public_jwk.clone()];
    public.extend(forms.public_pem.clone());
    for form in &public {
        let back = the_key(form);
        assert_eq!(back.material, key.material, "{name}: {form}");
        assert_eq!(back.private, None, "{name}: private half in {form}");
        assert_eq!(forms_of(form).thumbprint, forms.thumbprint, "{name}");
    }
    let private = [
        &forms.private_jwk,
        &forms.private_pem,
        &forms.traditional_pem,
    ];
    for form in private.into_iter().flatten() {
        let back = the_key(form);
        assert_eq!(back.material, key.material, "{name}: {form}");
        assert_eq!(back.private, key.private, "{name}: {form}");
        let again = forms_of(form);
        assert_eq!(again.thumbprint, forms.thumbprint, "{name}");
        assert_eq!(again.public_pem, forms.public_pem, "{name}");
        assert_eq!(again.private_pem, forms.private_pem, "{name}");
        assert_eq!(again.traditional_pem, forms.traditional_pem, "{name}");
    }
    if let Some(pem) = &forms.public_pem {
        assert_pem_shape(pem, "PUBLIC KEY");
    }
    if let Some(pem) = &forms.private_pem {
        assert_pem_shape(pem, "PRIVATE KEY");
    }
    forms
}

#[test]
fn thumbprints_of_the_rfc_examples() {
    assert_eq!(forms_of(RFC7638_JWK).thumbprint, RFC7638_THUMBPRINT);
    assert_eq!(forms_of(RFC8037_JWK).thumbprint, RFC8037_THUMBPRINT);
    // The thumbprint ignores metadata and member order.
    let reordered = r#"{"e":"AQAB","kid":"other","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","kty":"RSA"}"#;
    assert_eq!(forms_of(reordered).thumbprint, RFC7638_THUMBPRINT);
}

#[test]
fn thumbprints_match_an_independent_computation() {
    for (text, expected) in [
        (OPENSSL_RSA_PKCS8, OPENSSL_RSA_THUMBPRINT),
        (OPENSSL_P384_SEC1, OPENSSL_P384_THUMBPRINT),
        (OPENSSL_ED25519_PKCS8, OPENSSL_ED25519_THUMBPRINT),
        (OPENSSL_CERT, OPENSSL_CERT_THUMBPRINT),
    ] {
        assert_eq!(forms_of(text).thumbprint, expected, "{text}");
    }
}

#[test]
fn public_jwk_has_kty_first_members_in_rfc_order_then_metadata() {
    let forms = forms_of(RFC7638_JWK);
    assert_eq!(
        member_names(&forms.public_jwk),
        ["kty", "n", "e", "kid", "alg"]
    );
    // 2-space pretty JSON.
    assert!(forms
        .public_jwk
        .starts_with("{\n  \"kty\": \"RSA\",\n  \"n\": "));
    let jwk = object(&forms.public_jwk);
    let input = object(RFC7638_JWK);
    for name in ["n", "e", "kid", "alg"] {
        assert_eq!(jwk[name], input[name], "{name}");
    }
}

#[test]
fn private_jwks_reproduce_the_rfc_examples() {
    let cases = [
        (
            "rfc7515-a2-rs256",
            vec!["kty", "n", "e", "d", "p", "q", "dp", "dq", "qi"],
        ),
        (
            "rfc7520-4.1-rs256",
            vec![
                "kty", "n", "e", "d", "p", "q", "dp", "dq", "qi", "kid", "use",
            ],
        ),
        ("rfc7515-a3-es256", vec!["kty", "crv", "x", "y", "d"]),
        ("rfc7515-a4-es512", vec!["kty", "crv", "x", "y", "d"]),
        ("rfc8037-a4-eddsa", vec!["kty", "crv", "x", "d"]),
    ];
    for (id, names) in cases {
        let input = rfc_private_jwk(id);
        let forms = forms_of(&input);
        let ours = forms
            .private_jwk
            .unwrap_or_else(|| panic!("{id}: no private JWK"));
        assert_eq!(member_names(&ours), names, "{id}");
        // Every member as the RFC writes it: big integers without leading
        // zeros, EC d at the curve's full size.
        assert_eq!(object(&ours), object(&input), "{id}");
    }
}

#[test]
fn every_key_type_round_trips_through_every_form() {
    let rsa = assert_round_trips("RSA (RFC 7515)", &rfc_private_jwk("rfc7515-a2-rs256"));
    assert_pem_shape(rsa.traditional_pem.as_deref().unwrap(), "RSA PRIVATE KEY");
    let p256 = assert_round_trips("P-256", &rfc_private_jwk("rfc7515-a3-es256"));
    assert_pem_shape(p256.traditional_pem.as_deref().unwrap(), "EC PRIVATE KEY");
    assert_round_trips("P-384", OPENSSL_P384_SEC1);
    assert_round_trips("P-521", &rfc_private_jwk("rfc7515-a4-es512"));
    let ed = assert_round_trips("Ed25519", &rfc_private_jwk("rfc8037-a4-eddsa"));
    assert_eq!(ed.traditional_pem, None, "Ed25519 has no traditional form");
    let oct = assert_round_trips("oct", &rfc_private_jwk("rfc7520-4.4-hs256"));
    assert_eq!(oct.public_pem, None);
    assert_eq!(oct.private_pem, None);
    // A secret's JWK keeps its metadata.
    let jwk = object(&oct.public_jwk);
    assert_eq!(jwk["kid"], "018c0ae5-4d9b-471b-bfd6-eef314bc7037");
    assert_eq!(jwk["alg"], "HS256");
    for public in [RFC7638_JWK, RFC8037_JWK, OPENSSL_CERT, OPENSSL_RSA_PUBLIC] {
        let forms = assert_round_trips("public key", public);
        assert_eq!(forms.private_jwk, None);
    }
}

#[test]
fn generated_keys_round_trip() {
    for alg in ["RS256", "ES256", "ES384", "ES512", "EdDSA"] {
        let key = keygen::generate(alg, 2048, &mut OsRng).unwrap();
        let forms = assert_round_trips(alg, &key.private_text);
        assert_eq!(Some(&forms.thumbprint), key.thumbprint.as_ref(), "{alg}");
        assert_eq!(forms.public_pem, key.public_pem, "{alg}");
        // The generated PKCS#8 is the key tool's own PKCS#8 form.
        assert_eq!(forms.private_pem.as_ref(), Some(&key.private_text), "{alg}");
    }
}

#[test]
fn pem_forms_are_byte_for_byte_what_openssl_writes() {
    let rsa = forms_of(OPENSSL_RSA_PKCS8);
    assert_eq!(rsa.public_pem.as_deref(), Some(OPENSSL_RSA_PUBLIC));
    assert_eq!(rsa.private_pem.as_deref(), Some(OPENSSL_RSA_PKCS8));
    let p384 = forms_of(OPENSSL_P384_SEC1);
    assert_eq!(p384.public_pem.as_deref(), Some(OPENSSL_P384_PUBLIC));
    assert_eq!(p384.private_pem.as_deref(), Some(OPENSSL_P384_PKCS8));
    assert_eq!(p384.traditional_pem.as_deref(), Some(OPENSSL_P384_SEC1));
    let ed = forms_of(OPENSSL_ED25519_PKCS8);
    assert_eq!(ed.public_pem.as_deref(), Some(OPENSSL_ED25519_PUBLIC));
    assert_eq!(ed.private_pem.as_deref(), Some(OPENSSL_ED25519_PKCS8));
    let cert = forms_of(OPENSSL_CERT);
    assert_eq!(cert.public_pem.as_deref(), Some(OPENSSL_CERT_PUBLIC));
}

/// Signs with the generated private text and checks the token verifies with
/// each public form (or the secret), and not with an unrelated key.
fn assert_signs_and_verifies(generated: &GeneratedKey) {
    let alg = &generated.alg;
    let kid = generated.thumbprint.as_deref().unwrap_or("secret");
    let header = format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"{kid}"}}"#);
    let payload = r#"{"sub":"key-tool","iat":1767225600}"#;
    let encoding = if generated.is_secret {
        SecretEncoding::Base64Url
    } else {
        SecretEncoding::Utf8
    };
    let token = sign::sign_token(&header, payload, &generated.private_text, encoding)
        .unwrap_or_else(|e| panic!("{alg}: {e}"));
    let mut checks = Vec::new();
    if generated.is_secret {
        checks.push(generated.private_text.clone());
    }
    checks.extend(generated.public_pem.clone());
    checks.extend(generated.public_jwk.clone());
    assert!(!checks.is_empty(), "{alg}: nothing to verify with");
    for key_text in &checks {
        let v = verdict(&token, key_text, encoding);
        assert_eq!(
            v.status,
            Status::Valid,
            "{alg}: {} with {key_text}",
            v.message
        );
    }
    let other = keygen::generate(alg, 2048, &mut OsRng).unwrap();
    let other_text = other.public_pem.unwrap_or(other.private_text);
    let v = verdict(&token, &other_text, encoding);
    assert_eq!(v.status, Status::Invalid, "{alg}: another key verified");
}

#[test]
fn every_algorithm_generates_a_key_that_signs_and_verifies() {
    let algs = [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
        "ES384", "ES512", "EdDSA",
    ];
    for alg in algs {
        let generated = keygen::generate(alg, 2048, &mut OsRng).unwrap();
        assert_eq!(generated.alg, alg);
        assert_eq!(generated.is_secret, alg.starts_with("HS"), "{alg}");
        assert_signs_and_verifies(&generated);
        if let Some(jwk) = &generated.public_jwk {
            let jwk = object(jwk);
            assert_eq!(jwk["alg"], alg);
            assert_eq!(jwk["use"], "sig");
            assert_eq!(jwk["kid"].as_str(), generated.thumbprint.as_deref());
        }
    }
}

#[test]
fn rsa_keys_have_the_size_asked_for() {
    for (alg, bits) in [("RS256", 2048), ("PS384", 3072), ("RS512", 4096)] {
        let started = Instant::now();
        let generated = keygen::generate(alg, bits, &mut OsRng).unwrap();
        println!("RSA {bits}: {:?}", started.elapsed());
        let key = the_key(&generated.private_text);
        assert_eq!(key.material.describe(), format!("RSA {bits}-bit"));
        if bits != 2048 {
            assert_signs_and_verifies(&generated);
        }
    }
    assert_eq!(RSA_SIZES, [2048, 3072, 4096]);
}

#[test]
fn unusable_requests_are_refused_in_words() {
    for bits in [0, 1024, 2047, 5000] {
        let err = keygen::generate("RS256", bits, &mut OsRng).unwrap_err();
        assert!(err.contains(&format!("not {bits}")), "{err}");
        assert!(err.contains("2048, 3072 or 4096"), "{err}");
    }
    for alg in ["none", "HS128", "", "es256", "A128KW"] {
        let err = keygen::generate(alg, 2048, &mut OsRng).unwrap_err();
        assert!(!err.is_empty(), "{alg}");
    }
    assert!(keygen::generate("Ed25519", 0, &mut OsRng).is_ok());
}

#[test]
fn convert_explains_what_is_not_a_key() {
    for empty in ["", "  \n\t"] {
        let err = convert(empty).unwrap_err();
        assert!(err.starts_with("Paste a key"), "{err}");
    }
    let err = convert("hello").unwrap_err();
    assert!(err.contains("not a key"), "{err}");
    assert!(err.contains("PEM") && err.contains("JWK"), "{err}");
    let broken = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtoHKzM10\n-----END PUBLIC KEY-----\n";
    let err = convert(broken).unwrap_err();
    assert!(
        err.starts_with("The key cannot be read: PEM PUBLIC KEY"),
        "{err}"
    );
    let unterminated = OPENSSL_RSA_PUBLIC.replace("-----END PUBLIC KEY-----\n", "");
    let err = convert(&unterminated).unwrap_err();
    assert!(err.contains("END"), "{err}");
    let err = convert(r#"{"kty":"EC","crv":"P-256"}"#).unwrap_err();
    assert!(err.contains("\"x\""), "{err}");
}

#[test]
fn convert_gives_one_form_per_key() {
    let set = format!(r#"{{"keys":[{RFC7638_JWK},{RFC8037_JWK}]}}"#);
    let forms = convert(&set).unwrap();
    let thumbprints: Vec<&str> = forms.iter().map(|f| f.thumbprint.as_str()).collect();
    assert_eq!(thumbprints, [RFC7638_THUMBPRINT, RFC8037_THUMBPRINT]);
    assert!(
        forms[0].description.contains("JWK Set key 1"),
        "{}",
        forms[0].description
    );

    let bundle = format!("{OPENSSL_CERT}{OPENSSL_ED25519_PKCS8}");
    let forms = convert(&bundle).unwrap();
    assert_eq!(forms.len(), 2);
    assert_eq!(forms[1].private_pem.as_deref(), Some(OPENSSL_ED25519_PKCS8));
}

#[test]
fn a_certificate_gives_its_public_key_and_nothing_private() {
    let forms = convert(OPENSSL_CERT).unwrap();
    let [cert] = forms.as_slice() else {
        panic!("{forms:?}")
    };
    assert!(
        cert.description.contains("certificate"),
        "{}",
        cert.description
    );
    assert_eq!(cert.public_pem.as_deref(), Some(OPENSSL_CERT_PUBLIC));
    assert_eq!(cert.thumbprint, OPENSSL_CERT_THUMBPRINT);
    assert_eq!(member_names(&cert.public_jwk), ["kty", "crv", "x", "y"]);
    assert_eq!(
        (&cert.private_jwk, &cert.private_pem, &cert.traditional_pem),
        (&None, &None, &None)
    );
}

#[test]
fn convert_reads_bare_base64_der() {
    let bare: String = OPENSSL_RSA_PUBLIC
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let forms = convert(&bare).unwrap();
    assert_eq!(forms.len(), 1);
    assert_eq!(forms[0].thumbprint, OPENSSL_RSA_THUMBPRINT);
}

#[test]
fn forms_serialize_for_the_worker() {
    let forms = forms_of(OPENSSL_P384_SEC1);
    let json = serde_json::to_string(&forms).unwrap();
    assert_eq!(serde_json::from_str::<KeyForms>(&json).unwrap(), forms);
    let generated = keygen::generate("HS256", 0, &mut OsRng).unwrap();
    let json = serde_json::to_string(&generated).unwrap();
    assert_eq!(
        serde_json::from_str::<GeneratedKey>(&json).unwrap(),
        generated
    );
}

/// Texts that parse as keys, to mutate.
const SEEDS: [&str; 6] = [
    OPENSSL_P384_SEC1,
    OPENSSL_ED25519_PKCS8,
    OPENSSL_CERT,
    OPENSSL_RSA_PUBLIC,
    RFC7638_JWK,
    RFC8037_JWK,
];

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, char),
    Delete(usize),
    Insert(usize, char),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let ch = prop_oneof![
        any::<char>(),
        prop::sample::select(vec!['A', '/', '+', '=', '-', '\n', '"', '{', '}', ',', '0'])
    ];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Mutation::Replace(i, c)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), ch).prop_map(|(i, c)| Mutation::Insert(i, c)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for m in mutations {
        let len = chars.len();
        match *m {
            Mutation::Replace(i, c) if len > 0 => chars[i % len] = c,
            Mutation::Delete(i) if len > 0 => {
                chars.remove(i % len);
            }
            Mutation::Insert(i, c) => chars.insert(i % (len + 1), c),
            Mutation::Truncate(i) => chars.truncate(i % (len + 1)),
            _ => {}
        }
    }
    chars.into_iter().collect()
}

/// Whatever converts, converts again from its own forms to the same key.
fn assert_forms_are_stable(forms: &[KeyForms]) {
    for f in forms {
        let again = convert(&f.public_jwk).expect("a public JWK the tool wrote");
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].thumbprint, f.thumbprint);
        if let Some(pem) = &f.private_pem {
            let again = convert(pem).expect("a PKCS#8 PEM the tool wrote");
            assert_eq!(again[0].thumbprint, f.thumbprint);
            assert_eq!(again[0].private_pem.as_ref(), Some(pem));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn convert_never_panics_on_any_text(text in "\\PC*") {
        if let Ok(forms) = convert(&text) {
            assert_forms_are_stable(&forms);
        }
    }

    #[test]
    fn convert_never_panics_on_mutated_keys(
        seed in 0..SEEDS.len(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = mutate(SEEDS[seed], &mutations);
        if let Ok(forms) = convert(&text) {
            assert_forms_are_stable(&forms);
        }
    }
}

#[test]
fn public_forms_of_arbitrary_material_do_not_panic() {
    let odd = [
        KeyMaterial::Secret(vec![]),
        KeyMaterial::Rsa {
            n: vec![0; 3],
            e: vec![1],
        },
        KeyMaterial::Ed25519([0xff; 32]),
    ];
    for material in odd {
        let _ = key_export::spki_pem(&material);
        assert_eq!(key_export::thumbprint(&material).len(), 43);
    }
}
