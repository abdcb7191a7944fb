//! The Ed448 (RFC 8032, RFC 9864) and ML-DSA (FIPS 204,
//! draft-ietf-cose-dilithium) primitives: public keys from private ones,
//! signing and verifying over raw bytes. Reached only from the crypto
//! worker's paths (key parsing, `verify::verify`, signing, key generation).

use ml_dsa::signature::Verifier as _;
use ml_dsa::{EncodedVerifyingKey, MlDsa44, MlDsa65, MlDsa87, MlDsaParams, B32};

/// The three ML-DSA parameter sets, by their JOSE names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MlDsaLevel {
    L44,
    L65,
    L87,
}

impl MlDsaLevel {
    pub const ALL: [MlDsaLevel; 3] = [MlDsaLevel::L44, MlDsaLevel::L65, MlDsaLevel::L87];

    /// The JOSE `alg` (and the AKP key's `alg`): "ML-DSA-44".
    pub fn alg(self) -> &'static str {
        match self {
            MlDsaLevel::L44 => "ML-DSA-44",
            MlDsaLevel::L65 => "ML-DSA-65",
            MlDsaLevel::L87 => "ML-DSA-87",
        }
    }

    pub fn from_alg(name: &str) -> Option<MlDsaLevel> {
        MlDsaLevel::ALL.into_iter().find(|l| l.alg() == name)
    }

    /// Bytes of an encoded public key (FIPS 204 Table 2).
    pub fn public_len(self) -> usize {
        match self {
            MlDsaLevel::L44 => 1312,
            MlDsaLevel::L65 => 1952,
            MlDsaLevel::L87 => 2592,
        }
    }

    /// Bytes of a signature (FIPS 204 Table 2).
    pub fn signature_len(self) -> usize {
        match self {
            MlDsaLevel::L44 => 2420,
            MlDsaLevel::L65 => 3309,
            MlDsaLevel::L87 => 4627,
        }
    }

    /// The last arc of its OID, 2.16.840.1.101.3.4.3.{17,18,19} (RFC 9881).
    pub fn oid_arc(self) -> u8 {
        match self {
            MlDsaLevel::L44 => 17,
            MlDsaLevel::L65 => 18,
            MlDsaLevel::L87 => 19,
        }
    }

    /// The DER of its OID's value (after the tag and length).
    pub fn oid_bytes(self) -> [u8; 9] {
        [
            0x60,
            0x86,
            0x48,
            0x01,
            0x65,
            0x03,
            0x04,
            0x03,
            self.oid_arc(),
        ]
    }
}

/// Bytes of an Ed448 public key, secret key (RFC 8032 §5.2.5) and signature.
pub const ED448_KEY_LEN: usize = 57;
pub const ED448_SIGNATURE_LEN: usize = 114;

/// The public key of an Ed448 secret key.
pub fn ed448_public(secret: &[u8; 57]) -> Option<[u8; 57]> {
    let key = ed448_goldilocks::SigningKey::try_from(&secret[..]).ok()?;
    Some(key.verifying_key().to_bytes())
}

/// Whether 57 bytes are a valid Ed448 public key (a point on the curve,
/// not the identity, the unused top bits clear).
pub fn ed448_public_is_valid(public: &[u8; 57]) -> bool {
    public[56] & 0x7f == 0 && ed448_goldilocks::VerifyingKey::from_bytes(public).is_ok()
}

/// Pure Ed448 (no context) of `message`.
pub fn ed448_sign(secret: &[u8; 57], message: &[u8]) -> Option<Vec<u8>> {
    let key = ed448_goldilocks::SigningKey::try_from(&secret[..]).ok()?;
    Some(key.sign_raw(message).to_bytes().to_vec())
}

/// Pure Ed448 verification. Non-canonical encodings (a set top bit in the
/// last byte of the key or of R) are refused before the curve code sees them.
pub fn ed448_verify(public: &[u8; 57], message: &[u8], signature: &[u8]) -> bool {
    if signature.len() != ED448_SIGNATURE_LEN || signature[56] & 0x7f != 0 || public[56] & 0x7f != 0
    {
        return false;
    }
    let Ok(key) = ed448_goldilocks::VerifyingKey::from_bytes(public) else {
        return false;
    };
    let Ok(sig) = ed448_goldilocks::Signature::try_from(signature) else {
        return false;
    };
    ed448_goldilocks::signature::Verifier::verify(&key, message, &sig).is_ok()
}

/// The encoded ML-DSA public key of a 32-byte seed (FIPS 204 ML-DSA.KeyGen_internal).
pub fn ml_dsa_public(level: MlDsaLevel, seed: &[u8; 32]) -> Vec<u8> {
    match level {
        MlDsaLevel::L44 => public_of::<MlDsa44>(seed),
        MlDsaLevel::L65 => public_of::<MlDsa65>(seed),
        MlDsaLevel::L87 => public_of::<MlDsa87>(seed),
    }
}

/// A hedged ML-DSA signature (empty context) with 32 random bytes `rnd`;
/// all zeros gives the deterministic variant.
pub fn ml_dsa_sign(level: MlDsaLevel, seed: &[u8; 32], message: &[u8], rnd: &[u8; 32]) -> Vec<u8> {
    ml_dsa_sign_with_context(level, seed, message, &[], rnd).unwrap_or_default()
}

/// ML-DSA.Sign with a context string (at most 255 bytes, else `None`).
pub fn ml_dsa_sign_with_context(
    level: MlDsaLevel,
    seed: &[u8; 32],
    message: &[u8],
    context: &[u8],
    rnd: &[u8; 32],
) -> Option<Vec<u8>> {
    let ctx_len = u8::try_from(context.len()).ok()?;
    let prefix = [0u8, ctx_len];
    let parts: [&[u8]; 3] = [&prefix, context, message];
    Some(match level {
        MlDsaLevel::L44 => sign_parts::<MlDsa44>(seed, &parts, rnd),
        MlDsaLevel::L65 => sign_parts::<MlDsa65>(seed, &parts, rnd),
        MlDsaLevel::L87 => sign_parts::<MlDsa87>(seed, &parts, rnd),
    })
}

/// ML-DSA verification with the empty context, as JOSE uses it.
pub fn ml_dsa_verify(level: MlDsaLevel, public: &[u8], message: &[u8], signature: &[u8]) -> bool {
    ml_dsa_verify_with_context(level, public, message, &[], signature)
}

/// ML-DSA.Verify with a context string; any length mismatch is `false`.
pub fn ml_dsa_verify_with_context(
    level: MlDsaLevel,
    public: &[u8],
    message: &[u8],
    context: &[u8],
    signature: &[u8],
) -> bool {
    if public.len() != level.public_len() || signature.len() != level.signature_len() {
        return false;
    }
    match level {
        MlDsaLevel::L44 => verify_with::<MlDsa44>(public, message, context, signature),
        MlDsaLevel::L65 => verify_with::<MlDsa65>(public, message, context, signature),
        MlDsaLevel::L87 => verify_with::<MlDsa87>(public, message, context, signature),
    }
}

fn public_of<P: MlDsaParams>(seed: &[u8; 32]) -> Vec<u8> {
    let key = ml_dsa::SigningKey::<P>::from_seed(&B32::from(*seed));
    key.expanded_key().verifying_key().encode().to_vec()
}

fn sign_parts<P: MlDsaParams>(seed: &[u8; 32], parts: &[&[u8]], rnd: &[u8; 32]) -> Vec<u8> {
    let key = ml_dsa::SigningKey::<P>::from_seed(&B32::from(*seed));
    key.expanded_key()
        .sign_internal(parts, &B32::from(*rnd))
        .encode()
        .to_vec()
}

fn verify_with<P: MlDsaParams>(
    public: &[u8],
    message: &[u8],
    context: &[u8],
    signature: &[u8],
) -> bool {
    let Ok(encoded) = EncodedVerifyingKey::<P>::try_from(public) else {
        return false;
    };
    let key = ml_dsa::VerifyingKey::<P>::decode(&encoded);
    let Ok(sig) = ml_dsa::Signature::<P>::try_from(signature) else {
        return false;
    };
    if context.is_empty() {
        key.verify(message, &sig).is_ok()
    } else {
        key.verify_with_context(message, context, &sig)
    }
}

/// ML-DSA.Sign_internal from an external μ (FIPS 204 §6.2, the message
/// representative), deterministic; for conformance vectors that give μ.
pub fn ml_dsa_sign_mu(level: MlDsaLevel, seed: &[u8; 32], mu: &[u8; 64]) -> Option<Vec<u8>> {
    Some(match level {
        MlDsaLevel::L44 => sign_mu::<MlDsa44>(seed, mu),
        MlDsaLevel::L65 => sign_mu::<MlDsa65>(seed, mu),
        MlDsaLevel::L87 => sign_mu::<MlDsa87>(seed, mu),
    })
}

fn sign_mu<P: MlDsaParams>(seed: &[u8; 32], mu: &[u8; 64]) -> Vec<u8> {
    let key = ml_dsa::SigningKey::<P>::from_seed(&B32::from(*seed));
    key.expanded_key()
        .sign_mu_deterministic(&(*mu).into())
        .encode()
        .to_vec()
}
