//! The key parser's decisions one by one, each at its edge: what every
//! form of key text becomes (material, private half, origin, metadata),
//! the limits on RSA keys and JWK Sets on both sides, and the summary
//! shown beside the key box.
#![cfg(not(target_arch = "wasm32"))]

use jwt_debugger::core::base64url;
use jwt_debugger::core::key_export;
use jwt_debugger::core::keygen;
use jwt_debugger::core::keys::{
    self, Curve, Key, KeyMaterial, KeyText, PrivateKey, SecretEncoding, MAX_JWKS_KEYS,
};
use rand_core::OsRng;
use serde_json::{json, Value};

#[path = "support/openssl_keys.rs"]
mod openssl_keys;
use openssl_keys::{
    OPENSSL_CERT as CERT, OPENSSL_ED25519_PKCS8 as ED25519_PRIVATE,
    OPENSSL_ED25519_PUBLIC as ED25519_PUBLIC, OPENSSL_P384_PKCS8 as P384_PKCS8,
    OPENSSL_P384_PUBLIC as P384_PUBLIC, OPENSSL_P384_SEC1 as P384_SEC1,
    OPENSSL_RSA_PKCS8 as RSA_PRIVATE, OPENSSL_RSA_PUBLIC as RSA_PUBLIC,
};

/// RFC 7748 §6.1: Alice's X25519 private key and its public key.
const X25519_D: &str = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const X25519_X: &str = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn pem_of(label: &str, der: Vec<u8>) -> String {
    pem::encode(&pem::Pem::new(label, der))
}

fn parsed(text: &str) -> (Vec<Key>, bool) {
    match keys::parse_key_text(text) {
        Ok(KeyText::Keys { keys, is_set }) => (keys, is_set),
        other => panic!("not keys: {other:?}\n{text}"),
    }
}

fn one(text: &str) -> Key {
    let (mut keys, is_set) = parsed(text);
    assert_eq!((keys.len(), is_set), (1, false), "{text}");
    keys.remove(0)
}

fn refusal(text: &str) -> String {
    match keys::parse_key_text(text) {
        Err(e) => {
            assert_eq!(e.to_string(), e.message);
            e.message
        }
        Ok(other) => panic!("accepted: {other:?}\n{text}"),
    }
}

#[test]
fn curves_and_encodings_have_their_names() {
    let curves = [Curve::P256, Curve::P384, Curve::P521];
    let facts: Vec<(&str, &str, usize)> = curves
        .iter()
        .map(|c| (c.name(), c.alg(), c.size()))
        .collect();
    assert_eq!(
        facts,
        [
            ("P-256", "ES256", 32),
            ("P-384", "ES384", 48),
            ("P-521", "ES512", 66)
        ]
    );
    let encodings: Vec<(&str, &str)> = SecretEncoding::ALL
        .iter()
        .map(|e| (e.value(), e.label()))
        .collect();
    assert_eq!(
        encodings,
        [
            ("utf8", "UTF-8 text"),
            ("base64", "base64"),
            ("base64url", "base64url"),
            ("hex", "hex")
        ]
    );
    for e in SecretEncoding::ALL {
        assert_eq!(SecretEncoding::from_value(e.value()), Some(e));
    }
    assert_eq!(SecretEncoding::from_value("latin1"), None);
}

#[test]
fn secrets_decode_in_each_encoding() {
    let ok = |e: SecretEncoding, text: &str| {
        e.decode(text).unwrap_or_else(|err| panic!("{text}: {err}"))
    };
    let err = |e: SecretEncoding, text: &str| e.decode(text).unwrap_err().message;
    assert_eq!(ok(SecretEncoding::Utf8, "h\u{e9} "), b"h\xc3\xa9 ");
    assert_eq!(ok(SecretEncoding::Base64, " c2Vj\n cmV0 "), b"secret");
    assert_eq!(ok(SecretEncoding::Base64, "+/8="), [0xfb, 0xff]);
    assert_eq!(ok(SecretEncoding::Base64, "+/8"), [0xfb, 0xff]);
    assert_eq!(ok(SecretEncoding::Base64Url, "-_8"), [0xfb, 0xff]);
    assert_eq!(ok(SecretEncoding::Base64Url, "c2Vj\tcmV0"), b"secret");
    assert!(err(SecretEncoding::Base64, "-_8").starts_with("the secret is not valid base64: "));
    assert!(
        err(SecretEncoding::Base64Url, "+/8=").starts_with("the secret is not valid base64url: ")
    );
    assert_eq!(ok(SecretEncoding::Hex, " 0x00 ff\nAB "), [0x00, 0xff, 0xab]);
    assert_eq!(ok(SecretEncoding::Hex, "0102"), [1, 2]);
    assert_eq!(ok(SecretEncoding::Hex, "0x"), b"");
    for bad in ["abc", "0g", "1-"] {
        assert_eq!(
            err(SecretEncoding::Hex, bad),
            "the secret is not valid hex (pairs of 0-9, a-f)",
            "{bad}"
        );
    }
}

#[test]
fn key_material_and_keys_describe_themselves() {
    assert_eq!(
        KeyMaterial::Secret(vec![1; 5]).describe(),
        "HMAC secret (5 bytes)"
    );
    assert_eq!(KeyMaterial::Ed25519([1; 32]).describe(), "Ed25519");
    assert_eq!(KeyMaterial::X25519([1; 32]).describe(), "X25519");
    assert_eq!(
        one(RSA_PUBLIC).describe(),
        "RSA 2048-bit key from a PEM public key (SPKI)"
    );
    assert_eq!(
        one(RSA_PRIVATE).describe(),
        "RSA 2048-bit key from a PEM private key (PKCS#8) (public half of a private key)"
    );
    assert_eq!(
        one(r#"{"kty":"oct","k":"c2hvcnQ","kid":"k1"}"#).describe(),
        "HMAC secret (5 bytes) from a JWK, kid \"k1\""
    );
    assert_eq!(
        one(P384_PUBLIC).describe(),
        "EC P-384 key from a PEM public key (SPKI)"
    );
}

#[test]
fn private_keys_never_print_their_material() {
    let printed: Vec<String> = [
        PrivateKey::Rsa(vec![1, 2, 3]),
        PrivateKey::Ec {
            curve: Curve::P384,
            scalar: vec![7; 48],
        },
        PrivateKey::Ed25519([7; 32]),
        PrivateKey::X25519([7; 32]),
    ]
    .iter()
    .map(|k| format!("{k:?}"))
    .collect();
    assert_eq!(
        printed,
        [
            "PrivateKey::Rsa(..)",
            "PrivateKey::Ec(P-384)",
            "PrivateKey::Ed25519(..)",
            "PrivateKey::X25519(..)"
        ]
    );
}

#[test]
fn private_pem_keys_keep_their_private_half() {
    let rsa = one(RSA_PRIVATE);
    assert!(rsa.from_private);
    assert!(
        matches!(rsa.private, Some(PrivateKey::Rsa(_))),
        "{:?}",
        rsa.private
    );
    assert_eq!(rsa.material, one(RSA_PUBLIC).material);
    // The same key as PKCS#1 "RSA PRIVATE KEY".
    let pkcs1 = key_export::key_forms(&rsa)
        .unwrap()
        .traditional_pem
        .unwrap();
    assert!(
        pkcs1.starts_with("-----BEGIN RSA PRIVATE KEY-----"),
        "{pkcs1}"
    );
    let back = one(&pkcs1);
    assert_eq!(back.origin, "a PEM RSA private key (PKCS#1)");
    assert!(back.from_private);
    assert_eq!(back.private, rsa.private);
    assert_eq!(back.material, rsa.material);
    // EC: SEC1 and PKCS#8 give the same private scalar.
    let sec1 = one(P384_SEC1);
    assert_eq!(sec1.origin, "a PEM EC private key (SEC1)");
    assert!(sec1.from_private);
    let Some(PrivateKey::Ec { curve, scalar }) = &sec1.private else {
        panic!("{:?}", sec1.private)
    };
    assert_eq!((*curve, scalar.len()), (Curve::P384, 48));
    let pkcs8 = one(P384_PKCS8);
    assert!(pkcs8.from_private);
    assert_eq!(pkcs8.private, sec1.private);
    assert_eq!(pkcs8.material, one(P384_PUBLIC).material);
    assert_eq!(sec1.material, pkcs8.material);
    // Ed25519: the seed.
    let ed = one(ED25519_PRIVATE);
    assert!(ed.from_private);
    assert!(matches!(ed.private, Some(PrivateKey::Ed25519(_))));
    assert_eq!(ed.material, one(ED25519_PUBLIC).material);
    // Public keys have no private half.
    let public = one(P384_PUBLIC);
    assert!(!public.from_private);
    assert_eq!(public.private, None);
}

#[test]
fn x25519_keys_are_read_from_pkcs8_and_spki() {
    let mut der = hex("302e020100300506032b656e04220420");
    der.extend(hex(X25519_D));
    let key = one(&pem_of("PRIVATE KEY", der));
    assert_eq!(
        key.material,
        KeyMaterial::X25519(hex(X25519_X).try_into().unwrap())
    );
    assert_eq!(
        key.private,
        Some(PrivateKey::X25519(hex(X25519_D).try_into().unwrap()))
    );
    assert!(key.from_private);
    let mut spki = hex("302a300506032b656e032100");
    spki.extend(hex(X25519_X));
    let key = one(&pem_of("PUBLIC KEY", spki));
    assert_eq!(
        key.material,
        KeyMaterial::X25519(hex(X25519_X).try_into().unwrap())
    );
}

/// A DER TLV with a short or long length.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 128 => out.push(n as u8),
        n if n < 256 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(content);
    out
}

/// An SPKI with the given algorithm OID (DER body), parameter and key bits.
fn spki(alg_oid: &[u8], parameter: Option<&[u8]>, key: &[u8]) -> Vec<u8> {
    let mut alg = tlv(0x06, alg_oid);
    if let Some(p) = parameter {
        alg.extend(tlv(0x06, p));
    }
    let mut bits = vec![0];
    bits.extend_from_slice(key);
    let mut body = tlv(0x30, &alg);
    body.extend(tlv(0x03, &bits));
    tlv(0x30, &body)
}

const OID_EC: &str = "2a8648ce3d0201";

#[test]
fn unsupported_public_keys_are_refused_in_words() {
    let point = [4u8; 65];
    let refused = |der: Vec<u8>| refusal(&pem_of("PUBLIC KEY", der));
    assert_eq!(
        refused(spki(&hex(OID_EC), Some(&hex("2b8104000a")), &point)),
        "PEM PUBLIC KEY: uses the secp256k1 curve (ES256K), which this debugger does not verify"
    );
    assert_eq!(
        refused(spki(&hex(OID_EC), Some(&hex("2b2403030208010107")), &point)),
        "PEM PUBLIC KEY: uses an unknown elliptic curve (OID 1.3.36.3.3.2.8.1.1.7)"
    );
    assert_eq!(
        refused(spki(&hex("2b6571"), None, &[1; 57])),
        "PEM PUBLIC KEY: the Ed448 public key is not a valid curve point"
    );
    assert_eq!(
        refused(spki(&hex("2a8648ce380401"), None, &[1; 20])),
        "PEM PUBLIC KEY: the key's algorithm (OID 1.2.840.10040.4.1) is not RSA, EC, Ed25519, Ed448, ML-DSA or X25519"
    );
    // An X448 private key is refused as an unknown algorithm.
    let mut der = hex("3047020100300506032b656f043b0439");
    der.extend([1u8; 57]);
    assert_eq!(
        refusal(&pem_of("PRIVATE KEY", der)),
        "PEM PRIVATE KEY: the private key's algorithm (OID 1.3.101.111) is not RSA, EC, Ed25519, Ed448, ML-DSA or X25519"
    );
}

#[test]
fn pem_bundles_are_sets_and_name_the_failing_block() {
    let (keys, is_set) = parsed(&format!("{RSA_PUBLIC}{ED25519_PUBLIC}"));
    assert!(is_set);
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[1].material, one(ED25519_PUBLIC).material);
    let foo = "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n";
    assert_eq!(
        refusal(&format!("{RSA_PUBLIC}{foo}")),
        "PEM block 2 (FOO): \"FOO\" blocks are not keys this debugger reads; paste a PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or private key block"
    );
    assert_eq!(
        refusal(foo),
        "PEM FOO: \"FOO\" blocks are not keys this debugger reads; paste a PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or private key block"
    );
    // openssl ecparam -genkey prints the curve before the key.
    let params = "-----BEGIN EC PARAMETERS-----\nBgUrgQQAIg==\n-----END EC PARAMETERS-----\n";
    let key = one(&format!("{params}{P384_SEC1}"));
    assert_eq!(key.material, one(P384_PUBLIC).material);
    assert_eq!(
        refusal(params),
        "the PEM text holds only EC PARAMETERS, no key; paste the EC PRIVATE KEY or PUBLIC KEY block (openssl ecparam needs -genkey to make a key)"
    );
}

/// The DER between a PEM's armour lines.
fn der_of(pem_text: &str) -> Vec<u8> {
    pem::parse(pem_text).unwrap().contents().to_vec()
}

#[test]
fn certificates_say_who_and_when() {
    let key = one(CERT);
    assert_eq!(key.origin, "an X.509 certificate");
    let cert = key.cert.clone().expect("certificate info");
    assert_eq!(cert.subject, "CN=key-tool-test");
    assert_eq!(cert.issuer, "CN=key-tool-test");
    assert_eq!(cert.serial_hex, "2d615fbd323fc7eed7200d5b6ac782a840ba9adf");
    assert_eq!(
        (cert.not_before, cert.not_after),
        (1_796_196_393, 4_949_796_393)
    );
    assert_eq!(keys::certificate_info(&der_of(CERT)), Ok(cert.clone()));
    // Bare base64 DER, as some tools print it.
    let bare: String = CERT
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n ");
    let key = keys::parse_bare_der(&bare).expect("bare certificate");
    assert_eq!(key.origin, "base64 DER certificate (no PEM armour)");
    assert_eq!(key.cert, Some(cert));
    let bare_spki: String = RSA_PUBLIC
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect();
    let key = keys::parse_bare_der(&bare_spki).expect("bare SPKI");
    assert_eq!(key.origin, "base64 DER public key (no PEM armour)");
    assert_eq!(key.material, one(RSA_PUBLIC).material);
    assert_eq!(keys::parse_bare_der("c2hvcnQ"), None);
}

/// Big-endian bytes of `n`, pseudo-random but fixed, top byte as given.
fn modulus(bytes: usize, top: u8) -> Vec<u8> {
    let mut x: u32 = 0x1234_5678;
    let mut n: Vec<u8> = (0..bytes)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) as u8
        })
        .collect();
    n[0] = top;
    n[bytes - 1] |= 1;
    n
}

fn rsa_jwk(n: &[u8], e: &[u8]) -> String {
    json!({"kty": "RSA", "n": base64url::encode(n), "e": base64url::encode(e)}).to_string()
}

const E: [u8; 3] = [1, 0, 1];

#[test]
fn rsa_moduli_from_2048_to_4096_bits_only() {
    let bits = |n: &[u8]| match one(&rsa_jwk(n, &E)).material {
        KeyMaterial::Rsa { n, .. } => (n.len(), one(&rsa_jwk(&n, &E)).describe()),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        bits(&modulus(256, 0x80)),
        (256, "RSA 2048-bit key from a JWK".to_string())
    );
    assert_eq!(
        bits(&modulus(256, 0xff)),
        (256, "RSA 2048-bit key from a JWK".to_string())
    );
    assert_eq!(
        bits(&modulus(512, 0x80)),
        (512, "RSA 4096-bit key from a JWK".to_string())
    );
    assert_eq!(bits(&modulus(384, 0x01)).1, "RSA 3065-bit key from a JWK");
    // Leading zero bytes are not bits.
    let mut padded = vec![0, 0];
    padded.extend(modulus(256, 0x80));
    assert_eq!(
        bits(&padded),
        (256, "RSA 2048-bit key from a JWK".to_string())
    );
    assert_eq!(
        refusal(&rsa_jwk(&modulus(256, 0x7f), &E)),
        "JWK: the RSA modulus has only 2047 bits; RFC 7518 §3.3 requires at least 2048"
    );
    assert_eq!(
        refusal(&rsa_jwk(&modulus(256, 0x01), &E)),
        "JWK: the RSA modulus has only 2041 bits; RFC 7518 §3.3 requires at least 2048"
    );
    assert_eq!(
        refusal(&rsa_jwk(&modulus(513, 0x01), &E)),
        "JWK: the RSA modulus has 4097 bits; keys above 4096 bits are refused (no JOSE library accepts them and they would stall the page)"
    );
    let mut even = modulus(256, 0x80);
    even[255] &= 0xfe;
    assert_eq!(
        refusal(&rsa_jwk(&even, &E)),
        "JWK: the RSA modulus is even, so it is not a real RSA key"
    );
}

#[test]
fn rsa_exponents_must_be_odd_and_at_least_three() {
    let n = modulus(256, 0x80);
    let accepted = |e: &[u8]| match one(&rsa_jwk(&n, e)).material {
        KeyMaterial::Rsa { e, .. } => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(accepted(&[3]), [3]);
    assert_eq!(accepted(&[0, 1, 0, 1]), E);
    let mut long = vec![0x55; 256];
    long[255] = 0x57;
    assert_eq!(accepted(&long), long);
    for e in [vec![1u8], vec![2], vec![1, 0, 0], vec![0x55; 257]] {
        assert_eq!(
            refusal(&rsa_jwk(&n, &e)),
            format!(
                "JWK: the RSA public exponent ({}) is not usable: it must be odd and at least 3 (usually 65537)",
                base64url::to_hex(&e)
            )
        );
    }
}

/// `base` to the power `exp`, big-endian.
fn power(base: u32, exp: u32) -> Vec<u8> {
    let mut n = vec![1u8];
    for _ in 0..exp {
        let mut carry: u64 = 0;
        for byte in n.iter_mut().rev() {
            let v = u64::from(*byte) * u64::from(base) + carry;
            *byte = v as u8;
            carry = v >> 8;
        }
        while carry > 0 {
            n.insert(0, carry as u8);
            carry >>= 8;
        }
    }
    n
}

#[test]
fn roca_moduli_are_refused() {
    // 65537^130 has the ROCA fingerprint by construction: modulo every
    // small prime it is a power of 65537.
    let n = power(65_537, 130);
    assert_eq!(n.len(), 261);
    assert_eq!(
        refusal(&rsa_jwk(&n, &E)),
        "JWK: this RSA key was generated by a flawed library (ROCA, CVE-2017-15361): its private key can be computed from the public key. Replace it."
    );
    // One more: still a power; one less than it is not.
    assert!(keys::parse_key_text(&rsa_jwk(&power(65_537, 131), &E)).is_err());
    let mut not_roca = n.clone();
    let last = not_roca.len() - 1;
    not_roca[last] += 2;
    assert!(matches!(
        one(&rsa_jwk(&not_roca, &E)).material,
        KeyMaterial::Rsa { .. }
    ));
    // The whole modulus counts, not its last byte (1, as in every power of
    // 65537 = 2^16 + 1).
    let mut not_roca = n.clone();
    not_roca[last - 1] ^= 1;
    assert!(matches!(
        one(&rsa_jwk(&not_roca, &E)).material,
        KeyMaterial::Rsa { .. }
    ));
}

fn ec_private_jwk() -> Value {
    let k = keygen::generate("ES256", 2048, &mut OsRng).unwrap();
    let key = one(&k.private_text);
    serde_json::from_str(&key_export::key_forms(&key).unwrap().private_jwk.unwrap()).unwrap()
}

#[test]
fn private_jwks_keep_a_private_half_only_when_it_matches() {
    let jwk = ec_private_jwk();
    let key = one(&jwk.to_string());
    assert!(key.from_private);
    assert!(
        matches!(
            key.private,
            Some(PrivateKey::Ec {
                curve: Curve::P256,
                ..
            })
        ),
        "{:?}",
        key.private
    );
    // Another key's d does not give this x and y.
    let mut other = jwk.clone();
    other["d"] = ec_private_jwk()["d"].clone();
    let key = one(&other.to_string());
    assert_eq!(key.private, None);
    // The public members alone.
    let mut public = jwk.clone();
    public.as_object_mut().unwrap().remove("d");
    let key = one(&public.to_string());
    assert!(!key.from_private);
    assert_eq!(key.private, None);
    // An "oct" key with a "d" member is still just a secret.
    let key = one(r#"{"kty":"oct","k":"c2hvcnQ","d":"AA"}"#);
    assert!(!key.from_private);
    assert_eq!(key.private, None);
    // RSA: the CRT members give the PKCS#1 key.
    let rsa = one(RSA_PRIVATE);
    let rsa_jwk = key_export::key_forms(&rsa).unwrap().private_jwk.unwrap();
    let back = one(&rsa_jwk);
    assert!(back.from_private);
    assert_eq!(back.private, rsa.private);
    // Ed25519, Ed448 and X25519: the private half only when it gives x.
    let private_jwk_round_trip = |key: &Key, d_len: usize| {
        let jwk: Value =
            serde_json::from_str(&key_export::key_forms(key).unwrap().private_jwk.unwrap())
                .unwrap();
        assert_eq!(one(&jwk.to_string()).private, key.private);
        let mut wrong = jwk.clone();
        wrong["d"] = base64url::encode(&vec![9u8; d_len]).into();
        assert_eq!(one(&wrong.to_string()).private, None);
    };
    private_jwk_round_trip(&one(ED25519_PRIVATE), 32);
    let ed448 = one(&keygen::generate("Ed448", 2048, &mut OsRng)
        .unwrap()
        .private_text);
    assert!(matches!(ed448.private, Some(PrivateKey::Ed448(_))));
    private_jwk_round_trip(&ed448, 57);
    let x = json!({
        "kty": "OKP", "crv": "X25519",
        "x": base64url::encode(&hex(X25519_X)),
        "d": base64url::encode(&hex(X25519_D)),
    });
    assert_eq!(
        one(&x.to_string()).private,
        Some(PrivateKey::X25519(hex(X25519_D).try_into().unwrap()))
    );
    let mut wrong = x.clone();
    wrong["d"] = base64url::encode(&[9u8; 32]).into();
    assert_eq!(one(&wrong.to_string()).private, None);
}

#[test]
fn ec_jwk_coordinates_are_the_full_field_size() {
    let jwk = ec_private_jwk();
    let y = base64url::decode_strict(jwk["y"].as_str().unwrap()).unwrap();
    let mut short = jwk.clone();
    short["y"] = base64url::encode(&y[1..]).into();
    assert_eq!(
        refusal(&short.to_string()),
        "JWK: \"x\" and \"y\" must each be 32 bytes for P-256 (they are 32 and 31)"
    );
    let mut short = jwk.clone();
    short["x"] = base64url::encode(&y[1..]).into();
    assert_eq!(
        refusal(&short.to_string()),
        "JWK: \"x\" and \"y\" must each be 32 bytes for P-256 (they are 31 and 32)"
    );
}

fn oct(kid: Option<&str>) -> Value {
    let mut k = json!({"kty": "oct", "k": "c2VjcmV0LWtleQ"});
    if let Some(kid) = kid {
        k["kid"] = kid.into();
    }
    k
}

#[test]
fn jwk_sets_are_refused_when_ambiguous_or_too_big() {
    let ec = {
        let mut public = ec_private_jwk();
        public.as_object_mut().unwrap().remove("d");
        public
    };
    let set = |keys: Vec<Value>| json!({ "keys": keys }).to_string();
    assert_eq!(
        refusal(&set(vec![oct(None), ec.clone()])),
        "the JWK Set mixes shared secrets (\"oct\") with public keys; a verifier must not be given both"
    );
    assert_eq!(
        refusal(&set(vec![ec.clone(), oct(None)])),
        "the JWK Set mixes shared secrets (\"oct\") with public keys; a verifier must not be given both"
    );
    // A kid shared across key types is allowed (RFC 7517 §4.5).
    let mut ec_a = ec.clone();
    ec_a["kid"] = "a".into();
    let mut rsa_a: Value = serde_json::from_str(&rsa_jwk(&modulus(256, 0xc1), &E)).unwrap();
    rsa_a["kid"] = "a".into();
    let (keys, _) = parsed(&set(vec![ec_a.clone(), rsa_a]));
    assert_eq!(keys.len(), 2);
    assert_eq!(
        refusal(&set(vec![ec_a.clone(), ec_a])),
        "the JWK Set has more than one EC key with kid \"a\", so the token's kid is ambiguous"
    );
    let (keys, is_set) = parsed(&set(vec![oct(Some("a")), oct(Some("b"))]));
    assert!(is_set);
    assert_eq!(keys.len(), 2);
    let (keys, _) = parsed(&set(vec![ec.clone(), ec.clone()]));
    assert_eq!(keys.len(), 2);
    assert_eq!(
        refusal(&set(vec![oct(Some("a")), oct(Some("b")), oct(Some("a"))])),
        "the JWK Set has more than one oct key with kid \"a\", so the token's kid is ambiguous"
    );
    let (keys, _) = parsed(&set(vec![oct(None); MAX_JWKS_KEYS]));
    assert_eq!(keys.len(), 2000);
    assert_eq!(
        refusal(&set(vec![oct(None); MAX_JWKS_KEYS + 1])),
        "the JWK Set has 2001 keys; more than 2000 are refused"
    );
    assert_eq!(refusal(&set(vec![])), "the JWK Set has no keys");
}

#[test]
fn summaries_of_text_and_keys() {
    let now = 1_767_225_600;
    assert_eq!(keys::summarize_text(""), Some(vec![]));
    assert_eq!(keys::summarize_text(" \n"), Some(vec![]));
    let text =
        vec!["Text secret, 3 characters (its bytes depend on the encoding below)".to_string()];
    assert_eq!(keys::summarize_text("h\u{e9}!"), Some(text.clone()));
    assert_eq!(keys::summarize("h\u{e9}!", now), text);
    assert_eq!(keys::summarize_text(RSA_PUBLIC), None);
    assert_eq!(keys::summarize_text("{}"), None);
    assert_eq!(keys::summarize("", now), Vec::<String>::new());
    assert_eq!(
        keys::summarize(RSA_PUBLIC, now),
        ["RSA 2048-bit key from a PEM public key (SPKI)"]
    );
    assert_eq!(
        keys::summarize(&format!("{RSA_PUBLIC}{ED25519_PUBLIC}"), now),
        [
            "2 keys",
            "RSA 2048-bit key from a PEM public key (SPKI)",
            "Ed25519 key from a PEM public key (SPKI)"
        ]
    );
    assert_eq!(
        keys::summarize(r#"{"keys":[]}"#, now),
        ["Not usable: the JWK Set has no keys"]
    );
}

#[test]
fn a_certificates_summary_says_whether_it_is_valid_now() {
    let (from, to) = (1_796_196_393, 4_949_796_393);
    let summary = |now: i64| keys::summarize(CERT, now);
    let lines = |state: &str| {
        vec![
            "EC P-256 key from an X.509 certificate".to_string(),
            "Subject: CN=key-tool-test".to_string(),
            "Issuer: CN=key-tool-test".to_string(),
            format!("Valid from 2026-12-02 to 2126-11-08 ({state})"),
        ]
    };
    assert_eq!(summary(from - 1), lines("not yet valid"));
    assert_eq!(summary(from), lines("currently valid"));
    assert_eq!(summary(from + 1), lines("currently valid"));
    assert_eq!(summary(to), lines("currently valid"));
    assert_eq!(summary(to + 1), lines("expired"));
}

#[test]
fn long_sets_are_summarised_by_their_first_twenty_keys() {
    let set = |n: usize| {
        let keys: Vec<Value> = (0..n).map(|i| oct(Some(&format!("k{i}")))).collect();
        json!({ "keys": keys }).to_string()
    };
    let twenty = keys::summarize(&set(20), 0);
    assert_eq!(twenty.len(), 21);
    assert_eq!(twenty[0], "20 keys");
    assert_eq!(
        twenty[20],
        "HMAC secret (10 bytes) from JWK Set key 20, kid \"k19\""
    );
    let more = keys::summarize(&set(22), 0);
    assert_eq!(more.len(), 22);
    assert_eq!(more[0], "22 keys");
    assert_eq!(
        more[20],
        "HMAC secret (10 bytes) from JWK Set key 20, kid \"k19\""
    );
    assert_eq!(more[21], "… and 2 more");
}

/// OneAsymmetricKey (RFC 5958) for ML-DSA-44 with the seed form of the
/// private key (RFC 9881) and, when given, the optional public key [1].
fn ml_dsa_44_pkcs8(seed: &[u8; 32], public: Option<&[u8]>) -> Vec<u8> {
    ml_dsa_44_pkcs8_holding(&tlv(0x80, seed), public)
}

/// The same with `private` (the DER of one of RFC 9881's private key forms)
/// as the private key's content.
fn ml_dsa_44_pkcs8_holding(private: &[u8], public: Option<&[u8]>) -> Vec<u8> {
    let oid_ml_dsa_44 = hex("608648016503040311");
    let mut body = tlv(0x02, &[if public.is_some() { 1 } else { 0 }]);
    body.extend(tlv(0x30, &tlv(0x06, &oid_ml_dsa_44)));
    body.extend(tlv(0x04, private));
    if let Some(public) = public {
        let mut bits = vec![0];
        bits.extend_from_slice(public);
        body.extend(tlv(0x81, &bits));
    }
    tlv(0x30, &body)
}

/// The ML-DSA-44 key a PKCS#8 seed gives, and its public key.
fn ml_dsa_44_from_seed(seed: &[u8; 32]) -> (Key, Vec<u8>) {
    let key = one(&pem_of("PRIVATE KEY", ml_dsa_44_pkcs8(seed, None)));
    let KeyMaterial::MlDsa { public, .. } = &key.material else {
        panic!("not ML-DSA: {key:?}");
    };
    let public = public.clone();
    (key, public)
}

#[test]
fn ml_dsa_private_keys_are_checked_against_their_embedded_public_key() {
    let seed = [0x5c; 32];
    let (seed_only, public) = ml_dsa_44_from_seed(&seed);
    assert_eq!(public.len(), 1312);
    // The public key the seed gives, carried along: the same key.
    let with_public = one(&pem_of(
        "PRIVATE KEY",
        ml_dsa_44_pkcs8(&seed, Some(&public)),
    ));
    assert_eq!(with_public.material, seed_only.material);
    // Any other public key beside the seed is refused.
    let mut other = public.clone();
    other[700] ^= 1;
    assert_eq!(
        refusal(&pem_of("PRIVATE KEY", ml_dsa_44_pkcs8(&seed, Some(&other)))),
        "PEM PRIVATE KEY: the ML-DSA-44 private key's embedded public key does not match its seed"
    );
}

#[test]
fn an_akp_jwk_private_seed_must_give_its_public_key() {
    let seed = [0x5c; 32];
    let (from_pkcs8, public) = ml_dsa_44_from_seed(&seed);
    let jwk = |priv_seed: &[u8]| {
        json!({
            "kty": "AKP", "alg": "ML-DSA-44",
            "pub": base64url::encode(&public), "priv": base64url::encode(priv_seed),
        })
        .to_string()
    };
    assert_eq!(one(&jwk(&seed)).material, from_pkcs8.material);
    assert_eq!(one(&jwk(&seed)).private, from_pkcs8.private);
    assert!(from_pkcs8.private.is_some());
    assert!(one(&jwk(&seed)).from_private);
    // Without "priv" an AKP JWK is a public key.
    let public_only = json!({"kty": "AKP", "alg": "ML-DSA-44", "pub": base64url::encode(&public)});
    let key = one(&public_only.to_string());
    assert!(!key.from_private);
    assert_eq!(key.private, None);
    let refused = refusal(&jwk(&[0x5d; 32]));
    assert!(
        refused.contains("\"priv\" does not give the key's \"pub\": the seed and public key belong to different keys"),
        "{refused}"
    );
}

#[test]
fn ml_dsa_private_keys_come_as_seed_or_seed_and_expanded_key_never_expanded_alone() {
    let seed = [0x5c; 32];
    let (seed_only, _) = ml_dsa_44_from_seed(&seed);
    // "both": SEQUENCE { seed, expandedKey } (2560 bytes for ML-DSA-44).
    let expanded = vec![0x11; 2560];
    let mut both = tlv(0x04, &seed);
    both.extend(tlv(0x04, &expanded));
    let key = one(&pem_of(
        "PRIVATE KEY",
        ml_dsa_44_pkcs8_holding(&tlv(0x30, &both), None),
    ));
    assert_eq!(key.material, seed_only.material);
    let refused = |private: Vec<u8>| {
        refusal(&pem_of(
            "PRIVATE KEY",
            ml_dsa_44_pkcs8_holding(&private, None),
        ))
    };
    assert_eq!(
        refused(tlv(0x04, &expanded)),
        "PEM PRIVATE KEY: the ML-DSA-44 private key holds only the expanded key, not the 32-byte seed; export it with its seed (RFC 9881 §6)"
    );
    for short in [tlv(0x80, &seed[..31]), {
        let mut both = tlv(0x04, &seed[..31]);
        both.extend(tlv(0x04, &expanded));
        tlv(0x30, &both)
    }] {
        assert_eq!(
            refused(short),
            "PEM PRIVATE KEY: the ML-DSA-44 private key's seed must be 32 bytes"
        );
    }
    assert_eq!(
        refused(vec![0x05, 0x00]),
        "PEM PRIVATE KEY: the ML-DSA-44 private key is neither a 32-byte seed nor a seed with its expanded key (RFC 9881 §6)"
    );
}
