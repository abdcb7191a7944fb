//! Signing: a compact JWS from header and payload JSON as written and the
//! key text the user gave, read by the same key parser the verifier uses.
//! Runs in the crypto worker (it links every asymmetric backend).

use jsonwebtoken::EncodingKey;

use super::algorithms::{self, AlgInfo, Family};
use super::backends;
use super::base64url;
use super::json;
use super::keys::{self, Curve, Key, KeyMaterial, KeyText, PrivateKey, SecretEncoding};
use super::verify;

/// What can sign: an HMAC secret, or the private half of a key.
#[derive(Debug, Clone, Copy)]
pub enum SigningKey<'a> {
    Secret(&'a [u8]),
    Private(&'a PrivateKey),
}

/// Signs `message` with `key` for `alg`; the signature bytes as JWS carries
/// them (ECDSA as r‖s). ML-DSA signs hedged, with fresh randomness from the
/// operating system (the browser's RNG in wasm).
pub fn sign(alg: &str, key: SigningKey<'_>, message: &[u8]) -> Result<Vec<u8>, String> {
    sign_with_rng(alg, key, message, &mut rand_core::OsRng)
}

/// [`sign`] with the randomness as a parameter (only ML-DSA's hedged
/// signing draws on it; the other algorithms are deterministic).
pub fn sign_with_rng(
    alg: &str,
    key: SigningKey<'_>,
    message: &[u8],
    rng: &mut impl rand_core::CryptoRngCore,
) -> Result<Vec<u8>, String> {
    let info = algorithms::lookup(alg)
        .ok_or_else(|| format!("{alg} is not an algorithm this debugger signs with"))?;
    match (key, info.family) {
        (SigningKey::Secret(secret), Family::Hmac) => {
            if secret.is_empty() {
                return Err("the secret is empty".into());
            }
            verify::hmac_sign(alg, secret, message)
                .ok_or_else(|| format!("{alg} is not an HMAC algorithm"))
        }
        (SigningKey::Private(PrivateKey::Rsa(der)), Family::Rsa | Family::RsaPss) => {
            jwt_sign(message, &EncodingKey::from_rsa_der(der), alg)
        }
        (SigningKey::Private(PrivateKey::Ec { curve, scalar }), Family::Ecdsa) => {
            if curve.alg() != alg {
                return Err(format!(
                    "an EC {} key signs {}, not {alg}",
                    curve.name(),
                    curve.alg()
                ));
            }
            ecdsa_sign(*curve, scalar, message)
        }
        (SigningKey::Private(PrivateKey::Ed25519(seed)), Family::EdDsa) if alg != "Ed448" => {
            use ed25519_dalek::Signer;
            Ok(ed25519_dalek::SigningKey::from_bytes(seed)
                .sign(message)
                .to_bytes()
                .to_vec())
        }
        (SigningKey::Private(PrivateKey::Ed448(secret)), Family::EdDsa) if alg != "Ed25519" => {
            backends::ed448_sign(secret, message)
                .ok_or_else(|| "the Ed448 private key cannot sign".to_string())
        }
        (SigningKey::Private(PrivateKey::MlDsa { level, seed }), Family::MlDsa) => {
            if level.alg() != alg {
                return Err(format!(
                    "an {} key signs {}, not {alg}",
                    level.alg(),
                    level.alg()
                ));
            }
            let mut rnd = [0u8; 32];
            rng.fill_bytes(&mut rnd);
            Ok(backends::ml_dsa_sign(*level, seed, message, &rnd))
        }
        (SigningKey::Secret(_), _) => Err(format!(
            "{alg} signs with a private key ({}), not a text secret",
            needed(info)
        )),
        (SigningKey::Private(_), _) => Err(format!(
            "this key cannot sign {alg}: it needs {}",
            needed(info)
        )),
    }
}

fn needed(info: &AlgInfo) -> &'static str {
    match info.family {
        Family::Hmac => "a shared secret",
        Family::Rsa | Family::RsaPss => "an RSA private key",
        Family::Ecdsa => match info.name {
            "ES256" => "an EC P-256 private key",
            "ES384" => "an EC P-384 private key",
            _ => "an EC P-521 private key",
        },
        Family::MlDsa => match info.name {
            "ML-DSA-44" => "an ML-DSA-44 private key (\"AKP\" with \"priv\", or PKCS#8)",
            "ML-DSA-65" => "an ML-DSA-65 private key (\"AKP\" with \"priv\", or PKCS#8)",
            _ => "an ML-DSA-87 private key (\"AKP\" with \"priv\", or PKCS#8)",
        },
        _ => match info.name {
            "Ed448" => "an Ed448 private key",
            "Ed25519" => "an Ed25519 private key",
            _ => "an Ed25519 or Ed448 private key",
        },
    }
}

fn jwt_sign(message: &[u8], key: &EncodingKey, alg: &str) -> Result<Vec<u8>, String> {
    let algorithm = verify::jwt_algorithm(alg).ok_or_else(|| format!("{alg} is not supported"))?;
    let b64 = jsonwebtoken::crypto::sign(message, key, algorithm)
        .map_err(|e| format!("the RSA private key cannot sign ({e})"))?;
    base64url::decode_strict(&b64)
        .ok_or_else(|| "the RSA signature came back in an unexpected encoding".to_string())
}

/// ECDSA with RFC 6979 deterministic nonces, r‖s.
fn ecdsa_sign(curve: Curve, scalar: &[u8], message: &[u8]) -> Result<Vec<u8>, String> {
    use p256::ecdsa::signature::Signer;
    let bad = |_| format!("the {} private scalar is out of range", curve.name());
    Ok(match curve {
        Curve::P256 => {
            let key = p256::ecdsa::SigningKey::from_slice(scalar).map_err(bad)?;
            let sig: p256::ecdsa::Signature = key.sign(message);
            sig.to_bytes().to_vec()
        }
        Curve::P384 => {
            let key = p384::ecdsa::SigningKey::from_slice(scalar).map_err(bad)?;
            let sig: p384::ecdsa::Signature = key.sign(message);
            sig.to_bytes().to_vec()
        }
        Curve::P521 => {
            let key = p521::ecdsa::SigningKey::from_slice(scalar).map_err(bad)?;
            let sig: p521::ecdsa::Signature = key.sign(message);
            sig.to_bytes().to_vec()
        }
    })
}

/// The signing input (`base64url(header).base64url(payload)`) of header and
/// payload JSON texts, compacted with their keys and numbers as written, and
/// the header's `alg`. The error names the part and its line:column.
pub fn signing_input(header: &str, payload: &str) -> Result<(String, String), String> {
    let header_doc = json::parse(header).map_err(|e| json_error("header", &e))?;
    let alg = match header_doc.value.get("alg") {
        Some(serde_json::Value::String(alg)) => alg.clone(),
        _ => {
            return Err(
                "The header has no \"alg\" string, so there is nothing to sign with.".into(),
            )
        }
    };
    json::parse(payload).map_err(|e| json_error("payload", &e))?;
    let input = format!(
        "{}.{}",
        base64url::encode(json::minify(header).as_bytes()),
        base64url::encode(json::minify(payload).as_bytes())
    );
    Ok((alg, input))
}

/// What the page can do about signing without the crypto worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageSigning {
    /// The compact token.
    Signed(String),
    /// The key is a PEM or JWK: the crypto worker reads and signs with it.
    NeedsWorker,
    /// Why no token can come out.
    Cannot(String),
}

/// The page's half of signing: HMAC with a typed secret and `none`, which
/// need no asymmetric code, so the page's module stays small. Everything
/// else is said in words, or left to the worker's [`sign_token`].
pub fn sign_on_page(
    alg: &str,
    input: &str,
    key_text: &str,
    encoding: SecretEncoding,
) -> PageSigning {
    if alg == "none" {
        return PageSigning::Signed(format!("{input}."));
    }
    let Some(info) =
        algorithms::lookup(alg).filter(|i| algorithms::SIGNING_ALGORITHMS.contains(&i.name))
    else {
        return PageSigning::Cannot(format!(
            "\"{alg}\" is not an algorithm this debugger signs with; use one of {}.",
            algorithms::SIGNING_ALGORITHMS.join(", ")
        ));
    };
    match keys::classify(key_text) {
        keys::KeyShape::Empty => {
            PageSigning::Cannot(format!("Enter {} to sign with.", needed(info)))
        }
        keys::KeyShape::Pem | keys::KeyShape::Jwk => PageSigning::NeedsWorker,
        keys::KeyShape::Text if info.family != Family::Hmac => PageSigning::Cannot(format!(
            "{alg} signs with {}, as PEM or JWK; this text is not one.",
            needed(info)
        )),
        keys::KeyShape::Text => match encoding.decode(key_text) {
            Err(e) => PageSigning::Cannot(format!("{e}.")),
            Ok(bytes) if bytes.is_empty() => {
                PageSigning::Cannot("The secret is empty after decoding.".into())
            }
            Ok(bytes) => match verify::hmac_sign(alg, &bytes, input.as_bytes()) {
                Some(tag) => PageSigning::Signed(format!("{input}.{}", base64url::encode(&tag))),
                None => PageSigning::Cannot(format!("{alg} is not an HMAC algorithm.")),
            },
        },
    }
}

/// A compact JWS of `header` and `payload` (JSON texts, compacted with their
/// keys and numbers as written), signed with the key text as the user typed
/// it. The error says why no token can come out.
pub fn sign_token(
    header: &str,
    payload: &str,
    key_text: &str,
    encoding: SecretEncoding,
) -> Result<String, String> {
    let (alg, input) = signing_input(header, payload)?;
    match sign_on_page(&alg, &input, key_text, encoding) {
        PageSigning::Signed(token) => return Ok(token),
        PageSigning::Cannot(reason) => return Err(reason),
        PageSigning::NeedsWorker => {}
    }
    let signature = match keys::parse_key_text(key_text)
        .map_err(|e| format!("The key cannot be used: {e}."))?
    {
        KeyText::Empty | KeyText::Secret(_) => {
            return Err("Enter a private key (PEM or JWK) to sign with.".into())
        }
        KeyText::Keys { keys, .. } => {
            let info = algorithms::lookup(&alg)
                .ok_or_else(|| format!("{alg} is not an algorithm this debugger signs with"))?;
            // The key the header names by kid first, then the others.
            let kid = signing_kid(header);
            let mut ordered: Vec<&Key> = keys.iter().collect();
            ordered.sort_by_key(|k| kid.is_none() || k.kid != kid);
            let mut refusal = None;
            let mut signer = None;
            for key in ordered {
                let candidate = match (&key.private, &key.material) {
                    (Some(private), _) => SigningKey::Private(private),
                    // A JWK "oct" key is a secret.
                    (None, KeyMaterial::Secret(secret)) => SigningKey::Secret(secret),
                    (None, _) => continue,
                };
                match sign_restriction(info, key) {
                    Some(reason) => {
                        refusal.get_or_insert(reason);
                    }
                    None => {
                        signer = Some(candidate);
                        break;
                    }
                }
            }
            let Some(signer) = signer else {
                if let Some(reason) = refusal {
                    return Err(format!("This key cannot sign {alg}: {reason}."));
                }
                let public = keys
                    .first()
                    .map(|k| k.material.describe())
                    .unwrap_or_default();
                return Err(format!(
                    "This is a public key ({public}): signing needs the private key."
                ));
            };
            sign(&alg, signer, input.as_bytes())?
        }
    };
    Ok(format!("{input}.{}", base64url::encode(&signature)))
}

/// The header's `kid`, when it is a string.
fn signing_kid(header: &str) -> Option<String> {
    let doc = json::parse(header).ok()?;
    Some(doc.value.get("kid")?.as_str()?.to_string())
}

/// Why a JWK's own restrictions forbid it to sign `alg`: the same rules the
/// verifier applies (RFC 7517 §4.2–4.4, RFC 7518 §3.2), so a token signed
/// here never fails verification here for its key's sake.
fn sign_restriction(alg: &AlgInfo, key: &Key) -> Option<String> {
    if let Some(key_alg) = &key.alg {
        if !verify::alg_label_fits(key_alg, alg, &key.material) {
            return Some(format!("the key is restricted to \"alg\": \"{key_alg}\""));
        }
    }
    if let Some(u) = key.use_.as_deref().filter(|u| *u != "sig") {
        return Some(format!("the key's \"use\" is \"{u}\", not \"sig\""));
    }
    if let Some(ops) = key
        .key_ops
        .as_ref()
        .filter(|ops| !ops.iter().any(|o| o == "sign"))
    {
        return Some(format!(
            "the key's \"key_ops\" ({}) do not include \"sign\"",
            ops.join(", ")
        ));
    }
    match &key.material {
        KeyMaterial::Secret(s) if s.len() < alg.hash_len => Some(format!(
            "the \"oct\" key is {} bytes and {} keys must be at least {} (RFC 7518 §3.2); a short test secret can be typed as text instead",
            s.len(),
            alg.name,
            alg.hash_len
        )),
        _ => None,
    }
}

fn json_error(what: &str, e: &json::JsonError) -> String {
    format!(
        "The {what} is not valid JSON at line {}, column {}: {}.",
        e.line, e.column, e.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_signs_hmac_and_none_and_hands_the_rest_on() {
        let (alg, input) = signing_input("{\n  \"alg\": \"HS256\"\n}", "{ \"a\" : 1.0 }").unwrap();
        assert_eq!(alg, "HS256");
        assert_eq!(input, "eyJhbGciOiJIUzI1NiJ9.eyJhIjoxLjB9");
        let PageSigning::Signed(token) = sign_on_page(&alg, &input, "k", SecretEncoding::Utf8)
        else {
            panic!("not signed");
        };
        let tag = verify::hmac_sign("HS256", b"k", input.as_bytes()).unwrap();
        assert_eq!(token, format!("{input}.{}", base64url::encode(&tag)));
        assert_eq!(
            sign_on_page("none", "e30.e30", "", SecretEncoding::Utf8),
            PageSigning::Signed("e30.e30.".into())
        );
        assert_eq!(
            sign_on_page(
                "RS256",
                &input,
                "-----BEGIN PRIVATE KEY-----",
                SecretEncoding::Utf8
            ),
            PageSigning::NeedsWorker
        );
        assert_eq!(
            sign_on_page("ES384", &input, " ", SecretEncoding::Utf8),
            PageSigning::Cannot("Enter an EC P-384 private key to sign with.".into())
        );
        assert_eq!(
            sign_on_page("HS256", &input, "zz", SecretEncoding::Hex),
            PageSigning::Cannot("the secret is not valid hex (pairs of 0-9, a-f).".into())
        );
    }
}
