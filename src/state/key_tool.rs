//! The key tool: any key pasted, shown in every form (read in the crypto
//! worker, which has the ASN.1 code).

use yew::AttrValue;

use super::Shared;
use crate::core::engine::{Message, Request};
use crate::core::key_export::KeyForms;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct KeyTool {
    pub text: AttrValue,
    /// Each key's forms (one per JWK Set entry or PEM block).
    pub forms: Shared<Vec<KeyForms>>,
    /// Why the text is not a key.
    pub error: Option<String>,
    pub job: Option<Shared<Message<Request>>>,
}

impl KeyTool {
    /// New text: an empty box shows nothing; anything else is read by the
    /// worker (job numbered from `seq`).
    pub fn input(text: AttrValue, seq: &mut u64) -> KeyTool {
        if text.trim().is_empty() {
            return KeyTool {
                text,
                ..KeyTool::default()
            };
        }
        *seq += 1;
        let job = Shared::new(Message {
            seq: *seq,
            body: Request::Convert {
                key_text: text.to_string(),
            },
        });
        KeyTool {
            text,
            forms: Shared::default(),
            error: None,
            job: Some(job),
        }
    }

    pub fn converted(self, forms: Vec<KeyForms>, error: Option<String>) -> KeyTool {
        KeyTool {
            forms: Shared::new(forms),
            error,
            job: None,
            ..self
        }
    }
}
