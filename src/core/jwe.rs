//! JWE (RFC 7516), compact serialization: parse, decrypt and encrypt with
//! the key management and content encryption algorithms of RFC 7518 and
//! X25519 (RFC 8037). Keys come from the one key parser. Runs in the crypto
//! worker; never panics, and returns no plaintext before its
//! authentication tag verifies.

use std::fmt;

use rand_core::{CryptoRng, RngCore};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};
use subtle::ConstantTimeEq;

use super::base64url::{self, Base64Problem};
use super::findings::{self, Finding};
use super::jose_json::{self, JoseJson};
use super::json;
use super::keys::{self, Curve, Key, KeyMaterial, KeyText, PrivateKey, SecretEncoding};
use super::token;

/// PBES2 iteration counts above this are refused: a token could otherwise
/// make the worker spin for minutes (RFC 7518 §4.8.1.2 sets no maximum).
pub const MAX_P2C: u64 = 1_000_000;
/// RFC 7518 §4.8.1.2 asks for at least 1000 iterations.
pub const MIN_P2C: u64 = 1000;
/// Iterations used when encrypting with PBES2: the OWASP Password Storage
/// Cheat Sheet's figures for PBKDF2 (2023): 600,000 with HMAC-SHA-256,
/// 210,000 with HMAC-SHA-512 (each SHA-512 round costs about 3 SHA-256 ones);
/// SHA-384 shares SHA-512's compression function, so it gets the same.
pub fn default_p2c(alg: &str) -> u32 {
    if alg == "PBES2-HS256+A128KW" {
        600_000
    } else {
        210_000
    }
}
/// Inflated (`zip: DEF`) plaintext larger than this is refused.
pub const MAX_INFLATED: usize = 10 * 1024 * 1024;
/// Salt bytes of a PBES2 token made here (RFC 7518 asks for at least 8).
const P2S_LEN: usize = 16;

/// Key management algorithms this module decrypts, in RFC 7518 order.
pub const KEY_ALGORITHMS: &[&str] = &[
    "RSA1_5",
    "RSA-OAEP",
    "RSA-OAEP-256",
    "A128KW",
    "A192KW",
    "A256KW",
    "dir",
    "ECDH-ES",
    "ECDH-ES+A128KW",
    "ECDH-ES+A192KW",
    "ECDH-ES+A256KW",
    "A128GCMKW",
    "A192GCMKW",
    "A256GCMKW",
    "PBES2-HS256+A128KW",
    "PBES2-HS384+A192KW",
    "PBES2-HS512+A256KW",
];

/// Content encryption algorithms.
pub const CONTENT_ALGORITHMS: &[&str] = &[
    "A128CBC-HS256",
    "A192CBC-HS384",
    "A256CBC-HS512",
    "A128GCM",
    "A192GCM",
    "A256GCM",
];

// ---------------------------------------------------------------------------
// Parsing

/// The five parts of a compact JWE.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JwePart {
    Header,
    EncryptedKey,
    Iv,
    Ciphertext,
    Tag,
}

impl JwePart {
    pub const ALL: [JwePart; 5] = [
        JwePart::Header,
        JwePart::EncryptedKey,
        JwePart::Iv,
        JwePart::Ciphertext,
        JwePart::Tag,
    ];

    pub fn name(self) -> &'static str {
        match self {
            JwePart::Header => "protected header",
            JwePart::EncryptedKey => "encrypted key",
            JwePart::Iv => "initialization vector",
            JwePart::Ciphertext => "ciphertext",
            JwePart::Tag => "authentication tag",
        }
    }

    /// 1-based, as people count parts.
    pub fn number(self) -> usize {
        self as usize + 1
    }
}

/// Why text is not a compact JWE: what, where (part and character offset)
/// and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JweError {
    pub part: Option<JwePart>,
    /// Character offset in the part, when one character is at fault.
    pub offset: Option<usize>,
    /// The same offset counted from the start of the (cleaned) token.
    pub token_offset: Option<usize>,
    pub message: String,
}

impl JweError {
    fn whole(message: impl Into<String>) -> JweError {
        JweError {
            part: None,
            offset: None,
            token_offset: None,
            message: message.into(),
        }
    }

    fn at(part: JwePart, message: impl Into<String>) -> JweError {
        JweError {
            part: Some(part),
            ..JweError::whole(message)
        }
    }
}

impl fmt::Display for JweError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.part {
            Some(p) => write!(f, "The {} (part {}) {}", p.name(), p.number(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for JweError {}

/// The size of one part, for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSize {
    pub part: JwePart,
    /// Characters of base64url in the token.
    pub chars: usize,
    /// Decoded bytes; `None` when the part is not base64url.
    pub bytes: Option<usize>,
}

/// A compact JWE, split and decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedJwe {
    /// The protected header, members in the token's order.
    pub header: Map<String, Value>,
    /// The first part exactly as in the token.
    pub protected: String,
    /// The additional authenticated data: `protected`, and in JSON
    /// serialization `.aad` when there is an `aad` member.
    pub aad: String,
    pub encrypted_key: Vec<u8>,
    pub iv: Vec<u8>,
    pub ciphertext: Vec<u8>,
    pub tag: Vec<u8>,
    pub parts: Vec<PartSize>,
}

impl ParsedJwe {
    /// A header member that is a string.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.header.get(name)?.as_str()
    }
}

/// The sizes of each part of whatever 5-part text was given (what can be
/// shown even when the token cannot be decrypted).
pub fn part_sizes(token: &str) -> Vec<PartSize> {
    let clean = token::clean(token).token;
    let parts: Vec<&str> = clean.split('.').collect();
    if parts.len() != 5 {
        return Vec::new();
    }
    JwePart::ALL
        .iter()
        .zip(&parts)
        .map(|(&part, text)| PartSize {
            part,
            chars: text.chars().count(),
            bytes: base64url::decode_strict(text).map(|b| b.len()),
        })
        .collect()
}

/// Splits and decodes a compact JWE (whitespace, quotes and a `Bearer`
/// prefix are stripped first, as for a JWS).
pub fn parse(token: &str) -> Result<ParsedJwe, JweError> {
    let clean = token::clean(token).token;
    if clean.is_empty() {
        return Err(JweError::whole("Paste a JWE to decrypt it."));
    }
    if clean.starts_with('{') {
        return Err(JweError::whole(
            "This is JSON: read it with `parse_json` (the JWE JSON serialization); `parse` reads the compact form.",
        ));
    }
    let texts: Vec<&str> = clean.split('.').collect();
    if texts.len() != 5 {
        return Err(JweError::whole(format!(
            "A compact JWE has 5 parts separated by dots (header.encrypted_key.iv.ciphertext.tag); this input has {}. Check that the whole token was copied.",
            texts.len()
        )));
    }
    let mut decoded: Vec<Vec<u8>> = Vec::with_capacity(5);
    let mut parts = Vec::with_capacity(5);
    let mut start = 0;
    for (&part, text) in JwePart::ALL.iter().zip(&texts) {
        let bytes = decode_part(part, text, start)?;
        parts.push(PartSize {
            part,
            chars: text.chars().count(),
            bytes: Some(bytes.len()),
        });
        decoded.push(bytes);
        start += text.chars().count() + 1;
    }
    let header_bytes = &decoded[0];
    if header_bytes.is_empty() {
        return Err(JweError::at(
            JwePart::Header,
            "is empty; a JWE must start with its protected header.",
        ));
    }
    let header_text = std::str::from_utf8(header_bytes).map_err(|e| {
        JweError::at(
            JwePart::Header,
            format!(
                "is not UTF-8 text: the bytes go wrong at byte {}. It must be UTF-8 encoded JSON.",
                e.valid_up_to()
            ),
        )
    })?;
    let doc = json::parse(header_text).map_err(|e| {
        JweError::at(
            JwePart::Header,
            format!(
                "is not valid JSON: {} at line {}, column {}.",
                e.message, e.line, e.column
            ),
        )
    })?;
    if let Some(path) = doc.duplicate_keys.first() {
        return Err(JweError::at(
            JwePart::Header,
            format!("repeats the member \"{path}\"; RFC 7516 §4 requires names to be unique, so it is refused."),
        ));
    }
    let Value::Object(header) = doc.value else {
        return Err(JweError::at(
            JwePart::Header,
            format!(
                "is JSON but not an object (it is {}).",
                json::type_name(&doc.value)
            ),
        ));
    };
    let mut decoded = decoded.into_iter().skip(1);
    let mut next = || decoded.next().unwrap_or_default();
    Ok(ParsedJwe {
        header,
        protected: texts[0].to_string(),
        aad: texts[0].to_string(),
        encrypted_key: next(),
        iv: next(),
        ciphertext: next(),
        tag: next(),
        parts,
    })
}

fn decode_part(part: JwePart, text: &str, start: usize) -> Result<Vec<u8>, JweError> {
    // JOSE requires unpadded base64url; the header's text is also the AAD,
    // so no leniency here.
    if let Some((offset, ch)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(JweError {
            offset: Some(offset),
            token_offset: Some(start + offset),
            ..JweError::at(
                part,
                format!(
                    "has {} at character {offset} of the part (character {} of the token), which is not base64url. Only A–Z, a–z, 0–9, '-' and '_' may appear, without '=' padding.",
                    describe_char(ch),
                    start + offset
                ),
            )
        });
    }
    match base64url::decode(text) {
        Ok((bytes, _)) => Ok(bytes),
        Err(Base64Problem::TrailingBits { offset }) => Err(JweError {
            offset: Some(offset),
            token_offset: Some(start + offset),
            ..JweError::at(
                part,
                format!("ends with a character that has stray bits set (character {offset}); the part was probably edited or truncated."),
            )
        }),
        Err(_) => Err(JweError::at(
            part,
            format!(
                "is {} characters long, which no base64url encoding produces; the part may be truncated.",
                text.len()
            ),
        )),
    }
}

fn describe_char(ch: char) -> String {
    if ch.is_ascii_graphic() {
        format!("'{ch}'")
    } else {
        format!("U+{:04X}", ch as u32)
    }
}

// ---------------------------------------------------------------------------
// Algorithms

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hash {
    Sha256,
    Sha384,
    Sha512,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyAlg {
    Rsa1_5,
    RsaOaep,
    RsaOaep256,
    /// Key bytes of the AES key wrapping key.
    AesKw(usize),
    AesGcmKw(usize),
    Dir,
    EcdhEs,
    EcdhEsKw(usize),
    Pbes2(Hash, usize),
}

impl KeyAlg {
    fn from_name(name: &str) -> Option<KeyAlg> {
        Some(match name {
            "RSA1_5" => KeyAlg::Rsa1_5,
            "RSA-OAEP" => KeyAlg::RsaOaep,
            "RSA-OAEP-256" => KeyAlg::RsaOaep256,
            "A128KW" => KeyAlg::AesKw(16),
            "A192KW" => KeyAlg::AesKw(24),
            "A256KW" => KeyAlg::AesKw(32),
            "A128GCMKW" => KeyAlg::AesGcmKw(16),
            "A192GCMKW" => KeyAlg::AesGcmKw(24),
            "A256GCMKW" => KeyAlg::AesGcmKw(32),
            "dir" => KeyAlg::Dir,
            "ECDH-ES" => KeyAlg::EcdhEs,
            "ECDH-ES+A128KW" => KeyAlg::EcdhEsKw(16),
            "ECDH-ES+A192KW" => KeyAlg::EcdhEsKw(24),
            "ECDH-ES+A256KW" => KeyAlg::EcdhEsKw(32),
            "PBES2-HS256+A128KW" => KeyAlg::Pbes2(Hash::Sha256, 16),
            "PBES2-HS384+A192KW" => KeyAlg::Pbes2(Hash::Sha384, 24),
            "PBES2-HS512+A256KW" => KeyAlg::Pbes2(Hash::Sha512, 32),
            _ => return None,
        })
    }

    fn is_rsa(self) -> bool {
        matches!(self, KeyAlg::Rsa1_5 | KeyAlg::RsaOaep | KeyAlg::RsaOaep256)
    }

    fn is_ecdh(self) -> bool {
        matches!(self, KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_))
    }

    /// What kind of key this algorithm needs, for messages.
    fn needs(self, enc: Enc, decrypting: bool) -> String {
        let half = if decrypting { "private" } else { "public" };
        match self {
            KeyAlg::Rsa1_5 | KeyAlg::RsaOaep | KeyAlg::RsaOaep256 => format!("an RSA {half} key"),
            KeyAlg::AesKw(n) | KeyAlg::AesGcmKw(n) => {
                format!("a {}-bit ({n}-byte) shared key", n * 8)
            }
            KeyAlg::Dir => format!(
                "a {}-bit ({}-byte) shared key, the content key itself",
                enc.cek_len() * 8,
                enc.cek_len()
            ),
            KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_) => {
                format!("an EC (P-256, P-384, P-521) or X25519 {half} key")
            }
            KeyAlg::Pbes2(..) => "a password".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Enc {
    /// AES-CBC with HMAC; the content key's bytes (MAC key ‖ AES key).
    CbcHs(usize),
    /// AES-GCM; the key's bytes.
    Gcm(usize),
}

impl Enc {
    fn from_name(name: &str) -> Option<Enc> {
        Some(match name {
            "A128CBC-HS256" => Enc::CbcHs(32),
            "A192CBC-HS384" => Enc::CbcHs(48),
            "A256CBC-HS512" => Enc::CbcHs(64),
            "A128GCM" => Enc::Gcm(16),
            "A192GCM" => Enc::Gcm(24),
            "A256GCM" => Enc::Gcm(32),
            _ => return None,
        })
    }

    fn cek_len(self) -> usize {
        match self {
            Enc::CbcHs(n) | Enc::Gcm(n) => n,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Enc::CbcHs(_) => 16,
            Enc::Gcm(_) => 12,
        }
    }

    fn tag_len(self) -> usize {
        match self {
            Enc::CbcHs(n) => n / 2,
            Enc::Gcm(_) => 16,
        }
    }
}

// ---------------------------------------------------------------------------
// The outcome of decryption

/// What became of a decryption, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JweStatus {
    /// The tag verified: the plaintext is authentic.
    Decrypted,
    /// A usable key, but decryption or authentication failed.
    Failed,
    /// No key was given.
    NoKey,
    /// The key cannot be used for this alg/enc (the message says why).
    KeyError,
    /// An algorithm, `zip` or `crit` extension this debugger does not
    /// implement, or a parameter beyond its limits.
    Unsupported,
    /// Not a compact JWE, or a header that breaks RFC 7516/7518.
    Malformed,
    /// A recipient of a JWE in JSON that was not tried: another
    /// recipient's key already opened it.
    Skipped,
}

impl JweStatus {
    /// The name the UI contract uses.
    pub fn as_str(self) -> &'static str {
        match self {
            JweStatus::Decrypted => "decrypted",
            JweStatus::Failed => "failed",
            JweStatus::NoKey => "no-key",
            JweStatus::KeyError => "key-error",
            JweStatus::Unsupported => "unsupported",
            // The contract has no "malformed": a token that cannot be read
            // as a JWE has failed to decrypt (the message says why).
            JweStatus::Malformed => "failed",
            JweStatus::Skipped => "skipped",
        }
    }
}

/// One header member explained for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderRow {
    pub name: String,
    /// The value as written (strings without quotes, the rest as compact JSON).
    pub value: String,
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decryption {
    pub status: JweStatus,
    /// One sentence: what happened, and what to do when it failed.
    pub message: String,
    /// Only when `status` is `Decrypted`: the authenticated plaintext
    /// (inflated when `zip` is `DEF`). Base64url on the wire.
    #[serde(with = "bytes_b64u")]
    pub plaintext: Option<Vec<u8>>,
    /// The plaintext, when it is a compact JWS (a nested JWT).
    pub nested: Option<String>,
    /// Which key decrypted it, in words.
    pub key_used: Option<String>,
    pub header: Vec<HeaderRow>,
    pub parts: Vec<PartSize>,
    /// What else is worth knowing (a low `p2c`, a `kid` not found, …).
    pub notes: Vec<String>,
    pub findings: Vec<Finding>,
    /// For a JWE in JSON serialization: each recipient's outcome, in order
    /// (empty for a compact token).
    #[serde(default)]
    pub recipients: Vec<RecipientOutcome>,
}

/// What became of one recipient of a JWE in JSON serialization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientOutcome {
    pub alg: Option<String>,
    pub kid: Option<String>,
    pub status: JweStatus,
    pub message: String,
}

impl Decryption {
    fn new(status: JweStatus, message: impl Into<String>) -> Decryption {
        Decryption {
            status,
            message: message.into(),
            plaintext: None,
            nested: None,
            key_used: None,
            header: Vec::new(),
            parts: Vec::new(),
            notes: Vec::new(),
            findings: Vec::new(),
            recipients: Vec::new(),
        }
    }

    /// The plaintext as UTF-8 text, when it is.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(self.plaintext.as_deref()?).ok()
    }
}

mod bytes_b64u {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match bytes {
            Some(b) => s.serialize_some(&super::base64url::encode(b)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::base64url::decode_strict(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom("plaintext is not base64url")),
        }
    }
}

// ---------------------------------------------------------------------------
// Decryption

/// Why one attempt did not decrypt.
enum Attempt {
    /// The key could be used, but the result did not authenticate.
    Failed(String),
    /// The key cannot be used here.
    KeyError(String),
}

/// Token parameters checked before any key is used.
struct Plan {
    alg_name: String,
    enc_name: String,
    alg: KeyAlg,
    enc: Enc,
    zip: bool,
    epk: Option<PeerKey>,
    apu: Vec<u8>,
    apv: Vec<u8>,
    /// PBES2 salt input (`alg ‖ 0x00 ‖ p2s`) and iteration count.
    pbes2: Option<(Vec<u8>, u32)>,
    /// A*GCMKW's header `iv` and `tag`.
    gcmkw: Option<(Vec<u8>, Vec<u8>)>,
}

/// A public key from the header (`epk`), validated on its curve.
#[derive(Clone)]
enum PeerKey {
    Ec { curve: Curve, point: Vec<u8> },
    X25519([u8; 32]),
}

impl PeerKey {
    fn name(&self) -> &'static str {
        match self {
            PeerKey::Ec { curve, .. } => curve.name(),
            PeerKey::X25519(_) => "X25519",
        }
    }
}

/// A JWE in JSON serialization, one [`ParsedJwe`] per recipient (its
/// header protected, shared and per-recipient members together; the AAD
/// with the `aad` member), with the sizes of the shared parts.
pub fn parse_json(text: &str) -> Result<Vec<ParsedJwe>, JweError> {
    let jwe = match jose_json::parse(text) {
        Ok(JoseJson::Jwe(jwe)) => jwe,
        Ok(JoseJson::Jws(_)) => {
            return Err(JweError::whole(
                "This is a JWS in JSON serialization (signed, not encrypted): there is nothing to decrypt.",
            ))
        }
        Err(e) => return Err(JweError::whole(e.message)),
    };
    let b64 = |t: &str| base64url::decode_strict(t).unwrap_or_default();
    let size = |part: JwePart, t: &str| PartSize {
        part,
        chars: t.chars().count(),
        bytes: base64url::decode_strict(t).map(|b| b.len()),
    };
    Ok((0..jwe.recipients.len())
        .map(|i| {
            let r = &jwe.recipients[i];
            ParsedJwe {
                header: jwe.header(i),
                protected: jwe.protected_b64.clone(),
                aad: jwe.aad(),
                encrypted_key: b64(&r.encrypted_key_b64),
                iv: b64(&jwe.iv_b64),
                ciphertext: b64(&jwe.ciphertext_b64),
                tag: b64(&jwe.tag_b64),
                parts: vec![
                    size(JwePart::Header, &jwe.protected_b64),
                    size(JwePart::EncryptedKey, &r.encrypted_key_b64),
                    size(JwePart::Iv, &jwe.iv_b64),
                    size(JwePart::Ciphertext, &jwe.ciphertext_b64),
                    size(JwePart::Tag, &jwe.tag_b64),
                ],
            }
        })
        .collect())
}

/// The token's recipients (one for a compact JWE; none when it cannot be
/// read) and its outcome so far: the first recipient's header explained,
/// the part sizes and the RSA1_5 finding, or why it cannot be read.
fn read(token: &str) -> (Vec<ParsedJwe>, Decryption) {
    let json = jose_json::looks_like_json(token);
    let parsed = if json {
        parse_json(token)
    } else {
        parse(token).map(|p| vec![p])
    };
    let parsed = match parsed {
        Ok(p) => p,
        Err(e) => {
            let mut out = Decryption::new(JweStatus::Malformed, e.to_string());
            if !json {
                out.parts = part_sizes(token);
            }
            return (Vec::new(), out);
        }
    };
    let mut out = Decryption::new(JweStatus::Malformed, String::new());
    if let Some(first) = parsed.first() {
        out.header = explain_header(&first.header);
        out.parts = first.parts.clone();
    }
    if parsed.iter().any(|p| p.param("alg") == Some("RSA1_5")) {
        out.findings.push(findings::rsa1_5_finding());
    }
    if json {
        if let Ok(JoseJson::Jwe(jwe)) = jose_json::parse(token) {
            let mut open: Vec<String> = jwe.unprotected.keys().cloned().collect();
            for r in &jwe.recipients {
                open.extend(
                    r.header
                        .keys()
                        .filter(|k| !open.contains(k))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
            if !open.is_empty() {
                out.notes.push(format!(
                    "Not authenticated: {} {} in unprotected headers, so anyone could have changed {} without the tag noticing.",
                    open.iter().map(|k| format!("\"{}\"", json::visible(k))).collect::<Vec<_>>().join(", "),
                    if open.len() == 1 { "is" } else { "are" },
                    if open.len() == 1 { "it" } else { "them" },
                ));
            }
        }
        out.recipients = parsed
            .iter()
            .map(|p| RecipientOutcome {
                alg: p.param("alg").map(str::to_string),
                kid: p.param("kid").map(str::to_string),
                status: JweStatus::NoKey,
                message: String::new(),
            })
            .collect();
    }
    (parsed, out)
}

/// What can be said of a JWE without a key, and without any crypto (the
/// page's half): its header explained, its parts, whether this debugger can
/// decrypt it, and which key to give.
pub fn describe(token: &str) -> Decryption {
    let (parsed, mut out) = read(token);
    let Some(first) = parsed.first() else {
        return out;
    };
    out.status = JweStatus::NoKey;
    let mut notes = Vec::new();
    match plan_header(first, &mut notes) {
        Ok(plan) => out.message = key_wanted(&plan.alg).to_string(),
        Err((status, message)) => {
            out.status = status;
            out.message = message;
        }
    }
    out.notes = notes;
    for (p, row) in parsed.iter().zip(out.recipients.iter_mut()) {
        match plan_header(p, &mut Vec::new()) {
            Ok(plan) => row.message = key_wanted(&plan.alg).to_string(),
            Err((status, message)) => {
                row.status = status;
                row.message = message;
            }
        }
    }
    out
}

/// Whether the key management `alg` takes a shared key (so the secret's
/// encoding matters), rather than a private key or a password.
pub fn uses_shared_key(alg: &str) -> bool {
    matches!(
        KeyAlg::from_name(alg),
        Some(KeyAlg::AesKw(_) | KeyAlg::AesGcmKw(_) | KeyAlg::Dir)
    )
}

/// Which key opens a JWE with this key management, in words.
fn key_wanted(alg: &KeyAlg) -> &'static str {
    match alg {
        KeyAlg::Rsa1_5 | KeyAlg::RsaOaep | KeyAlg::RsaOaep256 => {
            "Enter the recipient's RSA private key (PEM or JWK) to decrypt it."
        }
        KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_) => {
            "Enter the recipient's EC or X25519 private key (PEM or JWK) to decrypt it."
        }
        KeyAlg::AesKw(_) | KeyAlg::AesGcmKw(_) | KeyAlg::Dir => {
            "Enter the shared key (a JWK of kty oct, or its bytes as text with their encoding) to decrypt it."
        }
        KeyAlg::Pbes2(..) => "Enter the password to decrypt it.",
    }
}

/// Decrypts a JWE, compact or in JSON serialization, with the key text as
/// typed: a private key (PEM or JWK), a JWK Set, a shared key (JWK `oct` or
/// text in `encoding`), or for PBES2 a password (the text's own bytes,
/// whatever `encoding` says). In JSON, each recipient is tried in order
/// until one opens it; the others are `skipped`.
pub fn decrypt(token: &str, key_text: &str, encoding: SecretEncoding) -> Decryption {
    let (parsed, out) = read(token);
    if parsed.len() <= 1 {
        return match parsed.first() {
            None => out,
            Some(p) => {
                let mut d = decrypt_one(p, out, key_text, encoding, false);
                let (status, message) = (d.status, d.message.clone());
                if let Some(row) = d.recipients.first_mut() {
                    row.status = status;
                    row.message = message;
                }
                d
            }
        };
    }
    let mut rows = out.recipients.clone();
    let mut outcomes: Vec<Decryption> = Vec::new();
    for (i, p) in parsed.iter().enumerate() {
        let mut fresh = out.clone();
        fresh.header = explain_header(&p.header);
        fresh.parts = p.parts.clone();
        fresh.recipients = Vec::new();
        let result = decrypt_one(p, fresh, key_text, encoding, true);
        rows[i].status = result.status;
        rows[i].message = result.message.clone();
        let opened = result.status == JweStatus::Decrypted;
        outcomes.push(result);
        if opened {
            for row in &mut rows[i + 1..] {
                row.status = JweStatus::Skipped;
                row.message = "Not tried: another recipient's key opened the JWE.".into();
            }
            break;
        }
    }
    let opened = outcomes
        .iter()
        .position(|o| o.status == JweStatus::Decrypted);
    // Failing, a key that fits but does not open says more than the rest.
    let pick = opened
        .or_else(|| outcomes.iter().position(|o| o.status == JweStatus::Failed))
        .or_else(|| {
            outcomes
                .iter()
                .position(|o| o.status == JweStatus::KeyError)
        })
        .unwrap_or(0);
    let total = parsed.len();
    let mut chosen = outcomes.swap_remove(pick);
    let named = |i: usize| {
        let row = &rows[i];
        let mut what = row.alg.clone().unwrap_or_else(|| "no alg".into());
        if let Some(kid) = &row.kid {
            what.push_str(&format!(", kid \"{}\"", json::visible(kid)));
        }
        format!("recipient {} of {total} ({what})", i + 1)
    };
    chosen.message = match opened {
        Some(i) => format!("Opened as {}. {}", named(i), chosen.message),
        None => format!(
            "No recipient's key opens it. Of {}: {}",
            named(pick),
            chosen.message
        ),
    };
    chosen.recipients = rows;
    chosen
}

/// One recipient's attempt. With `by_kid`, a JWK Set without the
/// recipient's `kid` has no key for it (other recipients may be its).
fn decrypt_one(
    parsed: &ParsedJwe,
    mut out: Decryption,
    key_text: &str,
    encoding: SecretEncoding,
    by_kid: bool,
) -> Decryption {
    let plan = match plan(parsed, &mut out.notes) {
        Ok(plan) => plan,
        Err((status, message)) => {
            out.status = status;
            out.message = message;
            return out;
        }
    };
    let candidates = match candidates(parsed, &plan, key_text, encoding, by_kid, &mut out.notes) {
        Ok(c) => c,
        Err((status, message)) => {
            out.status = status;
            out.message = message;
            return out;
        }
    };
    let mut failures = Vec::new();
    let mut key_errors = Vec::new();
    for candidate in &candidates {
        if let Some(why) = unfit(candidate, &plan) {
            key_errors.push(why);
            continue;
        }
        match try_key(parsed, &plan, candidate) {
            Ok(plaintext) => return finish(out, &plan, plaintext, candidate.label()),
            Err(Attempt::Failed(m)) => failures.push(m),
            Err(Attempt::KeyError(m)) => key_errors.push(m),
        }
    }
    if let Some(first) = failures.first() {
        out.status = JweStatus::Failed;
        out.message = if failures.len() > 1 {
            format!(
                "None of the {} keys that fit decrypts it: {first}",
                failures.len()
            )
        } else {
            first.clone()
        };
        out.notes.extend(key_errors);
    } else {
        out.status = JweStatus::KeyError;
        out.message = key_errors
            .first()
            .cloned()
            .unwrap_or_else(|| format!("No key fits {}.", plan.alg_name));
        out.notes.extend(key_errors.into_iter().skip(1));
    }
    out
}

/// Inflates (when `zip`), then fills in the decrypted outcome.
fn finish(mut out: Decryption, plan: &Plan, plaintext: Vec<u8>, key: String) -> Decryption {
    let plaintext = if plan.zip {
        match miniz_oxide::inflate::decompress_to_vec_with_limit(&plaintext, MAX_INFLATED) {
            Ok(p) => p,
            Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                out.status = JweStatus::Failed;
                out.message = format!(
                    "Refused: the content authenticates, but it inflates to more than {} MB (a compression bomb?), so it is not decompressed.",
                    MAX_INFLATED / (1024 * 1024)
                );
                out.key_used = Some(key);
                return out;
            }
            Err(_) => {
                out.status = JweStatus::Failed;
                out.message = "The content authenticates but is not valid DEFLATE data (RFC 1951), although \"zip\" is \"DEF\".".into();
                out.key_used = Some(key);
                return out;
            }
        }
    } else {
        plaintext
    };
    out.status = JweStatus::Decrypted;
    out.message = format!(
        "Decrypted: the authentication tag verifies ({} bytes of plaintext{}).",
        plaintext.len(),
        if plan.zip { ", inflated" } else { "" }
    );
    out.nested = nested_jws(&plaintext);
    out.plaintext = Some(plaintext);
    out.key_used = Some(key);
    out
}

/// The plaintext as a compact JWS, when it is one.
fn nested_jws(plaintext: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(plaintext).ok()?.trim();
    if text.split('.').count() != 3 {
        return None;
    }
    let decoded = token::decode(text);
    (decoded.kind == token::TokenKind::Jws && decoded.header.is_some()).then(|| text.to_string())
}

type Refusal = (JweStatus, String);

/// Checks everything about the token that does not depend on the key.
/// Everything [`plan_header`] reads, plus the sender's ephemeral key
/// validated on its curve.
fn plan(parsed: &ParsedJwe, notes: &mut Vec<String>) -> Result<Plan, Refusal> {
    let mut plan = plan_header(parsed, notes)?;
    if let (true, Some(epk)) = (plan.alg.is_ecdh(), parsed.header.get("epk")) {
        plan.epk = Some(peer_key(epk)?);
    }
    Ok(plan)
}

/// What the header asks for, read and checked without touching any key or
/// curve arithmetic, so the page can call it ([`describe`]) without linking
/// the crypto. `epk` is only checked to be there.
fn plan_header(parsed: &ParsedJwe, notes: &mut Vec<String>) -> Result<Plan, Refusal> {
    let malformed = |m: String| (JweStatus::Malformed, m);
    let string = |name: &str| -> Result<Option<String>, Refusal> {
        match parsed.header.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(malformed(format!(
                "The header's \"{name}\" is {}; it must be a string.",
                json::type_name(v)
            ))),
        }
    };
    let alg_name = string("alg")?.ok_or_else(|| {
        malformed(
            "The header has no \"alg\": nobody can tell how the content key is protected.".into(),
        )
    })?;
    let enc_name = string("enc")?.ok_or_else(|| {
        malformed(
            "The header has no \"enc\": a JWE header must name its content encryption.".into(),
        )
    })?;
    if let Some(crit) = parsed.header.get("crit") {
        return Err(crit_refusal(crit));
    }
    let alg = KeyAlg::from_name(&alg_name).ok_or_else(|| {
        (
            JweStatus::Unsupported,
            format!(
                "\"alg\" \"{alg_name}\" is not a JWE key management algorithm this debugger knows (it knows {}).",
                KEY_ALGORITHMS.join(", ")
            ),
        )
    })?;
    let enc = Enc::from_name(&enc_name).ok_or_else(|| {
        (
            JweStatus::Unsupported,
            format!(
                "\"enc\" \"{enc_name}\" is not a content encryption this debugger knows (it knows {}).",
                CONTENT_ALGORITHMS.join(", ")
            ),
        )
    })?;
    let zip = match string("zip")?.as_deref() {
        None => false,
        Some("DEF") => true,
        Some(other) => {
            return Err((
                JweStatus::Unsupported,
                format!("\"zip\" \"{other}\" is not a compression this debugger knows (only DEF, RFC 1951)."),
            ))
        }
    };
    let b64_param = |name: &str| -> Result<Option<Vec<u8>>, Refusal> {
        match string(name)? {
            None => Ok(None),
            Some(text) => base64url::decode_strict(&text).map(Some).ok_or_else(|| {
                malformed(format!(
                    "The header's \"{name}\" is not unpadded base64url."
                ))
            }),
        }
    };
    let apu = b64_param("apu")?.unwrap_or_default();
    let apv = b64_param("apv")?.unwrap_or_default();
    // Validated on its curve by `plan`, not here.
    if alg.is_ecdh() && parsed.header.get("epk").is_none() {
        return Err(malformed(format!(
            "{alg_name} needs the sender's ephemeral public key in \"epk\", and the header has none."
        )));
    }
    let pbes2 = if let KeyAlg::Pbes2(..) = alg {
        let p2s = b64_param("p2s")?.ok_or_else(|| {
            malformed(format!(
                "{alg_name} needs the salt \"p2s\", and the header has none."
            ))
        })?;
        if p2s.len() < 8 {
            return Err(malformed(format!(
                "\"p2s\" is {} bytes; RFC 7518 §4.8.1.1 requires a salt of at least 8.",
                p2s.len()
            )));
        }
        let p2c = match parsed.header.get("p2c") {
            None => {
                return Err(malformed(format!(
                    "{alg_name} needs the iteration count \"p2c\", and the header has none."
                )))
            }
            Some(v) => v
                .as_u64()
                .filter(|&n| n > 0)
                .ok_or_else(|| malformed("\"p2c\" must be a positive whole number.".into()))?,
        };
        if p2c > MAX_P2C {
            return Err((
                JweStatus::Unsupported,
                format!(
                    "Refused: \"p2c\" asks for {p2c} PBKDF2 iterations; this debugger runs at most {MAX_P2C}, since a token could otherwise keep it busy for minutes."
                ),
            ));
        }
        if p2c < MIN_P2C {
            notes.push(format!(
                "\"p2c\" is {p2c}: RFC 7518 §4.8.1.2 asks for at least {MIN_P2C} iterations, so each password guess costs an attacker little."
            ));
        }
        let mut salt = alg_name.as_bytes().to_vec();
        salt.push(0);
        salt.extend_from_slice(&p2s);
        // p2c <= MAX_P2C, which fits in a u32.
        Some((salt, u32::try_from(p2c).unwrap_or(u32::MAX)))
    } else {
        None
    };
    let gcmkw = if let KeyAlg::AesGcmKw(_) = alg {
        let iv = b64_param("iv")?.ok_or_else(|| {
            malformed(format!(
                "{alg_name} needs the key wrap's \"iv\" in the header, and it has none."
            ))
        })?;
        let tag = b64_param("tag")?.ok_or_else(|| {
            malformed(format!(
                "{alg_name} needs the key wrap's \"tag\" in the header, and it has none."
            ))
        })?;
        if iv.len() != 12 || tag.len() != 16 {
            return Err((
                JweStatus::Failed,
                format!(
                    "The key wrap's \"iv\" and \"tag\" must be 12 and 16 bytes; they are {} and {}.",
                    iv.len(),
                    tag.len()
                ),
            ));
        }
        Some((iv, tag))
    } else {
        None
    };
    if matches!(alg, KeyAlg::Dir | KeyAlg::EcdhEs) && !parsed.encrypted_key.is_empty() {
        return Err(malformed(format!(
            "With {alg_name} the encrypted key (part 2) must be empty (RFC 7516 §5.2), and it holds {} bytes.",
            parsed.encrypted_key.len()
        )));
    }
    if parsed.iv.len() != enc.iv_len() {
        return Err((
            JweStatus::Failed,
            format!(
                "The initialization vector (part 3) is {} bytes; {enc_name} uses {}. It was truncated or altered.",
                parsed.iv.len(),
                enc.iv_len()
            ),
        ));
    }
    if parsed.tag.len() != enc.tag_len() {
        return Err((
            JweStatus::Failed,
            format!(
                "The authentication tag (part 5) is {} bytes; {enc_name} makes {}-byte tags. It was truncated or altered.",
                parsed.tag.len(),
                enc.tag_len()
            ),
        ));
    }
    Ok(Plan {
        alg_name,
        enc_name,
        alg,
        enc,
        zip,
        epk: None,
        apu,
        apv,
        pbes2,
        gcmkw,
    })
}

/// No `crit` extension is implemented for JWE, so any listed one refuses
/// the token (RFC 7516 §4.1.13).
fn crit_refusal(crit: &Value) -> Refusal {
    let names: Vec<&str> = crit
        .as_array()
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let message = if names.is_empty() {
        "\"crit\" must be a non-empty array of header parameter names; the token is refused."
            .to_string()
    } else {
        format!(
            "Refused: \"crit\" requires the extension{} {}, which this debugger does not implement; RFC 7516 §4.1.13 says the JWE must then be rejected.",
            if names.len() > 1 { "s" } else { "" },
            names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    (JweStatus::Unsupported, message)
}

/// Reads and validates `epk`: a point not on its curve is refused, which is
/// what stops invalid-curve attacks on the recipient's key.
fn peer_key(epk: &Value) -> Result<PeerKey, Refusal> {
    let malformed = |m: String| (JweStatus::Malformed, format!("\"epk\": {m}"));
    let Some(obj) = epk.as_object() else {
        return Err(malformed("must be a JWK (a JSON object)".into()));
    };
    let member = |name: &str| -> Result<Vec<u8>, Refusal> {
        obj.get(name)
            .and_then(Value::as_str)
            .and_then(base64url::decode_strict)
            .ok_or_else(|| malformed(format!("\"{name}\" is missing or not base64url")))
    };
    let kty = obj.get("kty").and_then(Value::as_str).unwrap_or_default();
    let crv = obj.get("crv").and_then(Value::as_str).unwrap_or_default();
    match (kty, crv) {
        ("EC", "P-256" | "P-384" | "P-521") => {
            let curve = match crv {
                "P-256" => Curve::P256,
                "P-384" => Curve::P384,
                _ => Curve::P521,
            };
            let (x, y) = (member("x")?, member("y")?);
            if x.len() != curve.size() || y.len() != curve.size() {
                return Err(malformed(format!(
                    "\"x\" and \"y\" must each be {} bytes for {crv}",
                    curve.size()
                )));
            }
            let mut point = vec![4];
            point.extend_from_slice(&x);
            point.extend_from_slice(&y);
            if !on_curve(curve, &point) {
                return Err((
                    JweStatus::Failed,
                    format!("Refused: the sender's ephemeral key \"epk\" is not a point on {crv} (an invalid-curve attack, or a corrupted header); agreeing with it could leak the private key."),
                ));
            }
            Ok(PeerKey::Ec { curve, point })
        }
        ("OKP", "X25519") => {
            let x: [u8; 32] = member("x")?
                .try_into()
                .map_err(|_| malformed("an X25519 \"x\" must be 32 bytes".into()))?;
            Ok(PeerKey::X25519(x))
        }
        _ => Err((
            JweStatus::Unsupported,
            format!(
                "\"epk\" is a {} key on \"{}\"; ECDH-ES here works with EC P-256, P-384, P-521 and OKP X25519.",
                if kty.is_empty() { "typeless" } else { kty },
                crv
            ),
        )),
    }
}

fn on_curve(curve: Curve, point: &[u8]) -> bool {
    match curve {
        Curve::P256 => p256::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P384 => p384::PublicKey::from_sec1_bytes(point).is_ok(),
        Curve::P521 => p521::PublicKey::from_sec1_bytes(point).is_ok(),
    }
}

/// A key to try.
enum Candidate {
    /// Bytes from text: a shared key in the chosen encoding, or a password.
    Bytes {
        bytes: Vec<u8>,
        label: String,
    },
    Key(Box<Key>),
}

impl Candidate {
    fn label(&self) -> String {
        match self {
            Candidate::Bytes { label, .. } => label.clone(),
            Candidate::Key(k) => k.describe(),
        }
    }
}

/// The keys to try, in order: with a JWK Set, the one whose `kid` is the
/// header's, else every key in it.
fn candidates(
    parsed: &ParsedJwe,
    plan: &Plan,
    key_text: &str,
    encoding: SecretEncoding,
    by_kid: bool,
    notes: &mut Vec<String>,
) -> Result<Vec<Candidate>, Refusal> {
    let is_pbes2 = matches!(plan.alg, KeyAlg::Pbes2(..));
    let no_key = || {
        (
            JweStatus::NoKey,
            format!(
                "Paste {} to decrypt this {} token.",
                plan.alg.needs(plan.enc, true),
                plan.alg_name
            ),
        )
    };
    let text = match keys::parse_key_text(key_text) {
        Ok(t) => t,
        // A password may look like anything; only the key parser's own
        // shapes (PEM, JSON) fail here, and PBES2 takes those as text.
        Err(_) if is_pbes2 => KeyText::Secret(key_text.to_string()),
        Err(e) => return Err((JweStatus::KeyError, format!("The key cannot be read: {e}"))),
    };
    match text {
        KeyText::Empty => Err(no_key()),
        KeyText::Secret(text) if is_pbes2 => Ok(vec![Candidate::Bytes {
            label: format!("the password ({} bytes)", text.len()),
            bytes: text.into_bytes(),
        }]),
        KeyText::Secret(text) => {
            let bytes = encoding
                .decode(&text)
                .map_err(|e| (JweStatus::KeyError, format!("The key cannot be read: {e}.")))?;
            Ok(vec![Candidate::Bytes {
                label: format!(
                    "the shared key typed as {} ({} bytes)",
                    encoding.label(),
                    bytes.len()
                ),
                bytes,
            }])
        }
        KeyText::Keys { keys, is_set } => {
            let kid = parsed.param("kid");
            let mut keys = keys;
            if let Some(kid) = kid {
                if keys.iter().any(|k| k.kid.as_deref() == Some(kid)) {
                    keys.retain(|k| k.kid.as_deref() == Some(kid));
                } else if is_set && by_kid {
                    return Err((
                        JweStatus::NoKey,
                        format!("No key in the set has this recipient's kid \"{kid}\"."),
                    ));
                } else if is_set {
                    notes.push(format!(
                        "No key in the set has kid \"{kid}\"; every key that fits was tried."
                    ));
                }
            }
            Ok(keys
                .into_iter()
                .map(|k| Candidate::Key(Box::new(k)))
                .collect())
        }
    }
}

/// Why a key cannot be used for this alg/enc, in words; `None` if it can.
fn unfit(candidate: &Candidate, plan: &Plan) -> Option<String> {
    let alg = plan.alg_name.as_str();
    let key = match candidate {
        Candidate::Bytes { bytes, .. } => {
            return secret_unfit(bytes.len(), plan, "The shared key", true)
        }
        Candidate::Key(k) => k,
    };
    if let Some(why) = metadata_unfit(key, plan) {
        return Some(why);
    }
    let what = key.material.describe();
    match (&key.material, plan.alg) {
        (KeyMaterial::Secret(_), KeyAlg::Pbes2(..)) => None,
        (KeyMaterial::Secret(s), _) => secret_unfit(s.len(), plan, "The shared key", true),
        (_, KeyAlg::Pbes2(..)) => Some(format!(
            "{alg} derives its key from a password; an {what} key cannot be used. Type the password as text."
        )),
        (KeyMaterial::Rsa { .. }, a) if a.is_rsa() => match key.private {
            Some(PrivateKey::Rsa(_)) => None,
            _ => Some(format!(
                "This is an RSA public key; decrypting {alg} needs the recipient's private key (the public key only encrypts)."
            )),
        },
        (KeyMaterial::Ec { curve, .. }, a) if a.is_ecdh() => {
            let peer = plan.epk.as_ref()?;
            if !matches!(peer, PeerKey::Ec { curve: c, .. } if c == curve) {
                return Some(format!(
                    "The token's ephemeral key is on {}, this key is EC {}; ECDH needs both on one curve.",
                    peer.name(),
                    curve.name()
                ));
            }
            match key.private {
                Some(PrivateKey::Ec { .. }) => None,
                _ => Some(format!("This is an EC {} public key; decrypting {alg} needs the recipient's private key.", curve.name())),
            }
        }
        (KeyMaterial::X25519(_), a) if a.is_ecdh() => {
            let peer = plan.epk.as_ref()?;
            if !matches!(peer, PeerKey::X25519(_)) {
                return Some(format!(
                    "The token's ephemeral key is on {}, this key is X25519; ECDH needs both on one curve.",
                    peer.name()
                ));
            }
            match key.private {
                Some(PrivateKey::X25519(_)) => None,
                _ => Some(format!("This is an X25519 public key; decrypting {alg} needs the recipient's private key.")),
            }
        }
        _ => Some(format!(
            "An {what} key cannot {} {alg}: it needs {}.",
            if plan.alg.is_rsa() || plan.alg.is_ecdh() { "decrypt" } else { "unwrap" },
            plan.alg.needs(plan.enc, true)
        )),
    }
}

/// A JWK's `use` and `alg` restrict what it may do (RFC 7517 §4.2, §4.4).
fn metadata_unfit(key: &Key, plan: &Plan) -> Option<String> {
    if key.use_.as_deref().is_some_and(|u| u != "enc") {
        return Some(format!(
            "The key's \"use\" is \"{}\", so it is not meant for encryption.",
            key.use_.as_deref().unwrap_or_default()
        ));
    }
    if let Some(key_alg) = key.alg.as_deref() {
        // A key for `dir` may name the content encryption it is for.
        let ok = key_alg == plan.alg_name || (plan.alg == KeyAlg::Dir && key_alg == plan.enc_name);
        if !ok {
            return Some(format!(
                "The key's \"alg\" is \"{key_alg}\", so it must not be used for {} (RFC 7517 §4.4).",
                plan.alg_name
            ));
        }
    }
    None
}

/// Why a shared secret of `len` bytes does not fit; `decrypting` picks the
/// half of an asymmetric key the message asks for.
fn secret_unfit(len: usize, plan: &Plan, what: &str, decrypting: bool) -> Option<String> {
    let alg = &plan.alg_name;
    let want = match plan.alg {
        KeyAlg::AesKw(n) | KeyAlg::AesGcmKw(n) => n,
        KeyAlg::Dir => plan.enc.cek_len(),
        KeyAlg::Pbes2(..) => return (len == 0).then(|| "The password is empty.".to_string()),
        _ => {
            return Some(format!(
                "{what} cannot be used for {alg}: it needs {}, not a shared secret.",
                plan.alg.needs(plan.enc, decrypting)
            ))
        }
    };
    (len != want).then(|| {
        let for_what = if plan.alg == KeyAlg::Dir {
            format!("dir with {}", plan.enc_name)
        } else {
            alg.clone()
        };
        format!(
            "{for_what} needs a {}-bit ({want}-byte) key; {} is {len} bytes.",
            want * 8,
            what.to_lowercase()
        )
    })
}

/// One key, all the way to authenticated plaintext.
fn try_key(parsed: &ParsedJwe, plan: &Plan, candidate: &Candidate) -> Result<Vec<u8>, Attempt> {
    let cek = content_key(parsed, plan, candidate)?;
    open(plan, &cek, parsed)
}

fn wrong_key(what: &str) -> Attempt {
    Attempt::Failed(format!(
        "{what} does not unwrap the content key: the key is wrong, or the encrypted key (part 2) was altered."
    ))
}

/// The content encryption key, by the token's key management.
fn content_key(parsed: &ParsedJwe, plan: &Plan, candidate: &Candidate) -> Result<Vec<u8>, Attempt> {
    let cek_len = plan.enc.cek_len();
    let secret: &[u8] = match candidate {
        Candidate::Bytes { bytes, .. } => bytes,
        Candidate::Key(k) => match &k.material {
            KeyMaterial::Secret(s) => s,
            _ => &[],
        },
    };
    let private = match candidate {
        Candidate::Key(k) => k.private.as_ref(),
        Candidate::Bytes { .. } => None,
    };
    let ek = &parsed.encrypted_key;
    match plan.alg {
        KeyAlg::Dir => Ok(secret.to_vec()),
        KeyAlg::AesKw(_) => aes_unwrap(secret, ek).ok_or_else(|| wrong_key("The shared key")),
        KeyAlg::AesGcmKw(_) => {
            let (iv, tag) = plan
                .gcmkw
                .as_ref()
                .ok_or_else(|| wrong_key("The shared key"))?;
            gcm_open(secret, iv, b"", ek, tag).ok_or_else(|| wrong_key("The shared key"))
        }
        KeyAlg::Pbes2(hash, n) => {
            let (salt, p2c) = plan
                .pbes2
                .as_ref()
                .ok_or_else(|| wrong_key("The password"))?;
            let kek = pbkdf2(hash, secret, salt, *p2c, n);
            aes_unwrap(&kek, ek).ok_or_else(|| {
                Attempt::Failed(
                    "The password does not unwrap the content key: it is the wrong password, or the token was altered.".into(),
                )
            })
        }
        KeyAlg::Rsa1_5 | KeyAlg::RsaOaep | KeyAlg::RsaOaep256 => {
            let Some(PrivateKey::Rsa(der)) = private else {
                return Err(Attempt::KeyError("An RSA private key is needed.".into()));
            };
            rsa_unwrap(plan.alg, der, ek, cek_len)
        }
        KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_) => {
            let peer = plan.epk.as_ref().ok_or_else(|| wrong_key("The key"))?;
            let z = agree(private, peer)?;
            let (alg_id, len) = match plan.alg {
                KeyAlg::EcdhEsKw(n) => (plan.alg_name.as_str(), n),
                _ => (plan.enc_name.as_str(), cek_len),
            };
            let derived = concat_kdf(&z, alg_id, &plan.apu, &plan.apv, len);
            if plan.alg == KeyAlg::EcdhEs {
                Ok(derived)
            } else {
                aes_unwrap(&derived, ek).ok_or_else(|| wrong_key("The private key"))
            }
        }
    }
}

/// RSA key decryption. For RSA1_5 every failure (padding, length) goes on
/// with a random content key, so the only failure seen is the tag's and a
/// padding oracle learns nothing (RFC 7516 §11.5).
fn rsa_unwrap(alg: KeyAlg, der: &[u8], ek: &[u8], cek_len: usize) -> Result<Vec<u8>, Attempt> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    let key = rsa::RsaPrivateKey::from_pkcs1_der(der)
        .map_err(|e| Attempt::KeyError(format!("The RSA private key is not consistent ({e}).")))?;
    let result = match alg {
        KeyAlg::Rsa1_5 => key.decrypt(rsa::Pkcs1v15Encrypt, ek),
        KeyAlg::RsaOaep => key.decrypt(rsa::Oaep::new::<sha1::Sha1>(), ek),
        _ => key.decrypt(rsa::Oaep::new::<Sha256>(), ek),
    };
    if alg == KeyAlg::Rsa1_5 {
        let mut random = vec![0u8; cek_len];
        rand_core::OsRng.fill_bytes(&mut random);
        return Ok(match result {
            Ok(cek) if cek.len() == cek_len => cek,
            _ => random,
        });
    }
    result.map_err(|_| wrong_key("The RSA private key"))
}

/// The ECDH shared secret `Z` (the x-coordinate for EC curves).
fn agree(private: Option<&PrivateKey>, peer: &PeerKey) -> Result<Vec<u8>, Attempt> {
    let mismatch = || Attempt::KeyError(format!("A private key on {} is needed.", peer.name()));
    match (private, peer) {
        (Some(PrivateKey::Ec { curve, scalar }), PeerKey::Ec { curve: c, point }) if curve == c => {
            ecdh(*curve, scalar, point).ok_or_else(|| {
                Attempt::KeyError(format!(
                    "The {} private key cannot agree a key.",
                    curve.name()
                ))
            })
        }
        (Some(PrivateKey::X25519(d)), PeerKey::X25519(x)) => {
            let secret = x25519_dalek::StaticSecret::from(*d);
            let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(*x));
            if !shared.was_contributory() {
                return Err(Attempt::Failed(
                    "Refused: the sender's X25519 key \"epk\" is a low-order point, which makes the shared secret all zeros (RFC 7748 §6.1).".into(),
                ));
            }
            Ok(shared.as_bytes().to_vec())
        }
        _ => Err(mismatch()),
    }
}

fn ecdh(curve: Curve, scalar: &[u8], point: &[u8]) -> Option<Vec<u8>> {
    macro_rules! agree_on {
        ($c:ident) => {{
            let secret = $c::SecretKey::from_slice(scalar).ok()?;
            let public = $c::PublicKey::from_sec1_bytes(point).ok()?;
            let shared = $c::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
            Some(shared.raw_secret_bytes().to_vec())
        }};
    }
    match curve {
        Curve::P256 => agree_on!(p256),
        Curve::P384 => agree_on!(p384),
        Curve::P521 => agree_on!(p521),
    }
}

/// NIST SP 800-56A Concat KDF with SHA-256, as RFC 7518 §4.6.2 fills it in.
fn concat_kdf(z: &[u8], alg_id: &str, apu: &[u8], apv: &[u8], len: usize) -> Vec<u8> {
    let mut other = Vec::new();
    for field in [alg_id.as_bytes(), apu, apv] {
        other.extend_from_slice(&(field.len() as u32).to_be_bytes());
        other.extend_from_slice(field);
    }
    other.extend_from_slice(&((len * 8) as u32).to_be_bytes());
    let mut out = Vec::with_capacity(len + 32);
    let mut counter: u32 = 1;
    while out.len() < len {
        let mut h = Sha256::new();
        h.update(counter.to_be_bytes());
        h.update(z);
        h.update(&other);
        out.extend_from_slice(&h.finalize());
        counter += 1;
    }
    out.truncate(len);
    out
}

fn pbkdf2(hash: Hash, password: &[u8], salt: &[u8], rounds: u32, len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    match hash {
        Hash::Sha256 => pbkdf2::pbkdf2_hmac::<Sha256>(password, salt, rounds, &mut out),
        Hash::Sha384 => pbkdf2::pbkdf2_hmac::<Sha384>(password, salt, rounds, &mut out),
        Hash::Sha512 => pbkdf2::pbkdf2_hmac::<Sha512>(password, salt, rounds, &mut out),
    }
    out
}

/// AES Key Wrap (RFC 3394) unwrap; `None` for a wrong key or bad input.
fn aes_unwrap(kek: &[u8], wrapped: &[u8]) -> Option<Vec<u8>> {
    // RFC 3394 needs at least two 64-bit blocks of key data.
    if wrapped.len() < 24 || !wrapped.len().is_multiple_of(8) {
        return None;
    }
    match kek.len() {
        16 => aes_kw::KekAes128::try_from(kek)
            .ok()?
            .unwrap_vec(wrapped)
            .ok(),
        24 => aes_kw::KekAes192::try_from(kek)
            .ok()?
            .unwrap_vec(wrapped)
            .ok(),
        32 => aes_kw::KekAes256::try_from(kek)
            .ok()?
            .unwrap_vec(wrapped)
            .ok(),
        _ => None,
    }
}

fn aes_wrap(kek: &[u8], key: &[u8]) -> Result<Vec<u8>, String> {
    let bad = |e: aes_kw::Error| format!("the content key cannot be wrapped ({e})");
    match kek.len() {
        16 => aes_kw::KekAes128::try_from(kek).map_err(bad)?.wrap_vec(key),
        24 => aes_kw::KekAes192::try_from(kek).map_err(bad)?.wrap_vec(key),
        32 => aes_kw::KekAes256::try_from(kek).map_err(bad)?.wrap_vec(key),
        n => {
            return Err(format!(
                "an AES key wrapping key is 16, 24 or 32 bytes, not {n}"
            ))
        }
    }
    .map_err(bad)
}

/// AES-GCM decryption with a 96-bit IV and 128-bit tag; `None` unless the
/// tag verifies.
fn gcm_open(key: &[u8], iv: &[u8], aad: &[u8], ciphertext: &[u8], tag: &[u8]) -> Option<Vec<u8>> {
    use aes_gcm::aead::{AeadInPlace, KeyInit};
    use aes_gcm::{Nonce, Tag};
    if iv.len() != 12 || tag.len() != 16 {
        return None;
    }
    let mut buf = ciphertext.to_vec();
    let nonce: Nonce<_> = <[u8; 12]>::try_from(iv).ok()?.into();
    let tag: Tag<_> = <[u8; 16]>::try_from(tag).ok()?.into();
    let (nonce, tag) = (&nonce, &tag);
    let ok = match key.len() {
        16 => aes_gcm::Aes128Gcm::new_from_slice(key)
            .ok()?
            .decrypt_in_place_detached(nonce, aad, &mut buf, tag),
        24 => Aes192Gcm::new_from_slice(key)
            .ok()?
            .decrypt_in_place_detached(nonce, aad, &mut buf, tag),
        32 => aes_gcm::Aes256Gcm::new_from_slice(key)
            .ok()?
            .decrypt_in_place_detached(nonce, aad, &mut buf, tag),
        _ => return None,
    };
    ok.ok().map(|()| buf)
}

/// AES-GCM encryption; the ciphertext and the 16-byte tag.
fn gcm_seal(
    key: &[u8],
    iv: &[u8],
    aad: &[u8],
    plaintext: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), String> {
    use aes_gcm::aead::{AeadInPlace, KeyInit};
    use aes_gcm::Nonce;
    let mut buf = plaintext.to_vec();
    let nonce: Nonce<_> = <[u8; 12]>::try_from(iv)
        .map_err(|_| "an AES-GCM IV is 12 bytes".to_string())?
        .into();
    let nonce = &nonce;
    let bad = |_| "the AES-GCM key has the wrong length".to_string();
    let tag = match key.len() {
        16 => aes_gcm::Aes128Gcm::new_from_slice(key)
            .map_err(bad)?
            .encrypt_in_place_detached(nonce, aad, &mut buf),
        24 => Aes192Gcm::new_from_slice(key)
            .map_err(bad)?
            .encrypt_in_place_detached(nonce, aad, &mut buf),
        32 => aes_gcm::Aes256Gcm::new_from_slice(key)
            .map_err(bad)?
            .encrypt_in_place_detached(nonce, aad, &mut buf),
        n => return Err(format!("an AES-GCM key is 16, 24 or 32 bytes, not {n}")),
    }
    .map_err(|_| "the plaintext is too long for AES-GCM".to_string())?;
    Ok((buf, tag.to_vec()))
}

type Aes192Gcm = aes_gcm::AesGcm<aes::Aes192, aes_gcm::aead::consts::U12>;

/// The CBC-HS authentication tag (RFC 7518 §5.2.2.1): the first half of
/// HMAC(MAC key, AAD ‖ IV ‖ ciphertext ‖ AAD bit length).
fn cbc_hs_tag(mac_key: &[u8], aad: &[u8], iv: &[u8], ciphertext: &[u8]) -> Vec<u8> {
    use hmac::{Hmac, Mac};
    let al = ((aad.len() as u64) * 8).to_be_bytes();
    macro_rules! mac {
        ($h:ty) => {{
            match <Hmac<$h>>::new_from_slice(mac_key) {
                Ok(mut m) => {
                    for piece in [aad, iv, ciphertext, &al[..]] {
                        m.update(piece);
                    }
                    m.finalize().into_bytes().to_vec()
                }
                Err(_) => Vec::new(),
            }
        }};
    }
    let full = match mac_key.len() {
        16 => mac!(Sha256),
        24 => mac!(Sha384),
        _ => mac!(Sha512),
    };
    full[..full.len() / 2].to_vec()
}

/// Decrypts and authenticates the content with the content key.
fn open(plan: &Plan, cek: &[u8], parsed: &ParsedJwe) -> Result<Vec<u8>, Attempt> {
    let tampered = || {
        Attempt::Failed(
            "The authentication tag does not verify: the key is wrong, or the header, IV, ciphertext or tag was altered.".into(),
        )
    };
    if cek.len() != plan.enc.cek_len() {
        return Err(Attempt::Failed(format!(
            "The content key is {} bytes, but {} needs {}: the key is wrong, or the token was altered.",
            cek.len(),
            plan.enc_name,
            plan.enc.cek_len()
        )));
    }
    let aad = parsed.aad.as_bytes();
    match plan.enc {
        Enc::Gcm(_) => {
            gcm_open(cek, &parsed.iv, aad, &parsed.ciphertext, &parsed.tag).ok_or_else(tampered)
        }
        Enc::CbcHs(n) => {
            let (mac_key, enc_key) = cek.split_at(n / 2);
            let expected = cbc_hs_tag(mac_key, aad, &parsed.iv, &parsed.ciphertext);
            if !bool::from(expected.ct_eq(&parsed.tag)) {
                return Err(tampered());
            }
            cbc_decrypt(enc_key, &parsed.iv, &parsed.ciphertext).ok_or_else(|| {
                Attempt::Failed("The tag verifies but the ciphertext's padding is wrong: the sender encrypted it incorrectly.".into())
            })
        }
    }
}

fn cbc_decrypt(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
    use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, KeyIvInit};
    match key.len() {
        16 => cbc::Decryptor::<aes::Aes128>::new_from_slices(key, iv)
            .ok()?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .ok(),
        24 => cbc::Decryptor::<aes::Aes192>::new_from_slices(key, iv)
            .ok()?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .ok(),
        32 => cbc::Decryptor::<aes::Aes256>::new_from_slices(key, iv)
            .ok()?
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .ok(),
        _ => None,
    }
}

fn cbc_encrypt(key: &[u8], iv: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, String> {
    use aes::cipher::{block_padding::Pkcs7, BlockEncryptMut, KeyIvInit};
    let bad = |_| "the AES-CBC key or IV has the wrong length".to_string();
    Ok(match key.len() {
        16 => cbc::Encryptor::<aes::Aes128>::new_from_slices(key, iv)
            .map_err(bad)?
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext),
        24 => cbc::Encryptor::<aes::Aes192>::new_from_slices(key, iv)
            .map_err(bad)?
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext),
        32 => cbc::Encryptor::<aes::Aes256>::new_from_slices(key, iv)
            .map_err(bad)?
            .encrypt_padded_vec_mut::<Pkcs7>(plaintext),
        n => return Err(format!("an AES-CBC key is 16, 24 or 32 bytes, not {n}")),
    })
}

// ---------------------------------------------------------------------------
// The header for people

/// Each header member with what it means.
pub fn explain_header(header: &Map<String, Value>) -> Vec<HeaderRow> {
    header
        .iter()
        .map(|(name, value)| HeaderRow {
            name: name.clone(),
            value: match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            meaning: meaning(name, value, header),
        })
        .collect()
}

fn meaning(name: &str, value: &Value, header: &Map<String, Value>) -> String {
    let s = value.as_str().unwrap_or_default();
    match name {
        "alg" => alg_meaning(s),
        "enc" => enc_meaning(s),
        "zip" if s == "DEF" => "The plaintext was compressed with DEFLATE (RFC 1951) before encryption; it is inflated after decryption (at most 10 MB).".into(),
        "zip" => "A compression this debugger does not know (only DEF is registered).".into(),
        "epk" => {
            let kty = value.get("kty").and_then(Value::as_str).unwrap_or("?");
            let crv = value.get("crv").and_then(Value::as_str).unwrap_or("?");
            format!("The sender's ephemeral public key ({kty} {crv}), made for this token: combined with the recipient's private key (ECDH) it gives the key-encryption key. It must be a point on its curve.")
        }
        "apu" => "Agreement PartyUInfo: information about the sender, mixed into the ECDH key derivation.".into(),
        "apv" => "Agreement PartyVInfo: information about the recipient, mixed into the ECDH key derivation.".into(),
        "p2s" => {
            let n = base64url::decode_strict(s).map(|b| b.len()).unwrap_or(0);
            format!("PBES2 salt ({n} bytes): random per token, so the same password gives a different key each time.")
        }
        "p2c" => {
            let n = value.as_u64().unwrap_or(0);
            let judgement = if n > MAX_P2C {
                format!(" More than the {MAX_P2C} this debugger runs, so it is refused.")
            } else if n < MIN_P2C {
                format!(" Fewer than the {MIN_P2C} RFC 7518 asks for: guessing passwords is cheap.")
            } else {
                String::new()
            };
            format!("PBES2 iteration count: each password guess costs {n} rounds of PBKDF2.{judgement}")
        }
        "iv" if is_gcmkw(header) => "The IV of the AES-GCM key wrap (not the content's IV, which is part 3).".into(),
        "tag" if is_gcmkw(header) => "The tag of the AES-GCM key wrap (not the content's tag, which is part 5).".into(),
        "kid" => "Which of the recipient's keys the content key was encrypted to.".into(),
        "cty" if s.eq_ignore_ascii_case("JWT") => "The plaintext is itself a JWT (a nested, usually signed, token).".into(),
        "cty" => "The media type of the plaintext.".into(),
        "typ" => "The media type of the whole token.".into(),
        "crit" => "Extensions the recipient must understand, or else reject the token.".into(),
        "jku" | "x5u" => "A URL for the recipient's key; a server must never fetch keys from where a token says.".into(),
        "jwk" | "x5c" | "x5t" | "x5t#S256" => "The recipient's public key or certificate (for choosing a key, never for trusting it).".into(),
        _ => "A header parameter this debugger does not interpret.".into(),
    }
}

fn is_gcmkw(header: &Map<String, Value>) -> bool {
    header
        .get("alg")
        .and_then(Value::as_str)
        .is_some_and(|a| a.ends_with("GCMKW"))
}

fn alg_meaning(alg: &str) -> String {
    let how = match KeyAlg::from_name(alg) {
        None => return "A key management algorithm this debugger does not know.".into(),
        Some(KeyAlg::Rsa1_5) => "the content key is encrypted to the recipient's RSA key with PKCS#1 v1.5 padding (deprecated: padding oracles)".to_string(),
        Some(KeyAlg::RsaOaep) => "the content key is encrypted to the recipient's RSA key with OAEP (SHA-1)".into(),
        Some(KeyAlg::RsaOaep256) => "the content key is encrypted to the recipient's RSA key with OAEP (SHA-256)".into(),
        Some(KeyAlg::AesKw(n)) => format!("the content key is wrapped with a shared {}-bit key (AES Key Wrap, RFC 3394)", n * 8),
        Some(KeyAlg::AesGcmKw(n)) => format!("the content key is encrypted with a shared {}-bit key using AES-GCM (header iv and tag)", n * 8),
        Some(KeyAlg::Dir) => "the shared key is the content key itself (no encrypted key)".into(),
        Some(KeyAlg::EcdhEs) => "the content key is agreed by ECDH between the sender's ephemeral key (epk) and the recipient's key (no encrypted key)".into(),
        Some(KeyAlg::EcdhEsKw(n)) => format!("a {}-bit key agreed by ECDH (epk and the recipient's key) wraps the content key (AES Key Wrap)", n * 8),
        Some(KeyAlg::Pbes2(_, n)) => format!("a {}-bit key derived from a password with PBKDF2 (salt p2s, p2c iterations) wraps the content key", n * 8),
    };
    format!("Key management: {how}.")
}

fn enc_meaning(enc: &str) -> String {
    match Enc::from_name(enc) {
        None => "A content encryption this debugger does not know.".into(),
        Some(Enc::CbcHs(n)) => format!(
            "Content encryption: AES-{}-CBC, authenticated with HMAC-SHA-{} over the header, IV and ciphertext (tag of {} bytes).",
            n * 4,
            n * 8,
            n / 2
        ),
        Some(Enc::Gcm(n)) => format!(
            "Content encryption: AES-{}-GCM, which authenticates the header and ciphertext (16-byte tag).",
            n * 8
        ),
    }
}

// ---------------------------------------------------------------------------
// Encryption

/// What to encrypt with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptOptions {
    pub alg: String,
    pub enc: String,
    /// Compress with DEFLATE first (`zip: DEF`).
    pub zip: bool,
    /// `cty` of the header (`JWT` for a nested token).
    pub cty: Option<String>,
    /// PBES2 iterations; [`default_p2c`] when `None`.
    pub p2c: Option<u32>,
}

/// A compact JWE of `plaintext` for the key text: a recipient's public key
/// (PEM or JWK; a private key's public half works too), a shared key (JWK
/// `oct` or text in `encoding`), or for PBES2 a password (the text's bytes).
/// The header is `alg`, `enc`, then `zip`, `cty`, `kid`, `epk`, `p2s`,
/// `p2c`, `iv`, `tag` as they apply. `RSA1_5` is refused.
pub fn encrypt<R: RngCore + CryptoRng>(
    plaintext: &[u8],
    key_text: &str,
    encoding: SecretEncoding,
    options: &EncryptOptions,
    rng: &mut R,
) -> Result<String, String> {
    let (alg, enc) = encryption_algs(options)?;
    let (alg_name, enc_name) = (options.alg.as_str(), options.enc.as_str());
    let recipient = recipient(key_text, encoding, alg, enc, alg_name, enc_name)?;
    let mut header = Map::new();
    header.insert("alg".into(), alg_name.into());
    header.insert("enc".into(), enc_name.into());
    shared_members(&mut header, options);
    if let Some(kid) = recipient.kid() {
        header.insert("kid".into(), kid.into());
    }
    let mut cek = vec![0u8; enc.cek_len()];
    rng.fill_bytes(&mut cek);
    let encrypted_key = wrap_key(alg, enc, options, &recipient, &mut cek, &mut header, rng)?;
    let header_json = serde_json::to_string(&Value::Object(header))
        .map_err(|e| format!("the header cannot be written ({e})"))?;
    let protected = base64url::encode(header_json.as_bytes());
    let (iv, ciphertext, tag) = seal(enc, &cek, &protected, plaintext, options.zip, rng)?;
    Ok([
        protected,
        base64url::encode(&encrypted_key),
        base64url::encode(&iv),
        base64url::encode(&ciphertext),
        base64url::encode(&tag),
    ]
    .join("."))
}

/// Encrypts once to every key in `key_text` (a JWK Set, or one key), as
/// general JWE JSON (RFC 7516 §7.2.1): `enc` (and `zip`, `cty`) protected,
/// each recipient's `alg`, `kid` and key-management members in its own
/// header, one content key wrapped for each. `dir` and `ECDH-ES` derive the
/// content key from a single recipient's key, so they are refused.
pub fn encrypt_general<R: RngCore + CryptoRng>(
    plaintext: &[u8],
    key_text: &str,
    encoding: SecretEncoding,
    options: &EncryptOptions,
    rng: &mut R,
) -> Result<String, String> {
    let (alg, enc) = encryption_algs(options)?;
    let (alg_name, enc_name) = (options.alg.as_str(), options.enc.as_str());
    if matches!(alg, KeyAlg::Dir | KeyAlg::EcdhEs) {
        return Err(format!(
            "{alg_name} uses the recipient's key as the content key, so there can be only one recipient; choose a key-wrapping algorithm (e.g. A256KW, RSA-OAEP-256, ECDH-ES+A256KW) for several."
        ));
    }
    let recipients: Vec<Recipient> = match keys::parse_key_text(key_text) {
        Ok(KeyText::Keys { keys, .. }) if keys.len() > 1 => {
            let plan = encryption_plan(alg, enc, alg_name, enc_name);
            keys.into_iter()
                .enumerate()
                .map(|(i, key)| {
                    key_recipient(key, &plan)
                        .map_err(|e| format!("Key {} cannot be a recipient: {e}", i + 1))
                })
                .collect::<Result<_, _>>()?
        }
        _ => vec![recipient(key_text, encoding, alg, enc, alg_name, enc_name)?],
    };
    let mut protected_header = Map::new();
    protected_header.insert("enc".into(), enc_name.into());
    shared_members(&mut protected_header, options);
    let protected_json = serde_json::to_string(&Value::Object(protected_header))
        .map_err(|e| format!("the header cannot be written ({e})"))?;
    let protected = base64url::encode(protected_json.as_bytes());
    let mut cek = vec![0u8; enc.cek_len()];
    rng.fill_bytes(&mut cek);
    let mut entries = Vec::with_capacity(recipients.len());
    for r in &recipients {
        let mut header = Map::new();
        header.insert("alg".into(), alg_name.into());
        if let Some(kid) = r.kid() {
            header.insert("kid".into(), kid.into());
        }
        let encrypted_key = wrap_key(alg, enc, options, r, &mut cek, &mut header, rng)?;
        let mut entry = Map::new();
        entry.insert("header".into(), Value::Object(header));
        entry.insert(
            "encrypted_key".into(),
            base64url::encode(&encrypted_key).into(),
        );
        entries.push(Value::Object(entry));
    }
    let (iv, ciphertext, tag) = seal(enc, &cek, &protected, plaintext, options.zip, rng)?;
    let mut out = Map::new();
    out.insert("protected".into(), protected.into());
    out.insert("recipients".into(), Value::Array(entries));
    out.insert("iv".into(), base64url::encode(&iv).into());
    out.insert("ciphertext".into(), base64url::encode(&ciphertext).into());
    out.insert("tag".into(), base64url::encode(&tag).into());
    serde_json::to_string(&Value::Object(out)).map_err(|e| e.to_string())
}

/// The key management and content encryption `options` name.
fn encryption_algs(options: &EncryptOptions) -> Result<(KeyAlg, Enc), String> {
    let alg_name = options.alg.as_str();
    let enc_name = options.enc.as_str();
    if alg_name == "RSA1_5" {
        return Err("RSA1_5 is deprecated (padding-oracle attacks) and is not offered for encryption; use RSA-OAEP-256.".into());
    }
    let alg = KeyAlg::from_name(alg_name).ok_or_else(|| {
        format!(
            "\"{alg_name}\" is not a key management algorithm; choose one of {}",
            KEY_ALGORITHMS[1..].join(", ")
        )
    })?;
    let enc = Enc::from_name(enc_name).ok_or_else(|| {
        format!(
            "\"{enc_name}\" is not a content encryption; choose one of {}",
            CONTENT_ALGORITHMS.join(", ")
        )
    })?;
    Ok((alg, enc))
}

/// `zip` and `cty`, which every recipient shares.
fn shared_members(header: &mut Map<String, Value>, options: &EncryptOptions) {
    if options.zip {
        header.insert("zip".into(), "DEF".into());
    }
    if let Some(cty) = &options.cty {
        header.insert("cty".into(), cty.clone().into());
    }
}

/// The content key protected for one recipient (its encrypted key, empty
/// for `dir` and `ECDH-ES`, which replace `cek` instead); the members its
/// algorithm needs (`epk`, `p2s`/`p2c`, `iv`/`tag`) go into `header`.
fn wrap_key<R: RngCore + CryptoRng>(
    alg: KeyAlg,
    enc: Enc,
    options: &EncryptOptions,
    recipient: &Recipient,
    cek: &mut Vec<u8>,
    header: &mut Map<String, Value>,
    rng: &mut R,
) -> Result<Vec<u8>, String> {
    let (alg_name, enc_name) = (options.alg.as_str(), options.enc.as_str());
    Ok(match (alg, recipient) {
        (KeyAlg::Dir, Recipient::Secret { bytes, .. }) => {
            *cek = bytes.clone();
            Vec::new()
        }
        (KeyAlg::AesKw(_), Recipient::Secret { bytes, .. }) => aes_wrap(bytes, cek)?,
        (KeyAlg::AesGcmKw(_), Recipient::Secret { bytes, .. }) => {
            let mut iv = [0u8; 12];
            rng.fill_bytes(&mut iv);
            let (wrapped, tag) = gcm_seal(bytes, &iv, b"", cek)?;
            header.insert("iv".into(), base64url::encode(&iv).into());
            header.insert("tag".into(), base64url::encode(&tag).into());
            wrapped
        }
        (KeyAlg::Pbes2(hash, n), Recipient::Secret { bytes, .. }) => {
            let p2c = options.p2c.unwrap_or_else(|| default_p2c(alg_name));
            if u64::from(p2c) < MIN_P2C || u64::from(p2c) > MAX_P2C {
                return Err(format!(
                    "p2c must be between {MIN_P2C} and {MAX_P2C}; it is {p2c}"
                ));
            }
            let mut p2s = [0u8; P2S_LEN];
            rng.fill_bytes(&mut p2s);
            let mut salt = alg_name.as_bytes().to_vec();
            salt.push(0);
            salt.extend_from_slice(&p2s);
            let kek = pbkdf2(hash, bytes, &salt, p2c, n);
            header.insert("p2s".into(), base64url::encode(&p2s).into());
            header.insert("p2c".into(), p2c.into());
            aes_wrap(&kek, cek)?
        }
        (KeyAlg::RsaOaep | KeyAlg::RsaOaep256, Recipient::Public(key)) => {
            let KeyMaterial::Rsa { n, e } = &key.material else {
                return Err("an RSA public key is needed".into());
            };
            let public = rsa::RsaPublicKey::new(
                rsa::BigUint::from_bytes_be(n),
                rsa::BigUint::from_bytes_be(e),
            )
            .map_err(|e| format!("the RSA public key cannot be used ({e})"))?;
            let result = if alg == KeyAlg::RsaOaep {
                public.encrypt(rng, rsa::Oaep::new::<sha1::Sha1>(), cek)
            } else {
                public.encrypt(rng, rsa::Oaep::new::<Sha256>(), cek)
            };
            result.map_err(|e| format!("the content key cannot be encrypted ({e})"))?
        }
        (KeyAlg::EcdhEs | KeyAlg::EcdhEsKw(_), Recipient::Public(key)) => {
            let (z, epk) = ephemeral_agree(&key.material, rng)?;
            header.insert("epk".into(), Value::Object(epk));
            let (alg_id, len) = match alg {
                KeyAlg::EcdhEsKw(n) => (alg_name, n),
                _ => (enc_name, enc.cek_len()),
            };
            let derived = concat_kdf(&z, alg_id, b"", b"", len);
            if alg == KeyAlg::EcdhEs {
                *cek = derived;
                Vec::new()
            } else {
                aes_wrap(&derived, cek)?
            }
        }
        _ => return Err(format!("{alg_name} needs {}", alg.needs(enc, false))),
    })
}

/// The content encrypted under `cek` (deflated first with `zip`), with
/// `aad` authenticated: its IV, ciphertext and tag.
type Sealed = (Vec<u8>, Vec<u8>, Vec<u8>);
fn seal<R: RngCore + CryptoRng>(
    enc: Enc,
    cek: &[u8],
    aad: &str,
    plaintext: &[u8],
    zip: bool,
    rng: &mut R,
) -> Result<Sealed, String> {
    let content = if zip {
        miniz_oxide::deflate::compress_to_vec(plaintext, 6)
    } else {
        plaintext.to_vec()
    };
    let mut iv = vec![0u8; enc.iv_len()];
    rng.fill_bytes(&mut iv);
    let aad = aad.as_bytes();
    let (ciphertext, tag) = match enc {
        Enc::Gcm(_) => gcm_seal(cek, &iv, aad, &content)?,
        Enc::CbcHs(n) => {
            let (mac_key, enc_key) = cek.split_at(n / 2);
            let ciphertext = cbc_encrypt(enc_key, &iv, &content)?;
            let tag = cbc_hs_tag(mac_key, aad, &iv, &ciphertext);
            (ciphertext, tag)
        }
    };
    Ok((iv, ciphertext, tag))
}

enum Recipient {
    Secret { bytes: Vec<u8>, kid: Option<String> },
    Public(Box<Key>),
}

impl Recipient {
    fn kid(&self) -> Option<String> {
        match self {
            Recipient::Secret { kid, .. } => kid.clone(),
            Recipient::Public(k) => k.kid.clone(),
        }
    }
}

/// The key to encrypt to: the first in the key text that fits.
fn recipient(
    key_text: &str,
    encoding: SecretEncoding,
    alg: KeyAlg,
    enc: Enc,
    alg_name: &str,
    enc_name: &str,
) -> Result<Recipient, String> {
    let is_pbes2 = matches!(alg, KeyAlg::Pbes2(..));
    let text = match keys::parse_key_text(key_text) {
        Ok(t) => t,
        Err(_) if is_pbes2 => KeyText::Secret(key_text.to_string()),
        Err(e) => return Err(format!("the key cannot be read: {e}")),
    };
    let plan = encryption_plan(alg, enc, alg_name, enc_name);
    match text {
        KeyText::Empty => Err(format!("{alg_name} needs {}", alg.needs(enc, false))),
        KeyText::Secret(text) => {
            let bytes = if is_pbes2 {
                text.into_bytes()
            } else {
                encoding.decode(&text).map_err(|e| e.to_string())?
            };
            match secret_unfit(bytes.len(), &plan, "The shared key", false) {
                Some(why) => Err(why),
                None => Ok(Recipient::Secret { bytes, kid: None }),
            }
        }
        KeyText::Keys { keys, .. } => {
            let mut reasons = Vec::new();
            for key in keys {
                match key_recipient(key, &plan) {
                    Ok(r) => return Ok(r),
                    Err(why) => reasons.push(why),
                }
            }
            Err(reasons.join(" "))
        }
    }
}

/// `key` as a recipient for the plan's algorithms, or why it cannot be.
fn key_recipient(key: Key, plan: &Plan) -> Result<Recipient, String> {
    if let Some(why) = encryption_unfit(&key, plan) {
        return Err(why);
    }
    Ok(match key.material {
        KeyMaterial::Secret(bytes) => Recipient::Secret {
            bytes,
            kid: key.kid,
        },
        _ => Recipient::Public(Box::new(key)),
    })
}

/// What encrypting with `alg` and `enc` checks keys against.
fn encryption_plan(alg: KeyAlg, enc: Enc, alg_name: &str, enc_name: &str) -> Plan {
    Plan {
        alg_name: alg_name.to_string(),
        enc_name: enc_name.to_string(),
        alg,
        enc,
        zip: false,
        epk: None,
        apu: Vec::new(),
        apv: Vec::new(),
        pbes2: None,
        gcmkw: None,
    }
}

fn encryption_unfit(key: &Key, plan: &Plan) -> Option<String> {
    if let Some(why) = metadata_unfit(key, plan) {
        return Some(why);
    }
    let alg = &plan.alg_name;
    let what = key.material.describe();
    match (&key.material, plan.alg) {
        (KeyMaterial::Secret(s), _) => secret_unfit(s.len(), plan, "The shared key", false),
        (KeyMaterial::Rsa { .. }, a) if a.is_rsa() => None,
        (KeyMaterial::Ec { .. } | KeyMaterial::X25519(_), a) if a.is_ecdh() => None,
        _ => Some(format!(
            "An {what} key cannot be used for {alg}: it needs {}.",
            plan.alg.needs(plan.enc, false)
        )),
    }
}

/// A fresh ephemeral key on the recipient's curve: the shared secret and
/// the `epk` JWK.
fn ephemeral_agree<R: RngCore + CryptoRng>(
    material: &KeyMaterial,
    rng: &mut R,
) -> Result<(Vec<u8>, Map<String, Value>), String> {
    let mut epk = Map::new();
    macro_rules! ec_agree {
        ($c:ident, $curve:expr, $point:expr) => {{
            use p256::elliptic_curve::sec1::ToEncodedPoint;
            let public = $c::PublicKey::from_sec1_bytes($point)
                .map_err(|_| format!("the recipient's key is not on {}", $curve.name()))?;
            let secret = $c::SecretKey::random(rng);
            let shared = $c::ecdh::diffie_hellman(secret.to_nonzero_scalar(), public.as_affine());
            let point = secret.public_key().to_encoded_point(false);
            let xy = point.as_bytes().get(1..).unwrap_or_default();
            let (x, y) = xy.split_at(xy.len() / 2);
            epk.insert("kty".into(), "EC".into());
            epk.insert("crv".into(), $curve.name().into());
            epk.insert("x".into(), base64url::encode(x).into());
            epk.insert("y".into(), base64url::encode(y).into());
            shared.raw_secret_bytes().to_vec()
        }};
    }
    let z = match material {
        KeyMaterial::Ec { curve, point } => match curve {
            Curve::P256 => ec_agree!(p256, curve, point),
            Curve::P384 => ec_agree!(p384, curve, point),
            Curve::P521 => ec_agree!(p521, curve, point),
        },
        KeyMaterial::X25519(x) => {
            let secret = x25519_dalek::StaticSecret::random_from_rng(&mut *rng);
            let public = x25519_dalek::PublicKey::from(&secret);
            let shared = secret.diffie_hellman(&x25519_dalek::PublicKey::from(*x));
            if !shared.was_contributory() {
                return Err("the recipient's X25519 key is a low-order point; no secret can be agreed with it".into());
            }
            epk.insert("kty".into(), "OKP".into());
            epk.insert("crv".into(), "X25519".into());
            epk.insert("x".into(), base64url::encode(public.as_bytes()).into());
            shared.as_bytes().to_vec()
        }
        other => {
            return Err(format!(
                "ECDH-ES needs an EC or X25519 public key, not {}",
                other.describe()
            ))
        }
    };
    Ok((z, epk))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concat_kdf_matches_rfc7518_appendix_c() {
        // RFC 7518 Appendix C: Z, "A128GCM", apu "Alice", apv "Bob".
        let z = [
            158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49,
            110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196,
        ];
        let key = concat_kdf(&z, "A128GCM", b"Alice", b"Bob", 16);
        assert_eq!(base64url::encode(&key), "VqqN6vgjbSBcIijNcacQGg");
    }

    #[test]
    fn concat_kdf_counts_its_blocks_from_one() {
        // 64 bytes (ECDH-ES with A256CBC-HS512) take two SHA-256 blocks:
        // SHA-256(counter ‖ Z ‖ OtherInfo) with counters 1 and 2.
        let z = [7u8; 32];
        let mut other = Vec::new();
        other.extend_from_slice(&13u32.to_be_bytes());
        other.extend_from_slice(b"A256CBC-HS512");
        other.extend_from_slice(&5u32.to_be_bytes());
        other.extend_from_slice(b"Alice");
        other.extend_from_slice(&3u32.to_be_bytes());
        other.extend_from_slice(b"Bob");
        other.extend_from_slice(&512u32.to_be_bytes());
        let block = |counter: u32| {
            let mut h = Sha256::new();
            h.update(counter.to_be_bytes());
            h.update(z);
            h.update(&other);
            h.finalize().to_vec()
        };
        let expected = [block(1), block(2)].concat();
        assert_eq!(
            concat_kdf(&z, "A256CBC-HS512", b"Alice", b"Bob", 64),
            expected
        );
        assert_eq!(
            concat_kdf(&z, "A256CBC-HS512", b"Alice", b"Bob", 48).len(),
            48
        );
    }

    #[test]
    fn parse_errors_say_which_part_and_where() {
        let e = parse("eyJhbGciOiJkaXIifQ.AA.b!cd.AA.AA").unwrap_err();
        assert_eq!(e.part, Some(JwePart::Iv));
        assert_eq!(e.offset, Some(1));
        assert!(
            e.to_string().contains("initialization vector (part 3)"),
            "{e}"
        );
        let e = parse("a.b.c").unwrap_err();
        assert!(e.message.contains("5 parts"), "{e}");
        let e = parse("e30.").unwrap_err();
        assert_eq!(e.part, None);
    }

    #[test]
    fn header_keeps_its_order() {
        let header = base64url::encode(br#"{"enc":"A128GCM","alg":"dir","zz":1}"#);
        let p = parse(&format!(
            "{header}..AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA"
        ))
        .unwrap();
        let names: Vec<&String> = p.header.keys().collect();
        assert_eq!(names, ["enc", "alg", "zz"]);
        assert_eq!(p.parts[2].bytes, Some(12));
    }
}
