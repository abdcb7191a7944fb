//! The signature explained step by step, and the ways to get a token's key:
//! commands that fetch a published key set (the page itself never fetches)
//! and the key a token carries in its own header.

use serde_json::Value;
use sha2::Digest;

use super::algorithms::{self, Family};
use super::base64url;
use super::token::Decoded;

/// Signing inputs longer than this are shown cut, with their length.
const MAX_INPUT_SHOWN: usize = 600;

/// A run of characters of the token's signature, marked when the key's own
/// signature differs there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub differs: bool,
}

/// The signature, step by step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Steps {
    /// The first two parts, as the ASCII that is signed (cut when long).
    pub input: String,
    pub input_len: usize,
    /// "HS256: HMAC using SHA-256".
    pub algorithm: String,
    /// The hash of the signing input, for RSA and ECDSA ("SHA-256", hex).
    pub digest: Option<(&'static str, String)>,
    /// What happens to the input, in words.
    pub how: String,
}

/// The steps for a decoded JWS, or `None` when it has no algorithm.
pub fn steps(d: &Decoded) -> Option<Steps> {
    let alg = d.alg()?;
    let input = d.signing_input()?;
    let info = algorithms::lookup(alg);
    let algorithm = match info {
        Some(i) => format!("{}: {}", i.name, i.description),
        None => format!("{alg}: not an algorithm this debugger knows"),
    };
    let hash = info.and_then(|i| match (i.family, i.hash_len) {
        (Family::Rsa | Family::RsaPss | Family::Ecdsa, 32) => Some("SHA-256"),
        (Family::Rsa | Family::RsaPss | Family::Ecdsa, 48) => Some("SHA-384"),
        (Family::Rsa | Family::RsaPss | Family::Ecdsa, 64) => Some("SHA-512"),
        _ => None,
    });
    let digest = hash.map(|name| {
        let bytes = match name {
            "SHA-256" => sha2::Sha256::digest(input.as_bytes()).to_vec(),
            "SHA-384" => sha2::Sha384::digest(input.as_bytes()).to_vec(),
            _ => sha2::Sha512::digest(input.as_bytes()).to_vec(),
        };
        (name, base64url::to_hex(&bytes))
    });
    let how = match info.map(|i| i.family) {
        Some(Family::Hmac) => "The secret and the signing input go through HMAC; the result is the signature. Anyone with the same secret computes the same bytes, so verifying means computing it again and comparing.".to_string(),
        Some(Family::Rsa) => "The signing input is hashed, and the hash is signed with the RSA private key (PKCS#1 v1.5). The public key checks that signature against the same hash.".to_string(),
        Some(Family::RsaPss) => "The signing input is hashed, and the hash is signed with the RSA private key using PSS, which adds a random salt (so each signature differs). The public key checks it against the same hash.".to_string(),
        Some(Family::Ecdsa) => "The signing input is hashed, and the hash is signed with the EC private key; the signature is the two numbers r and s side by side. The public key checks them against the same hash.".to_string(),
        Some(Family::EdDsa) => "Ed25519 (or Ed448) signs the signing input itself (hashing with SHA-512, or SHAKE256, inside the algorithm). The public key checks the 64-byte (114-byte) signature.".to_string(),
        Some(Family::MlDsa) => "ML-DSA signs the signing input itself (hashing with SHAKE256 inside the algorithm), with a lattice-based key that resists quantum computers. The public key checks the signature.".to_string(),
        Some(Family::Unsecured) => "\"none\": nothing is signed, so nothing can be checked.".to_string(),
        _ => "This is not a signature algorithm.".to_string(),
    };
    let shown = match input.char_indices().nth(MAX_INPUT_SHOWN) {
        Some((i, _)) => format!("{}…", &input[..i]),
        None => input.to_string(),
    };
    Some(Steps {
        input: shown,
        input_len: input.len(),
        algorithm,
        digest,
        how,
    })
}

/// The token's signature in runs, marked where `computed` (the key's own
/// signature, both base64url) differs character by character.
pub fn mark_differences(token_sig: &str, computed: &str) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut other = computed.chars();
    for c in token_sig.chars() {
        let differs = other.next() != Some(c);
        match runs.last_mut() {
            Some(run) if run.differs == differs => run.text.push(c),
            _ => runs.push(Run {
                text: c.to_string(),
                differs,
            }),
        }
    }
    runs
}

/// A command that fetches a key set for the user to paste back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchCommand {
    /// What it fetches, in words.
    pub what: String,
    pub command: String,
}

/// Commands that fetch the keys a token points at: its `jku`, its `x5u`, or
/// its issuer's OpenID Connect discovery document (`jwks_uri`). Only https
/// URLs; the page never runs them.
pub fn fetch_commands(d: &Decoded) -> Vec<FetchCommand> {
    let mut out = Vec::new();
    // Shared secrets are never published; neither is a key for "none".
    let asymmetric = d.alg().and_then(algorithms::lookup).is_some_and(|a| {
        matches!(
            a.family,
            Family::Rsa | Family::RsaPss | Family::Ecdsa | Family::EdDsa | Family::MlDsa
        )
    });
    if !asymmetric {
        return out;
    }
    let header_url = |name: &str| {
        d.header_param(name)
            .and_then(Value::as_str)
            .filter(|u| is_https(u))
    };
    if let Some(jku) = header_url("jku") {
        out.push(FetchCommand {
            what: "The JWK Set at the header's jku (check that you trust this URL first)".into(),
            command: format!("curl -s {}", quote(jku)),
        });
    }
    if let Some(x5u) = header_url("x5u") {
        out.push(FetchCommand {
            what: "The certificate chain at the header's x5u (paste its first certificate)".into(),
            command: format!("curl -s {}", quote(x5u)),
        });
    }
    let iss = d
        .claims()
        .and_then(|c| c.get("iss"))
        .and_then(Value::as_str)
        .filter(|u| is_https(u));
    if let Some(iss) = iss {
        let config = format!(
            "{}/.well-known/openid-configuration",
            iss.trim_end_matches('/')
        );
        out.push(FetchCommand {
            what: "The issuer's published keys, through its OpenID Connect discovery document (jwks_uri; needs jq)".into(),
            command: format!("curl -s {} | jq -r .jwks_uri | xargs curl -s", quote(&config)),
        });
    }
    out
}

fn is_https(url: &str) -> bool {
    url.starts_with("https://")
        && url.len() > "https://".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A shell word: single-quoted, with single quotes inside escaped.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// The key a token carries in its own header, as key-box text: the `jwk`
/// member as JSON, or the first `x5c` certificate as PEM.
pub fn embedded_key(d: &Decoded) -> Option<(String, &'static str)> {
    if let Some(jwk) = d.header_param("jwk").filter(|v| v.is_object()) {
        let text = serde_json::to_string_pretty(jwk).ok()?;
        return Some((text, "the header's jwk"));
    }
    let first = d.header_param("x5c")?.as_array()?.first()?.as_str()?;
    let body: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
    {
        return None;
    }
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .filter_map(|c| std::str::from_utf8(c).ok())
        .collect();
    Some((
        format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            lines.join("\n")
        ),
        "the header's first x5c certificate",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::token::decode;

    fn token(header: &str, payload: &str) -> Decoded {
        decode(&format!(
            "{}.{}.c2ln",
            base64url::encode(header.as_bytes()),
            base64url::encode(payload.as_bytes())
        ))
    }

    #[test]
    fn steps_show_the_input_and_the_hash_an_rsa_key_signs() {
        let d = token(r#"{"alg":"RS256"}"#, "{}");
        let s = steps(&d).unwrap();
        assert_eq!(s.input, "eyJhbGciOiJSUzI1NiJ9.e30");
        assert_eq!(s.algorithm, "RS256: RSASSA-PKCS1-v1_5 using SHA-256");
        let (name, hex) = s.digest.unwrap();
        assert_eq!(name, "SHA-256");
        assert_eq!(
            hex,
            base64url::to_hex(&sha2::Sha256::digest(b"eyJhbGciOiJSUzI1NiJ9.e30"))
        );
        assert!(steps(&token(r#"{"alg":"HS256"}"#, "{}"))
            .unwrap()
            .digest
            .is_none());
        assert!(steps(&token(r#"{"typ":"JWT"}"#, "{}")).is_none());
    }

    #[test]
    fn differences_are_marked_character_by_character() {
        let runs = mark_differences("abcdef", "abXdeY");
        let shown: Vec<(&str, bool)> = runs.iter().map(|r| (r.text.as_str(), r.differs)).collect();
        assert_eq!(
            shown,
            [("ab", false), ("c", true), ("de", false), ("f", true)]
        );
        assert!(mark_differences("abc", "").iter().all(|r| r.differs));
    }

    #[test]
    fn fetch_commands_quote_urls_and_skip_what_is_not_https() {
        let d = token(
            r#"{"alg":"RS256","jku":"https://keys.example/jwks?a='1'","x5u":"http://plain"}"#,
            r#"{"iss":"https://issuer.example/"}"#,
        );
        let c = fetch_commands(&d);
        assert_eq!(c.len(), 2);
        assert_eq!(
            c[0].command,
            "curl -s 'https://keys.example/jwks?a='\\''1'\\'''"
        );
        assert_eq!(
            c[1].command,
            "curl -s 'https://issuer.example/.well-known/openid-configuration' | jq -r .jwks_uri | xargs curl -s"
        );
        assert!(fetch_commands(&token(r#"{"alg":"RS256"}"#, r#"{"iss":"issuer"}"#)).is_empty());
        let hmac = token(r#"{"alg":"HS256"}"#, r#"{"iss":"https://issuer.example"}"#);
        assert!(
            fetch_commands(&hmac).is_empty(),
            "HMAC secrets are not published"
        );
    }

    #[test]
    fn embedded_keys_become_key_box_text() {
        let d = token(r#"{"alg":"ES256","jwk":{"kty":"EC","crv":"P-256"}}"#, "{}");
        let (text, from) = embedded_key(&d).unwrap();
        assert!(text.starts_with("{\n  \"kty\": \"EC\""));
        assert_eq!(from, "the header's jwk");
        let body = "A".repeat(70);
        let d = token(&format!(r#"{{"alg":"RS256","x5c":["{body}"]}}"#), "{}");
        let (pem, _) = embedded_key(&d).unwrap();
        assert_eq!(
            pem,
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n{}\n-----END CERTIFICATE-----\n",
                &body[..64],
                &body[64..]
            )
        );
        assert!(embedded_key(&token(r#"{"alg":"RS256","x5c":["<script>"]}"#, "{}")).is_none());
    }
}
