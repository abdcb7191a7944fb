//! New keys for the signing box: a fresh key for an algorithm, with the
//! public forms a verifier needs. The randomness is a parameter (the page
//! passes `rand_core::OsRng`, the browser's RNG in wasm).

use p256::elliptic_curve::{CurveArithmetic, SecretKey};
use rand_core::CryptoRngCore;
use serde_json::Value;

use super::algorithms::{self, Family};
use super::backends::MlDsaLevel;
use super::base64url;
use super::key_export;
use super::keys::{self, Curve, Key, KeyText, PrivateKey};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GeneratedKey {
    pub alg: String,
    /// What goes into the signing-key box: a PKCS#8 PEM, or for HMAC the
    /// secret as base64url.
    pub private_text: String,
    /// True for HMAC: `private_text` is a base64url secret.
    pub is_secret: bool,
    /// SPKI PEM of the public key; `None` for HMAC.
    pub public_pem: Option<String>,
    /// Public JWK (pretty) with `kid` (its RFC 7638 thumbprint), `alg` and
    /// `"use": "sig"`; `None` for HMAC.
    pub public_jwk: Option<String>,
    pub thumbprint: Option<String>,
}

/// The RSA modulus sizes offered: RFC 7518's minimum up to the largest the
/// key parser accepts.
pub const RSA_SIZES: [usize; 3] = [2048, 3072, 4096];

/// A new key for `alg`: HS256/384/512 a random secret as long as the hash;
/// RS*/PS* RSA of `rsa_bits` (one of [`RSA_SIZES`]); ES256/384/512 P-256,
/// P-384, P-521; EdDSA (or Ed25519) Ed25519; Ed448 Ed448; ML-DSA-44/65/87
/// a 32-byte seed of that parameter set. Anything else is an error in words.
pub fn generate(
    alg: &str,
    rsa_bits: usize,
    rng: &mut impl CryptoRngCore,
) -> Result<GeneratedKey, String> {
    let info = algorithms::lookup(alg).ok_or_else(|| {
        format!(
            "\"{alg}\" is not a signing algorithm; choose one of {}",
            algorithms::SIGNING_ALGORITHMS.join(", ")
        )
    })?;
    let private = match info.family {
        Family::Hmac => return Ok(hmac_secret(alg, info.hash_len, rng)),
        Family::Rsa | Family::RsaPss => rsa_private(rsa_bits, rng)?,
        Family::Ecdsa => ec_private(alg, rng)?,
        Family::EdDsa if alg == "Ed448" => {
            let mut secret = [0u8; 57];
            rng.fill_bytes(&mut secret);
            PrivateKey::Ed448(secret)
        }
        Family::EdDsa => {
            let mut seed = [0u8; 32];
            rng.fill_bytes(&mut seed);
            PrivateKey::Ed25519(seed)
        }
        Family::MlDsa => {
            let level = MlDsaLevel::from_alg(alg)
                .ok_or_else(|| format!("{alg} is not an ML-DSA parameter set"))?;
            let mut seed = [0u8; 32];
            rng.fill_bytes(&mut seed);
            PrivateKey::MlDsa { level, seed }
        }
        Family::Unsecured => {
            return Err("alg \"none\" has no signature, so there is no key to make".into())
        }
        Family::KeyManagement => {
            return Err(format!(
                "{alg} is for encryption (JWE); keys are made for signing algorithms only"
            ))
        }
    };
    asymmetric(alg, &private)
}

/// RFC 7518 §3.2: an HMAC key at least as long as the hash output.
fn hmac_secret(alg: &str, len: usize, rng: &mut impl CryptoRngCore) -> GeneratedKey {
    let mut secret = vec![0u8; len];
    rng.fill_bytes(&mut secret);
    GeneratedKey {
        alg: alg.to_string(),
        private_text: base64url::encode(&secret),
        is_secret: true,
        public_pem: None,
        public_jwk: None,
        thumbprint: None,
    }
}

fn rsa_private(bits: usize, rng: &mut impl CryptoRngCore) -> Result<PrivateKey, String> {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    if !RSA_SIZES.contains(&bits) {
        return Err(format!(
            "an RSA key can be 2048, 3072 or 4096 bits, not {bits}"
        ));
    }
    let key = rsa::RsaPrivateKey::new(rng, bits)
        .map_err(|e| format!("the RSA key could not be made ({e})"))?;
    let der = key
        .to_pkcs1_der()
        .map_err(|e| format!("the RSA key cannot be encoded ({e})"))?;
    Ok(PrivateKey::Rsa(der.as_bytes().to_vec()))
}

fn ec_private(alg: &str, rng: &mut impl CryptoRngCore) -> Result<PrivateKey, String> {
    let curve = [Curve::P256, Curve::P384, Curve::P521]
        .into_iter()
        .find(|c| c.alg() == alg)
        .ok_or_else(|| format!("{alg} uses no curve this debugger knows"))?;
    let scalar = match curve {
        Curve::P256 => random_scalar::<p256::NistP256>(rng),
        Curve::P384 => random_scalar::<p384::NistP384>(rng),
        Curve::P521 => random_scalar::<p521::NistP521>(rng),
    };
    Ok(PrivateKey::Ec { curve, scalar })
}

fn random_scalar<C: CurveArithmetic>(rng: &mut impl CryptoRngCore) -> Vec<u8> {
    SecretKey::<C>::random(rng).to_bytes().to_vec()
}

/// The PKCS#8 PEM of `private`, read back by the key parser (so the page
/// can sign with it), and its public forms.
fn asymmetric(alg: &str, private: &PrivateKey) -> Result<GeneratedKey, String> {
    let pem = key_export::pkcs8_pem(private)?;
    let mut key = read_back(&pem)?;
    let thumbprint = key_export::thumbprint(&key.material);
    key.kid = Some(thumbprint.clone());
    key.alg = Some(alg.to_string());
    key.use_ = Some("sig".into());
    let jwk = Value::Object(key_export::public_jwk(&key));
    Ok(GeneratedKey {
        alg: alg.to_string(),
        private_text: pem,
        is_secret: false,
        public_pem: key_export::spki_pem(&key.material)?,
        public_jwk: serde_json::to_string_pretty(&jwk).ok(),
        thumbprint: Some(thumbprint),
    })
}

fn read_back(pem: &str) -> Result<Key, String> {
    match keys::parse_key_text(pem) {
        Ok(KeyText::Keys { mut keys, .. }) if keys.len() == 1 => Ok(keys.remove(0)),
        Ok(_) => Err("the new key's PEM did not read back as one key".into()),
        Err(e) => Err(format!("the new key's PEM did not read back ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_core::OsRng;

    #[test]
    fn hmac_secrets_are_as_long_as_the_hash() {
        for (alg, len) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
            let key = generate(alg, 0, &mut OsRng).unwrap();
            assert!(key.is_secret);
            assert_eq!(
                base64url::decode_strict(&key.private_text).unwrap().len(),
                len
            );
            assert_eq!(key.public_pem, None);
        }
    }

    #[test]
    fn two_secrets_differ() {
        let a = generate("HS256", 0, &mut OsRng).unwrap();
        let b = generate("HS256", 0, &mut OsRng).unwrap();
        assert_ne!(a.private_text, b.private_text);
    }

    #[test]
    fn ec_and_ed25519_keys_carry_their_thumbprint_as_kid() {
        for alg in ["ES256", "ES384", "ES512", "EdDSA", "Ed25519"] {
            let key = generate(alg, 0, &mut OsRng).unwrap();
            assert!(key
                .private_text
                .starts_with("-----BEGIN PRIVATE KEY-----\n"));
            let jwk: serde_json::Map<String, Value> =
                serde_json::from_str(key.public_jwk.as_deref().unwrap()).unwrap();
            assert_eq!(jwk["kid"].as_str(), key.thumbprint.as_deref());
            assert_eq!(jwk["alg"], alg);
            assert_eq!(jwk["use"], "sig");
            assert!(
                !jwk.contains_key("d"),
                "{alg}: private member in public JWK"
            );
        }
    }

    #[test]
    fn refusals_are_in_words() {
        let err = |alg, bits| generate(alg, bits, &mut OsRng).unwrap_err();
        assert!(err("RS256", 1024).contains("2048, 3072 or 4096 bits, not 1024"));
        assert!(err("none", 2048).contains("no signature"));
        assert!(err("RSA-OAEP", 2048).contains("encryption"));
        assert!(err("HS999", 2048).contains("not a signing algorithm"));
    }
}
