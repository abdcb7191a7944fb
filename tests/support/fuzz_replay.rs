// The code each fuzz target runs on one input, and the invariants it checks.
//
// Included (with `include!`) by the fuzz targets in fuzz/fuzz_targets/ and by
// tests/fuzz_corpus.rs, which replays the kept corpus, seeds and regressions
// in `cargo test`. It is not a test crate itself (files in tests/ subfolders
// are not), and it must compile in both places, so it only uses crates both
// have: jwt_debugger and its dependencies.
//
// A panic here is a finding: either the core panicked, or it broke one of
// the invariants asserted below.
//
// Most targets read one or two leading selector bytes, which pick the one
// interpretation (PEM tag, JWK member, algorithm, key material, secret
// encoding, `now`…) an execution runs, instead of running all of them on
// every input: each execution is cheap, and since the fuzzer mutates the
// selector like any other byte, the whole space is still explored. The
// replay runs each kept input with the selector it carries.

use std::collections::HashSet;
use std::fmt;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use jwt_debugger::core::algorithms;
use jwt_debugger::core::jose_json::{self, JoseJson};
use jwt_debugger::core::keys::{self, Curve, Key, KeyMaterial, KeyText, SecretEncoding};
use jwt_debugger::core::token::{self, Decoded, PayloadView, SpanKind, TokenKind};
use jwt_debugger::core::verify::{self, Status, VerifyRequest};
use jwt_debugger::core::{base64url, claims, errors::Segment, findings, json};
use jwt_debugger::core::{key_export, sign};

/// "Now" values findings are computed at: the epoch, the app's test date, a
/// far-future date, year 1, year 9999, and both ends of i64.
pub const NOWS: [i64; 7] = [
    0,
    1_767_225_600,
    4_102_444_800,
    -62_135_596_800,
    253_402_300_799,
    i64::MIN,
    i64::MAX,
];

/// Local UTC offsets (minutes) the claims table is rendered with.
pub const OFFSETS: [i32; 6] = [0, 330, -720, 840, i32::MAX, i32::MIN];

/// PEM tags whose base64 body the key parser reads as DER.
pub const PEM_TAGS: [&str; 6] = [
    "PUBLIC KEY",
    "RSA PUBLIC KEY",
    "CERTIFICATE",
    "PRIVATE KEY",
    "RSA PRIVATE KEY",
    "EC PRIVATE KEY",
];

// ---------------------------------------------------------------------------
// decode
// ---------------------------------------------------------------------------

/// The first `N` bytes of the input (zeros where it is shorter) and the rest.
pub fn selectors<const N: usize>(data: &[u8]) -> ([u8; N], &[u8]) {
    let mut sel = [0u8; N];
    let n = N.min(data.len());
    sel[..n].copy_from_slice(&data[..n]);
    (sel, &data[n..])
}

/// `s0 s1 text`: the text → `token::decode`, `highlight`, findings at the
/// `now` s0 picks (one of [`NOWS`]) and claims rows at another `now` and the
/// UTC offset s1 picks (one of [`OFFSETS`], a multiple of 15 minutes made
/// from s1, or an offset that depends on the date).
pub fn run_decode(data: &[u8]) {
    let ([s0, s1], data) = selectors::<2>(data);
    let raw = String::from_utf8_lossy(data);
    let raw: &str = &raw;
    let d = token::decode(raw);
    if jose_json::looks_like_json(raw) {
        check_json(raw, &d);
    } else {
        check_clean(raw, &d);
        check_highlight(raw, &d);
        check_decoded(&d);
    }
    let now = NOWS[usize::from(s0) % NOWS.len()];
    for f in findings::token_findings(&d, now) {
        assert!(!f.code.is_empty() && !f.title.is_empty() && !f.detail.is_empty());
    }
    let rows_now = [0, 1_767_225_600, i64::MAX, i64::MIN][usize::from(s0 >> 3) % 4];
    if let Some(header) = &d.header {
        check_rows(header, rows_now, s1);
    }
    if let PayloadView::Json(doc) = &d.payload {
        check_rows(doc, rows_now, s1);
    }
}
/// A JWS or JWE in JSON: one uncoloured span; a JWS is its first entry as
/// a compact token, each entry decodes as one; a refusal is one error.
fn check_json(raw: &str, d: &Decoded) {
    let spans = token::highlight(raw, &d.clean);
    assert_eq!(spans.len(), 1);
    assert_eq!(spans[0].range, 0..raw.len());
    assert_eq!(spans[0].kind, SpanKind::Json);
    match jose_json::parse(raw) {
        Ok(JoseJson::Jws(jws)) => {
            assert_eq!(d.kind, TokenKind::Jws);
            assert_eq!(Some(d.clean.token.clone()), jws.compact(0));
            assert!(!jws.entries.is_empty());
            for i in 0..jws.entries.len() {
                let entry = token::json_entry(&jws, i);
                assert_eq!(entry.kind, TokenKind::Jws);
                assert_eq!(entry.signature.as_ref(), Some(&jws.entries[i].signature));
            }
            assert_eq!(d.json_jws(), Some(&jws));
        }
        Ok(JoseJson::Jwe(jwe)) => {
            assert_eq!(d.kind, TokenKind::Jwe);
            assert!(!jwe.recipients.is_empty());
            assert!(d.json.is_some());
        }
        Err(e) => {
            assert_eq!(d.kind, TokenKind::Malformed);
            assert_eq!(d.errors.len(), 1);
            assert_eq!(d.errors[0].to_string(), e.message);
        }
    }
}

fn check_clean(raw: &str, d: &Decoded) {
    let c = &d.clean;
    assert!(c.core.start <= c.core.end && c.core.end <= raw.len());
    assert!(raw.is_char_boundary(c.core.start) && raw.is_char_boundary(c.core.end));
    let expected: String = raw[c.core.clone()]
        .chars()
        .filter(|ch| !ch.is_whitespace())
        .collect();
    assert_eq!(c.token, expected, "token is the core without whitespace");
    if c.core != (0..raw.len()) || c.token.len() != raw.len() {
        assert!(c.cleaning.any(), "text was removed but no cleaning noted");
    }
}

fn check_highlight(raw: &str, d: &Decoded) {
    let spans = token::highlight(raw, &d.clean);
    let mut at = 0;
    let mut kept = String::new();
    let mut dots = 0;
    for (i, span) in spans.iter().enumerate() {
        assert_eq!(span.range.start, at, "spans are contiguous: {spans:?}");
        assert!(!span.range.is_empty(), "no empty span");
        assert!(raw.is_char_boundary(span.range.end));
        if i > 0 {
            assert_ne!(spans[i - 1].kind, span.kind, "adjacent spans are merged");
        }
        let text = &raw[span.range.clone()];
        match span.kind {
            SpanKind::Removed => {
                let inside =
                    span.range.start >= d.clean.core.start && span.range.end <= d.clean.core.end;
                if inside {
                    assert!(text.chars().all(char::is_whitespace), "{text:?}");
                }
            }
            SpanKind::Dot => {
                assert!(text.chars().all(|c| c == '.'));
                dots += text.len();
                kept.push_str(text);
            }
            SpanKind::Json => unreachable!("JSON is checked by check_json"),
            SpanKind::Part(n) => {
                assert_eq!(n, dots, "part number counts the dots before it");
                assert!(!text.contains('.'));
                kept.push_str(text);
            }
        }
        at = span.range.end;
    }
    assert_eq!(at, raw.len(), "spans cover the whole input");
    assert_eq!(kept, d.clean.token, "parts and dots spell the token");
}

fn check_decoded(d: &Decoded) {
    let token = &d.clean.token;
    if token.is_empty() {
        assert_eq!(d.kind, TokenKind::Empty);
        assert!(!d.errors.is_empty());
        return;
    }
    let segments = d.segments();
    assert_eq!(d.part_count, segments.len());
    let kind = match segments.len() {
        3 => TokenKind::Jws,
        5 => TokenKind::Jwe,
        _ => TokenKind::Malformed,
    };
    assert_eq!(d.kind, kind);
    if d.kind == TokenKind::Malformed {
        assert!(!d.errors.is_empty(), "a malformed token says why");
    }
    for e in &d.errors {
        assert!(!e.to_string().is_empty());
    }
    match d.signing_input() {
        Some(input) => {
            assert_eq!(d.kind, TokenKind::Jws);
            // An SD-JWT signs only its issuer-signed JWT (before the first `~`).
            let jws = d.jws_text();
            assert_eq!(input, &jws[..jws.rfind('.').unwrap()]);
            assert!(token.starts_with(jws));
        }
        None => assert_ne!(d.kind, TokenKind::Jws),
    }
    if d.is_verifiable() {
        assert!(d.header.is_some() && d.kind == TokenKind::Jws);
    }
    let clean_segment = |seg: Segment| {
        !d.errors.iter().any(|e| e.segment == Some(seg))
            && !d.base64_notes.iter().any(|n| n.segment == seg)
    };
    // Strict base64url round-trips exactly: decode(segment) then encode.
    if d.kind == TokenKind::Jws {
        if let (Some(bytes), true) = (&d.payload_bytes, clean_segment(Segment::Payload)) {
            assert_eq!(base64url::encode(bytes), segments[1]);
        }
        if let (Some(sig), true) = (&d.signature, clean_segment(Segment::Signature)) {
            assert_eq!(base64url::encode(sig), segments[2]);
        }
    }
    if let Some(h) = &d.header {
        let _ = d.alg();
        let _ = d.header_param("kid");
        let _ = json::pretty(h);
    }
    let _ = d.claims();
    check_sd(d);
}

/// An SD-JWT: its parts spell the token, and every disclosure is judged,
/// matched ones saying where their digest is.
fn check_sd(d: &Decoded) {
    let Some(sd) = &d.sd else {
        // A JWE is read no further than its five parts, `~` or not.
        assert!(d.kind == TokenKind::Jwe || !d.clean.token.contains('~'));
        return;
    };
    assert!(d.clean.token.starts_with(&sd.parts.issuer_jwt));
    assert!(sd.parts.presented.ends_with('~'));
    if let Some(p) = &sd.processed {
        assert_eq!(p.disclosures.len(), sd.parts.disclosures.len());
        for disclosure in &p.disclosures {
            assert_eq!(
                disclosure.status == jwt_debugger::core::sd_jwt::Status::Matched,
                disclosure.referenced_at.is_some()
            );
        }
        let payload = match &d.payload {
            PayloadView::Json(doc) => &doc.value,
            _ => unreachable!("processed only with a JSON payload"),
        };
        let _ = jwt_debugger::core::sd_jwt::key_binding(&sd.parts, payload, p.hash_alg, None);
    }
}

fn check_rows(doc: &json::JsonDoc, now: i64, sel: u8) {
    let fixed = match usize::from(sel) % 8 {
        i @ 0..=5 => Some(OFFSETS[i]),
        6 => Some(i32::from(sel as i8) * 15),
        // The app's offset function depends on the date; any per-date
        // answer works.
        _ => None,
    };
    let rows = match fixed {
        Some(offset) => claims::rows(doc, now, &|_| offset),
        None => claims::rows(doc, now, &|secs| (secs % 1500) as i32),
    };
    let members = doc.value.as_object().map_or(0, |m| m.len());
    assert_eq!(rows.len(), members, "one row per member");
    for row in rows {
        assert!(!row.value.is_empty(), "{} has a value", row.name);
        if let Some(t) = row.time {
            assert!(t.iso.ends_with('Z') && !t.relative.is_empty());
        }
    }
}

// ---------------------------------------------------------------------------
// json
// ---------------------------------------------------------------------------

/// Bytes → str → `json::parse`, then re-parse of `pretty`, duplicate keys and
/// number fidelity checked against an independent reading of the text.
pub fn run_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = match json::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            assert!(!e.message.is_empty());
            return;
        }
    };
    let printed = json::pretty(&doc);
    let again = json::parse(&printed)
        .unwrap_or_else(|e| panic!("pretty output does not parse ({e:?}): {printed}"));
    assert_eq!(again.value, doc.value, "pretty re-parses to the same value");
    assert!(
        again.duplicate_keys.is_empty(),
        "pretty has no repeated keys"
    );
    assert_eq!(json::pretty(&again), printed, "pretty is idempotent");

    let dups = count_duplicates(text);
    assert_eq!(
        doc.duplicate_keys.len(),
        dups,
        "duplicate keys found: {:?}",
        doc.duplicate_keys
    );
    if dups == 0 {
        // Every number is shown exactly as written, in order.
        let shown: Vec<String> = json::pretty_pieces(&doc)
            .into_iter()
            .filter(|p| p.kind == json::PieceKind::Number)
            .map(|p| p.text)
            .collect();
        assert_eq!(shown, number_literals(text), "numbers as written");
    }
    if let Some(map) = doc.value.as_object() {
        for (key, value) in map {
            let pieces = json::compact_member(&doc, key).expect("member of the object");
            let compact: String = pieces.into_iter().map(|p| p.text).collect();
            assert!(!compact.contains('\n'), "compact is one line");
            let member = json::parse(&compact)
                .unwrap_or_else(|e| panic!("compact member does not parse ({e:?}): {compact}"));
            assert_eq!(&member.value, value, "compact member re-parses");
        }
    }
}

/// The number literals of valid JSON text, in order.
fn number_literals(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                out.push(text[start..i].to_string());
            }
            _ => i += 1,
        }
    }
    out
}

/// Repeated keys in JSON text, counted by serde's own map visitor.
fn count_duplicates(text: &str) -> usize {
    struct Dups(usize);
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Dups;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Dups, E> {
            Ok(Dups(0))
        }
        fn visit_i64<E>(self, _: i64) -> Result<Dups, E> {
            Ok(Dups(0))
        }
        fn visit_u64<E>(self, _: u64) -> Result<Dups, E> {
            Ok(Dups(0))
        }
        fn visit_f64<E>(self, _: f64) -> Result<Dups, E> {
            Ok(Dups(0))
        }
        fn visit_str<E>(self, _: &str) -> Result<Dups, E> {
            Ok(Dups(0))
        }
        fn visit_unit<E>(self) -> Result<Dups, E> {
            Ok(Dups(0))
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Dups, A::Error> {
            let mut n = 0;
            while let Some(Dups(m)) = seq.next_element()? {
                n += m;
            }
            Ok(Dups(n))
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Dups, A::Error> {
            // With arbitrary_precision a number arrives as a one-entry map.
            let mut seen = HashSet::new();
            let mut n = 0;
            while let Some(key) = map.next_key::<String>()? {
                if !seen.insert(key) {
                    n += 1;
                }
                let Dups(m) = map.next_value()?;
                n += m;
            }
            Ok(Dups(n))
        }
    }
    impl<'de> serde::Deserialize<'de> for Dups {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Dups, D::Error> {
            d.deserialize_any(V)
        }
    }
    serde_json::from_str::<Dups>(text)
        .expect("text serde_json parsed")
        .0
}

// ---------------------------------------------------------------------------
// keys
// ---------------------------------------------------------------------------

/// How many ways `run_keys` reads its bytes (see there).
pub const KEY_VIEWS: usize = 19;

/// `s0 bytes`: s0 picks one reading of the bytes: as key text (parsed and
/// summarized), as a secret in every encoding and as bare base64 DER, as the
/// DER body of each PEM tag, after `EC PARAMETERS`, as a two-block bundle,
/// as DER given in base64, or as the members of one of the JWKs and the JWK
/// Set of [`jwk_texts`].
pub fn run_keys(data: &[u8]) {
    let ([s0], data) = selectors::<1>(data);
    let view = usize::from(s0) % KEY_VIEWS;
    match view {
        0 => {
            let text = String::from_utf8_lossy(data);
            let now = [1_767_225_600, i64::MIN, i64::MAX][usize::from(s0) / KEY_VIEWS % 3];
            check_key_text(&text, &[now]);
        }
        1 => {
            let text = String::from_utf8_lossy(data);
            check_secret_encodings(&text);
            if let Some(key) = keys::parse_bare_der(&text) {
                check_key(&key);
            }
        }
        2..=7 => check_key_text(&pem(PEM_TAGS[view - 2], data), &[0]),
        // "EC PARAMETERS" before a key, as openssl prints it.
        8 => check_key_text(
            &format!(
                "{}{}",
                pem("EC PARAMETERS", &[6, 8, 42, 134, 72, 206, 61, 3, 1, 7]),
                pem("EC PRIVATE KEY", data)
            ),
            &[0],
        ),
        9 => check_key_text(
            &format!("{}{}", pem("PUBLIC KEY", data), pem("CERTIFICATE", data)),
            &[0],
        ),
        10 => {
            if let Some(key) = keys::parse_bare_der(&STANDARD.encode(data)) {
                check_key(&key);
            }
        }
        _ => {
            let jwks = jwk_texts(data);
            check_key_text(&jwks[(view - 11) % jwks.len()], &[0]);
        }
    }
}

fn pem(tag: &str, der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {tag}-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).unwrap());
        out.push('\n');
    }
    out.push_str(&format!("-----END {tag}-----\n"));
    out
}

/// JWKs and JWK Sets whose members are slices of the bytes.
fn jwk_texts(data: &[u8]) -> Vec<String> {
    let b = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let half = data.len() / 2;
    let (lo, hi) = data.split_at(half);
    let mut out = vec![
        format!(r#"{{"kty":"RSA","n":"{}","e":"AQAB"}}"#, b(data)),
        format!(r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#, b(lo), b(hi)),
        format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b(data)),
        format!(r#"{{"kty":"oct","k":"{}","alg":"HS256"}}"#, b(data)),
    ];
    for (crv, size) in [("P-256", 32), ("P-384", 48), ("P-521", 66)] {
        let x = &data[..size.min(data.len())];
        let y = &data[size.min(data.len())..(2 * size).min(data.len())];
        out.push(format!(
            r#"{{"kty":"EC","crv":"{crv}","x":"{}","y":"{}","kid":"k","use":"sig","key_ops":["verify"]}}"#,
            b(x),
            b(y)
        ));
    }
    let set = format!(r#"{{"keys":[{},{}]}}"#, out[0], out[2]);
    out.push(set);
    out
}

/// The key text is parsed, checked, and summarized at each of `nows`
/// (summarize parses again, so the derived texts use one `now`).
fn check_key_text(text: &str, nows: &[i64]) {
    let parsed = keys::parse_key_text(text);
    match &parsed {
        Ok(KeyText::Empty) => assert!(text.trim().is_empty()),
        Ok(KeyText::Secret(s)) => assert_eq!(s, text),
        Ok(KeyText::Keys { keys, is_set }) => {
            assert!(!keys.is_empty(), "a key list is never empty");
            if keys.len() > 1 {
                assert!(*is_set);
            }
            for k in keys {
                check_key(k);
            }
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
    for &now in nows {
        let lines = keys::summarize(text, now);
        assert_eq!(lines.is_empty(), matches!(parsed, Ok(KeyText::Empty)));
    }
}

/// What every parsed key promises about its material.
fn check_key(k: &Key) {
    assert!(!k.describe().is_empty());
    match &k.material {
        KeyMaterial::Secret(s) => assert!(!s.is_empty(), "a parsed secret is not empty"),
        KeyMaterial::Rsa { n, e } => {
            assert_ne!(n.first(), Some(&0), "n has no leading zero");
            assert_ne!(e.first(), Some(&0), "e has no leading zero");
            let bits = n.len() * 8 - n[0].leading_zeros() as usize;
            assert!((keys::RSA_MIN_BITS..=keys::RSA_MAX_BITS).contains(&bits));
            assert!(n[n.len() - 1] % 2 == 1 && e[e.len() - 1] % 2 == 1);
        }
        KeyMaterial::Ec { curve, point } => {
            assert_eq!(point.len(), 1 + 2 * curve.size());
            assert_eq!(point[0], 4, "uncompressed point");
        }
        KeyMaterial::Ed25519(x) => {
            assert!(ed25519_dalek::VerifyingKey::from_bytes(x).is_ok());
        }
        // Every 32 bytes are an X25519 public key.
        KeyMaterial::X25519(_) => {}
        KeyMaterial::Ed448(x) => assert_eq!(x[56] & 0x7f, 0, "a canonical Ed448 key"),
        KeyMaterial::MlDsa { level, public } => assert_eq!(public.len(), level.public_len()),
    }
    // The same key written as a JWK reads back as the same material, so a
    // key pasted as PEM and as JWK verifies the same way.
    let b = |bytes: &[u8]| URL_SAFE_NO_PAD.encode(bytes);
    let jwk = match &k.material {
        KeyMaterial::Secret(s) => format!(r#"{{"kty":"oct","k":"{}"}}"#, b(s)),
        KeyMaterial::Rsa { n, e } => format!(r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#, b(n), b(e)),
        KeyMaterial::Ec { curve, point } => {
            let (x, y) = point[1..].split_at(curve.size());
            format!(
                r#"{{"kty":"EC","crv":"{}","x":"{}","y":"{}"}}"#,
                curve.name(),
                b(x),
                b(y)
            )
        }
        KeyMaterial::Ed25519(x) => format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b(x)),
        KeyMaterial::X25519(x) => format!(r#"{{"kty":"OKP","crv":"X25519","x":"{}"}}"#, b(x)),
        KeyMaterial::Ed448(x) => format!(r#"{{"kty":"OKP","crv":"Ed448","x":"{}"}}"#, b(x)),
        KeyMaterial::MlDsa { level, public } => format!(
            r#"{{"kty":"AKP","alg":"{}","pub":"{}"}}"#,
            level.alg(),
            b(public)
        ),
    };
    match keys::parse_key_text(&jwk) {
        Ok(KeyText::Keys { keys, .. }) => {
            assert_eq!(keys.len(), 1);
            assert_eq!(keys[0].material, k.material, "{jwk}");
        }
        other => panic!("{} does not read back as a JWK: {other:?}", k.describe()),
    }
}

fn check_secret_encodings(text: &str) {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for enc in SecretEncoding::ALL {
        assert_eq!(SecretEncoding::from_value(enc.value()), Some(enc));
        let Ok(bytes) = enc.decode(text) else {
            continue;
        };
        match enc {
            SecretEncoding::Utf8 => assert_eq!(bytes, text.as_bytes()),
            SecretEncoding::Hex => {
                let digits = compact.strip_prefix("0x").unwrap_or(&compact);
                assert_eq!(bytes.len() * 2, digits.len());
            }
            SecretEncoding::Base64 | SecretEncoding::Base64Url => {
                let unpadded = compact.trim_end_matches('=');
                let again = if enc == SecretEncoding::Base64 {
                    base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes)
                } else {
                    URL_SAFE_NO_PAD.encode(&bytes)
                };
                assert_eq!(again, unpadded, "base64 secrets round-trip");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// verify
// ---------------------------------------------------------------------------

/// `s0 s1 token 0xff key [0xff detached-payload]`. Runs `verify::verify`
/// with the secret encoding s0 picks, with the detached payload when s0
/// says so; then, as s0 picks, `verify_signature` for one signing algorithm
/// (s1) with one piece of key material made from the key bytes (s1), or with
/// a key derived from the key bytes that really signs the input.
pub fn run_verify(data: &[u8]) {
    let ([s0, s1], data) = selectors::<2>(data);
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let token_bytes = parts.next().unwrap_or_default();
    let key_bytes = parts.next().unwrap_or_default();
    let detached = parts.next();
    let raw = String::from_utf8_lossy(token_bytes);
    let key_text = String::from_utf8_lossy(key_bytes);
    let d = token::decode(&raw);

    let req = VerifyRequest {
        decoded: &d,
        key_text: &key_text,
        encoding: SecretEncoding::ALL[usize::from(s0) % SecretEncoding::ALL.len()],
        detached_payload: (s0 & 4 != 0).then(|| detached.unwrap_or_default()),
        now: 1_767_225_600,
    };
    let verdict = verify::verify(&req);
    check_verdict(&d, &verdict);
    // "It verifies if the secret is read as X": then with X it does.
    if let Some(hint) = &verdict.hint {
        let other = SecretEncoding::ALL
            .into_iter()
            .find(|e| hint.contains(&format!("choose \"{}\"", e.label())))
            .unwrap_or_else(|| panic!("hint names an encoding: {hint}"));
        assert_ne!(other, req.encoding);
        let again = verify::verify(&VerifyRequest {
            encoding: other,
            ..req
        });
        assert_eq!(again.status, Status::Valid, "{hint} / {}", again.message);
    }

    let message = d
        .signing_input()
        .map_or_else(|| token_bytes.to_vec(), |s| s.as_bytes().to_vec());
    let mut signatures = vec![d.signature.clone().unwrap_or_default()];
    signatures.extend(detached.map(<[u8]>::to_vec));
    let sig = &signatures[usize::from(s0 >> 5) % signatures.len()];
    let algs = algorithms::SIGNING_ALGORITHMS;
    let alg = algs[usize::from(s1) % algs.len()];
    // Any algorithm with any material, fitting or not: the app only passes
    // fitting keys, but verify_signature is public.
    match s0 >> 3 {
        // A key derived from the key bytes costs about 2.5 ms an input (an
        // EC scalar multiplication to make it, a signature, two
        // verifications), so it is the rare reading: one value of the five
        // bits, 1 in 32 inputs. The signature it checks is then the one s1
        // picks, since the material is fixed.
        DERIVED_KEY => {
            if let Some(signer) = Signer::from_bytes(key_bytes) {
                let sig = &signatures[usize::from(s1) / algs.len() % signatures.len()];
                let _ = verify::verify_signature(alg, &signer.material(), &message, sig);
                signed_round_trip(&signer, &message);
            }
        }
        m if m % 4 == 3 => {}
        _ => {
            let materials = materials(key_bytes, &key_text);
            let material = &materials[usize::from(s1) / algs.len() % materials.len()];
            let _ = verify::verify_signature(alg, material, &message, sig);
        }
    }
}

/// `s0 >> 3` that picks the key derived from the key bytes in `run_verify`.
const DERIVED_KEY: u8 = 2;

fn check_verdict(d: &Decoded, v: &verify::Verdict) {
    assert!(!v.message.is_empty(), "{v:?}");
    if v.status == Status::Valid {
        assert!(d.is_verifiable());
        assert!(v.key_used.is_some(), "a valid verdict names its key");
        assert_ne!(d.alg(), Some("none"));
    }
    if v.lenient {
        assert!(matches!(v.status, Status::Valid | Status::Invalid));
    }
    if v.is_strictly_valid() {
        assert!(!d.clean.cleaning.any() && d.base64_notes.is_empty());
    }
}

/// Key material the way the app holds it: parsed from the key text, and
/// built from the key bytes (a secret, an RSA modulus).
fn materials(key_bytes: &[u8], key_text: &str) -> Vec<KeyMaterial> {
    let mut out = vec![KeyMaterial::Secret(key_bytes.to_vec())];
    if let Ok(KeyText::Keys { keys, .. }) = keys::parse_key_text(key_text) {
        out.extend(keys.into_iter().map(|k| k.material));
    }
    let start = key_bytes
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(key_bytes.len());
    let n = &key_bytes[start..];
    if !n.is_empty() {
        out.push(KeyMaterial::Rsa {
            n: n.to_vec(),
            e: vec![1, 0, 1],
        });
    }
    out
}

/// A private key made from the key bytes: a P-256, P-384 or P-521 scalar
/// or an Ed25519 seed, picked by the length (one per input keeps the slow
/// curves from dominating every run).
pub enum Signer {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
    Ed25519(ed25519_dalek::SigningKey),
}

impl Signer {
    pub fn from_bytes(bytes: &[u8]) -> Option<Signer> {
        let first = |n: usize| bytes.get(..n).unwrap_or(bytes);
        match bytes.len() % 4 {
            0 => p256::ecdsa::SigningKey::from_slice(first(32))
                .ok()
                .map(Signer::P256),
            1 => p384::ecdsa::SigningKey::from_slice(first(48))
                .ok()
                .map(Signer::P384),
            2 => p521::ecdsa::SigningKey::from_slice(first(66))
                .ok()
                .map(Signer::P521),
            _ => {
                let seed: [u8; 32] = bytes.get(..32)?.try_into().ok()?;
                Some(Signer::Ed25519(ed25519_dalek::SigningKey::from_bytes(
                    &seed,
                )))
            }
        }
    }

    /// The public half, as the key parser would produce it.
    pub fn material(&self) -> KeyMaterial {
        match self {
            Signer::P256(k) => KeyMaterial::Ec {
                curve: Curve::P256,
                point: k
                    .verifying_key()
                    .to_encoded_point(false)
                    .as_bytes()
                    .to_vec(),
            },
            Signer::P384(k) => KeyMaterial::Ec {
                curve: Curve::P384,
                point: k
                    .verifying_key()
                    .to_encoded_point(false)
                    .as_bytes()
                    .to_vec(),
            },
            Signer::P521(k) => KeyMaterial::Ec {
                curve: Curve::P521,
                point: p521::ecdsa::VerifyingKey::from(k)
                    .to_encoded_point(false)
                    .as_bytes()
                    .to_vec(),
            },
            Signer::Ed25519(k) => KeyMaterial::Ed25519(k.verifying_key().to_bytes()),
        }
    }

    /// The JWS algorithm and the JWS signature (r‖s for ECDSA) of `message`.
    pub fn sign(&self, message: &[u8]) -> (&'static str, Vec<u8>) {
        use p256::ecdsa::signature::Signer as _;
        match self {
            Signer::P256(k) => {
                let sig: p256::ecdsa::Signature = k.sign(message);
                ("ES256", sig.to_bytes().to_vec())
            }
            Signer::P384(k) => {
                let sig: p384::ecdsa::Signature = k.sign(message);
                ("ES384", sig.to_bytes().to_vec())
            }
            Signer::P521(k) => {
                let sig: p521::ecdsa::Signature = k.sign(message);
                ("ES512", sig.to_bytes().to_vec())
            }
            Signer::Ed25519(k) => ("EdDSA", k.sign(message).to_bytes().to_vec()),
        }
    }
}

/// A signature made with the key verifies, and with one bit flipped it
/// does not.
fn signed_round_trip(signer: &Signer, message: &[u8]) {
    let material = signer.material();
    let (alg, mut sig) = signer.sign(message);
    assert_eq!(
        verify::verify_signature(alg, &material, message, &sig),
        Ok(true),
        "{alg} signature made with the key verifies"
    );
    let last = sig.len() - 1;
    sig[last] ^= 1;
    assert_ne!(
        verify::verify_signature(alg, &material, message, &sig),
        Ok(true),
        "{alg} signature with a flipped bit does not verify"
    );
}

// ---------------------------------------------------------------------------
// sign
// ---------------------------------------------------------------------------

/// `s0 s1 header 0xff payload 0xff key` → signing and key export. s0 picks
/// the secret encoding and, half the time, a real `alg` written into the
/// header; s1 picks between signing (whatever signs must verify with the
/// same key text, unless the header asks for what the verifier refuses on
/// purpose: `crit`, `b64`) and the key tool (its forms must read back to
/// the same thumbprint). The page's signing and setting a member (JSON that
/// parses) run every time.
pub fn run_sign(data: &[u8]) {
    let ([selector, s1], data) = selectors::<2>(data);
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let header = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let payload = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let key = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let encoding = SecretEncoding::ALL[usize::from(selector) % SecretEncoding::ALL.len()];
    // Half the time the header's alg is replaced by a real one, so the
    // signers themselves run, not only the JSON checks.
    let header = if selector & 0x80 != 0 {
        let alg = algorithms::SIGNING_ALGORITHMS
            [usize::from(selector) % algorithms::SIGNING_ALGORITHMS.len()];
        json::set_member(&header, "alg", serde_json::Value::String(alg.into())).unwrap_or(header)
    } else {
        header
    };
    let signs = s1 % 2 == 0;

    if let Ok((alg, input)) = sign::signing_input(&header, &payload) {
        assert_eq!(input.matches('.').count(), 1, "signing input {input:?}");
        let _ = sign::sign_on_page(&alg, &input, &key, encoding);
    }
    if let Some(Ok(token)) = signs.then(|| sign::sign_token(&header, &payload, &key, encoding)) {
        let decoded = token::decode(&token);
        assert_eq!(decoded.kind, TokenKind::Jws, "signed token {token:?}");
        if signed_token_must_verify(&decoded, &key) {
            let verdict = verify::verify(&VerifyRequest {
                decoded: &decoded,
                key_text: &key,
                encoding,
                detached_payload: None,
                now: 1_767_225_600,
            });
            assert_eq!(
                verdict.status,
                Status::Valid,
                "{token} with {key:?}: {verdict:?}"
            );
        }
    }
    if let Some(Ok(forms)) = (!signs).then(|| key_export::convert(&key)) {
        for form in forms {
            assert_eq!(form.thumbprint.len(), 43, "thumbprint {form:?}");
            for text in [
                Some(&form.public_jwk),
                form.public_pem.as_ref(),
                form.private_pem.as_ref(),
            ]
            .into_iter()
            .flatten()
            {
                let again = key_export::convert(text).expect("a form reads back");
                assert_eq!(again.len(), 1);
                assert_eq!(again[0].thumbprint, form.thumbprint, "{text}");
            }
        }
    }
    if let Ok(text) = json::set_member(&payload, "exp", serde_json::Value::from(1)) {
        assert!(json::parse(&text).is_ok(), "set_member wrote {text:?}");
    }
}

/// A signed token verifies with its own key text, except where the verifier
/// refuses on purpose what the signer writes as asked: `none`, `crit`,
/// `b64`, and keys limited by `key_ops` (sign-only keys do not verify) or
/// chosen from a set by a kid that is not there.
fn signed_token_must_verify(decoded: &Decoded, key: &str) -> bool {
    let header_ok = decoded.alg() != Some("none")
        && decoded.header_param("crit").is_none()
        && decoded.header_param("b64").is_none();
    let key_ok = match keys::parse_key_text(key) {
        Ok(KeyText::Keys { keys, is_set }) => !is_set && keys.iter().all(|k| k.key_ops.is_none()),
        Ok(KeyText::Secret(_)) => true,
        _ => false,
    };
    header_ok && key_ok
}

// ---------------------------------------------------------------------------
// jwe
// ---------------------------------------------------------------------------

/// `s0 s1 token 0xff key`. s1 picks one of two jobs. Either the token is
/// parsed and decrypted with the key text (in the secret encoding s0
/// picks), checking the outcome's promises; or the token's bytes are
/// encrypted with a fixed shared key under the alg/enc/zip s0 picks, the
/// result must decrypt to them, and one changed character must never yield
/// other plaintext.
pub fn run_jwe(data: &[u8]) {
    use jwt_debugger::core::jwe::{self, JweStatus};
    let ([selector, s1], data) = selectors::<2>(data);
    let mut parts = data.splitn(2, |&b| b == 0xff);
    let token_bytes = parts.next().unwrap_or_default();
    let token = String::from_utf8_lossy(token_bytes).into_owned();
    let key = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
    let encoding = SecretEncoding::ALL[usize::from(selector) % SecretEncoding::ALL.len()];

    if s1 % 2 == 0 {
        let parsed = jwe::parse(&token);
        // A PBES2 token may ask for up to MAX_P2C PBKDF2 iterations (about
        // half a second each try): above SLOW_P2C it is parsed only. Above
        // MAX_P2C decryption refuses before any PBKDF2, so it still runs.
        let p2c = parsed.as_ref().ok().and_then(|p| pbes2_count(&p.header));
        if p2c.is_some_and(|n| n > SLOW_P2C && n <= jwe::MAX_P2C) {
            if let Ok(p) = &parsed {
                assert_eq!(p.parts.len(), 5);
            }
            return;
        }
        let d = jwe::decrypt(&token, &key, encoding);
        if p2c.is_some_and(|n| n > jwe::MAX_P2C) {
            assert_ne!(d.status, JweStatus::Decrypted, "p2c above the limit");
        }
        check_decryption(&d);
        if jose_json::looks_like_json(&token) {
            // JSON serialization: one outcome per recipient, or refused.
            match jwe::parse_json(&token) {
                Ok(recipients) => {
                    assert!(!recipients.is_empty());
                    assert_eq!(d.recipients.len(), recipients.len());
                    let opened = d.recipients.iter().filter(|r| r.status == JweStatus::Decrypted);
                    assert_eq!(opened.count(), usize::from(d.status == JweStatus::Decrypted));
                }
                Err(_) => assert_eq!(d.status, JweStatus::Malformed),
            }
            return;
        }
        match &parsed {
            // Decryption may still call it malformed for what the header
            // says (no "enc", a member of the wrong type, a bad "epk").
            Ok(p) => {
                assert_eq!(p.parts.len(), 5);
                assert_eq!(d.header.len(), p.header.len());
            }
            Err(e) => {
                assert!(
                    matches!(d.status, JweStatus::Malformed | JweStatus::Unsupported),
                    "{e} but {:?}",
                    d.status
                );
                assert!(!e.to_string().is_empty());
            }
        }
        return;
    }

    // Round trip with cheap algorithms (no RSA key generation, PBES2 at its
    // lowest count), the token's bytes as plaintext.
    const ALGS: [(&str, usize); 5] = [
        ("dir", 0),
        ("A128KW", 16),
        ("A256GCMKW", 32),
        ("PBES2-HS256+A128KW", 8),
        ("A192KW", 24),
    ];
    let (alg, key_len) = ALGS[usize::from(selector >> 4) % ALGS.len()];
    let enc = jwe::CONTENT_ALGORITHMS[usize::from(selector) % jwe::CONTENT_ALGORITHMS.len()];
    let cek_len = match enc {
        "A128CBC-HS256" => 32,
        "A192CBC-HS384" => 48,
        "A256CBC-HS512" => 64,
        "A128GCM" => 16,
        "A192GCM" => 24,
        _ => 32,
    };
    let secret: String = "0123456789abcdef"
        .chars()
        .cycle()
        .take(if alg == "dir" { cek_len } else { key_len })
        .collect();
    let options = jwe::EncryptOptions {
        alg: alg.into(),
        enc: enc.into(),
        zip: selector & 0x08 != 0,
        cty: None,
        p2c: Some(1000),
    };
    let mut rng = FixedRng(data.iter().fold(0x9e37_79b9_7f4a_7c15, |a, &b| {
        (a ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    }));
    let sealed = jwe::encrypt(
        token_bytes,
        &secret,
        SecretEncoding::Utf8,
        &options,
        &mut rng,
    )
    .unwrap_or_else(|e| panic!("{alg}/{enc}: {e}"));
    let opened = jwe::decrypt(&sealed, &secret, SecretEncoding::Utf8);
    assert_eq!(
        opened.status,
        JweStatus::Decrypted,
        "{alg}/{enc}: {}",
        opened.message
    );
    assert_eq!(opened.plaintext.as_deref(), Some(token_bytes));
    // One character changed, where the input says.
    let mut chars: Vec<char> = sealed.chars().collect();
    let at = data.len().wrapping_mul(31) % chars.len();
    chars[at] = if chars[at] == 'A' { 'B' } else { 'A' };
    let changed: String = chars.into_iter().collect();
    let d = jwe::decrypt(&changed, &secret, SecretEncoding::Utf8);
    check_decryption(&d);
    if d.status == JweStatus::Decrypted {
        assert_eq!(d.plaintext.as_deref(), Some(token_bytes), "{changed}");
    }
}

/// PBES2 iteration counts above this are not decrypted by `run_jwe`.
const SLOW_P2C: u64 = 10_000;

/// The `p2c` of a PBES2 header, when it has one that is a whole number.
fn pbes2_count(header: &serde_json::Map<String, serde_json::Value>) -> Option<u64> {
    let alg = header.get("alg")?.as_str()?;
    if !alg.starts_with("PBES2") {
        return None;
    }
    header.get("p2c")?.as_u64()
}

fn check_decryption(d: &jwt_debugger::core::jwe::Decryption) {
    use jwt_debugger::core::jwe::JweStatus;
    assert!(!d.message.is_empty());
    assert_eq!(
        d.plaintext.is_some(),
        d.status == JweStatus::Decrypted,
        "{}",
        d.message
    );
    assert!(d.key_used.is_some() || d.status != JweStatus::Decrypted);
    assert!(d.parts.is_empty() || d.parts.len() == 5);
    if let Some(nested) = &d.nested {
        assert_eq!(token::decode(nested).kind, TokenKind::Jws);
    }
}

/// A deterministic generator, so an input always replays the same way (it
/// is not random, and is only ever used here).
struct FixedRng(u64);

impl rand_core::RngCore for FixedRng {
    fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }
    fn next_u64(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let n = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&n[..chunk.len()]);
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl rand_core::CryptoRng for FixedRng {}

// ---------------------------------------------------------------------------
// validate
// ---------------------------------------------------------------------------

/// The settings fields of a structured `validate` input, in order.
pub const VALIDATE_FIELDS: [&str; 15] = [
    "payload",
    "profile",
    "algs",
    "iss",
    "aud",
    "sub",
    "nonce",
    "typ",
    "required",
    "leeway",
    "max_age",
    "access_token",
    "code",
    "schema",
    "now_text",
];

/// Clocks a job is answered at: the epoch, 2026, both ends of i64, year 1,
/// year 9999, a far-future date, and just before the epoch.
pub const CLOCKS: [i64; 8] = [
    0,
    1_777_636_800,
    i64::MIN,
    i64::MAX,
    -62_135_596_800,
    253_402_300_799,
    4_102_444_800,
    -1,
];

/// `s0 s1 rest`. When s1 is a multiple of 4, the rest is a request to the
/// validation worker as it arrives (`engine::handle_validation_json`): the
/// answer is always a message that parses, with the request's sequence
/// number when it has one. Otherwise the rest is `header 0xff payload 0xff
/// profile 0xff algs 0xff iss 0xff aud 0xff sub 0xff nonce 0xff typ 0xff
/// required 0xff leeway 0xff max_age 0xff access_token 0xff code 0xff
/// schema 0xff now_text`, a job is built from it (the token from header and
/// payload JSON, or the header text as the token when s0 says so; the
/// signature verdict's status, leniency and the clock from s0; an empty
/// profile field becomes the profile s1 picks), and `validate::answer`'s
/// promises are checked; when s1 says so the job also goes through the
/// worker as JSON and must come back with the same answer.
pub fn run_validate(data: &[u8]) {
    use jwt_debugger::core::engine::{self, Message, Request, Response};
    use jwt_debugger::core::validate::{self, Inputs, Profile, ValidateJob};
    let ([s0, s1], data) = selectors::<2>(data);
    if s1 % 4 == 0 {
        let text = String::from_utf8_lossy(data);
        let reply = engine::handle_validation_json(&text);
        let message: Message<Response> = serde_json::from_str(&reply)
            .unwrap_or_else(|e| panic!("the answer does not parse ({e}): {reply}"));
        if let Ok(request) = serde_json::from_str::<Message<Request>>(&text) {
            assert_eq!(message.seq, request.seq);
            match (&request.body, &message.body) {
                (Request::Validate(job), Response::Validated(answer)) => {
                    check_validated(job, answer);
                }
                (Request::Validate(_), other) => panic!("a job answered with {other:?}"),
                (_, Response::BadRequest(_)) => {}
                (_, other) => panic!("not a job, answered with {other:?}"),
            }
        } else {
            assert!(matches!(message.body, Response::BadRequest(_)), "{reply}");
        }
        return;
    }

    let mut fields = data.split(|&b| b == 0xff);
    let mut next = || String::from_utf8_lossy(fields.next().unwrap_or_default()).into_owned();
    let header = next();
    let mut field = [(); 15].map(|_| next());
    let token = if s0 & 0x10 != 0 {
        header
    } else {
        format!(
            "{}.{}.ZHVtbXktc2lnbmF0dXJl",
            base64url::encode(header.as_bytes()),
            base64url::encode(field[0].as_bytes())
        )
    };
    if field[1].is_empty() {
        field[1] = Profile::ALL[usize::from(s1 / 4) % Profile::ALL.len()]
            .value()
            .to_string();
    }
    let [_, profile, algs, iss, aud, sub, nonce, typ, required, leeway, max_age, access_token, code, schema, now_text] =
        field;
    let status = [
        Status::Valid,
        Status::Invalid,
        Status::Checking,
        Status::NoKey,
        Status::KeyError,
        Status::Unsecured,
        Status::Unsupported,
        Status::Malformed,
    ][usize::from(s0) % 8];
    let mut signature = verify::Verdict::new(status, "The signature is valid. It is.");
    signature.lenient = s0 & 0x08 != 0;
    // An SD-JWT's key binding verdict goes with the job for some inputs.
    let kb_signature = (s1 & 0x10 != 0).then(|| signature.clone());
    // The DPoP request's method and URI reuse two of the texts read above.
    let (htm, htu) = (nonce.clone(), aud.clone());
    let job = ValidateJob {
        token,
        signature,
        kb_signature,
        inputs: Inputs {
            profile,
            algs,
            iss,
            aud,
            sub,
            nonce,
            typ,
            required,
            leeway,
            max_age,
            access_token,
            code,
            schema,
            now_text,
            htm,
            htu,
        },
        clock: CLOCKS[usize::from(s0 >> 5)],
    };
    let answer = validate::answer(&job);
    check_validated(&job, &answer);
    if s1 % 4 == 1 {
        let request = engine::encode(&Message {
            seq: u64::from(s0),
            body: Request::Validate(Box::new(job)),
        });
        let reply = engine::handle_validation_json(&request);
        let message: Message<Response> = serde_json::from_str(&reply)
            .unwrap_or_else(|e| panic!("the answer does not parse ({e}): {reply}"));
        assert_eq!(message.seq, u64::from(s0));
        assert_eq!(
            message.body,
            Response::Validated(answer),
            "the worker answers the same"
        );
    }
}

/// What a validation answer promises: an error alone when a setting cannot
/// be read; otherwise one line per rule, accepted exactly when no line
/// failed, and an accepted token meets every setting that was given.
fn check_validated(
    job: &jwt_debugger::core::validate::ValidateJob,
    answer: &jwt_debugger::core::validate::Validated,
) {
    use jwt_debugger::core::validate::{self, CheckResult};
    let exp = validate::from_inputs(&job.inputs);
    let Some(v) = &answer.validation else {
        let error = answer.error.as_deref().expect("no verdict says why");
        assert!(!error.is_empty());
        assert_eq!(exp.as_ref().err().map(String::as_str), Some(error));
        assert!(answer.snippets.is_empty());
        return;
    };
    assert!(answer.error.is_none());
    let exp = exp.expect("a verdict comes from readable settings");
    assert!(!answer.snippets.is_empty());
    for s in &answer.snippets {
        assert!(!s.library.is_empty() && !s.code.is_empty());
    }
    let mut rules = HashSet::new();
    for c in &v.checks {
        assert!(!c.rule.is_empty() && !c.detail.is_empty(), "{c:?}");
        assert!(
            rules.insert(c.rule.as_str()),
            "one line per rule: {:?}",
            v.checks
        );
        if !c.reason.is_empty() {
            assert_eq!(c.result, CheckResult::Fail, "{c:?}");
        }
    }
    for rule in ["signature", "alg", "exp", "schema"] {
        assert!(rules.contains(rule), "no {rule} line: {:?}", v.checks);
    }
    let failed = v.checks.iter().any(|c| c.result == CheckResult::Fail);
    assert_eq!(v.accepted, !failed, "{v:?}");
    assert!(!v.summary.is_empty());
    if !v.accepted {
        return;
    }
    // An accepted token: the signature holds (or is still being checked),
    // and every setting that was given is met.
    assert!(
        matches!(job.signature.status, Status::Valid | Status::Checking),
        "accepted with a {:?} signature",
        job.signature.status
    );
    let d = token::decode(&job.token);
    assert_ne!(d.alg(), Some("none"), "accepted alg none");
    if !exp.algs.is_empty() {
        let alg = d.alg().expect("an accepted token has an alg");
        assert!(
            exp.algs.iter().any(|a| a == alg),
            "{alg} not in {:?}",
            exp.algs
        );
    }
    let claims = d.claims().expect("an accepted token has claims");
    let text = |name: &str| claims.get(name).and_then(serde_json::Value::as_str);
    if let Some(iss) = &exp.iss {
        assert_eq!(text("iss"), Some(iss.as_str()), "iss");
    }
    if let Some(sub) = &exp.sub {
        assert_eq!(text("sub"), Some(sub.as_str()), "sub");
    }
    if let Some(nonce) = &exp.nonce {
        assert_eq!(text("nonce"), Some(nonce.as_str()), "nonce");
    }
    if let Some(aud) = &exp.aud {
        let ok = match claims.get("aud") {
            Some(serde_json::Value::String(s)) => s == aud,
            Some(serde_json::Value::Array(list)) => list.iter().any(|a| a.as_str() == Some(aud)),
            _ => false,
        };
        assert!(ok, "aud {aud:?} in {:?}", claims.get("aud"));
    }
    for name in exp
        .required
        .iter()
        .map(String::as_str)
        .chain(exp.profile.required_claims().iter().copied())
    {
        assert!(
            claims.contains_key(name),
            "required {name} missing but accepted"
        );
    }
}

// ---------------------------------------------------------------------------
// jose_json
// ---------------------------------------------------------------------------

/// Bytes → UTF-8 (lossy) → `jose_json::parse`. A JWS: each entry is its
/// compact form, which decodes as a JWS and written back as flattened JSON
/// reads back to the same protected header and signature; verification
/// gives one verdict per entry. A JWE: one recipient each, and decrypting
/// with no key never decrypts. A refusal is one error for the decoder too.
pub fn run_jose_json(data: &[u8]) {
    use jwt_debugger::core::jwe::{self, JweStatus};
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let d = token::decode(text);
    match jose_json::parse(text) {
        Ok(JoseJson::Jws(jws)) => {
            assert!(!jws.entries.is_empty());
            for (i, entry) in jws.entries.iter().enumerate() {
                let compact = jws.compact(i).unwrap();
                assert_eq!(compact.split('.').count(), 3);
                let back = jose_json::from_compact(&compact, jose_json::Form::Flattened).unwrap();
                match jose_json::parse(&back) {
                    Ok(JoseJson::Jws(again)) => {
                        assert_eq!(again.entries[0].protected_b64, entry.protected_b64);
                        assert_eq!(again.entries[0].signature, entry.signature);
                    }
                    // A header that is all unprotected has no compact form.
                    other => assert!(entry.protected_b64.is_empty(), "{other:?}"),
                }
            }
            let v = verify::verify(&VerifyRequest {
                decoded: &d,
                key_text: "",
                encoding: SecretEncoding::Utf8,
                detached_payload: None,
                now: 0,
            });
            assert_eq!(v.entries.len(), jws.entries.len());
            assert_ne!(v.status, Status::Valid);
        }
        Ok(JoseJson::Jwe(jwe_json)) => {
            assert_eq!(d.kind, TokenKind::Jwe);
            let recipients = jwe::parse_json(text).unwrap();
            assert_eq!(recipients.len(), jwe_json.recipients.len());
            let out = jwe::decrypt(text, "", SecretEncoding::Utf8);
            assert_ne!(out.status, JweStatus::Decrypted);
            assert_eq!(out.recipients.len(), recipients.len());
        }
        Err(e) => {
            assert!(!e.message.is_empty());
            if jose_json::looks_like_json(text) {
                assert_eq!(d.errors.len(), 1);
                assert_eq!(d.errors[0].to_string(), e.message);
            }
        }
    }
}
