//! The one base64url codec of the app. Decoding is strict about what it
//! accepts but reports, rather than rejects, the standard-base64 alphabet and
//! `=` padding that people often paste, so the token still decodes with a
//! warning.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Why a segment is not base64url. Offsets count characters from the start of
/// the segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base64Problem {
    /// A character outside the base64url alphabet.
    InvalidChar { ch: char, offset: usize },
    /// The length leaves one dangling character, which cannot encode a byte.
    BadLength { len: usize },
    /// The last character has bits set that no encoder would produce.
    TrailingBits { offset: usize },
}

/// Leniencies used while decoding, worth a warning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Base64Notes {
    /// `+` or `/` from standard base64 were read as `-` and `_`.
    pub standard_alphabet: bool,
    /// Trailing `=` padding was ignored.
    pub padding: bool,
}

/// Decodes base64url, accepting standard-base64 characters and trailing
/// padding (reported in the notes).
pub fn decode(segment: &str) -> Result<(Vec<u8>, Base64Notes), Base64Problem> {
    let mut notes = Base64Notes::default();
    let unpadded = segment.trim_end_matches('=');
    if unpadded.len() != segment.len() {
        notes.padding = true;
    }
    // Almost every segment is plain base64url: decode it where it stands
    // (a 10 MB payload would otherwise be copied character by character).
    let normalized: std::borrow::Cow<'_, str> = if unpadded.bytes().all(is_url_safe) {
        std::borrow::Cow::Borrowed(unpadded)
    } else {
        let mut normalized = String::with_capacity(unpadded.len());
        for (offset, ch) in unpadded.chars().enumerate() {
            match ch {
                'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' => normalized.push(ch),
                '+' => {
                    notes.standard_alphabet = true;
                    normalized.push('-');
                }
                '/' => {
                    notes.standard_alphabet = true;
                    normalized.push('_');
                }
                _ => return Err(Base64Problem::InvalidChar { ch, offset }),
            }
        }
        std::borrow::Cow::Owned(normalized)
    };
    if normalized.len() % 4 == 1 {
        return Err(Base64Problem::BadLength {
            len: normalized.len(),
        });
    }
    match URL_SAFE_NO_PAD.decode(normalized.as_bytes()) {
        Ok(bytes) => Ok((bytes, notes)),
        Err(base64::DecodeError::InvalidLastSymbol(offset, _)) => {
            Err(Base64Problem::TrailingBits { offset })
        }
        Err(base64::DecodeError::InvalidByte(offset, byte)) => Err(Base64Problem::InvalidChar {
            ch: char::from(byte),
            offset,
        }),
        Err(_) => Err(Base64Problem::BadLength {
            len: normalized.len(),
        }),
    }
}

fn is_url_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Decodes strict base64url only (no padding, no standard alphabet), as JOSE
/// requires for keys and signatures inside JSON.
pub fn decode_strict(text: &str) -> Option<Vec<u8>> {
    URL_SAFE_NO_PAD.decode(text.as_bytes()).ok()
}

pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Lower-case hex, two digits per byte.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_plain_base64url() {
        let (bytes, notes) = decode("eyJhIjoxfQ").unwrap();
        assert_eq!(bytes, br#"{"a":1}"#);
        assert_eq!(notes, Base64Notes::default());
    }

    #[test]
    fn standard_alphabet_and_padding_decode_with_notes() {
        let (bytes, notes) = decode("-_8=").unwrap();
        let (same, std_notes) = decode("+/8=").unwrap();
        assert_eq!(bytes, same);
        assert!(notes.padding && !notes.standard_alphabet);
        assert!(std_notes.padding && std_notes.standard_alphabet);
    }

    #[test]
    fn reports_the_offending_character_and_its_offset() {
        assert_eq!(
            decode("abc!def"),
            Err(Base64Problem::InvalidChar { ch: '!', offset: 3 })
        );
        assert_eq!(
            decode("ab=c"),
            Err(Base64Problem::InvalidChar { ch: '=', offset: 2 })
        );
        assert_eq!(
            decode("aé"),
            Err(Base64Problem::InvalidChar {
                ch: 'é', offset: 1
            })
        );
    }

    #[test]
    fn rejects_dangling_character_and_trailing_bits() {
        assert_eq!(decode("abcde"), Err(Base64Problem::BadLength { len: 5 }));
        assert_eq!(decode("eB"), Err(Base64Problem::TrailingBits { offset: 1 }));
    }

    #[test]
    fn hex_is_lower_case_pairs() {
        assert_eq!(to_hex(&[0, 0xab, 0x0f]), "00ab0f");
    }
}
