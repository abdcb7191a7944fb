//! A JWE in the decoder: what the page can say without a key, the job that
//! decrypts it in the crypto worker, and the plaintext read as a payload.

use yew::AttrValue;

use super::Shared;
use crate::core::engine::{Message, Request};
use crate::core::jwe::{self, Decryption, JweStatus};
use crate::core::keys::SecretEncoding;
use crate::core::token::{self, Decoded, TokenKind};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Jwe {
    /// The decryption in the worker, while it runs.
    pub job: Option<Shared<Message<Request>>>,
    /// The outcome: the page's description while no key is given or the
    /// worker runs, then the worker's answer.
    pub result: Option<Shared<Decryption>>,
    /// The decrypted plaintext read as a token payload (claims, findings).
    pub plaintext: Option<Shared<Decoded>>,
}

/// A JWE opened from here, to go back to: the token and its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Outer {
    pub token: AttrValue,
    pub key_text: AttrValue,
    pub encoding: SecretEncoding,
}

impl Jwe {
    /// Decrypts `decoded` (when it is a JWE) with the key text: in the
    /// worker when there is a key, else the page's description.
    pub fn of(
        decoded: &Shared<Decoded>,
        key_text: &str,
        encoding: SecretEncoding,
        now: i64,
        seq: &mut u64,
    ) -> Jwe {
        if decoded.kind != TokenKind::Jwe {
            return Jwe::default();
        }
        let described = Shared::new(jwe::describe(&decoded.clean.token));
        if key_text.trim().is_empty() || described.status != JweStatus::NoKey {
            return Jwe {
                result: Some(described),
                ..Jwe::default()
            };
        }
        *seq += 1;
        Jwe {
            job: Some(Shared::new(Message {
                seq: *seq,
                body: Request::Decrypt {
                    token: decoded.clean.token.clone(),
                    key_text: key_text.to_string(),
                    encoding,
                    now,
                },
            })),
            result: Some(described),
            plaintext: None,
        }
    }

    /// The worker's answer (or why there is none).
    pub fn answered(decoded: &Decoded, result: Result<Decryption, String>) -> Jwe {
        let decryption = match result {
            Ok(d) => d,
            Err(reason) => {
                let mut d = jwe::describe(&decoded.clean.token);
                d.status = JweStatus::Failed;
                d.message = reason;
                d
            }
        };
        let plaintext = decryption
            .plaintext
            .as_deref()
            .filter(|_| decryption.status == JweStatus::Decrypted)
            .map(|bytes| Shared::new(token::with_payload(decoded, bytes)));
        Jwe {
            job: None,
            result: Some(Shared::new(decryption)),
            plaintext,
        }
    }

    /// `jwe-status`'s `data-status`.
    pub fn status(&self) -> &'static str {
        match (&self.job, &self.result) {
            (Some(_), _) => "checking",
            (None, Some(r)) => r.status.as_str(),
            (None, None) => "no-key",
        }
    }
}
