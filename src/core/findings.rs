//! What is wrong with, or worth knowing about, a token: plain-words findings
//! with stable codes (see the UI contract).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::claims;
use super::errors::Segment;
use super::token::{Decoded, PayloadView, TokenKind};

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
    if d.kind == TokenKind::Jwe {
        out.push(finding(
            "jwe",
            Severity::Info,
            "Encrypted token (JWE)",
            "This is a 5-part JWE: only its header can be read. There is no signature to verify."
                .into(),
        ));
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
    for (name, code, title) in embedded {
        if header.get(name).is_some() {
            out.push(finding(
                code,
                Severity::Warning,
                title,
                format!(
                    "The header carries its own key (\"{name}\"). Verifying with it proves nothing unless that key is checked against one you already trust."
                ),
            ));
        }
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

    fn token(header: &str, payload: &str) -> String {
        format!(
            "{}.{}.c2ln",
            encode(header.as_bytes()),
            encode(payload.as_bytes())
        )
    }

    fn codes(header: &str, payload: &str) -> Vec<String> {
        token_findings(&decode(&token(header, payload)), NOW)
            .into_iter()
            .map(|f| f.code.into_owned())
            .collect()
    }

    #[test]
    fn sample_is_long_lived_only() {
        let f = token_findings(&decode(crate::core::SAMPLE_TOKEN), NOW);
        let c: Vec<_> = f.iter().map(|f| f.code.as_ref()).collect();
        assert_eq!(c, ["long-lifetime"]);
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
        assert_eq!(c, ["null-signature"]);
    }

    #[test]
    fn cleaned_input_is_reported() {
        let f = token_findings(
            &decode(&format!(" Bearer {}", crate::core::SAMPLE_TOKEN)),
            NOW,
        );
        assert_eq!(f[0].code, "input-cleaned");
        assert_eq!(
            f[0].detail,
            "Removed an Authorization/Bearer prefix, whitespace and line breaks before decoding."
        );
    }
}
