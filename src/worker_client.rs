//! The page's side of a worker (crypto or validation): starts it, queues
//! requests until it says it is ready, holds each job to a deadline, and
//! restarts the worker when a job runs past it or the worker dies. The
//! worker itself only carries [`engine`](crate::core::engine) messages.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::browser;
use crate::core::engine::{self, Message, Request, Response};

/// A job that has not answered by then is given up and the worker restarted.
pub const DEADLINE_MS: u32 = 10_000;

/// Key generation (RSA-4096 takes seconds in wasm) has its own worker and a
/// longer deadline, so it never holds up checking a token.
pub const GENERATION_DEADLINE_MS: u32 = 300_000;

/// What a worker is for: how long its jobs may take, what it says when one
/// takes longer, and whether cancelling a running job stops it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub deadline_ms: u32,
    /// "Checking", "Generating the key": the start of the overrun message.
    pub doing: &'static str,
    /// Cancelling the running job restarts the worker (the work cannot be
    /// interrupted otherwise).
    pub stop_on_cancel: bool,
    /// Which worker: its name in messages and where its script is.
    pub script: Script,
}

/// A worker's script, and what the page cannot do without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Script {
    /// "crypto worker", for messages.
    pub name: &'static str,
    /// The end of "…, so …" when it cannot start.
    pub without: &'static str,
    /// The window global the single-file build sets to a Blob URL.
    pub blob_global: &'static str,
    /// `<meta name>` holding the release build's hashed loader name.
    pub meta: &'static str,
    /// The file trunk builds beside the page (`make serve`).
    pub default_url: &'static str,
}

impl Script {
    pub const CRYPTO: Script = Script {
        name: "crypto worker",
        without: "keys other than HMAC secrets cannot be checked",
        blob_global: "jwtCryptoWorkerUrl",
        meta: "jwt-crypto-worker",
        default_url: "crypto-worker_loader.js",
    };
    pub const VALIDATOR: Script = Script {
        name: "validation worker",
        without: "tokens cannot be validated against settings here",
        blob_global: "jwtValidatorUrl",
        meta: "jwt-validator",
        default_url: "validator_loader.js",
    };
}

impl Profile {
    pub const CHECKING: Profile = Profile {
        deadline_ms: DEADLINE_MS,
        doing: "Checking",
        stop_on_cancel: false,
        script: Script::CRYPTO,
    };
    pub const GENERATING: Profile = Profile {
        deadline_ms: GENERATION_DEADLINE_MS,
        doing: "Generating the key",
        stop_on_cancel: true,
        script: Script::CRYPTO,
    };
    pub const VALIDATING: Profile = Profile {
        deadline_ms: DEADLINE_MS,
        doing: "Validating",
        stop_on_cancel: false,
        script: Script::VALIDATOR,
    };
}

/// Session-storage key that overrides [`DEADLINE_MS`] (milliseconds), so the
/// restart can be seen without a ten-second wait.
pub const DEADLINE_OVERRIDE_KEY: &str = "jwt-debugger.worker-deadline-ms";

/// Starts that fail before the worker says it is ready; after this many in
/// a row the client stops trying and says so.
const MAX_FAILED_STARTS: u32 = 3;

/// What the page hears back.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Answer(Box<Message<Response>>),
    Failed {
        seq: u64,
        reason: String,
    },
    /// The worker loaded, after this many milliseconds.
    Ready {
        millis: f64,
    },
}

#[derive(Clone)]
pub struct CryptoWorker {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for CryptoWorker {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

struct Job {
    seq: u64,
    text: String,
    /// Dropping it cancels the deadline.
    _deadline: Timeout,
}

struct Running {
    worker: Worker,
    ready: bool,
    started_at: f64,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

struct Inner {
    profile: Profile,
    running: Option<Running>,
    /// Sent or waiting to be sent, oldest first; the worker answers in order.
    jobs: VecDeque<Job>,
    failed_starts: u32,
    on_reply: Callback<Reply>,
}

impl CryptoWorker {
    pub fn new(profile: Profile, on_reply: Callback<Reply>) -> CryptoWorker {
        CryptoWorker {
            inner: Rc::new(RefCell::new(Inner {
                profile,
                running: None,
                jobs: VecDeque::new(),
                failed_starts: 0,
                on_reply,
            })),
        }
    }

    /// Loads the worker now, so it is warm when the first key arrives.
    pub fn start(&self) {
        let needs_start = self.inner.borrow().running.is_none();
        if needs_start {
            self.spawn();
        }
    }

    pub fn send(&self, message: &Message<Request>) {
        let seq = message.seq;
        let weak = Rc::downgrade(&self.inner);
        let profile = self.inner.borrow().profile;
        let ms = deadline_ms(profile);
        let deadline = Timeout::new(ms, move || {
            if let Some(inner) = weak.upgrade() {
                let reason = if profile.stop_on_cancel {
                    format!(
                        "{} took longer than {}, so it was stopped.",
                        profile.doing,
                        duration_words(ms)
                    )
                } else {
                    format!(
                        "{} took longer than {}, so it was stopped and the {} restarted. A key this large is not usable here; the next key or token is checked afresh.",
                        profile.doing,
                        duration_words(ms),
                        profile.script.name
                    )
                };
                CryptoWorker { inner }.give_up(seq, reason);
            }
        });
        let text = engine::encode(message);
        self.start();
        let mut inner = self.inner.borrow_mut();
        if let Some(running) = inner.running.as_ref().filter(|r| r.ready) {
            post(&running.worker, &text);
        }
        inner.jobs.push_back(Job {
            seq,
            text,
            _deadline: deadline,
        });
    }

    /// Forgets job `seq` (its answer, if any, is dropped). When the job is
    /// running and this worker stops on cancel, the worker is restarted so
    /// the work really ends; jobs still waiting are sent to the new one.
    pub fn cancel(&self, seq: u64) {
        let stop = {
            let mut inner = self.inner.borrow_mut();
            let running = inner.jobs.front().is_some_and(|j| j.seq == seq)
                && inner.running.as_ref().is_some_and(|r| r.ready);
            inner.jobs.retain(|j| j.seq != seq);
            let stop = running && inner.profile.stop_on_cancel;
            if stop {
                inner.running = None;
            }
            stop
        };
        if stop {
            self.spawn();
        }
    }

    fn spawn(&self) {
        let weak = Rc::downgrade(&self.inner);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let weak = weak.clone();
            move |e: MessageEvent| {
                if let Some(inner) = weak.upgrade() {
                    CryptoWorker { inner }.on_message(e.data());
                }
            }
        });
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            if let Some(inner) = Weak::upgrade(&weak) {
                CryptoWorker { inner }.on_crash(&describe_error(&e));
            }
        });
        let script = self.inner.borrow().profile.script;
        let worker = match Worker::new(&worker_url(script)) {
            Ok(w) => w,
            Err(e) => {
                let reason = format!(
                    "The {} cannot start here ({}), so {}.",
                    script.name,
                    js_text(&e),
                    script.without
                );
                self.fail_all(&reason);
                return;
            }
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.inner.borrow_mut().running = Some(Running {
            worker,
            ready: false,
            started_at: browser::now_ms(),
            _on_message: on_message,
            _on_error: on_error,
        });
    }

    fn on_message(&self, data: JsValue) {
        let Some(text) = data.as_string() else {
            return;
        };
        let Some(message) = engine::read_response(&text) else {
            return;
        };
        if message.body == Response::Ready {
            let millis = {
                let mut inner = self.inner.borrow_mut();
                inner.failed_starts = 0;
                let Inner { running, jobs, .. } = &mut *inner;
                let Some(running) = running.as_mut() else {
                    return;
                };
                running.ready = true;
                for job in jobs.iter() {
                    post(&running.worker, &job.text);
                }
                browser::now_ms() - running.started_at
            };
            self.emit(Reply::Ready { millis });
            return;
        }
        let known = {
            let mut inner = self.inner.borrow_mut();
            let before = inner.jobs.len();
            inner.jobs.retain(|j| j.seq != message.seq);
            inner.jobs.len() != before
        };
        if known {
            self.emit(Reply::Answer(Box::new(message)));
        }
    }

    /// An error event: the script failed to load or the wasm trapped. The
    /// oldest job was the one running.
    fn on_crash(&self, what: &str) {
        let (seq, loaded) = {
            let inner = self.inner.borrow();
            (
                inner.jobs.front().map(|j| j.seq),
                inner.running.as_ref().is_some_and(|r| r.ready),
            )
        };
        let script = self.inner.borrow().profile.script;
        let reason = format!(
            "The {} stopped ({what}), so it was restarted; the next key or token is checked afresh.",
            script.name
        );
        if !loaded {
            let give_up = {
                let mut inner = self.inner.borrow_mut();
                inner.failed_starts += 1;
                inner.running = None;
                inner.failed_starts >= MAX_FAILED_STARTS
            };
            if give_up {
                self.fail_all(&format!(
                    "The {} could not start ({what}), so {}. Reload the page to try again.",
                    script.name, script.without
                ));
            } else {
                self.spawn();
            }
            return;
        }
        match seq {
            Some(seq) => self.give_up(seq, reason),
            None => {
                self.inner.borrow_mut().running = None;
                self.spawn();
            }
        }
    }

    /// Drops job `seq`, restarts the worker and sends it the jobs still
    /// waiting.
    fn give_up(&self, seq: u64, reason: String) {
        {
            let mut inner = self.inner.borrow_mut();
            inner.jobs.retain(|j| j.seq != seq);
            inner.running = None;
        }
        self.spawn();
        self.emit(Reply::Failed { seq, reason });
    }

    fn fail_all(&self, reason: &str) {
        let seqs: Vec<u64> = {
            let mut inner = self.inner.borrow_mut();
            inner.running = None;
            inner.jobs.drain(..).map(|j| j.seq).collect()
        };
        for seq in seqs {
            self.emit(Reply::Failed {
                seq,
                reason: reason.to_string(),
            });
        }
    }

    /// Never called while `inner` is borrowed: the callback may dispatch, and
    /// the render that follows may send the next job.
    fn emit(&self, reply: Reply) {
        let callback = self.inner.borrow().on_reply.clone();
        callback.emit(reply);
    }
}

fn post(worker: &Worker, text: &str) {
    // A failed post shows up as a missed deadline, which restarts the worker.
    let _ = worker.post_message(&JsValue::from_str(text));
}

/// The checking worker's deadline may be shortened for tests; generation's
/// is fixed.
fn deadline_ms(profile: Profile) -> u32 {
    if profile.stop_on_cancel {
        return profile.deadline_ms;
    }
    browser::session_value(DEADLINE_OVERRIDE_KEY)
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&ms| ms > 0)
        .unwrap_or(profile.deadline_ms)
}

fn duration_words(ms: u32) -> String {
    match ms {
        0..=999 => format!("{ms} ms"),
        _ if ms.is_multiple_of(1000) => format!("{} seconds", ms / 1000),
        _ => format!("{}.{} seconds", ms / 1000, ms % 1000 / 100),
    }
}

/// The single file's Blob URL, else the release build's hashed loader, else
/// the file beside the page.
fn worker_url(script: Script) -> String {
    let window = web_sys::window();
    let blob = window
        .as_ref()
        .and_then(|w| js_sys::Reflect::get(w, &JsValue::from_str(script.blob_global)).ok())
        .and_then(|v| v.as_string());
    let named = || {
        window
            .as_ref()?
            .document()?
            .query_selector(&format!("meta[name={}]", script.meta))
            .ok()??
            .get_attribute("content")
    };
    blob.or_else(named)
        .unwrap_or_else(|| script.default_url.to_string())
}

fn describe_error(e: &web_sys::Event) -> String {
    e.dyn_ref::<web_sys::ErrorEvent>()
        .map(|e| e.message())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "its script failed to load or run".to_string())
}

fn js_text(v: &JsValue) -> String {
    v.as_string()
        .or_else(|| {
            v.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{v:?}"))
}
