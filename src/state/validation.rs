//! The Validate view: the settings as typed, the job for the validation
//! worker and its answer.

use std::rc::Rc;

use serde_json::Value;
use yew::AttrValue;

use super::Shared;
use crate::core::engine::{Message, Request};
use crate::core::validate::{Inputs, Validated};
use crate::core::verify::Verdict;

/// Session-storage key of the settings (they last as long as the tab).
pub const SAVED_KEY: &str = "jwt-debugger.validation";

/// One input of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Profile,
    Algs,
    Iss,
    Aud,
    Sub,
    Typ,
    Nonce,
    Required,
    Leeway,
    MaxAge,
    Now,
    AccessToken,
    Code,
    Schema,
    Htm,
    Htu,
}

impl Field {
    /// The input's `data-testid` (the UI contract's names).
    pub fn testid(self) -> &'static str {
        match self {
            Field::Profile => "expect-profile",
            Field::Algs => "expect-alg",
            Field::Iss => "expect-iss",
            Field::Aud => "expect-aud",
            Field::Sub => "expect-sub",
            Field::Typ => "expect-typ",
            Field::Nonce => "expect-nonce",
            Field::Required => "expect-required",
            Field::Leeway => "expect-leeway",
            Field::MaxAge => "expect-max-age",
            Field::Now => "expect-now",
            Field::AccessToken => "expect-access-token",
            Field::Code => "expect-code",
            Field::Schema => "expect-schema",
            Field::Htm => "expect-htm",
            Field::Htu => "expect-htu",
        }
    }

    /// The member of [`Inputs`] (and of the saved JSON) it edits.
    fn slot(self, inputs: &mut Inputs) -> &mut String {
        match self {
            Field::Profile => &mut inputs.profile,
            Field::Algs => &mut inputs.algs,
            Field::Iss => &mut inputs.iss,
            Field::Aud => &mut inputs.aud,
            Field::Sub => &mut inputs.sub,
            Field::Typ => &mut inputs.typ,
            Field::Nonce => &mut inputs.nonce,
            Field::Required => &mut inputs.required,
            Field::Leeway => &mut inputs.leeway,
            Field::MaxAge => &mut inputs.max_age,
            Field::Now => &mut inputs.now_text,
            Field::AccessToken => &mut inputs.access_token,
            Field::Code => &mut inputs.code,
            Field::Schema => &mut inputs.schema,
            Field::Htm => &mut inputs.htm,
            Field::Htu => &mut inputs.htu,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Field::Profile => "profile",
            Field::Algs => "algs",
            Field::Iss => "iss",
            Field::Aud => "aud",
            Field::Sub => "sub",
            Field::Typ => "typ",
            Field::Nonce => "nonce",
            Field::Required => "required",
            Field::Leeway => "leeway",
            Field::MaxAge => "max_age",
            Field::Now => "now_text",
            Field::AccessToken => "access_token",
            Field::Code => "code",
            Field::Schema => "schema",
            Field::Htm => "htm",
            Field::Htu => "htu",
        }
    }

    pub const ALL: [Field; 16] = [
        Field::Profile,
        Field::Algs,
        Field::Iss,
        Field::Aud,
        Field::Sub,
        Field::Typ,
        Field::Nonce,
        Field::Required,
        Field::Leeway,
        Field::MaxAge,
        Field::Now,
        Field::AccessToken,
        Field::Code,
        Field::Schema,
        Field::Htm,
        Field::Htu,
    ];
}

/// Where an SD-JWT's key-binding check stands, for validation.
#[derive(Debug, Clone, PartialEq)]
pub enum KeyBindingCheck {
    /// No KB-JWT to check (or no key to check it with).
    None,
    /// The crypto worker is checking its signature.
    Pending,
    Done(Shared<Verdict>),
}

/// What a validation job was made from: a new job is sent only when one
/// of these changes.
#[derive(Debug, Clone, PartialEq)]
struct Asked {
    token: AttrValue,
    signature: Shared<Verdict>,
    kb_signature: Option<Shared<Verdict>>,
    inputs: Rc<Inputs>,
    clock: i64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Validation {
    pub inputs: Rc<Inputs>,
    /// The newest answer; kept while a newer job runs, so the view does not
    /// flicker on every keystroke.
    pub answer: Option<Shared<Validated>>,
    pub job: Option<Shared<Message<Request>>>,
    /// Why there is no answer: the worker failed, or the signature is still
    /// being checked.
    pub waiting: Option<AttrValue>,
    asked: Option<Asked>,
}

impl Validation {
    /// The settings saved for this tab, if any.
    pub fn restored(saved: Option<String>) -> Validation {
        let inputs = saved
            .and_then(|text| serde_json::from_str::<Value>(&text).ok())
            .map(|v| {
                let mut inputs = Inputs::default();
                for field in Field::ALL {
                    if let Some(s) = v.get(field.key()).and_then(Value::as_str) {
                        *field.slot(&mut inputs) = s.to_string();
                    }
                }
                inputs
            })
            .unwrap_or_default();
        Validation {
            inputs: Rc::new(inputs),
            ..Validation::default()
        }
    }

    /// The settings as the JSON kept in session storage; empty when every
    /// field is.
    pub fn saved(&self) -> String {
        let mut map = serde_json::Map::new();
        let mut inputs = (*self.inputs).clone();
        for field in Field::ALL {
            let value = std::mem::take(field.slot(&mut inputs));
            if !value.is_empty() {
                map.insert(field.key().to_string(), Value::String(value));
            }
        }
        if map.is_empty() {
            return String::new();
        }
        Value::Object(map).to_string()
    }

    pub fn value(&self, field: Field) -> String {
        let mut inputs = (*self.inputs).clone();
        std::mem::take(field.slot(&mut inputs))
    }

    pub fn with(self, field: Field, value: &str) -> Validation {
        let mut inputs = (*self.inputs).clone();
        *field.slot(&mut inputs) = value.to_string();
        Validation {
            inputs: Rc::new(inputs),
            ..self
        }
    }

    /// The clock the answer depends on: none when an instant is given.
    fn clock(&self, now: i64) -> i64 {
        if self.inputs.now_text.trim().is_empty() {
            now
        } else {
            0
        }
    }

    /// A job for the validation worker when what it depends on changed;
    /// `None` while the signature is still being checked.
    pub fn refresh(
        mut self,
        token: &AttrValue,
        signature: &Shared<Verdict>,
        key_binding: KeyBindingCheck,
        now: i64,
        seq: &mut u64,
    ) -> Validation {
        if matches!(key_binding, KeyBindingCheck::Pending) {
            self.job = None;
            self.asked = None;
            self.answer = None;
            self.waiting = Some("Waiting for the key-binding JWT's signature check…".into());
            return self;
        }
        let kb_signature = match key_binding {
            KeyBindingCheck::Done(v) => Some(v),
            _ => None,
        };
        if signature.status == crate::core::verify::Status::Checking {
            self.job = None;
            self.asked = None;
            self.answer = None;
            self.waiting = Some("Waiting for the signature check…".into());
            return self;
        }
        let asked = Asked {
            token: token.clone(),
            signature: signature.clone(),
            kb_signature: kb_signature.clone(),
            inputs: self.inputs.clone(),
            clock: self.clock(now),
        };
        if self.asked.as_ref() == Some(&asked) {
            return self;
        }
        *seq += 1;
        self.job = Some(Shared::new(Message {
            seq: *seq,
            body: Request::Validate(Box::new(crate::core::validate::ValidateJob {
                token: token.to_string(),
                signature: (**signature).clone(),
                kb_signature: kb_signature.map(|v| (*v).clone()),
                inputs: (*self.inputs).clone(),
                clock: now,
            })),
        }));
        self.asked = Some(asked);
        self
    }

    pub fn answered(mut self, answer: Validated) -> Validation {
        self.job = None;
        self.waiting = None;
        self.answer = Some(Shared::new(answer));
        self
    }

    pub fn failed(mut self, reason: &str) -> Validation {
        self.job = None;
        self.answer = None;
        // Asked again on the next change, not on every tick.
        self.waiting = Some(AttrValue::from(reason.to_string()));
        self
    }
}
