//! The one key parser of the app: whatever is pasted (secret, PEM, X.509
//! certificate, private key, JWK, JWK Set) becomes a list of [`Key`]s with
//! their public half, or a [`KeyError`] saying what is wrong and where.

use std::fmt;

use der::asn1::ObjectIdentifier;
use der::{Decode, Encode};
use serde_json::{Map, Value};
use spki::SubjectPublicKeyInfoRef;

use super::backends::{self, MlDsaLevel};
use super::base64url;

const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_EC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const OID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const OID_SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
/// RFC 8410: X25519 keys agree keys (JWE ECDH-ES); they never sign.
pub(crate) const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

/// RSA moduli outside this range are refused (RFC 7518 §3.3 asks for at
/// least 2048 bits; the RSA backend stops at 4096, and far larger keys would
/// only be a way to freeze the page).
pub const RSA_MIN_BITS: usize = 2048;
pub const RSA_MAX_BITS: usize = 4096;

/// JWK Sets above this many keys are refused rather than tried one by one.
pub const MAX_JWKS_KEYS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Curve {
    P256,
    P384,
    P521,
}

impl Curve {
    pub fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
        }
    }

    /// The JWS algorithm that uses this curve.
    pub fn alg(self) -> &'static str {
        match self {
            Curve::P256 => "ES256",
            Curve::P384 => "ES384",
            Curve::P521 => "ES512",
        }
    }

    /// Bytes of one coordinate (and of r or s in a signature).
    pub fn size(self) -> usize {
        match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    fn from_oid(oid: ObjectIdentifier) -> Result<Curve, String> {
        match oid {
            o if o == OID_P256 => Ok(Curve::P256),
            o if o == OID_P384 => Ok(Curve::P384),
            o if o == OID_P521 => Ok(Curve::P521),
            o if o == OID_SECP256K1 => {
                Err("uses the secp256k1 curve (ES256K), which this debugger does not verify".into())
            }
            o => Err(format!("uses an unknown elliptic curve (OID {o})")),
        }
    }

    fn from_jwk_name(name: &str) -> Result<Curve, String> {
        match name {
            "P-256" => Ok(Curve::P256),
            "P-384" => Ok(Curve::P384),
            "P-521" => Ok(Curve::P521),
            "secp256k1" => Err("\"crv\" secp256k1 (ES256K) is not supported".into()),
            other => Err(format!(
                "\"crv\" \"{other}\" is not an EC curve this debugger knows"
            )),
        }
    }
}

/// Key material, always reduced to what verification needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyMaterial {
    /// A shared HMAC secret.
    Secret(Vec<u8>),
    /// RSA modulus and exponent, big-endian without leading zeros.
    Rsa {
        n: Vec<u8>,
        e: Vec<u8>,
    },
    /// An uncompressed SEC1 point (`04 ‖ x ‖ y`), checked to be on the curve.
    Ec {
        curve: Curve,
        point: Vec<u8>,
    },
    Ed25519([u8; 32]),
    /// An Ed448 public key (RFC 8032), checked to be a valid point.
    Ed448([u8; 57]),
    /// An ML-DSA public key (FIPS 204), exactly the level's length; a JWK
    /// `kty` "AKP" (draft-ietf-cose-dilithium).
    MlDsa {
        level: MlDsaLevel,
        public: Vec<u8>,
    },
    /// An X25519 public key (RFC 7748), for JWE key agreement only.
    X25519([u8; 32]),
}

impl KeyMaterial {
    /// "RSA 2048-bit", "EC P-256", "Ed25519", "HMAC secret (32 bytes)".
    pub fn describe(&self) -> String {
        match self {
            KeyMaterial::Secret(s) => format!("HMAC secret ({} bytes)", s.len()),
            KeyMaterial::Rsa { n, .. } => format!("RSA {}-bit", bit_len(n)),
            KeyMaterial::Ec { curve, .. } => format!("EC {}", curve.name()),
            KeyMaterial::Ed25519(_) => "Ed25519".to_string(),
            KeyMaterial::Ed448(_) => "Ed448".to_string(),
            KeyMaterial::MlDsa { level, .. } => level.alg().to_string(),
            KeyMaterial::X25519(_) => "X25519".to_string(),
        }
    }

    /// The JWK `kty` of this kind of key.
    pub fn kind_name(&self) -> &'static str {
        match self {
            KeyMaterial::Secret(_) => "oct",
            KeyMaterial::Rsa { .. } => "RSA",
            KeyMaterial::Ec { .. } => "EC",
            KeyMaterial::Ed25519(_) | KeyMaterial::Ed448(_) | KeyMaterial::X25519(_) => "OKP",
            KeyMaterial::MlDsa { .. } => "AKP",
        }
    }
}

/// What a certificate says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub serial_hex: String,
    /// Validity, seconds since the epoch.
    pub not_before: i64,
    pub not_after: i64,
}

/// The private half of a key, kept so it can sign.
#[derive(Clone, PartialEq, Eq)]
pub enum PrivateKey {
    /// A PKCS#1 `RSAPrivateKey`, DER.
    Rsa(Vec<u8>),
    /// The private scalar, big-endian, exactly the curve's size.
    Ec { curve: Curve, scalar: Vec<u8> },
    /// The 32-byte seed.
    Ed25519([u8; 32]),
    /// The 57-byte secret key (RFC 8032 §5.2.5).
    Ed448([u8; 57]),
    /// The 32-byte seed ξ of FIPS 204 key generation (the JWK's `priv`).
    MlDsa { level: MlDsaLevel, seed: [u8; 32] },
    /// The 32-byte X25519 private key (decrypts JWE with ECDH-ES).
    X25519([u8; 32]),
}

/// Never prints key material, so a debug log cannot leak it.
impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrivateKey::Rsa(_) => f.write_str("PrivateKey::Rsa(..)"),
            PrivateKey::Ec { curve, .. } => write!(f, "PrivateKey::Ec({})", curve.name()),
            PrivateKey::Ed25519(_) => f.write_str("PrivateKey::Ed25519(..)"),
            PrivateKey::Ed448(_) => f.write_str("PrivateKey::Ed448(..)"),
            PrivateKey::MlDsa { level, .. } => write!(f, "PrivateKey::MlDsa({})", level.alg()),
            PrivateKey::X25519(_) => f.write_str("PrivateKey::X25519(..)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub material: KeyMaterial,
    /// The private half, when one was given whole enough to sign with.
    pub private: Option<PrivateKey>,
    /// Where the key came from: "PEM public key", "JWK Set key 2", …
    pub origin: String,
    /// The public half was derived from a private key.
    pub from_private: bool,
    pub kid: Option<String>,
    /// JWK `alg`, `use` and `key_ops`, which restrict what the key may do.
    pub alg: Option<String>,
    pub use_: Option<String>,
    pub key_ops: Option<Vec<String>>,
    pub cert: Option<CertInfo>,
}

impl Key {
    /// A key with no JWK metadata.
    pub fn new(material: KeyMaterial, origin: impl Into<String>) -> Key {
        Key {
            material,
            private: None,
            origin: origin.into(),
            from_private: false,
            kid: None,
            alg: None,
            use_: None,
            key_ops: None,
            cert: None,
        }
    }

    /// "RSA 2048-bit public key from a PEM certificate (kid "k1")".
    pub fn describe(&self) -> String {
        let noun = if matches!(self.material, KeyMaterial::Secret(_)) {
            ""
        } else {
            " key"
        };
        let mut s = format!("{}{noun} from {}", self.material.describe(), self.origin);
        if self.from_private {
            s.push_str(" (public half of a private key)");
        }
        if let Some(kid) = &self.kid {
            s.push_str(&format!(", kid \"{kid}\""));
        }
        s
    }
}

/// What the key text turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyText {
    Empty,
    /// Not PEM or JSON: a secret, whose bytes depend on the chosen encoding.
    Secret(String),
    /// One key (PEM, JWK) or several (JWK Set, PEM bundle).
    Keys {
        keys: Vec<Key>,
        is_set: bool,
    },
}

/// Why key text cannot be used, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError {
    pub message: String,
}

impl KeyError {
    fn new(message: impl Into<String>) -> KeyError {
        KeyError {
            message: message.into(),
        }
    }

    fn context(self, where_: &str) -> KeyError {
        KeyError::new(format!("{where_}: {}", self.message))
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for KeyError {}

/// How an HMAC secret typed as text becomes bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SecretEncoding {
    #[default]
    Utf8,
    Base64,
    Base64Url,
    Hex,
}

impl SecretEncoding {
    pub const ALL: [SecretEncoding; 4] = [
        SecretEncoding::Utf8,
        SecretEncoding::Base64,
        SecretEncoding::Base64Url,
        SecretEncoding::Hex,
    ];

    /// The value used in the UI's `<select>`.
    pub fn value(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "utf8",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Base64Url => "base64url",
            SecretEncoding::Hex => "hex",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SecretEncoding::Utf8 => "UTF-8 text",
            SecretEncoding::Base64 => "base64",
            SecretEncoding::Base64Url => "base64url",
            SecretEncoding::Hex => "hex",
        }
    }

    pub fn from_value(v: &str) -> Option<SecretEncoding> {
        SecretEncoding::ALL.into_iter().find(|e| e.value() == v)
    }

    /// The secret's bytes, or why the text is not in this encoding.
    pub fn decode(self, text: &str) -> Result<Vec<u8>, KeyError> {
        match self {
            SecretEncoding::Utf8 => Ok(text.as_bytes().to_vec()),
            SecretEncoding::Base64 | SecretEncoding::Base64Url => {
                use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
                use base64::Engine;
                let cfg = GeneralPurposeConfig::new()
                    .with_decode_padding_mode(DecodePaddingMode::Indifferent);
                let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                let engine = if self == SecretEncoding::Base64 {
                    GeneralPurpose::new(&base64::alphabet::STANDARD, cfg)
                } else {
                    GeneralPurpose::new(&base64::alphabet::URL_SAFE, cfg)
                };
                engine.decode(compact.as_bytes()).map_err(|e| {
                    KeyError::new(format!("the secret is not valid {}: {e}", self.label()))
                })
            }
            SecretEncoding::Hex => {
                let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                let digits = compact.strip_prefix("0x").unwrap_or(&compact);
                decode_hex(digits)
                    .ok_or_else(|| KeyError::new("the secret is not valid hex (pairs of 0-9, a-f)"))
            }
        }
    }
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

fn bit_len(n: &[u8]) -> usize {
    let n = strip_zeros(n);
    match n.first() {
        None => 0,
        Some(b) => n.len() * 8 - b.leading_zeros() as usize,
    }
}

fn strip_zeros(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|&x| x != 0).unwrap_or(b.len());
    &b[start..]
}

/// What the key box holds, told apart without parsing it: the page handles
/// empty boxes and text secrets itself and sends the rest to the crypto
/// worker, so this must stay free of ASN.1 and big-number code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyShape {
    Empty,
    Pem,
    Jwk,
    /// A text secret, or bare base64 DER for an asymmetric token.
    Text,
}

pub fn classify(text: &str) -> KeyShape {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        KeyShape::Empty
    } else if trimmed.contains("-----BEGIN ") {
        KeyShape::Pem
    } else if trimmed.starts_with('{') {
        KeyShape::Jwk
    } else {
        KeyShape::Text
    }
}

/// Reads whatever was pasted into the key box.
pub fn parse_key_text(text: &str) -> Result<KeyText, KeyError> {
    let trimmed = text.trim();
    match classify(text) {
        KeyShape::Empty => Ok(KeyText::Empty),
        KeyShape::Pem => {
            let keys = parse_pem_bundle(trimmed)?;
            let is_set = keys.len() > 1;
            Ok(KeyText::Keys { keys, is_set })
        }
        KeyShape::Jwk => parse_jwk_text(trimmed),
        KeyShape::Text => Ok(KeyText::Secret(text.to_string())),
    }
}

/// Bare base64 DER (a PEM without its armour), as some tools print keys.
pub fn parse_bare_der(text: &str) -> Option<Key> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.len() < 40 {
        return None;
    }
    let der = SecretEncoding::Base64.decode(&compact).ok()?;
    if let Ok(key) = parse_spki(&der) {
        return Some(Key::new(key, "base64 DER public key (no PEM armour)"));
    }
    parse_certificate(&der).ok().map(|k| Key {
        origin: "base64 DER certificate (no PEM armour)".into(),
        ..k
    })
}

fn parse_pem_bundle(text: &str) -> Result<Vec<Key>, KeyError> {
    let blocks = pem::parse_many(text.as_bytes()).map_err(|e| {
        KeyError::new(format!(
            "the PEM text cannot be read ({e}). Check that the BEGIN/END lines match and the base64 between them is complete."
        ))
    })?;
    if blocks.is_empty() {
        return Err(KeyError::new(
            "the text has a BEGIN line but no complete PEM block; check the matching END line",
        ));
    }
    let mut keys = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let where_ = if blocks.len() > 1 {
            format!("PEM block {} ({})", i + 1, block.tag())
        } else {
            format!("PEM {}", block.tag())
        };
        if block.tag() == "EC PARAMETERS" {
            continue; // openssl prints it before an EC private key
        }
        let key = parse_pem_block(block.tag(), block.contents()).map_err(|e| e.context(&where_))?;
        keys.push(key);
    }
    if keys.is_empty() {
        return Err(KeyError::new(
            "the PEM text holds only EC PARAMETERS, no key; paste the EC PRIVATE KEY or PUBLIC KEY block (openssl ecparam needs -genkey to make a key)",
        ));
    }
    Ok(keys)
}

fn parse_pem_block(tag: &str, der: &[u8]) -> Result<Key, KeyError> {
    match tag {
        "PUBLIC KEY" => Ok(Key::new(parse_spki(der)?, "a PEM public key (SPKI)")),
        "RSA PUBLIC KEY" => {
            let k = pkcs1::RsaPublicKey::from_der(der)
                .map_err(|e| KeyError::new(format!("not a PKCS#1 RSA public key ({e})")))?;
            let material = rsa_material(k.modulus.as_bytes(), k.public_exponent.as_bytes())?;
            Ok(Key::new(material, "a PEM RSA public key (PKCS#1)"))
        }
        "CERTIFICATE" => parse_certificate(der),
        "PRIVATE KEY" => {
            let info = pkcs8::PrivateKeyInfo::from_der(der)
                .map_err(|e| KeyError::new(format!("not a PKCS#8 private key ({e})")))?;
            let material = pkcs8_public(&info)?;
            Ok(Key {
                from_private: true,
                private: pkcs8_private(&info, &material),
                ..Key::new(material, "a PEM private key (PKCS#8)")
            })
        }
        "RSA PRIVATE KEY" => {
            let k = pkcs1::RsaPrivateKey::from_der(der)
                .map_err(|e| KeyError::new(format!("not a PKCS#1 RSA private key ({e})")))?;
            let material = rsa_material(k.modulus.as_bytes(), k.public_exponent.as_bytes())?;
            Ok(Key {
                from_private: true,
                private: Some(PrivateKey::Rsa(der.to_vec())),
                ..Key::new(material, "a PEM RSA private key (PKCS#1)")
            })
        }
        "EC PRIVATE KEY" => {
            let k = sec1::EcPrivateKey::from_der(der)
                .map_err(|e| KeyError::new(format!("not a SEC1 EC private key ({e})")))?;
            let curve = match k.parameters.and_then(|p| p.named_curve()) {
                Some(oid) => Curve::from_oid(oid).map_err(KeyError::new)?,
                None => return Err(KeyError::new("the EC private key does not name its curve")),
            };
            let material = ec_from_private(curve, k.private_key, k.public_key)?;
            Ok(Key {
                from_private: true,
                private: ec_private(curve, k.private_key),
                ..Key::new(material, "a PEM EC private key (SEC1)")
            })
        }
        "ENCRYPTED PRIVATE KEY" => Err(KeyError::new(
            "the private key is encrypted with a password; decrypt it first (openssl pkcs8 -in key.pem -nocrypt) or paste the public key",
        )),
        "OPENSSH PRIVATE KEY" | "SSH2 PUBLIC KEY" => Err(KeyError::new(
            "OpenSSH key formats are not JOSE keys; convert with ssh-keygen -e -m PKCS8",
        )),
        other => Err(KeyError::new(format!(
            "\"{other}\" blocks are not keys this debugger reads; paste a PUBLIC KEY, RSA PUBLIC KEY, CERTIFICATE or private key block"
        ))),
    }
}

fn parse_certificate(der: &[u8]) -> Result<Key, KeyError> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|e| KeyError::new(format!("not a valid X.509 certificate ({e})")))?;
    let tbs = &cert.tbs_certificate;
    let spki = tbs
        .subject_public_key_info
        .to_der()
        .map_err(|e| KeyError::new(format!("the certificate's public key cannot be read ({e})")))?;
    let material = parse_spki(&spki)?;
    let info = cert_info(&cert);
    Ok(Key {
        cert: Some(info),
        ..Key::new(material, "an X.509 certificate")
    })
}

/// What a certificate says about itself, whatever key it holds.
pub fn certificate_info(der: &[u8]) -> Result<CertInfo, KeyError> {
    let cert = x509_cert::Certificate::from_der(der)
        .map_err(|e| KeyError::new(format!("not a valid X.509 certificate ({e})")))?;
    Ok(cert_info(&cert))
}

fn cert_info(cert: &x509_cert::Certificate) -> CertInfo {
    let tbs = &cert.tbs_certificate;
    let secs = |t: x509_cert::time::Time| -> i64 {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    CertInfo {
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        serial_hex: base64url::to_hex(tbs.serial_number.as_bytes()),
        not_before: secs(tbs.validity.not_before),
        not_after: secs(tbs.validity.not_after),
    }
}

/// A DER SubjectPublicKeyInfo to key material.
pub fn parse_spki(der: &[u8]) -> Result<KeyMaterial, KeyError> {
    let spki = SubjectPublicKeyInfoRef::try_from(der)
        .map_err(|e| KeyError::new(format!("not a SubjectPublicKeyInfo ({e})")))?;
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or_else(|| KeyError::new("the public key bit string has unused bits"))?;
    let oid = spki.algorithm.oid;
    if oid == OID_RSA || oid == OID_RSA_PSS {
        let k = pkcs1::RsaPublicKey::from_der(bits)
            .map_err(|e| KeyError::new(format!("the RSA public key is malformed ({e})")))?;
        return rsa_material(k.modulus.as_bytes(), k.public_exponent.as_bytes());
    }
    if oid == OID_EC {
        return ec_material(named_curve(&spki.algorithm, "public")?, bits);
    }
    if oid == OID_ED25519 {
        return ed25519_material(bits);
    }
    if oid == OID_X25519 {
        return x25519_material(bits);
    }
    if oid == OID_ED448 {
        return ed448_material(bits);
    }
    if let Some(level) = ml_dsa_level(oid) {
        if spki.algorithm.parameters.is_some() {
            return Err(KeyError::new(format!(
                "the {} key's algorithm has parameters; RFC 9881 §2 requires them absent",
                level.alg()
            )));
        }
        return ml_dsa_material(level, bits);
    }
    Err(KeyError::new(format!(
        "the key's algorithm (OID {oid}) is not RSA, EC, Ed25519, Ed448, ML-DSA or X25519"
    )))
}

/// The curve an EC AlgorithmIdentifier names; `which` is "public" or
/// "private" for the message.
fn named_curve(alg: &spki::AlgorithmIdentifierRef<'_>, which: &str) -> Result<Curve, KeyError> {
    let oid = alg
        .parameters_oid()
        .map_err(|_| KeyError::new(format!("the EC {which} key does not name its curve")))?;
    Curve::from_oid(oid).map_err(KeyError::new)
}

/// The signing half of a PKCS#8 key whose public half is `material`.
fn pkcs8_private(info: &pkcs8::PrivateKeyInfo<'_>, material: &KeyMaterial) -> Option<PrivateKey> {
    match material {
        KeyMaterial::Rsa { .. } => Some(PrivateKey::Rsa(info.private_key.to_vec())),
        KeyMaterial::Ec { curve, .. } => {
            let k = sec1::EcPrivateKey::from_der(info.private_key).ok()?;
            ec_private(*curve, k.private_key)
        }
        KeyMaterial::Ed25519(_) => {
            // RFC 8410 §7: the private key is an OCTET STRING holding the seed.
            let seed = der::asn1::OctetStringRef::from_der(info.private_key).ok()?;
            Some(PrivateKey::Ed25519(seed.as_bytes().try_into().ok()?))
        }
        KeyMaterial::X25519(_) => {
            let key = der::asn1::OctetStringRef::from_der(info.private_key).ok()?;
            Some(PrivateKey::X25519(key.as_bytes().try_into().ok()?))
        }
        KeyMaterial::Ed448(_) => {
            let key = der::asn1::OctetStringRef::from_der(info.private_key).ok()?;
            Some(PrivateKey::Ed448(key.as_bytes().try_into().ok()?))
        }
        KeyMaterial::MlDsa { level, .. } => Some(PrivateKey::MlDsa {
            level: *level,
            seed: ml_dsa_pkcs8_seed(*level, info.private_key).ok()?,
        }),
        KeyMaterial::Secret(_) => None,
    }
}

/// A private scalar left-padded to the curve's size (some encoders drop
/// leading zeros).
fn ec_private(curve: Curve, scalar: &[u8]) -> Option<PrivateKey> {
    let scalar = strip_zeros(scalar);
    let pad = curve.size().checked_sub(scalar.len())?;
    let mut full = vec![0; pad];
    full.extend_from_slice(scalar);
    Some(PrivateKey::Ec {
        curve,
        scalar: full,
    })
}

/// The signing half of a private JWK (`d`, and for RSA the CRT members).
fn jwk_private(obj: &Map<String, Value>, material: &KeyMaterial) -> Option<PrivateKey> {
    let b64 = |name: &str| b64_member(obj, name).ok();
    match material {
        KeyMaterial::Rsa { .. } => {
            use der::asn1::UintRef;
            let (n, e, d) = (b64("n")?, b64("e")?, b64("d")?);
            let (p, q, dp, dq, qi) = (b64("p")?, b64("q")?, b64("dp")?, b64("dq")?, b64("qi")?);
            let key = pkcs1::RsaPrivateKey {
                modulus: UintRef::new(&n).ok()?,
                public_exponent: UintRef::new(&e).ok()?,
                private_exponent: UintRef::new(&d).ok()?,
                prime1: UintRef::new(&p).ok()?,
                prime2: UintRef::new(&q).ok()?,
                exponent1: UintRef::new(&dp).ok()?,
                exponent2: UintRef::new(&dq).ok()?,
                coefficient: UintRef::new(&qi).ok()?,
                other_prime_infos: None,
            };
            Some(PrivateKey::Rsa(key.to_der().ok()?))
        }
        KeyMaterial::Ec { curve, .. } => {
            let d = b64("d")?;
            // The scalar must give the JWK's own public point.
            match ec_from_private(*curve, &d, None) {
                Ok(derived) if &derived == material => ec_private(*curve, &d),
                _ => None,
            }
        }
        KeyMaterial::Ed25519(x) => {
            let seed: [u8; 32] = b64("d")?.try_into().ok()?;
            let derived = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
            (derived.as_bytes() == x).then_some(PrivateKey::Ed25519(seed))
        }
        KeyMaterial::X25519(x) => {
            let d: [u8; 32] = b64("d")?.try_into().ok()?;
            (&x25519_public(&d) == x).then_some(PrivateKey::X25519(d))
        }
        KeyMaterial::Ed448(x) => {
            let d: [u8; 57] = b64("d")?.try_into().ok()?;
            (backends::ed448_public(&d).as_ref() == Some(x)).then_some(PrivateKey::Ed448(d))
        }
        KeyMaterial::MlDsa { level, public } => {
            // Checked when the JWK was read: `priv` derives `pub`.
            let seed: [u8; 32] = b64("priv")?.try_into().ok()?;
            (&backends::ml_dsa_public(*level, &seed) == public).then_some(PrivateKey::MlDsa {
                level: *level,
                seed,
            })
        }
        KeyMaterial::Secret(_) => None,
    }
}

fn pkcs8_public(info: &pkcs8::PrivateKeyInfo<'_>) -> Result<KeyMaterial, KeyError> {
    let oid = info.algorithm.oid;
    if oid == OID_RSA || oid == OID_RSA_PSS {
        let k = pkcs1::RsaPrivateKey::from_der(info.private_key)
            .map_err(|e| KeyError::new(format!("the RSA private key is malformed ({e})")))?;
        return rsa_material(k.modulus.as_bytes(), k.public_exponent.as_bytes());
    }
    if oid == OID_EC {
        let curve = named_curve(&info.algorithm, "private")?;
        let k = sec1::EcPrivateKey::from_der(info.private_key)
            .map_err(|e| KeyError::new(format!("the EC private key is malformed ({e})")))?;
        return ec_from_private(curve, k.private_key, k.public_key.or(info.public_key));
    }
    if oid == OID_ED25519 {
        // The private key is an OCTET STRING holding the 32-byte seed.
        let seed = der::asn1::OctetStringRef::from_der(info.private_key)
            .map_err(|e| KeyError::new(format!("the Ed25519 private key is malformed ({e})")))?;
        let seed: [u8; 32] = seed
            .as_bytes()
            .try_into()
            .map_err(|_| KeyError::new("an Ed25519 private key must be 32 bytes"))?;
        let public = ed25519_dalek::SigningKey::from_bytes(&seed).verifying_key();
        return Ok(KeyMaterial::Ed25519(public.to_bytes()));
    }
    if oid == OID_X25519 {
        // RFC 8410 §7, as for Ed25519: an OCTET STRING of 32 bytes.
        let key = der::asn1::OctetStringRef::from_der(info.private_key)
            .map_err(|e| KeyError::new(format!("the X25519 private key is malformed ({e})")))?;
        let key: [u8; 32] = key
            .as_bytes()
            .try_into()
            .map_err(|_| KeyError::new("an X25519 private key must be 32 bytes"))?;
        return Ok(KeyMaterial::X25519(x25519_public(&key)));
    }
    if oid == OID_ED448 {
        // RFC 8410 §7: an OCTET STRING of the 57-byte secret key.
        let key = der::asn1::OctetStringRef::from_der(info.private_key)
            .map_err(|e| KeyError::new(format!("the Ed448 private key is malformed ({e})")))?;
        let key: [u8; 57] = key
            .as_bytes()
            .try_into()
            .map_err(|_| KeyError::new("an Ed448 private key must be 57 bytes"))?;
        let public = backends::ed448_public(&key)
            .ok_or_else(|| KeyError::new("the Ed448 private key cannot be used"))?;
        return Ok(KeyMaterial::Ed448(public));
    }
    if let Some(level) = ml_dsa_level(oid) {
        let seed = ml_dsa_pkcs8_seed(level, info.private_key)?;
        let public = backends::ml_dsa_public(level, &seed);
        if let Some(given) = info.public_key {
            if given != public.as_slice() {
                return Err(KeyError::new(format!(
                    "the {} private key's embedded public key does not match its seed",
                    level.alg()
                )));
            }
        }
        return Ok(KeyMaterial::MlDsa { level, public });
    }
    Err(KeyError::new(format!(
        "the private key's algorithm (OID {oid}) is not RSA, EC, Ed25519, Ed448, ML-DSA or X25519"
    )))
}

/// Checks an RSA public key is one worth verifying with.
fn rsa_material(n: &[u8], e: &[u8]) -> Result<KeyMaterial, KeyError> {
    let n = strip_zeros(n);
    let e = strip_zeros(e);
    let bits = bit_len(n);
    if bits > RSA_MAX_BITS {
        return Err(KeyError::new(format!(
            "the RSA modulus has {bits} bits; keys above {RSA_MAX_BITS} bits are refused (no JOSE library accepts them and they would stall the page)"
        )));
    }
    if bits < RSA_MIN_BITS {
        return Err(KeyError::new(format!(
            "the RSA modulus has only {bits} bits; RFC 7518 §3.3 requires at least {RSA_MIN_BITS}"
        )));
    }
    if n.last().is_some_and(|b| b % 2 == 0) {
        return Err(KeyError::new(
            "the RSA modulus is even, so it is not a real RSA key",
        ));
    }
    let small_e = e.len() <= 1 && e.first().is_none_or(|&b| b < 3);
    if small_e || e.last().is_some_and(|b| b % 2 == 0) || e.len() > n.len() {
        return Err(KeyError::new(format!(
            "the RSA public exponent ({}) is not usable: it must be odd and at least 3 (usually 65537)",
            base64url::to_hex(e)
        )));
    }
    if is_roca_vulnerable(n) {
        return Err(KeyError::new(
            "this RSA key was generated by a flawed library (ROCA, CVE-2017-15361): its private key can be computed from the public key. Replace it.",
        ));
    }
    Ok(KeyMaterial::Rsa {
        n: n.to_vec(),
        e: e.to_vec(),
    })
}

/// The ROCA fingerprint (Nemec et al., CCS 2017): moduli made by the flawed
/// generator are, modulo each of these small primes, a power of 65537.
fn is_roca_vulnerable(n: &[u8]) -> bool {
    const PRIMES: [u32; 17] = [
        11, 13, 17, 19, 37, 53, 61, 71, 73, 79, 97, 103, 107, 109, 127, 151, 157,
    ];
    PRIMES.iter().all(|&p| {
        let r = n
            .iter()
            .fold(0u32, |acc, &b| (acc * 256 + u32::from(b)) % p);
        let g = 65_537 % p;
        let mut x = 1u32;
        for _ in 0..p {
            if x == r {
                return true;
            }
            x = x * g % p;
        }
        false
    })
}

/// Validates an EC point (any SEC1 form) and returns it uncompressed.
fn ec_material(curve: Curve, sec1_point: &[u8]) -> Result<KeyMaterial, KeyError> {
    let point = match curve {
        Curve::P256 => {
            p256::PublicKey::from_sec1_bytes(sec1_point).map(|k| k.to_sec1_bytes_uncompressed())
        }
        Curve::P384 => {
            p384::PublicKey::from_sec1_bytes(sec1_point).map(|k| k.to_sec1_bytes_uncompressed())
        }
        Curve::P521 => {
            p521::PublicKey::from_sec1_bytes(sec1_point).map(|k| k.to_sec1_bytes_uncompressed())
        }
    }
    .map_err(|_| {
        KeyError::new(format!(
            "the point is not on the {} curve (a modified or corrupted key)",
            curve.name()
        ))
    })?;
    Ok(KeyMaterial::Ec { curve, point })
}

trait Uncompressed {
    fn to_sec1_bytes_uncompressed(&self) -> Vec<u8>;
}

macro_rules! uncompressed {
    ($($t:ty),*) => {$(
        impl Uncompressed for $t {
            fn to_sec1_bytes_uncompressed(&self) -> Vec<u8> {
                use p256::elliptic_curve::sec1::ToEncodedPoint;
                self.to_encoded_point(false).as_bytes().to_vec()
            }
        }
    )*};
}
uncompressed!(p256::PublicKey, p384::PublicKey, p521::PublicKey);

fn ec_from_private(
    curve: Curve,
    scalar: &[u8],
    public: Option<&[u8]>,
) -> Result<KeyMaterial, KeyError> {
    let derived =
        match curve {
            Curve::P256 => p256::SecretKey::from_slice(scalar)
                .map(|k| k.public_key().to_sec1_bytes_uncompressed()),
            Curve::P384 => p384::SecretKey::from_slice(scalar)
                .map(|k| k.public_key().to_sec1_bytes_uncompressed()),
            Curve::P521 => p521::SecretKey::from_slice(scalar)
                .map(|k| k.public_key().to_sec1_bytes_uncompressed()),
        }
        .map_err(|_| {
            KeyError::new(format!(
                "the {} private scalar is out of range",
                curve.name()
            ))
        })?;
    if let Some(public) = public {
        if let Ok(KeyMaterial::Ec { point, .. }) = ec_material(curve, public) {
            if point != derived {
                return Err(KeyError::new(
                    "the private key's embedded public key does not match its private scalar",
                ));
            }
        }
    }
    Ok(KeyMaterial::Ec {
        curve,
        point: derived,
    })
}

/// The X25519 public key of a private one.
pub(crate) fn x25519_public(private: &[u8; 32]) -> [u8; 32] {
    let secret = x25519_dalek::StaticSecret::from(*private);
    x25519_dalek::PublicKey::from(&secret).to_bytes()
}

fn x25519_material(bytes: &[u8]) -> Result<KeyMaterial, KeyError> {
    // Every 32-byte string is an X25519 public key (RFC 7748 §5); weak
    // points are caught when agreeing (an all-zero shared secret).
    let raw: [u8; 32] = bytes.try_into().map_err(|_| {
        KeyError::new(format!(
            "an X25519 public key is 32 bytes, this one is {}",
            bytes.len()
        ))
    })?;
    Ok(KeyMaterial::X25519(raw))
}

fn ed25519_material(bytes: &[u8]) -> Result<KeyMaterial, KeyError> {
    let raw: [u8; 32] = bytes.try_into().map_err(|_| {
        KeyError::new(format!(
            "an Ed25519 public key is 32 bytes, this one is {}",
            bytes.len()
        ))
    })?;
    ed25519_dalek::VerifyingKey::from_bytes(&raw)
        .map_err(|_| KeyError::new("the Ed25519 public key is not a valid curve point"))?;
    Ok(KeyMaterial::Ed25519(raw))
}

fn ed448_material(bytes: &[u8]) -> Result<KeyMaterial, KeyError> {
    let raw: [u8; 57] = bytes.try_into().map_err(|_| {
        KeyError::new(format!(
            "an Ed448 public key is 57 bytes, this one is {}",
            bytes.len()
        ))
    })?;
    if !backends::ed448_public_is_valid(&raw) {
        return Err(KeyError::new(
            "the Ed448 public key is not a valid curve point",
        ));
    }
    Ok(KeyMaterial::Ed448(raw))
}

fn ml_dsa_material(level: MlDsaLevel, bytes: &[u8]) -> Result<KeyMaterial, KeyError> {
    if bytes.len() != level.public_len() {
        return Err(KeyError::new(format!(
            "an {} public key is {} bytes, this one is {}",
            level.alg(),
            level.public_len(),
            bytes.len()
        )));
    }
    Ok(KeyMaterial::MlDsa {
        level,
        public: bytes.to_vec(),
    })
}

/// The ML-DSA level an OID names (RFC 9881 §2), if it names one.
fn ml_dsa_level(oid: ObjectIdentifier) -> Option<MlDsaLevel> {
    MlDsaLevel::ALL
        .into_iter()
        .find(|l| oid.as_bytes() == l.oid_bytes())
}

/// The seed of an ML-DSA PKCS#8 private key. RFC 9881 §6 allows the seed
/// (`[0] OCTET STRING (SIZE (32))`), the expanded key, or both; the seed is
/// what every other form is made from, so the expanded key alone is refused
/// in words.
fn ml_dsa_pkcs8_seed(level: MlDsaLevel, private_key: &[u8]) -> Result<[u8; 32], KeyError> {
    match private_key {
        [0x80, len, seed @ ..] => <[u8; 32]>::try_from(seed)
            .ok()
            .filter(|_| *len == 32)
            .ok_or_else(|| {
                KeyError::new(format!(
                    "the {} private key's seed must be 32 bytes",
                    level.alg()
                ))
            }),
        [0x30, ..] => {
            // both: SEQUENCE { seed OCTET STRING (32), expandedKey OCTET STRING }
            let mut reader = der::SliceReader::new(private_key)
                .map_err(|e| KeyError::new(format!("the {} private key is malformed ({e})", level.alg())))?;
            let seed = der::Reader::sequence(&mut reader, |r| {
                let seed = der::asn1::OctetStringRef::decode(r)?;
                let _expanded = der::asn1::OctetStringRef::decode(r)?;
                Ok(seed.as_bytes().to_vec())
            })
            .map_err(|e| KeyError::new(format!("the {} private key is malformed ({e})", level.alg())))?;
            seed.try_into().map_err(|_| {
                KeyError::new(format!(
                    "the {} private key's seed must be 32 bytes",
                    level.alg()
                ))
            })
        }
        [0x04, ..] => Err(KeyError::new(format!(
            "the {} private key holds only the expanded key, not the 32-byte seed; export it with its seed (RFC 9881 §6)",
            level.alg()
        ))),
        _ => Err(KeyError::new(format!(
            "the {} private key is neither a 32-byte seed nor a seed with its expanded key (RFC 9881 §6)",
            level.alg()
        ))),
    }
}

fn parse_jwk_text(text: &str) -> Result<KeyText, KeyError> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        KeyError::new(format!(
            "the key looks like JSON but is not valid JSON: {e}. Paste a JWK or a JWK Set."
        ))
    })?;
    let Some(obj) = value.as_object() else {
        return Err(KeyError::new("a JWK must be a JSON object"));
    };
    if let Some(keys) = obj.get("keys") {
        let Some(list) = keys.as_array() else {
            return Err(KeyError::new("\"keys\" of a JWK Set must be an array"));
        };
        if list.is_empty() {
            return Err(KeyError::new("the JWK Set has no keys"));
        }
        if list.len() > MAX_JWKS_KEYS {
            return Err(KeyError::new(format!(
                "the JWK Set has {} keys; more than {MAX_JWKS_KEYS} are refused",
                list.len()
            )));
        }
        let mut keys = Vec::with_capacity(list.len());
        for (i, item) in list.iter().enumerate() {
            let where_ = format!("JWK Set key {}", i + 1);
            let Some(obj) = item.as_object() else {
                return Err(KeyError::new("it is not a JSON object").context(&where_));
            };
            let key = parse_jwk(obj, &where_).map_err(|e| e.context(&where_))?;
            keys.push(key);
        }
        check_key_set(&keys)?;
        return Ok(KeyText::Keys { keys, is_set: true });
    }
    if obj.contains_key("kty") {
        let key = parse_jwk(obj, "a JWK").map_err(|e| e.context("JWK"))?;
        return Ok(KeyText::Keys {
            keys: vec![key],
            is_set: false,
        });
    }
    Err(KeyError::new(
        "the JSON has neither \"kty\" (a JWK) nor \"keys\" (a JWK Set)",
    ))
}

/// A set mixing shared secrets with public keys is ambiguous (which one is
/// the verifier meant to trust? Wycheproof's `MixedKeySet`), and so is a
/// `kid` shared by two keys of the same type. Keys of different types may
/// share one (RFC 7517 §4.5: equivalent alternatives, as RFC 7520 §4.8's RSA
/// and EC keys do).
fn check_key_set(keys: &[Key]) -> Result<(), KeyError> {
    let secrets = keys
        .iter()
        .filter(|k| matches!(k.material, KeyMaterial::Secret(_)))
        .count();
    if secrets > 0 && secrets < keys.len() {
        return Err(KeyError::new(
            "the JWK Set mixes shared secrets (\"oct\") with public keys; a verifier must not be given both",
        ));
    }
    for (i, k) in keys.iter().enumerate() {
        if let Some(kid) = &k.kid {
            let same = |o: &Key| {
                o.kid.as_ref() == Some(kid)
                    && std::mem::discriminant(&o.material) == std::mem::discriminant(&k.material)
            };
            if keys[..i].iter().any(same) {
                return Err(KeyError::new(format!(
                    "the JWK Set has more than one {} key with kid \"{kid}\", so the token's kid is ambiguous",
                    k.material.kind_name()
                )));
            }
        }
    }
    Ok(())
}

fn member<'a>(obj: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, KeyError> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(KeyError::new(format!("\"{name}\" must be a string"))),
    }
}

fn b64_member(obj: &Map<String, Value>, name: &str) -> Result<Vec<u8>, KeyError> {
    let text = member(obj, name)?
        .ok_or_else(|| KeyError::new(format!("the required member \"{name}\" is missing")))?;
    base64url::decode_strict(text)
        .ok_or_else(|| KeyError::new(format!("\"{name}\" is not unpadded base64url")))
}

fn parse_jwk(obj: &Map<String, Value>, origin: &str) -> Result<Key, KeyError> {
    let kty = member(obj, "kty")?.ok_or_else(|| KeyError::new("\"kty\" is missing"))?;
    let is_private = obj.contains_key("d") || (kty == "AKP" && obj.contains_key("priv"));
    let material = match kty {
        "oct" => {
            let k = b64_member(obj, "k")?;
            if k.is_empty() {
                return Err(KeyError::new("\"k\" is empty: an HMAC key cannot be empty"));
            }
            KeyMaterial::Secret(k)
        }
        "RSA" => rsa_material(&b64_member(obj, "n")?, &b64_member(obj, "e")?)?,
        "EC" => {
            let crv = member(obj, "crv")?.ok_or_else(|| KeyError::new("\"crv\" is missing"))?;
            let curve = Curve::from_jwk_name(crv).map_err(KeyError::new)?;
            let x = b64_member(obj, "x")?;
            let y = b64_member(obj, "y")?;
            // RFC 7518 §6.2.1.2: coordinates are the full field size.
            if x.len() != curve.size() || y.len() != curve.size() {
                return Err(KeyError::new(format!(
                    "\"x\" and \"y\" must each be {} bytes for {} (they are {} and {})",
                    curve.size(),
                    curve.name(),
                    x.len(),
                    y.len()
                )));
            }
            let mut point = Vec::with_capacity(1 + 2 * curve.size());
            point.push(4);
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            ec_material(curve, &point)?
        }
        "OKP" => {
            let crv = member(obj, "crv")?.ok_or_else(|| KeyError::new("\"crv\" is missing"))?;
            match crv {
                "Ed25519" => ed25519_material(&b64_member(obj, "x")?)?,
                "Ed448" => ed448_material(&b64_member(obj, "x")?)?,
                "X25519" => x25519_material(&b64_member(obj, "x")?)?,
                _ => {
                    return Err(KeyError::new(format!(
                        "\"crv\" \"{crv}\" is not supported (only Ed25519 and Ed448, which sign, and X25519, which encrypts)"
                    )))
                }
            }
        }
        "AKP" => akp_material(obj)?,
        other => {
            return Err(KeyError::new(format!(
                "\"kty\" \"{other}\" is not a key type (expected RSA, EC, OKP, AKP or oct)"
            )))
        }
    };
    let key_ops = match obj.get("key_ops") {
        None => None,
        Some(Value::Array(ops)) => Some(
            ops.iter()
                .map(|o| {
                    o.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| KeyError::new("\"key_ops\" must list strings"))
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
        Some(_) => return Err(KeyError::new("\"key_ops\" must be an array")),
    };
    Ok(Key {
        private: if is_private {
            jwk_private(obj, &material)
        } else {
            None
        },
        material,
        origin: origin.to_string(),
        from_private: is_private && kty != "oct",
        kid: member(obj, "kid")?.map(str::to_string),
        alg: member(obj, "alg")?.map(str::to_string),
        use_: member(obj, "use")?.map(str::to_string),
        key_ops,
        cert: None,
    })
}

/// An AKP JWK (draft-ietf-cose-dilithium §4): `alg` names the parameter
/// set, `pub` the public key and `priv`, when present, the 32-byte seed,
/// which must give `pub`.
fn akp_material(obj: &Map<String, Value>) -> Result<KeyMaterial, KeyError> {
    let alg = member(obj, "alg")?.ok_or_else(|| {
        KeyError::new(
            "an \"AKP\" key must name its algorithm in \"alg\" (ML-DSA-44, ML-DSA-65 or ML-DSA-87)",
        )
    })?;
    let level = MlDsaLevel::from_alg(alg).ok_or_else(|| {
        KeyError::new(format!(
            "\"alg\" \"{alg}\" is not an \"AKP\" algorithm this debugger knows (ML-DSA-44, ML-DSA-65 or ML-DSA-87)"
        ))
    })?;
    let material = ml_dsa_material(level, &b64_member(obj, "pub")?)
        .map_err(|e| KeyError::new(format!("\"pub\": {}", e.message)))?;
    if obj.contains_key("priv") {
        let seed = b64_member(obj, "priv")?;
        let seed: [u8; 32] = seed.as_slice().try_into().map_err(|_| {
            KeyError::new(format!(
                "\"priv\" must be the 32-byte seed, this one is {} bytes",
                seed.len()
            ))
        })?;
        if let KeyMaterial::MlDsa { public, .. } = &material {
            if &backends::ml_dsa_public(level, &seed) != public {
                return Err(KeyError::new(
                    "\"priv\" does not give the key's \"pub\": the seed and public key belong to different keys",
                ));
            }
        }
    }
    Ok(material)
}

/// The summary of an empty box or a text secret, without parsing keys;
/// `None` when the text needs the key parser (see [`summarize`]).
pub fn summarize_text(text: &str) -> Option<Vec<String>> {
    match classify(text) {
        KeyShape::Empty => Some(Vec::new()),
        KeyShape::Text => Some(vec![format!(
            "Text secret, {} characters (its bytes depend on the encoding below)",
            text.chars().count()
        )]),
        KeyShape::Pem | KeyShape::Jwk => None,
    }
}

/// What the key box holds, in words, for display beside it.
pub fn summarize(text: &str, now: i64) -> Vec<String> {
    if let Some(lines) = summarize_text(text) {
        return lines;
    }
    match parse_key_text(text) {
        Ok(KeyText::Empty | KeyText::Secret(_)) => Vec::new(),
        Ok(KeyText::Keys { keys, is_set }) => {
            let mut lines = Vec::new();
            if is_set {
                lines.push(format!("{} keys", keys.len()));
            }
            for key in keys.iter().take(20) {
                lines.push(key.describe());
                if let Some(c) = &key.cert {
                    lines.push(format!("Subject: {}", c.subject));
                    lines.push(format!("Issuer: {}", c.issuer));
                    let state = if now > c.not_after {
                        "expired"
                    } else if now < c.not_before {
                        "not yet valid"
                    } else {
                        "currently valid"
                    };
                    lines.push(format!(
                        "Valid from {} to {} ({state})",
                        date(c.not_before),
                        date(c.not_after)
                    ));
                }
            }
            if keys.len() > 20 {
                lines.push(format!("… and {} more", keys.len() - 20));
            }
            lines
        }
        Err(e) => vec![format!("Not usable: {e}")],
    }
}

fn date(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .map(|t| super::claims::stamp(t, ' ')[..10].to_string())
        .unwrap_or_else(|_| secs.to_string())
}
