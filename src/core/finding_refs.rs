//! Why each finding matters and what to do about it, with the reference that
//! backs it: a table keyed by finding code, shown beside every finding.

/// The reference and advice for one finding code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FindingRef {
    pub code: &'static str,
    /// Short citation shown to people: "RFC 8725 §3.1", "CVE-2022-21449".
    pub cite: &'static str,
    /// A plain link to it (shown, never fetched).
    pub url: &'static str,
    /// What to do, in one sentence.
    pub advice: &'static str,
}

const fn r(
    code: &'static str,
    cite: &'static str,
    url: &'static str,
    advice: &'static str,
) -> FindingRef {
    FindingRef {
        code,
        cite,
        url,
        advice,
    }
}

#[rustfmt::skip]
pub const FINDING_REFS: &[FindingRef] = &[
    r("alg-none", "RFC 8725 §3.1, CVE-2015-9235", "https://www.rfc-editor.org/rfc/rfc8725#section-3.1", "Reject \"none\" unconditionally and pin the algorithms your server accepts."),
    r("null-signature", "RFC 7515 §5.2, CVE-2022-21449", "https://www.rfc-editor.org/rfc/rfc7515#section-5.2", "Check that your library rejects empty and all-zero signatures; upgrade it if not."),
    r("weak-secret", "RFC 7518 §3.2, RFC 8725 §3.5", "https://www.rfc-editor.org/rfc/rfc7518#section-3.2", "Use a random secret at least as long as the hash (32 bytes for HS256) and rotate this one."),
    r("key-confusion", "RFC 8725 §3.1, CVE-2015-9235", "https://www.rfc-editor.org/rfc/rfc8725#section-3.1", "Bind each key to one algorithm; never let the token's alg decide how a key is used."),
    r("crit-unsupported", "RFC 7515 §4.1.11", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.11", "Reject the token unless your library implements every extension listed in crit."),
    r("kid-suspicious", "RFC 8725 §3.10, OWASP JWT Cheat Sheet", "https://www.rfc-editor.org/rfc/rfc8725#section-3.10", "Look kid up in a fixed key set; never use it in a path, query or command."),
    r("jku-header", "RFC 8725 §3.10", "https://www.rfc-editor.org/rfc/rfc8725#section-3.10", "Fetch keys only from URLs on an allow-list configured on the server, never from the token."),
    r("x5u-header", "RFC 8725 §3.10", "https://www.rfc-editor.org/rfc/rfc8725#section-3.10", "Fetch certificates only from URLs on an allow-list configured on the server, never from the token."),
    r("jwk-header", "CVE-2018-0114, RFC 7515 §4.1.3", "https://nvd.nist.gov/vuln/detail/CVE-2018-0114", "Ignore keys embedded in the token; verify with keys you already trust."),
    r("x5c-header", "RFC 7515 §4.1.6", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.6", "Trust an embedded chain only after validating it up to a root you configured."),
    r("sensitive-data", "RFC 8725 §3.6, OWASP JWT Cheat Sheet", "https://www.rfc-editor.org/rfc/rfc8725#section-3.6", "A signed token is readable by anyone who holds it: move secrets out of the claims, or encrypt the token (JWE)."),
    r("nested-jwt", "RFC 7519 §5.2", "https://www.rfc-editor.org/rfc/rfc7519#section-5.2", "Verify the inner token as well; the outer signature says nothing about it."),
    r("explicit-typing", "RFC 8725 §3.11, RFC 9068 §2.1", "https://www.rfc-editor.org/rfc/rfc8725#section-3.11", "Give each kind of token its own typ (at+jwt for access tokens) and check it, so one kind cannot stand in for another."),
    r("missing-iss", "RFC 8725 §3.8, RFC 7519 §4.1.1", "https://www.rfc-editor.org/rfc/rfc8725#section-3.8", "Include iss and have servers check it against the issuer they trust."),
    r("missing-aud", "RFC 8725 §3.9, RFC 7519 §4.1.3", "https://www.rfc-editor.org/rfc/rfc8725#section-3.9", "Include aud and have each server accept only tokens meant for it."),
    r("kid-not-found", "RFC 7515 §4.1.4", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.4", "Paste the key set that holds this kid (the issuer may have rotated its keys)."),
    r("x5c-chain", "RFC 7515 §4.1.6", "https://www.rfc-editor.org/rfc/rfc7515#section-4.1.6", "Check the chain up to a trusted root and its validity dates before trusting its key."),
    r("missing-exp", "RFC 7519 §4.1.4, OWASP JWT Cheat Sheet", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4", "Give every token an exp, minutes to hours ahead."),
    r("expired", "RFC 7519 §4.1.4", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4", "Get a new token; a server must reject this one (allowing at most a small clock-skew leeway)."),
    r("not-yet-valid", "RFC 7519 §4.1.5", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.5", "Wait until nbf, or check the issuer's and the server's clocks."),
    r("iat-future", "RFC 7519 §4.1.6", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.6", "Check the issuer's clock; servers may reject tokens issued in the future."),
    r("long-lifetime", "RFC 8725 §3.10, OWASP JWT Cheat Sheet", "https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html", "Keep access tokens short-lived (minutes to hours) and use refresh tokens for longer sessions."),
    r("invalid-time-claim", "RFC 7519 §2 (NumericDate)", "https://www.rfc-editor.org/rfc/rfc7519#section-2", "Write exp, nbf and iat as numbers of seconds since 1970."),
    r("ms-timestamp", "RFC 7519 §2 (NumericDate)", "https://www.rfc-editor.org/rfc/rfc7519#section-2", "Divide by 1000: NumericDate counts seconds, not milliseconds."),
    r("duplicate-key", "RFC 7519 §4, RFC 8259 §4", "https://www.rfc-editor.org/rfc/rfc7519#section-4", "Reject JSON with repeated member names; issuers must never write them."),
    r("b64-false", "RFC 7797", "https://www.rfc-editor.org/rfc/rfc7797", "Make sure both sides list b64 in crit and agree on the exact payload bytes."),
    r("jwe", "RFC 7516", "https://www.rfc-editor.org/rfc/rfc7516", "Decrypt it with the recipient's key to see the claims."),
    r("jwe-rsa1_5", "RFC 8725 §3.2, RFC 7516 §11.5", "https://www.rfc-editor.org/rfc/rfc8725#section-3.2", "Encrypt with RSA-OAEP-256 or ECDH-ES instead, and have servers refuse RSA1_5."),
    r("sd-malformed", "RFC 9901 §4.2", "https://www.rfc-editor.org/rfc/rfc9901#section-4.2", "Have the issuer write each disclosure as the base64url of a JSON array [salt, name, value]."),
    r("sd-duplicate", "RFC 9901 §7.1", "https://www.rfc-editor.org/rfc/rfc9901#section-7.1", "Send each disclosure once; a verifier rejects repeats."),
    r("sd-unreferenced", "RFC 9901 §7.1", "https://www.rfc-editor.org/rfc/rfc9901#section-7.1", "Send only the disclosures issued with this SD-JWT, unchanged."),
    r("sd-invalid", "RFC 9901 §7.1", "https://www.rfc-editor.org/rfc/rfc9901#section-7.1", "Fix the issuer: each digest once, no disclosed claim that is also in clear, a supported _sd_alg."),
    r("dpop-private-key", "RFC 9449 §4.2", "https://www.rfc-editor.org/rfc/rfc9449#section-4.2", "Generate a new key pair; put only the public key in the proof's jwk."),
    r("status-list", "draft-ietf-oauth-status-list §6", "https://datatracker.ietf.org/doc/draft-ietf-oauth-status-list/", "Have the verifier fetch the list from a trusted place, check the entry, and cache it no longer than its ttl."),
    r("input-cleaned", "RFC 7519 §3", "https://www.rfc-editor.org/rfc/rfc7519#section-3", "Send the bare token; most libraries do not strip these themselves."),
    r("non-base64url", "RFC 7515 §2", "https://www.rfc-editor.org/rfc/rfc7515#section-2", "Encode each part as unpadded base64url ('-' and '_', no '=')."),
    r("eddsa-deprecated", "RFC 9864", "https://www.rfc-editor.org/rfc/rfc9864", "Sign with the fully specified Ed25519 or Ed448 instead of EdDSA, and have verifiers accept only the one they expect."),
    r("alg-mismatch", "RFC 8725 §3.1", "https://www.rfc-editor.org/rfc/rfc8725#section-3.1", "Choose the algorithm once: in the selector or in the header."),
];

/// The reference and advice for a finding code.
pub fn reference(code: &str) -> Option<&'static FindingRef> {
    FINDING_REFS.iter().find(|f| f.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code the app raises (the UI contract's and its own).
    const CODES: &[&str] = &[
        "alg-none",
        "null-signature",
        "weak-secret",
        "key-confusion",
        "missing-exp",
        "expired",
        "not-yet-valid",
        "iat-future",
        "long-lifetime",
        "invalid-time-claim",
        "ms-timestamp",
        "jku-header",
        "x5u-header",
        "jwk-header",
        "x5c-header",
        "kid-suspicious",
        "crit-unsupported",
        "b64-false",
        "duplicate-key",
        "jwe",
        "jwe-rsa1_5",
        "input-cleaned",
        "sensitive-data",
        "nested-jwt",
        "non-base64url",
        "explicit-typing",
        "missing-iss",
        "missing-aud",
        "kid-not-found",
        "x5c-chain",
        "alg-mismatch",
        "eddsa-deprecated",
        "sd-malformed",
        "sd-duplicate",
        "sd-unreferenced",
        "sd-invalid",
        "dpop-private-key",
        "status-list",
    ];

    #[test]
    fn every_code_has_a_reference() {
        for code in CODES {
            assert!(reference(code).is_some(), "{code}");
        }
        assert_eq!(CODES.len(), FINDING_REFS.len());
    }

    #[test]
    fn codes_are_unique_and_links_are_plain_https() {
        for (i, f) in FINDING_REFS.iter().enumerate() {
            assert!(
                FINDING_REFS[..i].iter().all(|g| g.code != f.code),
                "{}",
                f.code
            );
            assert!(f.url.starts_with("https://"), "{}", f.code);
            assert!(f.advice.ends_with('.'), "{}", f.code);
            assert!(!f.cite.is_empty());
        }
    }
}
