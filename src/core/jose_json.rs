//! The JSON serializations of JWS (RFC 7515 §7.2) and JWE (RFC 7516 §7.2),
//! general and flattened, read into one model: a JWS is a payload and a
//! list of signature entries, a JWE shared parts and a list of recipients.
//! A compact token is the same model with one entry and a protected header
//! only, which is how verification and decryption treat each entry.

use std::fmt;

use serde_json::{Map, Value};

use super::base64url;
use super::json;

/// Which of the two JSON syntaxes the text used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `signatures` / `recipients` arrays.
    General,
    /// One entry's members at the top level.
    Flattened,
}

impl Form {
    pub fn name(self) -> &'static str {
        match self {
            Form::General => "general",
            Form::Flattened => "flattened",
        }
    }
}

/// One signature of a JWS.
#[derive(Debug, Clone, PartialEq)]
pub struct JwsEntry {
    /// The `protected` member as written ("" when absent): the first half
    /// of the signing input.
    pub protected_b64: String,
    pub protected: Map<String, Value>,
    /// The unprotected `header` member.
    pub unprotected: Map<String, Value>,
    pub signature_b64: String,
    pub signature: Vec<u8>,
}

impl JwsEntry {
    /// The JOSE header: protected members, then unprotected ones (the two
    /// are disjoint, or the JWS was refused).
    pub fn header(&self) -> Map<String, Value> {
        let mut all = self.protected.clone();
        all.extend(self.unprotected.clone());
        all
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.protected
            .get(name)
            .or_else(|| self.unprotected.get(name))?
            .as_str()
    }

    pub fn alg(&self) -> Option<&str> {
        self.param("alg")
    }

    pub fn kid(&self) -> Option<&str> {
        self.param("kid")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct JwsJson {
    pub form: Form,
    /// The `payload` member as written: base64url, or with `b64: false`
    /// (RFC 7797) the content itself. `None` when detached.
    pub payload: Option<String>,
    /// `b64: false` in the protected headers.
    pub unencoded: bool,
    pub entries: Vec<JwsEntry>,
}

impl JwsJson {
    /// The payload's bytes when it is present and decodes.
    pub fn payload_bytes(&self) -> Option<Vec<u8>> {
        let text = self.payload.as_ref()?;
        if self.unencoded {
            Some(text.as_bytes().to_vec())
        } else {
            base64url::decode_strict(text)
        }
    }

    /// Entry `i` as a compact JWS (`protected.payload.signature`; the
    /// payload part empty when it is detached or not base64url), which has
    /// the same signing input when the header is entirely protected.
    pub fn compact(&self, i: usize) -> Option<String> {
        let e = self.entries.get(i)?;
        let payload = match (&self.payload, self.unencoded) {
            (Some(p), false) => p.as_str(),
            _ => "",
        };
        Some(format!("{}.{payload}.{}", e.protected_b64, e.signature_b64))
    }
}

/// One recipient of a JWE.
#[derive(Debug, Clone, PartialEq)]
pub struct JweRecipient {
    /// The per-recipient unprotected `header`.
    pub header: Map<String, Value>,
    pub encrypted_key_b64: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JweJson {
    pub form: Form,
    /// The `protected` member as written ("" when absent): with `aad`, the
    /// additional authenticated data of the content encryption.
    pub protected_b64: String,
    pub protected: Map<String, Value>,
    /// The shared unprotected header (`unprotected`).
    pub unprotected: Map<String, Value>,
    pub recipients: Vec<JweRecipient>,
    pub iv_b64: String,
    pub ciphertext_b64: String,
    pub tag_b64: String,
    pub aad_b64: Option<String>,
}

impl JweJson {
    /// The JOSE header that applies to recipient `i`: protected, shared
    /// unprotected, then per-recipient members.
    pub fn header(&self, i: usize) -> Map<String, Value> {
        let mut all = self.protected.clone();
        all.extend(self.unprotected.clone());
        if let Some(r) = self.recipients.get(i) {
            all.extend(r.header.clone());
        }
        all
    }

    /// The additional authenticated data: `protected` and, when there is
    /// an `aad` member, `.aad` (RFC 7516 §5.1 step 14).
    pub fn aad(&self) -> String {
        match &self.aad_b64 {
            Some(aad) => format!("{}.{aad}", self.protected_b64),
            None => self.protected_b64.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum JoseJson {
    Jws(JwsJson),
    Jwe(Box<JweJson>),
}

/// Why the text is not a JWS or JWE in JSON: what, where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFormError {
    pub message: String,
    /// Where in the pasted text, for JSON syntax errors.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl JsonFormError {
    fn new(message: impl Into<String>) -> JsonFormError {
        JsonFormError {
            message: message.into(),
            line: None,
            column: None,
        }
    }
}

impl fmt::Display for JsonFormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonFormError {}

/// Whether pasted text is meant as a JSON serialization (it is an object),
/// rather than a compact token.
pub fn looks_like_json(raw: &str) -> bool {
    raw.trim_start().starts_with('{')
}

/// Reads a JWS or JWE in general or flattened JSON.
pub fn parse(text: &str) -> Result<JoseJson, JsonFormError> {
    let doc = json::parse(text.trim()).map_err(|e| JsonFormError {
        message: format!(
            "The JSON is not valid: {} at line {}, column {}.",
            e.message, e.line, e.column
        ),
        line: Some(e.line),
        column: Some(e.column),
    })?;
    if let Some(path) = doc.duplicate_keys.first() {
        return Err(JsonFormError::new(format!(
            "The JSON repeats the member \"{path}\"; a JOSE object must not (RFC 7515 §7.2, RFC 7516 §7.2), so it is refused."
        )));
    }
    let Value::Object(top) = doc.value else {
        return Err(JsonFormError::new(
            "The JSON is not an object; a JWS or JWE in JSON is an object.",
        ));
    };
    if top.contains_key("ciphertext") {
        parse_jwe(&top).map(|jwe| JoseJson::Jwe(Box::new(jwe)))
    } else if top.contains_key("signatures") || top.contains_key("signature") {
        parse_jws(&top).map(JoseJson::Jws)
    } else {
        Err(JsonFormError::new(
            "This JSON is neither a JWS (it has no \"signatures\" or \"signature\" member) nor a JWE (no \"ciphertext\"). Paste a token, or a JWS or JWE in JSON serialization.",
        ))
    }
}

fn string_member<'a>(
    obj: &'a Map<String, Value>,
    name: &str,
    at: &str,
) -> Result<Option<&'a str>, JsonFormError> {
    match obj.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(v) => Err(JsonFormError::new(format!(
            "{at}\"{name}\" is {}; it must be a string.",
            json::type_name(v)
        ))),
    }
}

fn object_member(
    obj: &Map<String, Value>,
    name: &str,
    at: &str,
) -> Result<Map<String, Value>, JsonFormError> {
    match obj.get(name) {
        None => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(v) => Err(JsonFormError::new(format!(
            "{at}\"{name}\" is {}; it must be a JSON object (an unprotected header).",
            json::type_name(v)
        ))),
    }
}

/// A member that must be base64url, decoded; the error names the member
/// and the offending character.
fn b64_member(text: &str, name: &str, at: &str) -> Result<Vec<u8>, JsonFormError> {
    if let Some((offset, ch)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        let shown = if ch.is_ascii_graphic() {
            format!("'{ch}'")
        } else {
            format!("U+{:04X}", ch as u32)
        };
        return Err(JsonFormError::new(format!(
            "{at}\"{name}\" has {shown} at character {offset}, which is not base64url (A–Z, a–z, 0–9, '-', '_', no '=' padding)."
        )));
    }
    base64url::decode_strict(text).ok_or_else(|| {
        JsonFormError::new(format!(
            "{at}\"{name}\" is {} characters of base64url, which no encoding produces; it may be truncated.",
            text.len()
        ))
    })
}

/// A `protected` member: base64url of a JSON object with unique names.
fn protected_header(b64: &str, at: &str) -> Result<Map<String, Value>, JsonFormError> {
    if b64.is_empty() {
        return Ok(Map::new());
    }
    let bytes = b64_member(b64, "protected", at)?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        JsonFormError::new(format!(
            "{at}\"protected\" is not UTF-8 once decoded (byte {}).",
            e.valid_up_to()
        ))
    })?;
    let doc = json::parse(text).map_err(|e| {
        JsonFormError::new(format!(
            "{at}\"protected\" is not valid JSON once decoded: {} at line {}, column {}.",
            e.message, e.line, e.column
        ))
    })?;
    if let Some(path) = doc.duplicate_keys.first() {
        return Err(JsonFormError::new(format!(
            "{at}protected header repeats \"{path}\"; names must be unique, so it is refused."
        )));
    }
    match doc.value {
        Value::Object(m) => Ok(m),
        other => Err(JsonFormError::new(format!(
            "{at}\"protected\" decodes to {}, not a JSON object.",
            json::type_name(&other)
        ))),
    }
}

/// The first member that two headers share, which the RFCs forbid.
fn shared_member<'a>(a: &'a Map<String, Value>, b: &Map<String, Value>) -> Option<&'a str> {
    a.keys().find(|k| b.contains_key(*k)).map(String::as_str)
}

/// A signature's object and how messages name it.
type RawEntry<'a> = (&'a Map<String, Value>, String);

fn parse_jws(top: &Map<String, Value>) -> Result<JwsJson, JsonFormError> {
    let (form, raw_entries): (Form, Vec<RawEntry>) = match top.get("signatures") {
        Some(Value::Array(list)) => {
            for flat in ["protected", "header", "signature"] {
                if top.contains_key(flat) {
                    return Err(JsonFormError::new(format!(
                            "The JWS has both \"signatures\" (general syntax) and a top-level \"{flat}\" (flattened syntax); RFC 7515 §7.2.2 allows only one of them."
                        )));
                }
            }
            if list.is_empty() {
                return Err(JsonFormError::new(
                    "\"signatures\" is empty; a JWS needs at least one signature.",
                ));
            }
            let mut entries = Vec::with_capacity(list.len());
            for (i, item) in list.iter().enumerate() {
                let Value::Object(obj) = item else {
                    return Err(JsonFormError::new(format!(
                        "signatures[{i}] is {}; each signature is a JSON object.",
                        json::type_name(item)
                    )));
                };
                entries.push((obj, format!("signatures[{i}]: ")));
            }
            (Form::General, entries)
        }
        Some(other) => {
            return Err(JsonFormError::new(format!(
                "\"signatures\" is {}; it must be an array.",
                json::type_name(other)
            )))
        }
        None => (Form::Flattened, vec![(top, String::new())]),
    };
    let payload = string_member(top, "payload", "")?.map(str::to_string);
    let mut entries = Vec::with_capacity(raw_entries.len());
    for (obj, at) in raw_entries {
        let protected_b64 = string_member(obj, "protected", &at)?.unwrap_or_default();
        let protected = protected_header(protected_b64, &at)?;
        let unprotected = object_member(obj, "header", &at)?;
        if protected.is_empty() && unprotected.is_empty() {
            return Err(JsonFormError::new(format!(
                "{at}the signature has neither a \"protected\" nor a \"header\" member, so it names no \"alg\"."
            )));
        }
        if let Some(name) = shared_member(&protected, &unprotected) {
            return Err(JsonFormError::new(format!(
                "{at}\"{name}\" appears in both the protected and the unprotected header; RFC 7515 §7.2.1 requires them to be disjoint, so the JWS is refused."
            )));
        }
        if unprotected.contains_key("b64") || unprotected.contains_key("crit") {
            let name = if unprotected.contains_key("b64") {
                "b64"
            } else {
                "crit"
            };
            return Err(JsonFormError::new(format!(
                "{at}\"{name}\" is in the unprotected header; it must be integrity protected (RFC 7797 §3, RFC 7515 §4.1.11)."
            )));
        }
        let signature_b64 = string_member(obj, "signature", &at)?
            .ok_or_else(|| JsonFormError::new(format!("{at}there is no \"signature\" member.")))?;
        let signature = b64_member(signature_b64, "signature", &at)?;
        entries.push(JwsEntry {
            protected_b64: protected_b64.to_string(),
            protected,
            unprotected,
            signature_b64: signature_b64.to_string(),
            signature,
        });
    }
    let unencoded_of = |e: &JwsEntry| e.protected.get("b64") == Some(&Value::Bool(false));
    let unencoded = unencoded_of(&entries[0]);
    if let Some(i) = entries.iter().position(|e| unencoded_of(e) != unencoded) {
        return Err(JsonFormError::new(format!(
            "Signature {i} has \"b64\" {} while signature 0 has it {}; RFC 7797 §3 requires every signature of a JWS to agree.",
            if unencoded { "true" } else { "false" },
            if unencoded { "false" } else { "true" },
        )));
    }
    if let (Some(p), false) = (&payload, unencoded) {
        b64_member(p, "payload", "")?;
    }
    Ok(JwsJson {
        form,
        payload,
        unencoded,
        entries,
    })
}

fn parse_jwe(top: &Map<String, Value>) -> Result<JweJson, JsonFormError> {
    let protected_b64 = string_member(top, "protected", "")?.unwrap_or_default();
    let protected = protected_header(protected_b64, "")?;
    let unprotected = object_member(top, "unprotected", "")?;
    let (form, recipients) = match top.get("recipients") {
        Some(Value::Array(list)) => {
            for flat in ["header", "encrypted_key"] {
                if top.contains_key(flat) {
                    return Err(JsonFormError::new(format!(
                        "The JWE has both \"recipients\" (general syntax) and a top-level \"{flat}\" (flattened syntax); RFC 7516 §7.2.2 allows only one of them."
                    )));
                }
            }
            if list.is_empty() {
                return Err(JsonFormError::new(
                    "\"recipients\" is empty; a JWE needs at least one recipient.",
                ));
            }
            let mut out = Vec::with_capacity(list.len());
            for (i, item) in list.iter().enumerate() {
                let at = format!("recipients[{i}]: ");
                let Value::Object(obj) = item else {
                    return Err(JsonFormError::new(format!(
                        "{at}is {}; each recipient is a JSON object.",
                        json::type_name(item)
                    )));
                };
                out.push(recipient(obj, &at)?);
            }
            (Form::General, out)
        }
        Some(other) => {
            return Err(JsonFormError::new(format!(
                "\"recipients\" is {}; it must be an array.",
                json::type_name(other)
            )))
        }
        None => (Form::Flattened, vec![recipient(top, "")?]),
    };
    if let Some(name) = shared_member(&protected, &unprotected) {
        return Err(JsonFormError::new(format!(
            "\"{name}\" appears in both the protected header and the shared unprotected header; RFC 7516 §7.2.1 requires them to be disjoint, so the JWE is refused."
        )));
    }
    for (i, r) in recipients.iter().enumerate() {
        let which = match form {
            Form::General => format!("recipients[{i}]'s header"),
            Form::Flattened => "the per-recipient header".to_string(),
        };
        for (other, other_name) in [
            (&protected, "the protected header"),
            (&unprotected, "the shared unprotected header"),
        ] {
            if let Some(name) = shared_member(&r.header, other) {
                return Err(JsonFormError::new(format!(
                    "\"{name}\" appears in both {other_name} and {which}; RFC 7516 §7.2.1 requires them to be disjoint, so the JWE is refused."
                )));
            }
        }
    }
    let part = |name: &str, required: bool| -> Result<String, JsonFormError> {
        let text = string_member(top, name, "")?;
        match (text, required) {
            (None, true) => Err(JsonFormError::new(format!(
                "The JWE has no \"{name}\" member."
            ))),
            (None, false) => Ok(String::new()),
            (Some(t), _) => {
                b64_member(t, name, "")?;
                Ok(t.to_string())
            }
        }
    };
    let aad_b64 = match string_member(top, "aad", "")? {
        None => None,
        Some(t) => {
            b64_member(t, "aad", "")?;
            Some(t.to_string())
        }
    };
    Ok(JweJson {
        form,
        protected_b64: protected_b64.to_string(),
        protected,
        unprotected,
        recipients,
        iv_b64: part("iv", false)?,
        ciphertext_b64: part("ciphertext", true)?,
        tag_b64: part("tag", false)?,
        aad_b64,
    })
}

fn recipient(obj: &Map<String, Value>, at: &str) -> Result<JweRecipient, JsonFormError> {
    let header = object_member(obj, "header", at)?;
    let encrypted_key_b64 = string_member(obj, "encrypted_key", at)?.unwrap_or_default();
    b64_member(encrypted_key_b64, "encrypted_key", at)?;
    Ok(JweRecipient {
        header,
        encrypted_key_b64: encrypted_key_b64.to_string(),
    })
}

/// A compact JWS (3 parts) or JWE (5 parts) in `form`, as JSON on one
/// line: the same protected header, payload or ciphertext and signature or
/// tag, so it verifies or decrypts exactly as the compact token does.
pub fn from_compact(token: &str, form: Form) -> Result<String, JsonFormError> {
    let parts: Vec<&str> = token.trim().split('.').collect();
    let mut out = Map::new();
    let text = |s: &str| Value::String(s.to_string());
    match parts.as_slice() {
        [header, payload, signature] => {
            let mut entry = Map::new();
            entry.insert("protected".into(), text(header));
            entry.insert("signature".into(), text(signature));
            // An empty payload part is detached content: no member.
            if !payload.is_empty() {
                out.insert("payload".into(), text(payload));
            }
            match form {
                Form::Flattened => out.extend(entry),
                Form::General => {
                    out.insert(
                        "signatures".into(),
                        Value::Array(vec![Value::Object(entry)]),
                    );
                }
            }
        }
        [header, key, iv, ciphertext, tag] => {
            out.insert("protected".into(), text(header));
            let mut recipient = Map::new();
            if !key.is_empty() {
                recipient.insert("encrypted_key".into(), text(key));
            }
            match form {
                Form::Flattened => out.extend(recipient),
                Form::General => {
                    out.insert(
                        "recipients".into(),
                        Value::Array(vec![Value::Object(recipient)]),
                    );
                }
            }
            for (name, value) in [("iv", iv), ("ciphertext", ciphertext), ("tag", tag)] {
                if !value.is_empty() {
                    out.insert(name.into(), text(value));
                }
            }
        }
        _ => {
            return Err(JsonFormError::new(format!(
                "A compact JWS has 3 parts and a JWE 5; this has {}.",
                parts.len()
            )))
        }
    }
    serde_json::to_string(&Value::Object(out)).map_err(|e| JsonFormError::new(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A7: &str = r#"{"payload":"eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ","protected":"eyJhbGciOiJFUzI1NiJ9","header":{"kid":"e9bc097a-ce51-4036-9562-d2ade882db0d"},"signature":"DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q"}"#;

    #[test]
    fn flattened_jws_is_one_entry_with_both_headers() {
        let JoseJson::Jws(jws) = parse(A7).unwrap() else {
            panic!("a JWS")
        };
        assert_eq!(jws.form, Form::Flattened);
        assert_eq!(jws.entries.len(), 1);
        let e = &jws.entries[0];
        assert_eq!(e.alg(), Some("ES256"));
        assert_eq!(e.kid(), Some("e9bc097a-ce51-4036-9562-d2ade882db0d"));
        assert_eq!(
            serde_json::to_string(&e.header()).unwrap(),
            r#"{"alg":"ES256","kid":"e9bc097a-ce51-4036-9562-d2ade882db0d"}"#
        );
        assert_eq!(e.signature.len(), 64);
        assert!(jws
            .compact(0)
            .unwrap()
            .starts_with("eyJhbGciOiJFUzI1NiJ9.eyJpc3Mi"));
    }

    #[test]
    fn a_member_in_both_headers_is_refused_by_name() {
        let text = A7.replace(r#""header":{"kid""#, r#""header":{"alg":"ES256","kid""#);
        let e = parse(&text).unwrap_err();
        assert_eq!(
            e.message,
            "\"alg\" appears in both the protected and the unprotected header; RFC 7515 §7.2.1 requires them to be disjoint, so the JWS is refused."
        );
        let jwe = r#"{"protected":"eyJlbmMiOiJBMTI4R0NNIn0","unprotected":{"jku":"x"},"recipients":[{"header":{"alg":"dir","jku":"y"}}],"iv":"AAAA","ciphertext":"AAAA","tag":"AAAA"}"#;
        assert_eq!(
            parse(jwe).unwrap_err().message,
            "\"jku\" appears in both the shared unprotected header and recipients[0]'s header; RFC 7516 §7.2.1 requires them to be disjoint, so the JWE is refused."
        );
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            parse("{\"payload\": \"x\",\n \"signatures\": [}")
                .unwrap_err()
                .line,
            Some(2)
        );
        let bad_sig = A7.replace("DtEhU3lj", "DtEh=3lj");
        assert_eq!(
            parse(&bad_sig).unwrap_err().message,
            "\"signature\" has '=' at character 4, which is not base64url (A–Z, a–z, 0–9, '-', '_', no '=' padding)."
        );
        assert!(parse("{\"a\":1}")
            .unwrap_err()
            .message
            .starts_with("This JSON is neither a JWS"));
        let general = r#"{"payload":"e30","signatures":[{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"AA"},{"header":{"alg":"HS256"}}]}"#;
        assert_eq!(
            parse(general).unwrap_err().message,
            "signatures[1]: there is no \"signature\" member."
        );
    }

    #[test]
    fn detached_and_unencoded_payloads() {
        let detached = r#"{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"AA"}"#;
        let JoseJson::Jws(jws) = parse(detached).unwrap() else {
            panic!()
        };
        assert_eq!(jws.payload, None);
        assert_eq!(jws.compact(0).unwrap(), "eyJhbGciOiJIUzI1NiJ9..AA");
        let b64false = r#"{"payload":"$.02","protected":"eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19","signature":"A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY"}"#;
        let JoseJson::Jws(jws) = parse(b64false).unwrap() else {
            panic!()
        };
        assert!(jws.unencoded);
        assert_eq!(jws.payload_bytes().unwrap(), b"$.02");
        let unprotected_b64 = r#"{"payload":"$.02","protected":"eyJhbGciOiJIUzI1NiJ9","header":{"b64":false},"signature":"AA"}"#;
        assert!(parse(unprotected_b64)
            .unwrap_err()
            .message
            .contains("\"b64\" is in the unprotected header"));
    }

    #[test]
    fn compact_tokens_become_either_json_form() {
        assert_eq!(
            from_compact("eyJhbGciOiJIUzI1NiJ9.e30.c2ln", Form::Flattened).unwrap(),
            r#"{"payload":"e30","protected":"eyJhbGciOiJIUzI1NiJ9","signature":"c2ln"}"#
        );
        assert_eq!(
            from_compact("eyJhbGciOiJIUzI1NiJ9..c2ln", Form::General).unwrap(),
            r#"{"signatures":[{"protected":"eyJhbGciOiJIUzI1NiJ9","signature":"c2ln"}]}"#
        );
        assert_eq!(
            from_compact("eyJ9.a2V5.aXY.Y3Q.dGFn", Form::General).unwrap(),
            r#"{"protected":"eyJ9","recipients":[{"encrypted_key":"a2V5"}],"iv":"aXY","ciphertext":"Y3Q","tag":"dGFn"}"#
        );
        assert!(from_compact("a.b", Form::General).is_err());
    }

    #[test]
    fn jwe_aad_joins_protected_and_aad() {
        let jwe = r#"{"protected":"eyJlbmMiOiJBMTI4R0NNIn0","aad":"YWFk","recipients":[{"header":{"alg":"dir","kid":"k1"}}],"iv":"AAAA","ciphertext":"AAAA","tag":"AAAA"}"#;
        let JoseJson::Jwe(jwe) = parse(jwe).unwrap() else {
            panic!()
        };
        assert_eq!(jwe.aad(), "eyJlbmMiOiJBMTI4R0NNIn0.YWFk");
        assert_eq!(
            serde_json::to_string(&jwe.header(0)).unwrap(),
            r#"{"enc":"A128GCM","alg":"dir","kid":"k1"}"#
        );
    }
}
