//! What each claim means, as data, and how time claims read to a person.

use serde_json::Value;

use super::json::{self, JsonDoc, Piece};
use time::{OffsetDateTime, UtcOffset};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    Plain,
    /// A NumericDate: seconds since 1970-01-01T00:00:00Z.
    Time {
        /// How the relative time reads when the moment is ahead ("expires in 3 hours").
        future: &'static str,
        /// And when it is behind ("expired 2 days ago").
        past: &'static str,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimInfo {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub kind: ClaimKind,
}

const fn plain(name: &'static str, title: &'static str, description: &'static str) -> ClaimInfo {
    ClaimInfo {
        name,
        title,
        description,
        kind: ClaimKind::Plain,
    }
}

const fn time(
    name: &'static str,
    title: &'static str,
    description: &'static str,
    future: &'static str,
    past: &'static str,
) -> ClaimInfo {
    ClaimInfo {
        name,
        title,
        description,
        kind: ClaimKind::Time { future, past },
    }
}

/// Registered claims (RFC 7519, the IANA JWT registry, OpenID Connect) and a
/// few that identity providers commonly add. `{}` in a phrase is the distance.
#[rustfmt::skip]
pub const CLAIMS: &[ClaimInfo] = &[
    plain("iss", "Issuer", "Who issued the token"),
    plain("sub", "Subject", "Whom the token is about"),
    plain("aud", "Audience", "Who the token is meant for"),
    time("exp", "Expiration Time", "The token must not be accepted after this time", "expires in {}", "expired {} ago"),
    time("nbf", "Not Before", "The token must not be accepted before this time", "becomes valid in {}", "valid since {} ago"),
    time("iat", "Issued At", "When the token was issued", "issued {} in the future", "issued {} ago"),
    plain("jti", "JWT ID", "A unique identifier of this token"),
    time("auth_time", "Authentication Time", "When the user authenticated", "authenticates {} in the future", "authenticated {} ago"),
    time("updated_at", "Updated At", "When the user's information was last updated", "updated {} in the future", "updated {} ago"),
    time("toe", "Time of Event", "When the event happened", "happens in {}", "happened {} ago"),
    time("pwd_exp", "Password Expiry", "When the user's password expires", "password expires in {}", "password expired {} ago"),
    time("rat", "Requested At", "When the authentication was requested", "requested {} in the future", "requested {} ago"),
    plain("azp", "Authorized Party", "The party to which the token was issued"),
    plain("nonce", "Nonce", "Ties the token to a client session to stop replay"),
    plain("acr", "Authentication Context Class", "How strongly the user was authenticated"),
    plain("amr", "Authentication Methods", "How the user authenticated (password, otp, …)"),
    plain("sid", "Session ID", "The identity provider's session"),
    plain("at_hash", "Access Token Hash", "Left half of the hash of the access token"),
    plain("c_hash", "Code Hash", "Left half of the hash of the authorization code"),
    plain("s_hash", "State Hash", "Left half of the hash of the state value"),
    plain("name", "Full Name", "The user's full name"),
    plain("given_name", "Given Name", "The user's given name"),
    plain("family_name", "Family Name", "The user's family name"),
    plain("middle_name", "Middle Name", "The user's middle name"),
    plain("nickname", "Nickname", "A casual name of the user"),
    plain("preferred_username", "Preferred Username", "The name the user wants to be known by"),
    plain("profile", "Profile URL", "The user's profile page"),
    plain("picture", "Picture URL", "The user's picture"),
    plain("website", "Website", "The user's web page"),
    plain("email", "Email", "The user's email address"),
    plain("email_verified", "Email Verified", "Whether the email address was verified"),
    plain("gender", "Gender", "The user's gender"),
    plain("birthdate", "Birthdate", "The user's birthday"),
    plain("zoneinfo", "Time Zone", "The user's time zone"),
    plain("locale", "Locale", "The user's locale"),
    plain("phone_number", "Phone Number", "The user's phone number"),
    plain("phone_number_verified", "Phone Number Verified", "Whether the phone number was verified"),
    plain("address", "Address", "The user's postal address"),
    plain("cnf", "Confirmation", "The key the presenter must prove it holds (RFC 7800)"),
    plain("act", "Actor", "Who acts on behalf of the subject (token exchange)"),
    plain("may_act", "May Act For", "Who may act on behalf of the subject"),
    plain("scope", "Scope", "Space-separated permissions granted"),
    plain("scp", "Scopes", "Permissions granted"),
    plain("client_id", "Client ID", "The OAuth client the token was issued to"),
    plain("roles", "Roles", "Roles of the subject"),
    plain("groups", "Groups", "Groups the subject belongs to"),
    plain("entitlements", "Entitlements", "What the subject is entitled to"),
    plain("events", "Security Events", "Security events (RFC 8417)"),
    plain("txn", "Transaction ID", "Identifies the transaction"),
    plain("tid", "Tenant ID", "The tenant (directory) the token belongs to"),
    plain("oid", "Object ID", "The user's immutable identifier in the directory"),
    plain("upn", "User Principal Name", "The user's sign-in name"),
    plain("typ", "Type", "Type of the token as the issuer labels it"),
    plain("vc", "Verifiable Credential", "A W3C verifiable credential"),
    plain("vp", "Verifiable Presentation", "A W3C verifiable presentation"),
];

/// Looks a claim up by its exact name.
pub fn lookup(name: &str) -> Option<&'static ClaimInfo> {
    CLAIMS.iter().find(|c| c.name == name)
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
    pub info: Option<&'static ClaimInfo>,
    /// The value on one line, exactly as in the token.
    pub value: Vec<Piece>,
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
    let Some(map) = doc.value.as_object() else {
        return Vec::new();
    };
    map.iter()
        .map(|(name, value)| ClaimRow {
            name: name.clone(),
            shown_name: json::display_text(name),
            info: lookup(name),
            value: shorten(json::compact_member(doc, name).unwrap_or_default()),
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
    let ClaimKind::Time { future, past } = lookup(name)?.kind else {
        return None;
    };
    let secs = numeric_date(value)?;
    time_view(secs, now, offset_at(secs), future, past)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_claims_have_names() {
        assert_eq!(lookup("iss").unwrap().title, "Issuer");
        assert_eq!(lookup("exp").unwrap().title, "Expiration Time");
        assert!(lookup("unknown_claim").is_none());
    }

    #[test]
    fn time_view_reads_like_a_person() {
        let now = 1_767_225_600; // 2026-01-01T00:00:00Z
        let exp = lookup("exp").unwrap();
        let ClaimKind::Time { future, past } = exp.kind else {
            panic!("exp is a time claim")
        };
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
