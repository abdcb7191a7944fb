//! Signature verification: decides the verdict for a decoded token and the
//! key text the user pasted, and says why in words.

use jsonwebtoken::{Algorithm, DecodingKey};
use serde::{Deserialize, Serialize};

use super::algorithms::{self, AlgInfo, Family};
use super::backends;
use super::base64url;
use super::errors::{DecodeErrorKind, Segment};
use super::findings::{self, Finding, Severity};
use super::jose_json::JwsJson;
use super::json;
use super::keys::{self, Key, KeyMaterial, KeyShape, KeyText, SecretEncoding};
use super::token::{self, Decoded, TokenKind};
use super::weak_secrets;

/// The verdict, as named by the UI contract's `data-status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// The crypto worker is working on it.
    Checking,
    Valid,
    Invalid,
    NoKey,
    KeyError,
    Unsecured,
    Unsupported,
    Malformed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Checking => "checking",
            Status::Valid => "valid",
            Status::Invalid => "invalid",
            Status::NoKey => "no-key",
            Status::KeyError => "key-error",
            Status::Unsecured => "unsecured",
            Status::Unsupported => "unsupported",
            Status::Malformed => "malformed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub status: Status,
    /// One sentence for the user.
    pub message: String,
    /// The key that verified (or the one tried), described.
    pub key_used: Option<String>,
    /// Further facts: tolerated input, certificate validity, kid mismatch…
    pub notes: Vec<String>,
    /// "Verifies if the secret is read as base64".
    pub hint: Option<String>,
    /// For an HMAC token: the signature the given secret produces, base64url,
    /// to compare with the token's own.
    pub computed_signature: Option<String>,
    /// Findings only the key can reveal (`weak-secret`, `key-confusion`).
    pub findings: Vec<Finding>,
    /// Something was tolerated that a strict verifier rejects (whitespace
    /// or a `Bearer` prefix removed, padded or standard base64).
    pub lenient: bool,
    /// For a JWS in JSON serialization: each signature's own verdict, in
    /// order (empty for a compact token).
    #[serde(default)]
    pub entries: Vec<EntryVerdict>,
}

/// The verdict on one signature of a JWS in JSON serialization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryVerdict {
    pub alg: Option<String>,
    pub kid: Option<String>,
    pub status: Status,
    pub message: String,
}

impl Default for Verdict {
    fn default() -> Self {
        Verdict::new(Status::NoKey, "")
    }
}

impl Verdict {
    pub fn new(status: Status, message: impl Into<String>) -> Verdict {
        Verdict {
            status,
            message: message.into(),
            key_used: None,
            notes: Vec::new(),
            hint: None,
            computed_signature: None,
            findings: Vec::new(),
            lenient: false,
            entries: Vec::new(),
        }
    }

    /// Valid with nothing tolerated: what a strict library would accept.
    pub fn is_strictly_valid(&self) -> bool {
        self.status == Status::Valid && !self.lenient
    }
}

/// Everything verification depends on.
#[derive(Debug, Clone, Copy)]
pub struct VerifyRequest<'a> {
    pub decoded: &'a Decoded,
    pub key_text: &'a str,
    pub encoding: SecretEncoding,
    /// The content of a detached payload (RFC 7515 Appendix F), raw bytes.
    pub detached_payload: Option<&'a [u8]>,
    /// Seconds since the epoch, for certificate validity.
    pub now: i64,
}

/// Where a verdict comes from: the page settles what needs neither key
/// parsing nor asymmetric crypto; everything else goes to the crypto worker,
/// which answers with [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Done(Verdict),
    Worker,
}

/// The verdict when it can be reached on the page: a token that cannot be
/// checked, no key, or an HMAC token with a text secret. Never links key
/// parsing or asymmetric verification, so the page's wasm stays small.
pub fn verify_on_page(req: &VerifyRequest<'_>) -> Route {
    if let Some(jws) = req.decoded.json_jws() {
        return match each_entry(req, jws, |r| match verify_on_page(r) {
            Route::Done(v) => Some(v),
            Route::Worker => None,
        }) {
            Some(verdicts) => Route::Done(combine(jws, verdicts)),
            None => Route::Worker,
        };
    }
    let checked = match prepare(req) {
        Err(verdict) => return Route::Done(*verdict),
        Ok(checked) => checked,
    };
    let verdict = match (keys::classify(req.key_text), checked.alg.family) {
        (KeyShape::Empty, family) => no_key(family),
        (KeyShape::Text, Family::Hmac) => verify_typed_secret(
            req,
            checked.alg,
            req.key_text,
            &checked.input,
            &checked.signature,
        ),
        _ => return Route::Worker,
    };
    Route::Done(finish(req, verdict))
}

pub fn verify(req: &VerifyRequest<'_>) -> Verdict {
    if let Some(jws) = req.decoded.json_jws() {
        let verdicts = each_entry(req, jws, |r| Some(verify(r))).unwrap_or_default();
        return combine(jws, verdicts);
    }
    match prepare(req) {
        Err(verdict) => *verdict,
        Ok(checked) => finish(
            req,
            verify_with_key_text(req, checked.alg, &checked.input, &checked.signature),
        ),
    }
}

/// Runs `check` on each signature of a JWS in JSON as on a compact token
/// (its own header, the shared payload; an unencoded payload is passed as
/// the detached content). `None` when a check returns `None`.
fn each_entry(
    req: &VerifyRequest<'_>,
    jws: &JwsJson,
    check: impl Fn(&VerifyRequest<'_>) -> Option<Verdict>,
) -> Option<Vec<Verdict>> {
    let inline: Option<&[u8]> = match (&jws.payload, jws.unencoded) {
        (Some(p), true) => Some(p.as_bytes()),
        // `"payload": ""` is an empty payload (ACME's POST-as-GET), not
        // detached content.
        (Some(p), false) if p.is_empty() => Some(b""),
        _ => None,
    };
    (0..jws.entries.len())
        .map(|i| {
            let decoded = token::json_entry(jws, i);
            check(&VerifyRequest {
                decoded: &decoded,
                detached_payload: inline.or(req.detached_payload),
                ..*req
            })
        })
        .collect()
}

/// One verdict for the whole JWS: valid when any signature verifies (that
/// one's verdict), otherwise the first signature's; each entry's kept.
fn combine(jws: &JwsJson, verdicts: Vec<Verdict>) -> Verdict {
    let entries: Vec<EntryVerdict> = jws
        .entries
        .iter()
        .zip(&verdicts)
        .map(|(e, v)| EntryVerdict {
            alg: e.alg().map(str::to_string),
            kid: e.kid().map(str::to_string),
            // A set without the entry's kid has no key for it.
            status: if v.findings.iter().any(|f| f.code == "kid-not-found") {
                Status::NoKey
            } else {
                v.status
            },
            message: v.message.clone(),
        })
        .collect();
    let total = verdicts.len();
    let valid = verdicts.iter().position(|v| v.status == Status::Valid);
    // Failing, a wrong signature says more than a key that does not fit.
    let pick = valid
        .or_else(|| entries.iter().position(|e| e.status == Status::Invalid))
        .unwrap_or(0);
    let status = entries.get(pick).map(|e| e.status);
    let mut findings: Vec<Finding> = Vec::new();
    for f in verdicts.iter().flat_map(|v| v.findings.iter()) {
        if !findings.iter().any(|g| g.code == f.code) {
            findings.push(f.clone());
        }
    }
    let Some(mut verdict) = verdicts.into_iter().nth(pick) else {
        return Verdict::new(Status::Malformed, "The JWS has no signature.");
    };
    if total > 1 {
        let named = |i: usize| {
            let e = &entries[i];
            let mut what = e.alg.clone().unwrap_or_else(|| "no alg".into());
            if let Some(kid) = &e.kid {
                what.push_str(&format!(", kid \"{}\"", json::visible(kid)));
            }
            format!("signature {} of {total} ({what})", i + 1)
        };
        verdict.message = match valid {
            Some(i) => format!("Valid: {} verifies. {}", named(i), verdict.message),
            None => format!(
                "None of the {total} signatures verifies. Of {}: {}",
                named(pick),
                verdict.message
            ),
        };
    }
    verdict.status = status.unwrap_or(verdict.status);
    verdict.findings = findings;
    verdict.entries = entries;
    verdict
}

/// What a token that can be checked at all gives the signature check.
struct Checkable {
    alg: &'static AlgInfo,
    input: Vec<u8>,
    signature: Vec<u8>,
}

/// Everything decided before a key is looked at.
fn prepare(req: &VerifyRequest<'_>) -> Result<Checkable, Box<Verdict>> {
    let d = req.decoded;
    match d.kind {
        TokenKind::Empty => {
            return Err(settled(
                Status::Malformed,
                "Paste a token to verify it.",
            ))
        }
        TokenKind::Jwe => {
            return Err(settled(
                Status::Unsupported,
                "This is a JWE (encrypted token): there is no signature to verify, and decrypting needs the recipient's private key.",
            ))
        }
        TokenKind::Malformed | TokenKind::Jws => {}
    }
    if !d.is_verifiable() {
        let why = d.errors.first().map(|e| e.to_string()).unwrap_or_default();
        return Err(settled(
            Status::Malformed,
            format!("The token cannot be decoded, so its signature cannot be checked. {why}"),
        ));
    }
    if let Some(e) = d.errors.iter().find(|e| {
        matches!(e.segment, Some(Segment::Payload | Segment::Signature))
            && matches!(
                e.kind,
                DecodeErrorKind::InvalidChar { .. }
                    | DecodeErrorKind::BadLength { .. }
                    | DecodeErrorKind::TrailingBits { .. }
                    | DecodeErrorKind::EmptySegment
            )
    }) {
        return Err(settled(
            Status::Malformed,
            format!("The signature cannot be checked: {e}"),
        ));
    }
    // An extension the verifier does not understand voids the token before
    // anything else, `alg: none` included (RFC 7515 §4.1.11, Appendix E).
    if let Some(problem) = d
        .header
        .as_ref()
        .and_then(|h| findings::crit_problem(&h.value))
    {
        return Err(settled(
            Status::Invalid,
            format!("{problem}; RFC 7515 requires rejecting the token whatever its signature."),
        ));
    }
    let alg_name = d.alg().unwrap_or_default();
    if alg_name == "none" {
        return Err(settled(
            Status::Unsecured,
            "\"alg\" is \"none\": the token is not signed at all, so it can never be valid. Anyone can change it.",
        ));
    }
    let Some(alg) = algorithms::lookup(alg_name).filter(|a| signs(a)) else {
        let msg = if alg_name.eq_ignore_ascii_case("none") {
            format!("\"alg\" is \"{alg_name}\": JOSE names are case-sensitive, so this is not \"none\" but an unknown algorithm. Libraries that compare case-insensitively treat it as unsigned; reject it.")
        } else {
            format!("\"{alg_name}\" is not a signature algorithm this debugger verifies (HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512, EdDSA, Ed25519, Ed448, ML-DSA-44/65/87).")
        };
        return Err(settled(Status::Unsupported, msg));
    };
    let Some(signing_input) = signing_input(d, req.detached_payload) else {
        return Err(settled(
            Status::Malformed,
            "The token has no signing input.",
        ));
    };
    let signature = d.signature.clone().unwrap_or_default();
    Ok(Checkable {
        alg,
        input: signing_input,
        signature,
    })
}

/// A verdict reached before any key is looked at.
fn settled(status: Status, message: impl Into<String>) -> Box<Verdict> {
    Box::new(Verdict::new(status, message))
}

/// What holds for every verdict on a checkable token, wherever it was made.
fn finish(req: &VerifyRequest<'_>, mut verdict: Verdict) -> Verdict {
    let d = req.decoded;
    if verdict.status == Status::Invalid && d.payload_is_empty() && req.detached_payload.is_none() {
        verdict = Verdict {
            status: Status::NoKey,
            message: "The payload part is empty, so the content is probably detached (RFC 7515 Appendix F). It does not verify over an empty payload: paste the detached payload to verify.".into(),
            ..verdict
        };
    }
    if matches!(verdict.status, Status::Valid | Status::Invalid) {
        add_leniency_notes(d, &mut verdict);
    }
    verdict
}

fn signs(a: &AlgInfo) -> bool {
    matches!(
        a.family,
        Family::Hmac | Family::Rsa | Family::RsaPss | Family::Ecdsa | Family::EdDsa | Family::MlDsa
    )
}

/// The bytes the signature covers: `header.payload` as in the token, the
/// raw payload for `b64: false` (RFC 7797), or a detached payload.
fn signing_input(d: &Decoded, detached: Option<&[u8]>) -> Option<Vec<u8>> {
    let segments = d.segments();
    let header_b64 = segments.first()?;
    let unencoded = d
        .header
        .as_ref()
        .is_some_and(|h| findings::is_unencoded_payload(&h.value));
    let mut input = header_b64.as_bytes().to_vec();
    input.push(b'.');
    match (detached, unencoded) {
        (Some(raw), true) => input.extend_from_slice(raw),
        (Some(raw), false) => input.extend_from_slice(base64url::encode(raw).as_bytes()),
        // With b64 false the payload part is the payload itself.
        (None, _) => input.extend_from_slice(segments.get(1)?.as_bytes()),
    }
    Some(input)
}

fn add_leniency_notes(d: &Decoded, v: &mut Verdict) {
    if d.clean.cleaning.any() {
        v.lenient = true;
        v.notes.push("Checked after removing whitespace, quotes or a Bearer prefix from the input; the pasted text itself is not a compact JWT.".into());
    }
    if !d.base64_notes.is_empty() {
        v.lenient = true;
        v.notes.push("The token uses padding or standard-base64 characters; strict libraries reject it before checking the signature.".into());
    }
}

fn verify_with_key_text(
    req: &VerifyRequest<'_>,
    alg: &AlgInfo,
    input: &[u8],
    signature: &[u8],
) -> Verdict {
    let parsed = match keys::parse_key_text(req.key_text) {
        Ok(p) => p,
        Err(e) => {
            let mut v = Verdict::new(Status::KeyError, format!("The key cannot be used: {e}."));
            if alg.family == Family::Hmac && req.key_text.contains("-----BEGIN") {
                v.findings.push(key_confusion(alg));
            }
            return v;
        }
    };
    match parsed {
        KeyText::Empty => no_key(alg.family),
        KeyText::Secret(text) if alg.family == Family::Hmac => {
            verify_typed_secret(req, alg, &text, input, signature)
        }
        KeyText::Secret(text) => match keys::parse_bare_der(&text) {
            Some(key) => verify_candidates(req, alg, &[key], false, input, signature),
            None => Verdict::new(
                Status::KeyError,
                format!(
                    "This is an {} token: it needs {}, not a text secret. Paste a PEM public key or certificate, a JWK or a JWK Set.",
                    alg.name,
                    needed_key(alg)
                ),
            ),
        },
        KeyText::Keys { keys, is_set } => {
            verify_candidates(req, alg, &keys, is_set, input, signature)
        }
    }
}

fn no_key(family: Family) -> Verdict {
    Verdict::new(
        Status::NoKey,
        if family == Family::Hmac {
            "Enter the HMAC secret to verify the signature."
        } else {
            "Paste the public key (PEM, certificate, JWK or JWK Set) to verify the signature."
        },
    )
}

fn needed_key(alg: &AlgInfo) -> String {
    match alg.family {
        Family::Hmac => "the shared HMAC secret".into(),
        Family::Rsa | Family::RsaPss => "an RSA public key".into(),
        Family::Ecdsa => format!(
            "an EC public key on {}",
            match alg.name {
                "ES256" => "P-256",
                "ES384" => "P-384",
                _ => "P-521",
            }
        ),
        Family::MlDsa => format!("an {} public key (\"kty\" \"AKP\")", alg.name),
        _ => match alg.name {
            "Ed448" => "an Ed448 public key".into(),
            "Ed25519" => "an Ed25519 public key".into(),
            _ => "an Ed25519 or Ed448 public key".into(),
        },
    }
}

fn key_confusion(alg: &AlgInfo) -> Finding {
    Finding {
        code: "key-confusion".into(),
        severity: Severity::Danger,
        title: "Public key offered as an HMAC secret".into(),
        detail: format!(
            "This token says {} (a shared secret) but the key given is a public key. A verifier that uses a public key as an HMAC secret lets anyone forge tokens (algorithm confusion, CVE-2016-10555). It was not tried.",
            alg.name
        ),
    }
}

/// The `weak-secret` finding for an HMAC secret that is short or well known.
pub fn weak_secret(alg: &AlgInfo, secret: &[u8]) -> Option<Finding> {
    let detail = if weak_secrets::is_well_known(secret) {
        "The secret is a well-known one (from tutorials, samples or default configs): anyone can forge tokens with it.".to_string()
    } else if secret.len() < alg.hash_len {
        format!(
            "The secret is {} bytes; {} needs at least {} (RFC 7518 §3.2). Short secrets can be brute-forced offline from any token.",
            secret.len(),
            alg.name,
            alg.hash_len
        )
    } else {
        return None;
    };
    Some(Finding {
        code: "weak-secret".into(),
        severity: Severity::Danger,
        title: "Weak secret".into(),
        detail,
    })
}

fn verify_typed_secret(
    req: &VerifyRequest<'_>,
    alg: &AlgInfo,
    text: &str,
    input: &[u8],
    signature: &[u8],
) -> Verdict {
    let key = |bytes: Vec<u8>| {
        Key::new(
            KeyMaterial::Secret(bytes),
            format!("the text, read as {}", req.encoding.label()),
        )
    };
    let mut verdict = match req.encoding.decode(text) {
        Ok(bytes) if bytes.is_empty() => {
            Verdict::new(Status::KeyError, "The secret is empty after decoding.")
        }
        Ok(bytes) => {
            let weak = weak_secret(alg, &bytes);
            // One MAC: compared with the token's signature and shown beside it.
            let tag = hmac_sign(alg.name, &bytes, input);
            let result = match &tag {
                Some(tag) => matches_tag(tag, signature),
                None => Err(format!("{} is not an HMAC algorithm", alg.name)),
            };
            let mut v = check_one(alg, &key(bytes), result);
            v.computed_signature = tag.map(|t| base64url::encode(&t));
            v.findings.extend(weak);
            v
        }
        Err(e) => Verdict::new(Status::KeyError, format!("{e}.")),
    };
    if verdict.status != Status::Valid {
        for other in SecretEncoding::ALL {
            if other == req.encoding {
                continue;
            }
            let Ok(bytes) = other.decode(text) else {
                continue;
            };
            if bytes.is_empty() {
                continue;
            }
            if matches!(hmac_verify(alg, &bytes, input, signature), Ok(true)) {
                verdict.hint = Some(format!(
                    "It verifies if the secret is read as {}: choose \"{}\" as the secret encoding.",
                    other.label(),
                    other.label()
                ));
                break;
            }
        }
    }
    verdict
}

/// Why `key` cannot be used for `alg`, if it cannot.
fn unfit_reason(alg: &AlgInfo, key: &Key) -> Option<String> {
    let material_ok = match (&key.material, alg.family) {
        (KeyMaterial::Secret(_), Family::Hmac) => true,
        (KeyMaterial::Rsa { .. }, Family::Rsa | Family::RsaPss) => true,
        (KeyMaterial::Ec { curve, .. }, Family::Ecdsa) => {
            if curve.alg() != alg.name {
                return Some(format!(
                    "{} is an {} key, but {} needs {}",
                    key.describe(),
                    curve.name(),
                    alg.name,
                    needed_key(alg)
                ));
            }
            true
        }
        (KeyMaterial::Ed25519(_), Family::EdDsa) | (KeyMaterial::Ed448(_), Family::EdDsa) => {
            if !eddsa_curve_fits(alg.name, &key.material) {
                return Some(format!(
                    "{} is an {} key, but {} needs {}",
                    key.describe(),
                    key.material.describe(),
                    alg.name,
                    needed_key(alg)
                ));
            }
            true
        }
        (KeyMaterial::MlDsa { level, .. }, Family::MlDsa) => {
            if level.alg() != alg.name {
                return Some(format!(
                    "{} is an {} key, but {} needs {} (each ML-DSA key belongs to one parameter set)",
                    key.describe(),
                    level.alg(),
                    alg.name,
                    needed_key(alg)
                ));
            }
            true
        }
        _ => false,
    };
    if !material_ok {
        return Some(format!(
            "{} cannot verify {}: it needs {}",
            key.describe(),
            alg.name,
            needed_key(alg)
        ));
    }
    if let Some(key_alg) = &key.alg {
        if !alg_label_fits(key_alg, alg, &key.material) {
            return Some(format!(
                "the key is restricted to \"alg\": \"{key_alg}\", which cannot be used for {}",
                alg.name
            ));
        }
    }
    if let Some(u) = &key.use_ {
        if u != "sig" {
            return Some(format!(
                "the key's \"use\" is \"{u}\" (not \"sig\"), so it must not verify signatures"
            ));
        }
    }
    if let Some(ops) = &key.key_ops {
        if !ops.iter().any(|o| o == "verify") {
            return Some(format!(
                "the key's \"key_ops\" ({}) does not include \"verify\"",
                ops.join(", ")
            ));
        }
    }
    if let KeyMaterial::Secret(s) = &key.material {
        // A JWK claims to be a proper key, so RFC 7518 §3.2's minimum holds.
        if s.len() < alg.hash_len {
            return Some(format!(
                "the \"oct\" key is {} bytes; {} keys must be at least {} bytes (RFC 7518 §3.2)",
                s.len(),
                alg.name,
                alg.hash_len
            ));
        }
    }
    None
}

/// Whether a key labelled `key_alg` may verify `alg`: one algorithm per key
/// (RFC 8725 §3.1), with the early-draft names ES521 (for ES512 on P-521)
/// and Ed25519/EdDSA treated as the same algorithm.
pub(crate) fn alg_label_fits(key_alg: &str, alg: &AlgInfo, material: &KeyMaterial) -> bool {
    match (key_alg, alg.name) {
        (label, name) if label == name => true,
        ("ES521", "ES512") => matches!(
            material,
            KeyMaterial::Ec {
                curve: keys::Curve::P521,
                ..
            }
        ),
        ("EdDSA" | "Ed25519", "EdDSA" | "Ed25519") => true,
        // RFC 9864: the polymorphic EdDSA and the curve's own name.
        ("EdDSA" | "Ed448", "EdDSA" | "Ed448") => matches!(material, KeyMaterial::Ed448(_)),
        _ => false,
    }
}

/// Whether an Edwards-curve key fits the `alg`: `EdDSA` takes either curve
/// (RFC 8037), `Ed25519` and `Ed448` only their own (RFC 9864).
fn eddsa_curve_fits(alg: &str, material: &KeyMaterial) -> bool {
    matches!(
        (alg, material),
        ("EdDSA" | "Ed25519", KeyMaterial::Ed25519(_)) | ("EdDSA" | "Ed448", KeyMaterial::Ed448(_))
    )
}

/// A note when a key's `alg` label differs from the token's algorithm.
fn alg_label_note(key: &Key, alg: &AlgInfo) -> Option<String> {
    let label = key.alg.as_deref()?;
    (label != alg.name).then(|| {
        format!(
            "The key is labelled \"alg\": \"{label}\" but the token uses {}; RFC 8725 advises one algorithm per key.",
            alg.name
        )
    })
}

fn verify_candidates(
    req: &VerifyRequest<'_>,
    alg: &AlgInfo,
    keys: &[Key],
    is_set: bool,
    input: &[u8],
    signature: &[u8],
) -> Verdict {
    let token_kid = req
        .decoded
        .header_param("kid")
        .and_then(|k| k.as_str())
        .map(str::to_string);
    let mut notes = Vec::new();
    let pool: Vec<&Key> = match (&token_kid, is_set) {
        (Some(kid), true) => {
            let matching: Vec<&Key> = keys
                .iter()
                .filter(|k| k.kid.as_ref() == Some(kid))
                .collect();
            if matching.is_empty() {
                let kids: Vec<String> = keys
                    .iter()
                    .filter_map(|k| k.kid.as_ref().map(|k| format!("\"{k}\"")))
                    .collect();
                let listed = if kids.is_empty() {
                    "no kids".to_string()
                } else {
                    kids.join(", ")
                };
                let mut v = Verdict::new(
                    Status::Invalid,
                    format!(
                        "No key in the JWK Set has the token's kid \"{kid}\" (the set has {listed}). The token was signed with a key this set does not hold."
                    ),
                );
                v.findings.push(Finding {
                    code: "kid-not-found".into(),
                    severity: Severity::Warning,
                    title: "Key ID not in the key set".into(),
                    detail: format!(
                        "The token's kid \"{}\" is not among the pasted keys ({listed}): the issuer may have rotated its keys, or the token comes from elsewhere.",
                        json::visible(kid)
                    ),
                });
                return v;
            }
            matching
        }
        _ => keys.iter().collect(),
    };
    // After the kid picked its keys: a set may hold secrets for some kids
    // and public keys for others.
    if alg.family == Family::Hmac
        && pool
            .iter()
            .any(|k| !matches!(k.material, KeyMaterial::Secret(_)))
    {
        let mut v = Verdict::new(
            Status::KeyError,
            format!(
                "This is an {} token, which needs the shared secret; a public key was given. Using it as an HMAC secret is the algorithm-confusion attack (CVE-2016-10555), so it was not tried.",
                alg.name
            ),
        );
        v.findings.push(key_confusion(alg));
        return v;
    }
    if let (Some(kid), false, Some(key)) = (&token_kid, is_set, pool.first()) {
        if let Some(key_kid) = &key.kid {
            if key_kid != kid {
                notes.push(format!(
                    "The key's kid \"{key_kid}\" differs from the token's kid \"{kid}\"."
                ));
            }
        }
    }
    let mut fitting = Vec::new();
    let mut reasons = Vec::new();
    for key in pool {
        match unfit_reason(alg, key) {
            None => fitting.push(key),
            Some(reason) => reasons.push(reason),
        }
    }
    if fitting.is_empty() {
        let single = reasons.len() == 1 && (!is_set || token_kid.is_some());
        let status = if single {
            Status::KeyError
        } else {
            Status::Invalid
        };
        let message = if single {
            format!("The key cannot be used: {}.", reasons[0])
        } else {
            format!(
                "No key in the JWK Set fits {}: {}.",
                alg.name,
                reasons.join("; ")
            )
        };
        let mut v = Verdict::new(status, message);
        v.notes = notes;
        return v;
    }
    let total = fitting.len();
    let mut last = None;
    // A set can repeat the same public key (under other kids, or none); its
    // answer cannot differ, and each RSA check costs milliseconds in wasm.
    let mut tried: Vec<&KeyMaterial> = Vec::new();
    for key in fitting {
        if tried.contains(&&key.material) {
            continue;
        }
        tried.push(&key.material);
        let result = verify_signature(alg.name, &key.material, input, signature);
        let mut v = check_one(alg, key, result);
        v.notes.extend(alg_label_note(key, alg));
        if v.status == Status::Valid {
            if is_set {
                v.message = format!("{} Verified with {}.", v.message, key.describe());
            }
            v.notes.extend(notes);
            add_cert_notes(key, req.now, &mut v);
            return v;
        }
        last = Some((v, key));
    }
    let (mut v, key) = last.expect("at least one fitting key was tried");
    if total > 1 {
        v.message = format!(
            "The signature does not verify with any of the {total} keys in the set that fit {}.",
            alg.name
        );
        v.key_used = None;
    }
    v.notes.extend(notes);
    add_cert_notes(key, req.now, &mut v);
    v
}

fn add_cert_notes(key: &Key, now: i64, v: &mut Verdict) {
    if let Some(cert) = &key.cert {
        if now > cert.not_after {
            v.notes.push("The certificate has expired; the signature check itself does not depend on it, but a verifier that checks certificates rejects it.".into());
        } else if now < cert.not_before {
            v.notes.push("The certificate is not valid yet.".into());
        }
    }
}

/// The verdict for one key, given the outcome of its signature check.
fn check_one(alg: &AlgInfo, key: &Key, result: Result<bool, String>) -> Verdict {
    let mut v = match result {
        Ok(true) => Verdict::new(
            Status::Valid,
            format!(
                "The {} signature matches the {}{} given: the token is unchanged since it was signed with this key.",
                alg.name,
                key.material.describe(),
                if matches!(key.material, KeyMaterial::Secret(_)) { "" } else { " key" }
            ),
        ),
        Ok(false) => Verdict::new(
            Status::Invalid,
            format!(
                "Invalid signature: it does not match this token with {}. The token was changed, or signed with a different key.",
                key.describe()
            ),
        ),
        Err(reason) => Verdict::new(Status::Invalid, format!("Invalid signature: {reason}.")),
    };
    v.key_used = Some(key.describe());
    v
}

/// jsonwebtoken's name for a JOSE algorithm it implements.
pub(crate) fn jwt_algorithm(name: &str) -> Option<Algorithm> {
    Some(match name {
        "RS256" => Algorithm::RS256,
        "RS384" => Algorithm::RS384,
        "RS512" => Algorithm::RS512,
        "PS256" => Algorithm::PS256,
        "PS384" => Algorithm::PS384,
        "PS512" => Algorithm::PS512,
        "ES256" => Algorithm::ES256,
        "ES384" => Algorithm::ES384,
        "EdDSA" | "Ed25519" => Algorithm::EdDSA,
        _ => return None,
    })
}

/// Checks `signature` over `message` with `material` for `alg`. `Ok(false)`
/// is a wrong signature; `Err` says why it could not even be a signature.
pub fn verify_signature(
    alg: &str,
    material: &KeyMaterial,
    message: &[u8],
    signature: &[u8],
) -> Result<bool, String> {
    let info = algorithms::lookup(alg).ok_or_else(|| format!("{alg} is not supported"))?;
    if signature.is_empty() {
        return Err("the signature is empty".into());
    }
    let fits = matches!(
        (material, info.family),
        (KeyMaterial::Secret(_), Family::Hmac)
            | (KeyMaterial::Rsa { .. }, Family::Rsa | Family::RsaPss)
            | (KeyMaterial::Ec { .. }, Family::Ecdsa)
            | (KeyMaterial::Ed25519(_), Family::EdDsa)
            | (KeyMaterial::Ed448(_), Family::EdDsa)
            | (KeyMaterial::MlDsa { .. }, Family::MlDsa)
    );
    let curve_fits = match material {
        KeyMaterial::Ec { curve, .. } => curve.alg() == alg,
        KeyMaterial::Ed25519(_) | KeyMaterial::Ed448(_) => eddsa_curve_fits(alg, material),
        KeyMaterial::MlDsa { level, .. } => level.alg() == alg,
        _ => true,
    };
    if !fits || !curve_fits {
        return Err(format!("{} key cannot verify {alg}", material.describe()));
    }
    let expected_len = match material {
        // EdDSA's length depends on the key's curve.
        KeyMaterial::Ed25519(_) => Some(64),
        KeyMaterial::Ed448(_) => Some(backends::ED448_SIGNATURE_LEN),
        _ => info.signature_len,
    };
    if let Some(expected) = expected_len {
        if signature.len() != expected {
            let extra = if info.family == Family::Ecdsa && signature.first() == Some(&0x30) {
                " It looks DER-encoded; JWS uses the fixed-size r‖s form (RFC 7518 §3.4)."
            } else {
                ""
            };
            return Err(format!(
                "{alg} signatures are {expected} bytes, this one is {}.{extra}",
                signature.len()
            ));
        }
    }
    let decoding_key = match material {
        KeyMaterial::Secret(s) => return hmac_verify(info, s, message, signature),
        KeyMaterial::Rsa { n, e } => {
            if signature.len() != n.len() {
                return Err(format!(
                    "an RSA signature is as long as the modulus ({} bytes), this one is {}",
                    n.len(),
                    signature.len()
                ));
            }
            DecodingKey::from_rsa_raw_components(n, e)
        }
        KeyMaterial::Ec { curve, point } => {
            let (r, s) = signature.split_at(curve.size());
            if r.iter().all(|&b| b == 0) || s.iter().all(|&b| b == 0) {
                return Err(
                    "r or s is zero, a \"psychic signature\" (CVE-2022-21449) that is never valid"
                        .into(),
                );
            }
            if alg == "ES512" {
                return Ok(verify_es512(point, message, signature));
            }
            DecodingKey::from_ec_der(point)
        }
        KeyMaterial::Ed25519(x) => DecodingKey::from_ed_der(x),
        KeyMaterial::Ed448(x) => return Ok(backends::ed448_verify(x, message, signature)),
        KeyMaterial::MlDsa { level, public } => {
            return Ok(backends::ml_dsa_verify(*level, public, message, signature))
        }
        KeyMaterial::X25519(_) => {
            return Err("an X25519 key agrees keys for encryption; it cannot verify".into())
        }
    };
    let algorithm = jwt_algorithm(alg).ok_or_else(|| format!("{alg} is not supported"))?;
    jsonwebtoken::crypto::verify(
        &base64url::encode(signature),
        message,
        &decoding_key,
        algorithm,
    )
    .map_err(|e| format!("the key cannot be used ({e})"))
}

/// HMAC with RustCrypto directly: `jsonwebtoken::crypto::verify` would link
/// every asymmetric backend into the page, which verifies HMAC itself.
fn hmac_verify(
    alg: &AlgInfo,
    secret: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<bool, String> {
    let tag = hmac_sign(alg.name, secret, message)
        .ok_or_else(|| format!("{} is not an HMAC algorithm", alg.name))?;
    matches_tag(&tag, signature)
}

/// Whether `signature` is `tag`: in constant time, and a signature of the
/// wrong length never matches.
fn matches_tag(tag: &[u8], signature: &[u8]) -> Result<bool, String> {
    use subtle::ConstantTimeEq;
    if signature.is_empty() {
        return Err("the signature is empty".into());
    }
    Ok(tag.ct_eq(signature).into())
}

/// The HMAC a secret gives a signing input: what verification compares with
/// the token's own signature, and what signing writes.
pub fn hmac_sign(alg: &str, secret: &[u8], message: &[u8]) -> Option<Vec<u8>> {
    use hmac::{Hmac, Mac};
    macro_rules! mac {
        ($hash:ty) => {
            <Hmac<$hash> as Mac>::new_from_slice(secret)
                .ok()
                .map(|mac| mac.chain_update(message).finalize().into_bytes().to_vec())
        };
    }
    match alg {
        "HS256" => mac!(sha2::Sha256),
        "HS384" => mac!(sha2::Sha384),
        "HS512" => mac!(sha2::Sha512),
        _ => None,
    }
}

fn verify_es512(point: &[u8], message: &[u8], signature: &[u8]) -> bool {
    use p521::ecdsa::signature::Verifier;
    let Ok(key) = p521::ecdsa::VerifyingKey::from_sec1_bytes(point) else {
        return false;
    };
    let Ok(sig) = p521::ecdsa::Signature::from_slice(signature) else {
        return false;
    };
    key.verify(message, &sig).is_ok()
}
