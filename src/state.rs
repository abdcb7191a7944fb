//! The app's one state and its reducer. Holds parse results, not only raw
//! text, so components render what the core decided.

mod crack;
mod edit;
mod encoder;
pub mod jwe;
mod key_tool;
pub mod validation;

use std::rc::Rc;

use yew::prelude::*;

pub use crack::{Crack, CrackStatus};
pub use edit::Edit;
pub use encoder::Encoder;
pub use jwe::Jwe;
pub use key_tool::KeyTool;
pub use validation::Validation;

use crate::core::engine::{Message, Request, Response, SignJob, SummarizeJob, VerifyJob};
use crate::core::findings::Finding;
use crate::core::keys::{self, SecretEncoding};
use crate::core::sign::{self, PageSigning};
use crate::core::token::{self, Decoded};
use crate::core::verify::{self, Route, Status, Verdict, VerifyRequest};
use crate::core::SAMPLE_SECRET;
use crate::core::{dpop, sd_jwt, status_list};

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

impl<T> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
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

/// The views, as tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Decode,
    Encode,
    Keys,
    /// Would a server accept it: the decoder with the validation panel.
    Validate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub mode: Mode,
    /// The text as typed or pasted.
    pub raw: AttrValue,
    /// The core's reading of `raw`, recomputed only when `raw` changes.
    pub decoded: Shared<Decoded>,
    /// The key box: secret, PEM, JWK or JWK Set.
    pub key_text: AttrValue,
    pub encoding: SecretEncoding,
    /// Content of a detached payload, when the token's payload part is empty.
    pub detached: AttrValue,
    /// A status list token pasted to check the token's `status` entry.
    pub status_list: AttrValue,
    /// Reading that entry, in the crypto worker.
    pub status_job: Option<Shared<Message<Request>>>,
    /// The entry, or why the list cannot be read.
    pub status_read: Option<Shared<Result<status_list::Entry, String>>>,
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
    /// The decoded token's header and payload as editable JSON.
    pub edit: Edit,
    pub encoder: Encoder,
    pub key_tool: KeyTool,
    /// The well-known-secret check of the decoded token.
    pub crack: Crack,
    /// Findings only the crypto worker can make (the x5c chain), and the
    /// job asking for them.
    pub chain_findings: Shared<Vec<Finding>>,
    pub inspect_job: Option<Shared<Message<Request>>>,
    /// An SD-JWT's KB-JWT checked with the holder's `cnf.jwk` in the crypto
    /// worker: the job, then its verdict.
    pub kb_job: Option<Shared<Message<Request>>>,
    pub kb_verdict: Option<Shared<Verdict>>,
    /// A KB-JWT the holder asked to sign for a presentation: the job, then
    /// the presentation it was made for and the signed KB-JWT (or why not).
    pub kb_sign_job: Option<Shared<Message<Request>>>,
    pub kb_signed: Option<(AttrValue, Result<String, String>)>,
    /// The presentation the KB-JWT being signed is for.
    pub kb_sign_for: AttrValue,
    /// The Validate view's settings and verdict.
    pub validation: Validation,
    /// A JWE's decryption.
    pub jwe: Jwe,
    /// The JWE whose nested token is shown, to go back to.
    pub outer: Option<jwe::Outer>,
    /// Long JSON lines wrap; off, they scroll sideways.
    pub wrap_json: bool,
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
            status_list: AttrValue::default(),
            status_job: None,
            status_read: None,
            key_summary: Shared::default(),
            verdict: Shared::new(Verdict::default()),
            theme: None,
            remember: false,
            now,
            job: None,
            job_seq: 0,
            mode: Mode::Decode,
            edit: Edit::default(),
            encoder: Encoder::new(now),
            key_tool: KeyTool::default(),
            crack: Crack::default(),
            chain_findings: Shared::default(),
            inspect_job: None,
            kb_job: None,
            kb_verdict: None,
            kb_sign_job: None,
            kb_signed: None,
            kb_sign_for: AttrValue::default(),
            validation: Validation::default(),
            jwe: Jwe::default(),
            outer: None,
            wrap_json: true,
        }
        .reverify(true)
        .inspect()
        .sign_encoder()
    }

    /// The same state with another key in the key box.
    pub fn with_key(self, key_text: AttrValue) -> Self {
        AppState { key_text, ..self }.reverify(true)
    }

    /// Asks the worker for the token's entry in the pasted status list.
    fn read_status(mut self) -> Self {
        self.status_job = None;
        self.status_read = None;
        let reference = self.decoded.claims().and_then(status_list::reference);
        if let (Some(reference), false) = (reference, self.status_list.trim().is_empty()) {
            let job = Request::ReadStatus {
                text: self.status_list.to_string(),
                reference,
                now: self.now,
            };
            self.status_job = Some(self.next_job(job));
        }
        self
    }

    /// Asks the worker about the header's x5c chain, if there is one.
    fn inspect(mut self) -> Self {
        self.chain_findings = Shared::default();
        self.inspect_job = None;
        self.kb_job = None;
        self.kb_verdict = None;
        self.kb_sign_job = None;
        self.kb_signed = None;
        let holder = self.decoded.sd.as_ref().and_then(|sd| {
            let kb_jwt = sd.parts.kb_jwt.clone()?;
            let token::PayloadView::Json(doc) = &self.decoded.payload else {
                return None;
            };
            Some((kb_jwt, sd_jwt::holder_key(&doc.value)?))
        });
        if let Some((kb_jwt, jwk)) = holder {
            let job = Request::Verify(VerifyJob {
                token: kb_jwt,
                key_text: jwk,
                encoding: SecretEncoding::Utf8,
                detached_payload: None,
                now: self.now,
            });
            self.kb_job = Some(self.next_job(job));
        }
        if self.decoded.header_param("x5c").is_some() {
            let job = Request::Inspect {
                token: self.decoded.clean.token.clone(),
                now: self.now,
            };
            self.inspect_job = Some(self.next_job(job));
        }
        self.read_status()
    }

    /// In the Validate view, asks the validation worker again when the
    /// token, its verdict, the settings or (evaluating at now) the clock
    /// moved.
    fn revalidate(mut self) -> Self {
        if self.mode != Mode::Validate {
            return self;
        }
        let mut seq = self.job_seq;
        let key_binding = match (&self.kb_verdict, &self.kb_job) {
            (Some(v), _) => validation::KeyBindingCheck::Done(v.clone()),
            (None, Some(_)) => validation::KeyBindingCheck::Pending,
            (None, None) => validation::KeyBindingCheck::None,
        };
        self.validation = self.validation.clone().refresh(
            &self.raw,
            &self.verdict,
            key_binding,
            self.now,
            &mut seq,
        );
        self.job_seq = seq;
        self
    }

    fn sign_encoder(self) -> Self {
        self.with_encoder(Encoder::resign)
    }

    /// The token as typed or pasted (editors follow it when open).
    fn with_token(self, raw: AttrValue) -> Self {
        let decoded = Shared::new(token::decode(&raw));
        let edit = if self.edit.open {
            Edit::of(&decoded)
        } else {
            Edit::default()
        };
        AppState {
            decoded,
            raw,
            edit,
            crack: self.crack.clone().reset(),
            ..self
        }
        .reverify(false)
        .inspect()
    }

    /// The token the editors' JSON makes: re-signed when the key can sign
    /// (HMAC on the page, a PEM or JWK in the worker), else with its old
    /// signature and a note saying why. Broken JSON leaves the token as it
    /// was and says where.
    fn apply_edit(mut self) -> Self {
        self.edit.job = None;
        self.edit.note = None;
        let (alg, input) = match sign::signing_input(&self.edit.header, &self.edit.payload) {
            Err(e) => {
                self.edit.error = Some(e);
                return self;
            }
            Ok(parts) => parts,
        };
        self.edit.error = None;
        let old_signature = self.decoded.jws_text().rsplit('.').next().unwrap_or("");
        let kept = format!("{input}.{old_signature}");
        let raw = match sign::sign_on_page(&alg, &input, &self.key_text, self.encoding) {
            PageSigning::Signed(token) => token,
            PageSigning::Cannot(reason) => {
                self.edit.note = Some(Edit::not_resigned(&reason));
                kept
            }
            PageSigning::NeedsWorker => {
                let job = Request::Sign(SignJob {
                    header: self.edit.header.to_string(),
                    payload: self.edit.payload.to_string(),
                    key_text: self.key_text.to_string(),
                    encoding: self.encoding,
                    all_keys: false,
                });
                self.edit.job = Some(self.next_job(job));
                kept
            }
        };
        self.set_raw(raw)
    }

    /// A token the app wrote (not typed): the editors keep their text.
    fn set_raw(self, raw: String) -> Self {
        AppState {
            decoded: Shared::new(token::decode(&raw)),
            raw: raw.into(),
            crack: self.crack.clone().reset(),
            ..self
        }
        .reverify(false)
        .inspect()
    }

    /// After the key or its encoding changed: an edited token is re-signed
    /// with it, any other is checked against it.
    fn rekeyed(self, key_changed: bool) -> Self {
        if self.edit.open && self.edit.dirty {
            let next = self.apply_edit();
            if key_changed {
                next.reverify(true)
            } else {
                next
            }
        } else {
            self.reverify(key_changed)
        }
    }

    /// Recomputes the verdict (and, when the key changed, its summary): on
    /// the page when it can, else as a job for the crypto worker, showing
    /// `checking` until the answer arrives.
    fn reverify(mut self, key_changed: bool) -> Self {
        let mut seq = self.job_seq;
        self.jwe = Jwe::of(
            &self.decoded,
            &self.key_text,
            self.encoding,
            self.now,
            &mut seq,
        );
        self.job_seq = seq;
        let detached = (!self.detached.is_empty()).then(|| self.detached.as_bytes());
        // A DPoP proof with the key box empty is checked with its own jwk.
        let key_text = match self.proof_key() {
            Some(Err(why)) => {
                self.verdict = Shared::new(Verdict::new(Status::KeyError, why));
                self.job = None;
                return self;
            }
            Some(Ok(jwk)) => AttrValue::from(jwk),
            None => self.key_text.clone(),
        };
        let route = verify::verify_on_page(&VerifyRequest {
            decoded: &self.decoded,
            key_text: &key_text,
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
        if self.edit.job.is_some() {
            // The worker is re-signing: its token is checked when it comes.
            self.verdict = Shared::new(Verdict::new(
                Status::Checking,
                "Re-signing the edited token with the key given…",
            ));
            self.job = None;
            return self;
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

    /// The key of a DPoP proof (its header `jwk`) when the key box is empty.
    fn proof_key(&self) -> Option<Result<String, String>> {
        if !self.key_text.trim().is_empty() {
            return None;
        }
        dpop::proof_key(&self.decoded)
    }

    fn verify_job(&self) -> VerifyJob {
        VerifyJob {
            token: self.raw.to_string(),
            key_text: match self.proof_key() {
                Some(Ok(jwk)) => jwk,
                _ => self.key_text.to_string(),
            },
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

    /// Whether `seq` is the verification job still waited for; answers to
    /// any other are stale.
    fn waits_for(&self, seq: u64) -> bool {
        is_job(&self.job, seq)
    }

    /// The worker's answer, if it answers a job still waited for.
    fn answered(&self, seq: u64, response: Response, at_ms: f64) -> Option<Self> {
        if is_job(&self.jwe.job, seq) {
            let mut next = self.clone();
            let result = match response {
                Response::Decrypted {
                    decryption,
                    key_summary,
                } => {
                    next.key_summary = Shared::new(key_summary);
                    Ok(decryption)
                }
                Response::BadRequest(reason) => Err(reason),
                _ => Err("The crypto worker gave an answer that is not a decryption.".into()),
            };
            next.jwe = Jwe::answered(&next.decoded, result);
            return Some(next);
        }
        if is_job(&self.validation.job, seq) {
            let mut next = self.clone();
            next.validation = match response {
                Response::Validated(answer) => next.validation.answered(answer),
                Response::BadRequest(reason) => next.validation.failed(&reason),
                _ => next
                    .validation
                    .failed("The validation worker gave an unexpected answer."),
            };
            return Some(next);
        }
        if is_job(&self.kb_sign_job, seq) {
            let mut next = self.clone();
            next.kb_sign_job = None;
            next.kb_signed = Some((next.kb_sign_for.clone(), signed(response).map(|(t, _)| t)));
            return Some(next);
        }
        if is_job(&self.kb_job, seq) {
            let mut next = self.clone();
            next.kb_job = None;
            next.kb_verdict = Some(Shared::new(match response {
                Response::Verified { verdict, .. } => verdict,
                Response::BadRequest(reason) => Verdict::new(Status::KeyError, reason),
                _ => Verdict::new(
                    Status::KeyError,
                    "The crypto worker gave an unexpected answer.",
                ),
            }));
            return Some(next);
        }
        if is_job(&self.status_job, seq) {
            let mut next = self.clone();
            next.status_job = None;
            next.status_read = Some(Shared::new(match response {
                Response::StatusRead {
                    entry: Some(entry), ..
                } => Ok(entry),
                Response::StatusRead { error, .. } => Err(error.unwrap_or_default()),
                _ => Err("The crypto worker gave an unexpected answer.".into()),
            }));
            return Some(next);
        }
        if is_job(&self.inspect_job, seq) {
            let mut next = self.clone();
            next.inspect_job = None;
            if let Response::Inspected { findings } = response {
                next.chain_findings = Shared::new(findings);
            }
            return Some(next);
        }
        if is_job(&self.crack.job, seq) {
            let mut next = self.clone();
            let mut job_seq = next.job_seq;
            next.crack = match response {
                Response::Swept(result) => next.crack.swept(result, at_ms, &mut job_seq),
                Response::BadRequest(reason) => next.crack.failed(&reason),
                _ => next
                    .crack
                    .failed("the crypto worker gave an unexpected answer"),
            };
            next.job_seq = job_seq;
            return Some(next);
        }
        if is_job(&self.edit.job, seq) {
            return Some(
                self.clone()
                    .resigned(signed(response).map(|(token, _)| token)),
            );
        }
        if is_job(&self.encoder.job, seq) {
            return Some(self.clone().encoded(signed(response)));
        }
        if is_job(&self.encoder.encryption, seq) {
            let result = match response {
                Response::Encrypted {
                    token: Some(token), ..
                } => Ok(token),
                Response::Encrypted {
                    error: Some(error), ..
                }
                | Response::BadRequest(error) => Err(error),
                _ => Err("The crypto worker gave an answer that is not a JWE.".into()),
            };
            let mut next = self.clone();
            next.encoder = next.encoder.encrypted(result);
            return Some(next);
        }
        if is_job(&self.encoder.generation, seq) {
            let result = match response {
                Response::Generated { key: Some(key), .. } => Ok(key),
                Response::Generated {
                    error: Some(error), ..
                }
                | Response::BadRequest(error) => Err(error),
                _ => Err("the crypto worker gave an answer that is not a key".into()),
            };
            return Some(
                self.clone()
                    .with_encoder(|e, seq| e.generated_key(result, seq)),
            );
        }
        if is_job(&self.key_tool.job, seq) {
            let (forms, error) = match response {
                Response::Converted { forms, error } => (forms, error),
                Response::BadRequest(error) => (Vec::new(), Some(error)),
                _ => (
                    Vec::new(),
                    Some("the crypto worker gave an unexpected answer".into()),
                ),
            };
            let mut next = self.clone();
            next.key_tool = next.key_tool.converted(forms, error);
            return Some(next);
        }
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
            Response::Ready
            | Response::Spun { .. }
            | Response::Signed { .. }
            | Response::Generated { .. }
            | Response::Converted { .. }
            | Response::Swept(_)
            | Response::Decrypted { .. }
            | Response::Encrypted { .. }
            | Response::Inspected { .. }
            | Response::StatusRead { .. }
            | Response::Validated(_) => {}
            Response::BadRequest(reason) => next = next.failed(&reason),
        }
        Some(next)
    }

    /// Job `seq` failed (deadline, crash), if it is still waited for.
    fn job_failed(&self, seq: u64, reason: &str) -> Option<Self> {
        if is_job(&self.jwe.job, seq) {
            let mut next = self.clone();
            next.jwe = Jwe::answered(&next.decoded, Err(reason.to_string()));
            Some(next)
        } else if is_job(&self.validation.job, seq) {
            let mut next = self.clone();
            next.validation = next.validation.failed(reason);
            Some(next)
        } else if is_job(&self.status_job, seq) {
            let mut next = self.clone();
            next.status_job = None;
            next.status_read = Some(Shared::new(Err(reason.to_string())));
            Some(next)
        } else if is_job(&self.kb_sign_job, seq) {
            let mut next = self.clone();
            next.kb_sign_job = None;
            next.kb_signed = Some((next.kb_sign_for.clone(), Err(reason.to_string())));
            Some(next)
        } else if is_job(&self.edit.job, seq) {
            Some(self.clone().resigned(Err(reason.to_string())))
        } else if is_job(&self.encoder.job, seq) {
            Some(self.clone().encoded(Err(reason.to_string())))
        } else if is_job(&self.encoder.encryption, seq) {
            let mut next = self.clone();
            next.encoder = next.encoder.encrypted(Err(reason.to_string()));
            Some(next)
        } else if is_job(&self.encoder.generation, seq) {
            let result = Err(reason.to_string());
            Some(
                self.clone()
                    .with_encoder(|e, seq| e.generated_key(result, seq)),
            )
        } else if is_job(&self.key_tool.job, seq) {
            let mut next = self.clone();
            next.key_tool = next
                .key_tool
                .converted(Vec::new(), Some(reason.to_string()));
            Some(next)
        } else if self.waits_for(seq) {
            Some(self.clone().failed(reason))
        } else {
            None
        }
    }

    /// The worker re-signed the edited token, or said why it cannot.
    fn resigned(mut self, result: Result<String, String>) -> Self {
        self.edit.job = None;
        match result {
            Ok(token) => self.set_raw(token),
            Err(reason) => {
                self.edit.note = Some(Edit::not_resigned(&reason));
                self.reverify(false)
            }
        }
    }

    /// The worker signed the encoder's token, or said why it cannot.
    fn encoded(self, result: Result<(String, Option<String>), String>) -> Self {
        self.with_encoder(|e, seq| e.signed(result, seq))
    }

    fn with_encoder(mut self, change: impl FnOnce(Encoder, &mut u64) -> Encoder) -> Self {
        let mut seq = self.job_seq;
        self.encoder = change(self.encoder, &mut seq);
        self.job_seq = seq;
        self
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

/// Whether `job` is the one numbered `seq`.
fn is_job(job: &Option<Shared<Message<Request>>>, seq: u64) -> bool {
    job.as_ref().is_some_and(|j| j.seq == seq)
}

/// A signing answer as a result: the token and the public key that
/// verifies it.
fn signed(response: Response) -> Result<(String, Option<String>), String> {
    match response {
        Response::Signed {
            token: Some(token),
            public_pem,
            ..
        } => Ok((token, public_pem)),
        Response::Signed {
            error: Some(error), ..
        } => Err(error),
        Response::BadRequest(reason) => Err(reason),
        _ => Err("the crypto worker gave an answer that is not a signature".into()),
    }
}

/// What the holder gives to sign a key-binding JWT.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyBindingRequest {
    /// The presentation (issuer-signed JWT and disclosures, ending in `~`).
    pub presentation: AttrValue,
    pub alg: AttrValue,
    pub aud: AttrValue,
    pub nonce: AttrValue,
    /// The holder's private key (PEM or JWK).
    pub key_text: AttrValue,
}

pub enum Action {
    SetMode(Mode),
    SetToken(AttrValue),
    SetKey(AttrValue),
    SetEncoding(SecretEncoding),
    SetDetached(AttrValue),
    SetStatusList(AttrValue),
    Clear,
    SetTheme(Theme),
    SetRemember(bool),
    Tick(i64),
    /// Show or hide the decoded token's editors.
    ToggleEdit,
    EditHeader(AttrValue),
    EditPayload(AttrValue),
    EncoderHeader(AttrValue),
    EncoderPayload(AttrValue),
    EncoderAlg(AttrValue),
    EncoderKey(AttrValue),
    EncoderEncoding(SecretEncoding),
    /// Set one payload claim in the encoder (`iat` now, a random `jti`, …).
    EncoderClaim(&'static str, serde_json::Value),
    /// The encoder's token, with the key that verifies it, into the decoder.
    OpenInDecoder,
    /// Generate a key for the encoder's algorithm.
    Generate,
    CancelGenerate,
    /// RSA modulus bits for generation.
    SetRsaBits(usize),
    /// Sign then encrypt, or only sign.
    EncoderEncrypt(bool),
    EncoderJweAlg(AttrValue),
    EncoderJweEnc(AttrValue),
    EncoderJweKey(AttrValue),
    /// `compact`, `flattened` or `general`.
    EncoderSerialization(AttrValue),
    /// Text in the key tool.
    KeyToolInput(AttrValue),
    /// Try the well-known secrets against the token (started at this
    /// `performance.now()`).
    CrackSecret(f64),
    /// The secret list arrived, or why it could not be loaded.
    CrackList(Result<Shared<Vec<String>>, String>),
    /// Put the secret the check found into the key box.
    UseFoundSecret,
    /// The crypto worker answered job `seq` (at this `performance.now()`).
    WorkerAnswered(u64, Response, f64),
    /// Job `seq` failed (past its deadline, or the worker died); says why.
    WorkerFailed(u64, String),
    /// A validation setting, as typed.
    Expect(validation::Field, AttrValue),
    /// The decrypted JWE's nested token into the decoder (its signer's key
    /// is asked for), remembering the JWE.
    OpenNested,
    /// Sign a KB-JWT for an SD-JWT presentation, in the crypto worker.
    SignKeyBinding(KeyBindingRequest),
    /// Back to the JWE the nested token came from.
    BackToOuter,
    /// Wrap long JSON lines, or not.
    ToggleWrap,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let after = self.step(action);
        if after.mode != Mode::Validate {
            return after;
        }
        let revalidated = (*after).clone().revalidate();
        if revalidated.validation == after.validation {
            after
        } else {
            Rc::new(revalidated)
        }
    }
}

impl AppState {
    fn step(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = |s: AppState| Rc::new(s);
        let this = || (*self).clone();
        match action {
            Action::SetMode(mode) if mode == self.mode => self,
            Action::SetMode(mode) => next(AppState { mode, ..this() }),
            Action::SetToken(raw) if raw == self.raw => self,
            Action::SetToken(raw) => next(
                AppState {
                    outer: None,
                    ..this()
                }
                .with_token(raw),
            ),
            Action::SignKeyBinding(req) => {
                let mut state = this();
                let hash = state
                    .decoded
                    .sd
                    .as_ref()
                    .and_then(|sd| sd.processed.as_ref())
                    .map_or(sd_jwt::HashAlg::Sha256, |p| p.hash_alg);
                let header = serde_json::json!({"typ": "kb+jwt", "alg": req.alg.as_str()});
                let payload = serde_json::json!({
                    "iat": state.now,
                    "aud": req.aud.as_str(),
                    "nonce": req.nonce.as_str(),
                    "sd_hash": hash.digest(&req.presentation),
                });
                let job = Request::Sign(SignJob {
                    header: header.to_string(),
                    payload: payload.to_string(),
                    key_text: req.key_text.to_string(),
                    encoding: SecretEncoding::Utf8,
                    all_keys: false,
                });
                state.kb_sign_job = Some(state.next_job(job));
                state.kb_sign_for = req.presentation;
                state.kb_signed = None;
                next(state)
            }
            Action::OpenNested => match self.jwe.result.as_ref().and_then(|r| r.nested.clone()) {
                None => self,
                Some(nested) => {
                    let outer = jwe::Outer {
                        token: self.raw.clone(),
                        key_text: self.key_text.clone(),
                        encoding: self.encoding,
                    };
                    let state = AppState {
                        outer: Some(outer),
                        key_text: AttrValue::default(),
                        edit: Edit::default(),
                        ..this()
                    };
                    next(state.with_token(nested.into()).reverify(true))
                }
            },
            Action::BackToOuter => match self.outer.clone() {
                None => self,
                Some(outer) => {
                    let state = AppState {
                        outer: None,
                        key_text: outer.key_text,
                        encoding: outer.encoding,
                        ..this()
                    };
                    next(state.with_token(outer.token).reverify(true))
                }
            },
            Action::SetKey(key_text) if key_text == self.key_text => self,
            Action::SetKey(key_text) => next(AppState { key_text, ..this() }.rekeyed(true)),
            Action::SetEncoding(encoding) if encoding == self.encoding => self,
            Action::SetEncoding(encoding) => next(AppState { encoding, ..this() }.rekeyed(false)),
            Action::SetStatusList(status_list) => next(
                AppState {
                    status_list,
                    ..this()
                }
                .read_status(),
            ),
            Action::SetDetached(detached) if detached == self.detached => self,
            Action::SetDetached(detached) => next(AppState { detached, ..this() }.reverify(false)),
            Action::Clear => next(
                AppState {
                    detached: AttrValue::default(),
                    outer: None,
                    ..this()
                }
                .with_token(AttrValue::default()),
            ),
            Action::SetRemember(remember) => next(AppState { remember, ..this() }),
            Action::SetTheme(theme) => next(AppState {
                theme: Some(theme),
                ..this()
            }),
            Action::ToggleEdit => {
                let edit = if self.edit.open {
                    Edit {
                        open: false,
                        ..self.edit.clone()
                    }
                } else {
                    Edit::of(&self.decoded)
                };
                next(AppState { edit, ..this() })
            }
            Action::EditHeader(text) if text == self.edit.header => self,
            Action::EditHeader(header) => {
                let mut state = this();
                state.edit.header = header;
                state.edit.dirty = true;
                next(state.apply_edit())
            }
            Action::EditPayload(text) if text == self.edit.payload => self,
            Action::EditPayload(payload) => {
                let mut state = this();
                state.edit.payload = payload;
                state.edit.dirty = true;
                next(state.apply_edit())
            }
            Action::EncoderHeader(header) => {
                next(this().with_encoder(|e, seq| Encoder { header, ..e }.resign(seq)))
            }
            Action::EncoderPayload(payload) => {
                next(this().with_encoder(|e, seq| Encoder { payload, ..e }.resign(seq)))
            }
            Action::EncoderAlg(alg) => {
                next(this().with_encoder(|e, seq| e.drop_generation().select_alg(alg, seq)))
            }
            Action::EncoderKey(key) => next(
                this().with_encoder(|e, seq| Encoder { key, ..e }.drop_generation().resign(seq)),
            ),
            Action::EncoderEncoding(encoding) => {
                next(this().with_encoder(|e, seq| Encoder { encoding, ..e }.resign(seq)))
            }
            Action::EncoderClaim(name, value) => {
                next(this().with_encoder(|e, seq| e.set_claim(name, value, seq)))
            }
            Action::OpenInDecoder => match self.encoder.shown_output() {
                None => self,
                Some(token) => {
                    let mut state = this();
                    state.mode = Mode::Decode;
                    state.key_text = state.encoder.verification_key();
                    // A JWE's shared key or password is text as typed.
                    state.encoding = if state.encoder.encrypt {
                        SecretEncoding::Utf8
                    } else {
                        state.encoder.encoding
                    };
                    state.edit = Edit::default();
                    state.decoded = Shared::new(token::decode(&token));
                    state.raw = token;
                    next(state.reverify(true).inspect())
                }
            },
            Action::EncoderEncrypt(encrypt) => {
                next(this().with_encoder(|e, seq| Encoder { encrypt, ..e }.resign(seq)))
            }
            Action::EncoderJweAlg(jwe_alg) => {
                next(this().with_encoder(|e, seq| Encoder { jwe_alg, ..e }.resign(seq)))
            }
            Action::EncoderJweEnc(jwe_enc) => {
                next(this().with_encoder(|e, seq| Encoder { jwe_enc, ..e }.resign(seq)))
            }
            Action::EncoderJweKey(jwe_key) => {
                next(this().with_encoder(|e, seq| Encoder { jwe_key, ..e }.resign(seq)))
            }
            Action::EncoderSerialization(serialization) => {
                next(this().with_encoder(|e, seq| Encoder { serialization, ..e }.resign(seq)))
            }
            Action::Generate => next(this().with_encoder(Encoder::generate)),
            Action::CancelGenerate => next(this().with_encoder(|e, _| e.cancel_generation())),
            Action::SetRsaBits(rsa_bits) => {
                next(this().with_encoder(|e, _| Encoder { rsa_bits, ..e }))
            }
            Action::KeyToolInput(text) if text == self.key_tool.text => self,
            Action::KeyToolInput(text) => {
                let mut state = this();
                let mut seq = state.job_seq;
                state.key_tool = KeyTool::input(text, &mut seq);
                state.job_seq = seq;
                next(state)
            }
            Action::CrackSecret(now_ms) => {
                let mut state = this();
                let mut seq = state.job_seq;
                let token = AttrValue::from(state.decoded.clean.token.clone());
                state.crack = state.crack.start(token, now_ms, &mut seq);
                state.job_seq = seq;
                next(state)
            }
            Action::CrackList(list) => {
                let mut state = this();
                let mut seq = state.job_seq;
                state.crack = state.crack.loaded(list, &mut seq);
                state.job_seq = seq;
                next(state)
            }
            Action::UseFoundSecret => match &self.crack.status {
                CrackStatus::Found { secret, .. } => {
                    let (key_text, encoding) =
                        (AttrValue::from(secret.text.clone()), secret.encoding);
                    next(
                        AppState {
                            key_text,
                            encoding,
                            ..this()
                        }
                        .reverify(true),
                    )
                }
                _ => self,
            },
            Action::WorkerAnswered(seq, response, at_ms) => {
                match self.answered(seq, response, at_ms) {
                    Some(state) => next(state),
                    None => self,
                }
            }
            Action::WorkerFailed(seq, reason) => match self.job_failed(seq, &reason) {
                Some(state) => next(state),
                None => self,
            },
            Action::Expect(field, value) if self.validation.value(field) == value.as_str() => self,
            Action::Expect(field, value) => {
                let mut state = this();
                state.validation = state.validation.with(field, &value);
                next(state)
            }
            Action::ToggleWrap => next(AppState {
                wrap_json: !self.wrap_json,
                ..this()
            }),
            Action::Tick(now) if now == self.now => self,
            Action::Tick(now) => next(AppState { now, ..this() }),
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
            0.0,
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
            0.0,
        ));
        assert_eq!(*done.key_summary, vec!["EC P-256 key".to_string()]);
        assert_eq!(done.verdict.status, Status::Malformed);
    }

    fn edited(state: Rc<AppState>, payload: &str) -> Rc<AppState> {
        let state = state.reduce(Action::ToggleEdit);
        assert!(state.edit.open);
        state.reduce(Action::EditPayload(AttrValue::from(payload.to_string())))
    }

    #[test]
    fn an_edit_is_re_signed_with_the_secret_and_broken_json_keeps_the_token() {
        let state = edited(
            Rc::new(AppState::new(SAMPLE_TOKEN, 0)),
            "{\"sub\": \"eve\",\n \"n\": 1.0}",
        );
        assert_eq!(
            state.raw.split('.').nth(1),
            Some("eyJzdWIiOiJldmUiLCJuIjoxLjB9")
        );
        assert_eq!(state.verdict.status, Status::Valid);
        assert_eq!(state.edit.note, None);
        let broken = state
            .clone()
            .reduce(Action::EditPayload("{\"sub\": \n".into()));
        assert_eq!(broken.raw, state.raw);
        assert_eq!(
            broken.edit.error.as_deref(),
            Some("The payload is not valid JSON at line 2, column 1: EOF while parsing a value.")
        );
        // Typing in the token box fills the editors again.
        let typed = broken.reduce(Action::SetToken(AttrValue::from(SAMPLE_TOKEN)));
        assert!(typed.edit.open && !typed.edit.dirty && typed.edit.error.is_none());
        assert!(typed.edit.payload.contains("\"sub\": \"user-1234\""));
    }

    #[test]
    fn without_a_signing_key_the_old_signature_stays_until_one_is_given() {
        let start = Rc::new(AppState::new(SAMPLE_TOKEN, 0)).reduce(Action::SetKey("".into()));
        let old_signature = SAMPLE_TOKEN.rsplit('.').next().unwrap();
        let state = edited(start, "{}");
        assert_eq!(
            state.raw,
            format!("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.{old_signature}")
        );
        assert_eq!(
            state.edit.note.as_deref(),
            Some("Not re-signed: Enter a shared secret to sign with. The token keeps its old signature, which no longer matches.")
        );
        // The secret arrives after the edit: the edited token is re-signed.
        let keyed = state.reduce(Action::SetKey(AttrValue::from(crate::core::SAMPLE_SECRET)));
        assert_eq!(keyed.verdict.status, Status::Valid);
        assert!(keyed
            .raw
            .starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30."));
        assert_eq!(keyed.edit.note, None);
    }

    #[test]
    fn a_pem_key_re_signs_in_the_worker_and_a_public_one_says_so() {
        let rs = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
        let pem = AttrValue::from("-----BEGIN PUBLIC KEY-----\nMFk=\n-----END PUBLIC KEY-----");
        let state = edited(
            Rc::new(AppState::new(rs, 0)).reduce(Action::SetKey(pem)),
            "{\"a\":1}",
        );
        let job = state.edit.job.clone().expect("a signing job");
        assert!(matches!(job.body, Request::Sign(_)));
        assert_eq!(state.verdict.status, Status::Checking);
        assert!(
            state.job.is_none(),
            "nothing is verified before the new signature"
        );
        let answered = state.reduce(Action::WorkerAnswered(
            job.seq,
            Response::Signed {
                token: None,
                error: Some(
                    "This is a public key (EC P-256): signing needs the private key.".into(),
                ),
                public_pem: None,
            },
            0.0,
        ));
        assert_eq!(answered.raw, "eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln");
        assert!(answered
            .edit
            .note
            .as_deref()
            .unwrap()
            .contains("signing needs the private key"));
        assert!(matches!(
            answered.job.as_ref().map(|j| &j.body),
            Some(Request::Verify(_))
        ));
    }

    #[test]
    fn the_encoder_signs_at_once_and_opens_in_the_decoder() {
        let state = Rc::new(AppState::new(SAMPLE_TOKEN, 1_767_225_600));
        let token = state.encoder.output.clone().expect("a token");
        assert_eq!(state.encoder.error, None);
        let rs = state.clone().reduce(Action::EncoderAlg("RS256".into()));
        assert!(rs.encoder.header.contains("\"alg\": \"RS256\""));
        assert_eq!(
            rs.encoder.error.as_deref(),
            Some("RS256 signs with an RSA private key, as PEM or JWK; this text is not one.")
        );
        let weak = state.clone().reduce(Action::EncoderKey("secret".into()));
        assert!(weak.encoder.output.is_some());
        assert_eq!(weak.encoder.findings[0].code, "weak-secret");
        let mismatch = state
            .clone()
            .reduce(Action::EncoderHeader("{\"alg\":\"HS384\"}".into()));
        assert_eq!(mismatch.encoder.findings[0].code, "alg-mismatch");
        let opened = state
            .reduce(Action::SetMode(Mode::Encode))
            .reduce(Action::OpenInDecoder);
        assert_eq!(opened.mode, Mode::Decode);
        assert_eq!(opened.raw, token);
        assert_eq!(opened.verdict.status, Status::Valid);
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

    #[test]
    fn validation_asks_its_worker_only_in_its_view_and_only_on_change() {
        use crate::core::validate::Validated;
        use validation::Field;
        let state = Rc::new(AppState::new(SAMPLE_TOKEN, 100));
        let decoding = state.clone().reduce(Action::Expect(Field::Iss, "x".into()));
        assert!(
            decoding.validation.job.is_none(),
            "not in the Validate view"
        );
        let open = decoding.reduce(Action::SetMode(Mode::Validate));
        let job = open.validation.job.clone().expect("a validation job");
        let Request::Validate(asked) = &job.body else {
            panic!("not a validation job");
        };
        assert_eq!(asked.inputs.iss, "x");
        assert_eq!(asked.clock, 100);
        assert_eq!(asked.signature.status, Status::Valid);
        let answer = Validated {
            validation: None,
            error: Some("e".into()),
            snippets: Vec::new(),
        };
        let answered = open.reduce(Action::WorkerAnswered(
            job.seq,
            Response::Validated(answer.clone()),
            0.0,
        ));
        assert!(answered.validation.job.is_none());
        assert_eq!(answered.validation.answer.as_deref(), Some(&answer));
        // Evaluating at now, the clock moves the answer; at a fixed instant
        // it does not.
        let ticked = answered.clone().reduce(Action::Tick(101));
        assert!(ticked.validation.job.is_some());
        let fixed = answered.reduce(Action::Expect(Field::Now, "2026-05-01T12:00:00Z".into()));
        let seq = fixed.validation.job.as_ref().map(|j| j.seq);
        let later = fixed.reduce(Action::Tick(102));
        assert_eq!(later.validation.job.as_ref().map(|j| j.seq), seq);
        // While the signature is being checked, nothing is asked.
        let rs = later.reduce(Action::SetToken("eyJhbGciOiJSUzI1NiJ9.e30.c2ln".into()));
        let pem = AttrValue::from("-----BEGIN PUBLIC KEY-----\nMFk=\n-----END PUBLIC KEY-----");
        let checking = rs.reduce(Action::SetKey(pem));
        assert_eq!(checking.verdict.status, Status::Checking);
        assert!(checking.validation.job.is_none());
        assert!(checking.validation.waiting.is_some());
    }

    #[test]
    fn validation_settings_round_trip_through_storage_text() {
        use validation::Field;
        let v = Validation::default()
            .with(Field::Profile, "oidc-id-token")
            .with(Field::Schema, "{\"type\": \"object\"}");
        let back = Validation::restored(Some(v.saved()));
        assert_eq!(back.inputs, v.inputs);
        assert_eq!(
            Validation::restored(Some("not json".into())).inputs,
            Validation::default().inputs
        );
        assert_eq!(Validation::default().saved(), "", "nothing kept when empty");
    }
}
