//! Property tests for the pure core: whatever is pasted, decoding never
//! panics and what it reports stays consistent with the input.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use jwt_debugger::core::base64url;
use jwt_debugger::core::engine::{self, Message, Request, Response, VerifyJob};
use jwt_debugger::core::errors::{DecodeError, DecodeErrorKind, Segment};
use jwt_debugger::core::findings::{token_findings, Finding};
use jwt_debugger::core::json::{self, PieceKind};
use jwt_debugger::core::keys::{self, KeyShape, SecretEncoding};
use jwt_debugger::core::token::{self, Decoded, PayloadView, SpanKind, TokenKind};
use jwt_debugger::core::verify::{self, Route, VerifyRequest};
use jwt_debugger::core::{claims, sd_jwt, SAMPLE_SECRET, SAMPLE_TOKEN};
use proptest::prelude::*;
use proptest::sample::select;

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/// Every character the pretty printer must escape, so strings can carry them
/// all (C0/C1 controls, bidi overrides, zero-width, tag characters…).
fn hidden_chars() -> &'static [char] {
    static CHARS: OnceLock<Vec<char>> = OnceLock::new();
    CHARS.get_or_init(|| {
        (0..=0xE_00FFu32)
            .filter_map(char::from_u32)
            .filter(|c| json::is_hidden_char(*c))
            .collect()
    })
}

fn hidden_char() -> BoxedStrategy<char> {
    select(hidden_chars()).boxed()
}

/// A JSON `\u` escape of `c`, as a surrogate pair outside the BMP.
fn json_escape(c: char, upper: bool) -> String {
    let mut buf = [0u16; 2];
    c.encode_utf16(&mut buf)
        .iter()
        .map(|u| {
            if upper {
                format!("\\u{u:04X}")
            } else {
                format!("\\u{u:04x}")
            }
        })
        .collect()
}

/// Whitespace JSON allows between tokens.
fn ws() -> BoxedStrategy<&'static str> {
    prop_oneof![
        6 => Just(""),
        1 => select(&[" ", "\n", "\t", "\r\n", "\n    "][..]),
    ]
    .boxed()
}

/// Valid number literals, including the ones serde_json would re-spell
/// (`1E3`, `1e400`, `-0`) and integers beyond 64 bits.
fn number_lit() -> BoxedStrategy<String> {
    prop_oneof![
        2 => select(
            &[
                "1e400", "-1e400", "1E3", "1e3", "-0", "-0.0", "0", "1.50", "2E-1", "1.0e+00",
                "1e-400", "0.1", "1767225600", "4102444800", "1767225600000", "-62135596801",
                "253402300800", "9223372036854775807", "-9223372036854775808",
                "18446744073709551616",
            ][..]
        )
        .prop_map(str::to_string),
        1 => "-?[1-9][0-9]{29}",
        1 => any::<i64>().prop_map(|n| n.to_string()),
        1 => any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(|f| f.to_string()),
        2 => "-?(0|[1-9][0-9]{0,20})(\\.[0-9]{1,12})?([eE][+-]?[0-9]{1,4})?",
    ]
    .boxed()
}

/// One piece of a valid JSON string literal's body.
fn str_piece() -> BoxedStrategy<String> {
    prop_oneof![
        6 => "[a-zA-Z0-9 _.:/~-]{1,6}",
        // Raw hidden characters JSON allows unescaped (DEL and above).
        3 => hidden_char()
            .prop_filter("raw C0 controls are invalid JSON", |c| *c >= ' ')
            .prop_map(|c| c.to_string()),
        3 => (hidden_char(), any::<bool>()).prop_map(|(c, up)| json_escape(c, up)),
        2 => any::<char>()
            .prop_filter("not a delimiter or control", |c| {
                !matches!(c, '"' | '\\') && *c >= ' '
            })
            .prop_map(|c| c.to_string()),
        2 => select(&["\\\"", "\\\\", "\\n", "\\/", "\\b", "\\f", "\\r", "\\t"][..])
            .prop_map(str::to_string),
        1 => select(
            &[
                "<img src=x onerror=alert(1)>",
                "../../dev/null",
                "x' OR 1=1 --",
                "a|b",
                "none",
                "\u{1F600}",
                "e\u{301}",
            ][..]
        )
        .prop_map(str::to_string),
    ]
    .boxed()
}

fn string_lit() -> BoxedStrategy<String> {
    prop_oneof![
        4 => prop::collection::vec(str_piece(), 0..5).prop_map(|p| format!("\"{}\"", p.concat())),
        1 => select(
            &[
                "\"none\"", "\"NoNe\"", "\"HS256\"", "\"RS256\"", "\"ES256\"", "\"b64\"", "\"JWT\"",
                "\"https://x\"",
            ][..]
        )
        .prop_map(str::to_string),
    ]
    .boxed()
}

/// Object keys: a small set so keys repeat, including the ones findings read.
fn key_lit() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(
            &[
                "alg", "typ", "kid", "crit", "b64", "jku", "x5u", "jwk", "x5c", "exp", "nbf",
                "iat", "iss", "sub", "aud", "a", "a/b", "~0", "0", "",
            ][..]
        )
        .prop_map(|k| format!("\"{k}\"")),
        1 => string_lit(),
    ]
    .boxed()
}

fn json_leaf() -> BoxedStrategy<String> {
    prop_oneof![
        3 => number_lit(),
        3 => string_lit(),
        1 => select(&["true", "false", "null"][..]).prop_map(str::to_string),
    ]
    .boxed()
}

fn member(key: String, value: String) -> BoxedStrategy<String> {
    (ws(), ws(), ws(), ws())
        .prop_map(move |(a, b, c, d)| format!("{a}{key}{b}:{c}{value}{d}"))
        .boxed()
}

/// `{…}` from member texts (`"k":v` with whitespace around).
fn braces(members: Vec<String>) -> String {
    format!("{{{}}}", members.join(","))
}

fn object_of(inner: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop::collection::vec(
        (key_lit(), inner).prop_flat_map(|(k, v)| member(k, v)),
        0..6,
    )
    .prop_map(braces)
    .boxed()
}

fn array_of(inner: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop::collection::vec((ws(), inner, ws()), 0..5)
        .prop_map(|items| {
            let items: Vec<String> = items
                .into_iter()
                .map(|(a, v, b)| format!("{a}{v}{b}"))
                .collect();
            format!("[{}]", items.join(","))
        })
        .boxed()
}

/// Valid JSON: nested objects (keys repeat), arrays, awkward strings and
/// numbers.
fn json_value() -> BoxedStrategy<String> {
    json_leaf()
        .prop_recursive(4, 40, 6, |inner| {
            prop_oneof![object_of(inner.clone().boxed()), array_of(inner.boxed())]
        })
        .boxed()
}

/// Breaks JSON the ways pasted or edited text breaks.
fn mutate(text: String, how: u8, at: prop::sample::Index) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let i = at.index(chars.len() + 1);
    let insert = |chars: &mut Vec<char>, s: &str| {
        for (n, c) in s.chars().enumerate() {
            chars.insert(i + n, c);
        }
        chars.iter().collect()
    };
    match how % 8 {
        0 => chars[..i].iter().collect(),
        1 => match text.rfind(['}', ']']) {
            Some(i) => format!("{},{}", &text[..i], &text[i..]),
            None => text,
        },
        2 => format!("{text} x"),
        3 => insert(&mut chars, "\u{0}"),
        4 => insert(&mut chars, "\\ud800"),
        5 => insert(&mut chars, "\u{c}"),
        6 => insert(&mut chars, ",,"),
        _ => insert(&mut chars, "\"\\x"),
    }
}

fn broken(valid: BoxedStrategy<String>) -> BoxedStrategy<String> {
    (valid, any::<u8>(), any::<prop::sample::Index>())
        .prop_map(|(t, how, at)| mutate(t, how, at))
        .boxed()
}

/// JSON-ish text: a valid document most of the time, else a broken one.
fn json_text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => (ws(), json_value(), ws()).prop_map(|(a, v, b)| format!("{a}{v}{b}")),
        1 => broken(json_value()),
    ]
    .boxed()
}

/// A header: usually an `alg` first, then anything a header may hold.
fn header_text() -> BoxedStrategy<String> {
    let alg = prop_oneof![
        4 => select(&["HS256", "RS256", "ES512", "EdDSA", "none", "NONE", "nOnE", "hs256"][..])
            .prop_map(|a| format!("\"{a}\"")),
        1 => json_leaf(),
    ];
    let valid = (
        alg.prop_flat_map(|a| member("\"alg\"".into(), a)),
        prop::collection::vec(
            prop_oneof![
                3 => (key_lit(), json_value()).prop_flat_map(|(k, v)| member(k, v)),
                // Members findings react to, rare by chance alone.
                1 => select(
                    &[
                        "\"b64\":false",
                        "\"crit\":[\"b64\"]",
                        "\"crit\":[\"exp\"]",
                        "\"crit\":[]",
                        "\"kid\":\"../x\"",
                        "\"kid\":\"k-1\"",
                        "\"jku\":\"https://x\"",
                        "\"jwk\":{}",
                    ][..]
                )
                .prop_map(str::to_string),
            ],
            0..4,
        ),
    )
        .prop_map(|(alg, mut rest)| {
            rest.insert(0, alg);
            braces(rest)
        });
    prop_oneof![6 => valid, 1 => object_of(json_value()), 1 => json_text()].boxed()
}

/// Claims: time claims near now or far from it, and anything else.
fn claims_text() -> BoxedStrategy<String> {
    let time = prop_oneof![
        3 => (1_700_000_000i64..1_900_000_000).prop_map(|n| n.to_string()),
        2 => any::<i64>().prop_map(|n| n.to_string()),
        1 => (-100_000_000_000i64..300_000_000_000).prop_map(|n| format!("{n}.5")),
        1 => json_leaf(),
    ];
    let time_member = (select(&["exp", "nbf", "iat"][..]), time)
        .prop_flat_map(|(k, v)| member(format!("\"{k}\""), v));
    let other = (key_lit(), json_value()).prop_flat_map(|(k, v)| member(k, v));
    let valid =
        prop::collection::vec(prop_oneof![2 => time_member, 1 => other], 0..7).prop_map(braces);
    prop_oneof![6 => valid, 1 => json_text(), 1 => broken(object_of(json_value()))].boxed()
}

/// One dot-separated part of a token-shaped input.
#[derive(Debug, Clone)]
enum Seg {
    /// Canonical base64url of these bytes.
    Bytes(Vec<u8>),
    /// Standard base64 (`+`, `/`, `=` padding) of these bytes.
    StdBytes(Vec<u8>),
    /// Canonical base64url of this JSON-ish text.
    Json(String),
    /// Random characters: both base64 alphabets, `=+/!` and non-ASCII.
    Chars(String),
}

impl Seg {
    fn text(&self) -> String {
        match self {
            Seg::Bytes(b) => base64url::encode(b),
            Seg::StdBytes(b) => STANDARD.encode(b),
            Seg::Json(t) => base64url::encode(t.as_bytes()),
            Seg::Chars(s) => s.clone(),
        }
    }

    /// The bytes the segment must decode to, when known.
    fn bytes(&self) -> Option<Vec<u8>> {
        match self {
            Seg::Bytes(b) | Seg::StdBytes(b) => Some(b.clone()),
            Seg::Json(t) => Some(t.as_bytes().to_vec()),
            Seg::Chars(_) => None,
        }
    }
}

fn chars_seg() -> BoxedStrategy<Seg> {
    prop_oneof![
        2 => "[A-Za-z0-9_+/=!-]{0,24}".prop_map(Seg::Chars),
        1 => prop::collection::vec(
            prop_oneof![
                6 => select(&['a', 'Z', '0', '-', '_', '+', '/', '=', '!'][..]),
                1 => select(&['é', '€', '😀', '\u{202e}', '\u{200b}', '\u{a0}', '\u{3000}', 'Ａ'][..]),
                1 => any::<char>().prop_filter("no dot", |c| *c != '.'),
            ],
            0..16
        )
        .prop_map(|c| Seg::Chars(c.into_iter().collect())),
    ]
.boxed()
}

fn seg() -> BoxedStrategy<Seg> {
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..48).prop_map(Seg::Bytes),
        1 => prop::collection::vec(any::<u8>(), 0..16).prop_map(Seg::StdBytes),
        2 => header_text().prop_map(Seg::Json),
        2 => claims_text().prop_map(Seg::Json),
        2 => chars_seg(),
    ]
    .boxed()
}

/// Token-shaped inputs: mostly a JWS (header, claims, signature, each
/// sometimes replaced by anything), else 1 to 7 arbitrary parts.
fn token_segs() -> BoxedStrategy<Vec<Seg>> {
    let header = prop_oneof![6 => header_text().prop_map(Seg::Json), 1 => seg()];
    let payload = prop_oneof![6 => claims_text().prop_map(Seg::Json), 1 => seg()];
    let signature = prop_oneof![
        6 => prop::collection::vec(any::<u8>(), 0..66).prop_map(Seg::Bytes),
        1 => seg(),
    ];
    prop_oneof![
        3 => (header, payload, signature).prop_map(|(h, p, s)| vec![h, p, s]),
        2 => prop::collection::vec(seg(), 1..=7),
    ]
    .boxed()
}

/// Pieces people really paste around a token, for exercising `clean`.
fn paste_soup() -> BoxedStrategy<String> {
    prop::collection::vec(
        select(
            &[
                "Bearer ",
                "bearer\t",
                "BEARER",
                "Authorization:",
                "authorization: ",
                ".",
                " ",
                "\n",
                "\r\n",
                "\u{a0}",
                "\u{3000}",
                "\"",
                "'",
                "`",
                "=",
                "eyJ",
                "abc",
                "é",
                "\u{202e}",
                "+",
                "/",
                "😀",
            ][..],
        ),
        0..14,
    )
    .prop_map(|p| p.concat())
    .boxed()
}

fn any_text() -> BoxedStrategy<String> {
    prop_oneof![
        any::<String>(),
        "\\PC{0,40}",
        "[ \\t\\n.a-zA-Z0-9_=+/\"'`-]{0,60}",
        paste_soup(),
    ]
    .boxed()
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Counterexamples are printed; no regression files next to the tests.
        failure_persistence: None,
        // Nested flat-mapped text shrinks slowly; a failure should still
        // report within seconds.
        max_shrink_iters: 4096,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Invariant checks shared by the properties
// ---------------------------------------------------------------------------

/// `clean` strips only from the outside, removes every whitespace character
/// inside, and says so exactly when it changed something.
fn check_clean(raw: &str) -> Result<(), TestCaseError> {
    let c = token::clean(raw);
    prop_assert!(
        !c.token.chars().any(char::is_whitespace),
        "whitespace kept: {:?}",
        c.token
    );
    let core = raw.get(c.core.clone());
    prop_assert!(core.is_some(), "core {:?} not on char boundaries", c.core);
    let kept: String = core
        .unwrap()
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect();
    prop_assert_eq!(&c.token, &kept);
    // Any whitespace, inside or around, is removed and reported.
    prop_assert_eq!(c.cleaning.whitespace, raw.chars().any(char::is_whitespace));
    prop_assert_eq!(c.cleaning.any(), c.token != raw);
    Ok(())
}

/// Highlight spans tile the raw input and agree with the cleaned token.
fn check_highlight(raw: &str) -> Result<(), TestCaseError> {
    let c = token::clean(raw);
    let spans = token::highlight(raw, &c);
    if raw.trim_start().starts_with('{') {
        // JSON serialization: one span, not split at dots.
        prop_assert_eq!(spans.len(), 1);
        prop_assert_eq!(spans[0].range.clone(), 0..raw.len());
        prop_assert_eq!(spans[0].kind, SpanKind::Json);
        return Ok(());
    }
    let mut at = 0;
    let mut kept = String::new();
    let mut dots = 0;
    for (i, s) in spans.iter().enumerate() {
        prop_assert_eq!(s.range.start, at, "gap or overlap at span {}", i);
        prop_assert!(s.range.end > s.range.start, "empty span {}", i);
        let text = raw.get(s.range.clone());
        prop_assert!(text.is_some(), "span {:?} splits a character", s.range);
        let text = text.unwrap();
        if i > 0 {
            // Adjacent runs of the same kind are merged.
            prop_assert_ne!(spans[i - 1].kind, s.kind);
        }
        match s.kind {
            SpanKind::Removed | SpanKind::Json => {}
            SpanKind::Dot => {
                prop_assert!(text.chars().all(|ch| ch == '.'));
                dots += text.len();
                kept.push_str(text);
            }
            SpanKind::Part(n) => {
                prop_assert_eq!(n, dots, "part number is the dots before it");
                prop_assert!(!text.contains('.'));
                kept.push_str(text);
            }
        }
        at = s.range.end;
    }
    prop_assert_eq!(at, raw.len());
    // What is not marked removed is exactly the token that gets decoded.
    prop_assert_eq!(kept, c.token);
    Ok(())
}

fn check_error_text(e: &DecodeError) -> Result<(), TestCaseError> {
    let text = e.to_string();
    prop_assert!(!text.trim().is_empty());
    if let Some(seg) = e.segment {
        prop_assert!(
            text.contains(seg.name()),
            "{:?} does not name its segment: {}",
            e,
            text
        );
    }
    Ok(())
}

/// Structural invariants of any decode result.
fn check_decoded(raw: &str, d: &Decoded) -> Result<(), TestCaseError> {
    if raw.trim_start().starts_with('{') {
        // A JWS or JWE in JSON serialization, or one refusal saying why not.
        match &d.json {
            Some(_) => prop_assert!(matches!(d.kind, TokenKind::Jws | TokenKind::Jwe)),
            None => {
                prop_assert_eq!(d.kind, TokenKind::Malformed);
                prop_assert_eq!(d.errors.len(), 1);
                let refused = matches!(d.errors[0].kind, DecodeErrorKind::JsonSerialization { .. });
                prop_assert!(refused, "{:?}", d.errors);
            }
        }
        return Ok(());
    }
    prop_assert_eq!(&d.clean, &token::clean(raw));
    let token = &d.clean.token;
    // An SD-JWT's parts are those of its issuer-signed JWT, before the first `~`.
    let parts = if token.is_empty() {
        0
    } else {
        token
            .split('~')
            .next()
            .unwrap_or_default()
            .split('.')
            .count()
    };
    prop_assert_eq!(d.part_count, parts);
    let kind = match parts {
        0 => TokenKind::Empty,
        3 => TokenKind::Jws,
        5 => TokenKind::Jwe,
        _ => TokenKind::Malformed,
    };
    prop_assert_eq!(d.kind, kind);

    let whole: Vec<DecodeErrorKind> = d
        .errors
        .iter()
        .filter(|e| e.segment.is_none())
        .map(|e| e.kind.clone())
        .collect();
    match kind {
        TokenKind::Empty => prop_assert_eq!(whole, vec![DecodeErrorKind::Empty]),
        TokenKind::Jws => prop_assert!(whole.is_empty(), "{:?}", whole),
        TokenKind::Jwe => prop_assert!(whole.is_empty(), "{:?}", whole),
        TokenKind::Malformed => prop_assert_eq!(
            whole,
            vec![DecodeErrorKind::WrongPartCount { found: parts }]
        ),
    }
    // Errors come in segment order: the whole token first, then header,
    // payload, signature.
    let order: Vec<usize> = d
        .errors
        .iter()
        .map(|e| e.segment.map_or(0, Segment::number))
        .collect();
    prop_assert!(order.windows(2).all(|w| w[0] <= w[1]), "{:?}", d.errors);

    let chars: Vec<char> = token.chars().collect();
    for e in &d.errors {
        check_error_text(e)?;
        match e.kind {
            DecodeErrorKind::InvalidChar {
                ch, token_offset, ..
            } => {
                // The offset shown to the user points at the bad character.
                prop_assert_eq!(chars.get(token_offset), Some(&ch), "{:?}", e);
            }
            DecodeErrorKind::BadLength { len } => prop_assert_eq!(len % 4, 1, "{:?}", e),
            _ => {}
        }
    }

    if kind == TokenKind::Jwe || parts < 2 {
        prop_assert_eq!(&d.payload, &PayloadView::None);
        prop_assert!(d.payload_bytes.is_none());
    }
    if kind == TokenKind::Jwe || parts < 3 {
        prop_assert!(d.signature.is_none());
    }
    if let Some(bytes) = &d.payload_bytes {
        // The payload view is a faithful rendering of the bytes.
        match &d.payload {
            PayloadView::Json(doc) => {
                let text = std::str::from_utf8(bytes);
                prop_assert!(text.is_ok());
                prop_assert_eq!(&json::parse(text.unwrap()).unwrap().value, &doc.value);
            }
            PayloadView::Text(t) => prop_assert_eq!(t.as_bytes(), &bytes[..]),
            PayloadView::Hex(h) => {
                prop_assert!(std::str::from_utf8(bytes).is_err());
                prop_assert_eq!(h, &base64url::to_hex(bytes));
            }
            PayloadView::None => prop_assert!(false, "bytes decoded but payload is None"),
        }
    }

    prop_assert_eq!(d.signing_input().is_some(), kind == TokenKind::Jws);
    if kind == TokenKind::Jws && d.errors.is_empty() {
        prop_assert!(d.header.is_some());
        prop_assert!(d.alg().is_some(), "no string alg in a clean token");
        prop_assert!(d.signature.is_some());
        prop_assert!(d.payload_bytes.is_some());
        prop_assert!(d.is_verifiable());
        let last_dot = token.rfind('.').unwrap();
        prop_assert_eq!(d.signing_input(), Some(&token[..last_dot]));
        prop_assert_eq!(d.segments().len(), 3);
    }
    Ok(())
}

/// Findings whose presence depends on the clock.
const TIME_CODES: &[&str] = &["expired", "not-yet-valid", "iat-future", "long-lifetime"];

fn has(f: &[Finding], code: &str) -> bool {
    f.iter().any(|x| x.code == code)
}

fn check_findings(d: &Decoded, nows: &[i64]) -> Result<(), TestCaseError> {
    let dups = d.header.as_ref().map_or(0, |h| h.duplicate_keys.len())
        + match &d.payload {
            PayloadView::Json(doc) => doc.duplicate_keys.len(),
            _ => 0,
        };
    let alg_none = d.alg().is_some_and(|a| a.eq_ignore_ascii_case("none"));
    let mut clockless: Option<Vec<String>> = None;
    let mut all: Vec<(i64, Vec<Finding>)> = Vec::new();
    for &now in nows {
        let f = token_findings(d, now);
        prop_assert_eq!(&f, &token_findings(d, now), "findings are deterministic");
        for x in &f {
            prop_assert!(
                jwt_debugger::core::finding_refs::reference(&x.code).is_some(),
                "code {} has no reference",
                x.code
            );
            prop_assert!(!x.title.is_empty() && !x.detail.is_empty());
        }
        prop_assert!(
            f.windows(2).all(|w| w[0].severity >= w[1].severity),
            "danger first, then warning, then info"
        );
        prop_assert_eq!(has(&f, "input-cleaned"), d.clean.cleaning.any());
        prop_assert_eq!(has(&f, "jwe"), d.kind == TokenKind::Jwe);
        prop_assert_eq!(has(&f, "alg-none"), alg_none);
        prop_assert_eq!(f.iter().filter(|x| x.code == "duplicate-key").count(), dups);
        prop_assert_eq!(
            has(&f, "missing-exp"),
            d.claims().is_some_and(|c| !c.contains_key("exp"))
        );
        // Everything but the time findings is the same at every moment.
        let rest: Vec<String> = f
            .iter()
            .map(|x| x.code.to_string())
            .filter(|c| !TIME_CODES.contains(&c.as_str()))
            .collect();
        match &clockless {
            None => clockless = Some(rest),
            Some(first) => prop_assert_eq!(first, &rest, "at now = {}", now),
        }
        if let PayloadView::Json(doc) = &d.payload {
            let rows = claims::rows(doc, now, &|_| 0);
            let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
            let keys: Vec<&str> = doc
                .value
                .as_object()
                .map(|m| m.keys().map(String::as_str).collect())
                .unwrap_or_default();
            prop_assert_eq!(names, keys);
            for r in &rows {
                if let Some(t) = &r.time {
                    prop_assert_eq!(t.iso.len(), 20, "{:?}", t);
                    prop_assert!(t.iso.ends_with('Z'));
                }
            }
        }
        all.push((now, f));
    }
    // Time only moves one way: once expired, always expired; a token not yet
    // valid later was not yet valid earlier.
    all.sort_by_key(|(now, _)| *now);
    for w in all.windows(2) {
        let (earlier, later) = (&w[0].1, &w[1].1);
        if has(earlier, "expired") {
            prop_assert!(has(later, "expired"));
        }
        if has(later, "not-yet-valid") {
            prop_assert!(has(earlier, "not-yet-valid"));
        }
        if has(later, "iat-future") {
            prop_assert!(has(earlier, "iat-future"));
        }
    }
    Ok(())
}

/// Parsing the pretty form gives the same value back, and the pretty form
/// shows no invisible character raw.
fn check_pretty_roundtrip(text: &str) -> Result<(), TestCaseError> {
    let Ok(doc) = json::parse(text) else {
        return Ok(());
    };
    let pretty = json::pretty(&doc);
    let again = json::parse(&pretty);
    prop_assert!(
        again.is_ok(),
        "pretty output does not parse: {:?} -> {:?}",
        pretty,
        again
    );
    let again = again.unwrap();
    prop_assert_eq!(&again.value, &doc.value, "pretty: {:?}", pretty);
    prop_assert!(again.duplicate_keys.is_empty());
    // Printing is stable: the pretty form of the pretty form is itself.
    prop_assert_eq!(json::pretty(&again), pretty.clone());
    for line in pretty.split('\n') {
        prop_assert!(
            !line.chars().any(json::is_hidden_char),
            "raw hidden character in {:?}",
            line
        );
    }
    let pieces = json::pretty_pieces(&doc);
    prop_assert_eq!(
        pieces.iter().map(|p| p.text.as_str()).collect::<String>(),
        pretty
    );
    for p in pieces.iter().filter(|p| p.kind == PieceKind::Escape) {
        // Each visible escape is one JSON `\uXXXX` escape (or a surrogate
        // pair of them), so the reader sees the code point it stands for.
        let units: Vec<&str> = p.text.split("\\u").skip(1).collect();
        prop_assert!(
            p.text.starts_with("\\u")
                && units
                    .iter()
                    .all(|u| u.len() == 4 && u.chars().all(|c| c.is_ascii_hexdigit())),
            "escape piece {:?}",
            p.text
        );
    }
    if let Some(map) = doc.value.as_object() {
        for (key, value) in map {
            let compact: String = json::compact_member(&doc, key)
                .unwrap()
                .into_iter()
                .map(|p| p.text)
                .collect();
            prop_assert!(!compact.contains('\n'));
            let parsed = json::parse(&compact);
            prop_assert!(parsed.is_ok(), "compact {:?} of {:?}", compact, key);
            prop_assert_eq!(&parsed.unwrap().value, value);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn clean_and_highlight_hold_for_any_text(raw in any_text()) {
        check_clean(&raw)?;
        check_highlight(&raw)?;
    }

    #[test]
    fn decode_never_panics_and_is_consistent(raw in any_text()) {
        let d = token::decode(&raw);
        check_decoded(&raw, &d)?;
        check_findings(&d, &[i64::MIN, 0, 1_767_225_600, i64::MAX])?;
    }

    #[test]
    fn json_parse_errors_are_located(text in prop_oneof![any_text(), json_text()]) {
        match json::parse(&text) {
            Ok(_) => check_pretty_roundtrip(&text)?,
            Err(e) => {
                prop_assert!(!e.message.is_empty());
                prop_assert!(!e.message.contains(" at line "), "{:?}", e);
                let lines = text.split('\n').count();
                prop_assert!(e.line >= 1 && e.line <= lines, "{:?} in {} lines", e, lines);
            }
        }
    }
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn pretty_roundtrips_json(text in json_text()) {
        check_pretty_roundtrip(&text)?;
    }

    #[test]
    fn sd_jwt_processing_never_panics_and_marks_what_it_matched(
        payload in json_text(),
        disclosures in prop::collection::vec(prop_oneof![any_text(), json_text().prop_map(|t| base64url::encode(t.as_bytes()))], 0..6),
    ) {
        let Ok(doc) = json::parse(&payload) else {
            return Ok(());
        };
        let p = sd_jwt::process(&doc.value, &disclosures);
        prop_assert_eq!(p.disclosures.len(), disclosures.len());
        for d in &p.disclosures {
            prop_assert_eq!(d.status == sd_jwt::Status::Matched, d.referenced_at.is_some(), "{:?}", d);
        }
        let token = format!("{}~{}~", SAMPLE_TOKEN, disclosures.join("~"));
        let d = token::decode(&token);
        prop_assert_eq!(d.kind, TokenKind::Jws);
        prop_assert!(d.sd.is_some());
    }

    #[test]
    fn a_pretty_window_is_a_prefix_of_at_least_its_size(text in json_text(), min in 0usize..400) {
        let Ok(doc) = json::parse(&text) else {
            return Ok(());
        };
        let whole = json::pretty(&doc);
        let (pieces, cut) = json::pretty_window(&doc, min);
        let window: String = pieces.iter().map(|p| p.text.as_str()).collect();
        prop_assert!(whole.starts_with(&window), "{:?} is not a prefix of {:?}", window, whole);
        prop_assert!(window.len() >= min.min(whole.len()), "{} bytes for a window of {}", window.len(), min);
        prop_assert_eq!(cut, window.len() < whole.len(), "cut flag for {:?} of {:?}", window, whole);
    }

    #[test]
    fn token_shaped_inputs_decode_each_part_independently(
        segs in token_segs(),
        nows in prop::collection::vec(
            prop_oneof![any::<i64>(), -100_000_000_000i64..300_000_000_000],
            1..4,
        ),
    ) {
        let raw = segs.iter().map(Seg::text).collect::<Vec<_>>().join(".");
        // A `~` makes the input an SD-JWT whose parts end at the first `~`
        // (its own property above); a `{` first makes it JSON serialization.
        prop_assume!(!raw.contains('~') && !raw.trim_start().starts_with('{'));
        let d = token::decode(&raw);
        check_decoded(&raw, &d)?;
        check_highlight(&raw)?;
        let mut nows = nows;
        nows.extend([i64::MIN, i64::MAX]);
        check_findings(&d, &nows)?;

        let plain = !segs.iter().any(|s| matches!(s, Seg::Chars(_)));
        if plain {
            // Encoder output is taken as it is.
            prop_assert_eq!(&d.clean.token, &raw);
            prop_assert!(d.errors.iter().all(|e| !matches!(
                e.kind,
                DecodeErrorKind::InvalidChar { .. }
                    | DecodeErrorKind::BadLength { .. }
                    | DecodeErrorKind::TrailingBits { .. }
            )), "{:?}", d.errors);
        }
        // One broken part never hides the others: a well-encoded part decodes
        // to its bytes whatever the other parts hold.
        if d.kind != TokenKind::Jwe {
            if let Some(Some(bytes)) = segs.get(1).map(Seg::bytes) {
                prop_assert_eq!(d.payload_bytes.as_ref(), Some(&bytes));
            }
            if let Some(Some(bytes)) = segs.get(2).map(Seg::bytes) {
                prop_assert_eq!(d.signature.as_ref(), Some(&bytes));
            }
        }
        if let Some(bytes) = segs[0].bytes() {
            let expected = std::str::from_utf8(&bytes).ok().and_then(|t| json::parse(t).ok());
            match (&d.header, expected) {
                (Some(h), Some(e)) => prop_assert_eq!(&h.value, &e.value),
                (None, None) => {}
                (got, want) => prop_assert!(false, "header {:?}, expected {:?}", got, want),
            }
            // A lone empty part is an empty input, not an empty header.
            if bytes.is_empty() && d.kind != TokenKind::Empty {
                let empty = DecodeError::at(Segment::Header, DecodeErrorKind::EmptySegment);
                prop_assert!(d.errors.contains(&empty), "{:?}", d.errors);
            }
        }
        if let Some(doc) = &d.header {
            check_pretty_roundtrip(&json::pretty(doc))?;
        }
    }

    #[test]
    fn pasted_decorations_do_not_change_the_decoding(
        segs in prop::collection::vec(
            prop_oneof![
                prop::collection::vec(any::<u8>(), 1..40).prop_map(Seg::Bytes),
                claims_text().prop_map(Seg::Json),
            ],
            3..=3,
        ),
        before in select(&["", " ", "\n\t", "Bearer ", "bearer  ", "Authorization: Bearer ", "\"", "'", " `"][..]),
        breaks in prop::collection::vec((any::<prop::sample::Index>(), select(&["\n", " ", "\r\n", "\t"][..])), 0..4),
        after in select(&["", " ", "\n"][..]),
    ) {
        let token = segs.iter().map(Seg::text).collect::<Vec<_>>().join(".");
        let mut inner = token.clone();
        let mut points: Vec<usize> = breaks.iter().map(|(i, _)| i.index(token.len() + 1)).collect();
        points.sort_unstable();
        for (at, (_, br)) in points.iter().rev().zip(breaks.iter()) {
            inner.insert_str(*at, br);
        }
        // A quote opened before the token is closed after it.
        let close = match before.trim_start() {
            q @ ("\"" | "'" | "`") => q,
            _ => "",
        };
        let raw = format!("{before}{inner}{close}{after}");
        let pasted = token::decode(&raw);
        let direct = token::decode(&token);
        prop_assert_eq!(&pasted.clean.token, &token);
        prop_assert_eq!(pasted.clean.cleaning.any(), raw != token);
        prop_assert_eq!(pasted.clean.cleaning.bearer, before.to_ascii_lowercase().contains("bearer"));
        prop_assert_eq!(pasted.clean.cleaning.quotes, !close.is_empty());
        prop_assert_eq!(pasted.kind, direct.kind);
        prop_assert_eq!(&pasted.header, &direct.header);
        prop_assert_eq!(&pasted.payload, &direct.payload);
        prop_assert_eq!(&pasted.signature, &direct.signature);
        prop_assert_eq!(&pasted.errors, &direct.errors);
        check_highlight(&raw)?;
    }
}

// ---------------------------------------------------------------------------
// Fixed cases: the sample and the extremes the generators may miss
// ---------------------------------------------------------------------------

#[test]
fn sample_token_satisfies_every_invariant() {
    let d = token::decode(SAMPLE_TOKEN);
    check_decoded(SAMPLE_TOKEN, &d).unwrap();
    check_findings(
        &d,
        &[i64::MIN, -1, 0, 1_767_225_600, 4_102_444_800, i64::MAX],
    )
    .unwrap();
    assert!(d.errors.is_empty());
    assert_eq!(
        d.payload_bytes.as_deref(),
        Some(&br#"{"iss":"https://auth.example.com","sub":"user-1234","aud":"api.example.com","iat":1767225600,"nbf":1767225600,"exp":4102444800,"scope":"read:messages write:messages"}"#[..])
    );
}

#[test]
fn non_bmp_hidden_characters_roundtrip_through_pretty() {
    // U+E0001 (LANGUAGE TAG) and U+1D173 (MUSICAL SYMBOL BEGIN BEAM) are
    // hidden characters outside the BMP: their escape must be a surrogate
    // pair, not `\ue0001`, which JSON reads as U+E000 followed by "1".
    for text in ["[\"\\udb40\\udc01\"]", "{\"k\":\"a\u{1D173}b\"}"] {
        check_pretty_roundtrip(text).unwrap();
    }
}

#[test]
fn deep_and_long_inputs_do_not_overflow() {
    let deep = "[".repeat(100_000);
    check_decoded(&deep, &token::decode(&deep)).unwrap();
    let payload =
        base64url::encode(format!("{}{}", "[".repeat(5_000), "]".repeat(5_000)).as_bytes());
    let raw = format!("{}.{payload}.", base64url::encode(b"{\"alg\":\"none\"}"));
    let d = token::decode(&raw);
    check_decoded(&raw, &d).unwrap();
    assert!(d.errors.iter().any(|e| matches!(
        &e.kind,
        DecodeErrorKind::JsonSyntax { message, .. } if message.contains("nested too deeply")
    )));
    let dots = ".".repeat(10_000);
    assert_eq!(token::decode(&dots).part_count, 10_001);
    check_highlight(&dots).unwrap();
}

#[test]
fn findings_at_time_extremes() {
    for exp in [
        "-1e400",
        "1e400",
        "-9223372036854775808",
        "9223372036854775807",
        "-0",
        "253402300799",
        "-62135596800",
        "1.5e9",
    ] {
        let raw = format!(
            "{}.{}.",
            base64url::encode(br#"{"alg":"HS256"}"#),
            base64url::encode(format!(r#"{{"exp":{exp},"nbf":{exp},"iat":{exp}}}"#).as_bytes())
        );
        let d = token::decode(&raw);
        assert!(d.errors.is_empty(), "{exp}: {:?}", d.errors);
        check_findings(
            &d,
            &[i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX],
        )
        .unwrap();
    }
}

#[test]
fn every_error_kind_names_its_segment() {
    let kinds = [
        DecodeErrorKind::EmptySegment,
        DecodeErrorKind::InvalidChar {
            ch: '\u{202e}',
            offset: 0,
            token_offset: 0,
        },
        DecodeErrorKind::BadLength { len: 5 },
        DecodeErrorKind::TrailingBits { offset: 1 },
        DecodeErrorKind::InvalidUtf8 { byte_offset: 0 },
        DecodeErrorKind::JsonSyntax {
            line: 1,
            column: 8,
            message: "trailing comma".into(),
        },
        DecodeErrorKind::NotAnObject { found: "an array" },
        DecodeErrorKind::MissingAlg,
        DecodeErrorKind::AlgNotString { found: "a number" },
    ];
    for seg in [Segment::Header, Segment::Payload, Segment::Signature] {
        for kind in &kinds {
            let e = DecodeError::at(seg, kind.clone());
            let text = e.to_string();
            assert!(text.contains(seg.name()), "{text}");
            assert!(text.contains(&format!("part {}", seg.number())), "{text}");
        }
    }
    for kind in [
        DecodeErrorKind::Empty,
        DecodeErrorKind::WrongPartCount { found: 1 },
    ] {
        assert!(!DecodeError::whole(kind).to_string().is_empty());
    }
}

// ---------------------------------------------------------------------------
// The page's verdicts equal the crypto worker's
// ---------------------------------------------------------------------------

/// Tokens whose header names any algorithm (or none), over random payloads
/// and signatures, some of them real HMACs of the sample secret.
fn routed_token() -> BoxedStrategy<String> {
    let alg = select(
        &[
            "HS256", "HS384", "HS512", "RS256", "PS384", "ES256", "ES512", "EdDSA", "none", "NONE",
            "XX1",
        ][..],
    );
    let extra = select(
        &[
            "",
            r#","crit":["b64"],"b64":false"#,
            r#","crit":["x"]"#,
            r#","kid":"k""#,
        ][..],
    );
    (
        alg,
        extra,
        any::<Vec<u8>>(),
        any::<Vec<u8>>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(alg, extra, payload, sig, real_mac, bearer)| {
            let header = base64url::encode(format!(r#"{{"alg":"{alg}"{extra}}}"#).as_bytes());
            let payload = base64url::encode(&payload);
            let input = format!("{header}.{payload}");
            let sig = if real_mac {
                jwt_debugger::core::verify::hmac_sign(
                    alg,
                    SAMPLE_SECRET.as_bytes(),
                    input.as_bytes(),
                )
                .unwrap_or(sig)
            } else {
                sig
            };
            let token = format!("{input}.{}", base64url::encode(&sig));
            if bearer {
                format!("Bearer {token}\n")
            } else {
                token
            }
        })
        .boxed()
}

fn routed_key() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        Just("  \n".to_string()),
        Just(SAMPLE_SECRET.to_string()),
        Just("c2VjcmV0".to_string()),
        Just("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----".to_string()),
        Just(r#"{"kty":"oct","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2U"}"#.to_string()),
        Just("{".to_string()),
        any_text(),
    ]
    .boxed()
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn page_verdicts_equal_the_full_verifier(
        raw in prop_oneof![routed_token(), any_text()],
        key in routed_key(),
        encoding in select(&SecretEncoding::ALL[..]),
        detached in prop::option::of(any::<String>()),
    ) {
        let d = token::decode(&raw);
        let req = VerifyRequest {
            decoded: &d,
            key_text: &key,
            encoding,
            detached_payload: detached.as_deref().map(str::as_bytes),
            now: 1_767_225_600,
        };
        let full = verify::verify(&req);
        match verify::verify_on_page(&req) {
            Route::Done(v) => prop_assert_eq!(v, full.clone()),
            Route::Worker => {
                // Only keys the page cannot read, or asymmetric tokens.
                let shape = keys::classify(&key);
                let hmac = d.alg().is_some_and(|a| a.starts_with("HS"));
                prop_assert!(
                    matches!(shape, KeyShape::Pem | KeyShape::Jwk) || !hmac,
                    "HMAC with a text secret went to the worker"
                );
                prop_assert!(shape != KeyShape::Empty);
            }
        }
        // And the protocol carries the verdict unchanged.
        let job = Request::Verify(VerifyJob {
            token: raw.clone(),
            key_text: key.clone(),
            encoding,
            detached_payload: detached.clone(),
            now: 1_767_225_600,
        });
        let text = engine::encode(&Message { seq: 9, body: job });
        let answer = engine::handle_json(&text);
        let reply: Message<Response> = serde_json::from_str(&answer).unwrap();
        // The page's hand-written reader agrees with the derived one.
        prop_assert_eq!(engine::read_response(&answer), Some(reply.clone()));
        prop_assert_eq!(reply.seq, 9);
        match reply.body {
            Response::Verified { verdict, .. } => prop_assert_eq!(verdict, full),
            other => prop_assert!(false, "unexpected answer {:?}", other),
        }
    }
}

// ---------------------------------------------------------------------------
// NumericDate is read from the literal exactly, as floating point would
// ---------------------------------------------------------------------------

/// What `claims::numeric_date` computed with f64 before it read literals
/// exactly; the two agree wherever f64 is exact enough to decide.
fn numeric_date_by_f64(v: &serde_json::Value) -> Option<i64> {
    let secs = v.as_f64()?;
    if !secs.is_finite() || !(-62_135_596_800.0..=253_402_300_799.0).contains(&secs) {
        return None;
    }
    Some(secs.trunc() as i64)
}

/// Number literals with at most 15 significant digits, so f64 holds them
/// closely enough that its truncation is the exact one.
fn number_literal() -> BoxedStrategy<String> {
    (
        any::<bool>(),
        1u64..1_000_000_000_000_000,
        0usize..16,
        prop::option::of(-30i32..30),
        any::<bool>(),
    )
        .prop_map(|(neg, digits, point, exp, upper)| {
            let d = digits.to_string();
            let point = point.min(d.len());
            let (int, frac) = d.split_at(d.len() - point);
            let int = if int.is_empty() { "0" } else { int };
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(int);
            if !frac.is_empty() {
                s.push('.');
                s.push_str(frac);
            }
            if let Some(e) = exp {
                s.push(if upper { 'E' } else { 'e' });
                s.push_str(&e.to_string());
            }
            s
        })
        .boxed()
}

proptest! {
    #![proptest_config(config(5000))]

    #[test]
    fn numeric_dates_match_floating_point(text in prop_oneof![
        number_literal(),
        (-70_000_000_000i64..300_000_000_000).prop_map(|n| n.to_string()),
    ]) {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(claims::numeric_date(&v), numeric_date_by_f64(&v), "for {}", text);
    }
}

#[test]
fn numeric_date_edges() {
    let date = |t: &str| claims::numeric_date(&serde_json::from_str(t).unwrap());
    assert_eq!(date("1767225600"), Some(1_767_225_600));
    assert_eq!(date("1767225600.9"), Some(1_767_225_600));
    assert_eq!(date("-1.5"), Some(-1));
    assert_eq!(date("1.7672256e9"), Some(1_767_225_600));
    assert_eq!(date("17672256000e-1"), Some(1_767_225_600));
    assert_eq!(date("253402300799"), Some(253_402_300_799));
    assert_eq!(date("253402300799.5"), None);
    assert_eq!(date("253402300800"), None);
    assert_eq!(date("-62135596800"), Some(-62_135_596_800));
    assert_eq!(date("-62135596800.1"), None);
    assert_eq!(date("1e400"), None);
    assert_eq!(date("123456789012345678901234567890"), None);
    assert_eq!(date("0.0000001"), Some(0));
    assert_eq!(date("-0"), Some(0));
}

proptest! {
    #![proptest_config(config(1000))]

    /// Signing never panics, and whatever it signs verifies with the same
    /// key text.
    #[test]
    fn signing_any_input_never_panics(
        alg in select(&["HS256", "HS512", "RS256", "ES256", "EdDSA", "none", "XX"][..]),
        extra in prop_oneof![Just(String::new()), json_text()],
        payload in prop_oneof![json_text(), any_text()],
        key in routed_key(),
        encoding in select(&SecretEncoding::ALL[..]),
    ) {
        let header = format!(r#"{{"alg":"{alg}","x":{}}}"#, if extra.trim().is_empty() { "0" } else { extra.as_str() });
        if let Ok(token) = jwt_debugger::core::sign::sign_token(&header, &payload, &key, encoding) {
            let d = token::decode(&token);
            let v = verify::verify(&VerifyRequest {
                decoded: &d,
                key_text: &key,
                encoding,
                detached_payload: None,
                now: 0,
            });
            // What signs verifies with the same key text; `none` is written
            // as asked and is never valid.
            let expected = if alg == "none" { verify::Status::Unsecured } else { verify::Status::Valid };
            prop_assert_eq!(v.status, expected, "{}", v.message);
        }
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Whatever subset of disclosures a presentation keeps, processing it
    /// reveals exactly those claims; a changed disclosure is never matched.
    #[test]
    fn sd_jwt_presentations_reveal_exactly_their_subset(
        values in prop::collection::vec(("[a-z]{1,8}", any::<i32>()), 1..12),
        keep in prop::collection::vec(any::<bool>(), 12),
        tamper in any::<prop::sample::Index>(),
    ) {
        let mut names = std::collections::HashSet::new();
        let claims: Vec<(String, i32)> = values.into_iter().filter(|(n, _)| names.insert(n.clone())).collect();
        let disclosures: Vec<String> = claims
            .iter()
            .enumerate()
            .map(|(i, (name, v))| sd_jwt::make_disclosure(&format!("salt-{i}"), Some(name), &serde_json::json!(v)))
            .collect();
        let digests: Vec<String> = disclosures.iter().map(|d| sd_jwt::HashAlg::Sha256.digest(d)).collect();
        let payload = serde_json::json!({"iss": "https://issuer.example", "_sd": digests});
        let kept: Vec<String> = disclosures.iter().zip(&keep).filter(|(_, k)| **k).map(|(d, _)| d.clone()).collect();
        let p = sd_jwt::process(&payload, &kept);
        let mut expected = serde_json::Map::new();
        expected.insert("iss".into(), "https://issuer.example".into());
        for ((name, v), k) in claims.iter().zip(&keep) {
            if *k {
                expected.insert(name.clone(), serde_json::json!(v));
            }
        }
        prop_assert_eq!(&p.revealed, &serde_json::Value::Object(expected));
        prop_assert_eq!(p.undisclosed, claims.len() - kept.len());
        prop_assert!(p.errors.is_empty(), "{:?}", p.errors);

        // One character of one disclosure changed: that disclosure no longer matches.
        let i = tamper.index(disclosures.len());
        let mut chars: Vec<char> = disclosures[i].chars().collect();
        let at = chars.len() / 2;
        chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
        let changed: String = chars.into_iter().collect();
        let p = sd_jwt::process(&payload, std::slice::from_ref(&changed));
        prop_assert_ne!(p.disclosures[0].status, sd_jwt::Status::Matched);
    }
}

/// 500 disclosures, each matched, one digest listed twice: processed
/// without a panic, every disclosure judged, the repeat reported.
#[test]
fn five_hundred_disclosures_and_a_repeated_digest() {
    let disclosures: Vec<String> = (0..500)
        .map(|i| {
            sd_jwt::make_disclosure(
                &format!("s{i}"),
                Some(&format!("claim_{i}")),
                &serde_json::json!(i),
            )
        })
        .collect();
    let mut digests: Vec<String> = disclosures
        .iter()
        .map(|d| sd_jwt::HashAlg::Sha256.digest(d))
        .collect();
    digests.push(digests[7].clone());
    let p = sd_jwt::process(&serde_json::json!({"_sd": digests}), &disclosures);
    assert_eq!(p.disclosures.len(), 500);
    assert!(p
        .disclosures
        .iter()
        .all(|d| d.status == sd_jwt::Status::Matched));
    assert_eq!(p.revealed.as_object().map(|m| m.len()), Some(500));
    assert_eq!(p.errors.len(), 1);
    assert!(
        p.errors[0].contains("appears more than once"),
        "{:?}",
        p.errors
    );
}

/// Signing keys made once: (alg, private key text, public key text).
fn encoder_keys() -> &'static [(&'static str, String, String)] {
    static KEYS: OnceLock<Vec<(&'static str, String, String)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut out = vec![(
            "HS256",
            SAMPLE_SECRET.to_string(),
            SAMPLE_SECRET.to_string(),
        )];
        for alg in ["ES256", "EdDSA"] {
            let k = jwt_debugger::core::keygen::generate(alg, 2048, &mut rand_core::OsRng).unwrap();
            out.push((alg, k.private_text, k.public_jwk.unwrap()));
        }
        out
    })
}

proptest! {
    #![proptest_config(config(96))]

    /// Any token the encoder makes, written compact, flattened or general,
    /// decodes to the same header and payload and verifies with the
    /// matching key (each JSON entry too).
    #[test]
    fn encoder_output_in_any_serialization_decodes_and_verifies(
        claims in prop::collection::btree_map("[a-z_]{1,6}", prop_oneof![any::<i64>().prop_map(|n| n.to_string()), "[ -~]{0,12}".prop_map(|s| serde_json::Value::String(s).to_string())], 0..5),
        kid in prop::option::of("[A-Za-z0-9-]{1,8}"),
        which in 0usize..3,
        form in 0usize..3,
    ) {
        use jwt_debugger::core::jose_json::{self, Form};
        let (alg, private, public) = &encoder_keys()[which];
        let header = match &kid {
            Some(kid) => format!(r#"{{"alg":"{alg}","kid":"{kid}"}}"#),
            None => format!(r#"{{"alg":"{alg}"}}"#),
        };
        let payload = format!(
            "{{{}}}",
            claims.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect::<Vec<_>>().join(",")
        );
        let compact = jwt_debugger::core::sign::sign_token(&header, &payload, private, SecretEncoding::Utf8).unwrap();
        let text = match form {
            0 => compact.clone(),
            1 => jose_json::from_compact(&compact, Form::Flattened).unwrap(),
            _ => jose_json::from_compact(&compact, Form::General).unwrap(),
        };
        let d = token::decode(&text);
        let reference = token::decode(&compact);
        prop_assert_eq!(&d.header.as_ref().unwrap().value, &reference.header.as_ref().unwrap().value);
        prop_assert_eq!(&d.payload, &reference.payload);
        prop_assert_eq!(d.json.is_some(), form != 0);
        let v = verify::verify(&VerifyRequest {
            decoded: &d,
            key_text: public,
            encoding: SecretEncoding::Utf8,
            detached_payload: None,
            now: 1_767_225_600,
        });
        prop_assert_eq!(v.status, verify::Status::Valid, "{}", v.message);
        prop_assert_eq!(v.entries.len(), usize::from(form != 0));
    }
}

/// An ACME request (RFC 8555 §6.2): flattened JSON whose protected header
/// carries `jwk`, `nonce` and `url` verifies with its own `jwk`; a
/// POST-as-GET (`"payload": ""`) signs the empty payload, not detached
/// content.
#[test]
fn acme_requests_verify_with_their_own_jwk_and_empty_payloads() {
    use jwt_debugger::core::dpop;
    use jwt_debugger::core::jose_json::{self, Form};
    let k = jwt_debugger::core::keygen::generate("ES256", 2048, &mut rand_core::OsRng).unwrap();
    let jwk = k.public_jwk.unwrap();
    let header = format!(
        r#"{{"alg":"ES256","jwk":{jwk},"nonce":"6S8IqOGY7eL2lsGoTZYifg","url":"https://acme.example/acme/new-account"}}"#
    );
    for payload in [r#"{"termsOfServiceAgreed":true}"#, ""] {
        let compact = match payload {
            "" => {
                // Signed over `protected.` (the empty payload's base64url).
                let with = jwt_debugger::core::sign::sign_token(
                    &header,
                    "{}",
                    &k.private_text,
                    SecretEncoding::Utf8,
                )
                .unwrap();
                let parts: Vec<&str> = with.split('.').collect();
                let input = format!("{}.", parts[0]);
                let key = match keys::parse_key_text(&k.private_text).unwrap() {
                    keys::KeyText::Keys { keys, .. } => keys.into_iter().next().unwrap(),
                    _ => unreachable!(),
                };
                let sig = jwt_debugger::core::sign::sign(
                    "ES256",
                    jwt_debugger::core::sign::SigningKey::Private(key.private.as_ref().unwrap()),
                    input.as_bytes(),
                )
                .unwrap();
                format!("{input}.{}", base64url::encode(&sig))
            }
            p => jwt_debugger::core::sign::sign_token(
                &header,
                p,
                &k.private_text,
                SecretEncoding::Utf8,
            )
            .unwrap(),
        };
        let mut json: serde_json::Value =
            serde_json::from_str(&jose_json::from_compact(&compact, Form::Flattened).unwrap())
                .unwrap();
        if payload.is_empty() {
            json["payload"] = "".into();
        }
        let d = token::decode(&json.to_string());
        assert!(dpop::is_acme_request(&d));
        let key = dpop::proof_key(&d).unwrap().unwrap();
        let verdict = |d: &Decoded| {
            verify::verify(&VerifyRequest {
                decoded: d,
                key_text: &key,
                encoding: SecretEncoding::Utf8,
                detached_payload: None,
                now: 0,
            })
        };
        let v = verdict(&d);
        assert_eq!(
            v.status,
            verify::Status::Valid,
            "{payload:?}: {}",
            v.message
        );
        // A different nonce in the header no longer verifies.
        let mut changed = json.clone();
        let other = header.replace("6S8IqOGY7eL2lsGoTZYifg", "another-nonce-value");
        changed["protected"] = base64url::encode(other.as_bytes()).into();
        let v = verdict(&token::decode(&changed.to_string()));
        assert_eq!(v.status, verify::Status::Invalid, "{}", v.message);
    }
}

/// The encoder's general form signs with every private key in a JWK Set:
/// one entry each, its `alg` the header's where the key can use it, else
/// the key's own, and its `kid`; all of them verify.
#[test]
fn general_json_is_signed_by_every_key_given() {
    use jwt_debugger::core::keygen;
    let mut private = Vec::new();
    let mut public = Vec::new();
    for (alg, kid) in [("ES256", "ec-256"), ("EdDSA", "ed"), ("ES384", "ec-384")] {
        let k = keygen::generate(alg, 2048, &mut rand_core::OsRng).unwrap();
        let forms = jwt_debugger::core::key_export::convert(&k.private_text).unwrap();
        let mut jwk: serde_json::Value =
            serde_json::from_str(forms[0].private_jwk.as_ref().unwrap()).unwrap();
        jwk["kid"] = kid.into();
        private.push(jwk);
        let mut p: serde_json::Value = serde_json::from_str(&forms[0].public_jwk).unwrap();
        p["kid"] = kid.into();
        public.push(p);
    }
    let set = serde_json::json!({ "keys": private }).to_string();
    let json = jwt_debugger::core::sign_json::sign_general(
        "{\n  \"alg\": \"ES256\",\n  \"typ\": \"JWT\"\n}",
        r#"{"sub":"user-1234","n":1.50}"#,
        &set,
    )
    .unwrap();
    let d = token::decode(&json);
    let jws = d.json_jws().unwrap();
    let headers: Vec<String> = jws
        .entries
        .iter()
        .map(|e| serde_json::Value::Object(e.header()).to_string())
        .collect();
    assert_eq!(
        headers,
        vec![
            r#"{"alg":"ES256","typ":"JWT","kid":"ec-256"}"#,
            r#"{"alg":"EdDSA","typ":"JWT","kid":"ed"}"#,
            r#"{"alg":"ES384","typ":"JWT","kid":"ec-384"}"#,
        ]
    );
    assert_eq!(
        d.payload_bytes.as_deref(),
        Some(&br#"{"sub":"user-1234","n":1.50}"#[..])
    );
    let v = verify::verify(&VerifyRequest {
        decoded: &d,
        key_text: &serde_json::json!({ "keys": public }).to_string(),
        encoding: SecretEncoding::Utf8,
        detached_payload: None,
        now: 0,
    });
    let statuses: Vec<verify::Status> = v.entries.iter().map(|e| e.status).collect();
    assert_eq!(statuses, vec![verify::Status::Valid; 3], "{}", v.message);
    assert!(
        jwt_debugger::core::sign_json::sign_general("{\"alg\":\"ES256\"}", "{}", "secret")
            .unwrap_err()
            .starts_with("Enter private keys")
    );
}
