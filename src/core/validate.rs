//! Would a server with these settings accept this token? Each rule a server
//! applies becomes one [`Check`] line (pass, fail or skip) saying what was
//! compared and where the rule comes from; profiles add the rules of OpenID
//! Connect ID tokens, RFC 9068 access tokens, back-channel logout tokens and
//! Security Event Tokens. The current time is a parameter.
//!
//! JSON Schema checking ([`check_schema`]) is separate: it runs in the crypto
//! worker, and [`validate`] takes its result.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::Digest;
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::base64url;
use super::claims::{distance, numeric_date, stamp};
use super::json;
use super::token::Decoded;
use super::verify::{Status, Verdict};

/// A kind of token whose specification names more rules than RFC 7519.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Profile {
    #[default]
    None,
    /// OpenID Connect Core 1.0 §2 and §3.1.3.7.
    OidcIdToken,
    /// RFC 9068: JWT access tokens.
    Rfc9068AccessToken,
    /// OpenID Connect Back-Channel Logout 1.0 §2.4 and §2.6.
    BackChannelLogout,
    /// RFC 8417: Security Event Tokens.
    SecurityEvent,
    /// RFC 9101: JWT-secured authorization requests (request objects).
    JarRequest,
    /// RFC 7523 §3: JWTs that authenticate an OAuth client.
    ClientAssertion,
    /// RFC 9449 §4.3: a DPoP proof for one HTTP request.
    DpopProof,
    /// SD-JWT VC (draft-ietf-oauth-sd-jwt-vc): a verifiable credential as
    /// an SD-JWT, its key binding checked for the verifier's audience and nonce.
    SdJwtVc,
}

/// The member of `events` that makes a JWT a logout token.
pub const BACKCHANNEL_LOGOUT_EVENT: &str = "http://schemas.openid.net/event/backchannel-logout";

const LOGOUT: &str = "OpenID Connect Back-Channel Logout 1.0 §2.4";
const DPOP: &str = "RFC 9449 §4.2";
const SD_JWT_VC: &str = "SD-JWT VC §3.2.2";
const KB_CHECK: &str = "RFC 9901 §7.3";
/// How old a key-binding JWT may be when no maximum age is given, seconds.
const KB_MAX_AGE: u64 = 300;
const DPOP_CHECK: &str = "RFC 9449 §4.3";
/// How old a DPoP proof may be when no maximum age is given, in seconds.
const DPOP_MAX_AGE: u64 = 300;
const LOGOUT_VALIDATION: &str = "OpenID Connect Back-Channel Logout 1.0 §2.6";

impl Profile {
    pub const ALL: [Profile; 9] = [
        Profile::None,
        Profile::OidcIdToken,
        Profile::Rfc9068AccessToken,
        Profile::BackChannelLogout,
        Profile::SecurityEvent,
        Profile::JarRequest,
        Profile::ClientAssertion,
        Profile::DpopProof,
        Profile::SdJwtVc,
    ];

    /// The profile a header `typ` names, if any (compared as media types).
    pub fn for_typ(typ: &str) -> Option<Profile> {
        [
            ("at+jwt", Profile::Rfc9068AccessToken),
            ("logout+jwt", Profile::BackChannelLogout),
            ("secevent+jwt", Profile::SecurityEvent),
            ("oauth-authz-req+jwt", Profile::JarRequest),
            ("dpop+jwt", Profile::DpopProof),
            ("dc+sd-jwt", Profile::SdJwtVc),
            ("vc+sd-jwt", Profile::SdJwtVc),
        ]
        .into_iter()
        .find(|(t, _)| media_type_matches(typ, t))
        .map(|(_, p)| p)
    }

    /// The `<option value>` of the profile selector.
    pub fn value(self) -> &'static str {
        match self {
            Profile::None => "none",
            Profile::OidcIdToken => "oidc-id-token",
            Profile::Rfc9068AccessToken => "rfc9068-access-token",
            Profile::BackChannelLogout => "logout-token",
            Profile::SecurityEvent => "security-event",
            Profile::JarRequest => "jar-request",
            Profile::ClientAssertion => "client-assertion",
            Profile::DpopProof => "dpop-proof",
            Profile::SdJwtVc => "sd-jwt-vc",
        }
    }

    /// Reads a selector value; the long spellings are accepted too.
    pub fn from_value(value: &str) -> Option<Profile> {
        match value {
            "oidc-backchannel-logout" => Some(Profile::BackChannelLogout),
            "secevent" => Some(Profile::SecurityEvent),
            _ => Profile::ALL.into_iter().find(|p| p.value() == value),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Profile::None => "No profile (RFC 7519 only)",
            Profile::OidcIdToken => "OpenID Connect ID token",
            Profile::Rfc9068AccessToken => "OAuth access token (RFC 9068)",
            Profile::BackChannelLogout => "Back-channel logout token (OpenID Connect)",
            Profile::SecurityEvent => "Security Event Token (RFC 8417)",
            Profile::JarRequest => "Authorization request object (RFC 9101)",
            Profile::ClientAssertion => "Client assertion (RFC 7523)",
            Profile::DpopProof => "DPoP proof (RFC 9449)",
            Profile::SdJwtVc => "SD-JWT VC credential",
        }
    }

    /// The kind of token, with its article, for sentences.
    fn noun(self) -> &'static str {
        match self {
            Profile::None => "a JWT",
            Profile::OidcIdToken => "an OpenID Connect ID token",
            Profile::Rfc9068AccessToken => "an RFC 9068 access token",
            Profile::BackChannelLogout => "a logout token",
            Profile::SecurityEvent => "a Security Event Token",
            Profile::JarRequest => "a request object",
            Profile::ClientAssertion => "a client assertion",
            Profile::DpopProof => "a DPoP proof",
            Profile::SdJwtVc => "an SD-JWT VC",
        }
    }

    /// The claims the profile's specification requires.
    pub fn required_claims(self) -> &'static [&'static str] {
        match self {
            Profile::None => &[],
            Profile::OidcIdToken => &["iss", "sub", "aud", "exp", "iat"],
            Profile::Rfc9068AccessToken => &["iss", "exp", "aud", "sub", "client_id", "iat", "jti"],
            Profile::BackChannelLogout => &["iss", "aud", "iat", "jti", "events"],
            Profile::SecurityEvent => &["iss", "iat", "jti", "events"],
            Profile::JarRequest => &["client_id", "aud"],
            Profile::ClientAssertion => &["iss", "sub", "aud", "exp", "jti"],
            Profile::DpopProof => &["jti", "htm", "htu", "iat"],
            Profile::SdJwtVc => &["iss", "vct"],
        }
    }

    /// Where the profile lists its claims.
    fn claims_cite(self) -> &'static str {
        match self {
            Profile::None => "RFC 7519 §4",
            Profile::OidcIdToken => "OpenID Connect Core §2",
            Profile::Rfc9068AccessToken => "RFC 9068 §2.2",
            Profile::BackChannelLogout => LOGOUT,
            Profile::SecurityEvent => "RFC 8417 §2.2",
            Profile::JarRequest => "RFC 9101 §4",
            Profile::ClientAssertion => "RFC 7523 §3",
            Profile::DpopProof => DPOP,
            Profile::SdJwtVc => SD_JWT_VC,
        }
    }

    /// Logout tokens and SETs carry `jti` and `events` lines of their own.
    fn has_event_rules(self) -> bool {
        matches!(self, Profile::BackChannelLogout | Profile::SecurityEvent)
    }

    /// Profiles whose `jti` is required, with a line of its own.
    fn has_jti_rule(self) -> bool {
        self.has_event_rules() || matches!(self, Profile::ClientAssertion | Profile::DpopProof)
    }
}

/// The settings of the server being imitated.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Expectations {
    pub profile: Profile,
    /// Allowed algorithms; empty = any the key fits.
    pub algs: Vec<String>,
    pub iss: Option<String>,
    pub aud: Option<String>,
    pub sub: Option<String>,
    pub nonce: Option<String>,
    pub typ: Option<String>,
    /// Claim names that must be present.
    pub required: Vec<String>,
    /// Clock skew allowed, in seconds.
    pub leeway: u64,
    /// Seconds allowed since `auth_time`, else since `iat`.
    pub max_age: Option<u64>,
    /// The access token issued with an ID token, to check `at_hash`.
    pub access_token: Option<String>,
    /// The authorization code issued with an ID token, to check `c_hash`.
    pub code: Option<String>,
    /// JSON Schema text (draft 2020-12) the payload must satisfy.
    pub schema: Option<String>,
    /// The HTTP method of the request a DPoP proof is for.
    pub htm: Option<String>,
    /// The URI of the request a DPoP proof is for.
    pub htu: Option<String>,
    /// The instant to evaluate at, in seconds since 1970; `None` means the
    /// current time, which the caller passes to [`validate`].
    pub now: Option<i64>,
}

impl Expectations {
    /// The instant to evaluate at: the one given, else `clock`.
    pub fn instant(&self, clock: i64) -> i64 {
        self.now.unwrap_or(clock)
    }

    /// Who requires claim `name`, as the end of "which … must have", if
    /// anyone does.
    fn required_by(&self, name: &str) -> Option<String> {
        if self.profile.required_claims().contains(&name) {
            Some(format!("{} must have", self.profile.noun()))
        } else if self.required.iter().any(|r| r == name) {
            Some("these settings require".to_string())
        } else {
            None
        }
    }
}

/// The raw text of each validation input, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Inputs {
    pub profile: String,
    pub algs: String,
    pub iss: String,
    pub aud: String,
    pub sub: String,
    pub nonce: String,
    pub typ: String,
    pub required: String,
    pub leeway: String,
    pub max_age: String,
    pub access_token: String,
    pub code: String,
    pub schema: String,
    /// ISO 8601 instant to evaluate at; empty = now.
    pub now_text: String,
    #[serde(default)]
    pub htm: String,
    #[serde(default)]
    pub htu: String,
}

/// Reads the inputs: lists are comma-separated and trimmed, empty fields
/// are not checked, numbers are whole seconds. The error names the field.
pub fn from_inputs(inputs: &Inputs) -> Result<Expectations, String> {
    let profile_text = inputs.profile.trim();
    let profile = if profile_text.is_empty() {
        Profile::None
    } else {
        Profile::from_value(profile_text).ok_or_else(|| {
            let known: Vec<&str> = Profile::ALL.iter().map(|p| p.value()).collect();
            format!(
                "The profile \"{}\" is not one this debugger knows; choose one of {}.",
                json::visible(profile_text),
                known.join(", ")
            )
        })?
    };
    let now = match inputs.now_text.trim() {
        "" => None,
        text => Some(parse_instant(text).map_err(|e| format!("The instant to evaluate at: {e}"))?),
    };
    Ok(Expectations {
        profile,
        algs: list(&inputs.algs),
        iss: single(&inputs.iss),
        aud: single(&inputs.aud),
        sub: single(&inputs.sub),
        nonce: single(&inputs.nonce),
        typ: single(&inputs.typ),
        required: list(&inputs.required),
        leeway: seconds("leeway", &inputs.leeway)?.unwrap_or(0),
        max_age: seconds("max age", &inputs.max_age)?,
        access_token: single(&inputs.access_token),
        code: single(&inputs.code),
        schema: (!inputs.schema.trim().is_empty()).then(|| inputs.schema.clone()),
        htm: single(&inputs.htm),
        htu: single(&inputs.htu),
        now,
    })
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn single(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn seconds(field: &str, text: &str) -> Result<Option<u64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "The {field} must be a whole number of seconds, 0 or more; \"{}\" is not.",
            json::visible(t)
        ));
    }
    t.parse::<u64>().map(Some).map_err(|_| {
        format!("The {field} must be a whole number of seconds, 0 or more; {t} is too large.")
    })
}

const INSTANT_FORMAT: &str = "expected an ISO 8601 instant such as 2026-05-01T12:00:00Z (date, T, time with seconds, then Z for UTC or an offset such as +02:00; fractions of a second are allowed)";

/// Reads `YYYY-MM-DDTHH:MM:SS(.fff)?` followed by `Z` or `±HH:MM` (RFC
/// 3339) into seconds since 1970. Fractions of a second are dropped.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    let t = text.trim();
    let shown = json::visible(t);
    let bad = || format!("\"{shown}\" is not an instant: {INSTANT_FORMAT}.");
    let b = t.as_bytes();
    if b.len() < 20 || !t.is_ascii() {
        return Err(bad());
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        part.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let punct_ok = b[4] == b'-'
        && b[7] == b'-'
        && matches!(b[10], b'T' | b't')
        && b[13] == b':'
        && b[16] == b':';
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    ) else {
        return Err(bad());
    };
    if !punct_ok {
        return Err(bad());
    }
    let mut rest = &t[19..];
    if let Some(after_dot) = rest.strip_prefix('.') {
        let n = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return Err(bad());
        }
        rest = &after_dot[n..];
    }
    let offset_seconds: i32 = match rest {
        "Z" | "z" => 0,
        _ => {
            let o = rest.as_bytes();
            let sign = match o.first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return Err(bad()),
            };
            if o.len() != 6 || o[3] != b':' {
                return Err(bad());
            }
            let hh = o[1..3].iter().try_fold(0i32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
            });
            let mm = o[4..6].iter().try_fold(0i32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
            });
            match (hh, mm) {
                (Some(h), Some(m)) if h <= 23 && m <= 59 => sign * (h * 3600 + m * 60),
                _ => {
                    return Err(format!(
                        "\"{shown}\" has the offset {rest}, which is out of range (at most ±23:59)."
                    ))
                }
            }
        }
    };
    let date = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .and_then(|m| {
            let year = i32::try_from(year).ok()?;
            let day = u8::try_from(day).ok()?;
            Date::from_calendar_date(year, m, day).ok()
        })
        .ok_or_else(|| format!("\"{shown}\" is not a calendar date: {}.", &t[..10]))?;
    let time = u8::try_from(hour)
        .ok()
        .zip(u8::try_from(minute).ok())
        .zip(u8::try_from(second).ok())
        .and_then(|((h, m), s)| Time::from_hms(h, m, s).ok())
        .ok_or_else(|| format!("\"{shown}\" is not a time of day: {}.", &t[11..19]))?;
    let offset = UtcOffset::from_whole_seconds(offset_seconds).map_err(|_| bad())?;
    Ok(PrimitiveDateTime::new(date, time)
        .assume_offset(offset)
        .unix_timestamp())
}

/// What one rule decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckResult {
    Pass,
    Fail,
    Skip,
}

impl CheckResult {
    /// The UI contract's `data-result`.
    pub fn as_str(self) -> &'static str {
        match self {
            CheckResult::Pass => "pass",
            CheckResult::Fail => "fail",
            CheckResult::Skip => "skip",
        }
    }
}

/// One rule's line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// The UI contract's `data-rule`: `signature`, `alg`, `typ`, `iss`, …
    pub rule: String,
    pub result: CheckResult,
    /// What was compared, in words: one or two sentences.
    pub detail: String,
    /// Where the rule is written: "RFC 7519 §4.1.4".
    pub reference: String,
    /// For a failure, the short phrase the summary uses ("it expired 5
    /// minutes ago"); empty otherwise, or when another line already says it.
    pub reason: String,
}

impl Check {
    fn new(rule: &str, result: CheckResult, detail: String, reference: &str) -> Check {
        Check {
            rule: rule.to_string(),
            result,
            detail,
            reference: reference.to_string(),
            reason: String::new(),
        }
    }

    fn pass(rule: &str, detail: String, reference: &str) -> Check {
        Check::new(rule, CheckResult::Pass, detail, reference)
    }

    fn skip(rule: &str, detail: String, reference: &str) -> Check {
        Check::new(rule, CheckResult::Skip, detail, reference)
    }

    /// A failure whose detail is the reason as a sentence, plus `more`.
    fn fail(rule: &str, reason: String, more: &str, reference: &str) -> Check {
        let mut detail = sentence(&reason);
        if !more.is_empty() {
            detail.push(' ');
            detail.push_str(more);
        }
        Check {
            rule: rule.to_string(),
            result: CheckResult::Fail,
            detail,
            reference: reference.to_string(),
            reason,
        }
    }
}

/// `reason` with a capital letter and a full stop.
fn sentence(reason: &str) -> String {
    let mut chars = reason.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// Every rule's line and the overall answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validation {
    /// No line failed.
    pub accepted: bool,
    pub checks: Vec<Check>,
    /// One sentence: accepted, or rejected and why.
    pub summary: String,
}

/// Values longer than this are cut in messages.
const SHOWN_CHARS: usize = 80;

fn cut(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(SHOWN_CHARS).collect();
    format!("{head}…")
}

/// A string as shown in messages: quoted, hidden characters escaped.
fn quoted(s: &str) -> String {
    format!("\"{}\"", cut(&json::visible(s)))
}

/// Any JSON value as shown in messages.
fn shown(value: &Value) -> String {
    match value {
        Value::String(s) => quoted(s),
        other => cut(&json::visible(&other.to_string())),
    }
}

/// ISO 8601 UTC, or the raw seconds when out of range.
fn iso(secs: i64) -> String {
    match OffsetDateTime::from_unix_timestamp(secs) {
        Ok(at) => format!("{}Z", stamp(at, 'T')),
        Err(_) => format!("{secs} s"),
    }
}

fn leeway_phrase(leeway: u64) -> String {
    format!("the {leeway} s leeway")
}

/// `b - a` in seconds, never overflowing.
fn gap(a: i64, b: i64) -> u64 {
    let d = i128::from(b) - i128::from(a);
    u64::try_from(d.unsigned_abs()).unwrap_or(u64::MAX)
}

/// The claims, and the settings, each rule reads.
struct Ctx<'a> {
    decoded: &'a Decoded,
    claims: Option<&'a Map<String, Value>>,
    exp: &'a Expectations,
    now: i64,
}

impl Ctx<'_> {
    fn claim(&self, name: &str) -> Option<&Value> {
        self.claims?.get(name)
    }

    fn profile(&self) -> Profile {
        self.exp.profile
    }

    fn leeway(&self) -> i128 {
        i128::from(self.exp.leeway)
    }
}

/// Checks `decoded` as a server with `exp` would at `now`. `signature` is
/// the verifier's verdict for this token and key; `schema` is the result of
/// [`check_schema`] when it is ready (computed elsewhere, as it is heavier).
pub fn validate(
    decoded: &Decoded,
    signature: &Verdict,
    exp: &Expectations,
    now: i64,
    schema: Option<Check>,
) -> Validation {
    validate_presentation(decoded, signature, None, exp, now, schema)
}

/// [`validate`] for an SD-JWT whose KB-JWT's signature was checked with the
/// holder's key: `kb_signature` is that verdict (`None` when there is none,
/// or it is not known yet).
pub fn validate_presentation(
    decoded: &Decoded,
    signature: &Verdict,
    kb_signature: Option<&Verdict>,
    exp: &Expectations,
    now: i64,
    schema: Option<Check>,
) -> Validation {
    let ctx = Ctx {
        decoded,
        claims: decoded.claims(),
        exp,
        now,
    };
    let profile = exp.profile;
    let mut checks = vec![
        signature_check(&ctx, signature),
        alg_check(&ctx),
        typ_check(&ctx),
    ];
    if ctx.claims.is_none() {
        checks.push(Check::fail(
            "claims",
            "its payload is not a JSON object of claims".into(),
            "A JWT's claims are a JSON object; a server cannot read this payload as one.",
            "RFC 7519 §7.2 step 10",
        ));
    }
    checks.push(iss_check(&ctx));
    checks.push(if profile == Profile::SdJwtVc {
        Check::skip(
            "aud",
            "An SD-JWT VC is checked for its audience in the key-binding JWT (kb-aud), not in the issuer-signed payload.".into(),
            SD_JWT_VC,
        )
    } else {
        aud_check(&ctx)
    });
    checks.push(sub_check(&ctx));
    if profile == Profile::BackChannelLogout {
        checks.push(sub_or_sid_check(&ctx));
    }
    checks.push(exp_check(&ctx));
    checks.push(nbf_check(&ctx));
    checks.push(if profile == Profile::DpopProof {
        dpop_iat_check(&ctx)
    } else {
        iat_check(&ctx)
    });
    if profile.has_jti_rule() {
        checks.push(jti_check(&ctx));
    }
    if profile == Profile::ClientAssertion {
        checks.push(iss_sub_check(&ctx));
    }
    if profile == Profile::JarRequest {
        checks.push(client_id_check(&ctx));
        checks.push(no_request_check(&ctx));
    }
    if profile == Profile::DpopProof {
        checks.push(dpop_jwk_check(&ctx));
        checks.push(htm_check(&ctx));
        checks.push(htu_check(&ctx));
        checks.push(ath_check(&ctx));
        checks.push(jkt_check(&ctx));
    }
    if !matches!(profile, Profile::DpopProof | Profile::SdJwtVc) {
        checks.push(max_age_check(&ctx));
    }
    checks.push(required_check(&ctx));
    if profile != Profile::SdJwtVc {
        checks.push(nonce_check(&ctx));
    }
    if profile == Profile::SdJwtVc {
        checks.push(vct_check(&ctx));
        checks.extend(kb_checks(&ctx, kb_signature));
    }
    if profile == Profile::BackChannelLogout {
        checks.push(no_nonce_check(&ctx));
    }
    checks.push(azp_check(&ctx));
    checks.push(hash_check(
        &ctx,
        "at_hash",
        exp.access_token
            .as_deref()
            .filter(|_| profile != Profile::DpopProof),
        "access token",
        "OpenID Connect Core §3.2.2.9",
    ));
    checks.push(hash_check(
        &ctx,
        "c_hash",
        exp.code.as_deref(),
        "authorization code",
        "OpenID Connect Core §3.3.2.10",
    ));
    if profile.has_event_rules() {
        checks.push(events_check(&ctx));
    }
    checks.push(match (&exp.schema, schema) {
        (None, _) => Check::skip("schema", "No schema given.".into(), SCHEMA_REF),
        (Some(_), None) => Check::skip("schema", "Checking the schema…".into(), SCHEMA_REF),
        (Some(_), Some(mut done)) => {
            done.rule = "schema".into();
            done
        }
    });
    summarize(checks)
}

fn summarize(checks: Vec<Check>) -> Validation {
    let reasons: Vec<&str> = checks
        .iter()
        .filter(|c| c.result == CheckResult::Fail && !c.reason.is_empty())
        .map(|c| c.reason.as_str())
        .collect();
    let accepted = checks.iter().all(|c| c.result != CheckResult::Fail);
    let summary = if accepted {
        "A server with these settings accepts this token.".to_string()
    } else if reasons.is_empty() {
        "A server with these settings rejects this token.".to_string()
    } else {
        format!(
            "A server with these settings rejects this token: {}.",
            reasons.join("; ")
        )
    };
    Validation {
        accepted,
        checks,
        summary,
    }
}

fn signature_check(ctx: &Ctx<'_>, verdict: &Verdict) -> Check {
    let reference = match ctx.profile() {
        Profile::None | Profile::SecurityEvent => "RFC 7515 §5.2",
        Profile::OidcIdToken => "OpenID Connect Core §3.1.3.7 step 6",
        Profile::Rfc9068AccessToken => "RFC 9068 §4",
        Profile::BackChannelLogout => LOGOUT_VALIDATION,
        Profile::JarRequest => "RFC 9101 §6.2",
        Profile::ClientAssertion => "RFC 7523 §3 (item 9)",
        Profile::DpopProof => DPOP_CHECK,
        Profile::SdJwtVc => SD_JWT_VC,
    };
    const RULE: &str = "signature";
    match verdict.status {
        Status::Valid => {
            let mut detail = "The signature is valid for the key given.".to_string();
            if verdict.lenient {
                detail.push_str(" It verified only after tolerating how the token was pasted (whitespace, a Bearer prefix, padding or standard base64); a strict library may reject the token as written.");
            }
            Check::pass(RULE, detail, reference)
        }
        Status::Checking => Check::skip(RULE, "Still checking the signature…".into(), reference),
        Status::NoKey => Check::fail(
            RULE,
            "no key was given, and a server always checks the signature".into(),
            "Paste the key the server uses to see whether the signature holds.",
            reference,
        ),
        _ => {
            let message = verdict.message.trim();
            // The verdict's first sentence is the reason; all of it is the
            // detail.
            let first = message
                .split_once(". ")
                .map_or(message, |(head, _)| head)
                .trim_end_matches('.');
            let reason = if first.is_empty() {
                format!("the signature check ends in {}", verdict.status.as_str())
            } else {
                lower_first(first).replace("; ", ", ")
            };
            let mut check = Check::fail(RULE, reason, "", reference);
            if !message.is_empty() {
                check.detail = sentence(message);
            }
            check
        }
    }
}

/// `text` with its first letter lower-cased, unless it starts a name such
/// as "HS256" or "JWE".
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            a.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_string(),
    }
}

fn alg_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "alg";
    let reference = match ctx.profile() {
        Profile::OidcIdToken => "OpenID Connect Core §3.1.3.7 step 7",
        Profile::Rfc9068AccessToken => "RFC 9068 §4",
        _ => "RFC 8725 §3.1",
    };
    let allowed = &ctx.exp.algs;
    let Some(alg) = ctx.decoded.alg() else {
        return Check::fail(
            RULE,
            "its header has no alg string".into(),
            "A server needs the alg header to know how the token is signed.",
            "RFC 7515 §4.1.1",
        );
    };
    if alg == "none" {
        return Check::fail(
            RULE,
            "its alg is none: it is not signed, and a server must never accept that".into(),
            "",
            "RFC 8725 §3.1",
        );
    }
    if ctx.profile() == Profile::DpopProof && (alg.starts_with("HS") || alg.is_empty()) {
        return Check::fail(
            RULE,
            format!("its alg {} is not an asymmetric algorithm", quoted(alg)),
            "A DPoP proof is signed with the client's private key and checked with the public key in its header; a shared secret cannot do that.",
            DPOP_CHECK,
        );
    }
    if allowed.is_empty() && ctx.profile() == Profile::DpopProof {
        return Check::pass(
            RULE,
            format!(
                "The alg {} is asymmetric and not none, as a DPoP proof's must be.",
                quoted(alg)
            ),
            DPOP_CHECK,
        );
    }
    if allowed.is_empty() {
        return Check::skip(
            RULE,
            format!(
                "No list of allowed algorithms given: any that the key fits is accepted ({} here).",
                quoted(alg)
            ),
            reference,
        );
    }
    let list = allowed
        .iter()
        .map(|a| json::visible(a))
        .collect::<Vec<_>>()
        .join(", ");
    if allowed.iter().any(|a| a == alg) {
        return Check::pass(
            RULE,
            format!("The alg {} is on the allowed list ({list}).", quoted(alg)),
            reference,
        );
    }
    let hint = if allowed.iter().any(|a| a.eq_ignore_ascii_case(alg)) {
        "Algorithm names are case-sensitive."
    } else {
        ""
    };
    Check::fail(
        RULE,
        format!(
            "its alg {} is not on the allowed list ({list})",
            quoted(alg)
        ),
        hint,
        reference,
    )
}

/// A `typ` or media type compared as RFC 7515 §4.1.9 says: case-insensitive,
/// with an `application/` prefix dropped when no other `/` follows.
pub fn media_type_matches(a: &str, b: &str) -> bool {
    normalize_media_type(a) == normalize_media_type(b)
}

fn normalize_media_type(t: &str) -> String {
    let lower = t.trim().to_ascii_lowercase();
    match lower.strip_prefix("application/") {
        Some(rest) if !rest.contains('/') => rest.to_string(),
        _ => lower,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TypRule {
    /// Must be present and match.
    Strict,
    /// May be absent; when present, must match.
    AbsentOk,
    /// Recommended only: a mismatch is a note, not a failure.
    Advisory,
}

fn typ_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "typ";
    let (want, rule, reference): (&str, TypRule, &str) = match (&ctx.exp.typ, ctx.profile()) {
        (Some(t), _) => (
            t.as_str(),
            TypRule::Strict,
            "RFC 8725 §3.11, RFC 7515 §4.1.9",
        ),
        (None, Profile::Rfc9068AccessToken) => ("at+jwt", TypRule::Strict, "RFC 9068 §4"),
        (None, Profile::BackChannelLogout) => ("logout+jwt", TypRule::AbsentOk, LOGOUT),
        (None, Profile::SecurityEvent) => ("secevent+jwt", TypRule::Advisory, "RFC 8417 §2.3"),
        (None, Profile::JarRequest) => ("oauth-authz-req+jwt", TypRule::Strict, "RFC 9101 §10.8"),
        (None, Profile::DpopProof) => ("dpop+jwt", TypRule::Strict, DPOP_CHECK),
        (None, Profile::SdJwtVc) => ("dc+sd-jwt", TypRule::Strict, "SD-JWT VC §3.2.1"),
        (None, _) => {
            let seen = match ctx.decoded.header_param("typ") {
                Some(v) => format!(" The header's typ is {}.", shown(v)),
                None => String::new(),
            };
            return Check::skip(
                RULE,
                format!("Not checked: no expected type given.{seen}"),
                "RFC 8725 §3.11",
            );
        }
    };
    let how = "(compared ignoring case and an application/ prefix)";
    match ctx.decoded.header_param("typ") {
        None => match rule {
            TypRule::Strict => Check::fail(
                RULE,
                format!("its header has no typ ({} is expected)", quoted(want)),
                "",
                reference,
            ),
            TypRule::AbsentOk | TypRule::Advisory => Check::pass(
                RULE,
                format!(
                    "The header has no typ, which is allowed; {} is recommended.",
                    quoted(want)
                ),
                reference,
            ),
        },
        Some(Value::String(typ)) if media_type_matches(typ, want) => Check::pass(
            RULE,
            format!("The typ {} matches {} {how}.", quoted(typ), quoted(want)),
            reference,
        ),
        Some(Value::String(typ)) if rule == TypRule::Advisory => Check::pass(
            RULE,
            format!(
                "The typ is {}; {} is recommended, and a server may insist on it (give it as the expected type to require it).",
                quoted(typ),
                quoted(want)
            ),
            reference,
        ),
        Some(Value::String(typ)) => Check::fail(
            RULE,
            format!("its typ is {}, not {}", quoted(typ), quoted(want)),
            &format!("Types are {how}."),
            reference,
        ),
        Some(other) => Check::fail(
            RULE,
            format!("its typ is {}, not a string", json::type_name(other)),
            "",
            "RFC 7515 §4.1.9",
        ),
    }
}

/// A claim compared with an exact expected string, or only required.
fn exact_string(
    ctx: &Ctx<'_>,
    rule: &str,
    label: &str,
    want: Option<&str>,
    reference: &str,
) -> Check {
    let got = ctx.claim(rule);
    let required = ctx.exp.required_by(rule);
    match (want, got) {
        (_, Some(v)) if !v.is_string() && (want.is_some() || required.is_some()) => Check::fail(
            rule,
            format!("its {rule} is {}, not a string", json::type_name(v)),
            &format!("The value is {}.", shown(v)),
            reference,
        ),
        (Some(want), Some(Value::String(got))) if got == want => Check::pass(
            rule,
            format!("The {label} is {}, as expected.", quoted(got)),
            reference,
        ),
        (Some(want), Some(Value::String(got))) => {
            let hint = if got.trim() == want || got.eq_ignore_ascii_case(want) {
                "The comparison is exact: case and spaces count."
            } else {
                ""
            };
            Check::fail(
                rule,
                format!("the {label} is {}, not {}", quoted(got), quoted(want)),
                hint,
                reference,
            )
        }
        (Some(want), _) => Check::fail(
            rule,
            format!("it has no {rule} claim ({} is expected)", quoted(want)),
            "",
            reference,
        ),
        (None, Some(v)) => match required {
            Some(_) => Check::pass(
                rule,
                format!(
                    "The {label} is {} (present as required; give the expected value to compare it).",
                    shown(v)
                ),
                reference,
            ),
            None => Check::skip(
                rule,
                format!(
                    "Not checked: no expected {label} given. The token's is {}.",
                    shown(v)
                ),
                reference,
            ),
        },
        (None, None) => match required {
            Some(who) => Check::fail(
                rule,
                format!("it has no {rule} claim, which {who}"),
                "",
                reference,
            ),
            None => Check::skip(
                rule,
                format!("Not checked: no expected {label} given, and the token has no {rule}."),
                reference,
            ),
        },
    }
}

fn iss_check(ctx: &Ctx<'_>) -> Check {
    let reference = match ctx.profile() {
        Profile::OidcIdToken => "OpenID Connect Core §3.1.3.7 step 2",
        Profile::Rfc9068AccessToken => "RFC 9068 §4",
        Profile::BackChannelLogout => LOGOUT_VALIDATION,
        Profile::SecurityEvent => "RFC 8417 §2.2",
        Profile::JarRequest => "RFC 9101 §4",
        Profile::ClientAssertion => "RFC 7523 §3 (item 1)",
        Profile::DpopProof => "RFC 7519 §4.1.1",
        Profile::SdJwtVc => SD_JWT_VC,
        Profile::None => "RFC 7519 §4.1.1",
    };
    exact_string(ctx, "iss", "issuer", ctx.exp.iss.as_deref(), reference)
}

fn sub_check(ctx: &Ctx<'_>) -> Check {
    let reference = match ctx.profile() {
        Profile::OidcIdToken => "OpenID Connect Core §2",
        Profile::Rfc9068AccessToken => "RFC 9068 §2.2",
        _ => "RFC 7519 §4.1.2",
    };
    exact_string(ctx, "sub", "subject", ctx.exp.sub.as_deref(), reference)
}

/// The audiences of an `aud` claim: its string, or the strings of its
/// array; `None` when it is neither.
fn audiences(value: &Value) -> Option<Vec<&str>> {
    match value {
        Value::String(s) => Some(vec![s.as_str()]),
        Value::Array(items) => items.iter().map(Value::as_str).collect(),
        _ => None,
    }
}

fn aud_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "aud";
    let reference = match ctx.profile() {
        Profile::OidcIdToken => "OpenID Connect Core §3.1.3.7 step 3",
        Profile::Rfc9068AccessToken => "RFC 9068 §4",
        Profile::BackChannelLogout => LOGOUT_VALIDATION,
        _ => "RFC 7519 §4.1.3",
    };
    let want = ctx.exp.aud.as_deref();
    let required = ctx.exp.required_by("aud");
    let Some(value) = ctx.claim("aud") else {
        return match (want, required) {
            (Some(want), _) => Check::fail(
                RULE,
                format!("it has no aud claim ({} is expected)", quoted(want)),
                "",
                reference,
            ),
            (None, Some(who)) => Check::fail(
                RULE,
                format!("it has no aud claim, which {who}"),
                "",
                reference,
            ),
            (None, None) => Check::skip(
                RULE,
                "Not checked: no expected audience given, and the token has no aud.".into(),
                reference,
            ),
        };
    };
    let Some(auds) = audiences(value) else {
        if want.is_none() && required.is_none() {
            return Check::skip(
                RULE,
                format!(
                    "Not checked: no expected audience given. The token's aud is {}, which is not a string or an array of strings.",
                    shown(value)
                ),
                reference,
            );
        }
        return Check::fail(
            RULE,
            format!(
                "its aud is {}, not a string or an array of strings",
                json::type_name(value)
            ),
            &format!("The value is {}.", shown(value)),
            reference,
        );
    };
    let listed = shown(value);
    match want {
        Some(want) if auds.contains(&want) => Check::pass(
            RULE,
            if value.is_string() {
                format!("The audience is {}, as expected.", quoted(want))
            } else {
                format!("The audiences {listed} include {}.", quoted(want))
            },
            reference,
        ),
        Some(want) => Check::fail(
            RULE,
            if value.is_string() {
                format!("the audience is {listed}, not {}", quoted(want))
            } else {
                format!("the audiences {listed} do not include {}", quoted(want))
            },
            "",
            reference,
        ),
        None if required.is_some() => Check::pass(
            RULE,
            format!(
                "The audience is {listed} (present as required; give the expected audience to compare it)."
            ),
            reference,
        ),
        None => Check::skip(
            RULE,
            format!(
                "Not checked: no expected audience given. The token is meant for {listed}; a server that is not named there must reject it (RFC 7519 §4.1.3), as most libraries do."
            ),
            reference,
        ),
    }
}

fn azp_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "azp";
    let reference = "OpenID Connect Core §3.1.3.7 steps 4 and 5";
    if ctx.profile() != Profile::OidcIdToken {
        return Check::skip(
            RULE,
            "Only ID tokens are checked for azp (choose the OpenID Connect profile).".into(),
            reference,
        );
    }
    let count = ctx
        .claim("aud")
        .map(|v| match v {
            Value::Array(items) => items.len(),
            _ => 1,
        })
        .unwrap_or(0);
    match ctx.claim("azp") {
        None if count > 1 => Check::fail(
            RULE,
            format!("it names {count} audiences but has no azp claim"),
            "An ID token with several audiences must say which one is the authorized party.",
            reference,
        ),
        None => Check::pass(
            RULE,
            "No azp claim, and none is needed with a single audience.".into(),
            reference,
        ),
        Some(Value::String(azp)) => match ctx.exp.aud.as_deref() {
            Some(client) if azp == client => Check::pass(
                RULE,
                format!(
                    "The authorized party {} is the expected client.",
                    quoted(azp)
                ),
                reference,
            ),
            Some(client) => Check::fail(
                RULE,
                format!(
                    "its azp is {}, not the client ID {}",
                    quoted(azp),
                    quoted(client)
                ),
                "",
                reference,
            ),
            None => Check::pass(
                RULE,
                format!(
                    "The authorized party is {} (give the expected audience, your client ID, to compare it).",
                    quoted(azp)
                ),
                reference,
            ),
        },
        Some(other) => Check::fail(
            RULE,
            format!("its azp is {}, not a string", json::type_name(other)),
            "",
            reference,
        ),
    }
}

/// Reads a time claim: absent, a usable NumericDate, or something else.
enum TimeClaim<'a> {
    Absent,
    At(i64),
    Bad(&'a Value),
}

fn time_claim<'a>(ctx: &'a Ctx<'_>, name: &str) -> TimeClaim<'a> {
    match ctx.claim(name) {
        None => TimeClaim::Absent,
        Some(v) => match numeric_date(v) {
            Some(t) => TimeClaim::At(t),
            None => TimeClaim::Bad(v),
        },
    }
}

/// ", beyond the 60 s leeway" for a failure message; empty with no leeway.
fn beyond_leeway(ctx: &Ctx<'_>) -> String {
    if ctx.exp.leeway == 0 {
        String::new()
    } else {
        format!(", beyond {}", leeway_phrase(ctx.exp.leeway))
    }
}

/// The time claim named `rule` (exp, nbf, iat) in seconds, or the line to
/// show when it is absent or not a NumericDate.
fn read_time(ctx: &Ctx<'_>, rule: &str, absent_note: &str, reference: &str) -> Result<i64, Check> {
    match time_claim(ctx, rule) {
        TimeClaim::At(t) => Ok(t),
        TimeClaim::Bad(v) => Err(bad_time(rule, rule, v, reference)),
        TimeClaim::Absent => Err(absent_time(ctx, rule, absent_note, reference)),
    }
}

fn bad_time(rule: &str, name: &str, value: &Value, reference: &str) -> Check {
    Check::fail(
        rule,
        format!("its {name} is not a NumericDate"),
        &format!(
            "The value is {}; a NumericDate is a number of seconds since 1970-01-01T00:00:00Z (RFC 7519 §2).",
            shown(value)
        ),
        reference,
    )
}

fn absent_time(ctx: &Ctx<'_>, rule: &str, absent_note: &str, reference: &str) -> Check {
    match ctx.exp.required_by(rule) {
        Some(who) => Check::fail(
            rule,
            format!("it has no {rule} claim, which {who}"),
            "",
            reference,
        ),
        None => Check::skip(rule, absent_note.to_string(), reference),
    }
}

fn exp_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "exp";
    let reference = match ctx.profile() {
        Profile::OidcIdToken => "OpenID Connect Core §3.1.3.7 step 9",
        Profile::Rfc9068AccessToken => "RFC 9068 §4",
        _ => "RFC 7519 §4.1.4",
    };
    let t = match read_time(
        ctx,
        RULE,
        "No exp claim: the token never expires, and these settings do not require one.",
        reference,
    ) {
        Ok(t) => t,
        Err(line) => return line,
    };
    let now = ctx.now;
    let when = iso(t);
    if t >= now {
        let detail = if t == now {
            format!("Expires this second ({when}).")
        } else {
            format!("Expires in {} ({when}).", distance(gap(now, t)))
        };
        return Check::pass(RULE, detail, reference);
    }
    let late = gap(t, now);
    let ago = distance(late);
    if i128::from(late) <= ctx.leeway() {
        Check::pass(
            RULE,
            format!(
                "Expired {ago} ago ({when}), within {}.",
                leeway_phrase(ctx.exp.leeway)
            ),
            reference,
        )
    } else if ctx.exp.leeway == 0 {
        Check::fail(
            RULE,
            format!("it expired {ago} ago"),
            &format!("exp is {when}; no leeway is allowed."),
            reference,
        )
    } else {
        Check::fail(
            RULE,
            format!(
                "it expired {ago} ago, past {}",
                leeway_phrase(ctx.exp.leeway)
            ),
            &format!("exp is {when}."),
            reference,
        )
    }
}

fn nbf_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "nbf";
    let reference = "RFC 7519 §4.1.5";
    let t = match read_time(
        ctx,
        RULE,
        "No nbf claim: the token is valid from the start.",
        reference,
    ) {
        Ok(t) => t,
        Err(line) => return line,
    };
    let when = iso(t);
    if t <= ctx.now {
        let detail = if t == ctx.now {
            format!("Valid from this second ({when}).")
        } else {
            format!("Valid since {} ago ({when}).", distance(gap(t, ctx.now)))
        };
        return Check::pass(RULE, detail, reference);
    }
    let early = gap(ctx.now, t);
    let wait = distance(early);
    if i128::from(early) <= ctx.leeway() {
        Check::pass(
            RULE,
            format!(
                "Becomes valid in {wait} ({when}), within {}.",
                leeway_phrase(ctx.exp.leeway)
            ),
            reference,
        )
    } else {
        let past = beyond_leeway(ctx);
        Check::fail(
            RULE,
            format!("it is not valid yet: it becomes valid in {wait}{past}"),
            &format!("nbf is {when}."),
            reference,
        )
    }
}

fn iat_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "iat";
    let reference = match ctx.profile() {
        Profile::OidcIdToken => "OpenID Connect Core §3.1.3.7 step 10",
        Profile::Rfc9068AccessToken => "RFC 9068 §2.2",
        Profile::BackChannelLogout => LOGOUT_VALIDATION,
        Profile::SecurityEvent => "RFC 8417 §2.2",
        Profile::JarRequest => "RFC 9101 §4",
        Profile::ClientAssertion => "RFC 7523 §3 (item 6)",
        Profile::DpopProof => DPOP_CHECK,
        Profile::SdJwtVc => SD_JWT_VC,
        Profile::None => "RFC 7519 §4.1.6",
    };
    let t = match read_time(
        ctx,
        RULE,
        "No iat claim, and these settings do not require one.",
        reference,
    ) {
        Ok(t) => t,
        Err(line) => return line,
    };
    let when = iso(t);
    if t <= ctx.now {
        return Check::pass(
            RULE,
            format!("Issued {} ago ({when}).", distance(gap(t, ctx.now))),
            reference,
        );
    }
    let ahead = gap(ctx.now, t);
    if i128::from(ahead) <= ctx.leeway() {
        Check::pass(
            RULE,
            format!(
                "Issued {} in the future ({when}), within {}.",
                distance(ahead),
                leeway_phrase(ctx.exp.leeway)
            ),
            reference,
        )
    } else {
        let past = beyond_leeway(ctx);
        Check::fail(
            RULE,
            format!("it was issued {} in the future{past}", distance(ahead)),
            &format!("iat is {when}; check the issuer's clock."),
            reference,
        )
    }
}

fn max_age_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "max-age";
    let oidc = ctx.profile() == Profile::OidcIdToken;
    let reference = if oidc {
        "OpenID Connect Core §3.1.3.7 step 13"
    } else {
        "RFC 7519 §4.1.6"
    };
    let Some(max) = ctx.exp.max_age else {
        return Check::skip(RULE, "No max age given.".into(), reference);
    };
    let (name, t) = match (time_claim(ctx, "auth_time"), time_claim(ctx, "iat")) {
        (TimeClaim::At(t), _) => ("auth_time", t),
        (TimeClaim::Bad(v), _) => return bad_time(RULE, "auth_time", v, reference),
        (TimeClaim::Absent, _) if oidc => return Check::fail(
            RULE,
            "it has no auth_time claim, which an ID token must have when a max age is requested"
                .into(),
            "",
            "OpenID Connect Core §3.1.2.1",
        ),
        (TimeClaim::Absent, TimeClaim::At(t)) => ("iat", t),
        (TimeClaim::Absent, TimeClaim::Bad(v)) => return bad_time(RULE, "iat", v, reference),
        (TimeClaim::Absent, TimeClaim::Absent) => {
            return Check::fail(
                RULE,
                "it has neither auth_time nor iat, so its age cannot be measured".into(),
                "",
                reference,
            )
        }
    };
    let what = if name == "auth_time" {
        "the user authenticated"
    } else {
        "it was issued"
    };
    let age = i128::from(ctx.now) - i128::from(t);
    let allowed = i128::from(max) + ctx.leeway();
    let age_text = if age <= 0 {
        "just now".to_string()
    } else {
        format!("{} ago", distance(gap(t, ctx.now)))
    };
    if age <= allowed {
        Check::pass(
            RULE,
            format!(
                "{} {age_text} ({name} {}), within the max age of {max} s.",
                sentence_start(what),
                iso(t)
            ),
            reference,
        )
    } else {
        let plus = if ctx.exp.leeway == 0 {
            String::new()
        } else {
            format!(" plus {}", leeway_phrase(ctx.exp.leeway))
        };
        Check::fail(
            RULE,
            format!("{what} {age_text}, more than the max age of {max} s{plus}"),
            &format!("{name} is {}.", iso(t)),
            reference,
        )
    }
}

fn sentence_start(text: &str) -> String {
    let mut s = sentence(text);
    s.pop();
    s
}

/// Claims with lines of their own, which report their own absence.
fn has_own_line(profile: Profile, name: &str) -> bool {
    matches!(name, "iss" | "aud" | "sub" | "exp" | "nbf" | "iat")
        || (profile.has_jti_rule() && name == "jti")
        || (profile.has_event_rules() && name == "events")
        || (profile == Profile::JarRequest && name == "client_id")
        || (profile == Profile::DpopProof && matches!(name, "htm" | "htu"))
}

fn required_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "required";
    let profile = ctx.profile();
    let mut names: Vec<&str> = profile.required_claims().to_vec();
    for r in &ctx.exp.required {
        if !names.contains(&r.as_str()) {
            names.push(r);
        }
    }
    let reference = if profile == Profile::None {
        "RFC 7519 §4"
    } else {
        profile.claims_cite()
    };
    if names.is_empty() {
        return Check::skip(RULE, "No claims listed as required.".into(), reference);
    }
    let missing: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| ctx.claim(n).is_none())
        .collect();
    let all = names.join(", ");
    if missing.is_empty() {
        return Check::pass(
            RULE,
            format!("Every required claim is present: {all}."),
            reference,
        );
    }
    let words = |list: &[&str]| -> String {
        let shown: Vec<String> = list.iter().map(|n| json::visible(n)).collect();
        shown.join(", ")
    };
    let mut check = Check::fail(
        RULE,
        format!("it lacks the required claims {}", words(&missing)),
        &format!("Required: {}.", json::visible(&all)),
        reference,
    );
    if missing.len() == 1 {
        check.detail = format!(
            "It lacks the required claim {}. Required: {}.",
            words(&missing),
            json::visible(&all)
        );
    }
    // The summary leaves out what another line already reports.
    let unreported: Vec<&str> = missing
        .iter()
        .copied()
        .filter(|n| !has_own_line(profile, n))
        .collect();
    check.reason = match unreported.len() {
        0 => String::new(),
        1 => format!("it lacks the required claim {}", words(&unreported)),
        _ => format!("it lacks the required claims {}", words(&unreported)),
    };
    check
}

fn nonce_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "nonce";
    let reference = "OpenID Connect Core §3.1.3.7 step 11";
    let got = ctx.claim("nonce");
    let Some(want) = ctx.exp.nonce.as_deref() else {
        let note = match got {
            Some(v) if ctx.profile() != Profile::BackChannelLogout => {
                format!(" The token's nonce is {}.", shown(v))
            }
            _ => String::new(),
        };
        return Check::skip(
            RULE,
            format!("Not checked: no expected nonce given.{note}"),
            reference,
        );
    };
    match got {
        Some(Value::String(got)) if got == want => Check::pass(
            RULE,
            format!("The nonce is {}, as sent in the request.", quoted(got)),
            reference,
        ),
        Some(Value::String(got)) => Check::fail(
            RULE,
            format!("the nonce is {}, not {}", quoted(got), quoted(want)),
            "",
            reference,
        ),
        Some(other) => Check::fail(
            RULE,
            format!("its nonce is {}, not a string", json::type_name(other)),
            "",
            reference,
        ),
        None => Check::fail(
            RULE,
            format!("it has no nonce claim ({} is expected)", quoted(want)),
            "A nonce sent in the request must come back in the ID token.",
            reference,
        ),
    }
}

fn no_nonce_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "no-nonce";
    match ctx.claim("nonce") {
        None => Check::pass(
            RULE,
            "No nonce claim, as a logout token must not have one.".into(),
            LOGOUT,
        ),
        Some(v) => Check::fail(
            RULE,
            "it has a nonce claim, which a logout token must not have".into(),
            &format!(
                "The nonce is {}; forbidding it keeps a logout token from passing for an ID token.",
                shown(v)
            ),
            LOGOUT,
        ),
    }
}

fn sub_or_sid_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "sub-or-sid";
    let present: Vec<&str> = ["sub", "sid"]
        .into_iter()
        .filter(|n| ctx.claim(n).is_some())
        .collect();
    if present.is_empty() {
        Check::fail(
            RULE,
            "it has neither sub nor sid, and a logout token needs at least one".into(),
            "",
            LOGOUT,
        )
    } else {
        Check::pass(
            RULE,
            format!(
                "It names the session to end with {}.",
                present.join(" and ")
            ),
            LOGOUT,
        )
    }
}

fn jti_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "jti";
    let reference = ctx.profile().claims_cite();
    match ctx.claim("jti") {
        Some(Value::String(s)) if !s.is_empty() => Check::pass(
            RULE,
            format!(
                "The token ID is {} (a server may remember it to refuse replays).",
                quoted(s)
            ),
            reference,
        ),
        Some(Value::String(_)) => Check::fail(RULE, "its jti is empty".into(), "", reference),
        Some(other) => Check::fail(
            RULE,
            format!("its jti is {}, not a string", json::type_name(other)),
            "",
            reference,
        ),
        None => Check::fail(
            RULE,
            format!(
                "it has no jti claim, which {} must have",
                ctx.profile().noun()
            ),
            "",
            reference,
        ),
    }
}

/// RFC 9449 §4.3 items 5–6: the proof's header `jwk` is a public key that
/// fits its `alg`.
fn dpop_jwk_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "jwk";
    let Some(jwk) = ctx.decoded.header_param("jwk") else {
        return Check::fail(
            RULE,
            "its header has no jwk".into(),
            "A DPoP proof carries the client's public key in its header.",
            DPOP_CHECK,
        );
    };
    let private = super::dpop::private_members(jwk);
    if !private.is_empty() {
        return Check::fail(
            RULE,
            format!(
                "its header jwk holds private key members ({})",
                private.join(", ")
            ),
            "The client's private key is exposed: it must generate a new key pair.",
            DPOP_CHECK,
        );
    }
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or_default();
    let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or_default();
    let alg = ctx.decoded.alg().unwrap_or_default();
    let fits = match alg {
        a if a.starts_with("RS") || a.starts_with("PS") => kty == "RSA",
        "ES256" => kty == "EC" && crv == "P-256",
        "ES384" => kty == "EC" && crv == "P-384",
        "ES512" => kty == "EC" && crv == "P-521",
        "EdDSA" | "Ed25519" | "Ed448" => kty == "OKP",
        _ => true,
    };
    let what = if crv.is_empty() {
        kty.to_string()
    } else {
        format!("{kty} {crv}")
    };
    if fits {
        Check::pass(
            RULE,
            format!("The header jwk is a public {what} key, which fits {alg}."),
            DPOP_CHECK,
        )
    } else {
        Check::fail(
            RULE,
            format!("its header jwk is a {what} key, which does not fit {alg}"),
            "",
            DPOP_CHECK,
        )
    }
}

/// RFC 9449 §4.3 item 8: `htm` is the request's method.
fn htm_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "htm";
    let Some(Value::String(htm)) = ctx.claim("htm") else {
        return Check::fail(
            RULE,
            "it has no htm string (the HTTP method)".into(),
            "",
            DPOP_CHECK,
        );
    };
    match &ctx.exp.htm {
        None => Check::skip(
            RULE,
            format!(
                "htm is {}; no request method given to compare.",
                quoted(htm)
            ),
            DPOP_CHECK,
        ),
        Some(want) if want == htm => Check::pass(
            RULE,
            format!("htm {} is the request's method.", quoted(htm)),
            DPOP_CHECK,
        ),
        Some(want) => Check::fail(
            RULE,
            format!(
                "its htm {} is not the request's method {}",
                quoted(htm),
                quoted(want)
            ),
            if want.eq_ignore_ascii_case(htm) {
                "Methods are compared exactly (case matters)."
            } else {
                ""
            },
            DPOP_CHECK,
        ),
    }
}

/// A URI as DPoP compares it (RFC 9449 §4.3 item 9): no query or fragment,
/// scheme and host lower-case, the scheme's default port dropped.
pub fn normalize_htu(uri: &str) -> String {
    let cut = uri.find(['?', '#']).unwrap_or(uri.len());
    let uri = &uri[..cut];
    let Some((scheme, rest)) = uri.split_once("://") else {
        return uri.to_string();
    };
    let scheme = scheme.to_ascii_lowercase();
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (userinfo, host_port) = match authority.rfind('@') {
        Some(i) => (&authority[..=i], &authority[i + 1..]),
        None => ("", authority),
    };
    let mut host_port = host_port.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => Some(":443"),
        "http" => Some(":80"),
        _ => None,
    };
    if let Some(port) = default_port {
        if host_port.ends_with(port) && !host_port.ends_with(']') {
            host_port.truncate(host_port.len() - port.len());
        }
    }
    let path = if path.is_empty() { "/" } else { path };
    format!("{scheme}://{userinfo}{host_port}{path}")
}

/// RFC 9449 §4.3 item 9: `htu` is the request's URI, without query and
/// fragment.
fn htu_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "htu";
    let Some(Value::String(htu)) = ctx.claim("htu") else {
        return Check::fail(
            RULE,
            "it has no htu string (the HTTP URI)".into(),
            "",
            DPOP_CHECK,
        );
    };
    let Some(want) = &ctx.exp.htu else {
        return Check::skip(
            RULE,
            format!("htu is {}; no request URI given to compare.", quoted(htu)),
            DPOP_CHECK,
        );
    };
    let (got, expected) = (normalize_htu(htu), normalize_htu(want));
    if got == expected {
        Check::pass(
            RULE,
            format!("htu {} is the request's URI {} (query and fragment dropped, scheme and host case and default port normalised).", quoted(htu), quoted(&expected)),
            DPOP_CHECK,
        )
    } else {
        let hint = if htu.contains(['?', '#']) {
            "The proof's htu has a query or fragment; they are ignored when comparing."
        } else {
            ""
        };
        Check::fail(
            RULE,
            format!(
                "its htu {} is not the request's URI {} (compared as {} and {})",
                quoted(htu),
                quoted(want),
                quoted(&got),
                quoted(&expected)
            ),
            hint,
            DPOP_CHECK,
        )
    }
}

/// RFC 9449 §4.3 items 11–12: `iat` within the allowed age, not ahead.
fn dpop_iat_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "iat";
    let max_age = ctx.exp.max_age.unwrap_or(DPOP_MAX_AGE);
    let iat = match ctx.claim("iat").and_then(numeric_date) {
        Some(t) => t,
        None => {
            return Check::fail(
                RULE,
                "it has no numeric iat (when the proof was made)".into(),
                "",
                DPOP_CHECK,
            )
        }
    };
    made_within(
        ctx,
        RULE,
        DPOP_CHECK,
        iat,
        max_age,
        ("it", "It"),
        "a proof is accepted for",
    )
}

/// A proof or key-binding JWT made at `iat`: not ahead of now, and at most
/// `max_age` seconds old (both with leeway). `who` names it in a reason and
/// at the start of a sentence; `limit` ends "more than the N seconds …".
fn made_within(
    ctx: &Ctx<'_>,
    rule: &str,
    reference: &str,
    iat: i64,
    max_age: u64,
    who: (&str, &str),
    limit: &str,
) -> Check {
    let age = i128::from(ctx.now) - i128::from(iat);
    let span = |secs: i128| distance(u64::try_from(secs).unwrap_or(u64::MAX));
    if age + ctx.leeway() < 0 {
        Check::fail(
            rule,
            format!(
                "{} was made {} in the future ({})",
                who.0,
                span(-age),
                iso(iat)
            ),
            &beyond_leeway(ctx),
            reference,
        )
    } else if age > i128::from(max_age) + ctx.leeway() {
        Check::fail(
            rule,
            format!(
                "{} was made {} ago ({}), more than the {max_age} seconds {limit}",
                who.0,
                span(age),
                iso(iat)
            ),
            &beyond_leeway(ctx),
            reference,
        )
    } else {
        Check::pass(
            rule,
            format!(
                "{} was made at {}, within the {max_age} seconds allowed.",
                who.1,
                iso(iat)
            ),
            reference,
        )
    }
}

/// RFC 9449 §4.3 item 10: with an access token, `ath` is its SHA-256.
fn ath_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "ath";
    const REF: &str = "RFC 9449 §4.3 item 10, §7.1";
    let Some(token) = &ctx.exp.access_token else {
        return Check::skip(
            RULE,
            "No access token given: a proof for a token request has no ath.".into(),
            REF,
        );
    };
    let expected = base64url::encode(&sha2::Sha256::digest(token.as_bytes()));
    match ctx.claim("ath") {
        Some(Value::String(ath)) if *ath == expected => Check::pass(
            RULE,
            format!("ath is the SHA-256 of the access token ({expected})."),
            REF,
        ),
        Some(Value::String(ath)) => Check::fail(
            RULE,
            format!(
                "its ath {} is not the SHA-256 of the access token ({expected})",
                quoted(ath)
            ),
            "ath is base64url(SHA-256(the access token's ASCII text)), without padding.",
            REF,
        ),
        _ => Check::fail(
            RULE,
            "it has no ath, but it is sent with an access token".into(),
            "",
            REF,
        ),
    }
}

/// RFC 9449 §6.1: an access token bound with `cnf.jkt` names the proof key's
/// RFC 7638 thumbprint.
fn jkt_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "jkt";
    const REF: &str = "RFC 9449 §6.1, RFC 7638";
    let bound = ctx
        .exp
        .access_token
        .as_deref()
        .map(super::token::decode)
        .and_then(|at| {
            at.claims()?
                .get("cnf")?
                .get("jkt")?
                .as_str()
                .map(str::to_string)
        });
    let Some(jkt) = bound else {
        return Check::skip(RULE, "No access token with cnf.jkt given.".into(), REF);
    };
    let thumbprint = ctx.decoded.header_param("jwk").and_then(|jwk| {
        match super::keys::parse_key_text(&jwk.to_string()) {
            Ok(super::keys::KeyText::Keys { keys, .. }) => keys
                .first()
                .map(|k| super::key_export::thumbprint(&k.material)),
            _ => None,
        }
    });
    match thumbprint {
        Some(t) if t == jkt => Check::pass(RULE, format!("The proof key's thumbprint is the access token's cnf.jkt ({jkt})."), REF),
        Some(t) => Check::fail(
            RULE,
            format!("the proof key's thumbprint {t} is not the access token's cnf.jkt {jkt}"),
            "The access token is bound to another key: this proof was not made by the client the token was issued to.",
            REF,
        ),
        None => Check::fail(RULE, "its header jwk cannot be read as a key to compute the thumbprint".into(), "", REF),
    }
}

/// SD-JWT VC §3.2.2.1: `vct` names the credential type.
fn vct_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "vct";
    match ctx.claim("vct") {
        Some(Value::String(v)) if !v.is_empty() => Check::pass(
            RULE,
            format!("The credential type (vct) is {}.", quoted(v)),
            SD_JWT_VC,
        ),
        _ => Check::fail(
            RULE,
            "it has no vct string naming the credential type".into(),
            "",
            SD_JWT_VC,
        ),
    }
}

/// The key binding of an SD-JWT VC presentation: `kb` (the KB-JWT holds),
/// `kb-aud` and `kb-nonce` (the verifier's, when given), `kb-iat` (fresh).
fn kb_checks(ctx: &Ctx<'_>, kb_signature: Option<&Verdict>) -> Vec<Check> {
    use super::sd_jwt::{self, KbStatus};
    let sd = ctx.decoded.sd.as_ref();
    let (Some(sd), Some(claims)) = (sd, ctx.claims) else {
        return vec![Check::fail(
            "kb",
            "it is not an SD-JWT (no ~ after the issuer-signed JWT)".into(),
            "An SD-JWT VC is presented as issuer-signed JWT~disclosures~[KB-JWT].",
            SD_JWT_VC,
        )];
    };
    let hash = sd
        .processed
        .as_ref()
        .map_or(sd_jwt::HashAlg::Sha256, |p| p.hash_alg);
    let payload = Value::Object(claims.clone());
    let kb = sd_jwt::key_binding(
        &sd.parts,
        &payload,
        hash,
        kb_signature.map(|v| (v.status, v.message.as_str())),
    );
    let wants_binding = ctx.exp.aud.is_some() || ctx.exp.nonce.is_some();
    let mut out = vec![match kb.status {
        KbStatus::Valid => Check::pass(
            "kb",
            "The key-binding JWT holds: kb+jwt, signed with cnf.jwk, sd_hash over these disclosures.".into(),
            KB_CHECK,
        ),
        KbStatus::Checking => Check::skip("kb", "Checking the key-binding JWT's signature…".into(), KB_CHECK),
        KbStatus::Absent if wants_binding => Check::fail(
            "kb",
            "it has no key-binding JWT, but an audience or nonce is expected".into(),
            "The holder must append a KB-JWT for this verifier's audience and nonce.",
            KB_CHECK,
        ),
        KbStatus::Absent => Check::skip(
            "kb",
            "No key-binding JWT: nothing after the last ~ (a verifier that requires key binding rejects this).".into(),
            KB_CHECK,
        ),
        KbStatus::NoKey | KbStatus::Invalid => {
            let failed: Vec<String> = kb
                .checks
                .iter()
                .filter(|c| c.ok == Some(false))
                .map(|c| c.detail.trim_end_matches('.').to_string())
                .collect();
            Check::fail(
                "kb",
                format!("its key-binding JWT does not hold: {}", failed.join("; ")),
                "",
                KB_CHECK,
            )
        }
    }];
    if kb.status == KbStatus::Absent {
        return out;
    }
    for (rule, want, got) in [
        ("kb-aud", &ctx.exp.aud, &kb.aud),
        ("kb-nonce", &ctx.exp.nonce, &kb.nonce),
    ] {
        let what = &rule[3..];
        out.push(match (want, got) {
            (None, Some(g)) => Check::skip(
                rule,
                format!("The KB-JWT's {what} is {}; none expected.", quoted(g)),
                KB_CHECK,
            ),
            (None, None) => Check::skip(rule, format!("No {what} expected."), KB_CHECK),
            (Some(w), Some(g)) if w == g => Check::pass(
                rule,
                format!("The KB-JWT's {what} is {}, as expected.", quoted(g)),
                KB_CHECK,
            ),
            (Some(w), Some(g)) => Check::fail(
                rule,
                format!("its KB-JWT's {what} is {}, not {}", quoted(g), quoted(w)),
                "The presentation was made for another verifier or request.",
                KB_CHECK,
            ),
            (Some(w), None) => Check::fail(
                rule,
                format!("its KB-JWT has no {what} ({} is expected)", quoted(w)),
                "",
                KB_CHECK,
            ),
        });
    }
    let max_age = ctx.exp.max_age.unwrap_or(KB_MAX_AGE);
    out.push(match kb.iat {
        None => Check::fail(
            "kb-iat",
            "its KB-JWT has no numeric iat".into(),
            "",
            KB_CHECK,
        ),
        Some(iat) => made_within(
            ctx,
            "kb-iat",
            KB_CHECK,
            iat,
            max_age,
            ("its KB-JWT", "The KB-JWT"),
            "allowed",
        ),
    });
    out
}

/// RFC 7523 §3: a client assertion's `iss` and `sub` are both the client ID.
fn iss_sub_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "iss-sub";
    const REF: &str = "RFC 7523 §3 (items 1 and 2)";
    match (ctx.claim("iss"), ctx.claim("sub")) {
        (Some(Value::String(iss)), Some(Value::String(sub))) if iss == sub => Check::pass(
            RULE,
            format!("iss and sub are both {}, the client ID.", quoted(iss)),
            REF,
        ),
        (Some(Value::String(iss)), Some(Value::String(sub))) => Check::fail(
            RULE,
            format!("its iss {} and sub {} differ", quoted(iss), quoted(sub)),
            "A client assertion names the client twice: iss and sub must both be its client ID.",
            REF,
        ),
        (iss, sub) => {
            let missing: Vec<&str> = [("iss", iss), ("sub", sub)]
                .into_iter()
                .filter(|(_, v)| !matches!(v, Some(Value::String(_))))
                .map(|(n, _)| n)
                .collect();
            Check::fail(
                RULE,
                format!(
                    "its {} must be a string naming the client",
                    missing.join(" and ")
                ),
                "",
                REF,
            )
        }
    }
}

/// RFC 9101 §4: a request object carries `client_id`, equal to `iss` when
/// `iss` is present.
fn client_id_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "client_id";
    const REF: &str = "RFC 9101 §4, §10.2";
    match (ctx.claim("client_id"), ctx.claim("iss")) {
        (Some(Value::String(id)), Some(Value::String(iss))) if id != iss => Check::fail(
            RULE,
            format!("its client_id {} is not its iss {}", quoted(id), quoted(iss)),
            "When a request object has an iss, it must be the client_id of the client that signed it.",
            REF,
        ),
        (Some(Value::String(id)), iss) => Check::pass(
            RULE,
            match iss {
                Some(_) => format!("client_id is {}, the same as iss.", quoted(id)),
                None => format!("client_id is {}.", quoted(id)),
            },
            REF,
        ),
        (Some(other), _) => Check::fail(
            RULE,
            format!("its client_id is {}, not a string", json::type_name(other)),
            "",
            REF,
        ),
        (None, _) => Check::fail(
            RULE,
            "it has no client_id claim, which a request object must have".into(),
            "",
            REF,
        ),
    }
}

/// RFC 9101 §4: a request object must not itself hold `request` or
/// `request_uri`.
fn no_request_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "no-request";
    const REF: &str = "RFC 9101 §4";
    let inside: Vec<&str> = ["request", "request_uri"]
        .into_iter()
        .filter(|n| ctx.claim(n).is_some())
        .collect();
    if inside.is_empty() {
        Check::pass(
            RULE,
            "It holds no request or request_uri of its own.".into(),
            REF,
        )
    } else {
        Check::fail(
            RULE,
            format!(
                "it holds {} inside the request object",
                inside.join(" and ")
            ),
            "A request object cannot point at another request object.",
            REF,
        )
    }
}

fn events_check(ctx: &Ctx<'_>) -> Check {
    const RULE: &str = "events";
    let logout = ctx.profile() == Profile::BackChannelLogout;
    let reference = if logout { LOGOUT } else { "RFC 8417 §2.2" };
    let events = match ctx.claim("events") {
        None => {
            return Check::fail(
                RULE,
                format!(
                    "it has no events claim, which {} must have",
                    ctx.profile().noun()
                ),
                "",
                reference,
            )
        }
        Some(Value::Object(events)) => events,
        Some(other) => {
            return Check::fail(
                RULE,
                format!(
                    "its events claim is {}, not a JSON object",
                    json::type_name(other)
                ),
                "",
                reference,
            )
        }
    };
    if logout {
        return match events.get(BACKCHANNEL_LOGOUT_EVENT) {
            Some(Value::Object(_)) => Check::pass(
                RULE,
                format!("events has the member {BACKCHANNEL_LOGOUT_EVENT}, a JSON object."),
                reference,
            ),
            Some(other) => Check::fail(
                RULE,
                format!(
                    "the logout event in events is {}, not a JSON object",
                    json::type_name(other)
                ),
                "",
                reference,
            ),
            None => Check::fail(
                RULE,
                format!("its events claim lacks the member {BACKCHANNEL_LOGOUT_EVENT}"),
                "That member is what makes a JWT a logout token.",
                reference,
            ),
        };
    }
    if events.is_empty() {
        return Check::fail(
            RULE,
            "its events claim names no event".into(),
            "A Security Event Token's events object has at least one member, the event's URI.",
            reference,
        );
    }
    let names: Vec<String> = events.keys().map(|k| quoted(k)).collect();
    Check::pass(
        RULE,
        format!("events names {}.", names.join(", ")),
        reference,
    )
}

/// The hash `at_hash` and `c_hash` use with `alg`, by its size; EdDSA uses
/// SHA-512 (OpenID Connect Core errata).
fn hash_bits(alg: &str) -> Option<u16> {
    match alg {
        "EdDSA" | "Ed25519" => Some(512),
        "ES256K" => Some(256),
        _ if alg.ends_with("256") => Some(256),
        _ if alg.ends_with("384") => Some(384),
        _ if alg.ends_with("512") => Some(512),
        _ => None,
    }
}

/// base64url of the left half of the hash of `text`'s ASCII bytes, as
/// `at_hash` and `c_hash` are made; `None` when `alg` names no hash.
pub fn left_half_hash(alg: &str, text: &str) -> Option<String> {
    let digest: Vec<u8> = match hash_bits(alg)? {
        256 => sha2::Sha256::digest(text.as_bytes()).to_vec(),
        384 => sha2::Sha384::digest(text.as_bytes()).to_vec(),
        _ => sha2::Sha512::digest(text.as_bytes()).to_vec(),
    };
    Some(base64url::encode(&digest[..digest.len() / 2]))
}

fn hash_check(
    ctx: &Ctx<'_>,
    rule: &str,
    given: Option<&str>,
    what: &str,
    reference: &str,
) -> Check {
    let Some(given) = given else {
        return Check::skip(rule, format!("Not checked: no {what} given."), reference);
    };
    let alg = ctx.decoded.alg().unwrap_or("");
    let Some(expected) = left_half_hash(alg, given) else {
        return Check::fail(
            rule,
            format!(
                "its alg {} names no hash to compute {rule} with",
                quoted(alg)
            ),
            "",
            reference,
        );
    };
    let bits = hash_bits(alg).unwrap_or(0);
    match ctx.claim(rule) {
        None => Check::fail(
            rule,
            format!("it has no {rule} claim to check the {what} against"),
            &format!("The {what}'s {rule} would be {}.", quoted(&expected)),
            reference,
        ),
        Some(Value::String(got)) if *got == expected => Check::pass(
            rule,
            format!(
                "{rule} {} is the left half of the SHA-{bits} hash of the {what}, as {} requires.",
                quoted(got),
                quoted(alg)
            ),
            reference,
        ),
        Some(Value::String(got)) => Check::fail(
            rule,
            format!("its {rule} does not match the {what}"),
            &format!(
                "The token says {}; the left half of the SHA-{bits} hash of the {what} is {}.",
                quoted(got),
                quoted(&expected)
            ),
            reference,
        ),
        Some(other) => Check::fail(
            rule,
            format!("its {rule} is {}, not a string", json::type_name(other)),
            "",
            reference,
        ),
    }
}

// ---------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------

const SCHEMA_REF: &str = "JSON Schema 2020-12";

/// Where the pasted schema lives as far as the schema library knows: a
/// name on a reserved domain, so a relative `$ref` resolves beside it and is
/// reported as not loaded.
const SCHEMA_BASE: &str = "https://schema.invalid/";
const SCHEMA_URL: &str = "https://schema.invalid/payload.schema.json";

/// A loader that loads nothing: the page never fetches, so every reference
/// outside the pasted schema (and the standard meta-schemas built into the
/// library) is refused.
struct NothingLoaded;

impl boon::UrlLoader for NothingLoaded {
    fn load(&self, url: &str) -> Result<Value, Box<dyn std::error::Error>> {
        Err(format!("{url} is not loaded").into())
    }
}

/// A URL from the schema library as the user wrote it.
fn short_url(url: &str) -> String {
    let url = url.strip_prefix(SCHEMA_BASE).unwrap_or(url);
    let url = url.strip_prefix("payload.schema.json").unwrap_or(url);
    json::visible(url)
}

/// The payload of `decoded` checked against `schema_text`.
pub fn check_schema_of(decoded: &Decoded, schema_text: &str) -> Check {
    match &decoded.payload {
        super::token::PayloadView::Json(doc) => check_schema(&doc.value, schema_text),
        _ => Check::fail(
            "schema",
            "its payload is not JSON, so the schema cannot apply".into(),
            "",
            SCHEMA_REF,
        ),
    }
}

/// Checks `payload` against a JSON Schema (draft 2020-12 unless `$schema`
/// says otherwise; `format` is asserted). Nothing is ever fetched: a `$ref`
/// to anything outside the pasted text fails. Errors name the JSON Pointer
/// of the value and the keyword it breaks: "/age: minimum 18, found 16".
pub fn check_schema(payload: &Value, schema_text: &str) -> Check {
    const RULE: &str = "schema";
    let schema = match json::parse(schema_text) {
        Ok(doc) => doc.value,
        Err(e) => {
            return Check::fail(
                RULE,
                format!(
                    "the schema is not valid JSON ({} at line {}, column {})",
                    e.message, e.line, e.column
                ),
                "",
                "RFC 8259",
            )
        }
    };
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V2020_12);
    compiler.enable_format_assertions();
    compiler.use_loader(Box::new(NothingLoaded));
    let mut schemas = boon::Schemas::new();
    if let Err(e) = compiler.add_resource(SCHEMA_URL, schema.clone()) {
        return compile_failure(&e, &schema);
    }
    let index = match compiler.compile(SCHEMA_URL, &mut schemas) {
        Ok(index) => index,
        Err(e) => return compile_failure(&e, &schema),
    };
    if !schemas.contains(index) {
        return Check::fail(
            RULE,
            "the schema could not be compiled".into(),
            "",
            SCHEMA_REF,
        );
    }
    match schemas.validate(payload, index) {
        Ok(()) => Check::pass(RULE, "The payload satisfies the schema.".into(), SCHEMA_REF),
        Err(e) => {
            let problems = describe_errors(&e, payload, "the payload");
            let first = problems.first().cloned().unwrap_or_default();
            let more = problems.len().saturating_sub(1);
            let reason = match more {
                0 => format!("the payload breaks the schema ({first})"),
                n => format!(
                    "the payload breaks the schema ({first}, and {n} more problem{})",
                    if n == 1 { "" } else { "s" }
                ),
            };
            let mut check = Check::fail(RULE, reason, "", SCHEMA_REF);
            check.detail = format!("The payload breaks the schema: {}.", listed(&problems));
            check
        }
    }
}

/// At most this many schema problems are listed.
const MAX_PROBLEMS: usize = 10;

fn listed(problems: &[String]) -> String {
    let mut shown: Vec<String> = problems.iter().take(MAX_PROBLEMS).cloned().collect();
    if problems.len() > MAX_PROBLEMS {
        shown.push(format!("and {} more", problems.len() - MAX_PROBLEMS));
    }
    shown.join("; ")
}

fn compile_failure(e: &boon::CompileError, schema: &Value) -> Check {
    use boon::CompileError as E;
    const RULE: &str = "schema";
    match e {
        E::LoadUrlError { url, .. } | E::UnsupportedUrlScheme { url } => Check::fail(
            RULE,
            format!(
                "the schema refers to {}, which is not loaded; paste a self-contained schema",
                short_url(url)
            ),
            "This page never fetches anything, so a $ref or $schema outside the pasted text cannot be followed (the standard meta-schemas are built in).",
            SCHEMA_REF,
        ),
        E::ValidationError { src, .. } => {
            let problems = describe_errors(src, schema, "the schema");
            Check::fail(
                RULE,
                format!(
                    "the schema is not a valid JSON Schema ({})",
                    listed(&problems)
                ),
                "",
                SCHEMA_REF,
            )
        }
        E::InvalidRegex { url, regex, .. } => Check::fail(
            RULE,
            format!(
                "the schema's pattern {} at {} is not a regular expression this checker understands",
                quoted(regex),
                short_url(url)
            ),
            "",
            SCHEMA_REF,
        ),
        E::JsonPointerNotFound(loc) | E::InvalidJsonPointer(loc) => Check::fail(
            RULE,
            format!(
                "the schema refers to {}, which it does not contain",
                short_url(loc)
            ),
            "",
            SCHEMA_REF,
        ),
        E::AnchorNotFound { reference, .. } => Check::fail(
            RULE,
            format!(
                "the schema refers to {}, an anchor it does not define",
                short_url(reference)
            ),
            "",
            SCHEMA_REF,
        ),
        E::UnsupportedDraft { url } => Check::fail(
            RULE,
            format!(
                "the schema's $schema {} is not a draft this checker knows (2020-12, 2019-09, 7, 6 or 4)",
                short_url(url)
            ),
            "",
            SCHEMA_REF,
        ),
        other => {
            let text = format!("{other:#}");
            Check::fail(
                RULE,
                format!(
                    "the schema cannot be used: {}",
                    text.replace(SCHEMA_URL, "the schema").replace(SCHEMA_BASE, "")
                ),
                "",
                SCHEMA_REF,
            )
        }
    }
}

/// JSON Pointer (RFC 6901) of an instance location.
fn pointer(loc: &boon::InstanceLocation<'_>) -> String {
    let mut out = String::new();
    for token in &loc.tokens {
        out.push('/');
        match token {
            boon::InstanceToken::Prop(p) => out.push_str(&p.replace('~', "~0").replace('/', "~1")),
            boon::InstanceToken::Item(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

/// One line per failed rule, leaves first: "/age: minimum 18, found 16".
fn describe_errors(e: &boon::ValidationError<'_, '_>, instance: &Value, root: &str) -> Vec<String> {
    let mut out = Vec::new();
    collect(e, "", instance, root, &mut out, 0);
    out.dedup();
    out
}

fn collect(
    e: &boon::ValidationError<'_, '_>,
    parent: &str,
    instance: &Value,
    root: &str,
    out: &mut Vec<String>,
    depth: usize,
) {
    use boon::ErrorKind as K;
    let here = pointer(&e.instance_location);
    let descend = matches!(
        e.kind,
        K::Group | K::Schema { .. } | K::Reference { .. } | K::AllOf
    );
    if descend && !e.causes.is_empty() && depth < 64 {
        for cause in &e.causes {
            collect(cause, &here, instance, root, out, depth + 1);
        }
        return;
    }
    // A property name is checked as a value of its own: it is reported at
    // the object that holds it.
    let at = if matches!(e.kind, K::PropertyName { .. }) {
        parent.to_string()
    } else {
        here
    };
    let found = || match instance.pointer(&at) {
        Some(v) => shown(v),
        None => "nothing".to_string(),
    };
    let text = match &e.kind {
        K::Type { got, want } => {
            let want: Vec<String> = want.iter().map(|t| t.to_string()).collect();
            let value = match instance.pointer(&at) {
                Some(v @ (Value::Bool(_) | Value::Number(_) | Value::String(_))) => {
                    format!(" {}", shown(v))
                }
                _ => String::new(),
            };
            format!("type {}, found {got}{value}", want.join(" or "))
        }
        K::Enum { want } => {
            let options: Vec<String> = want.iter().map(shown).collect();
            format!("enum [{}], found {}", cut(&options.join(", ")), found())
        }
        K::Const { want } => format!("const {}, found {}", shown(want), found()),
        K::Format { want, err, .. } => {
            // Some parsers explain over several lines; the last one says what.
            let why = err.to_string();
            let why = why
                .lines()
                .map(str::trim)
                .rfind(|l| !l.is_empty())
                .unwrap_or("")
                .trim_start_matches("error: ")
                .to_string();
            format!("format {want}, found {} ({why})", found())
        }
        K::MinProperties { got, want } => format!("minProperties {want}, found {got}"),
        K::MaxProperties { got, want } => format!("maxProperties {want}, found {got}"),
        K::AdditionalProperties { got } => {
            let names: Vec<String> = got.iter().map(|n| quoted(n)).collect();
            format!(
                "additionalProperties false, found {}",
                cut(&names.join(", "))
            )
        }
        K::Required { want } => {
            let names: Vec<String> = want.iter().map(|n| quoted(n)).collect();
            let verb = if names.len() == 1 { "is" } else { "are" };
            format!("required {} {verb} missing", names.join(", "))
        }
        K::Dependency { prop, missing } | K::DependentRequired { prop, missing } => {
            let names: Vec<String> = missing.iter().map(|n| quoted(n)).collect();
            format!(
                "dependentRequired: {} needs {}, missing",
                quoted(prop),
                names.join(", ")
            )
        }
        K::MinItems { got, want } => format!("minItems {want}, found {got}"),
        K::MaxItems { got, want } => format!("maxItems {want}, found {got}"),
        K::Contains => "contains: no item matches".to_string(),
        K::MinContains { got, want } => {
            format!("minContains {want}, found {} matching", got.len())
        }
        K::MaxContains { got, want } => {
            format!("maxContains {want}, found {} matching", got.len())
        }
        K::UniqueItems { got: [i, j] } => format!("uniqueItems: items {i} and {j} are equal"),
        K::AdditionalItems { got } => format!("additionalItems false, found {got} extra items"),
        K::MinLength { got, want } => format!("minLength {want}, found {got}"),
        K::MaxLength { got, want } => format!("maxLength {want}, found {got}"),
        K::Pattern { got, want } => format!("pattern {}, found {}", quoted(want), quoted(got)),
        K::ContentEncoding { want, .. } => format!("contentEncoding {want}, found {}", found()),
        K::ContentMediaType { want, .. } => format!("contentMediaType {want}, found {}", found()),
        K::ContentSchema => "contentSchema: the content does not match".to_string(),
        K::Minimum { got, want } => format!("minimum {want}, found {got}"),
        K::Maximum { got, want } => format!("maximum {want}, found {got}"),
        K::ExclusiveMinimum { got, want } => format!("exclusiveMinimum {want}, found {got}"),
        K::ExclusiveMaximum { got, want } => format!("exclusiveMaximum {want}, found {got}"),
        K::MultipleOf { got, want } => format!("multipleOf {want}, found {got}"),
        K::Not => format!("not: {} matches the schema it must not", found()),
        K::AnyOf => format!("anyOf: {} matches none of the choices", found()),
        K::OneOf(None) => format!("oneOf: {} matches none of the choices", found()),
        K::OneOf(Some((i, j))) => {
            format!("oneOf: matches choices {i} and {j}, but must match exactly one")
        }
        K::AllOf => "allOf: a part does not match".to_string(),
        K::PropertyName { prop } => {
            format!("propertyNames: the name {} is not allowed", quoted(prop))
        }
        K::FalseSchema => {
            let keyword = e
                .schema_url
                .rsplit_once('#')
                .map(|(_, frag)| frag.trim_start_matches('/'))
                .unwrap_or("");
            if keyword.is_empty() {
                format!("false schema, found {}", found())
            } else {
                format!("{} false, found {}", json::visible(keyword), found())
            }
        }
        K::RefCycle { url, .. } => format!("$ref cycle at {}", short_url(url)),
        K::Group | K::Schema { .. } | K::Reference { .. } => "does not match".to_string(),
    };
    let label = if at.is_empty() {
        root.to_string()
    } else {
        json::visible(&at)
    };
    out.push(format!("{label}: {text}"));
}

// ---------------------------------------------------------------------------
// Library snippets
// ---------------------------------------------------------------------------

/// A Rust string literal.
fn rust_str(s: &str) -> String {
    format!("{s:?}")
}

/// A Python string literal (JSON's escapes are Python's too).
fn py_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A single-quoted JavaScript string literal.
fn js_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Algorithms `jsonwebtoken::Algorithm` names.
const JSONWEBTOKEN_ALGS: &[&str] = &[
    "HS256", "HS384", "HS512", "ES256", "ES384", "RS256", "RS384", "RS512", "PS256", "PS384",
    "PS512", "EdDSA",
];

/// Every claim the settings require, the profile's first.
fn all_required(exp: &Expectations) -> Vec<String> {
    let mut names: Vec<String> = exp
        .profile
        .required_claims()
        .iter()
        .map(|s| s.to_string())
        .collect();
    for r in &exp.required {
        if !names.contains(r) {
            names.push(r.clone());
        }
    }
    names
}

/// What no library option covers, as comment lines for the snippets.
fn by_hand(exp: &Expectations, library_checks_typ: bool, library_checks_age: bool) -> Vec<String> {
    let mut out = Vec::new();
    if !library_checks_typ {
        if let Some(typ) = expected_typ(exp) {
            out.push(format!(
                "the header's typ is {typ} (ignoring case and an application/ prefix)"
            ));
        }
    }
    if let Some(nonce) = &exp.nonce {
        out.push(format!("nonce equals {}", json::visible(nonce)));
    }
    if let Some(max) = exp.max_age {
        if exp.profile == Profile::OidcIdToken {
            out.push(format!("auth_time is at most {max} s ago"));
        } else if !library_checks_age {
            out.push(format!("auth_time (else iat) is at most {max} s ago"));
        }
    }
    if exp.profile == Profile::OidcIdToken {
        out.push("with several audiences, azp is present and is your client ID".into());
    }
    if exp.access_token.is_some() {
        out.push("at_hash is the left half of the access token's hash".into());
    }
    if exp.code.is_some() {
        out.push("c_hash is the left half of the authorization code's hash".into());
    }
    match exp.profile {
        Profile::BackChannelLogout => {
            out.push(format!("events has the member {BACKCHANNEL_LOGOUT_EVENT}"));
            out.push("sub or sid is present, and nonce is absent".into());
        }
        Profile::SecurityEvent => out.push("events is an object with at least one event".into()),
        Profile::JarRequest => {
            out.push("client_id is present, and equals iss when iss is present".into());
            out.push("there is no request or request_uri inside".into());
        }
        Profile::ClientAssertion => out.push("iss and sub are both the client ID".into()),
        Profile::SdJwtVc => {
            out.push("vct is present, and the disclosures match the _sd digests".into());
            out.push("the KB-JWT is kb+jwt, verifies with cnf.jwk, its sd_hash covers the presentation, and its aud, nonce and iat are this verifier's".into());
        }
        Profile::DpopProof => {
            out.push(
                "the header jwk is a public key that fits alg, and the signature verifies with it"
                    .into(),
            );
            out.push("htm and htu match the request (htu without query and fragment)".into());
            out.push(format!(
                "iat is at most {} seconds old, and jti is new",
                exp.max_age.unwrap_or(DPOP_MAX_AGE)
            ));
            if exp.access_token.is_some() {
                out.push("ath is the SHA-256 of the access token, and its cnf.jkt the proof key's thumbprint".into());
            }
        }
        _ => {}
    }
    if exp.schema.is_some() {
        out.push("the claims satisfy the JSON Schema".into());
    }
    out
}

fn expected_typ(exp: &Expectations) -> Option<String> {
    match (&exp.typ, exp.profile) {
        (Some(t), _) => Some(json::visible(t)),
        (None, Profile::Rfc9068AccessToken) => Some("at+jwt".into()),
        (None, Profile::BackChannelLogout) => Some("logout+jwt (or absent)".into()),
        (None, Profile::JarRequest) => Some("oauth-authz-req+jwt".into()),
        (None, Profile::DpopProof) => Some("dpop+jwt".into()),
        (None, Profile::SdJwtVc) => Some("dc+sd-jwt".into()),
        _ => None,
    }
}

/// Code that configures common libraries with the same settings: Rust
/// `jsonwebtoken`, Python `PyJWT` and JavaScript `jose`.
pub fn snippets(exp: &Expectations) -> Vec<(&'static str, String)> {
    vec![
        ("Rust jsonwebtoken", rust_snippet(exp)),
        ("Python PyJWT", python_snippet(exp)),
        ("JavaScript jose", js_snippet(exp)),
    ]
}

fn comment_block(prefix: &str, lines: &[String]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let mut out = format!("{prefix} Not covered by the options above; check by hand:\n");
    for line in lines {
        out.push_str(&format!("{prefix} - {line}\n"));
    }
    out
}

fn rust_snippet(exp: &Expectations) -> String {
    let mut s = String::from("use jsonwebtoken::{decode, Algorithm, DecodingKey, Validation};\n\n");
    let usable: Vec<&str> = exp
        .algs
        .iter()
        .map(String::as_str)
        .filter(|a| JSONWEBTOKEN_ALGS.contains(a))
        .collect();
    let unusable: Vec<&str> = exp
        .algs
        .iter()
        .map(String::as_str)
        .filter(|a| !JSONWEBTOKEN_ALGS.contains(a))
        .collect();
    match usable.as_slice() {
        [] => {
            s.push_str(
                "// jsonwebtoken needs the algorithms listed: put the ones your keys use.\n",
            );
            s.push_str("let mut validation = Validation::new(Algorithm::RS256);\n");
        }
        [one] => s.push_str(&format!(
            "let mut validation = Validation::new(Algorithm::{one});\n"
        )),
        [first, ..] => {
            s.push_str(&format!(
                "let mut validation = Validation::new(Algorithm::{first});\n"
            ));
            let all: Vec<String> = usable.iter().map(|a| format!("Algorithm::{a}")).collect();
            s.push_str(&format!(
                "validation.algorithms = vec![{}];\n",
                all.join(", ")
            ));
        }
    }
    if !unusable.is_empty() {
        let names: Vec<String> = unusable.iter().map(|a| json::visible(a)).collect();
        s.push_str(&format!(
            "// jsonwebtoken cannot verify {}: never accept it here.\n",
            names.join(", ")
        ));
    }
    if let Some(iss) = &exp.iss {
        s.push_str(&format!("validation.set_issuer(&[{}]);\n", rust_str(iss)));
    }
    match &exp.aud {
        Some(aud) => s.push_str(&format!("validation.set_audience(&[{}]);\n", rust_str(aud))),
        None => s.push_str(
            "// No expected audience: without this, a token with an aud is rejected.\nvalidation.validate_aud = false;\n",
        ),
    }
    if let Some(sub) = &exp.sub {
        s.push_str(&format!(
            "validation.sub = Some({}.to_string());\n",
            rust_str(sub)
        ));
    }
    s.push_str(&format!("validation.leeway = {};\n", exp.leeway));
    s.push_str("validation.validate_nbf = true;\n");
    let required = all_required(exp);
    let spec: Vec<String> = required
        .iter()
        .filter(|n| matches!(n.as_str(), "exp" | "nbf" | "aud" | "iss" | "sub"))
        .map(|n| rust_str(n))
        .collect();
    if spec.is_empty() {
        s.push_str("validation.required_spec_claims.clear();\n");
    } else {
        s.push_str(&format!(
            "validation.set_required_spec_claims(&[{}]);\n",
            spec.join(", ")
        ));
    }
    s.push_str("\nlet data = decode::<serde_json::Value>(token, &key, &validation)?;\n");
    let mut manual = Vec::new();
    let others: Vec<String> = required
        .iter()
        .filter(|n| !matches!(n.as_str(), "exp" | "nbf" | "aud" | "iss" | "sub"))
        .map(|n| json::visible(n))
        .collect();
    if !others.is_empty() {
        manual.push(format!("these claims are present: {}", others.join(", ")));
    }
    if exp.profile != Profile::OidcIdToken {
        if let Some(max) = exp.max_age {
            manual.push(format!("auth_time (else iat) is at most {max} s ago"));
        }
    }
    manual.extend(by_hand(exp, false, true));
    s.push_str(&comment_block("//", &manual));
    s
}

fn python_snippet(exp: &Expectations) -> String {
    let mut s = String::from("import jwt\n\nclaims = jwt.decode(\n    token,\n    key,\n");
    let algs: Vec<String> = exp.algs.iter().map(|a| py_str(a)).collect();
    if algs.is_empty() {
        s.push_str(
            "    algorithms=[\"RS256\"],  # PyJWT needs the list: put the ones your keys use\n",
        );
    } else {
        s.push_str(&format!("    algorithms=[{}],\n", algs.join(", ")));
    }
    if let Some(aud) = &exp.aud {
        s.push_str(&format!("    audience={},\n", py_str(aud)));
    }
    if let Some(iss) = &exp.iss {
        s.push_str(&format!("    issuer={},\n", py_str(iss)));
    }
    if let Some(sub) = &exp.sub {
        s.push_str(&format!(
            "    subject={},  # PyJWT 2.10 or later\n",
            py_str(sub)
        ));
    }
    s.push_str(&format!("    leeway={},\n", exp.leeway));
    let required: Vec<String> = all_required(exp).iter().map(|n| py_str(n)).collect();
    let mut options = vec![format!("\"require\": [{}]", required.join(", "))];
    if exp.aud.is_none() {
        options.push("\"verify_aud\": False".into());
    }
    s.push_str(&format!("    options={{{}}},\n)\n", options.join(", ")));
    let mut manual = Vec::new();
    if exp.profile != Profile::OidcIdToken {
        if let Some(max) = exp.max_age {
            manual.push(format!("auth_time (else iat) is at most {max} s ago"));
        }
    }
    manual.extend(by_hand(exp, false, true));
    s.push_str(&comment_block("#", &manual));
    s
}

fn js_snippet(exp: &Expectations) -> String {
    let mut s = String::from(
        "import { jwtVerify } from 'jose';\n\nconst { payload, protectedHeader } = await jwtVerify(token, key, {\n",
    );
    if !exp.algs.is_empty() {
        let algs: Vec<String> = exp.algs.iter().map(|a| js_str(a)).collect();
        s.push_str(&format!("  algorithms: [{}],\n", algs.join(", ")));
    }
    if let Some(iss) = &exp.iss {
        s.push_str(&format!("  issuer: {},\n", js_str(iss)));
    }
    if let Some(aud) = &exp.aud {
        s.push_str(&format!("  audience: {},\n", js_str(aud)));
    }
    if let Some(sub) = &exp.sub {
        s.push_str(&format!("  subject: {},\n", js_str(sub)));
    }
    let typ = match (&exp.typ, exp.profile) {
        (Some(t), _) => Some(t.as_str()),
        (None, Profile::Rfc9068AccessToken) => Some("at+jwt"),
        _ => None,
    };
    if let Some(typ) = typ {
        s.push_str(&format!("  typ: {},\n", js_str(typ)));
    }
    s.push_str(&format!("  clockTolerance: {},\n", exp.leeway));
    // jose's maxTokenAge counts from iat; OpenID Connect's max_age from
    // auth_time, which is left to the by-hand list.
    let jose_age = exp.max_age.filter(|_| exp.profile != Profile::OidcIdToken);
    if let Some(max) = jose_age {
        s.push_str(&format!("  maxTokenAge: {max},\n"));
    }
    let required: Vec<String> = all_required(exp).iter().map(|n| js_str(n)).collect();
    if !required.is_empty() {
        s.push_str(&format!("  requiredClaims: [{}],\n", required.join(", ")));
    }
    if let Some(now) = exp.now {
        s.push_str(&format!(
            "  currentDate: new Date({}),\n",
            js_str(&iso(now))
        ));
    }
    s.push_str("});\n");
    let mut manual = Vec::new();
    if exp.profile == Profile::BackChannelLogout && exp.typ.is_none() {
        manual.push("the header's typ, if present, is logout+jwt".to_string());
    }
    manual.extend(by_hand(exp, true, true));
    s.push_str(&comment_block("//", &manual));
    s
}

/// What the validation worker is asked: the token as typed, the verifier's
/// verdict for it and its key (from the page or the crypto worker), the
/// settings as typed, and the current time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidateJob {
    pub token: String,
    pub signature: Verdict,
    /// An SD-JWT's KB-JWT checked with the holder's key, when known.
    #[serde(default)]
    pub kb_signature: Option<Verdict>,
    pub inputs: Inputs,
    /// Seconds since 1970; used unless the inputs name an instant.
    pub clock: i64,
}

/// Library settings as code, for one library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub library: String,
    pub code: String,
}

/// The validation worker's answer: the verdict and the same settings as
/// code, or, when a setting cannot be read, why (and no verdict).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Validated {
    pub validation: Option<Validation>,
    pub error: Option<String>,
    pub snippets: Vec<Snippet>,
}

/// Everything validation does for one job, schema included.
pub fn answer(job: &ValidateJob) -> Validated {
    let exp = match from_inputs(&job.inputs) {
        Ok(exp) => exp,
        Err(error) => {
            return Validated {
                validation: None,
                error: Some(error),
                snippets: Vec::new(),
            }
        }
    };
    let decoded = super::token::decode(&job.token);
    let schema = exp
        .schema
        .as_deref()
        .map(|text| check_schema_of(&decoded, text));
    let now = exp.instant(job.clock);
    Validated {
        validation: Some(validate_presentation(
            &decoded,
            &job.signature,
            job.kb_signature.as_ref(),
            &exp,
            now,
            schema,
        )),
        error: None,
        snippets: snippets(&exp)
            .into_iter()
            .map(|(library, code)| Snippet {
                library: library.to_string(),
                code,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::token::decode;

    const NOW: i64 = 1_777_636_800; // 2026-05-01T12:00:00Z

    fn token(header: &str, payload: &str) -> Decoded {
        decode(&format!(
            "{}.{}.c2ln",
            base64url::encode(header.as_bytes()),
            base64url::encode(payload.as_bytes())
        ))
    }

    fn valid() -> Verdict {
        Verdict::new(Status::Valid, "The signature is valid.")
    }

    fn rule<'a>(v: &'a Validation, name: &str) -> &'a Check {
        v.checks
            .iter()
            .find(|c| c.rule == name)
            .unwrap_or_else(|| panic!("no {name} line in {v:#?}"))
    }

    #[test]
    fn default_settings_accept_a_signed_token() {
        let d = token(r#"{"alg":"HS256"}"#, r#"{"sub":"a"}"#);
        let v = validate(&d, &valid(), &Expectations::default(), NOW, None);
        assert!(v.accepted, "{v:#?}");
        assert_eq!(
            v.summary,
            "A server with these settings accepts this token."
        );
        let rules: Vec<&str> = v.checks.iter().map(|c| c.rule.as_str()).collect();
        assert_eq!(
            rules,
            [
                "signature",
                "alg",
                "typ",
                "iss",
                "aud",
                "sub",
                "exp",
                "nbf",
                "iat",
                "max-age",
                "required",
                "nonce",
                "azp",
                "at_hash",
                "c_hash",
                "schema"
            ]
        );
    }

    #[test]
    fn exp_edge_of_the_leeway() {
        let d = token(r#"{"alg":"HS256"}"#, &format!(r#"{{"exp":{}}}"#, NOW - 60));
        let exp = Expectations {
            leeway: 60,
            ..Expectations::default()
        };
        let v = validate(&d, &valid(), &exp, NOW, None);
        assert_eq!(rule(&v, "exp").result, CheckResult::Pass);
        let v = validate(&d, &valid(), &exp, NOW + 1, None);
        assert_eq!(rule(&v, "exp").result, CheckResult::Fail);
        assert_eq!(
            v.summary,
            "A server with these settings rejects this token: it expired 1 minute ago, past the 60 s leeway."
        );
    }

    #[test]
    fn media_types_compare_as_rfc_7515_says() {
        assert!(media_type_matches("application/AT+JWT", "at+jwt"));
        assert!(media_type_matches("JWT", "jwt"));
        assert!(!media_type_matches("application/a/b", "a/b"));
    }

    #[test]
    fn instants_parse_strictly() {
        assert_eq!(parse_instant("2026-05-01T12:00:00Z"), Ok(NOW));
        assert_eq!(parse_instant("2026-05-01T14:00:00.250+02:00"), Ok(NOW));
        assert!(parse_instant("2026-05-01 12:00").is_err());
        assert!(parse_instant("2026-02-30T00:00:00Z")
            .unwrap_err()
            .contains("not a calendar date"));
    }

    #[test]
    fn sentences_and_lower_first() {
        assert_eq!(sentence("it failed"), "It failed.");
        assert_eq!(lower_first("The key is wrong"), "the key is wrong");
        assert_eq!(lower_first("HS256 needs a secret"), "HS256 needs a secret");
    }

    #[test]
    fn left_half_hash_matches_the_oidc_example() {
        // OpenID Connect Core Appendix A.3/A.4 uses this access token with RS256.
        assert_eq!(
            left_half_hash("RS256", "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y").as_deref(),
            Some("77QmUPtjPfzWtF2AnpK9RQ")
        );
        assert_eq!(left_half_hash("none", "x"), None);
    }
}
