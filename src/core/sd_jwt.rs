//! Selective Disclosure for JWTs (RFC 9901): splitting a presentation
//! `<issuer-signed JWT>~<disclosure>~…~[<KB-JWT>]`, reading disclosures,
//! matching their digests against the payload, and the payload a verifier
//! ends up with (§7.1). Pure: hashing only; signatures are checked elsewhere.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256, Sha384, Sha512};

use crate::core::base64url;

/// The parts of an SD-JWT as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The issuer-signed JWT (compact JWS).
    pub issuer_jwt: String,
    /// Each disclosure's base64url text, in input order (empty ones dropped).
    pub disclosures: Vec<String>,
    /// The key-binding JWT after the last `~`, if any.
    pub kb_jwt: Option<String>,
    /// Everything up to and including the last `~`: what a KB-JWT's
    /// `sd_hash` covers, exactly as given.
    pub presented: String,
}

/// Splits an SD-JWT; `None` when `text` has no `~` (a plain JWT).
pub fn split(text: &str) -> Option<Parts> {
    let (issuer, rest) = text.split_once('~')?;
    let presented = &text[..=text.rfind('~')?];
    let mut pieces: Vec<&str> = rest.split('~').collect();
    // After the last `~` comes the KB-JWT, or nothing.
    let last = pieces.pop().unwrap_or_default();
    Some(Parts {
        issuer_jwt: issuer.to_string(),
        disclosures: pieces
            .into_iter()
            .filter(|d| !d.is_empty())
            .map(str::to_string)
            .collect(),
        kb_jwt: (!last.is_empty()).then(|| last.to_string()),
        presented: presented.to_string(),
    })
}

/// `issuer~d1~d2~…~`: a presentation of the chosen disclosures, without a
/// KB-JWT; also what a KB-JWT's `sd_hash` covers.
pub fn presentation(issuer_jwt: &str, disclosures: &[&str]) -> String {
    let mut out = String::from(issuer_jwt);
    out.push('~');
    for d in disclosures {
        out.push_str(d);
        out.push('~');
    }
    out
}

/// The hash functions `_sd_alg` may name here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HashAlg {
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlg {
    /// The IANA "Named Information Hash Algorithm" name.
    pub fn name(self) -> &'static str {
        match self {
            HashAlg::Sha256 => "sha-256",
            HashAlg::Sha384 => "sha-384",
            HashAlg::Sha512 => "sha-512",
        }
    }

    pub fn from_name(name: &str) -> Option<HashAlg> {
        [HashAlg::Sha256, HashAlg::Sha384, HashAlg::Sha512]
            .into_iter()
            .find(|a| a.name() == name)
    }

    /// The hash of `text`'s ASCII bytes as lower-case hex: the middle step of
    /// a digest, shown to people learning how one is made.
    pub fn hex(self, text: &str) -> String {
        let bytes = text.as_bytes();
        match self {
            HashAlg::Sha256 => base64url::to_hex(&Sha256::digest(bytes)),
            HashAlg::Sha384 => base64url::to_hex(&Sha384::digest(bytes)),
            HashAlg::Sha512 => base64url::to_hex(&Sha512::digest(bytes)),
        }
    }

    /// base64url of the hash of `text`'s ASCII bytes: a disclosure's digest,
    /// or a KB-JWT's `sd_hash` of the presentation.
    pub fn digest(self, text: &str) -> String {
        let bytes = text.as_bytes();
        match self {
            HashAlg::Sha256 => base64url::encode(&Sha256::digest(bytes)),
            HashAlg::Sha384 => base64url::encode(&Sha384::digest(bytes)),
            HashAlg::Sha512 => base64url::encode(&Sha512::digest(bytes)),
        }
    }
}

/// What became of a disclosure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Its digest is referenced by the payload or by another matched
    /// disclosure's value.
    Matched,
    Unreferenced,
    /// The same disclosure (or digest) was given before.
    Duplicate,
    Malformed,
}

impl Status {
    /// The UI contract's `data-status` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Matched => "matched",
            Status::Unreferenced => "unreferenced",
            Status::Duplicate => "duplicate",
            Status::Malformed => "malformed",
        }
    }
}

/// One disclosure, read and judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    /// The base64url text as given.
    pub text: String,
    /// base64url of its hash under the SD-JWT's `_sd_alg`.
    pub digest: String,
    pub salt: Option<String>,
    /// The claim name; `None` for an array element (or when malformed).
    pub name: Option<String>,
    pub value: Option<Value>,
    pub status: Status,
    /// Why it is malformed, unreferenced or a duplicate, in words.
    pub problem: Option<String>,
    /// JSON Pointer of where its digest is referenced (`/_sd`,
    /// `/address/_sd`, `/nationalities/1`), when matched.
    pub referenced_at: Option<String>,
}

/// The outcome of processing an SD-JWT payload with its disclosures.
#[derive(Debug, Clone, PartialEq)]
pub struct Processed {
    pub hash_alg: HashAlg,
    pub disclosures: Vec<Disclosure>,
    /// The payload a verifier ends up with (RFC 9901 §7.1).
    pub revealed: Value,
    /// Digests that no given disclosure matches: decoys or withheld claims.
    pub undisclosed: usize,
    /// Reasons a verifier must reject the SD-JWT (§7.1), in words.
    pub errors: Vec<String>,
}

/// Reads `_sd_alg`, the disclosures, and builds the revealed payload.
pub fn process(payload: &Value, disclosures: &[String]) -> Processed {
    let mut errors = Vec::new();
    let hash_alg = match payload.get("_sd_alg") {
        None => HashAlg::Sha256,
        Some(Value::String(name)) => HashAlg::from_name(name).unwrap_or_else(|| {
            errors.push(format!(
                "_sd_alg \"{name}\" is not supported here (sha-256, sha-384 and sha-512 are); digests were computed with sha-256."
            ));
            HashAlg::Sha256
        }),
        Some(other) => {
            errors.push(format!(
                "_sd_alg must be a string naming a hash function, not {other}; digests were computed with sha-256."
            ));
            HashAlg::Sha256
        }
    };
    let mut read: Vec<Disclosure> = disclosures
        .iter()
        .map(|text| read_disclosure(text, hash_alg))
        .collect();
    // Digest → the first well-formed disclosure with it (sets, not scans:
    // a presentation may carry hundreds of disclosures).
    let mut usable: HashMap<String, usize> = HashMap::new();
    for (i, d) in read.iter_mut().enumerate() {
        if d.status == Status::Malformed {
            continue;
        }
        if usable.contains_key(&d.digest) {
            d.status = Status::Duplicate;
            d.problem = Some(
                "The same disclosure was given earlier in the SD-JWT; a verifier must reject it."
                    .into(),
            );
        } else {
            usable.insert(d.digest.clone(), i);
        }
    }
    let mut walk = Walk {
        disclosures: &mut read,
        usable,
        errors: &mut errors,
        seen_digests: HashSet::new(),
        undisclosed: 0,
    };
    let mut revealed = walk.value(payload, &mut String::new(), 0);
    let undisclosed = walk.undisclosed;
    if let Some(map) = revealed.as_object_mut() {
        map.shift_remove("_sd_alg");
    }
    for d in read.iter_mut() {
        if d.status == Status::Unreferenced && d.problem.is_none() {
            d.problem = Some(
                "No digest in the payload (nor in another disclosure) matches this disclosure: it was not issued with this token, or was altered."
                    .into(),
            );
        }
    }
    Processed {
        hash_alg,
        disclosures: read,
        revealed,
        undisclosed,
        errors,
    }
}

fn read_disclosure(text: &str, hash_alg: HashAlg) -> Disclosure {
    let mut d = Disclosure {
        text: text.to_string(),
        digest: hash_alg.digest(text),
        salt: None,
        name: None,
        value: None,
        status: Status::Unreferenced,
        problem: None,
        referenced_at: None,
    };
    let malformed = |mut d: Disclosure, why: String| {
        d.status = Status::Malformed;
        d.problem = Some(why);
        d
    };
    let bytes = match base64url::decode(text) {
        Ok((bytes, notes)) if notes == Default::default() => bytes,
        Ok(_) => return malformed(d, "Not base64url: it uses '+', '/' or '=' padding.".into()),
        Err(e) => return malformed(d, format!("Not base64url: {}.", describe(&e))),
    };
    let array = match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Array(items)) => items,
        Ok(other) => {
            return malformed(
                d,
                format!(
                    "A disclosure is a JSON array; this decodes to {}.",
                    crate::core::json::type_name(&other)
                ),
            )
        }
        Err(e) => return malformed(d, format!("Its decoded text is not JSON: {e}.")),
    };
    let (salt, name, value) = match array.as_slice() {
        [salt, name, value] => (salt, Some(name), value),
        [salt, value] => (salt, None, value),
        _ => {
            return malformed(
                d,
                format!(
                    "A disclosure has 3 elements (salt, claim name, value) or 2 (salt, array element); this one has {}.",
                    array.len()
                ),
            )
        }
    };
    let Value::String(salt) = salt else {
        return malformed(d, "Its salt (first element) is not a string.".into());
    };
    d.salt = Some(salt.clone());
    if let Some(name) = name {
        let Value::String(name) = name else {
            return malformed(d, "Its claim name (second element) is not a string.".into());
        };
        if name == "_sd" || name == "..." {
            return malformed(
                d,
                format!(
                    "The claim name \"{name}\" is reserved by SD-JWT and may not be disclosed."
                ),
            );
        }
        d.name = Some(name.clone());
    }
    d.value = Some(value.clone());
    d
}

fn describe(e: &base64url::Base64Problem) -> String {
    match e {
        base64url::Base64Problem::InvalidChar { ch, offset } => {
            format!("'{ch}' at character {offset} is not in the base64url alphabet")
        }
        base64url::Base64Problem::BadLength { len } => {
            format!("{len} characters cannot be base64url")
        }
        base64url::Base64Problem::TrailingBits { offset } => {
            format!("the last character (at {offset}) has bits no encoder sets")
        }
    }
}

/// Nesting beyond this is not followed (a disclosure cannot loop, but the
/// JSON can be deep).
const MAX_DEPTH: usize = 64;

struct Walk<'a> {
    disclosures: &'a mut Vec<Disclosure>,
    /// Digest → the disclosure (neither malformed nor a duplicate) with it.
    usable: HashMap<String, usize>,
    errors: &'a mut Vec<String>,
    /// Every digest met so far, to find one listed twice.
    seen_digests: HashSet<String>,
    undisclosed: usize,
}

impl Walk<'_> {
    fn value(&mut self, value: &Value, pointer: &mut String, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return value.clone();
        }
        match value {
            Value::Object(map) => Value::Object(self.object(map, pointer, depth)),
            Value::Array(items) => Value::Array(self.array(items, pointer, depth)),
            other => other.clone(),
        }
    }

    /// The index of the usable disclosure with `digest`, once per digest.
    fn take(&mut self, digest: &str, at: &str) -> Option<usize> {
        if !self.seen_digests.insert(digest.to_string()) {
            self.errors.push(format!(
                "The digest {digest} appears more than once in the SD-JWT (again at {at}); a verifier must reject it."
            ));
            return None;
        }
        let found = self.usable.get(digest).copied();
        if found.is_none() {
            self.undisclosed += 1;
        }
        found
    }

    fn object(
        &mut self,
        map: &Map<String, Value>,
        pointer: &mut String,
        depth: usize,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        for (key, item) in map {
            if key == "_sd" {
                continue;
            }
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            out.insert(key.clone(), self.value(item, pointer, depth + 1));
            pointer.truncate(len);
        }
        let Some(digests) = map.get("_sd") else {
            return out;
        };
        let at = format!("{pointer}/_sd");
        let Value::Array(digests) = digests else {
            self.errors
                .push(format!("{at} must be an array of digests."));
            return out;
        };
        for digest in digests {
            let Value::String(digest) = digest else {
                self.errors.push(format!(
                    "{at} holds {} where a digest string belongs.",
                    crate::core::json::type_name(digest)
                ));
                continue;
            };
            let Some(i) = self.take(digest, &at) else {
                continue;
            };
            let Some(name) = self.disclosures[i].name.clone() else {
                self.errors.push(format!(
                    "The digest {digest} in {at} matches an array-element disclosure, which belongs in an array."
                ));
                continue;
            };
            self.disclosures[i].status = Status::Matched;
            self.disclosures[i].referenced_at = Some(at.clone());
            if out.contains_key(&name) {
                self.errors.push(format!(
                    "The disclosed claim \"{name}\" is already in the object at {}; a verifier must reject it.",
                    if pointer.is_empty() { "the top level" } else { pointer.as_str() }
                ));
                continue;
            }
            let value = self.disclosures[i].value.clone().unwrap_or(Value::Null);
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&name.replace('~', "~0").replace('/', "~1"));
            let revealed = self.value(&value, pointer, depth + 1);
            pointer.truncate(len);
            out.insert(name, revealed);
        }
        out
    }

    fn array(&mut self, items: &[Value], pointer: &mut String, depth: usize) -> Vec<Value> {
        let mut out = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&index.to_string());
            match array_digest(item) {
                Some(digest) => {
                    let at = pointer.clone();
                    if let Some(i) = self.take(digest, &at) {
                        if self.disclosures[i].name.is_some() {
                            self.errors.push(format!(
                                "The digest {digest} at {at} matches a claim disclosure, which belongs in an _sd array."
                            ));
                        } else {
                            self.disclosures[i].status = Status::Matched;
                            self.disclosures[i].referenced_at = Some(at);
                            let value = self.disclosures[i].value.clone().unwrap_or(Value::Null);
                            out.push(self.value(&value, pointer, depth + 1));
                        }
                    }
                }
                None => out.push(self.value(item, pointer, depth + 1)),
            }
            pointer.truncate(len);
        }
        out
    }
}

/// The digest of an array element `{"...": "<digest>"}`.
fn array_digest(item: &Value) -> Option<&str> {
    let map = item.as_object()?;
    if map.len() != 1 {
        return None;
    }
    map.get("...")?.as_str()
}

/// The holder's key an SD-JWT binds to: its payload's `cnf.jwk`, as JWK
/// text the key parser reads.
pub fn holder_key(payload: &Value) -> Option<String> {
    let jwk = payload.get("cnf")?.get("jwk")?;
    jwk.is_object().then(|| jwk.to_string())
}

/// The key binding's outcome (the UI contract's `kb-status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KbStatus {
    /// No KB-JWT after the last `~`.
    Absent,
    /// A KB-JWT, but no `cnf.jwk` to check it with.
    NoKey,
    /// Its signature is being checked.
    Checking,
    Valid,
    Invalid,
}

impl KbStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            KbStatus::Absent => "absent",
            KbStatus::NoKey => "no-key",
            KbStatus::Checking => "checking",
            KbStatus::Valid => "valid",
            KbStatus::Invalid => "invalid",
        }
    }
}

/// One check of a KB-JWT: its name, whether it holds (`None` while the
/// signature is being checked), and what was found, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbCheck {
    pub name: &'static str,
    pub ok: Option<bool>,
    pub detail: String,
}

/// The key binding of an SD-JWT presentation (RFC 9901 §4.3, §7.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    pub status: KbStatus,
    pub checks: Vec<KbCheck>,
    /// The KB-JWT's `aud`, `nonce` and `iat`, as found.
    pub aud: Option<String>,
    pub nonce: Option<String>,
    pub iat: Option<i64>,
}

/// Judges the KB-JWT of `parts` against the issuer-signed `payload`.
/// `signature` is the outcome of verifying the KB-JWT with
/// [`holder_key`] (`None` while that is under way): its status and reason.
pub fn key_binding(
    parts: &Parts,
    payload: &Value,
    hash_alg: HashAlg,
    signature: Option<(crate::core::verify::Status, &str)>,
) -> KeyBinding {
    use crate::core::verify::Status as Sig;
    let mut kb = KeyBinding {
        status: KbStatus::Absent,
        checks: Vec::new(),
        aud: None,
        nonce: None,
        iat: None,
    };
    let Some(kb_jwt) = &parts.kb_jwt else {
        return kb;
    };
    if holder_key(payload).is_none() {
        kb.status = KbStatus::NoKey;
        kb.checks.push(KbCheck {
            name: "cnf",
            ok: Some(false),
            detail: "The issuer-signed payload has no cnf.jwk, so there is no holder key to check the key binding with.".into(),
        });
        return kb;
    }
    let decoded = crate::core::token::decode(kb_jwt);
    let claims = decoded.claims();
    let text = |name: &str| claims.and_then(|c| c.get(name)).and_then(Value::as_str);
    let typ = decoded.header_param("typ").and_then(Value::as_str);
    kb.checks.push(KbCheck {
        name: "typ",
        ok: Some(typ == Some("kb+jwt")),
        detail: match typ {
            Some("kb+jwt") => "typ is kb+jwt.".into(),
            Some(other) => format!("typ is \"{other}\"; a KB-JWT's must be kb+jwt."),
            None => "The KB-JWT has no typ; it must be kb+jwt.".into(),
        },
    });
    let (sig_ok, sig_detail) = match signature {
        None => (None, "Checking the signature with the cnf.jwk…".to_string()),
        Some((Sig::Valid, _)) => (Some(true), "The signature verifies with the cnf.jwk of the issuer-signed payload.".into()),
        Some((Sig::Checking, _)) => (None, "Checking the signature with the cnf.jwk…".into()),
        Some((_, reason)) => (Some(false), format!("The signature does not verify with the cnf.jwk of the issuer-signed payload: {reason}")),
    };
    kb.checks.push(KbCheck {
        name: "signature",
        ok: sig_ok,
        detail: sig_detail,
    });
    let expected = hash_alg.digest(&parts.presented);
    let sd_hash = text("sd_hash");
    kb.checks.push(KbCheck {
        name: "sd_hash",
        ok: Some(sd_hash == Some(expected.as_str())),
        detail: match sd_hash {
            Some(h) if h == expected => format!("sd_hash is the {} of the presentation before it.", hash_alg.name()),
            Some(h) => format!(
                "sd_hash is {h}, but the {} of the presentation before it (last ~ included) is {expected}: the disclosures sent are not the ones the holder signed for.",
                hash_alg.name()
            ),
            None => "The KB-JWT has no sd_hash.".into(),
        },
    });
    kb.aud = text("aud").map(str::to_string);
    kb.nonce = text("nonce").map(str::to_string);
    kb.iat = claims.and_then(|c| c.get("iat")).and_then(Value::as_i64);
    for (name, found) in [
        ("aud", kb.aud.is_some()),
        ("nonce", kb.nonce.is_some()),
        ("iat", kb.iat.is_some()),
    ] {
        kb.checks.push(KbCheck {
            name,
            ok: Some(found),
            detail: if found {
                format!("{name} is present.")
            } else if name == "iat" {
                "The KB-JWT has no numeric iat.".into()
            } else {
                format!("The KB-JWT has no {name} string.")
            },
        });
    }
    kb.status = if kb.checks.iter().any(|c| c.ok == Some(false)) {
        KbStatus::Invalid
    } else if kb.checks.iter().any(|c| c.ok.is_none()) {
        KbStatus::Checking
    } else {
        KbStatus::Valid
    };
    kb
}

/// Builds a disclosure's base64url text, as an issuer does (for tests and
/// the encoder): `[salt, name, value]`, or `[salt, value]` without a name.
pub fn make_disclosure(salt: &str, name: Option<&str>, value: &Value) -> String {
    let array = match name {
        Some(name) => Value::Array(vec![salt.into(), name.into(), value.clone()]),
        None => Value::Array(vec![salt.into(), value.clone()]),
    };
    base64url::encode(array.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// RFC 9901's example disclosure of `family_name` and its SHA-256 digest.
    #[test]
    fn computes_the_rfc_example_digest() {
        let d = "WyJfMjZiYzRMVC1hYzZxMktJNmNCVzVlcyIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0";
        assert_eq!(
            HashAlg::Sha256.digest(d),
            "X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"
        );
        let p = process(
            &json!({"_sd": ["X9yH0Ajrdm1Oij4tWso9UzzKJvPoDxwmuEcO3XAdRC0"]}),
            &[d.to_string()],
        );
        assert_eq!(p.revealed, json!({"family_name": "Möbius"}));
        assert_eq!(
            p.disclosures[0].salt.as_deref(),
            Some("_26bc4LT-ac6q2KI6cBW5es")
        );
    }

    #[test]
    fn splits_issuer_disclosures_and_key_binding() {
        let p = split("a.b.c~d1~d2~kb.x.y").unwrap();
        assert_eq!(p.issuer_jwt, "a.b.c");
        assert_eq!(p.disclosures, ["d1", "d2"]);
        assert_eq!(p.kb_jwt.as_deref(), Some("kb.x.y"));
        let p = split("a.b.c~d1~").unwrap();
        assert_eq!((p.disclosures.len(), p.kb_jwt), (1, None));
        assert_eq!(split("a.b.c"), None);
        assert_eq!(presentation("a.b.c", &["d1", "d2"]), "a.b.c~d1~d2~");
    }

    #[test]
    fn reveals_claims_array_elements_and_nested_disclosures() {
        let given = make_disclosure("s1", Some("given_name"), &json!("Erika"));
        let street = make_disclosure("s2", Some("street"), &json!("Heidestraße 17"));
        let de = make_disclosure("s3", None, &json!("DE"));
        let decoy = HashAlg::Sha256.digest("decoy");
        let address = make_disclosure(
            "s4",
            Some("address"),
            &json!({"_sd": [HashAlg::Sha256.digest(&street)], "country": "DE"}),
        );
        let payload = json!({
            "iss": "https://issuer.example",
            "_sd": [HashAlg::Sha256.digest(&given), HashAlg::Sha256.digest(&address), decoy],
            "nationalities": [{"...": HashAlg::Sha256.digest(&de)}, {"...": HashAlg::Sha256.digest("withheld")}],
            "_sd_alg": "sha-256"
        });
        let p = process(&payload, &[given.clone(), address, street, de]);
        assert_eq!(
            p.revealed,
            json!({
                "iss": "https://issuer.example",
                "nationalities": ["DE"],
                "given_name": "Erika",
                "address": {"country": "DE", "street": "Heidestraße 17"}
            })
        );
        assert_eq!(p.undisclosed, 2);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        let at: Vec<_> = p
            .disclosures
            .iter()
            .map(|d| d.referenced_at.as_deref())
            .collect();
        assert_eq!(
            at,
            [
                Some("/_sd"),
                Some("/_sd"),
                Some("/address/_sd"),
                Some("/nationalities/0")
            ]
        );
        assert!(p.disclosures.iter().all(|d| d.status == Status::Matched));
    }

    #[test]
    fn judges_unreferenced_duplicate_and_malformed_disclosures() {
        let given = make_disclosure("s1", Some("given_name"), &json!("Erika"));
        let stray = make_disclosure("s9", Some("age"), &json!(40));
        let reserved = make_disclosure("s8", Some("_sd"), &json!([]));
        let payload = json!({"_sd": [HashAlg::Sha256.digest(&given)]});
        let p = process(
            &payload,
            &[
                given.clone(),
                stray,
                given,
                reserved,
                "not!base64".into(),
                base64url::encode(b"{}"),
            ],
        );
        let statuses: Vec<_> = p.disclosures.iter().map(|d| d.status.as_str()).collect();
        assert_eq!(
            statuses,
            [
                "matched",
                "unreferenced",
                "duplicate",
                "malformed",
                "malformed",
                "malformed"
            ]
        );
        assert_eq!(
            p.disclosures[3].problem.as_deref(),
            Some("The claim name \"_sd\" is reserved by SD-JWT and may not be disclosed.")
        );
        assert_eq!(
            p.disclosures[4].problem.as_deref(),
            Some("Not base64url: '!' at character 3 is not in the base64url alphabet.")
        );
        assert_eq!(
            p.disclosures[5].problem.as_deref(),
            Some("A disclosure is a JSON array; this decodes to an object.")
        );
        assert_eq!(p.revealed, json!({"given_name": "Erika"}));
    }

    #[test]
    fn digests_follow_sd_alg_and_conflicts_are_errors() {
        let given = make_disclosure("s1", Some("sub"), &json!("x"));
        let payload =
            json!({"_sd_alg": "sha-512", "_sd": [HashAlg::Sha512.digest(&given)], "sub": "y"});
        let p = process(&payload, std::slice::from_ref(&given));
        assert_eq!(p.hash_alg, HashAlg::Sha512);
        assert_eq!(p.disclosures[0].digest.len(), 86);
        assert_eq!(
            p.errors,
            ["The disclosed claim \"sub\" is already in the object at the top level; a verifier must reject it."]
        );
        let twice =
            json!({"_sd": [HashAlg::Sha256.digest(&given), HashAlg::Sha256.digest(&given)]});
        let p = process(&twice, &[given]);
        assert_eq!(p.errors.len(), 1);
        assert!(
            p.errors[0].contains("appears more than once"),
            "{:?}",
            p.errors
        );
        let p = process(&json!({"_sd_alg": "md5"}), &[]);
        assert_eq!(p.errors.len(), 1);
    }

    fn kb_jwt(typ: &str, claims: Value) -> String {
        format!(
            "{}.{}.c2ln",
            base64url::encode(json!({"alg": "ES256", "typ": typ}).to_string().as_bytes()),
            base64url::encode(claims.to_string().as_bytes())
        )
    }

    #[test]
    fn key_binding_checks_typ_signature_sd_hash_and_claims() {
        use crate::core::verify::Status as Sig;
        let payload = json!({"cnf": {"jwk": {"kty": "EC", "crv": "P-256", "x": "x", "y": "y"}}});
        let presented = "a.b.c~d1~";
        let good = json!({"aud": "https://verifier.example", "nonce": "n-1", "iat": 1767225600,
            "sd_hash": HashAlg::Sha256.digest(presented)});
        let parts = split(&format!("{presented}{}", kb_jwt("kb+jwt", good.clone()))).unwrap();
        let kb = key_binding(&parts, &payload, HashAlg::Sha256, Some((Sig::Valid, "")));
        assert_eq!(kb.status, KbStatus::Valid, "{:?}", kb.checks);
        assert_eq!(
            (kb.aud.as_deref(), kb.nonce.as_deref(), kb.iat),
            (
                Some("https://verifier.example"),
                Some("n-1"),
                Some(1767225600)
            )
        );
        assert_eq!(
            key_binding(&parts, &payload, HashAlg::Sha256, None).status,
            KbStatus::Checking
        );
        let bad_sig = key_binding(
            &parts,
            &payload,
            HashAlg::Sha256,
            Some((Sig::Invalid, "the signature does not match")),
        );
        assert_eq!(bad_sig.status, KbStatus::Invalid);
        assert_eq!(bad_sig.checks[1].detail, "The signature does not verify with the cnf.jwk of the issuer-signed payload: the signature does not match");

        // Dropping a disclosure after signing breaks sd_hash.
        let parts = split(&format!("a.b.c~{}", kb_jwt("kb+jwt", good.clone()))).unwrap();
        let kb = key_binding(&parts, &payload, HashAlg::Sha256, Some((Sig::Valid, "")));
        assert_eq!(kb.status, KbStatus::Invalid);
        assert!(
            kb.checks[2].detail.starts_with(&format!(
                "sd_hash is {}, but the sha-256",
                HashAlg::Sha256.digest(presented)
            )),
            "{}",
            kb.checks[2].detail
        );

        let parts = split(&format!("{presented}{}", kb_jwt("JWT", good))).unwrap();
        let kb = key_binding(&parts, &payload, HashAlg::Sha256, Some((Sig::Valid, "")));
        assert_eq!(
            (kb.status, kb.checks[0].detail.as_str()),
            (
                KbStatus::Invalid,
                "typ is \"JWT\"; a KB-JWT's must be kb+jwt."
            )
        );

        assert_eq!(
            key_binding(&parts, &json!({}), HashAlg::Sha256, None).status,
            KbStatus::NoKey
        );
        assert_eq!(
            key_binding(&split("a.b.c~d~").unwrap(), &payload, HashAlg::Sha256, None).status,
            KbStatus::Absent
        );
    }
}
