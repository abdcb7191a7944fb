//! Validation as a server would do it: one test per rule and per profile,
//! with tokens built from JSON and a dummy signature, the verdict given.
#![cfg(not(target_arch = "wasm32"))]

use jwt_debugger::core::base64url;
use jwt_debugger::core::token::{self, Decoded};
use jwt_debugger::core::validate::{
    self, check_schema, check_schema_of, from_inputs, parse_instant, snippets, Check, CheckResult,
    Expectations, Inputs, Profile, Validation,
};
use jwt_debugger::core::verify::{Status, Verdict};
use proptest::prelude::*;
use serde_json::{json, Value};
use sha2::Digest;

/// 2026-05-01T12:00:00Z
const NOW: i64 = 1_777_636_800;

fn token_with(header: &Value, payload: &Value) -> Decoded {
    token::decode(&format!(
        "{}.{}.ZHVtbXktc2lnbmF0dXJl",
        base64url::encode(header.to_string().as_bytes()),
        base64url::encode(payload.to_string().as_bytes())
    ))
}

fn token(payload: Value) -> Decoded {
    token_with(&json!({"alg": "RS256"}), &payload)
}

fn valid() -> Verdict {
    Verdict::new(Status::Valid, "The signature is valid.")
}

fn run(d: &Decoded, exp: &Expectations) -> Validation {
    validate::validate(d, &valid(), exp, NOW, None)
}

fn line<'a>(v: &'a Validation, rule: &str) -> &'a Check {
    v.checks
        .iter()
        .find(|c| c.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} line in {v:#?}"))
}

fn result(v: &Validation, rule: &str) -> CheckResult {
    line(v, rule).result
}

fn with(f: impl FnOnce(&mut Expectations)) -> Expectations {
    let mut exp = Expectations::default();
    f(&mut exp);
    exp
}

use CheckResult::{Fail, Pass, Skip};

// ---------------------------------------------------------------------------
// signature and alg
// ---------------------------------------------------------------------------

#[test]
fn signature_follows_the_verdict() {
    let d = token(json!({}));
    let exp = Expectations::default();
    let v = validate::validate(&d, &valid(), &exp, NOW, None);
    assert_eq!(result(&v, "signature"), Pass);

    let v = validate::validate(&d, &Verdict::new(Status::NoKey, ""), &exp, NOW, None);
    let sig = line(&v, "signature");
    assert_eq!(sig.result, Fail);
    assert!(
        sig.detail
            .contains("no key was given, and a server always checks the signature")
            || sig
                .detail
                .contains("No key was given, and a server always checks the signature"),
        "{sig:?}"
    );
    assert!(!v.accepted);

    let v = validate::validate(&d, &Verdict::new(Status::Checking, ""), &exp, NOW, None);
    assert_eq!(result(&v, "signature"), Skip);
    assert!(v.accepted, "a check in progress fails nothing");

    let bad = Verdict::new(Status::Invalid, "The signature does not match this key.");
    let v = validate::validate(&d, &bad, &exp, NOW, None);
    assert_eq!(result(&v, "signature"), Fail);
    assert!(
        v.summary.contains("the signature does not match this key"),
        "{}",
        v.summary
    );
}

#[test]
fn alg_must_be_on_the_list_exactly() {
    let d = token(json!({}));
    let v = run(&d, &Expectations::default());
    assert_eq!(result(&v, "alg"), Skip);

    let v = run(&d, &with(|e| e.algs = vec!["ES256".into(), "RS256".into()]));
    assert_eq!(result(&v, "alg"), Pass);

    let v = run(&d, &with(|e| e.algs = vec!["rs256".into()]));
    let alg = line(&v, "alg");
    assert_eq!(alg.result, Fail);
    assert!(alg.detail.contains("case-sensitive"), "{alg:?}");

    let v = run(&d, &with(|e| e.algs = vec!["HS256".into()]));
    assert!(v
        .summary
        .contains("alg \"RS256\" is not on the allowed list (HS256)"));
}

#[test]
fn alg_none_always_fails() {
    let d = token_with(&json!({"alg": "none"}), &json!({}));
    for algs in [vec![], vec!["none".to_string()]] {
        let v = run(&d, &with(|e| e.algs = algs.clone()));
        assert_eq!(result(&v, "alg"), Fail, "{algs:?}");
    }
}

// ---------------------------------------------------------------------------
// typ
// ---------------------------------------------------------------------------

#[test]
fn typ_ignores_case_and_the_application_prefix() {
    let exp = with(|e| e.typ = Some("at+jwt".into()));
    for typ in [
        "at+jwt",
        "AT+JWT",
        "application/at+jwt",
        "Application/At+Jwt",
    ] {
        let d = token_with(&json!({"alg": "RS256", "typ": typ}), &json!({}));
        assert_eq!(result(&run(&d, &exp), "typ"), Pass, "{typ}");
    }
    for typ in [json!("JWT"), json!("application/jwt"), json!(1)] {
        let d = token_with(&json!({"alg": "RS256", "typ": typ}), &json!({}));
        assert_eq!(result(&run(&d, &exp), "typ"), Fail, "{typ}");
    }
    let d = token(json!({}));
    assert_eq!(result(&run(&d, &exp), "typ"), Fail, "absent");
    assert_eq!(
        result(&run(&d, &Expectations::default()), "typ"),
        Skip,
        "not asked for"
    );
}

#[test]
fn rfc9068_requires_at_jwt() {
    let exp = with(|e| e.profile = Profile::Rfc9068AccessToken);
    let d = token_with(&json!({"alg": "RS256", "typ": "JWT"}), &json!({}));
    let v = run(&d, &exp);
    assert_eq!(result(&v, "typ"), Fail);
    assert!(v.summary.contains("its typ is \"JWT\", not \"at+jwt\""));
    let d = token_with(
        &json!({"alg": "RS256", "typ": "application/at+jwt"}),
        &json!({}),
    );
    assert_eq!(result(&run(&d, &exp), "typ"), Pass);
}

// ---------------------------------------------------------------------------
// iss, sub, aud, azp
// ---------------------------------------------------------------------------

#[test]
fn iss_is_an_exact_match() {
    let exp = with(|e| e.iss = Some("https://issuer.example".into()));
    let v = run(&token(json!({"iss": "https://issuer.example"})), &exp);
    assert_eq!(result(&v, "iss"), Pass);
    let v = run(&token(json!({"iss": "https://Issuer.example"})), &exp);
    let iss = line(&v, "iss");
    assert_eq!(iss.result, Fail);
    assert!(iss.detail.contains("exact"), "{iss:?}");
    let v = run(&token(json!({"iss": "https://issuer.example/"})), &exp);
    assert_eq!(result(&v, "iss"), Fail);
    let v = run(&token(json!({})), &exp);
    assert_eq!(result(&v, "iss"), Fail);
    assert!(v.summary.contains("it has no iss claim"));
    assert_eq!(
        result(
            &run(&token(json!({"iss": "x"})), &Expectations::default()),
            "iss"
        ),
        Skip
    );
}

#[test]
fn sub_is_an_exact_match_and_profiles_require_it() {
    let exp = with(|e| e.sub = Some("user-1".into()));
    assert_eq!(
        result(&run(&token(json!({"sub": "user-1"})), &exp), "sub"),
        Pass
    );
    assert_eq!(
        result(&run(&token(json!({"sub": "user-2"})), &exp), "sub"),
        Fail
    );
    assert_eq!(result(&run(&token(json!({"sub": 1})), &exp), "sub"), Fail);
    let oidc = with(|e| e.profile = Profile::OidcIdToken);
    assert_eq!(result(&run(&token(json!({})), &oidc), "sub"), Fail);
    assert_eq!(
        result(&run(&token(json!({"sub": "u"})), &oidc), "sub"),
        Pass
    );
}

#[test]
fn aud_as_a_string_and_as_an_array() {
    let exp = with(|e| e.aud = Some("api.example".into()));
    assert_eq!(
        result(&run(&token(json!({"aud": "api.example"})), &exp), "aud"),
        Pass
    );
    assert_eq!(
        result(
            &run(&token(json!({"aud": ["other", "api.example"]})), &exp),
            "aud"
        ),
        Pass
    );
    let v = run(&token(json!({"aud": "api.other"})), &exp);
    assert_eq!(result(&v, "aud"), Fail);
    assert!(
        v.summary
            .contains("the audience is \"api.other\", not \"api.example\""),
        "{}",
        v.summary
    );
    let v = run(&token(json!({"aud": ["a", "b"]})), &exp);
    assert!(v
        .summary
        .contains("the audiences [\"a\",\"b\"] do not include \"api.example\""));
    assert_eq!(result(&run(&token(json!({})), &exp), "aud"), Fail);
    assert_eq!(result(&run(&token(json!({"aud": 5})), &exp), "aud"), Fail);
    // Not asked for: skipped, with RFC 7519's warning.
    let v = run(&token(json!({"aud": "x"})), &Expectations::default());
    let aud = line(&v, "aud");
    assert_eq!(aud.result, Skip);
    assert!(aud.detail.contains("must reject"), "{aud:?}");
}

#[test]
fn azp_with_several_audiences() {
    let oidc = with(|e| {
        e.profile = Profile::OidcIdToken;
        e.aud = Some("client-1".into());
    });
    let v = run(&token(json!({"aud": ["client-1", "api"]})), &oidc);
    assert_eq!(result(&v, "azp"), Fail);
    assert!(v
        .summary
        .contains("it names 2 audiences but has no azp claim"));
    let v = run(
        &token(json!({"aud": ["client-1", "api"], "azp": "client-1"})),
        &oidc,
    );
    assert_eq!(result(&v, "azp"), Pass);
    let v = run(
        &token(json!({"aud": ["client-1", "api"], "azp": "api"})),
        &oidc,
    );
    assert_eq!(result(&v, "azp"), Fail);
    assert_eq!(
        result(&run(&token(json!({"aud": "client-1"})), &oidc), "azp"),
        Pass
    );
    // Only ID tokens are checked for azp.
    let plain = with(|e| e.aud = Some("client-1".into()));
    assert_eq!(
        result(
            &run(&token(json!({"aud": ["client-1", "api"]})), &plain),
            "azp"
        ),
        Skip
    );
}

// ---------------------------------------------------------------------------
// exp, nbf, iat, max-age
// ---------------------------------------------------------------------------

#[test]
fn exp_passes_at_exp_plus_leeway_and_fails_one_second_later() {
    let exp = with(|e| e.leeway = 60);
    let d = token(json!({"exp": NOW}));
    for (at, want) in [(NOW, Pass), (NOW + 60, Pass), (NOW + 61, Fail)] {
        let v = validate::validate(&d, &valid(), &exp, at, None);
        assert_eq!(result(&v, "exp"), want, "at {at}");
    }
    let v = validate::validate(&d, &valid(), &exp, NOW + 300, None);
    assert_eq!(
        v.summary,
        "A server with these settings rejects this token: it expired 5 minutes ago, past the 60 s leeway."
    );
    // Without leeway, exactly at exp still passes; a second later fails.
    let none = Expectations::default();
    assert_eq!(result(&run(&d, &none), "exp"), Pass);
    let v = validate::validate(&d, &valid(), &none, NOW + 1, None);
    assert_eq!(line(&v, "exp").reason, "it expired 1 second ago");
}

#[test]
fn exp_reads_like_a_person_and_is_required_by_profiles() {
    let v = run(
        &token(json!({"exp": NOW + 3 * 3600})),
        &Expectations::default(),
    );
    let exp = line(&v, "exp");
    assert_eq!(exp.result, Pass);
    assert!(exp.detail.starts_with("Expires in 3 hours"), "{exp:?}");
    assert!(exp.detail.contains("2026-05-01T15:00:00Z"), "{exp:?}");

    assert_eq!(
        result(&run(&token(json!({})), &Expectations::default()), "exp"),
        Skip
    );
    for profile in [Profile::OidcIdToken, Profile::Rfc9068AccessToken] {
        let v = run(&token(json!({})), &with(|e| e.profile = profile));
        assert_eq!(result(&v, "exp"), Fail, "{profile:?}");
    }
    let v = run(
        &token(json!({})),
        &with(|e| e.required = vec!["exp".into()]),
    );
    assert_eq!(result(&v, "exp"), Fail);
    let v = run(&token(json!({"exp": "tomorrow"})), &Expectations::default());
    assert_eq!(result(&v, "exp"), Fail);
    assert!(v.summary.contains("its exp is not a NumericDate"));
}

#[test]
fn nbf_edge_of_the_leeway() {
    let exp = with(|e| e.leeway = 30);
    let d = token(json!({"nbf": NOW + 30}));
    assert_eq!(result(&run(&d, &exp), "nbf"), Pass);
    let d = token(json!({"nbf": NOW + 31}));
    let v = run(&d, &exp);
    assert_eq!(result(&v, "nbf"), Fail);
    assert!(v.summary.contains("it is not valid yet"), "{}", v.summary);
    assert_eq!(result(&run(&token(json!({})), &exp), "nbf"), Skip);
}

#[test]
fn iat_in_the_future_fails() {
    let exp = with(|e| e.leeway = 10);
    assert_eq!(
        result(&run(&token(json!({"iat": NOW + 10})), &exp), "iat"),
        Pass
    );
    let v = run(&token(json!({"iat": NOW + 3600})), &exp);
    assert_eq!(result(&v, "iat"), Fail);
    assert!(
        v.summary.contains("it was issued 1 hour in the future"),
        "{}",
        v.summary
    );
    let oidc = with(|e| e.profile = Profile::OidcIdToken);
    assert_eq!(result(&run(&token(json!({})), &oidc), "iat"), Fail);
}

#[test]
fn max_age_uses_auth_time_else_iat() {
    let exp = with(|e| {
        e.max_age = Some(300);
        e.leeway = 5;
    });
    let v = run(&token(json!({"auth_time": NOW - 305, "iat": NOW})), &exp);
    assert_eq!(result(&v, "max-age"), Pass);
    let v = run(&token(json!({"auth_time": NOW - 306, "iat": NOW})), &exp);
    assert_eq!(result(&v, "max-age"), Fail);
    assert!(
        v.summary.contains("the user authenticated 5 minutes ago"),
        "{}",
        v.summary
    );
    // No auth_time: iat, outside OpenID Connect.
    assert_eq!(
        result(&run(&token(json!({"iat": NOW - 100})), &exp), "max-age"),
        Pass
    );
    assert_eq!(
        result(&run(&token(json!({"iat": NOW - 400})), &exp), "max-age"),
        Fail
    );
    assert_eq!(result(&run(&token(json!({})), &exp), "max-age"), Fail);
    // OpenID Connect requires auth_time when a max age is asked for.
    let oidc = with(|e| {
        e.profile = Profile::OidcIdToken;
        e.max_age = Some(300);
    });
    let v = run(&token(json!({"iat": NOW})), &oidc);
    assert_eq!(result(&v, "max-age"), Fail);
    assert!(line(&v, "max-age").detail.contains("auth_time"));
    assert_eq!(
        result(&run(&token(json!({})), &Expectations::default()), "max-age"),
        Skip
    );
}

// ---------------------------------------------------------------------------
// required, nonce, hashes
// ---------------------------------------------------------------------------

#[test]
fn required_claims_are_listed_when_missing() {
    let exp = with(|e| e.required = vec!["tenant".into(), "scope".into(), "sub".into()]);
    let v = run(&token(json!({"scope": "read"})), &exp);
    let req = line(&v, "required");
    assert_eq!(req.result, Fail);
    assert!(req.detail.contains("tenant, sub"), "{req:?}");
    // sub has its own line, which reports it; the summary says each once.
    assert_eq!(result(&v, "sub"), Fail);
    assert_eq!(
        v.summary,
        "A server with these settings rejects this token: it has no sub claim, which these settings require; it lacks the required claim tenant."
    );
    let v = run(&token(json!({"tenant": 1, "scope": "", "sub": "u"})), &exp);
    assert_eq!(result(&v, "required"), Pass);
}

#[test]
fn rfc9068_requires_its_claims() {
    let exp = with(|e| e.profile = Profile::Rfc9068AccessToken);
    let full = json!({
        "iss": "https://as.example", "exp": NOW + 60, "aud": "https://rs.example",
        "sub": "u", "client_id": "c", "iat": NOW - 1, "jti": "j1"
    });
    let typed = json!({"alg": "RS256", "typ": "at+jwt"});
    let v = run(&token_with(&typed, &full), &exp);
    assert!(v.accepted, "{v:#?}");
    let mut partial = full.clone();
    if let Some(map) = partial.as_object_mut() {
        map.remove("client_id");
        map.remove("jti");
    }
    let v = run(&token_with(&typed, &partial), &exp);
    assert!(!v.accepted);
    assert!(line(&v, "required").detail.contains("client_id, jti"));
    assert_eq!(line(&v, "required").reference, "RFC 9068 §2.2");
}

#[test]
fn nonce_must_match_when_expected() {
    let exp = with(|e| e.nonce = Some("n-0S6_WzA2Mj".into()));
    assert_eq!(
        result(
            &run(&token(json!({"nonce": "n-0S6_WzA2Mj"})), &exp),
            "nonce"
        ),
        Pass
    );
    let v = run(&token(json!({})), &exp);
    assert_eq!(result(&v, "nonce"), Fail);
    assert!(v
        .summary
        .contains("it has no nonce claim (\"n-0S6_WzA2Mj\" is expected)"));
    assert_eq!(
        result(&run(&token(json!({"nonce": "other"})), &exp), "nonce"),
        Fail
    );
    assert_eq!(
        result(
            &run(&token(json!({"nonce": "x"})), &Expectations::default()),
            "nonce"
        ),
        Skip
    );
}

fn half_hash<D: Digest>(text: &str) -> String {
    let digest = D::digest(text.as_bytes());
    base64url::encode(&digest[..digest.len() / 2])
}

#[test]
fn at_hash_uses_the_hash_of_the_alg() {
    let access = "jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y";
    let cases = [
        ("RS256", half_hash::<sha2::Sha256>(access)),
        ("HS256", half_hash::<sha2::Sha256>(access)),
        ("ES384", half_hash::<sha2::Sha384>(access)),
        ("PS384", half_hash::<sha2::Sha384>(access)),
        ("RS512", half_hash::<sha2::Sha512>(access)),
        ("ES512", half_hash::<sha2::Sha512>(access)),
        ("EdDSA", half_hash::<sha2::Sha512>(access)),
    ];
    // The OpenID Connect Core example for RS256.
    assert_eq!(cases[0].1, "77QmUPtjPfzWtF2AnpK9RQ");
    let exp = with(|e| e.access_token = Some(access.into()));
    for (alg, at_hash) in &cases {
        let d = token_with(&json!({"alg": alg}), &json!({"at_hash": at_hash}));
        let v = run(&d, &exp);
        assert_eq!(result(&v, "at_hash"), Pass, "{alg}: {v:#?}");
        // The same value under an algorithm of another size does not match.
        let other = if alg.ends_with("256") {
            "RS512"
        } else {
            "RS256"
        };
        let d = token_with(&json!({"alg": other}), &json!({"at_hash": at_hash}));
        assert_eq!(result(&run(&d, &exp), "at_hash"), Fail, "{alg} as {other}");
    }
    let d = token(json!({}));
    assert_eq!(result(&run(&d, &exp), "at_hash"), Fail, "claim missing");
    assert_eq!(
        result(&run(&d, &Expectations::default()), "at_hash"),
        Skip,
        "no access token given"
    );
}

#[test]
fn c_hash_checks_the_code() {
    let code = "Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk";
    let exp = with(|e| e.code = Some(code.into()));
    let d = token(json!({"c_hash": half_hash::<sha2::Sha256>(code)}));
    assert_eq!(result(&run(&d, &exp), "c_hash"), Pass);
    // The OpenID Connect Core example (Appendix A.4).
    assert_eq!(half_hash::<sha2::Sha256>(code), "LDktKdoQak3Pk0cnXxCltA");
    let d = token(json!({"c_hash": "LDktKdoQak3Pk0cnXxCltB"}));
    assert_eq!(result(&run(&d, &exp), "c_hash"), Fail);
}

// ---------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------

fn id_token_claims() -> Value {
    json!({
        "iss": "https://server.example.com", "sub": "24400320", "aud": "s6BhdRkqt3",
        "nonce": "n-0S6_WzA2Mj", "exp": NOW + 600, "iat": NOW - 10, "auth_time": NOW - 60
    })
}

#[test]
fn oidc_id_token_accepted_and_rejected() {
    let exp = with(|e| {
        e.profile = Profile::OidcIdToken;
        e.iss = Some("https://server.example.com".into());
        e.aud = Some("s6BhdRkqt3".into());
        e.nonce = Some("n-0S6_WzA2Mj".into());
        e.max_age = Some(3600);
        e.algs = vec!["RS256".into()];
    });
    let v = run(&token(id_token_claims()), &exp);
    assert!(v.accepted, "{v:#?}");
    assert!(v.checks.iter().all(|c| c.result != Fail));

    let mut claims = id_token_claims();
    claims["aud"] = json!("someone-else");
    claims["exp"] = json!(NOW - 300);
    let v = run(&token(claims), &exp);
    assert!(!v.accepted);
    assert_eq!(
        v.summary,
        "A server with these settings rejects this token: the audience is \"someone-else\", not \"s6BhdRkqt3\"; it expired 5 minutes ago."
    );
    assert_eq!(
        line(&v, "exp").reference,
        "OpenID Connect Core §3.1.3.7 step 9"
    );
}

fn logout_claims() -> Value {
    json!({
        "iss": "https://server.example.com", "sub": "248289761001", "aud": "s6BhdRkqt3",
        "iat": NOW - 5, "jti": "bWJq", "sid": "08a5019c-17e1-4977-8f42-65a12843ea02",
        "events": {"http://schemas.openid.net/event/backchannel-logout": {}}
    })
}

#[test]
fn logout_token_profile() {
    let exp = with(|e| e.profile = Profile::BackChannelLogout);
    let v = run(&token(logout_claims()), &exp);
    assert!(v.accepted, "{v:#?}");
    for rule in [
        "events",
        "sub-or-sid",
        "no-nonce",
        "jti",
        "iat",
        "iss",
        "aud",
        "typ",
    ] {
        assert_eq!(result(&v, rule), Pass, "{rule}");
    }
    // No exp is fine: the profile does not require it.
    assert_eq!(result(&v, "exp"), Skip);

    let typed = |typ: &str| token_with(&json!({"alg": "RS256", "typ": typ}), &logout_claims());
    assert_eq!(result(&run(&typed("logout+jwt"), &exp), "typ"), Pass);
    assert_eq!(
        result(&run(&typed("application/logout+jwt"), &exp), "typ"),
        Pass
    );
    assert_eq!(result(&run(&typed("JWT"), &exp), "typ"), Fail);

    let mut with_nonce = logout_claims();
    with_nonce["nonce"] = json!("n");
    let v = run(&token(with_nonce), &exp);
    assert_eq!(result(&v, "no-nonce"), Fail);
    assert!(v
        .summary
        .contains("it has a nonce claim, which a logout token must not have"));

    let mut no_member = logout_claims();
    no_member["events"] = json!({"https://other.example/event": {}});
    let v = run(&token(no_member), &exp);
    assert_eq!(result(&v, "events"), Fail);
    assert!(v
        .summary
        .contains("lacks the member http://schemas.openid.net/event/backchannel-logout"));

    let mut not_object = logout_claims();
    not_object["events"]["http://schemas.openid.net/event/backchannel-logout"] = json!("yes");
    assert_eq!(result(&run(&token(not_object), &exp), "events"), Fail);

    for keep in ["sub", "sid"] {
        let mut one = logout_claims();
        let drop = if keep == "sub" { "sid" } else { "sub" };
        one.as_object_mut().map(|m| m.remove(drop));
        assert_eq!(
            result(&run(&token(one), &exp), "sub-or-sid"),
            Pass,
            "{keep}"
        );
    }
    let mut neither = logout_claims();
    if let Some(m) = neither.as_object_mut() {
        m.remove("sub");
        m.remove("sid");
    }
    assert_eq!(result(&run(&token(neither), &exp), "sub-or-sid"), Fail);

    let mut no_jti = logout_claims();
    no_jti.as_object_mut().map(|m| m.remove("jti"));
    let v = run(&token(no_jti), &exp);
    assert_eq!(result(&v, "jti"), Fail);
    assert_eq!(result(&v, "required"), Fail);
    assert_eq!(
        v.summary,
        "A server with these settings rejects this token: it has no jti claim, which a logout token must have."
    );
}

#[test]
fn security_event_token_profile() {
    let exp = with(|e| e.profile = Profile::SecurityEvent);
    let claims = json!({
        "iss": "https://idp.example.com/", "iat": NOW - 5, "jti": "756E69717565206964656E746966696572",
        "aud": "https://sp.example.com/",
        "events": {"urn:ietf:params:scim:event:create": {"ref": "https://scim.example.com/Users/44f6142df96bd6ab61e7521d9"}}
    });
    let v = run(&token(claims.clone()), &exp);
    assert!(v.accepted, "{v:#?}");
    assert_eq!(result(&v, "events"), Pass);
    // secevent+jwt is recommended, not required: another typ is a note.
    let d = token_with(&json!({"alg": "RS256", "typ": "JWT"}), &claims);
    let typ = run(&d, &exp);
    assert_eq!(result(&typ, "typ"), Pass);
    assert!(line(&typ, "typ").detail.contains("secevent+jwt"));
    // Unless the settings ask for it.
    let strict = with(|e| {
        e.profile = Profile::SecurityEvent;
        e.typ = Some("secevent+jwt".into());
    });
    assert_eq!(result(&run(&d, &strict), "typ"), Fail);

    let mut empty = claims.clone();
    empty["events"] = json!({});
    assert_eq!(result(&run(&token(empty), &exp), "events"), Fail);
    let mut missing = claims;
    missing.as_object_mut().map(|m| m.remove("events"));
    assert_eq!(result(&run(&token(missing), &exp), "events"), Fail);
}

#[test]
fn profiles_round_trip_their_values() {
    for p in Profile::ALL {
        assert_eq!(Profile::from_value(p.value()), Some(p));
        assert!(!p.label().is_empty());
    }
    assert_eq!(
        Profile::from_value("oidc-id-token"),
        Some(Profile::OidcIdToken)
    );
    assert_eq!(
        Profile::from_value("rfc9068-access-token"),
        Some(Profile::Rfc9068AccessToken)
    );
    assert_eq!(
        Profile::from_value("oidc-backchannel-logout"),
        Some(Profile::BackChannelLogout)
    );
    assert_eq!(
        Profile::from_value("secevent"),
        Some(Profile::SecurityEvent)
    );
    assert_eq!(Profile::from_value("nope"), None);
}

#[test]
fn a_payload_that_is_not_an_object_is_rejected() {
    let d = token_with(&json!({"alg": "RS256"}), &json!([1, 2]));
    let v = run(&d, &Expectations::default());
    assert_eq!(result(&v, "claims"), Fail);
    assert!(!v.accepted);
}

// ---------------------------------------------------------------------------
// JSON Schema
// ---------------------------------------------------------------------------

const PERSON: &str = r#"{
  "type": "object",
  "required": ["sub", "age"],
  "properties": {
    "age": {"type": "integer", "minimum": 18},
    "role": {"enum": ["admin", "user"]},
    "email": {"type": "string", "format": "email"},
    "tags": {"type": "array", "items": {"type": "string"}}
  }
}"#;

#[test]
fn schema_errors_name_the_pointer_and_the_keyword() {
    let payload = json!({"sub": "u", "age": 16, "role": "root", "tags": ["a", 3]});
    let c = check_schema(&payload, PERSON);
    assert_eq!(c.result, Fail);
    assert_eq!(c.rule, "schema");
    assert!(c.detail.contains("/age: minimum 18, found 16"), "{c:?}");
    assert!(
        c.detail
            .contains("/role: enum [\"admin\", \"user\"], found \"root\""),
        "{c:?}"
    );
    assert!(
        c.detail.contains("/tags/1: type string, found number 3"),
        "{c:?}"
    );
    assert!(
        c.reason.starts_with("the payload breaks the schema ("),
        "{c:?}"
    );

    let c = check_schema(&json!({"age": 20}), PERSON);
    assert!(
        c.detail
            .contains("the payload: required \"sub\" is missing"),
        "{c:?}"
    );
    let c = check_schema(
        &json!({"sub": "u", "age": 20, "email": "not-an-email"}),
        PERSON,
    );
    assert!(c.detail.contains("/email: format email"), "{c:?}");
    let c = check_schema(
        &json!({"sub": "u", "age": 20, "email": "a@example.com"}),
        PERSON,
    );
    assert_eq!(c.result, Pass, "{c:?}");
}

#[test]
fn schema_pointers_escape_slashes_and_tildes() {
    let schema = r#"{"properties": {"a/b~c": {"type": "string"}}}"#;
    let c = check_schema(&json!({"a/b~c": 1}), schema);
    assert!(
        c.detail.contains("/a~1b~0c: type string, found number 1"),
        "{c:?}"
    );
}

#[test]
fn schema_that_is_not_json_gives_line_and_column() {
    let c = check_schema(&json!({}), "{\n  \"type\": \"object\",\n}");
    assert_eq!(c.result, Fail);
    assert!(c.detail.contains("not valid JSON"), "{c:?}");
    assert!(c.detail.contains("line 3, column 1"), "{c:?}");
}

#[test]
fn an_invalid_schema_says_why() {
    let c = check_schema(&json!({}), r#"{"type": 5}"#);
    assert_eq!(c.result, Fail);
    assert!(c.detail.contains("not a valid JSON Schema"), "{c:?}");
    assert!(c.detail.contains("/type"), "{c:?}");
    let c = check_schema(&json!({}), r#"{"pattern": "("}"#);
    assert_eq!(c.result, Fail);
    assert!(c.detail.contains("pattern"), "{c:?}");
}

#[test]
fn remote_refs_are_never_fetched() {
    for (schema, named) in [
        (
            r#"{"$ref": "https://example.com/schemas/person.json"}"#,
            "https://example.com/schemas/person.json",
        ),
        (
            r#"{"properties": {"a": {"$ref": "other.json"}}}"#,
            "other.json",
        ),
        (r#"{"$ref": "file:///etc/passwd"}"#, "file:///etc/passwd"),
        (
            r#"{"$schema": "https://example.com/my-meta", "type": "object"}"#,
            "https://example.com/my-meta",
        ),
    ] {
        let c = check_schema(&json!({"a": 1}), schema);
        assert_eq!(c.result, Fail, "{schema}");
        assert!(
            c.detail
                .contains(&format!("refers to {named}, which is not loaded")),
            "{c:?}"
        );
        assert!(c.detail.contains("paste a self-contained schema"), "{c:?}");
    }
}

#[test]
fn local_refs_and_standard_drafts_work() {
    let schema = r##"{
      "$defs": {"adult": {"type": "integer", "minimum": 18}},
      "properties": {"age": {"$ref": "#/$defs/adult"}}
    }"##;
    assert_eq!(check_schema(&json!({"age": 30}), schema).result, Pass);
    let c = check_schema(&json!({"age": 3}), schema);
    assert!(c.detail.contains("/age: minimum 18, found 3"), "{c:?}");
    let draft7 = r#"{"$schema": "http://json-schema.org/draft-07/schema#", "maxProperties": 1}"#;
    let c = check_schema(&json!({"a": 1, "b": 2}), draft7);
    assert!(
        c.detail.contains("the payload: maxProperties 1, found 2"),
        "{c:?}"
    );
    let closed = r#"{"properties": {"a": true}, "additionalProperties": false}"#;
    let c = check_schema(&json!({"a": 1, "b": 2}), closed);
    assert!(
        c.detail.contains("additionalProperties false, found \"b\""),
        "{c:?}"
    );
}

#[test]
fn validate_takes_the_schema_result_when_ready() {
    let d = token(json!({"sub": "u", "age": 16}));
    let exp = with(|e| e.schema = Some(PERSON.into()));
    let v = run(&d, &exp);
    let schema = line(&v, "schema");
    assert_eq!(schema.result, Skip);
    assert!(schema.detail.contains("Checking"), "{schema:?}");
    let done = check_schema_of(&d, PERSON);
    let v = validate::validate(&d, &valid(), &exp, NOW, Some(done));
    assert_eq!(result(&v, "schema"), Fail);
    assert!(
        v.summary.contains("/age: minimum 18, found 16"),
        "{}",
        v.summary
    );
    let text = token::decode(&format!(
        "{}.{}.c2ln",
        base64url::encode(br#"{"alg":"HS256"}"#),
        base64url::encode(b"hello")
    ));
    assert_eq!(check_schema_of(&text, PERSON).result, Fail);
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

#[test]
fn parse_instant_accepts_rfc_3339_and_says_what_it_expects() {
    assert_eq!(parse_instant("2026-05-01T12:00:00Z"), Ok(NOW));
    assert_eq!(parse_instant(" 2026-05-01t12:00:00z "), Ok(NOW));
    assert_eq!(parse_instant("2026-05-01T12:00:00.999Z"), Ok(NOW));
    assert_eq!(parse_instant("2026-05-01T10:30:00-01:30"), Ok(NOW));
    assert_eq!(parse_instant("1970-01-01T00:00:00Z"), Ok(0));
    assert_eq!(parse_instant("2024-02-29T00:00:00Z"), Ok(1_709_164_800));
    for bad in [
        "",
        "2026-05-01",
        "2026-05-01T12:00Z",
        "2026-05-01T12:00:00",
        "2026-05-01T12:00:00.Z",
        "2026-05-01T12:00:00+0200",
        "2026/05/01T12:00:00Z",
        "1777636800",
        "2026-05-01T12:00:00Zjunk",
        "２026-05-01T12:00:00Z",
    ] {
        let e = parse_instant(bad).expect_err(bad);
        assert!(e.contains("2026-05-01T12:00:00Z"), "{bad}: {e}");
    }
    assert!(parse_instant("2026-13-01T00:00:00Z")
        .unwrap_err()
        .contains("calendar date"));
    assert!(parse_instant("2025-02-29T00:00:00Z")
        .unwrap_err()
        .contains("calendar date"));
    assert!(parse_instant("2026-05-01T24:00:00Z")
        .unwrap_err()
        .contains("time of day"));
    assert!(parse_instant("2026-05-01T12:00:00+24:00")
        .unwrap_err()
        .contains("offset"));
}

#[test]
fn from_inputs_trims_lists_and_names_bad_fields() {
    let inputs = Inputs {
        profile: "oidc-id-token".into(),
        algs: " RS256, ,ES256 ".into(),
        iss: "  https://issuer.example ".into(),
        aud: "".into(),
        required: "tenant,  scope,".into(),
        leeway: " 60 ".into(),
        max_age: "".into(),
        schema: "  ".into(),
        now_text: "2026-05-01T12:00:00Z".into(),
        ..Inputs::default()
    };
    let exp = from_inputs(&inputs).expect("valid inputs");
    assert_eq!(exp.profile, Profile::OidcIdToken);
    assert_eq!(exp.algs, ["RS256", "ES256"]);
    assert_eq!(exp.iss.as_deref(), Some("https://issuer.example"));
    assert_eq!(exp.aud, None);
    assert_eq!(exp.required, ["tenant", "scope"]);
    assert_eq!(exp.leeway, 60);
    assert_eq!(exp.max_age, None);
    assert_eq!(exp.schema, None);
    assert_eq!(exp.now, Some(NOW));
    assert_eq!(exp.instant(5), NOW);
    assert_eq!(from_inputs(&Inputs::default()).map(|e| e.instant(5)), Ok(5));

    let err = |f: fn(&mut Inputs)| {
        let mut i = Inputs::default();
        f(&mut i);
        from_inputs(&i).expect_err("bad input")
    };
    assert!(err(|i| i.leeway = "-5".into()).contains("leeway"));
    assert!(err(|i| i.leeway = "1.5".into()).contains("whole number of seconds"));
    assert!(err(|i| i.leeway = "99999999999999999999999".into()).contains("too large"));
    assert!(err(|i| i.max_age = "five".into()).contains("max age"));
    assert!(err(|i| i.now_text = "yesterday".into()).contains("instant to evaluate at"));
    assert!(err(|i| i.profile = "saml".into()).contains("profile"));
}

// ---------------------------------------------------------------------------
// Snippets
// ---------------------------------------------------------------------------

#[test]
fn snippets_carry_the_settings() {
    let exp = with(|e| {
        e.profile = Profile::Rfc9068AccessToken;
        e.algs = vec!["RS256".into(), "ES256".into()];
        e.iss = Some("https://as.example".into());
        e.aud = Some("api.example".into());
        e.sub = Some("user-1".into());
        e.leeway = 60;
        e.max_age = Some(300);
    });
    let all = snippets(&exp);
    let names: Vec<&str> = all.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        ["Rust jsonwebtoken", "Python PyJWT", "JavaScript jose"]
    );
    let (_, rust) = &all[0];
    for want in [
        "Validation::new(Algorithm::RS256)",
        "validation.algorithms = vec![Algorithm::RS256, Algorithm::ES256];",
        "validation.set_issuer(&[\"https://as.example\"]);",
        "validation.set_audience(&[\"api.example\"]);",
        "validation.sub = Some(\"user-1\".to_string());",
        "validation.leeway = 60;",
        "validation.set_required_spec_claims(&[\"iss\", \"exp\", \"aud\", \"sub\"]);",
        "client_id, iat, jti",
        "at+jwt",
    ] {
        assert!(rust.contains(want), "{want} in\n{rust}");
    }
    let (_, py) = &all[1];
    for want in [
        "algorithms=[\"RS256\", \"ES256\"]",
        "audience=\"api.example\"",
        "issuer=\"https://as.example\"",
        "subject=\"user-1\"",
        "leeway=60",
        "\"require\": [\"iss\", \"exp\", \"aud\", \"sub\", \"client_id\", \"iat\", \"jti\"]",
    ] {
        assert!(py.contains(want), "{want} in\n{py}");
    }
    let (_, js) = &all[2];
    for want in [
        "algorithms: ['RS256', 'ES256']",
        "issuer: 'https://as.example'",
        "audience: 'api.example'",
        "subject: 'user-1'",
        "typ: 'at+jwt'",
        "clockTolerance: 60",
        "maxTokenAge: 300",
        "requiredClaims: ['iss', 'exp', 'aud', 'sub', 'client_id', 'iat', 'jti']",
    ] {
        assert!(js.contains(want), "{want} in\n{js}");
    }
}

#[test]
fn snippets_quote_strings_safely() {
    let tricky = "it's \"quoted\" \\ and\nnew";
    let exp = with(|e| e.iss = Some(tricky.into()));
    let all = snippets(&exp);
    assert!(
        all[0]
            .1
            .contains(r#"set_issuer(&["it's \"quoted\" \\ and\nnew"])"#),
        "{}",
        all[0].1
    );
    assert!(
        all[1].1.contains(r#"issuer="it's \"quoted\" \\ and\nnew""#),
        "{}",
        all[1].1
    );
    assert!(
        all[2].1.contains(r#"issuer: 'it\'s "quoted" \\ and\nnew'"#),
        "{}",
        all[2].1
    );
    for (_, code) in &all {
        assert!(
            !code.contains("and\nnew"),
            "a raw newline escaped a literal:\n{code}"
        );
    }
}

#[test]
fn snippets_without_an_audience_turn_the_library_check_off() {
    let all = snippets(&Expectations::default());
    assert!(all[0].1.contains("validation.validate_aud = false;"));
    assert!(all[0]
        .1
        .contains("validation.required_spec_claims.clear();"));
    assert!(all[1].1.contains("\"verify_aud\": False"));
    assert!(!all[2].1.contains("audience:"));
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z+/.:]{0,12}".prop_map(Value::String),
        "\\PC{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((claim_name(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn claim_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "iss",
            "sub",
            "aud",
            "exp",
            "nbf",
            "iat",
            "jti",
            "azp",
            "nonce",
            "auth_time",
            "at_hash",
            "c_hash",
            "events",
            "sid",
            "client_id",
            "http://schemas.openid.net/event/backchannel-logout",
        ])
        .prop_map(String::from),
        "[a-z]{1,6}",
    ]
}

fn arb_expectations() -> impl Strategy<Value = Expectations> {
    (
        prop::sample::select(Profile::ALL.to_vec()),
        prop::collection::vec("[A-Za-z0-9]{0,6}", 0..3),
        prop::option::of("[a-z.]{0,8}"),
        prop::option::of("[a-z.]{0,8}"),
        prop::option::of("[a-z+/]{0,10}"),
        prop::collection::vec(claim_name(), 0..3),
        any::<u64>(),
        prop::option::of(any::<u64>()),
        prop::option::of("[A-Za-z0-9]{0,10}"),
    )
        .prop_map(
            |(profile, algs, iss, aud, typ, required, leeway, max_age, access)| Expectations {
                profile,
                algs,
                nonce: iss.clone(),
                iss,
                aud: aud.clone(),
                sub: aud,
                typ,
                required,
                leeway,
                max_age,
                access_token: access.clone(),
                code: access,
                schema: None,
                htm: None,
                htu: None,
                now: None,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn tokens_inside_their_window_are_accepted(
        now in 0i64..4_000_000_000,
        since in 0i64..10_000_000,
        issued_ago in 0i64..10_000_000,
        left in 0i64..10_000_000,
    ) {
        let d = token(json!({"iat": now - issued_ago, "nbf": now - since, "exp": now + left}));
        let v = validate::validate(&d, &valid(), &Expectations::default(), now, None);
        prop_assert!(v.accepted, "{:#?}", v);
        for rule in ["exp", "nbf", "iat"] {
            prop_assert_eq!(result(&v, rule), Pass);
        }
    }

    #[test]
    fn validate_never_panics(
        header in arb_json(),
        payload in arb_json(),
        exp in arb_expectations(),
        now in any::<i64>(),
        status in prop::sample::select(vec![Status::Valid, Status::Invalid, Status::NoKey, Status::Checking, Status::Unsecured]),
    ) {
        let d = token_with(&header, &payload);
        let v = validate::validate(&d, &Verdict::new(status, "message"), &exp, now, None);
        prop_assert_eq!(v.accepted, v.checks.iter().all(|c| c.result != Fail));
        prop_assert!(v.summary.ends_with('.'));
        for c in &v.checks {
            prop_assert!(!c.detail.is_empty(), "{:?}", c);
            prop_assert!(!c.reference.is_empty(), "{:?}", c);
        }
        let _ = snippets(&exp);
    }

    #[test]
    fn schema_checking_never_panics(payload in arb_json(), schema in arb_json()) {
        let c = check_schema(&payload, &schema.to_string());
        prop_assert_eq!(c.rule.as_str(), "schema");
    }

    #[test]
    fn parse_instant_never_panics(text in "\\PC{0,30}") {
        let _ = parse_instant(&text);
    }
}

// ---------------------------------------------------------------------------
// request objects (RFC 9101) and client assertions (RFC 7523)
// ---------------------------------------------------------------------------

#[test]
fn jar_request_profile() {
    let exp = with(|e| {
        e.profile = Profile::JarRequest;
        e.aud = Some("https://server.example.com".into());
    });
    let claims = json!({"iss": "s6BhdRkqt3", "client_id": "s6BhdRkqt3", "aud": "https://server.example.com",
        "response_type": "code", "redirect_uri": "https://client.example.org/cb"});
    let typed =
        |typ: &str, claims: &Value| token_with(&json!({"alg": "RS256", "typ": typ}), claims);
    let v = run(&typed("oauth-authz-req+jwt", &claims), &exp);
    assert!(v.accepted, "{v:#?}");
    assert_eq!(
        line(&v, "client_id").detail,
        "client_id is \"s6BhdRkqt3\", the same as iss."
    );
    assert_eq!(result(&v, "no-request"), Pass);
    // Without exp, a request object is not rejected for it.
    assert_eq!(result(&v, "exp"), Skip);

    let v = run(&typed("JWT", &claims), &exp);
    assert_eq!(
        (result(&v, "typ"), line(&v, "typ").reason.as_str()),
        (Fail, "its typ is \"JWT\", not \"oauth-authz-req+jwt\"")
    );

    let mut other = claims.clone();
    other["client_id"] = json!("another-client");
    other["request_uri"] = json!("urn:example:bwc4JK-ESC0w8acc191e-Y1LTC2");
    let v = run(&typed("oauth-authz-req+jwt", &other), &exp);
    assert_eq!(
        line(&v, "client_id").reason,
        "its client_id \"another-client\" is not its iss \"s6BhdRkqt3\""
    );
    assert_eq!(
        line(&v, "no-request").reason,
        "it holds request_uri inside the request object"
    );
    assert!(!v.accepted);

    let mut missing = claims.clone();
    missing.as_object_mut().unwrap().remove("client_id");
    let v = run(&typed("oauth-authz-req+jwt", &missing), &exp);
    assert_eq!(
        line(&v, "client_id").reason,
        "it has no client_id claim, which a request object must have"
    );
}

#[test]
fn client_assertion_profile() {
    let exp = with(|e| {
        e.profile = Profile::ClientAssertion;
        e.aud = Some("https://server.example.com/token".into());
    });
    let claims = json!({"iss": "client-1", "sub": "client-1", "aud": "https://server.example.com/token",
        "exp": NOW + 60, "jti": "id-1"});
    let v = run(&token(claims.clone()), &exp);
    assert!(v.accepted, "{v:#?}");
    assert_eq!(
        line(&v, "iss-sub").detail,
        "iss and sub are both \"client-1\", the client ID."
    );
    assert_eq!(result(&v, "jti"), Pass);

    let mut other = claims.clone();
    other["sub"] = json!("client-2");
    other.as_object_mut().unwrap().remove("jti");
    other.as_object_mut().unwrap().remove("exp");
    let v = run(&token(other), &exp);
    assert_eq!(
        line(&v, "iss-sub").reason,
        "its iss \"client-1\" and sub \"client-2\" differ"
    );
    assert_eq!(
        line(&v, "jti").reason,
        "it has no jti claim, which a client assertion must have"
    );
    assert_eq!(result(&v, "exp"), Fail);
    assert!(!v.accepted);
    assert_eq!(
        from_inputs(&Inputs {
            profile: "client-assertion".into(),
            ..Inputs::default()
        })
        .unwrap()
        .profile,
        Profile::ClientAssertion
    );
    assert!(snippets(&exp)
        .iter()
        .all(|(_, code)| code.contains("iss and sub are both the client ID")));
}

// ---------------------------------------------------------------------------
// DPoP proofs (RFC 9449)
// ---------------------------------------------------------------------------

/// RFC 7638 §3.1's RSA key, whose thumbprint is known.
const RFC7638_N: &str = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

fn dpop_proof(claims: Value) -> Decoded {
    token_with(
        &json!({"typ": "dpop+jwt", "alg": "RS256", "jwk": {"kty": "RSA", "n": RFC7638_N, "e": "AQAB"}}),
        &claims,
    )
}

fn dpop_claims() -> Value {
    json!({"jti": "-BwC3ESc6acc2lTc", "htm": "POST", "htu": "https://server.example.com/token", "iat": NOW - 10})
}

#[test]
fn htu_is_compared_without_query_fragment_case_or_default_port() {
    assert_eq!(
        validate::normalize_htu("HTTPS://Server.Example.COM:443/token?x=1#f"),
        "https://server.example.com/token"
    );
    assert_eq!(
        validate::normalize_htu("http://a.example:80"),
        "http://a.example/"
    );
    assert_eq!(
        validate::normalize_htu("https://a.example:8443/p"),
        "https://a.example:8443/p"
    );
}

#[test]
fn dpop_proof_profile() {
    let exp = with(|e| {
        e.profile = Profile::DpopProof;
        e.htm = Some("POST".into());
        e.htu = Some("https://server.example.com/token".into());
    });
    let v = run(&dpop_proof(dpop_claims()), &exp);
    assert!(v.accepted, "{v:#?}");
    for rule in ["typ", "jwk", "htm", "htu", "iat", "jti"] {
        assert_eq!(result(&v, rule), Pass, "{rule}: {:?}", line(&v, rule));
    }
    assert_eq!(result(&v, "ath"), Skip);
    assert_eq!(result(&v, "jkt"), Skip);
    assert_eq!(
        line(&v, "alg").detail,
        "The alg \"RS256\" is asymmetric and not none, as a DPoP proof's must be."
    );
    // No exp, and not rejected for it.
    assert_eq!(result(&v, "exp"), Skip);

    let mut stale = dpop_claims();
    stale["iat"] = json!(NOW - 301);
    stale["htm"] = json!("post");
    stale["htu"] = json!("https://server.example.com/authorize?x=1");
    let v = run(&dpop_proof(stale), &exp);
    assert_eq!(line(&v, "iat").reason, "it was made 5 minutes ago (2026-05-01T11:54:59Z), more than the 300 seconds a proof is accepted for");
    assert_eq!(
        line(&v, "htm").reason,
        "its htm \"post\" is not the request's method \"POST\""
    );
    assert_eq!(
        line(&v, "htu").reason,
        "its htu \"https://server.example.com/authorize?x=1\" is not the request's URI \"https://server.example.com/token\" (compared as \"https://server.example.com/authorize\" and \"https://server.example.com/token\")"
    );

    // ath and jkt, with an access token bound to the proof's key.
    let at = format!(
        "{}.{}.c2ln",
        base64url::encode(br#"{"alg":"ES256","typ":"at+jwt"}"#),
        base64url::encode(
            json!({"cnf": {"jkt": RFC7638_THUMBPRINT}})
                .to_string()
                .as_bytes()
        )
    );
    let ath = base64url::encode(&sha2::Sha256::digest(at.as_bytes()));
    let bound = with(|e| {
        e.profile = Profile::DpopProof;
        e.access_token = Some(at.clone());
    });
    let mut claims = dpop_claims();
    claims["ath"] = json!(ath);
    let v = run(&dpop_proof(claims.clone()), &bound);
    assert_eq!(result(&v, "ath"), Pass, "{:?}", line(&v, "ath"));
    assert_eq!(
        line(&v, "jkt").detail,
        format!("The proof key's thumbprint is the access token's cnf.jkt ({RFC7638_THUMBPRINT}).")
    );
    assert_eq!(result(&v, "at_hash"), Skip);
    claims["ath"] = json!("wrong");
    let v = run(&dpop_proof(claims), &bound);
    assert_eq!(
        line(&v, "ath").reason,
        format!("its ath \"wrong\" is not the SHA-256 of the access token ({ath})")
    );

    // A private key in the header, and an HMAC alg.
    let private = token_with(
        &json!({"typ": "dpop+jwt", "alg": "HS256", "jwk": {"kty": "oct", "k": "c2VjcmV0"}}),
        &dpop_claims(),
    );
    let v = run(&private, &exp);
    assert_eq!(
        line(&v, "jwk").reason,
        "its header jwk holds private key members (k)"
    );
    assert_eq!(
        line(&v, "alg").reason,
        "its alg \"HS256\" is not an asymmetric algorithm"
    );
}

// ---------------------------------------------------------------------------
// SD-JWT VC
// ---------------------------------------------------------------------------

#[test]
fn sd_jwt_vc_profile_checks_the_key_binding_for_this_verifier() {
    use jwt_debugger::core::sd_jwt::{make_disclosure, HashAlg};
    let given = make_disclosure("s1", Some("given_name"), &json!("Erika"));
    let issuer = format!(
        "{}.{}.c2ln",
        base64url::encode(br#"{"alg":"ES256","typ":"dc+sd-jwt"}"#),
        base64url::encode(
            json!({"iss": "https://issuer.example", "vct": "https://credentials.example/id",
                "_sd": [HashAlg::Sha256.digest(&given)], "cnf": {"jwk": {"kty": "EC", "crv": "P-256", "x": "x", "y": "y"}}})
            .to_string()
            .as_bytes()
        )
    );
    let presented = format!("{issuer}~{given}~");
    let kb = |aud: &str, iat: i64| {
        format!(
            "{}.{}.c2ln",
            base64url::encode(br#"{"alg":"ES256","typ":"kb+jwt"}"#),
            base64url::encode(
                json!({"aud": aud, "nonce": "n-1", "iat": iat, "sd_hash": HashAlg::Sha256.digest(&presented)})
                    .to_string()
                    .as_bytes()
            )
        )
    };
    let exp = with(|e| {
        e.profile = Profile::SdJwtVc;
        e.aud = Some("https://verifier.example".into());
        e.nonce = Some("n-1".into());
    });
    let check = |token: &str, kb_sig: Option<&Verdict>| {
        validate::validate_presentation(&token::decode(token), &valid(), kb_sig, &exp, NOW, None)
    };
    let v = check(
        &format!("{presented}{}", kb("https://verifier.example", NOW - 5)),
        Some(&valid()),
    );
    assert!(v.accepted, "{v:#?}");
    for rule in ["typ", "vct", "kb", "kb-aud", "kb-nonce", "kb-iat"] {
        assert_eq!(result(&v, rule), Pass, "{rule}: {:?}", line(&v, rule));
    }
    assert_eq!(result(&v, "aud"), Skip);

    let v = check(
        &format!("{presented}{}", kb("https://other.example", NOW - 600)),
        Some(&valid()),
    );
    assert_eq!(
        line(&v, "kb-aud").reason,
        "its KB-JWT's aud is \"https://other.example\", not \"https://verifier.example\""
    );
    assert_eq!(line(&v, "kb-iat").reason, "its KB-JWT was made 10 minutes ago (2026-05-01T11:50:00Z), more than the 300 seconds allowed");

    let bad = Verdict::new(Status::Invalid, "the signature does not match");
    let v = check(
        &format!("{presented}{}", kb("https://verifier.example", NOW)),
        Some(&bad),
    );
    assert_eq!(
        line(&v, "kb").reason,
        "its key-binding JWT does not hold: The signature does not verify with the cnf.jwk of the issuer-signed payload: the signature does not match"
    );

    let v = check(&presented, None);
    assert_eq!(
        line(&v, "kb").reason,
        "it has no key-binding JWT, but an audience or nonce is expected"
    );
    assert!(!v.accepted);
}

#[test]
fn a_header_typ_proposes_its_profile() {
    assert_eq!(
        Profile::for_typ("application/dpop+jwt"),
        Some(Profile::DpopProof)
    );
    assert_eq!(Profile::for_typ("dc+sd-jwt"), Some(Profile::SdJwtVc));
    assert_eq!(
        Profile::for_typ("oauth-authz-req+jwt"),
        Some(Profile::JarRequest)
    );
    assert_eq!(
        Profile::for_typ("AT+JWT"),
        Some(Profile::Rfc9068AccessToken)
    );
    assert_eq!(Profile::for_typ("JWT"), None);
}

/// RFC 9449 §4.1's example proof: verified with its own header jwk (the
/// verifier's real verdict, not a given one), then every DPoP rule passes
/// for its request at the moment it was made.
#[test]
fn rfc9449_example_proof_passes_every_dpop_rule() {
    use jwt_debugger::core::{dpop, verify};
    let vectors: Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/rfc9449_dpop.json"
    )))
    .unwrap();
    let v = &vectors["vectors"][0];
    let decoded = token::decode(v["proof"].as_str().unwrap());
    let key = dpop::proof_key(&decoded).unwrap().unwrap();
    let verdict = verify::verify(&verify::VerifyRequest {
        decoded: &decoded,
        key_text: &key,
        encoding: jwt_debugger::core::keys::SecretEncoding::Utf8,
        detached_payload: None,
        now: 1_562_262_616,
    });
    assert_eq!(verdict.status, Status::Valid, "{verdict:?}");
    let exp = with(|e| {
        e.profile = Profile::DpopProof;
        e.htm = v["htm"].as_str().map(String::from);
        e.htu = v["htu"].as_str().map(String::from);
    });
    let result = validate::validate(
        &decoded,
        &verdict,
        &exp,
        v["iat"].as_i64().unwrap() + 30,
        None,
    );
    assert!(result.accepted, "{result:#?}");
    for rule in ["signature", "typ", "alg", "jwk", "htm", "htu", "iat", "jti"] {
        assert_eq!(line(&result, rule).result, Pass, "{rule}");
    }
}
