//! The well-known-secret check: an HMAC token's signature tried against a
//! list of secrets from tutorials, defaults, leaks and common passwords,
//! each as text and, where it reads as base64, as the bytes it encodes.
//! Runs in the crypto worker, a chunk of the list per request, so the page
//! can show progress.

use serde::{Deserialize, Serialize};

use super::algorithms::{self, Family};
#[cfg(test)]
use super::base64url;
use super::keys::SecretEncoding;
use super::token;
use super::verify;

/// Entries per request: small enough for smooth progress, large enough that
/// messages cost little next to the HMACs.
pub const CHUNK: usize = 4000;

/// What the page sends: the token's signing input and signature, and a
/// slice of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepJob {
    pub token: String,
    pub candidates: Vec<String>,
    /// Also try the empty secret (it cannot be a line of the list).
    pub include_empty: bool,
}

/// A secret that verifies the token, and how it reads in the key box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundSecret {
    /// As typed into the key box with `encoding`.
    pub text: String,
    pub encoding: SecretEncoding,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SweepResult {
    pub found: Option<FoundSecret>,
    /// Secrets tried: each entry once, plus its base64-decoded form when it
    /// has one.
    pub tried: usize,
    /// Why nothing could be tried (not an HMAC token, no signature).
    pub error: Option<String>,
}

/// Tries every candidate against the token's HMAC signature.
pub fn sweep(job: &SweepJob) -> SweepResult {
    let fail = |error: String| SweepResult {
        found: None,
        tried: 0,
        error: Some(error),
    };
    let decoded = token::decode(&job.token);
    let (Some(alg), Some(input), Some(signature)) = (
        decoded.alg(),
        decoded.signing_input(),
        decoded.signature.as_deref(),
    ) else {
        return fail("Only a signed token with a header and signature can be checked.".into());
    };
    if algorithms::lookup(alg).map(|a| a.family) != Some(Family::Hmac) {
        return fail(format!(
            "{alg} is not an HMAC algorithm: only shared secrets can be guessed."
        ));
    }
    if signature.is_empty() {
        return fail("The signature is empty: there is nothing to compare with.".into());
    }
    let mut tried = 0;
    let mut check = |secret: &[u8]| {
        tried += 1;
        verify::hmac_sign(alg, secret, input.as_bytes()).is_some_and(|tag| tag == signature)
    };
    if job.include_empty && check(b"") {
        return SweepResult {
            found: Some(FoundSecret {
                text: String::new(),
                encoding: SecretEncoding::Utf8,
            }),
            tried,
            error: None,
        };
    }
    for text in &job.candidates {
        if check(text.as_bytes()) {
            return found(text, SecretEncoding::Utf8, tried);
        }
        if let Some((bytes, encoding)) = base64_form(text) {
            if check(&bytes) {
                return found(text, encoding, tried);
            }
        }
    }
    SweepResult {
        found: None,
        tried,
        error: None,
    }
}

fn found(text: &str, encoding: SecretEncoding, tried: usize) -> SweepResult {
    SweepResult {
        found: Some(FoundSecret {
            text: text.to_string(),
            encoding,
        }),
        tried,
        error: None,
    }
}

/// The bytes an entry encodes, when it is plausibly base64 (frameworks such
/// as Spring and JHipster keep their HMAC keys base64-encoded): at least 16
/// characters of one alphabet, whole, decoding to at least 12 bytes.
fn base64_form(text: &str) -> Option<(Vec<u8>, SecretEncoding)> {
    if text.len() < 16 {
        return None;
    }
    let url = text.bytes().any(|b| b == b'-' || b == b'_');
    let std = text.bytes().any(|b| b == b'+' || b == b'/');
    let encoding = match (url, std) {
        (true, true) => return None,
        (true, false) => SecretEncoding::Base64Url,
        (false, _) => SecretEncoding::Base64,
    };
    let bytes = encoding.decode(text).ok()?;
    // Text that merely happens to be valid base64 ("administrator1234")
    // rarely decodes to something an app would use; keep it anyway: the
    // cost is one HMAC.
    (bytes.len() >= 12).then_some((bytes, encoding))
}

/// Splits the list into requests of [`CHUNK`] entries.
pub fn chunks(list: &[String]) -> impl Iterator<Item = &[String]> {
    list.chunks(CHUNK)
}

/// The list file's lines (the data file is one secret per line).
pub fn parse_list(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(alg: &str, secret: &[u8]) -> String {
        let input = format!(
            "{}.{}",
            base64url::encode(format!(r#"{{"alg":"{alg}"}}"#).as_bytes()),
            base64url::encode(b"{}")
        );
        let tag = verify::hmac_sign(alg, secret, input.as_bytes()).unwrap();
        format!("{input}.{}", base64url::encode(&tag))
    }

    fn job(token: String, list: &[&str]) -> SweepJob {
        SweepJob {
            token,
            candidates: list.iter().map(|s| s.to_string()).collect(),
            include_empty: true,
        }
    }

    #[test]
    fn finds_text_and_base64_secrets_and_counts_what_it_tried() {
        let r = sweep(&job(token("HS256", b"secret"), &["a", "secret", "b"]));
        assert_eq!(
            r.found,
            Some(FoundSecret {
                text: "secret".into(),
                encoding: SecretEncoding::Utf8
            })
        );
        assert_eq!(r.tried, 3, "the empty secret, a, secret");
        let key = b"0123456789abcdef0123";
        let b64 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM=";
        let r = sweep(&job(token("HS512", key), &["nope", b64]));
        assert_eq!(r.found.unwrap().encoding, SecretEncoding::Base64);
        let r = sweep(&job(
            token("HS384", b"unlisted"),
            &["x", "yyyyyyyyyyyyyyyyyyyy"],
        ));
        assert_eq!(r.found, None);
        assert_eq!(r.tried, 4, "empty, x, y… and its base64 form");
        let r = sweep(&job(token("HS256", b""), &[]));
        assert_eq!(r.found.unwrap().text, "");
    }

    #[test]
    fn refuses_what_cannot_be_guessed() {
        let rs = format!("{}.e30.c2ln", base64url::encode(br#"{"alg":"RS256"}"#));
        assert_eq!(
            sweep(&job(rs, &["x"])).error.as_deref(),
            Some("RS256 is not an HMAC algorithm: only shared secrets can be guessed.")
        );
        assert!(sweep(&job("nonsense".into(), &["x"])).error.is_some());
    }

    #[test]
    fn the_shipped_list_holds_over_ten_thousand_distinct_secrets() {
        let text = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/secrets/weak-secrets.txt"
        ));
        let list = parse_list(text);
        let distinct: std::collections::HashSet<&String> = list.iter().collect();
        assert!(list.len() >= 10_000, "{} entries", list.len());
        assert_eq!(distinct.len(), list.len(), "no duplicates");
        // The built-in short list is part of it, first.
        for secret in crate::core::weak_secrets::WEAK_SECRETS {
            assert!(distinct.contains(&secret.to_string()), "{secret}");
        }
        assert_eq!(list[0], "secret");
    }

    #[test]
    fn the_list_file_reads_as_lines() {
        assert_eq!(parse_list("a\r\nb\n\nc"), ["a", "b", "c"]);
        let list: Vec<String> = (0..CHUNK + 1).map(|i| i.to_string()).collect();
        assert_eq!(chunks(&list).count(), 2);
    }
}
