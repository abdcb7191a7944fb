//! Facts about JOSE algorithm names, as a table.

/// The kind of primitive an `alg` uses, which decides what key fits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Hmac,
    Rsa,
    RsaPss,
    Ecdsa,
    EdDsa,
    /// ML-DSA (FIPS 204), one parameter set per `alg`.
    MlDsa,
    /// `none`: no signature at all.
    Unsecured,
    /// A JWE key-management algorithm (nothing to verify here).
    KeyManagement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlgInfo {
    pub name: &'static str,
    pub description: &'static str,
    pub family: Family,
    /// Bytes of the hash output (HMAC key length advice) or 0.
    pub hash_len: usize,
    /// The exact signature length in bytes, where fixed (ECDSA r‖s, Ed25519).
    pub signature_len: Option<usize>,
}

const fn alg(
    name: &'static str,
    description: &'static str,
    family: Family,
    hash_len: usize,
    signature_len: Option<usize>,
) -> AlgInfo {
    AlgInfo {
        name,
        description,
        family,
        hash_len,
        signature_len,
    }
}

/// JWS algorithms (RFC 7518 §3, RFC 8037, RFC 9864, draft-ietf-cose-dilithium) and common JWE key management.
#[rustfmt::skip]
pub const ALGORITHMS: &[AlgInfo] = &[
    alg("HS256", "HMAC using SHA-256", Family::Hmac, 32, Some(32)),
    alg("HS384", "HMAC using SHA-384", Family::Hmac, 48, Some(48)),
    alg("HS512", "HMAC using SHA-512", Family::Hmac, 64, Some(64)),
    alg("RS256", "RSASSA-PKCS1-v1_5 using SHA-256", Family::Rsa, 32, None),
    alg("RS384", "RSASSA-PKCS1-v1_5 using SHA-384", Family::Rsa, 48, None),
    alg("RS512", "RSASSA-PKCS1-v1_5 using SHA-512", Family::Rsa, 64, None),
    alg("PS256", "RSASSA-PSS using SHA-256 and MGF1 with SHA-256", Family::RsaPss, 32, None),
    alg("PS384", "RSASSA-PSS using SHA-384 and MGF1 with SHA-384", Family::RsaPss, 48, None),
    alg("PS512", "RSASSA-PSS using SHA-512 and MGF1 with SHA-512", Family::RsaPss, 64, None),
    alg("ES256", "ECDSA using P-256 and SHA-256", Family::Ecdsa, 32, Some(64)),
    alg("ES384", "ECDSA using P-384 and SHA-384", Family::Ecdsa, 48, Some(96)),
    alg("ES512", "ECDSA using P-521 and SHA-512", Family::Ecdsa, 64, Some(132)),
    alg("EdDSA", "Edwards-curve signature (Ed25519 or Ed448, by the key's curve; deprecated by RFC 9864)", Family::EdDsa, 0, None),
    alg("Ed25519", "Edwards-curve signature (Ed25519)", Family::EdDsa, 0, Some(64)),
    alg("Ed448", "Edwards-curve signature (Ed448)", Family::EdDsa, 0, Some(114)),
    alg("ML-DSA-44", "Module-lattice signature ML-DSA-44 (FIPS 204)", Family::MlDsa, 0, Some(2420)),
    alg("ML-DSA-65", "Module-lattice signature ML-DSA-65 (FIPS 204)", Family::MlDsa, 0, Some(3309)),
    alg("ML-DSA-87", "Module-lattice signature ML-DSA-87 (FIPS 204)", Family::MlDsa, 0, Some(4627)),
    alg("none", "No digital signature or MAC (unsecured)", Family::Unsecured, 0, Some(0)),
    alg("RSA1_5", "RSAES-PKCS1-v1_5 key encryption", Family::KeyManagement, 0, None),
    alg("RSA-OAEP", "RSAES OAEP key encryption", Family::KeyManagement, 0, None),
    alg("RSA-OAEP-256", "RSAES OAEP using SHA-256 key encryption", Family::KeyManagement, 0, None),
    alg("A128KW", "AES Key Wrap with a 128-bit key", Family::KeyManagement, 0, None),
    alg("A192KW", "AES Key Wrap with a 192-bit key", Family::KeyManagement, 0, None),
    alg("A256KW", "AES Key Wrap with a 256-bit key", Family::KeyManagement, 0, None),
    alg("dir", "Direct use of a shared symmetric key", Family::KeyManagement, 0, None),
    alg("ECDH-ES", "Elliptic-curve Diffie-Hellman ephemeral-static key agreement", Family::KeyManagement, 0, None),
    alg("ECDH-ES+A128KW", "ECDH-ES with AES Key Wrap (128-bit)", Family::KeyManagement, 0, None),
    alg("ECDH-ES+A192KW", "ECDH-ES with AES Key Wrap (192-bit)", Family::KeyManagement, 0, None),
    alg("ECDH-ES+A256KW", "ECDH-ES with AES Key Wrap (256-bit)", Family::KeyManagement, 0, None),
    alg("A128GCMKW", "AES-GCM key wrap with a 128-bit key", Family::KeyManagement, 0, None),
    alg("A192GCMKW", "AES-GCM key wrap with a 192-bit key", Family::KeyManagement, 0, None),
    alg("A256GCMKW", "AES-GCM key wrap with a 256-bit key", Family::KeyManagement, 0, None),
    alg("PBES2-HS256+A128KW", "Password-based encryption with HMAC SHA-256 and A128KW", Family::KeyManagement, 0, None),
    alg("PBES2-HS384+A192KW", "Password-based encryption with HMAC SHA-384 and A192KW", Family::KeyManagement, 0, None),
    alg("PBES2-HS512+A256KW", "Password-based encryption with HMAC SHA-512 and A256KW", Family::KeyManagement, 0, None),
];

/// Looks an `alg` up by its exact, case-sensitive name (JOSE names are
/// case-sensitive: `None` is not `none`).
pub fn lookup(name: &str) -> Option<&'static AlgInfo> {
    ALGORITHMS.iter().find(|a| a.name == name)
}

/// Signature algorithms the app can verify and sign with, in menu order.
pub const SIGNING_ALGORITHMS: &[&str] = &[
    "HS256",
    "HS384",
    "HS512",
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
    "Ed25519",
    "Ed448",
    "ML-DSA-44",
    "ML-DSA-65",
    "ML-DSA-87",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_exact_and_case_sensitive() {
        assert_eq!(lookup("HS256").unwrap().description, "HMAC using SHA-256");
        assert_eq!(lookup("none").unwrap().family, Family::Unsecured);
        assert!(lookup("None").is_none());
        assert!(lookup("hs256").is_none());
    }

    #[test]
    fn every_signing_algorithm_is_described() {
        for name in SIGNING_ALGORITHMS {
            assert!(lookup(name).is_some(), "{name}");
        }
    }
}
