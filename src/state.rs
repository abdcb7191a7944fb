//! The app's one state and its reducer. Holds parse results, not only raw
//! text, so components render what the core decided.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::engine::{Message, Request, Response, SummarizeJob, VerifyJob};
use crate::core::keys::{self, SecretEncoding};
use crate::core::token::{self, Decoded};
use crate::core::verify::{self, Route, Status, Verdict, VerifyRequest};
use crate::core::SAMPLE_SECRET;

/// A shared, immutable result that is equal only to itself. Props holding one
/// compare by pointer: a new value is made exactly when its inputs changed,
/// and comparing megabytes of decoded token on every render would cost more
/// than rendering.
#[derive(Debug, Default)]
pub struct Shared<T>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The text as typed or pasted.
    pub raw: AttrValue,
    /// The core's reading of `raw`, recomputed only when `raw` changes.
    pub decoded: Shared<Decoded>,
    /// The key box: secret, PEM, JWK or JWK Set.
    pub key_text: AttrValue,
    pub encoding: SecretEncoding,
    /// Content of a detached payload, when the token's payload part is empty.
    pub detached: AttrValue,
    /// What the key box holds, in words.
    pub key_summary: Shared<Vec<String>>,
    /// Recomputed only when the token, key, encoding or detached payload
    /// changes, never on a clock tick.
    pub verdict: Shared<Verdict>,
    /// `None` follows the system's colour scheme.
    pub theme: Option<Theme>,
    /// Keep the token in local storage across browser restarts.
    pub remember: bool,
    /// Seconds since the epoch, advanced by a timer so relative times move.
    pub now: i64,
    /// The newest request for the crypto worker, numbered; answers to any
    /// other number are stale and dropped.
    pub job: Option<Shared<Message<Request>>>,
    pub job_seq: u64,
}

/// The key summary while the crypto worker is still reading a PEM or JWK.
const READING_KEY: &str = "Reading the key…";

impl AppState {
    pub fn new(raw: &str, now: i64) -> Self {
        let decoded = Shared::new(token::decode(raw));
        AppState {
            raw: AttrValue::from(raw.to_string()),
            decoded,
            key_text: AttrValue::from(SAMPLE_SECRET),
            encoding: SecretEncoding::Utf8,
            detached: AttrValue::default(),
            key_summary: Shared::default(),
            verdict: Shared::new(Verdict::default()),
            theme: None,
            remember: false,
            now,
            job: None,
            job_seq: 0,
        }
        .reverify(true)
    }

    /// The same state with another key in the key box.
    pub fn with_key(self, key_text: AttrValue) -> Self {
        AppState { key_text, ..self }.reverify(true)
    }

    /// Recomputes the verdict (and, when the key changed, its summary): on
    /// the page when it can, else as a job for the crypto worker, showing
    /// `checking` until the answer arrives.
    fn reverify(mut self, key_changed: bool) -> Self {
        let detached = (!self.detached.is_empty()).then(|| self.detached.as_bytes());
        let route = verify::verify_on_page(&VerifyRequest {
            decoded: &self.decoded,
            key_text: &self.key_text,
            encoding: self.encoding,
            detached_payload: detached,
            now: self.now,
        });
        let local_summary = keys::summarize_text(&self.key_text);
        if key_changed {
            self.key_summary = Shared::new(
                local_summary
                    .clone()
                    .unwrap_or_else(|| vec![READING_KEY.to_string()]),
            );
        }
        match route {
            Route::Done(verdict) => {
                self.verdict = Shared::new(verdict);
                // Only the summary of a PEM or JWK may still need the worker:
                // a job already describing this key stays, and a verification
                // dropped half-way leaves its summary to a new job.
                let summarizing = !key_changed
                    && matches!(
                        self.job.as_ref().map(|j| &j.body),
                        Some(Request::Summarize(_))
                    );
                if !summarizing {
                    self.job = self
                        .reading_key()
                        .then(|| self.next_job(Request::Summarize(self.summarize_job())));
                }
            }
            Route::Worker => {
                self.verdict = Shared::new(Verdict::new(
                    Status::Checking,
                    "Checking the signature with the key given…",
                ));
                self.job = Some(self.next_job(Request::Verify(self.verify_job())));
            }
        }
        self
    }

    fn next_job(&mut self, body: Request) -> Shared<Message<Request>> {
        self.job_seq += 1;
        Shared::new(Message {
            seq: self.job_seq,
            body,
        })
    }

    fn verify_job(&self) -> VerifyJob {
        VerifyJob {
            token: self.raw.to_string(),
            key_text: self.key_text.to_string(),
            encoding: self.encoding,
            detached_payload: (!self.detached.is_empty()).then(|| self.detached.to_string()),
            now: self.now,
        }
    }

    fn summarize_job(&self) -> SummarizeJob {
        SummarizeJob {
            key_text: self.key_text.to_string(),
            now: self.now,
        }
    }

    fn reading_key(&self) -> bool {
        self.key_summary.first().map(String::as_str) == Some(READING_KEY)
    }

    /// Whether `seq` is the job still waited for; answers to any other are
    /// stale.
    fn waits_for(&self, seq: u64) -> bool {
        seq == self.job_seq && self.job.is_some()
    }

    /// The worker's answer, if it answers the newest job.
    fn answered(&self, seq: u64, response: Response) -> Option<Self> {
        if !self.waits_for(seq) {
            return None;
        }
        let mut next = AppState {
            job: None,
            ..self.clone()
        };
        match response {
            Response::Verified {
                verdict,
                key_summary,
            } => {
                next.verdict = Shared::new(verdict);
                next.key_summary = Shared::new(key_summary);
            }
            Response::Summary { key_summary } => next.key_summary = Shared::new(key_summary),
            Response::Ready | Response::Spun { .. } | Response::Signed { .. } => {}
            Response::BadRequest(reason) => next = next.failed(&reason),
        }
        Some(next)
    }

    /// The newest job failed (deadline, crash): say so where its answer
    /// would have gone.
    fn failed(mut self, reason: &str) -> Self {
        if self.verdict.status == Status::Checking {
            self.verdict = Shared::new(Verdict::new(Status::KeyError, reason));
        }
        if self.reading_key() {
            self.key_summary = Shared::new(vec![reason.to_string()]);
        }
        self.job = None;
        self
    }
}

pub enum Action {
    SetToken(AttrValue),
    SetKey(AttrValue),
    SetEncoding(SecretEncoding),
    SetDetached(AttrValue),
    Clear,
    SetTheme(Theme),
    SetRemember(bool),
    Tick(i64),
    /// The crypto worker answered job `seq`.
    WorkerAnswered(u64, Response),
    /// Job `seq` failed (past its deadline, or the worker died); says why.
    WorkerFailed(u64, String),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::SetToken(raw) if raw == self.raw => self,
            Action::SetToken(raw) => Rc::new(
                AppState {
                    decoded: Shared::new(token::decode(&raw)),
                    raw,
                    ..(*self).clone()
                }
                .reverify(false),
            ),
            Action::SetKey(key_text) if key_text == self.key_text => self,
            Action::SetKey(key_text) => Rc::new(
                AppState {
                    key_text,
                    ..(*self).clone()
                }
                .reverify(true),
            ),
            Action::SetEncoding(encoding) if encoding == self.encoding => self,
            Action::SetEncoding(encoding) => Rc::new(
                AppState {
                    encoding,
                    ..(*self).clone()
                }
                .reverify(false),
            ),
            Action::SetDetached(detached) if detached == self.detached => self,
            Action::SetDetached(detached) => Rc::new(
                AppState {
                    detached,
                    ..(*self).clone()
                }
                .reverify(false),
            ),
            Action::Clear => Rc::new(
                AppState {
                    decoded: Shared::new(token::decode("")),
                    raw: AttrValue::default(),
                    detached: AttrValue::default(),
                    ..(*self).clone()
                }
                .reverify(false),
            ),
            Action::SetRemember(remember) => Rc::new(AppState {
                remember,
                ..(*self).clone()
            }),
            Action::SetTheme(theme) => Rc::new(AppState {
                theme: Some(theme),
                ..(*self).clone()
            }),
            Action::WorkerAnswered(seq, response) => match self.answered(seq, response) {
                Some(next) => Rc::new(next),
                None => self,
            },
            Action::WorkerFailed(seq, _) if !self.waits_for(seq) => self,
            Action::WorkerFailed(_, reason) => Rc::new((*self).clone().failed(&reason)),
            Action::Tick(now) if now == self.now => self,
            Action::Tick(now) => Rc::new(AppState {
                now,
                ..(*self).clone()
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::verify::Status;
    use crate::core::SAMPLE_TOKEN;

    #[test]
    fn a_key_still_being_read_keeps_its_summary_job() {
        let rs = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
        let pem = AttrValue::from("-----BEGIN PUBLIC KEY-----\nMFk=\n-----END PUBLIC KEY-----");
        let state = Rc::new(AppState::new(rs, 0)).reduce(Action::SetKey(pem.clone()));
        assert_eq!(state.verdict.status, Status::Checking);
        assert!(matches!(
            state.job.as_ref().map(|j| &j.body),
            Some(Request::Verify(_))
        ));
        // The token breaks before the worker answers: the verdict is the
        // page's, and the key is still described, by a new job.
        let broken = state
            .clone()
            .reduce(Action::SetToken(AttrValue::from("not a token")));
        assert_eq!(broken.verdict.status, Status::Malformed);
        let summarize = broken.job.clone().expect("a job for the summary");
        assert!(matches!(summarize.body, Request::Summarize(_)));
        // The old verification's answer is stale; the summary's is not.
        let stale = broken.clone().reduce(Action::WorkerAnswered(
            state.job_seq,
            Response::Verified {
                verdict: Verdict::new(Status::Valid, "old"),
                key_summary: vec!["old".into()],
            },
        ));
        assert!(Rc::ptr_eq(&stale, &broken));
        // Editing the token again keeps the summary job in flight.
        let edited = broken
            .clone()
            .reduce(Action::SetToken(AttrValue::from("still not")));
        assert_eq!(edited.job_seq, broken.job_seq);
        let done = edited.reduce(Action::WorkerAnswered(
            summarize.seq,
            Response::Summary {
                key_summary: vec!["EC P-256 key".into()],
            },
        ));
        assert_eq!(*done.key_summary, vec!["EC P-256 key".to_string()]);
        assert_eq!(done.verdict.status, Status::Malformed);
    }

    #[test]
    fn decodes_only_when_the_token_changes() {
        let state = Rc::new(AppState::new(SAMPLE_TOKEN, 0));
        let same = state
            .clone()
            .reduce(Action::SetToken(AttrValue::from(SAMPLE_TOKEN)));
        assert!(Rc::ptr_eq(&state, &same));
        let ticked = state.clone().reduce(Action::Tick(5));
        assert!(state.decoded == ticked.decoded);
        assert!(state.verdict == ticked.verdict);
        assert_eq!(state.verdict.status, Status::Valid);
        let wrong = state
            .clone()
            .reduce(Action::SetKey(AttrValue::from("nope")));
        assert_eq!(wrong.verdict.status, Status::Invalid);
        assert!(wrong.decoded == state.decoded);
        let cleared = ticked.reduce(Action::Clear);
        assert_eq!(cleared.raw, "");
        assert_eq!(cleared.decoded.kind, token::TokenKind::Empty);
    }
}
