//! The well-known-secret check of an HMAC token: the list is loaded once,
//! then tried in chunks by the crypto worker, so progress can be shown.

use yew::AttrValue;

use super::Shared;
use crate::core::engine::{Message, Request};
use crate::core::sweep::{self, FoundSecret, SweepJob, SweepResult};

#[derive(Debug, Clone, PartialEq, Default)]
pub enum CrackStatus {
    #[default]
    Idle,
    /// Fetching the list (first use only).
    Loading,
    Running,
    Found {
        secret: FoundSecret,
        tried: usize,
        millis: f64,
    },
    NotFound {
        tried: usize,
        millis: f64,
    },
    Failed(String),
}

impl CrackStatus {
    /// The contract's `data-status`.
    pub fn as_str(&self) -> &'static str {
        match self {
            CrackStatus::Idle => "idle",
            CrackStatus::Loading | CrackStatus::Running => "running",
            CrackStatus::Found { .. } => "found",
            CrackStatus::NotFound { .. } => "not-found",
            CrackStatus::Failed(_) => "failed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Crack {
    pub status: CrackStatus,
    /// The list, kept once loaded.
    pub list: Option<Shared<Vec<String>>>,
    /// The token being checked.
    pub token: AttrValue,
    /// Index of the next chunk to send.
    pub next_chunk: usize,
    pub tried: usize,
    pub started_ms: f64,
    pub job: Option<Shared<Message<Request>>>,
}

impl Crack {
    /// The check starts for `token`: with the list at hand, its first chunk
    /// goes to the worker; else the list is fetched first.
    pub fn start(self, token: AttrValue, now_ms: f64, seq: &mut u64) -> Crack {
        let crack = Crack {
            status: CrackStatus::Loading,
            token,
            next_chunk: 0,
            tried: 0,
            started_ms: now_ms,
            job: None,
            ..self
        };
        if crack.list.is_some() {
            crack.send_next(seq)
        } else {
            crack
        }
    }

    /// The list arrived (or could not be loaded).
    pub fn loaded(self, list: Result<Shared<Vec<String>>, String>, seq: &mut u64) -> Crack {
        if self.status != CrackStatus::Loading {
            return self;
        }
        match list {
            Ok(list) => Crack {
                list: Some(list),
                ..self
            }
            .send_next(seq),
            Err(reason) => Crack {
                status: CrackStatus::Failed(reason),
                ..self
            },
        }
    }

    fn send_next(mut self, seq: &mut u64) -> Crack {
        let list = self.list.clone().unwrap_or_default();
        let Some(chunk) = sweep::chunks(&list).nth(self.next_chunk) else {
            return self;
        };
        *seq += 1;
        self.job = Some(Shared::new(Message {
            seq: *seq,
            body: Request::Sweep(SweepJob {
                token: self.token.to_string(),
                candidates: chunk.to_vec(),
                include_empty: self.next_chunk == 0,
            }),
        }));
        self.next_chunk += 1;
        self.status = CrackStatus::Running;
        self
    }

    /// A chunk's answer: found, the next chunk, or done.
    pub fn swept(mut self, result: SweepResult, now_ms: f64, seq: &mut u64) -> Crack {
        self.job = None;
        self.tried += result.tried;
        let millis = (now_ms - self.started_ms).max(0.0);
        if let Some(error) = result.error {
            self.status = CrackStatus::Failed(error);
            return self;
        }
        if let Some(secret) = result.found {
            self.status = CrackStatus::Found {
                secret,
                tried: self.tried,
                millis,
            };
            return self;
        }
        let total = self.list.as_ref().map_or(0, |l| sweep::chunks(l).count());
        if self.next_chunk < total {
            self.send_next(seq)
        } else {
            self.status = CrackStatus::NotFound {
                tried: self.tried,
                millis,
            };
            self
        }
    }

    pub fn failed(self, reason: &str) -> Crack {
        Crack {
            status: CrackStatus::Failed(reason.to_string()),
            job: None,
            ..self
        }
    }

    /// Progress as (entries sent so far, entries in the list).
    pub fn progress(&self) -> (usize, usize) {
        let total = self.list.as_ref().map_or(0, |l| l.len());
        ((self.next_chunk * sweep::CHUNK).min(total), total)
    }

    /// Another token: the old result no longer applies (the list stays).
    pub fn reset(self) -> Crack {
        Crack {
            list: self.list,
            ..Crack::default()
        }
    }
}
