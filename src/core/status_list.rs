//! Token Status Lists (draft-ietf-oauth-status-list): a token's `status`
//! claim points to entry `idx` of a list at `uri`; the list is a Status
//! List Token whose `status_list` holds `bits` per entry and `lst`, the
//! entries ZLIB-compressed and base64url-encoded. The page never fetches
//! the list: the user pastes it, and the crypto worker (which has the
//! inflater for JWE already) reads the entry.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::base64url;
use super::token::{self, PayloadView, TokenKind};

/// Inflated lists above this size are refused (a compression bomb).
const MAX_LIST_BYTES: usize = 16 * 1024 * 1024;

/// Where a token's status is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    pub idx: u64,
    pub uri: String,
}

/// The `status.status_list` reference of a claims set, when it has one.
pub fn reference(claims: &serde_json::Map<String, Value>) -> Option<Reference> {
    let list = claims.get("status")?.get("status_list")?;
    Some(Reference {
        idx: list.get("idx")?.as_u64()?,
        uri: list.get("uri")?.as_str()?.to_string(),
    })
}

/// What the pasted list says of one entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The entry's value (0 to 2^bits - 1).
    pub value: u8,
    pub bits: u8,
    /// How many entries the list holds.
    pub size: u64,
    /// The list token's `sub`, which must be the reference's `uri`.
    pub sub: Option<String>,
    /// Facts worth saying: a `sub` that is not the `uri`, an expired list.
    pub notes: Vec<String>,
}

impl Entry {
    /// The registered meaning of the value (§7.1), as a UI status word.
    pub fn status(&self) -> &'static str {
        match self.value {
            0 => "valid",
            1 => "invalid",
            2 => "suspended",
            _ => "other",
        }
    }

    /// The value in words.
    pub fn meaning(&self) -> String {
        match self.value {
            0 => "VALID (0x00): the token has not been revoked or suspended.".into(),
            1 => "INVALID (0x01): the token is revoked; a verifier must reject it.".into(),
            2 => "SUSPENDED (0x02): the token is suspended for now; a verifier must reject it until it is valid again.".into(),
            3 => "0x03: application-specific (often used for a further status).".into(),
            v => format!("0x{v:02X}: a value the registry does not define; ask the issuer what it means."),
        }
    }
}

/// Reads entry `reference.idx` from `text`: a Status List Token (compact
/// JWT, `typ` `statuslist+jwt`) or its `status_list` JSON (`{"bits", "lst"}`
/// or the payload holding it). Its signature is not checked here. `now`
/// (seconds) is for the list's `exp`.
pub fn read_entry(text: &str, reference: &Reference, now: i64) -> Result<Entry, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(
            "Paste the status list token (or its status_list JSON) fetched from the uri.".into(),
        );
    }
    let (payload, notes) = if text.starts_with('{') {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| format!("The status list is not valid JSON: {e}."))?;
        (value, Vec::new())
    } else {
        let d = token::decode(text);
        if d.kind != TokenKind::Jws {
            return Err("This is not a status list token: paste the compact JWT served at the uri, or its status_list JSON.".into());
        }
        let mut notes = Vec::new();
        let typ = d.header_param("typ").and_then(Value::as_str);
        if typ != Some("statuslist+jwt") {
            notes.push(format!(
                "The list token's typ is {}; a Status List Token's must be statuslist+jwt.",
                typ.map_or("missing".to_string(), |t| format!("\"{t}\""))
            ));
        }
        let PayloadView::Json(doc) = d.payload else {
            return Err("The status list token's payload is not JSON.".into());
        };
        (doc.value, notes)
    };
    let mut notes = notes;
    let list = payload.get("status_list").unwrap_or(&payload);
    let bits = match list.get("bits").and_then(Value::as_u64) {
        Some(b @ (1 | 2 | 4 | 8)) => b as u8,
        Some(other) => {
            return Err(format!(
                "\"bits\" is {other}; a status list uses 1, 2, 4 or 8 bits per entry."
            ))
        }
        None => return Err("The status list has no \"bits\" (1, 2, 4 or 8).".into()),
    };
    let lst = list
        .get("lst")
        .and_then(Value::as_str)
        .ok_or("The status list has no \"lst\" (the compressed entries, base64url).")?;
    let compressed = base64url::decode_strict(lst).ok_or("\"lst\" is not unpadded base64url.")?;
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&compressed, MAX_LIST_BYTES)
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => format!(
                    "\"lst\" inflates to more than {} MB, so it is refused (a compression bomb?).",
                    MAX_LIST_BYTES / (1024 * 1024)
                ),
                _ => "\"lst\" is not ZLIB-compressed data (RFC 1950), as a status list must be."
                    .into(),
            })?;
    let per_byte = u64::from(8 / bits);
    let size = bytes.len() as u64 * per_byte;
    let idx = reference.idx;
    if idx >= size {
        return Err(format!(
            "Entry {idx} is past the end of the list, which holds {size} entries: the token points to another list, or the list was cut."
        ));
    }
    let byte = bytes[(idx / per_byte) as usize];
    // Entries fill each byte from its least significant bits (§4.1).
    let shift = (idx % per_byte) as u32 * u32::from(bits);
    let mask = ((1u16 << bits) - 1) as u8;
    let value = (byte >> shift) & mask;
    let sub = payload
        .get("sub")
        .and_then(Value::as_str)
        .map(str::to_string);
    match &sub {
        Some(sub) if sub != &reference.uri => notes.push(format!(
            "The list's sub is \"{sub}\", not the token's uri \"{}\": this may be another list.",
            reference.uri
        )),
        _ => {}
    }
    if let Some(exp) = payload.get("exp").and_then(Value::as_i64) {
        if exp < now {
            notes.push(
                "The list token has expired: fetch a fresh one, its statuses may have changed."
                    .into(),
            );
        }
    }
    Ok(Entry {
        value,
        bits,
        size,
        sub,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(bits: u8, bytes: &[u8]) -> String {
        let lst = base64url::encode(&miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6));
        format!(r#"{{"bits":{bits},"lst":"{lst}"}}"#)
    }

    fn at(idx: u64) -> Reference {
        Reference {
            idx,
            uri: "https://example.com/statuslists/1".into(),
        }
    }

    #[test]
    fn the_draft_example_lists_read_entry_by_entry() {
        // draft-ietf-oauth-status-list §4.1: 1-bit entries, status[0] = 1,
        // status[1] = 0, … as bytes 0xB9 0xA3.
        let one_bit = r#"{"bits":1,"lst":"eNrbuRgAAhcBXQ"}"#;
        let values: Vec<u8> = (0..16)
            .map(|i| read_entry(one_bit, &at(i), 0).unwrap().value)
            .collect();
        assert_eq!(values, vec![1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
        // 2-bit entries: 0xC9 0x44 0xF9 → 1,2,0,3, 0,1,0,1, 1,2,3,3.
        let two_bits = r#"{"bits":2,"lst":"eNo76fITAAPfAgc"}"#;
        let values: Vec<u8> = (0..12)
            .map(|i| read_entry(two_bits, &at(i), 0).unwrap().value)
            .collect();
        assert_eq!(values, vec![1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3]);
        let e = read_entry(two_bits, &at(1), 0).unwrap();
        assert_eq!((e.status(), e.size), ("suspended", 12));
    }

    #[test]
    fn a_list_token_and_its_problems() {
        let payload = format!(
            r#"{{"sub":"https://example.com/statuslists/2","exp":10,"status_list":{}}}"#,
            list(8, &[0, 1, 2, 0x10])
        );
        let token = format!(
            "{}.{}.c2ln",
            base64url::encode(br#"{"alg":"ES256","typ":"statuslist+jwt"}"#),
            base64url::encode(payload.as_bytes())
        );
        let e = read_entry(&token, &at(3), 100).unwrap();
        assert_eq!((e.value, e.status()), (0x10, "other"));
        assert_eq!(
            e.notes,
            vec![
                "The list's sub is \"https://example.com/statuslists/2\", not the token's uri \"https://example.com/statuslists/1\": this may be another list.".to_string(),
                "The list token has expired: fetch a fresh one, its statuses may have changed.".to_string(),
            ]
        );
        assert_eq!(
            read_entry(&token, &at(4), 0).unwrap_err(),
            "Entry 4 is past the end of the list, which holds 4 entries: the token points to another list, or the list was cut."
        );
        assert!(read_entry(r#"{"bits":3,"lst":"AA"}"#, &at(0), 0)
            .unwrap_err()
            .contains("1, 2, 4 or 8"));
        assert!(read_entry(r#"{"bits":1,"lst":"AAAA"}"#, &at(0), 0)
            .unwrap_err()
            .contains("ZLIB"));
        let bomb = list(1, &vec![0u8; MAX_LIST_BYTES + 1]);
        assert!(read_entry(&bomb, &at(0), 0)
            .unwrap_err()
            .contains("compression bomb"));
    }
}
