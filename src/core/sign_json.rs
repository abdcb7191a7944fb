//! Several signatures over one payload: the general JWS JSON serialization
//! (RFC 7515 §7.2.1), one entry per private key given, each with the
//! header as written plus its own `alg` and `kid`.

use serde_json::{Map, Value};

use super::base64url;
use super::json;
use super::keys::{self, Curve, Key, KeyMaterial, KeyText};
use super::sign::{self, SigningKey};

/// The algorithm a key signs with when the header's does not fit it: its
/// own `alg`, else the usual one for its kind.
fn default_alg(key: &Key) -> Option<&str> {
    if let Some(alg) = &key.alg {
        return Some(alg);
    }
    Some(match &key.material {
        KeyMaterial::Rsa { .. } => "RS256",
        KeyMaterial::Ec { curve, .. } => match curve {
            Curve::P256 => "ES256",
            Curve::P384 => "ES384",
            Curve::P521 => "ES512",
        },
        KeyMaterial::Ed25519(_) => "EdDSA",
        _ => return None,
    })
}

/// `header` and `payload` (JSON texts) signed with every private key in
/// `key_text` (a private JWK, PEM, or a JWK Set of several), as general JWS
/// JSON on one line. Each entry's protected header is `header` with `alg`
/// set to one its key can use (the header's own first) and the key's `kid`.
pub fn sign_general(header: &str, payload: &str, key_text: &str) -> Result<String, String> {
    let (header_alg, input) = sign::signing_input(header, payload)?;
    let payload_b64 = input.split('.').nth(1).unwrap_or_default().to_string();
    let keys = match keys::parse_key_text(key_text)
        .map_err(|e| format!("The key cannot be used: {e}."))?
    {
        KeyText::Keys { keys, .. } => keys,
        _ => {
            return Err(
                "Enter private keys (PEM, a private JWK or a JWK Set of them) to sign with.".into(),
            )
        }
    };
    let signers: Vec<&Key> = keys.iter().filter(|k| k.private.is_some()).collect();
    if signers.is_empty() {
        return Err("No private key was given: the general serialization signs with every private key in the key box.".into());
    }
    let mut entries = Vec::with_capacity(signers.len());
    for (i, key) in signers.iter().enumerate() {
        let Some(private) = key.private.as_ref() else {
            continue;
        };
        let mut last_error = String::new();
        let mut signed = None;
        for alg in [Some(header_alg.as_str()), default_alg(key)]
            .into_iter()
            .flatten()
        {
            let mut text = json::set_member(header, "alg", Value::String(alg.into()))
                .map_err(|e| e.message)?;
            if let Some(kid) = &key.kid {
                text = json::set_member(&text, "kid", Value::String(kid.clone()))
                    .map_err(|e| e.message)?;
            }
            let protected = base64url::encode(json::minify(&text).as_bytes());
            let message = format!("{protected}.{payload_b64}");
            match sign::sign(alg, SigningKey::Private(private), message.as_bytes()) {
                Ok(signature) => {
                    signed = Some((protected, signature));
                    break;
                }
                Err(e) => last_error = e,
            }
        }
        let Some((protected, signature)) = signed else {
            return Err(format!(
                "Key {} ({}) cannot sign: {last_error}",
                i + 1,
                key.describe()
            ));
        };
        let mut entry = Map::new();
        entry.insert("protected".into(), Value::String(protected));
        entry.insert(
            "signature".into(),
            Value::String(base64url::encode(&signature)),
        );
        entries.push(Value::Object(entry));
    }
    let mut out = Map::new();
    out.insert("payload".into(), Value::String(payload_b64));
    out.insert("signatures".into(), Value::Array(entries));
    serde_json::to_string(&Value::Object(out)).map_err(|e| e.to_string())
}
