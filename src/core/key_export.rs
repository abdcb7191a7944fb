//! The key tool: every form of a key the key parser reads — public JWK,
//! SPKI PEM and RFC 7638 thumbprint and, for a private key, its private JWK,
//! PKCS#8 PEM and traditional (PKCS#1 or SEC1) PEM.

use p256::elliptic_curve::sec1::{FromEncodedPoint, ModulusSize, ToEncodedPoint};
use p256::elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytesSize, PublicKey, SecretKey};
use pkcs1::EncodeRsaPrivateKey;
use pkcs8::{AssociatedOid, EncodePrivateKey, EncodePublicKey, LineEnding};
use sec1::EncodeEcPrivateKey;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::backends::{self, MlDsaLevel};
use super::base64url;
use super::keys::{self, Curve, Key, KeyMaterial, KeyText, PrivateKey};

/// Every form of one key the key tool shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyForms {
    /// "RSA 2048-bit key from a PEM public key (SPKI)", as [`Key::describe`].
    pub description: String,
    /// Public JWK, 2-space pretty JSON: `kty`, the key's members in RFC
    /// order, then `kid`, `alg`, `use` and `key_ops` if the key carried them.
    pub public_jwk: String,
    /// SPKI PEM ("PUBLIC KEY"); `None` for a shared secret.
    pub public_pem: Option<String>,
    /// RFC 7638 SHA-256 thumbprint, base64url.
    pub thumbprint: String,
    /// Private JWK (pretty), when a private key was given.
    pub private_jwk: Option<String>,
    /// PKCS#8 PEM ("PRIVATE KEY"), when a private key was given.
    pub private_pem: Option<String>,
    /// PKCS#1 "RSA PRIVATE KEY" or SEC1 "EC PRIVATE KEY"; `None` for Ed25519,
    /// which has no traditional form.
    pub traditional_pem: Option<String>,
}

/// A JWK's members in order, values already base64url.
type Members = Vec<(&'static str, String)>;

/// RFC 7638 SHA-256 thumbprint of the key, base64url.
pub fn thumbprint(material: &KeyMaterial) -> String {
    // §3.2: only the required members, sorted by name (all ASCII, so byte
    // order is code-point order), with no whitespace.
    let mut members = public_members(material);
    members.sort_by(|a, b| a.0.cmp(b.0));
    let canonical = serde_json::to_string(&to_object(members)).unwrap_or_default();
    base64url::encode(&Sha256::digest(canonical.as_bytes()))
}

/// The public JWK of `key`, with the metadata the key was given with.
pub fn public_jwk(key: &Key) -> Map<String, Value> {
    let mut jwk = to_object(public_members(&key.material));
    add_metadata(&mut jwk, key);
    jwk
}

/// The SPKI PEM of the public key (64-character lines, LF, trailing
/// newline); `Ok(None)` for a shared secret, which has no public half.
pub fn spki_pem(material: &KeyMaterial) -> Result<Option<String>, String> {
    let pem = match material {
        KeyMaterial::Secret(_) => return Ok(None),
        KeyMaterial::Rsa { n, e } => rsa_spki(n, e)?,
        KeyMaterial::Ec { curve, point } => match curve {
            Curve::P256 => ec_spki::<p256::NistP256>(point),
            Curve::P384 => ec_spki::<p384::NistP384>(point),
            Curve::P521 => ec_spki::<p521::NistP521>(point),
        }
        .ok_or_else(|| format!("the {} point is not on the curve", curve.name()))?,
        KeyMaterial::Ed25519(x) => ed25519_dalek::VerifyingKey::from_bytes(x)
            .ok()
            .and_then(|k| k.to_public_key_pem(LineEnding::LF).ok())
            .ok_or("the Ed25519 public key is not a valid curve point")?,
        KeyMaterial::X25519(x) => x25519_spki(x)?,
        KeyMaterial::Ed448(x) => raw_spki(&ed448_algorithm(), x)?,
        KeyMaterial::MlDsa { level, public } => raw_spki(&ml_dsa_algorithm(*level), public)?,
    };
    Ok(Some(pem))
}

/// Every form of `key`; the error says which form cannot be made and why.
pub fn key_forms(key: &Key) -> Result<KeyForms, String> {
    let private = key.private.as_ref().map(private_forms).transpose()?;
    let (private_jwk, private_pem, traditional_pem) = match private {
        Some(p) => {
            let mut jwk = to_object(p.members);
            add_metadata(&mut jwk, key);
            (Some(pretty(jwk)), Some(p.pkcs8), p.traditional)
        }
        None => (None, None, None),
    };
    Ok(KeyForms {
        description: key.describe(),
        public_jwk: pretty(public_jwk(key)),
        public_pem: spki_pem(&key.material)?,
        thumbprint: thumbprint(&key.material),
        private_jwk,
        private_pem,
        traditional_pem,
    })
}

/// The PKCS#8 PEM of a private key.
pub fn pkcs8_pem(private: &PrivateKey) -> Result<String, String> {
    private_forms(private).map(|forms| forms.pkcs8)
}

/// The key tool's whole job: whatever was pasted becomes the forms of each
/// key in it (one per entry of a JWK Set or PEM bundle), or an error in
/// words saying what is wrong and what to paste instead.
pub fn convert(text: &str) -> Result<Vec<KeyForms>, String> {
    let keys =
        match keys::parse_key_text(text) {
            Ok(KeyText::Empty) => return Err(
                "Paste a key: a PEM key or certificate (-----BEGIN …-----), a JWK or a JWK Set."
                    .into(),
            ),
            // Some tools print a key as bare base64 DER, without PEM armour.
            Ok(KeyText::Secret(text)) => match keys::parse_bare_der(&text) {
                Some(key) => vec![key],
                None => return Err(not_a_key()),
            },
            Ok(KeyText::Keys { keys, .. }) => keys,
            Err(e) => return Err(format!("The key cannot be read: {e}.")),
        };
    let several = keys.len() > 1;
    keys.iter()
        .enumerate()
        .map(|(i, key)| {
            key_forms(key).map_err(|e| {
                if several {
                    format!("Key {} cannot be converted: {e}.", i + 1)
                } else {
                    format!("The key cannot be converted: {e}.")
                }
            })
        })
        .collect()
}

fn not_a_key() -> String {
    "This is not a key. The key tool reads PEM (a block from -----BEGIN …----- to -----END …-----: \
     public key, private key or certificate) and JWK (JSON with \"kty\", or a JWK Set with \"keys\"). \
     An HMAC secret has no other forms to show."
        .into()
}

/// `kty` and the key's own members in RFC 7518/8037 order.
fn public_members(material: &KeyMaterial) -> Members {
    match material {
        KeyMaterial::Secret(k) => vec![("kty", "oct".into()), ("k", base64url::encode(k))],
        KeyMaterial::Rsa { n, e } => {
            vec![("kty", "RSA".into()), ("n", big_int(n)), ("e", big_int(e))]
        }
        KeyMaterial::Ec { curve, point } => {
            let (x, y) = coordinates(point);
            vec![
                ("kty", "EC".into()),
                ("crv", curve.name().into()),
                ("x", base64url::encode(x)),
                ("y", base64url::encode(y)),
            ]
        }
        KeyMaterial::Ed25519(x) => vec![
            ("kty", "OKP".into()),
            ("crv", "Ed25519".into()),
            ("x", base64url::encode(x)),
        ],
        KeyMaterial::X25519(x) => vec![
            ("kty", "OKP".into()),
            ("crv", "X25519".into()),
            ("x", base64url::encode(x)),
        ],
        KeyMaterial::Ed448(x) => vec![
            ("kty", "OKP".into()),
            ("crv", "Ed448".into()),
            ("x", base64url::encode(x)),
        ],
        // draft-ietf-cose-dilithium: "alg" is a required member of an AKP
        // key, so it is part of the RFC 7638 thumbprint.
        KeyMaterial::MlDsa { level, public } => vec![
            ("kty", "AKP".into()),
            ("alg", level.alg().into()),
            ("pub", base64url::encode(public)),
        ],
    }
}

/// x and y of an uncompressed point `04 ‖ x ‖ y` (fixed size, RFC 7518
/// §6.2.1.2); never panics, whatever the length.
fn coordinates(point: &[u8]) -> (&[u8], &[u8]) {
    let xy = point.get(1..).unwrap_or_default();
    xy.split_at(xy.len() / 2)
}

/// A JWK big integer: base64url without leading zero bytes (RFC 7518 §2).
fn big_int(bytes: &[u8]) -> String {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    base64url::encode(bytes.get(start..).unwrap_or_default())
}

fn to_object(members: Members) -> Map<String, Value> {
    members
        .into_iter()
        .map(|(name, value)| (name.to_string(), Value::String(value)))
        .collect()
}

fn add_metadata(jwk: &mut Map<String, Value>, key: &Key) {
    let strings = [("kid", &key.kid), ("alg", &key.alg), ("use", &key.use_)];
    for (name, value) in strings {
        if let Some(value) = value {
            jwk.insert(name.into(), Value::String(value.clone()));
        }
    }
    if let Some(ops) = &key.key_ops {
        let ops = ops.iter().cloned().map(Value::String).collect();
        jwk.insert("key_ops".into(), Value::Array(ops));
    }
}

fn pretty(jwk: Map<String, Value>) -> String {
    // Serialising a map of strings cannot fail.
    serde_json::to_string_pretty(&Value::Object(jwk)).unwrap_or_default()
}

fn rsa_spki(n: &[u8], e: &[u8]) -> Result<String, String> {
    use rsa::BigUint;
    let key = rsa::RsaPublicKey::new(BigUint::from_bytes_be(n), BigUint::from_bytes_be(e))
        .map_err(|err| format!("the RSA public key cannot be encoded ({err})"))?;
    key.to_public_key_pem(LineEnding::LF)
        .map_err(|err| format!("the RSA public key cannot be encoded ({err})"))
}

fn ec_spki<C>(point: &[u8]) -> Option<String>
where
    C: AssociatedOid + CurveArithmetic,
    AffinePoint<C>: FromEncodedPoint<C> + ToEncodedPoint<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let key = PublicKey::<C>::from_sec1_bytes(point).ok()?;
    key.to_public_key_pem(LineEnding::LF).ok()
}

/// The private forms of a key, before the metadata is added to the JWK.
struct PrivateForms {
    /// Every JWK member, public ones included.
    members: Members,
    pkcs8: String,
    traditional: Option<String>,
}

fn private_forms(private: &PrivateKey) -> Result<PrivateForms, String> {
    match private {
        PrivateKey::Rsa(der) => rsa_private(der),
        PrivateKey::Ec { curve, scalar } => ec_private(*curve, scalar),
        PrivateKey::Ed25519(seed) => ed25519_private(seed),
        PrivateKey::X25519(d) => x25519_private(d),
        PrivateKey::Ed448(d) => ed448_private(d),
        PrivateKey::MlDsa { level, seed } => ml_dsa_private(*level, seed),
    }
}

/// RFC 8410 §3: id-Ed448 with no parameters.
fn ed448_algorithm() -> spki::AlgorithmIdentifierOwned {
    spki::AlgorithmIdentifierOwned {
        oid: der::asn1::ObjectIdentifier::new_unwrap("1.3.101.113"),
        parameters: None,
    }
}

/// RFC 9881 §2: id-ml-dsa-44/65/87 with no parameters.
fn ml_dsa_algorithm(level: MlDsaLevel) -> spki::AlgorithmIdentifierOwned {
    spki::AlgorithmIdentifierOwned {
        oid: match level {
            MlDsaLevel::L44 => der::asn1::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.17"),
            MlDsaLevel::L65 => der::asn1::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.18"),
            MlDsaLevel::L87 => der::asn1::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.3.19"),
        },
        parameters: None,
    }
}

/// A SubjectPublicKeyInfo whose key is the raw bytes (Ed448, ML-DSA).
fn raw_spki(algorithm: &spki::AlgorithmIdentifierOwned, key: &[u8]) -> Result<String, String> {
    use der::Encode;
    let bad = |e: der::Error| format!("the public key cannot be encoded ({e})");
    let der = spki::SubjectPublicKeyInfoOwned {
        algorithm: algorithm.clone(),
        subject_public_key: der::asn1::BitString::from_bytes(key).map_err(bad)?,
    }
    .to_der()
    .map_err(bad)?;
    Ok(pem_text("PUBLIC KEY", der))
}

/// A PKCS#8 v1 PrivateKeyInfo holding `inner` (already DER) as its key.
fn pkcs8_v1(algorithm: &spki::AlgorithmIdentifierOwned, inner: &[u8]) -> Result<String, String> {
    use der::Encode;
    let der = pkcs8::PrivateKeyInfo {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: algorithm.oid,
            parameters: None,
        },
        private_key: inner,
        public_key: None,
    }
    .to_der()
    .map_err(|e| format!("the private key cannot be encoded ({e})"))?;
    Ok(pem_text("PRIVATE KEY", der))
}

/// RFC 8410 §7, as for Ed25519: the 57-byte secret in an OCTET STRING.
fn ed448_private(d: &[u8; 57]) -> Result<PrivateForms, String> {
    use der::Encode;
    let public = backends::ed448_public(d).ok_or("the Ed448 private key cannot be used")?;
    let mut members = public_members(&KeyMaterial::Ed448(public));
    members.push(("d", base64url::encode(d)));
    let inner = der::asn1::OctetStringRef::new(d)
        .and_then(|o| o.to_der())
        .map_err(|e| format!("the Ed448 private key cannot be encoded ({e})"))?;
    Ok(PrivateForms {
        members,
        pkcs8: pkcs8_v1(&ed448_algorithm(), &inner)?,
        traditional: None,
    })
}

/// RFC 9881 §6's seed form, `[0] IMPLICIT OCTET STRING (SIZE (32))`; the
/// AKP JWK's `priv` is the same seed (draft-ietf-cose-dilithium).
fn ml_dsa_private(level: MlDsaLevel, seed: &[u8; 32]) -> Result<PrivateForms, String> {
    let public = backends::ml_dsa_public(level, seed);
    let mut members = public_members(&KeyMaterial::MlDsa { level, public });
    members.push(("priv", base64url::encode(seed)));
    let mut inner = vec![0x80, 0x20];
    inner.extend_from_slice(seed);
    Ok(PrivateForms {
        members,
        pkcs8: pkcs8_v1(&ml_dsa_algorithm(level), &inner)?,
        traditional: None,
    })
}

/// RFC 8410 §4: the OID with no parameters and the raw 32 bytes.
fn x25519_spki(x: &[u8; 32]) -> Result<String, String> {
    use der::Encode;
    let bits = der::asn1::BitStringRef::from_bytes(x)
        .map_err(|e| format!("the X25519 public key cannot be encoded ({e})"))?;
    let der = spki::SubjectPublicKeyInfoRef {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: keys::OID_X25519,
            parameters: None,
        },
        subject_public_key: bits,
    }
    .to_der()
    .map_err(|e| format!("the X25519 public key cannot be encoded ({e})"))?;
    Ok(pem_text("PUBLIC KEY", der))
}

/// RFC 8410 §7: PKCS#8 v1 holding the private key as an OCTET STRING.
fn x25519_private(d: &[u8; 32]) -> Result<PrivateForms, String> {
    use der::Encode;
    let bad = |e: der::Error| format!("the X25519 private key cannot be encoded ({e})");
    let public = keys::x25519_public(d);
    let mut members = public_members(&KeyMaterial::X25519(public));
    members.push(("d", base64url::encode(d)));
    let inner = der::asn1::OctetStringRef::new(d)
        .and_then(|o| o.to_der())
        .map_err(bad)?;
    let der = pkcs8::PrivateKeyInfo {
        algorithm: spki::AlgorithmIdentifierRef {
            oid: keys::OID_X25519,
            parameters: None,
        },
        private_key: &inner,
        public_key: None,
    }
    .to_der()
    .map_err(bad)?;
    Ok(PrivateForms {
        members,
        pkcs8: pem_text("PRIVATE KEY", der),
        traditional: None,
    })
}

/// PEM with 64-character lines and LF, like the other forms here.
fn pem_text(label: &str, der: Vec<u8>) -> String {
    let config = pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF);
    pem::encode_config(&pem::Pem::new(label, der), config)
}

fn rsa_private(der: &[u8]) -> Result<PrivateForms, String> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    // The rsa crate checks the key is consistent (d, p and q match n and e),
    // so no form is written from a corrupted key.
    let key = rsa::RsaPrivateKey::from_pkcs1_der(der)
        .map_err(|e| format!("the RSA private key is not consistent ({e})"))?;
    let pkcs1 = key
        .to_pkcs1_der()
        .map_err(|e| format!("the RSA private key cannot be encoded ({e})"))?;
    // The JWK is read from the re-encoded key, so all forms agree.
    let parts = pkcs1::RsaPrivateKey::try_from(pkcs1.as_bytes())
        .map_err(|e| format!("the RSA private key cannot be encoded ({e})"))?;
    let members = [
        ("kty", "RSA".to_string()),
        ("n", big_int(parts.modulus.as_bytes())),
        ("e", big_int(parts.public_exponent.as_bytes())),
        ("d", big_int(parts.private_exponent.as_bytes())),
        ("p", big_int(parts.prime1.as_bytes())),
        ("q", big_int(parts.prime2.as_bytes())),
        ("dp", big_int(parts.exponent1.as_bytes())),
        ("dq", big_int(parts.exponent2.as_bytes())),
        ("qi", big_int(parts.coefficient.as_bytes())),
    ];
    let pem_error = |e: pkcs8::Error| format!("the RSA private key cannot be encoded ({e})");
    Ok(PrivateForms {
        members: members.into(),
        pkcs8: key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(pem_error)?
            .to_string(),
        traditional: Some(
            pkcs1
                .to_pem("RSA PRIVATE KEY", LineEnding::LF)
                .map_err(|e| format!("the RSA private key cannot be encoded ({e})"))?
                .to_string(),
        ),
    })
}

fn ec_private(curve: Curve, scalar: &[u8]) -> Result<PrivateForms, String> {
    let pems = match curve {
        Curve::P256 => ec_pems::<p256::NistP256>(curve, scalar),
        Curve::P384 => ec_pems::<p384::NistP384>(curve, scalar),
        Curve::P521 => ec_pems::<p521::NistP521>(curve, scalar),
    }
    .ok_or_else(|| format!("the {} private scalar is out of range", curve.name()))?;
    let mut members = public_members(&pems.material);
    members.push(("d", base64url::encode(&pems.scalar)));
    Ok(PrivateForms {
        members,
        pkcs8: pems.pkcs8,
        traditional: Some(pems.sec1),
    })
}

/// An EC private key's forms, all derived from one validated scalar.
struct EcPems {
    material: KeyMaterial,
    /// The scalar at the curve's full size (RFC 7518 §6.2.2.1).
    scalar: Vec<u8>,
    pkcs8: String,
    sec1: String,
}

/// `curve` must be the one `C` implements.
fn ec_pems<C>(curve: Curve, scalar: &[u8]) -> Option<EcPems>
where
    C: AssociatedOid + CurveArithmetic,
    AffinePoint<C>: FromEncodedPoint<C> + ToEncodedPoint<C>,
    FieldBytesSize<C>: ModulusSize,
{
    let key = SecretKey::<C>::from_slice(scalar).ok()?;
    let point = key.public_key().to_encoded_point(false).as_bytes().to_vec();
    // The trait's SEC1 form names the curve; SecretKey's own to_sec1_pem
    // leaves the parameters out, which many readers (this one too) refuse.
    let sec1 = EncodeEcPrivateKey::to_sec1_pem(&key, LineEnding::LF).ok()?;
    Some(EcPems {
        material: KeyMaterial::Ec { curve, point },
        scalar: key.to_bytes().to_vec(),
        pkcs8: key.to_pkcs8_pem(LineEnding::LF).ok()?.to_string(),
        sec1: sec1.to_string(),
    })
}

fn ed25519_private(seed: &[u8; 32]) -> Result<PrivateForms, String> {
    use ed25519_dalek::pkcs8::KeypairBytes;
    let public = ed25519_dalek::SigningKey::from_bytes(seed).verifying_key();
    let mut members = public_members(&KeyMaterial::Ed25519(public.to_bytes()));
    members.push(("d", base64url::encode(seed)));
    // The seed alone (PKCS#8 v1, RFC 8410 §7), as openssl writes it; some
    // readers refuse the v2 form that also carries the public key.
    let pkcs8 = KeypairBytes {
        secret_key: *seed,
        public_key: None,
    }
    .to_pkcs8_pem(LineEnding::LF)
    .map_err(|e| format!("the Ed25519 private key cannot be encoded ({e})"))?;
    Ok(PrivateForms {
        members,
        pkcs8: pkcs8.to_string(),
        traditional: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only_key(text: &str) -> Key {
        match keys::parse_key_text(text) {
            Ok(KeyText::Keys { mut keys, .. }) if keys.len() == 1 => keys.remove(0),
            other => panic!("not one key: {other:?}"),
        }
    }

    #[test]
    fn thumbprint_of_rfc_7638_example() {
        let jwk = r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#;
        assert_eq!(
            thumbprint(&only_key(jwk).material),
            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
        );
    }

    #[test]
    fn public_jwk_puts_kty_first_then_rfc_order_then_metadata() {
        let jwk = r#"{"use":"sig","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"k1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","crv":"P-256","kty":"EC","key_ops":["verify"]}"#;
        let out = public_jwk(&only_key(jwk));
        let names: Vec<&str> = out.keys().map(String::as_str).collect();
        assert_eq!(names, ["kty", "crv", "x", "y", "kid", "use", "key_ops"]);
    }

    #[test]
    fn big_integers_lose_leading_zeros() {
        assert_eq!(big_int(&[0, 0, 1, 0, 1]), "AQAB");
        assert_eq!(big_int(&[]), "");
    }

    #[test]
    fn malformed_material_does_not_panic() {
        let bad = KeyMaterial::Ec {
            curve: Curve::P256,
            point: vec![],
        };
        assert!(!thumbprint(&bad).is_empty());
        assert!(spki_pem(&bad).is_err());
        let rsa = KeyMaterial::Rsa {
            n: vec![],
            e: vec![],
        };
        assert!(spki_pem(&rsa).is_err());
    }

    #[test]
    fn secret_has_no_pem() {
        let key = only_key(r#"{"kty":"oct","k":"c2VjcmV0"}"#);
        let forms = key_forms(&key).unwrap();
        assert_eq!(forms.public_pem, None);
        assert_eq!(forms.private_jwk, None);
        assert!(forms.public_jwk.contains("\"k\": \"c2VjcmV0\""));
    }

    #[test]
    fn inconsistent_rsa_private_key_is_an_error_not_a_panic() {
        let mut der = vec![0x30, 0x03, 0x02, 0x01, 0x00];
        der.extend_from_slice(&[0; 4]);
        assert!(private_forms(&PrivateKey::Rsa(der)).is_err());
    }
}
