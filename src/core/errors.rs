//! Decoding errors as values: each says what is wrong, where, and what to do.

use std::fmt;

/// The segments of a compact JWS (and the first of a JWE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Segment {
    Header,
    Payload,
    Signature,
}

impl Segment {
    pub fn name(self) -> &'static str {
        match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        }
    }

    /// 1-based position in the token, as people count parts.
    pub fn number(self) -> usize {
        match self {
            Segment::Header => 1,
            Segment::Payload => 2,
            Segment::Signature => 3,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    // The shape of the token.
    /// Nothing was entered.
    Empty,
    /// Not 3 dot-separated parts (and not a 5-part JWE).
    WrongPartCount {
        found: usize,
    },
    /// A segment that must hold data is empty.
    EmptySegment,

    // Base64url. Offsets are character offsets.
    InvalidChar {
        ch: char,
        offset: usize,
        token_offset: usize,
    },
    BadLength {
        len: usize,
    },
    TrailingBits {
        offset: usize,
    },

    // The decoded content.
    InvalidUtf8 {
        byte_offset: usize,
    },
    JsonSyntax {
        line: usize,
        column: usize,
        message: String,
    },
    NotAnObject {
        found: &'static str,
    },
    MissingAlg,
    AlgNotString {
        found: &'static str,
    },
    /// A JWS or JWE in JSON serialization that cannot be read; the message
    /// says what and where.
    JsonSerialization {
        message: String,
    },
}

/// A decoding failure in one segment (or of the whole token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub segment: Option<Segment>,
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    pub fn whole(kind: DecodeErrorKind) -> Self {
        DecodeError {
            segment: None,
            kind,
        }
    }

    pub fn at(segment: Segment, kind: DecodeErrorKind) -> Self {
        DecodeError {
            segment: Some(segment),
            kind,
        }
    }
}

fn describe_char(ch: char) -> String {
    if ch.is_control() || ch.is_whitespace() || !ch.is_ascii_graphic() && (ch as u32) < 0x250 {
        format!("U+{:04X}", ch as u32)
    } else {
        format!("'{ch}' (U+{:04X})", ch as u32)
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = match self.segment {
            Some(s) => format!("The {} (part {})", s.name(), s.number()),
            None => "The token".to_string(),
        };
        match &self.kind {
            DecodeErrorKind::Empty => write!(f, "Paste a token to decode it."),
            DecodeErrorKind::WrongPartCount { found } => write!(
                f,
                "A JWT has 3 parts separated by dots (header.payload.signature); this input has {found}{}. Check that the whole token was copied.",
                if *found == 1 { " part (no dots)" } else { " parts" }
            ),
            DecodeErrorKind::EmptySegment => {
                write!(f, "{part} is empty. Every part of a JWT must hold base64url data.")
            }
            DecodeErrorKind::InvalidChar {
                ch,
                offset,
                token_offset,
            } => write!(
                f,
                "{part} has a character that is not base64url: {} at offset {offset} of the part (character {token_offset} of the token). Only A–Z, a–z, 0–9, '-' and '_' may appear.",
                describe_char(*ch)
            ),
            DecodeErrorKind::BadLength { len } => write!(
                f,
                "{part} is {len} characters long, which no base64url encoding produces (one character too many or too few). The part may be truncated."
            ),
            DecodeErrorKind::TrailingBits { offset } => write!(
                f,
                "{part} ends with a character that has stray bits set (offset {offset}); a correct encoder never produces it. The part was probably edited or truncated."
            ),
            DecodeErrorKind::InvalidUtf8 { byte_offset } => write!(
                f,
                "{part} is not valid UTF-8 text: the bytes go wrong at byte {byte_offset}. It must be UTF-8 encoded JSON."
            ),
            DecodeErrorKind::JsonSyntax {
                line,
                column,
                message,
            } => write!(
                f,
                "{part} is not valid JSON: {message} at line {line}, column {column}."
            ),
            DecodeErrorKind::NotAnObject { found } => write!(
                f,
                "{part} is JSON but not an object (it is {found}); a JWT {} must be a JSON object.",
                match self.segment {
                    Some(Segment::Header) => "header",
                    _ => "claims set",
                }
            ),
            DecodeErrorKind::MissingAlg => write!(
                f,
                "{part} has no \"alg\" member, so nobody can tell how the token is signed. Every JWS header must name its algorithm."
            ),
            DecodeErrorKind::AlgNotString { found } => write!(
                f,
                "{part} has \"alg\" as {found}; it must be a string such as \"HS256\" or \"RS256\"."
            ),
            DecodeErrorKind::JsonSerialization { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for DecodeError {}
