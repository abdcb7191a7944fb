//! What each claim means, as data, and how time claims read to a person.

use serde_json::Value;

use super::claim_registry::{self, ClaimEntry};
use super::json::{self, JsonDoc, Piece};
use time::{OffsetDateTime, UtcOffset};

/// A NumericDate claim and how its distance from now reads: `{}` in a
/// phrase is the distance ("expires in 3 hours", "expired 2 days ago").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeClaim {
    pub name: &'static str,
    /// When the moment is ahead.
    pub future: &'static str,
    /// When it is behind.
    pub past: &'static str,
}

const fn time(name: &'static str, future: &'static str, past: &'static str) -> TimeClaim {
    TimeClaim { name, future, past }
}

/// Claims whose value is a NumericDate (seconds since 1970-01-01T00:00:00Z).
#[rustfmt::skip]
pub const TIME_CLAIMS: &[TimeClaim] = &[
    time("exp", "expires in {}", "expired {} ago"),
    time("nbf", "becomes valid in {}", "valid since {} ago"),
    time("iat", "issued {} in the future", "issued {} ago"),
    time("auth_time", "authenticates {} in the future", "authenticated {} ago"),
    time("updated_at", "updated {} in the future", "updated {} ago"),
    time("toe", "happens in {}", "happened {} ago"),
    time("rat", "requested {} in the future", "requested {} ago"),
    time("vtm", "valid in {}", "valid since {} ago"),
];

/// What a claim means and where it is defined (the claim registry).
pub fn lookup(name: &str) -> Option<&'static ClaimEntry> {
    claim_registry::lookup(name)
}

/// The time phrases of `name`, when it is a time claim.
pub fn time_claim(name: &str) -> Option<&'static TimeClaim> {
    TIME_CLAIMS.iter().find(|t| t.name == name)
}

/// A NumericDate claim as a person reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeView {
    /// ISO 8601 UTC, for `<time datetime>`: `2026-01-01T00:00:00Z`.
    pub iso: String,
    /// `2026-01-01 00:00:00 UTC`
    pub utc: String,
    /// `2026-01-01 01:00:00 UTC+01:00`
    pub local: String,
    /// `expires in 3 hours`
    pub relative: String,
}

/// Reads a claim value as a NumericDate in seconds. Fractions are allowed by
/// RFC 7519 and truncated; values beyond year 9999 are not dates.
pub fn numeric_date(value: &Value) -> Option<i64> {
    let n = read_number(value.as_number()?);
    if !n.finite {
        return None;
    }
    let t = n.trunc as i64;
    let limit = if n.neg {
        62_135_596_800
    } else {
        253_402_300_799
    };
    if t > limit || (t == limit && n.frac) {
        return None;
    }
    Some(if n.neg { -t } else { t })
}

/// A JSON number literal read exactly, without floating point.
pub struct NumText {
    pub neg: bool,
    /// |value| truncated, capped at 10^18.
    pub trunc: u64,
    pub frac: bool,
    pub nonzero: bool,
    /// Whether it is finite as an f64.
    pub finite: bool,
}

pub fn read_number(n: &serde_json::Number) -> NumText {
    const CAP: u64 = 1_000_000_000_000_000_000;
    let s = n.as_str().as_bytes();
    let (neg, s) = match s.split_first() {
        Some((b'-', r)) => (true, r),
        _ => (false, s),
    };
    let end = s
        .iter()
        .position(|&c| c == b'e' || c == b'E')
        .unwrap_or(s.len());
    let (mant, exp) = s.split_at(end);
    let mut e: i64 = 0;
    if !exp.is_empty() {
        let (eneg, d) = match exp.get(1) {
            Some(b'-') => (true, &exp[2..]),
            Some(b'+') => (false, &exp[2..]),
            _ => (false, &exp[1..]),
        };
        for &c in d {
            e = (e * 10 + i64::from(c - b'0')).min(1 << 20);
        }
        if eneg {
            e = -e;
        }
    }
    let mut digits = Vec::new();
    let mut point = None;
    for &c in mant {
        if c == b'.' {
            point = Some(digits.len());
        } else {
            digits.push(c - b'0');
        }
    }
    let int_len = point.unwrap_or(digits.len()) as i64 + e;
    let first_nz = digits.iter().position(|&d| d != 0);
    let mut trunc: u64 = 0;
    let mut frac = false;
    for (i, &d) in digits.iter().enumerate() {
        if (i as i64) < int_len {
            trunc = trunc.saturating_mul(10).saturating_add(d.into()).min(CAP);
        } else if d != 0 {
            frac = true;
        }
    }
    for _ in digits.len() as i64..int_len.min(40) {
        trunc = trunc.saturating_mul(10).min(CAP);
    }
    NumText {
        neg,
        trunc,
        frac,
        nonzero: first_nz.is_some_and(|f| int_len - f as i64 > -324),
        finite: first_nz.is_none_or(|f| int_len - f as i64 <= 309),
    }
}

/// `secs` rendered for a person, relative to `now`; `local_offset_minutes` is
/// the viewer's UTC offset at that moment (east positive).
pub fn time_view(
    secs: i64,
    now: i64,
    local_offset_minutes: i32,
    future: &str,
    past: &str,
) -> Option<TimeView> {
    let at = OffsetDateTime::from_unix_timestamp(secs).ok()?;
    let iso = format!("{}Z", stamp(at, 'T'));
    let utc = format!("{} UTC", stamp(at, ' '));
    let offset = UtcOffset::from_whole_seconds(local_offset_minutes.saturating_mul(60)).ok()?;
    let local_at = at.checked_to_offset(offset)?;
    let local = format!(
        "{} {}",
        stamp(local_at, ' '),
        offset_label(local_offset_minutes)
    );
    let delta = secs.saturating_sub(now);
    let relative = if delta == 0 {
        past.replace("{}", "0 seconds")
    } else if delta > 0 {
        future.replace("{}", &distance(delta.unsigned_abs()))
    } else {
        past.replace("{}", &distance(delta.unsigned_abs()))
    };
    Some(TimeView {
        iso,
        utc,
        local,
        relative,
    })
}

/// `2026-01-01T00:00:00` (with `sep` between date and time).
pub fn stamp(at: OffsetDateTime, sep: char) -> String {
    format!(
        "{:04}-{:02}-{:02}{sep}{:02}:{:02}:{:02}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

fn offset_label(minutes: i32) -> String {
    if minutes == 0 {
        return "local (UTC)".to_string();
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("local (UTC{sign}{:02}:{:02})", m / 60, m % 60)
}

/// "3 hours", "1 day", "2 years": the largest unit that fits, rounded down.
pub fn distance(secs: u64) -> String {
    const UNITS: &[(u64, &str)] = &[
        (365 * 86_400, "year"),
        (30 * 86_400, "month"),
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    for (size, name) in UNITS {
        if secs >= *size {
            let n = secs / size;
            return format!("{n} {name}{}", if n == 1 { "" } else { "s" });
        }
    }
    "0 seconds".to_string()
}

/// One top-level claim, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimRow {
    pub name: String,
    /// The name as shown: hidden characters escaped, so `a\u200bdmin` cannot
    /// pass for `admin`.
    pub shown_name: Vec<Piece>,
    pub info: Option<&'static ClaimEntry>,
    /// The value on one line, exactly as in the token.
    pub value: Vec<Piece>,
    /// The value read for people: each scope, each authentication method,
    /// what a confirmation key binds.
    pub details: Vec<String>,
    /// For time claims whose value is a usable NumericDate.
    pub time: Option<TimeView>,
}

/// Claim values longer than this are cut in the claims view (the payload view
/// above it always shows everything).
pub const MAX_VALUE_CHARS: usize = 1000;

fn shorten(pieces: Vec<Piece>) -> Vec<Piece> {
    let total: usize = pieces.iter().map(|p| p.text.chars().count()).sum();
    if total <= MAX_VALUE_CHARS {
        return pieces;
    }
    let mut left = MAX_VALUE_CHARS;
    let mut out = Vec::new();
    for mut piece in pieces {
        let n = piece.text.chars().count();
        if n > left {
            piece.text = piece.text.chars().take(left).collect();
            out.push(piece);
            break;
        }
        left -= n;
        out.push(piece);
    }
    out.push(Piece {
        kind: json::PieceKind::Punct,
        text: format!(" … ({} more characters)", total - MAX_VALUE_CHARS),
    });
    out
}

/// Rows for every top-level claim of `doc`, in the token's order. `offset_at`
/// gives the viewer's UTC offset in minutes (east positive) at a moment, as
/// daylight saving makes it vary.
pub fn rows(doc: &JsonDoc, now: i64, offset_at: &dyn Fn(i64) -> i32) -> Vec<ClaimRow> {
    rows_first(doc, usize::MAX, now, offset_at)
}

/// The rows of the first `limit` claims: a payload with tens of thousands of
/// claims is listed in part (the pretty JSON still has them all).
pub fn rows_first(
    doc: &JsonDoc,
    limit: usize,
    now: i64,
    offset_at: &dyn Fn(i64) -> i32,
) -> Vec<ClaimRow> {
    let Some(map) = doc.value.as_object() else {
        return Vec::new();
    };
    map.iter()
        .take(limit)
        .map(|(name, value)| ClaimRow {
            name: name.clone(),
            shown_name: json::display_text(name),
            info: lookup(name),
            value: shorten(json::compact_member(doc, name).unwrap_or_default()),
            details: details(name, value),
            time: time_of(name, value, now, offset_at),
        })
        .collect()
}

/// The time view of claim `name` with `value`, if it is a time claim with a
/// usable NumericDate. Cheap: the claims view refreshes only this each second.
pub fn time_of(
    name: &str,
    value: &Value,
    now: i64,
    offset_at: &dyn Fn(i64) -> i32,
) -> Option<TimeView> {
    let t = time_claim(name)?;
    let secs = numeric_date(value)?;
    time_view(secs, now, offset_at(secs), t.future, t.past)
}

/// Claims listed item by item above this many are summarised.
const MAX_DETAILS: usize = 50;

/// A claim's value in words where a bare value says little.
pub fn details(name: &str, value: &Value) -> Vec<String> {
    let mut out = match (name, value) {
        ("scope" | "scp", Value::String(s)) => scopes(s.split_whitespace()),
        ("scope" | "scp", Value::Array(items)) => scopes(items.iter().filter_map(Value::as_str)),
        ("amr", Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(|m| match claim_registry::amr_value(m) {
                Some(meaning) => format!("{}: {meaning}", json::visible(m)),
                None => format!("{}: a method this debugger does not know", json::visible(m)),
            })
            .collect(),
        ("cnf", Value::Object(cnf)) => confirmation(cnf),
        _ => Vec::new(),
    };
    if out.len() > MAX_DETAILS {
        let more = out.len() - MAX_DETAILS;
        out.truncate(MAX_DETAILS);
        out.push(format!("… and {more} more"));
    }
    out
}

fn scopes<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let list: Vec<String> = items.map(json::visible).collect();
    match list.len() {
        0 => vec!["No scopes.".to_string()],
        1 => vec![format!("1 scope: {}", list[0])],
        n => {
            let mut out = vec![format!("{n} scopes:")];
            out.extend(list);
            out
        }
    }
}

/// What a `cnf` claim binds the token to (RFC 7800, RFC 8705, RFC 9449).
fn confirmation(cnf: &serde_json::Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    for (member, value) in cnf {
        let shown = match value {
            Value::String(s) => json::visible(s),
            other => json::visible(&other.to_string()),
        };
        out.push(match member.as_str() {
            "jkt" => format!("jkt: bound to the DPoP key whose RFC 7638 thumbprint is {shown} (RFC 9449); only requests signed with that key may use the token"),
            "x5t#S256" => format!("x5t#S256: bound to the client certificate whose SHA-256 thumbprint is {shown} (mutual TLS, RFC 8705)"),
            "jwk" => "jwk: bound to the public key carried here (RFC 7800 §3.2)".to_string(),
            "kid" => format!("kid: bound to the key with ID {shown} (RFC 7800 §3.4)"),
            "jwe" => "jwe: bound to an encrypted key (RFC 7800 §3.3)".to_string(),
            "jku" => format!("jku: bound to a key in the set at {shown} (RFC 7800 §3.5)"),
            other => format!("{}: a confirmation method this debugger does not know", json::visible(other)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_first_lists_the_first_claims_in_order() {
        let doc = crate::core::json::parse(r#"{"sub":"a","exp":1,"zz":[1,2]}"#).unwrap();
        let names =
            |rows: Vec<super::ClaimRow>| rows.into_iter().map(|r| r.name).collect::<Vec<_>>();
        assert_eq!(names(super::rows_first(&doc, 2, 0, &|_| 0)), ["sub", "exp"]);
        assert_eq!(names(super::rows(&doc, 0, &|_| 0)), ["sub", "exp", "zz"]);
        assert!(super::rows_first(&doc, 0, 0, &|_| 0).is_empty());
    }

    use super::*;

    #[test]
    fn registered_claims_have_names() {
        assert_eq!(lookup("iss").unwrap().title, "Issuer");
        assert_eq!(lookup("exp").unwrap().title, "Expiration Time");
        assert!(lookup("unknown_claim").is_none());
        for t in TIME_CLAIMS {
            assert!(lookup(t.name).is_some(), "{} is explained", t.name);
        }
    }

    #[test]
    fn scopes_methods_and_confirmations_read_for_people() {
        assert_eq!(
            details("scope", &serde_json::json!("read:messages  write:messages")),
            ["2 scopes:", "read:messages", "write:messages"]
        );
        assert_eq!(
            details("scp", &serde_json::json!(["User.Read"])),
            ["1 scope: User.Read"]
        );
        let amr = details("amr", &serde_json::json!(["pwd", "mfa", "zzz"]));
        assert!(amr[0].starts_with("pwd: "), "{amr:?}");
        assert!(amr[1].starts_with("mfa: "), "{amr:?}");
        assert_eq!(amr[2], "zzz: a method this debugger does not know");
        let cnf = details(
            "cnf",
            &serde_json::json!({"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}),
        );
        assert!(cnf[0].contains("RFC 9449"), "{cnf:?}");
        assert!(details("sub", &serde_json::json!("x")).is_empty());
        let many: Vec<String> = (0..80).map(|i| format!("s{i}")).collect();
        let d = details("scope", &Value::String(many.join(" ")));
        assert_eq!(d.len(), MAX_DETAILS + 1);
        assert_eq!(d.last().unwrap(), "… and 31 more");
    }

    #[test]
    fn time_view_reads_like_a_person() {
        let now = 1_767_225_600; // 2026-01-01T00:00:00Z
        let TimeClaim { future, past, .. } = *time_claim("exp").unwrap();
        let v = time_view(now + 3 * 3600 + 59, now, 60, future, past).unwrap();
        assert_eq!(v.iso, "2026-01-01T03:00:59Z");
        assert_eq!(v.utc, "2026-01-01 03:00:59 UTC");
        assert_eq!(v.local, "2026-01-01 04:00:59 local (UTC+01:00)");
        assert_eq!(v.relative, "expires in 3 hours");
        let v = time_view(now - 2 * 86_400, now, -330, future, past).unwrap();
        assert_eq!(v.relative, "expired 2 days ago");
        assert_eq!(v.local, "2025-12-29 18:30:00 local (UTC-05:30)");
    }

    #[test]
    fn numeric_dates_accept_fractions_and_refuse_absurd_values() {
        assert_eq!(numeric_date(&serde_json::json!(1.9)), Some(1));
        assert_eq!(numeric_date(&serde_json::json!("1")), None);
        let ms: Value = serde_json::from_str("1767225600000").unwrap();
        assert_eq!(numeric_date(&ms), None);
        let huge: Value = serde_json::from_str("1e400").unwrap();
        assert_eq!(numeric_date(&huge), None);
    }

    #[test]
    fn rows_follow_token_order_and_read_times() {
        let doc = json::parse(r#"{"sub":"u1","exp":1767229200,"custom":[1,2]}"#).unwrap();
        let rows = rows(&doc, 1_767_225_600, &|_| 0);
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["sub", "exp", "custom"]);
        assert_eq!(rows[0].info.unwrap().title, "Subject");
        assert!(rows[2].info.is_none());
        let t = rows[1].time.as_ref().unwrap();
        assert_eq!(t.relative, "expires in 1 hour");
        assert_eq!(t.local, "2026-01-01 01:00:00 local (UTC)");
        let value: String = rows[2].value.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(value, "[1, 2]");
    }

    #[test]
    fn long_values_are_cut_with_a_count() {
        let doc = json::parse(&format!(r#"{{"big":"{}"}}"#, "x".repeat(1500))).unwrap();
        let row = &rows(&doc, 0, &|_| 0)[0];
        let text: String = row.value.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            text.chars().count(),
            1000 + " … (502 more characters)".chars().count()
        );
        assert!(text.ends_with(" … (502 more characters)"));
    }

    #[test]
    fn distances_pick_the_largest_unit() {
        assert_eq!(distance(1), "1 second");
        assert_eq!(distance(7_200), "2 hours");
        assert_eq!(distance(86_400 * 400), "1 year");
    }
}
