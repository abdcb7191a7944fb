//! Editing a decoded token in place: the header and payload JSON become the
//! token again, re-signed when the key box holds something that can sign.

use yew::AttrValue;

use super::Shared;
use crate::core::engine::{Message, Request};
use crate::core::json;
use crate::core::token::{Decoded, PayloadView, TokenKind};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Edit {
    /// The editors are shown.
    pub open: bool,
    pub header: AttrValue,
    pub payload: AttrValue,
    /// The JSON was changed since the editors were filled from the token, so
    /// a new key re-signs it.
    pub dirty: bool,
    /// The JSON cannot be read (part and line:column); the token stays as it
    /// last was.
    pub error: Option<String>,
    /// Why the token kept its old signature.
    pub note: Option<String>,
    /// Re-signing with a PEM or JWK, in the crypto worker.
    pub job: Option<Shared<Message<Request>>>,
}

impl Edit {
    /// Whether a token can be edited: a JWS whose header and payload are JSON.
    pub fn possible(decoded: &Decoded) -> bool {
        decoded.kind == TokenKind::Jws
            && decoded.header.is_some()
            && matches!(decoded.payload, PayloadView::Json(_))
    }

    /// Open editors filled with the token's JSON, pretty-printed as shown.
    pub fn of(decoded: &Decoded) -> Edit {
        let payload = match &decoded.payload {
            PayloadView::Json(doc) => json::pretty(doc),
            _ => String::new(),
        };
        Edit {
            open: Edit::possible(decoded),
            header: decoded
                .header
                .as_ref()
                .map(json::pretty)
                .unwrap_or_default()
                .into(),
            payload: payload.into(),
            ..Edit::default()
        }
    }

    /// What a note about the kept signature says.
    pub fn not_resigned(reason: &str) -> String {
        format!(
            "Not re-signed: {reason} The token keeps its old signature, which no longer matches."
        )
    }
}
