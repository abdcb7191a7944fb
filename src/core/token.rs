//! From pasted text to a decoded token: clean what people paste, split into
//! segments, decode each segment independently so one broken part never hides
//! the others.

use std::ops::Range;

use serde_json::Value;

use super::base64url::{self, Base64Notes, Base64Problem};
use super::errors::{DecodeError, DecodeErrorKind, Segment};
use super::jose_json::{self, JoseJson, JwsJson};
use super::json::{self, JsonDoc};
use super::sd_jwt;

/// What was stripped from the pasted text before decoding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaning {
    pub whitespace: bool,
    pub bearer: bool,
    pub quotes: bool,
}

impl Cleaning {
    pub fn any(self) -> bool {
        self.whitespace || self.bearer || self.quotes
    }
}

/// How a run of the raw input is coloured in the token view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// Stripped before decoding (whitespace, `Bearer `, quotes).
    Removed,
    Dot,
    /// The n-th dot-separated part (0 = header).
    Part(usize),
    /// A JWS or JWE in JSON serialization: not split into parts.
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the raw input (always on char boundaries).
    pub range: Range<usize>,
    pub kind: SpanKind,
}

/// The token text after cleaning, and where the kept text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanInput {
    pub token: String,
    pub cleaning: Cleaning,
    /// Byte range of the raw input that holds the token (inner whitespace
    /// included).
    pub core: Range<usize>,
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Strips surrounding whitespace, quotes, an `Authorization:` header name and
/// a `Bearer` scheme, then every whitespace character inside.
pub fn clean(raw: &str) -> CleanInput {
    let mut cleaning = Cleaning::default();
    let mut start = 0;
    let mut end = raw.len();
    loop {
        let s = &raw[start..end];
        let trimmed = s.trim_start();
        let t = trimmed.trim_end();
        if t.len() != s.len() {
            cleaning.whitespace = true;
        }
        let lead = s.len() - trimmed.len();
        let (mut ns, mut ne) = (start + lead, start + lead + t.len());
        if let Some(rest) = strip_prefix_ci(t, "authorization:") {
            cleaning.bearer = true;
            ns += t.len() - rest.len();
        } else if let Some(rest) = strip_prefix_ci(t, "bearer") {
            if rest.starts_with(char::is_whitespace) {
                cleaning.bearer = true;
                ns += t.len() - rest.len();
            }
        } else {
            for q in ['"', '\'', '`'] {
                if t.len() >= 2 && t.starts_with(q) && t.ends_with(q) {
                    cleaning.quotes = true;
                    ns += 1;
                    ne -= 1;
                    break;
                }
            }
        }
        if (ns, ne) == (start, end) {
            break;
        }
        start = ns;
        end = ne;
    }
    let core = &raw[start..end];
    // Printable ASCII has no whitespace to drop: copied whole, a giant
    // paste costs a copy instead of a walk over every character.
    let token: String = if core.bytes().all(|b| b.is_ascii_graphic()) {
        core.to_string()
    } else {
        core.chars().filter(|c| !c.is_whitespace()).collect()
    };
    if token.len() != core.len() {
        cleaning.whitespace = true;
    }
    CleanInput {
        token,
        cleaning,
        core: start..end,
    }
}

/// Colour runs for the raw input: removed text, dots and numbered parts.
pub fn highlight(raw: &str, clean: &CleanInput) -> Vec<Span> {
    if jose_json::looks_like_json(raw) {
        return vec![Span {
            range: 0..raw.len(),
            kind: SpanKind::Json,
        }];
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut push = |range: Range<usize>, kind: SpanKind| {
        if range.is_empty() {
            return;
        }
        if let Some(last) = spans.last_mut() {
            if last.kind == kind && last.range.end == range.start {
                last.range.end = range.end;
                return;
            }
        }
        spans.push(Span { range, kind });
    };
    push(0..clean.core.start, SpanKind::Removed);
    let mut part = 0;
    for (i, ch) in raw[clean.core.clone()].char_indices() {
        let at = clean.core.start + i;
        let range = at..at + ch.len_utf8();
        if ch.is_whitespace() {
            push(range, SpanKind::Removed);
        } else if ch == '.' {
            push(range, SpanKind::Dot);
            part += 1;
        } else {
            push(range, SpanKind::Part(part));
        }
    }
    push(clean.core.end..raw.len(), SpanKind::Removed);
    spans
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Nothing to decode.
    Empty,
    /// A compact JWS (3 parts).
    Jws,
    /// A compact JWE (5 parts): only the header can be read.
    Jwe,
    /// Any other number of parts.
    Malformed,
}

/// The payload as it can be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum PayloadView {
    /// Not decoded (missing or broken segment).
    None,
    Json(JsonDoc),
    /// UTF-8 text that is not JSON.
    Text(String),
    /// Bytes that are not UTF-8, as lower-case hex.
    Hex(String),
}

/// A base64url leniency found in one segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentNotes {
    pub segment: Segment,
    pub notes: Base64Notes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub clean: CleanInput,
    pub kind: TokenKind,
    /// Number of dot-separated parts in the cleaned input.
    pub part_count: usize,
    pub header: Option<JsonDoc>,
    pub payload: PayloadView,
    /// Raw payload bytes (what a signature covers when `b64` is false).
    pub payload_bytes: Option<Vec<u8>>,
    pub signature: Option<Vec<u8>>,
    /// Every reason the token cannot be fully decoded, in segment order.
    pub errors: Vec<DecodeError>,
    pub base64_notes: Vec<SegmentNotes>,
    /// For an SD-JWT (`jwt~disclosure~…~[kb-jwt]`): its parts and, when the
    /// issuer-signed payload is JSON, the disclosures matched against it.
    /// Everything else here describes the issuer-signed JWT.
    pub sd: Option<SdView>,
    /// A JWS or JWE pasted in JSON serialization. Everything else here then
    /// describes its first signature (with `clean.token` that entry as a
    /// compact JWS) or, for a JWE, its first recipient's header.
    pub json: Option<Box<JoseJson>>,
}

/// An SD-JWT as read from the input.
#[derive(Debug, Clone, PartialEq)]
pub struct SdView {
    pub parts: sd_jwt::Parts,
    pub processed: Option<sd_jwt::Processed>,
}

impl Decoded {
    /// Nothing decoded yet: `kind` for `clean`, every other field empty.
    fn bare(clean: CleanInput, kind: TokenKind) -> Decoded {
        Decoded {
            clean,
            kind,
            part_count: 0,
            header: None,
            payload: PayloadView::None,
            payload_bytes: None,
            signature: None,
            errors: Vec::new(),
            base64_notes: Vec::new(),
            sd: None,
            json: None,
        }
    }

    /// The header's `alg` when it is a string.
    pub fn alg(&self) -> Option<&str> {
        self.header.as_ref()?.value.get("alg")?.as_str()
    }

    /// The header value of `name`, if the header decoded.
    pub fn header_param(&self, name: &str) -> Option<&Value> {
        self.header.as_ref()?.value.get(name)
    }

    /// The claims object, when the payload is a JSON object.
    pub fn claims(&self) -> Option<&serde_json::Map<String, Value>> {
        match &self.payload {
            PayloadView::Json(doc) => doc.value.as_object(),
            _ => None,
        }
    }

    /// The JWS, when one was pasted in JSON serialization.
    pub fn json_jws(&self) -> Option<&JwsJson> {
        match self.json.as_deref()? {
            JoseJson::Jws(jws) => Some(jws),
            JoseJson::Jwe(_) => None,
        }
    }

    /// The compact JWS or JWE: the cleaned token, or an SD-JWT's
    /// issuer-signed JWT (what comes before its first `~`).
    pub fn jws_text(&self) -> &str {
        self.clean.token.split('~').next().unwrap_or_default()
    }

    /// The dot-separated segments of [`Decoded::jws_text`].
    pub fn segments(&self) -> Vec<&str> {
        self.jws_text().split('.').collect()
    }

    /// A JWS whose payload part is empty: detached content (RFC 7515
    /// Appendix F) or an empty payload.
    pub fn payload_is_empty(&self) -> bool {
        if let Some(jws) = self.json_jws() {
            return jws.payload.is_none();
        }
        self.kind == TokenKind::Jws && self.jws_text().split('.').nth(1) == Some("")
    }

    /// Whether the header decoded well enough for the signature to be checked.
    pub fn is_verifiable(&self) -> bool {
        self.kind == TokenKind::Jws
            && self.header.is_some()
            && !self
                .errors
                .iter()
                .any(|e| matches!(e.segment, None | Some(Segment::Header)))
    }

    /// `header.payload` as it appears in the token: the JWS signing input.
    pub fn signing_input(&self) -> Option<&str> {
        if self.kind != TokenKind::Jws {
            return None;
        }
        let jws = self.jws_text();
        let last_dot = jws.rfind('.')?;
        Some(&jws[..last_dot])
    }
}

/// Decodes whatever was pasted. Never panics; every problem becomes a
/// [`DecodeError`] and everything that did decode is kept.
pub fn decode(raw: &str) -> Decoded {
    let mut out = Decoded::bare(clean(raw), TokenKind::Malformed);
    if jose_json::looks_like_json(raw) {
        return decode_json(raw);
    }
    if out.clean.token.is_empty() {
        out.kind = TokenKind::Empty;
        out.errors.push(DecodeError::whole(DecodeErrorKind::Empty));
        return out;
    }
    let sd_parts = sd_jwt::split(&out.clean.token);
    let token = match &sd_parts {
        Some(sd) => sd.issuer_jwt.clone(),
        None => out.clean.token.clone(),
    };
    let parts: Vec<&str> = token.split('.').collect();
    out.part_count = parts.len();
    match parts.len() {
        3 => out.kind = TokenKind::Jws,
        // A JWE decodes (its header here, its content in the crypto
        // worker with a key): no error.
        5 => out.kind = TokenKind::Jwe,
        found => out
            .errors
            .push(DecodeError::whole(DecodeErrorKind::WrongPartCount {
                found,
            })),
    }

    // Offsets of each part in the cleaned token, for token-wide positions.
    let mut starts = Vec::with_capacity(parts.len());
    let mut at = 0;
    for p in &parts {
        starts.push(at);
        at += p.chars().count() + 1;
    }

    // The header is the first part whatever the count, so it is shown even
    // for a JWE or a token with a part missing.
    if let Some(bytes) = decode_segment(&mut out, Segment::Header, parts[0], starts[0], false) {
        out.header = decode_header(&mut out.errors, &bytes);
    }
    if out.kind == TokenKind::Jwe {
        return out;
    }
    if let Some(payload) = parts.get(1) {
        // An empty payload is legal in a JWS (detached content).
        if let Some(bytes) = decode_segment(&mut out, Segment::Payload, payload, starts[1], true) {
            out.payload = decode_payload(&mut out.errors, &bytes);
            out.payload_bytes = Some(bytes);
        }
    }
    if let Some(sig) = parts.get(2) {
        // An empty signature is what `alg: none` has; findings judge it.
        out.signature = if sig.is_empty() {
            Some(Vec::new())
        } else {
            decode_segment(&mut out, Segment::Signature, sig, starts[2], false)
        };
    }
    out.sd = sd_parts.map(|parts| {
        let processed = match &out.payload {
            PayloadView::Json(doc) => Some(sd_jwt::process(&doc.value, &parts.disclosures)),
            _ => None,
        };
        SdView { parts, processed }
    });
    out
}

fn decode_segment(
    out: &mut Decoded,
    segment: Segment,
    text: &str,
    token_start: usize,
    empty_ok: bool,
) -> Option<Vec<u8>> {
    if text.is_empty() {
        if empty_ok {
            return Some(Vec::new());
        }
        out.errors
            .push(DecodeError::at(segment, DecodeErrorKind::EmptySegment));
        return None;
    }
    match base64url::decode(text) {
        Ok((bytes, notes)) => {
            if notes != Base64Notes::default() {
                out.base64_notes.push(SegmentNotes { segment, notes });
            }
            Some(bytes)
        }
        Err(problem) => {
            let kind = match problem {
                Base64Problem::InvalidChar { ch, offset } => DecodeErrorKind::InvalidChar {
                    ch,
                    offset,
                    token_offset: token_start + offset,
                },
                Base64Problem::BadLength { len } => DecodeErrorKind::BadLength { len },
                Base64Problem::TrailingBits { offset } => DecodeErrorKind::TrailingBits { offset },
            };
            out.errors.push(DecodeError::at(segment, kind));
            None
        }
    }
}

fn utf8(errors: &mut Vec<DecodeError>, segment: Segment, bytes: &[u8]) -> Option<String> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(s.to_string()),
        Err(e) => {
            errors.push(DecodeError::at(
                segment,
                DecodeErrorKind::InvalidUtf8 {
                    byte_offset: e.valid_up_to(),
                },
            ));
            None
        }
    }
}

fn json_error(segment: Segment, e: json::JsonError) -> DecodeError {
    DecodeError::at(
        segment,
        DecodeErrorKind::JsonSyntax {
            line: e.line,
            column: e.column,
            message: e.message,
        },
    )
}

fn decode_header(errors: &mut Vec<DecodeError>, bytes: &[u8]) -> Option<JsonDoc> {
    let text = utf8(errors, Segment::Header, bytes)?;
    let doc = match json::parse(&text) {
        Ok(doc) => doc,
        Err(e) => {
            errors.push(json_error(Segment::Header, e));
            return None;
        }
    };
    match doc.value.as_object() {
        None => {
            errors.push(DecodeError::at(
                Segment::Header,
                DecodeErrorKind::NotAnObject {
                    found: json::type_name(&doc.value),
                },
            ));
            // Still shown: seeing the value explains the error.
        }
        Some(map) => match map.get("alg") {
            None => errors.push(DecodeError::at(
                Segment::Header,
                DecodeErrorKind::MissingAlg,
            )),
            Some(Value::String(_)) => {}
            Some(other) => errors.push(DecodeError::at(
                Segment::Header,
                DecodeErrorKind::AlgNotString {
                    found: json::type_name(other),
                },
            )),
        },
    }
    Some(doc)
}

/// A JWS or JWE in JSON serialization; a refused one is a token error.
fn decode_json(raw: &str) -> Decoded {
    let start = raw.len() - raw.trim_start().len();
    let core = start..raw.trim_end().len().max(start);
    let clean = CleanInput {
        token: raw[core.clone()].to_string(),
        cleaning: Cleaning::default(),
        core: core.clone(),
    };
    match jose_json::parse(raw) {
        Ok(JoseJson::Jws(jws)) => {
            let mut out = json_entry(&jws, 0);
            out.clean.core = core;
            out.json = Some(Box::new(JoseJson::Jws(jws)));
            out
        }
        Ok(JoseJson::Jwe(jwe)) => {
            let mut out = Decoded::bare(clean, TokenKind::Jwe);
            out.part_count = 5;
            out.header = header_doc(&mut Vec::new(), jwe.header(0));
            out.json = Some(Box::new(JoseJson::Jwe(jwe)));
            out
        }
        Err(e) => {
            let mut out = Decoded::bare(clean, TokenKind::Malformed);
            out.errors
                .push(DecodeError::whole(DecodeErrorKind::JsonSerialization {
                    message: e.message,
                }));
            out
        }
    }
}

/// Signature `i` of a JWS in JSON as a compact token would decode: its
/// header is the entry's protected and unprotected members together, and
/// `clean.token` is `protected.payload.signature` (the payload part empty
/// when detached or unencoded, whose bytes verification then takes as the
/// detached content). Out of range gives an empty token.
pub fn json_entry(jws: &JwsJson, i: usize) -> Decoded {
    let Some(entry) = jws.entries.get(i) else {
        return decode("");
    };
    let compact = jws.compact(i).unwrap_or_default();
    let mut errors = Vec::new();
    let header = header_doc(&mut errors, entry.header());
    let bytes = jws.payload_bytes().unwrap_or_default();
    let payload = if jws.payload.is_none() {
        PayloadView::None
    } else {
        decode_payload(&mut errors, &bytes)
    };
    let mut out = Decoded::bare(
        CleanInput {
            core: 0..compact.len(),
            token: compact,
            cleaning: Cleaning::default(),
        },
        TokenKind::Jws,
    );
    out.part_count = 3;
    out.header = header;
    out.payload = payload;
    out.payload_bytes = Some(bytes);
    out.signature = Some(entry.signature.clone());
    out.errors = errors;
    out
}

/// A joined JOSE header as a document, checked as a compact header is.
fn header_doc(
    errors: &mut Vec<DecodeError>,
    header: serde_json::Map<String, Value>,
) -> Option<JsonDoc> {
    let text = serde_json::to_string(&Value::Object(header)).unwrap_or_default();
    decode_header(errors, text.as_bytes())
}

/// `decoded` with `bytes` as its payload: a JWE's decrypted plaintext, read
/// as a JWS payload is, so claims and findings apply to it.
pub fn with_payload(decoded: &Decoded, bytes: &[u8]) -> Decoded {
    let mut errors = Vec::new();
    Decoded {
        payload: decode_payload(&mut errors, bytes),
        payload_bytes: Some(bytes.to_vec()),
        ..decoded.clone()
    }
}

fn decode_payload(errors: &mut Vec<DecodeError>, bytes: &[u8]) -> PayloadView {
    let Ok(text) = std::str::from_utf8(bytes) else {
        // A JWS may carry any bytes; shown as hex with a note, not an error.
        return PayloadView::Hex(base64url::to_hex(bytes));
    };
    let looks_like_json = matches!(text.trim_start().chars().next(), Some('{' | '['));
    match json::parse(text) {
        Ok(doc) => {
            if !doc.value.is_object() {
                errors.push(DecodeError::at(
                    Segment::Payload,
                    DecodeErrorKind::NotAnObject {
                        found: json::type_name(&doc.value),
                    },
                ));
            }
            PayloadView::Json(doc)
        }
        Err(e) => {
            if looks_like_json {
                errors.push(json_error(Segment::Payload, e));
            }
            PayloadView::Text(text.to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub const SAMPLE: &str = crate::core::SAMPLE_TOKEN;

    fn b64(s: &str) -> String {
        base64url::encode(s.as_bytes())
    }

    #[test]
    fn decodes_the_sample() {
        let d = decode(SAMPLE);
        assert_eq!(d.kind, TokenKind::Jws);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(d.alg(), Some("HS256"));
        let claims: Vec<&str> = d.claims().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(claims, ["iss", "sub", "aud", "iat", "nbf", "exp", "scope"]);
        assert_eq!(d.signature.as_ref().unwrap().len(), 32);
        assert!(d.is_verifiable());
    }

    #[test]
    fn cleans_bearer_quotes_and_whitespace() {
        let raw = format!("  Bearer \"{}\n{}\"\n", &SAMPLE[..20], &SAMPLE[20..]);
        let d = decode(&raw);
        assert_eq!(d.clean.token, SAMPLE);
        assert_eq!(
            d.clean.cleaning,
            Cleaning {
                whitespace: true,
                bearer: true,
                quotes: true
            }
        );
        assert!(d.errors.is_empty());
        let raw = format!("Authorization: Bearer {SAMPLE}");
        assert_eq!(decode(&raw).clean.token, SAMPLE);
        assert!(!decode(SAMPLE).clean.cleaning.any());
    }

    #[test]
    fn highlight_colours_parts_dots_and_removed_text() {
        let raw = "Bearer ab.cd\n.ef ";
        let c = clean(raw);
        let kinds: Vec<(&str, SpanKind)> = highlight(raw, &c)
            .into_iter()
            .map(|s| (&raw[s.range], s.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                ("Bearer ", SpanKind::Removed),
                ("ab", SpanKind::Part(0)),
                (".", SpanKind::Dot),
                ("cd", SpanKind::Part(1)),
                ("\n", SpanKind::Removed),
                (".", SpanKind::Dot),
                ("ef", SpanKind::Part(2)),
                (" ", SpanKind::Removed),
            ]
        );
    }

    #[test]
    fn wrong_part_counts_say_how_many() {
        let d = decode("abc.def");
        assert_eq!(d.kind, TokenKind::Malformed);
        assert_eq!(
            d.errors[0].to_string(),
            "A JWT has 3 parts separated by dots (header.payload.signature); this input has 2 parts. Check that the whole token was copied."
        );
        let d = decode("....");
        assert_eq!(d.part_count, 5);
        assert_eq!(d.kind, TokenKind::Jwe);
    }

    #[test]
    fn jwe_header_is_still_shown() {
        let jwe = format!("{}.a.b.c.d", b64(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#));
        let d = decode(&jwe);
        assert_eq!(d.kind, TokenKind::Jwe);
        assert_eq!(d.header.unwrap().value["enc"], "A256GCM");
        assert!(d.errors.is_empty(), "{:?}", d.errors);
    }

    #[test]
    fn bad_character_is_located_and_other_parts_still_decode() {
        let token = format!("{}.ab!c.sig", b64(r#"{"alg":"HS256"}"#));
        let d = decode(&token);
        assert!(d.header.is_some());
        assert_eq!(d.errors.len(), 1);
        let header_len = b64(r#"{"alg":"HS256"}"#).len();
        assert_eq!(
            d.errors[0].kind,
            DecodeErrorKind::InvalidChar {
                ch: '!',
                offset: 2,
                token_offset: header_len + 1 + 2
            }
        );
        assert!(d.errors[0]
            .to_string()
            .starts_with("The payload (part 2) has a character that is not base64url: '!'"));
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let token = format!("{}.{}.", b64(r#"{"alg":"HS256"}"#), b64("{\"a\":1,}"));
        let d = decode(&token);
        assert_eq!(
            d.errors[0].to_string(),
            "The payload (part 2) is not valid JSON: trailing comma at line 1, column 8."
        );
        assert_eq!(d.payload, PayloadView::Text("{\"a\":1,}".into()));
    }

    #[test]
    fn header_problems_are_errors() {
        let no_alg = format!("{}.{}.", b64(r#"{"typ":"JWT"}"#), b64("{}"));
        assert_eq!(decode(&no_alg).errors[0].kind, DecodeErrorKind::MissingAlg);
        let num_alg = format!("{}.{}.", b64(r#"{"alg":256}"#), b64("{}"));
        assert_eq!(
            decode(&num_alg).errors[0].kind,
            DecodeErrorKind::AlgNotString { found: "a number" }
        );
        let array = format!("{}.{}.", b64("[1]"), b64("{}"));
        assert_eq!(
            decode(&array).errors[0].kind,
            DecodeErrorKind::NotAnObject { found: "an array" }
        );
        let bad_utf8 = format!("{}.{}.", base64url::encode(&[b'{', 0xff]), b64("{}"));
        assert_eq!(
            decode(&bad_utf8).errors[0].kind,
            DecodeErrorKind::InvalidUtf8 { byte_offset: 1 }
        );
    }

    #[test]
    fn non_json_payloads_are_shown_not_rejected() {
        let text = format!("{}.{}.", b64(r#"{"alg":"HS256"}"#), b64("hello"));
        let d = decode(&text);
        assert!(d.errors.is_empty());
        assert_eq!(d.payload, PayloadView::Text("hello".into()));
        let bin = format!(
            "{}.{}.",
            b64(r#"{"alg":"HS256"}"#),
            base64url::encode(&[0xff, 0])
        );
        assert_eq!(decode(&bin).payload, PayloadView::Hex("ff00".into()));
    }

    #[test]
    fn standard_base64_decodes_with_a_note() {
        let header = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            r#"{"alg":"HS256","x":"??>"}"#,
        );
        assert!(header.contains('/') || header.contains('+') || header.ends_with('='));
        let d = decode(&format!("{header}.{}.", b64("{}")));
        assert!(d.header.is_some(), "{:?}", d.errors);
        assert_eq!(d.base64_notes[0].segment, Segment::Header);
    }

    #[test]
    fn signing_input_is_the_first_two_segments() {
        let d = decode(SAMPLE);
        let last = SAMPLE.rfind('.').unwrap();
        assert_eq!(d.signing_input(), Some(&SAMPLE[..last]));
    }
}
