//! What is wrong with, or worth knowing about, a token: plain-words findings
//! with stable codes (see the UI contract).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::claims;
use super::errors::Segment;
use super::token::{Decoded, PayloadView, TokenKind};
use super::{dpop, sd_jwt};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Info,
    Warning,
    Danger,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Danger => "danger",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable code, e.g. `expired`. Borrowed when made here, owned when it
    /// arrived from the crypto worker.
    pub code: Cow<'static, str>,
    pub severity: Severity,
    pub title: String,
    pub detail: String,
}

fn finding(code: &'static str, severity: Severity, title: &str, detail: String) -> Finding {
    Finding {
        code: Cow::Borrowed(code),
        severity,
        title: title.to_string(),
        detail,
    }
}

/// A JWE whose key is encrypted with RSAES-PKCS1-v1_5 (`RSA1_5`).
pub fn rsa1_5_finding() -> Finding {
    finding(
        "jwe-rsa1_5",
        Severity::Warning,
        "Deprecated key encryption (RSA1_5)",
        "The content key is encrypted with RSAES-PKCS1-v1_5, whose padding checks have let attackers decrypt tokens (Bleichenbacher's attack); it is kept for old senders only. Prefer RSA-OAEP-256 or ECDH-ES."
            .into(),
    )
}

/// Header extensions this app understands when listed in `crit`.
pub const UNDERSTOOD_CRIT: &[&str] = &["b64"];

/// Lifetimes above this are reported as long.
const LONG_LIFETIME_SECS: i64 = 24 * 3600;

/// Why the header's `crit` cannot be honoured, if it cannot (RFC 7515
/// §4.1.11). A token with such a `crit` must be rejected.
pub fn crit_problem(header: &Value) -> Option<String> {
    let crit = header.get("crit")?;
    let Some(list) = crit.as_array() else {
        return Some("\"crit\" must be an array of header parameter names".into());
    };
    if list.is_empty() {
        return Some("\"crit\" must not be an empty array".into());
    }
    for item in list {
        let Some(name) = item.as_str() else {
            return Some("\"crit\" must list names as strings".into());
        };
        if !UNDERSTOOD_CRIT.contains(&name) {
            return Some(format!(
                "\"crit\" requires the extension \"{name}\", which this debugger (like most libraries) does not understand"
            ));
        }
        if header.get(name).is_none() {
            return Some(format!(
                "\"crit\" lists \"{name}\" but the header does not contain it"
            ));
        }
    }
    None
}

/// Whether the payload is unencoded (RFC 7797 `b64: false`).
pub fn is_unencoded_payload(header: &Value) -> bool {
    header.get("b64") == Some(&Value::Bool(false))
}

/// Findings about the token alone (no key). `now` is seconds since the epoch.
pub fn token_findings(d: &Decoded, now: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let c = d.clean.cleaning;
    if c.any() {
        let mut what = Vec::new();
        if c.bearer {
            what.push("an Authorization/Bearer prefix");
        }
        if c.quotes {
            what.push("surrounding quotes");
        }
        if c.whitespace {
            what.push("whitespace and line breaks");
        }
        out.push(finding(
            "input-cleaned",
            Severity::Info,
            "Input cleaned",
            format!("Removed {} before decoding.", what.join(", ")),
        ));
    }
    for n in &d.base64_notes {
        let mut what = Vec::new();
        if n.notes.standard_alphabet {
            what.push("'+' or '/' from standard base64");
        }
        if n.notes.padding {
            what.push("'=' padding");
        }
        out.push(finding(
            "non-base64url",
            Severity::Warning,
            "Not base64url",
            format!(
                "The {} uses {}; JWTs use unpadded base64url ('-' and '_'). It was decoded anyway, but strict libraries will reject it.",
                n.segment.name(),
                what.join(" and ")
            ),
        ));
    }
    if let Some(processed) = d.sd.as_ref().and_then(|sd| sd.processed.as_ref()) {
        out.extend(sd_findings(processed));
    }
    if d.kind == TokenKind::Jwe {
        out.push(finding(
            "jwe",
            Severity::Info,
            "Encrypted token (JWE)",
            "This is a 5-part JWE: its content is encrypted, and there is no signature to verify. The Decryption panel opens it with the recipient's key."
                .into(),
        ));
        if d.alg() == Some("RSA1_5") {
            out.push(rsa1_5_finding());
        }
    }
    if let Some(header) = d.header.as_ref() {
        header_findings(&header.value, d, &mut out);
        for path in &header.duplicate_keys {
            out.push(duplicate(Segment::Header, path));
        }
    }
    if let PayloadView::Json(doc) = &d.payload {
        for path in &doc.duplicate_keys {
            out.push(duplicate(Segment::Payload, path));
        }
    }
    if let Some(claims) = d.claims() {
        time_findings(claims, now, &mut out);
        audience_findings(claims, &mut out);
        typing_findings(claims, d, &mut out);
        if let Some(list) = claims.get("status").and_then(|s| s.get("status_list")) {
            let uri = list
                .get("uri")
                .and_then(Value::as_str)
                .unwrap_or("(no uri)");
            let idx = list
                .get("idx")
                .map_or("(no idx)".to_string(), Value::to_string);
            out.push(finding(
                "status-list",
                Severity::Info,
                "Revocation status in a list",
                format!(
                    "The status claim points to entry {idx} of the status list at {uri}: a verifier fetches that list to learn whether this token was revoked or suspended. This page never fetches it: paste the list in the Status list panel to read the entry."
                ),
            ));
        }
        if let Some(place) = sensitive_place(claims) {
            out.push(finding(
                "sensitive-data",
                Severity::Danger,
                "Secret data in a readable token",
                format!(
                    "{place}. A signed token is only encoded, not encrypted: anyone who sees it (logs, browser storage, proxies) can read this."
                ),
            ));
        }
    }
    if let Some(detail) = nested_token(d) {
        out.push(finding(
            "nested-jwt",
            Severity::Info,
            "Nested token",
            detail,
        ));
    }
    // Danger first, then warning, then info; each group in the order found.
    out.sort_by_key(|f| std::cmp::Reverse(f.severity));
    out
}

/// `iss` and `aud` let a server refuse tokens from another issuer or meant
/// for another service (RFC 8725 §3.8–3.9). A `client_id`/`azp`/`cid` names
/// the audience of access tokens that have no `aud` (Cognito, Okta).
fn audience_findings(claims: &serde_json::Map<String, Value>, out: &mut Vec<Finding>) {
    if !claims.contains_key("iss") {
        out.push(finding(
            "missing-iss",
            Severity::Info,
            "No issuer",
            "There is no \"iss\" claim, so a server cannot tell this token from one another issuer made with the same key.".into(),
        ));
    }
    let named_client = ["client_id", "azp", "cid"]
        .iter()
        .any(|c| claims.contains_key(*c));
    if !claims.contains_key("aud") && !named_client {
        out.push(finding(
            "missing-aud",
            Severity::Info,
            "No audience",
            "There is no \"aud\" claim, so every service that trusts the issuer would accept this token, not only the one it was meant for.".into(),
        ));
    }
}

/// An access token (it carries scopes or a client) should say so in `typ`
/// (RFC 9068: `at+jwt`), so it cannot be replayed as another kind of token.
fn typing_findings(claims: &serde_json::Map<String, Value>, d: &Decoded, out: &mut Vec<Finding>) {
    let looks_like_access = ["scope", "scp", "client_id"]
        .iter()
        .any(|c| claims.contains_key(*c))
        && !claims.contains_key("nonce");
    if !looks_like_access {
        return;
    }
    let typ = d.header_param("typ").and_then(Value::as_str).unwrap_or("");
    let typed =
        typ.eq_ignore_ascii_case("at+jwt") || typ.eq_ignore_ascii_case("application/at+jwt");
    if !typed {
        let shown = if typ.is_empty() {
            "no \"typ\"".to_string()
        } else {
            format!("\"typ\": \"{}\"", super::json::visible(typ))
        };
        out.push(finding(
            "explicit-typing",
            Severity::Info,
            "Access token not explicitly typed",
            format!(
                "It carries scopes or a client, like an access token, but has {shown} rather than \"at+jwt\", so a server cannot tell it from an ID token or another JWT by its header."
            ),
        ));
    }
}

/// Where the payload carries what should never be in a readable token: the
/// first such claim, in words.
fn sensitive_place(claims: &serde_json::Map<String, Value>) -> Option<String> {
    let mut found = None;
    for (name, value) in claims {
        found = sensitive_in(name, value, 0);
        if found.is_some() {
            break;
        }
    }
    found
}

fn sensitive_in(name: &str, value: &Value, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    // Escaped for display only when found: `_sd` arrays run this per item.
    let shown = || super::json::visible(name);
    if let Some(what) = sensitive_name(name) {
        if !matches!(value, Value::Null | Value::Bool(_)) && value != &Value::String(String::new())
        {
            return Some(format!("\"{}\" looks like {what}", shown()));
        }
    }
    match value {
        Value::String(text) => {
            sensitive_text(name, text).map(|what| format!("\"{}\" holds {what}", shown()))
        }
        Value::Object(map) => map.iter().find_map(|(k, v)| sensitive_in(k, v, depth + 1)),
        Value::Array(items) => items.iter().find_map(|v| sensitive_in(name, v, depth + 1)),
        _ => None,
    }
}

/// Claim names that mean a secret. `pwd_exp`, `pwd_url` (Entra) and the
/// like are about a password, not one.
fn sensitive_name(name: &str) -> Option<&'static str> {
    let n: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    const NAMES: &[(&str, &str)] = &[
        ("password", "a password"),
        ("passwd", "a password"),
        ("pwd", "a password"),
        ("userpassword", "a password"),
        ("clientsecret", "a client secret"),
        ("secret", "a secret"),
        ("apikey", "an API key"),
        ("apisecret", "an API secret"),
        ("privatekey", "a private key"),
        ("secretkey", "a secret key"),
        ("secretaccesskey", "a cloud secret key"),
        ("awssecretaccesskey", "a cloud secret key"),
        ("refreshtoken", "a refresh token"),
        ("ssn", "a national ID number"),
        ("socialsecuritynumber", "a national ID number"),
        ("creditcard", "a payment card number"),
        ("cardnumber", "a payment card number"),
        ("cvv", "a card security code"),
        ("cvc", "a card security code"),
    ];
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, what)| *what)
}

/// Values that are secrets whatever their claim's name.
fn sensitive_text(name: &str, text: &str) -> Option<&'static str> {
    if text.contains("-----BEGIN") && text.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    if is_aws_key_id(text) {
        return Some("a cloud access key ID");
    }
    let n = name.to_ascii_lowercase();
    let id_like =
        n == "sub" || n == "jti" || n == "sid" || n.ends_with("id") || n.contains("phone");
    if !id_like && is_card_number(text) {
        return Some("a payment card number");
    }
    if is_us_ssn(text) {
        return Some("a national ID number");
    }
    None
}

fn is_aws_key_id(text: &str) -> bool {
    text.len() == 20
        && (text.starts_with("AKIA") || text.starts_with("ASIA"))
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// 13–19 digits (spaces or dashes allowed) with a card network's prefix and
/// a valid Luhn check digit.
fn is_card_number(text: &str) -> bool {
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == '-')
    {
        return false;
    }
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let prefix = |n: usize| digits.iter().take(n).fold(0, |acc, d| acc * 10 + d);
    let network = digits[0] == 4
        || (51..=55).contains(&prefix(2))
        || (2221..=2720).contains(&prefix(4))
        || matches!(prefix(2), 34 | 37 | 65)
        || prefix(4) == 6011;
    network && luhn(&digits)
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// `123-45-6789`, with the ranges the US never issues left out.
fn is_us_ssn(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 11 || b[3] != b'-' || b[6] != b'-' {
        return false;
    }
    let part = |r: std::ops::Range<usize>| -> Option<u32> { text.get(r)?.parse().ok() };
    match (part(0..3), part(4..6), part(7..11)) {
        (Some(area), Some(group), Some(serial)) => {
            area != 0
                && area != 666
                && area < 900
                && group != 0
                && serial != 0
                && text
                    .chars()
                    .enumerate()
                    .all(|(i, c)| i == 3 || i == 6 || c.is_ascii_digit())
        }
        _ => false,
    }
}

/// A token inside the token: `cty: JWT` (RFC 7519 §5.2), or a payload that
/// is itself a compact JWS or JWE.
fn nested_token(d: &Decoded) -> Option<String> {
    let cty = d.header_param("cty").and_then(Value::as_str);
    let declared = cty.is_some_and(|c| c.eq_ignore_ascii_case("JWT"));
    let inner = match &d.payload {
        PayloadView::Text(text) => {
            let inner = super::token::decode(text.trim());
            matches!(inner.kind, TokenKind::Jws | TokenKind::Jwe) && inner.header.is_some()
        }
        _ => false,
    };
    match (declared, inner) {
        (_, true) => Some("The payload is itself a compact JWT. Decode and verify it too: the outer signature says nothing about the inner token's own.".into()),
        (true, false) => Some("\"cty\": \"JWT\" says the payload is a nested JWT, but it does not decode as one.".into()),
        _ => None,
    }
}

/// What is wrong with an SD-JWT's disclosures: one finding per kind of
/// problem, naming the disclosures (1-based, in input order).
fn sd_findings(p: &sd_jwt::Processed) -> Vec<Finding> {
    let numbers = |status: sd_jwt::Status| -> Vec<String> {
        p.disclosures
            .iter()
            .enumerate()
            .filter(|(_, d)| d.status == status)
            .map(|(i, d)| match &d.name {
                Some(name) => format!("#{} ({name})", i + 1),
                None => format!("#{}", i + 1),
            })
            .collect()
    };
    let kinds = [
        (
            sd_jwt::Status::Malformed,
            "sd-malformed",
            Severity::Danger,
            "Malformed disclosure",
            "is not the base64url of a JSON array [salt, name, value] or [salt, value]: a verifier must reject the whole SD-JWT. Each row below says what is wrong.",
        ),
        (
            sd_jwt::Status::Duplicate,
            "sd-duplicate",
            Severity::Danger,
            "Disclosure given twice",
            "repeats one given earlier: RFC 9901 §7.1 has verifiers reject an SD-JWT whose disclosures or digests repeat.",
        ),
        (
            sd_jwt::Status::Unreferenced,
            "sd-unreferenced",
            Severity::Warning,
            "Disclosure not in the token",
            "matches no digest in the signed payload: it was not issued with this token, or was changed after issuance. A verifier must reject it.",
        ),
    ];
    let mut out = Vec::new();
    for (status, code, severity, title, what) in kinds {
        let listed = numbers(status);
        if !listed.is_empty() {
            out.push(finding(
                code,
                severity,
                title,
                format!("Disclosure {} {what}", listed.join(", ")),
            ));
        }
    }
    if !p.errors.is_empty() {
        out.push(finding(
            "sd-invalid",
            Severity::Danger,
            "SD-JWT a verifier must reject",
            p.errors.join(" "),
        ));
    }
    out
}

fn duplicate(segment: Segment, path: &str) -> Finding {
    finding(
        "duplicate-key",
        Severity::Warning,
        "Repeated key",
        format!(
            "The {} repeats the key \"{path}\". Parsers disagree on which value wins (this view shows the last), which attackers use to slip claims past one parser and not another.",
            segment.name()
        ),
    )
}

fn header_findings(header: &Value, d: &Decoded, out: &mut Vec<Finding>) {
    let alg = header.get("alg").and_then(Value::as_str);
    if let Some(alg) = alg {
        if alg.eq_ignore_ascii_case("none") {
            out.push(finding(
                "alg-none",
                Severity::Danger,
                "Unsecured token (alg none)",
                format!(
                    "\"alg\" is \"{alg}\": the token carries no signature, so anyone can forge it. Never accept it."
                ),
            ));
        } else if d.kind == TokenKind::Jws && d.signature.as_ref().is_some_and(Vec::is_empty) {
            out.push(finding(
                "null-signature",
                Severity::Danger,
                "Empty signature",
                format!(
                    "\"alg\" is \"{alg}\" but the signature part is empty. A library that skips the check on an empty signature accepts forgeries."
                ),
            ));
        }
    }
    if alg == Some("EdDSA") {
        out.push(finding(
            "eddsa-deprecated",
            Severity::Warning,
            "Deprecated algorithm name EdDSA",
            "RFC 9864 deprecates the polymorphic EdDSA; use Ed25519 or Ed448. \"EdDSA\" leaves the curve to the key, so a verifier cannot pin the algorithm by its name alone.".to_string(),
        ));
    }
    let urls = [
        ("jku", "jku-header", "Key set URL in header"),
        ("x5u", "x5u-header", "Certificate URL in header"),
    ];
    for (name, code, title) in urls {
        if let Some(v) = header.get(name) {
            out.push(finding(
                code,
                Severity::Warning,
                title,
                format!(
                    "The header points at a key URL ({name}: {}). A verifier that fetches it lets the token choose its own key; only trust URLs on an allow-list. This debugger never fetches it.",
                    short(v)
                ),
            ));
        }
    }
    let embedded = [
        ("jwk", "jwk-header", "Key embedded in header"),
        ("x5c", "x5c-header", "Certificate chain embedded in header"),
    ];
    let dpop_proof = header
        .get("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case(dpop::PROOF_TYP));
    for (name, code, title) in embedded {
        if header.get(name).is_none() {
            continue;
        }
        if dpop_proof && name == "jwk" {
            out.push(finding(
                code,
                Severity::Info,
                "DPoP proof key in header",
                "A DPoP proof (RFC 9449) carries the client's public key in its header and is verified with it: that proves the sender holds the key, not who the sender is. The server binds the key to the access token (cnf.jkt).".into(),
            ));
            let private = dpop::private_members(&header["jwk"]);
            if !private.is_empty() {
                out.push(finding(
                    "dpop-private-key",
                    Severity::Danger,
                    "Private key in a DPoP proof",
                    format!(
                        "The proof's header jwk holds private key members ({}): everyone who saw this proof can now make proofs as this client. Generate a new key pair and send only its public half.",
                        private.join(", ")
                    ),
                ));
            }
            continue;
        }
        out.push(finding(
            code,
            Severity::Warning,
            title,
            format!(
                "The header carries its own key (\"{name}\"). Verifying with it proves nothing unless that key is checked against one you already trust."
            ),
        ));
    }
    if let Some(kid) = header.get("kid") {
        if let Some(reason) = suspicious_kid(kid) {
            out.push(finding(
                "kid-suspicious",
                Severity::Danger,
                "Suspicious key ID",
                format!(
                    "\"kid\" ({}) {reason}. Servers that use kid in a file path, SQL query or shell command can be tricked into using a key the attacker knows.",
                    short(kid)
                ),
            ));
        }
    }
    if let Some(problem) = crit_problem(header) {
        out.push(finding(
            "crit-unsupported",
            Severity::Danger,
            "Critical header not understood",
            format!("{problem}; the token must be rejected (RFC 7515 §4.1.11)."),
        ));
    }
    if is_unencoded_payload(header) {
        out.push(finding(
            "b64-false",
            Severity::Info,
            "Unencoded payload (RFC 7797)",
            "\"b64\": false means the signature covers the payload bytes as they are, not their base64url form.".into(),
        ));
    }
}

/// A header value quoted for a message: hidden characters escaped, long
/// values cut.
fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => super::json::visible(s),
        other => super::json::visible(&other.to_string()),
    };
    if s.chars().count() > 80 {
        format!("{}…", s.chars().take(80).collect::<String>())
    } else {
        s
    }
}

fn suspicious_kid(kid: &Value) -> Option<&'static str> {
    let Some(kid) = kid.as_str() else {
        return Some("is not a string");
    };
    if kid.contains("../") || kid.contains("..\\") || kid.starts_with('/') {
        return Some("contains a path traversal");
    }
    if kid.contains('\'') || kid.contains('"') || kid.contains("--") || kid.contains(';') {
        return Some("contains quotes or SQL metacharacters");
    }
    if kid
        .chars()
        .any(|c| matches!(c, '|' | '&' | '$' | '`' | '<' | '>'))
        || kid.chars().any(|c| c.is_control())
    {
        return Some("contains shell metacharacters or control characters");
    }
    None
}

fn time_findings(claims: &serde_json::Map<String, Value>, now: i64, out: &mut Vec<Finding>) {
    let mut times = [None, None, None];
    for (i, name) in ["exp", "nbf", "iat"].into_iter().enumerate() {
        let Some(v) = claims.get(name) else { continue };
        if !v.is_number() {
            out.push(finding(
                "invalid-time-claim",
                Severity::Danger,
                "Time claim is not a number",
                format!(
                    "\"{name}\" is {}; it must be a NumericDate (seconds since 1970). Libraries differ on how they treat it.",
                    super::json::type_name(v)
                ),
            ));
            continue;
        }
        match claims::numeric_date(v) {
            Some(secs) => times[i] = Some(secs),
            None if v
                .as_number()
                .map(claims::read_number)
                .is_some_and(|n| n.finite && !n.neg && n.nonzero) =>
            {
                out.push(ms_finding(name))
            }
            None => out.push(finding(
                "invalid-time-claim",
                Severity::Danger,
                "Time claim out of range",
                format!("\"{name}\" is {v}, which is not a date between the years 1 and 9999."),
            )),
        }
    }
    let [exp, nbf, iat] = times;
    if claims.get("exp").is_none() {
        out.push(finding(
            "missing-exp",
            Severity::Warning,
            "No expiry",
            "There is no \"exp\" claim, so the token never expires: a leaked copy works forever."
                .into(),
        ));
    }
    if let Some(exp) = exp {
        if exp <= now {
            out.push(finding(
                "expired",
                Severity::Warning,
                "Expired",
                format!(
                    "The token expired {} ago (\"exp\").",
                    claims::distance(now.saturating_sub(exp).unsigned_abs())
                ),
            ));
        }
        let lifetime = exp.saturating_sub(iat.unwrap_or(now));
        if lifetime > LONG_LIFETIME_SECS {
            out.push(finding(
                "long-lifetime",
                Severity::Warning,
                "Long lifetime",
                format!(
                    "The token is valid for {} (from {} to \"exp\"); more than 24 hours makes a stolen token useful for long.",
                    claims::distance(lifetime.unsigned_abs()),
                    if iat.is_some() { "\"iat\"" } else { "now" }
                ),
            ));
        }
    }
    if let Some(nbf) = nbf {
        if nbf > now {
            out.push(finding(
                "not-yet-valid",
                Severity::Warning,
                "Not yet valid",
                format!(
                    "\"nbf\" is {} in the future: the token must not be accepted yet.",
                    claims::distance(nbf.saturating_sub(now).unsigned_abs())
                ),
            ));
        }
    }
    if let Some(iat) = iat {
        if iat > now {
            out.push(finding(
                "iat-future",
                Severity::Warning,
                "Issued in the future",
                format!(
                    "\"iat\" is {} in the future: the issuer's clock is wrong or the token was forged.",
                    claims::distance(iat.saturating_sub(now).unsigned_abs())
                ),
            ));
        }
    }
}

/// Certificates of an `x5c` chain read for findings; more are not read.
const MAX_X5C: usize = 10;

/// The facts of the header's `x5c` chain (RFC 7515 §4.1.6): each
/// certificate's subject, issuer and validity, whether each is issued by the
/// next, and whether any has expired. Reads ASN.1, so only the crypto worker
/// calls it.
pub fn x5c_findings(d: &Decoded, now: i64) -> Vec<Finding> {
    let Some(chain) = d.header_param("x5c") else {
        return Vec::new();
    };
    let Some(items) = chain.as_array().filter(|a| !a.is_empty()) else {
        return vec![finding(
            "x5c-chain",
            Severity::Warning,
            "Unreadable certificate chain",
            "\"x5c\" must be a non-empty array of base64 DER certificates (RFC 7515 §4.1.6)."
                .into(),
        )];
    };
    let mut lines = Vec::new();
    let mut out_of_date = false;
    let mut infos = Vec::new();
    for (i, item) in items.iter().take(MAX_X5C).enumerate() {
        let n = i + 1;
        let der = item
            .as_str()
            .and_then(|s| super::keys::SecretEncoding::Base64.decode(s).ok());
        let info = der.as_deref().map(super::keys::certificate_info);
        match info {
            Some(Ok(info)) => {
                let state = if info.not_after < now {
                    out_of_date = true;
                    format!(
                        "expired {} ago",
                        claims::distance(now.saturating_sub(info.not_after).unsigned_abs())
                    )
                } else if info.not_before > now {
                    out_of_date = true;
                    format!(
                        "not valid for another {}",
                        claims::distance(info.not_before.saturating_sub(now).unsigned_abs())
                    )
                } else {
                    "valid now".to_string()
                };
                lines.push(format!(
                    "Certificate {n}: subject \"{}\", issued by \"{}\", valid from {} to {} ({state}).",
                    super::json::visible(&info.subject),
                    super::json::visible(&info.issuer),
                    date(info.not_before),
                    date(info.not_after)
                ));
                infos.push(Some(info));
            }
            Some(Err(e)) => {
                lines.push(format!("Certificate {n} cannot be read: {e}."));
                infos.push(None);
            }
            None => {
                lines.push(format!("Certificate {n} is not base64 DER."));
                infos.push(None);
            }
        }
    }
    for (i, pair) in infos.windows(2).enumerate() {
        if let [Some(a), Some(b)] = pair {
            if a.issuer != b.subject {
                lines.push(format!(
                    "The chain is broken: certificate {} is not issued by certificate {}.",
                    i + 1,
                    i + 2
                ));
            }
        }
    }
    if items.len() > MAX_X5C {
        lines.push(format!(
            "{} more certificates were not read.",
            items.len() - MAX_X5C
        ));
    }
    let (severity, title) = if out_of_date {
        (Severity::Warning, "Certificate chain out of date")
    } else {
        (Severity::Info, "Certificate chain")
    };
    vec![finding("x5c-chain", severity, title, lines.join(" "))]
}

fn date(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .map(|t| claims::stamp(t, ' ') + " UTC")
        .unwrap_or_else(|_| secs.to_string())
}

fn ms_finding(name: &str) -> Finding {
    finding(
        "ms-timestamp",
        Severity::Warning,
        "Time in milliseconds?",
        format!(
            "\"{name}\" is beyond the year 9999 when read as seconds. It looks like milliseconds; NumericDate is in seconds."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::base64url::encode;
    use crate::core::token::decode;

    const NOW: i64 = 1_767_225_600;

    #[test]
    fn a_status_list_reference_is_an_info_finding() {
        let token = format!(
            "{}.{}.c2ln",
            encode(br#"{"alg":"ES256"}"#),
            encode(br#"{"status":{"status_list":{"idx":0,"uri":"https://example.com/statuslists/1"}}}"#)
        );
        let f = token_findings(&decode(&token), NOW);
        let status = f
            .iter()
            .find(|f| f.code == "status-list")
            .expect("a status-list finding");
        assert_eq!(status.severity, Severity::Info);
        assert_eq!(
            status.detail,
            "The status claim points to entry 0 of the status list at https://example.com/statuslists/1: a verifier fetches that list to learn whether this token was revoked or suspended. This page never fetches it: paste the list in the Status list panel to read the entry."
        );
    }

    #[test]
    fn sd_jwt_disclosure_problems_are_findings() {
        use serde_json::json;
        let given = sd_jwt::make_disclosure("s1", Some("given_name"), &json!("Erika"));
        let stray = sd_jwt::make_disclosure("s2", Some("age"), &json!(40));
        let payload = json!({"_sd": [sd_jwt::HashAlg::Sha256.digest(&given)]});
        let token = format!(
            "{}.{}.c2ln~{given}~{stray}~{given}~WyJ4Il0~",
            encode(br#"{"alg":"ES256","typ":"dc+sd-jwt"}"#),
            encode(payload.to_string().as_bytes())
        );
        let found = token_findings(&decode(&token), NOW);
        let sd: Vec<(&str, Severity, &str)> = found
            .iter()
            .filter(|f| f.code.starts_with("sd-"))
            .map(|f| (f.code.as_ref(), f.severity, f.detail.as_str()))
            .collect();
        assert_eq!(
            sd,
            [
                ("sd-malformed", Severity::Danger, "Disclosure #4 is not the base64url of a JSON array [salt, name, value] or [salt, value]: a verifier must reject the whole SD-JWT. Each row below says what is wrong."),
                ("sd-duplicate", Severity::Danger, "Disclosure #3 (given_name) repeats one given earlier: RFC 9901 §7.1 has verifiers reject an SD-JWT whose disclosures or digests repeat."),
                ("sd-unreferenced", Severity::Warning, "Disclosure #2 (age) matches no digest in the signed payload: it was not issued with this token, or was changed after issuance. A verifier must reject it."),
            ]
        );
    }

    fn token(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.c2ln",
            encode(header.as_bytes()),
            encode(payload.as_bytes())
        )
    }

    /// The codes raised, leaving out the audience and typing notes that
    /// most crafted payloads here trigger (tested on their own below).
    fn codes(header: &str, payload: &str) -> Vec<String> {
        all_codes(header, payload)
            .into_iter()
            .filter(|c| {
                !matches!(
                    c.as_str(),
                    "missing-iss" | "missing-aud" | "explicit-typing"
                )
            })
            .collect()
    }

    fn all_codes(header: &str, payload: &str) -> Vec<String> {
        token_findings(&decode(&token(header, payload)), NOW)
            .into_iter()
            .map(|f| f.code.into_owned())
            .collect()
    }

    #[test]
    fn sample_is_long_lived_and_an_untyped_access_token() {
        let f = token_findings(&decode(crate::core::SAMPLE_TOKEN), NOW);
        let c: Vec<_> = f.iter().map(|f| f.code.as_ref()).collect();
        assert_eq!(c, ["long-lifetime", "explicit-typing"]);
        assert_eq!(
            f[0].detail,
            "The token is valid for 74 years (from \"iat\" to \"exp\"); more than 24 hours makes a stolen token useful for long."
        );
    }

    #[test]
    fn time_findings_cover_every_case() {
        let h = r#"{"alg":"HS256"}"#;
        assert_eq!(codes(h, r#"{"exp":1767225000}"#), ["expired"]);
        assert_eq!(
            codes(h, r#"{"exp":1767226000,"nbf":1767226000}"#),
            ["not-yet-valid"]
        );
        assert_eq!(
            codes(h, r#"{"exp":1767226000,"iat":1767226000}"#),
            ["iat-future"]
        );
        assert_eq!(codes(h, r#"{}"#), ["missing-exp"]);
        assert_eq!(codes(h, r#"{"exp":"1767226000"}"#), ["invalid-time-claim"]);
        assert_eq!(codes(h, r#"{"exp":1767226000000}"#), ["ms-timestamp"]);
        assert_eq!(codes(h, r#"{"exp":-1e300}"#), ["invalid-time-claim"]);
        assert_eq!(codes(h, r#"{"exp":1767312001}"#), ["long-lifetime"]);
        assert_eq!(codes(h, r#"{"exp":1767312000}"#), Vec::<&str>::new());
    }

    #[test]
    fn header_findings_cover_every_case() {
        let p = r#"{"exp":1767226000}"#;
        assert_eq!(codes(r#"{"alg":"nOnE"}"#, p), ["alg-none"]);
        assert_eq!(
            codes(r#"{"alg":"HS256","jku":"https://x","x5u":"https://y"}"#, p),
            ["jku-header", "x5u-header"]
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","jwk":{},"x5c":[]}"#, p),
            ["jwk-header", "x5c-header"]
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","kid":"../../dev/null"}"#, p),
            ["kid-suspicious"]
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","kid":"x' OR 1=1 --"}"#, p),
            ["kid-suspicious"]
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","kid":"a|b"}"#, p),
            ["kid-suspicious"]
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","kid":"2024-key_1"}"#, p),
            Vec::<&str>::new()
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, p),
            ["crit-unsupported"]
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, p),
            ["b64-false"]
        );
        assert_eq!(
            codes(r#"{"alg":"HS256","a":1,"a":2}"#, p),
            ["duplicate-key"]
        );
        assert_eq!(codes(r#"{"alg":"EdDSA"}"#, p), ["eddsa-deprecated"]);
        assert_eq!(codes(r#"{"alg":"Ed25519"}"#, p), Vec::<&str>::new());
        assert_eq!(codes(r#"{"alg":"Ed448"}"#, p), Vec::<&str>::new());
    }

    #[test]
    fn empty_signature_with_a_real_alg_is_a_null_signature() {
        let t = format!(
            "{}.{}.",
            encode(br#"{"alg":"RS256"}"#),
            encode(br#"{"exp":1767226000}"#)
        );
        let c: Vec<_> = token_findings(&decode(&t), NOW)
            .into_iter()
            .map(|f| f.code.into_owned())
            .collect();
        assert_eq!(c, ["null-signature", "missing-iss", "missing-aud"]);
    }

    #[test]
    fn cleaned_input_is_reported() {
        let f = token_findings(
            &decode(&format!(" Bearer {}", crate::core::SAMPLE_TOKEN)),
            NOW,
        );
        let cleaned = f.iter().find(|f| f.code == "input-cleaned").unwrap();
        assert_eq!(f[0].severity, Severity::Warning, "warnings before info");
        assert_eq!(cleaned.severity, Severity::Info);
        assert_eq!(
            cleaned.detail,
            "Removed an Authorization/Bearer prefix, whitespace and line breaks before decoding."
        );
    }

    #[test]
    fn audience_and_typing_notes_apply_exactly() {
        let h = r#"{"alg":"RS256","typ":"JWT"}"#;
        let exp = r#""exp":1767226000"#;
        assert_eq!(
            all_codes(h, &format!("{{{exp}}}")),
            ["missing-iss", "missing-aud"]
        );
        assert!(all_codes(h, &format!(r#"{{"iss":"i","aud":"a",{exp}}}"#)).is_empty());
        // Cognito-style access token: no aud, but a client_id; typed JWT.
        assert_eq!(
            all_codes(
                h,
                &format!(r#"{{"iss":"i","client_id":"c","scope":"s",{exp}}}"#)
            ),
            ["explicit-typing"]
        );
        let at = r#"{"alg":"RS256","typ":"at+jwt"}"#;
        assert!(all_codes(at, &format!(r#"{{"iss":"i","aud":"a","scope":"s",{exp}}}"#)).is_empty());
        // An ID token with scopes-like claims but a nonce is not an access token.
        assert!(all_codes(
            h,
            &format!(r#"{{"iss":"i","aud":"a","scp":"s","nonce":"n",{exp}}}"#)
        )
        .is_empty());
    }

    #[test]
    fn sensitive_data_is_found_and_profile_claims_are_not() {
        let h = r#"{"alg":"HS256"}"#;
        let base = r#""iss":"i","aud":"a","exp":1767226000"#;
        let sensitive = |extra: &str| {
            let p = format!("{{{base},{extra}}}");
            token_findings(&decode(&token(h, &p)), NOW)
                .into_iter()
                .find(|f| f.code == "sensitive-data")
                .map(|f| f.detail)
        };
        for (extra, words) in [
            (
                r#""password":"hunter2""#,
                "\"password\" looks like a password",
            ),
            (
                r#""user":{"client_secret":"x"}"#,
                "\"client_secret\" looks like a client secret",
            ),
            (r#""Api-Key":"k""#, "\"Api-Key\" looks like an API key"),
            (
                r#""card":"4111 1111 1111 1111""#,
                "\"card\" holds a payment card number",
            ),
            (
                r#""note":"-----BEGIN PRIVATE KEY-----\nMII""#,
                "\"note\" holds a private key",
            ),
            (
                r#""k":"AKIAIOSFODNN7EXAMPLE""#,
                "\"k\" holds a cloud access key ID",
            ),
            (
                r#""tax":"123-45-6789""#,
                "\"tax\" holds a national ID number",
            ),
        ] {
            let detail = sensitive(extra).unwrap_or_else(|| panic!("not found in {extra}"));
            assert!(detail.starts_with(words), "{detail}");
        }
        for extra in [
            r#""email":"a@b.example","name":"Ada","phone_number":"+4411111111111111""#,
            r#""pwd_exp":"3600","pwd_url":"https://x""#,
            r#""sub":"4111111111111111","password_set":true"#,
            r#""card":"4111 1111 1111 1112""#,
            r#""ssn":"""#,
            r#""tax":"000-12-3456""#,
        ] {
            assert_eq!(sensitive(extra), None, "{extra}");
        }
    }

    #[test]
    fn nested_tokens_are_noticed() {
        let inner = crate::core::SAMPLE_TOKEN;
        let t = format!(
            "{}.{}.c2ln",
            encode(br#"{"alg":"HS256","cty":"JWT"}"#),
            encode(inner.as_bytes())
        );
        let f = token_findings(&decode(&t), NOW);
        assert!(f
            .iter()
            .any(|f| f.code == "nested-jwt" && f.detail.starts_with("The payload is itself")));
        let t = format!(
            "{}.{}.c2ln",
            encode(br#"{"alg":"HS256","cty":"JWT"}"#),
            encode(b"{}")
        );
        let f = token_findings(&decode(&t), NOW);
        assert!(f
            .iter()
            .any(|f| f.code == "nested-jwt" && f.detail.contains("does not decode")));
        assert!(!all_codes(r#"{"alg":"HS256"}"#, "{}").contains(&"nested-jwt".to_string()));
    }

    #[test]
    fn an_x5c_chain_is_read_out_with_its_dates() {
        let der = include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fuzz/seeds/keys/c.der"
        ));
        let b64 = {
            use base64::Engine;
            base64::engine::general_purpose::STANDARD.encode(der)
        };
        let header = format!(r#"{{"alg":"RS256","x5c":["{b64}","bm90IGEgY2VydA"]}}"#);
        let d = decode(&token(&header, "{}"));
        let f = x5c_findings(&d, NOW);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "x5c-chain");
        assert_eq!(f[0].severity, Severity::Warning, "{}", f[0].detail);
        assert!(
            f[0].detail.starts_with(
                "Certificate 1: subject \"CN=seed\", issued by \"CN=seed\", valid from "
            ),
            "{}",
            f[0].detail
        );
        // The certificate is valid for one day in November 2026.
        assert!(
            f[0].detail.contains("(not valid for another 10 months)"),
            "{}",
            f[0].detail
        );
        assert!(
            f[0].detail.contains("Certificate 2 cannot be read"),
            "{}",
            f[0].detail
        );
        assert!(x5c_findings(&decode(&token(r#"{"alg":"RS256"}"#, "{}")), NOW).is_empty());
        let bad = x5c_findings(&decode(&token(r#"{"alg":"RS256","x5c":[]}"#, "{}")), NOW);
        assert_eq!(bad[0].title, "Unreadable certificate chain");
    }
}
