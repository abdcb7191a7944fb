//! The crypto worker's protocol: one request in, one response out. The
//! worker only carries messages; [`handle`] does the work, so tests call it
//! directly and the page never guesses what the worker computed.
//!
//! On the wire each message is JSON, `{"seq": n, "body": …}`, a [`Request`]
//! to the worker and a [`Response`] back. The page numbers its
//! requests and drops answers to anything but the newest.

use serde::{Deserialize, Serialize};

use super::keys::{self, SecretEncoding};
use super::token;
use super::verify::{self, Verdict, VerifyRequest};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Verify a token with the key text as the user typed it.
    Verify(VerifyJob),
    /// Describe a PEM or JWK in words (the page verifies nothing with it yet,
    /// e.g. while the token is malformed).
    Summarize(SummarizeJob),
    /// Sign header and payload JSON (as written) with the key text.
    Sign(SignJob),
    /// Do `rounds` rounds of SHA-256 before answering: a job with a known
    /// answer and a chosen cost, which tests send without any key.
    Spin { rounds: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyJob {
    /// The token text as typed; the worker decodes it again itself.
    pub token: String,
    pub key_text: String,
    pub encoding: SecretEncoding,
    pub detached_payload: Option<String>,
    /// Seconds since the epoch, for certificate validity.
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignJob {
    pub header: String,
    pub payload: String,
    pub key_text: String,
    pub encoding: SecretEncoding,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummarizeJob {
    pub key_text: String,
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// The worker has loaded and takes requests from now on.
    Ready,
    Verified {
        verdict: Verdict,
        /// What the key box holds, in words.
        key_summary: Vec<String>,
    },
    Summary {
        key_summary: Vec<String>,
    },
    /// The compact token, or why none can be made.
    Signed {
        token: Option<String>,
        error: Option<String>,
    },
    Spun {
        digest: String,
    },
    /// The message could not be read.
    BadRequest(String),
}

/// A request or response with the page's sequence number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message<T> {
    pub seq: u64,
    pub body: T,
}

pub fn handle(request: Request) -> Response {
    match request {
        Request::Verify(job) => {
            let decoded = token::decode(&job.token);
            let verdict = verify::verify(&VerifyRequest {
                decoded: &decoded,
                key_text: &job.key_text,
                encoding: job.encoding,
                detached_payload: job.detached_payload.as_deref().map(str::as_bytes),
                now: job.now,
            });
            Response::Verified {
                verdict,
                key_summary: keys::summarize(&job.key_text, job.now),
            }
        }
        Request::Sign(job) => {
            match super::sign::sign_token(&job.header, &job.payload, &job.key_text, job.encoding) {
                Ok(token) => Response::Signed {
                    token: Some(token),
                    error: None,
                },
                Err(error) => Response::Signed {
                    token: None,
                    error: Some(error),
                },
            }
        }
        Request::Summarize(job) => Response::Summary {
            key_summary: keys::summarize(&job.key_text, job.now),
        },
        Request::Spin { rounds } => {
            use sha2::Digest;
            let mut digest = [0u8; 32];
            for _ in 0..rounds {
                digest = sha2::Sha256::digest(digest).into();
            }
            Response::Spun {
                digest: super::base64url::encode(&digest),
            }
        }
    }
}

/// The worker's whole job: a JSON message in, a JSON message out. A message
/// that cannot be read is answered (with sequence 0 when even that is
/// unreadable), never dropped, so the page is not left waiting.
pub fn handle_json(text: &str) -> String {
    let reply = match serde_json::from_str::<Message<Request>>(text) {
        Ok(Message { seq, body }) => Message {
            seq,
            body: handle(body),
        },
        Err(e) => Message {
            seq: serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| v.get("seq")?.as_u64())
                .unwrap_or(0),
            body: Response::BadRequest(format!("the crypto worker cannot read this request: {e}")),
        },
    };
    encode(&reply)
}

/// The worker's first message, once it can take requests.
pub fn ready() -> String {
    encode(&Message {
        seq: 0,
        body: Response::Ready,
    })
}

/// JSON of a message. The types here always serialize, so failure is a bug,
/// answered as a readable error rather than a panic.
pub fn encode<T: Serialize>(message: &Message<T>) -> String {
    serde_json::to_string(message).unwrap_or_else(|e| {
        format!(
            r#"{{"seq":{},"body":{{"BadRequest":"cannot encode the answer: {}"}}}}"#,
            message.seq,
            e.to_string().replace(['"', '\\'], "'")
        )
    })
}

/// Reads a worker's answer, as [`encode`] wrote it, through
/// `serde_json::Value` (whose parser the page has anyway for tokens): the
/// derived `Deserialize` of these types would add ~10 KB gzip to the page's
/// first download. The worker still uses the derives; a property test
/// checks that both read every answer alike.
pub fn read_response(text: &str) -> Option<Message<Response>> {
    use super::findings::{Finding, Severity};
    use super::verify::{Status, Verdict};
    use serde_json::Value;
    fn string(v: &Value) -> Option<String> {
        v.as_str().map(str::to_string)
    }
    fn opt_string(v: Option<&Value>) -> Option<Option<String>> {
        match v {
            None | Some(Value::Null) => Some(None),
            Some(v) => Some(Some(string(v)?)),
        }
    }
    fn strings(v: &Value) -> Option<Vec<String>> {
        v.as_array()?.iter().map(string).collect()
    }
    fn finding(v: &Value) -> Option<Finding> {
        Some(Finding {
            code: string(v.get("code")?)?.into(),
            severity: match v.get("severity")?.as_str()? {
                "Info" => Severity::Info,
                "Warning" => Severity::Warning,
                "Danger" => Severity::Danger,
                _ => return None,
            },
            title: string(v.get("title")?)?,
            detail: string(v.get("detail")?)?,
        })
    }
    fn verdict(v: &Value) -> Option<Verdict> {
        let status = match v.get("status")?.as_str()? {
            "Checking" => Status::Checking,
            "Valid" => Status::Valid,
            "Invalid" => Status::Invalid,
            "NoKey" => Status::NoKey,
            "KeyError" => Status::KeyError,
            "Unsecured" => Status::Unsecured,
            "Unsupported" => Status::Unsupported,
            "Malformed" => Status::Malformed,
            _ => return None,
        };
        Some(Verdict {
            status,
            message: string(v.get("message")?)?,
            key_used: opt_string(v.get("key_used"))?,
            notes: strings(v.get("notes")?)?,
            hint: opt_string(v.get("hint"))?,
            computed_signature: opt_string(v.get("computed_signature"))?,
            findings: v
                .get("findings")?
                .as_array()?
                .iter()
                .map(finding)
                .collect::<Option<_>>()?,
            lenient: v.get("lenient")?.as_bool()?,
        })
    }
    let v: Value = serde_json::from_str(text).ok()?;
    let seq = v.get("seq")?.as_u64()?;
    let body = match v.get("body")? {
        Value::String(s) if s == "Ready" => Response::Ready,
        Value::Object(m) if m.len() == 1 => {
            let (k, x) = m.iter().next()?;
            match k.as_str() {
                "Verified" => Response::Verified {
                    verdict: verdict(x.get("verdict")?)?,
                    key_summary: strings(x.get("key_summary")?)?,
                },
                "Summary" => Response::Summary {
                    key_summary: strings(x.get("key_summary")?)?,
                },
                "Signed" => Response::Signed {
                    token: opt_string(x.get("token"))?,
                    error: opt_string(x.get("error"))?,
                },
                "Spun" => Response::Spun {
                    digest: string(x.get("digest")?)?,
                },
                "BadRequest" => Response::BadRequest(string(x)?),
                _ => return None,
            }
        }
        _ => return None,
    };
    Some(Message { seq, body })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::verify::Status;
    use crate::core::{SAMPLE_SECRET, SAMPLE_TOKEN};

    fn job(token: &str, key: &str) -> Request {
        Request::Verify(VerifyJob {
            token: token.into(),
            key_text: key.into(),
            encoding: SecretEncoding::Utf8,
            detached_payload: None,
            now: 1_767_225_600,
        })
    }

    #[test]
    fn verifies_through_the_protocol() {
        let Response::Verified {
            verdict,
            key_summary,
        } = handle(job(SAMPLE_TOKEN, SAMPLE_SECRET))
        else {
            panic!("not a verdict");
        };
        assert_eq!(verdict.status, Status::Valid);
        assert_eq!(key_summary.len(), 1);
    }

    #[test]
    fn round_trips_as_json_with_the_sequence_number() {
        let text = encode(&Message {
            seq: 41,
            body: job(SAMPLE_TOKEN, "wrong"),
        });
        let reply: Message<Response> = serde_json::from_str(&handle_json(&text)).unwrap();
        assert_eq!(reply.seq, 41);
        let Response::Verified { verdict, .. } = reply.body else {
            panic!("not a verdict");
        };
        assert_eq!(verdict.status, Status::Invalid);
    }

    #[test]
    fn unreadable_requests_are_answered() {
        let reply: Message<Response> =
            serde_json::from_str(&handle_json(r#"{"seq":7,"body":{"Nope":1}}"#)).unwrap();
        assert_eq!(reply.seq, 7);
        assert!(matches!(reply.body, Response::BadRequest(m) if m.contains("cannot read")));
        let reply: Message<Response> = serde_json::from_str(&handle_json("not json")).unwrap();
        assert_eq!(reply.seq, 0);
    }

    #[test]
    fn the_page_reads_every_kind_of_answer() {
        let answers = [
            Response::Ready,
            Response::Summary {
                key_summary: vec!["RSA 2048-bit".into(), "kid \"a\"".into()],
            },
            Response::Spun { digest: "x".into() },
            Response::BadRequest("no".into()),
            handle(job(SAMPLE_TOKEN, SAMPLE_SECRET)),
            handle(job(SAMPLE_TOKEN, "-----BEGIN PUBLIC KEY-----")),
            handle(Request::Sign(SignJob {
                header: r#"{"alg":"HS256"}"#.into(),
                payload: "{}".into(),
                key_text: SAMPLE_SECRET.into(),
                encoding: SecretEncoding::Utf8,
            })),
            handle(Request::Sign(SignJob {
                header: r#"{"alg":"RS256"}"#.into(),
                payload: "{}".into(),
                key_text: SAMPLE_SECRET.into(),
                encoding: SecretEncoding::Utf8,
            })),
        ];
        for (seq, body) in answers.into_iter().enumerate() {
            let message = Message {
                seq: seq as u64,
                body,
            };
            assert_eq!(read_response(&encode(&message)), Some(message));
        }
        assert_eq!(read_response(r#"{"seq":1,"body":{"Nope":1}}"#), None);
        assert_eq!(read_response("[]"), None);
    }

    #[test]
    fn spin_is_deterministic() {
        let a = handle(Request::Spin { rounds: 3 });
        assert_eq!(a, handle(Request::Spin { rounds: 3 }));
        assert_ne!(a, handle(Request::Spin { rounds: 4 }));
    }
}
