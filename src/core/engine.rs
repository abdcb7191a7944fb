//! The crypto worker's protocol: one request in, one response out. The
//! worker only carries messages; [`handle`] does the work, so tests call it
//! directly and the page never guesses what the worker computed.
//!
//! On the wire each message is JSON, `{"seq": n, "body": …}`, a [`Request`]
//! to the worker and a [`Response`] back. The page numbers its
//! requests and drops answers to anything but the newest.

use serde::{Deserialize, Serialize};

use super::jwe::{self, Decryption, EncryptOptions};
use super::key_export::{self, KeyForms};
use super::keygen::{self, GeneratedKey};
use super::keys::{self, SecretEncoding};
use super::sweep::{self, FoundSecret, SweepJob, SweepResult};
use super::token;
use super::validate::{self, Check, CheckResult, Snippet, ValidateJob, Validated, Validation};
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
    /// Make a new key for an algorithm (RSA of `rsa_bits`).
    Generate { alg: String, rsa_bits: usize },
    /// Every form of the key text's keys (the key tool).
    Convert { key_text: String },
    /// Try a chunk of the well-known-secret list against an HMAC token.
    Sweep(SweepJob),
    /// Decrypt a compact JWE with the key text (a private key, JWK Set,
    /// shared key or PBES2 password).
    Decrypt {
        token: String,
        key_text: String,
        encoding: SecretEncoding,
        /// Seconds since the epoch, for the key summary's certificate dates.
        now: i64,
    },
    /// Encrypt `plaintext` (the encoder's signed token) to a compact JWE.
    Encrypt {
        plaintext: String,
        alg: String,
        enc: String,
        key_text: String,
        encoding: SecretEncoding,
        /// The header's `cty` (`JWT` when the plaintext is a signed token).
        cty: Option<String>,
        /// Compress with DEFLATE first (`zip: DEF`).
        zip: bool,
        /// PBES2 iterations; the module's default when `None`.
        p2c: Option<u32>,
        /// General JWE JSON to every key given, rather than a compact JWE
        /// to the first that fits.
        #[serde(default)]
        general: bool,
    },
    /// Findings only ASN.1 can give (the header's x5c chain).
    Inspect { token: String, now: i64 },
    /// The token's entry in a pasted status list (inflated here, not on
    /// the page).
    ReadStatus {
        text: String,
        reference: super::status_list::Reference,
        now: i64,
    },
    /// Would a server with these settings accept the token? Answered by
    /// the validation worker ([`handle_validation_json`]), which alone links
    /// the JSON Schema validator; the crypto worker refuses it.
    Validate(Box<ValidateJob>),
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
    /// Sign with every private key given, as general JWS JSON, rather
    /// than a compact token with the first key that fits.
    #[serde(default)]
    pub all_keys: bool,
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
    /// The compact token, or why none can be made; with the public key
    /// (SPKI PEM) that verifies it, when it was signed with a private key.
    Signed {
        token: Option<String>,
        error: Option<String>,
        public_pem: Option<String>,
    },
    Generated {
        key: Option<GeneratedKey>,
        error: Option<String>,
    },
    Converted {
        forms: Vec<KeyForms>,
        error: Option<String>,
    },
    Swept(SweepResult),
    Decrypted {
        decryption: Decryption,
        /// What the key box holds, in words.
        key_summary: Vec<String>,
    },
    /// The compact JWE, or why none can be made.
    Encrypted {
        token: Option<String>,
        error: Option<String>,
    },
    Inspected {
        findings: Vec<super::findings::Finding>,
    },
    /// The entry, or why the list cannot be read.
    StatusRead {
        entry: Option<super::status_list::Entry>,
        error: Option<String>,
    },
    Spun {
        digest: String,
    },
    Validated(Validated),
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
            let signed = if job.all_keys {
                super::sign_json::sign_general(&job.header, &job.payload, &job.key_text)
            } else {
                super::sign::sign_token(&job.header, &job.payload, &job.key_text, job.encoding)
            };
            match signed {
                Ok(token) => Response::Signed {
                    token: Some(token),
                    error: None,
                    public_pem: if job.all_keys {
                        public_keys_of(&job.key_text)
                    } else {
                        public_pem_of(&job.key_text)
                    },
                },
                Err(error) => Response::Signed {
                    token: None,
                    error: Some(error),
                    public_pem: None,
                },
            }
        }
        Request::Generate { alg, rsa_bits } => {
            match keygen::generate(&alg, rsa_bits, &mut rand_core::OsRng) {
                Ok(key) => Response::Generated {
                    key: Some(key),
                    error: None,
                },
                Err(error) => Response::Generated {
                    key: None,
                    error: Some(error),
                },
            }
        }
        Request::Sweep(job) => Response::Swept(sweep::sweep(&job)),
        Request::ReadStatus {
            text,
            reference,
            now,
        } => match super::status_list::read_entry(&text, &reference, now) {
            Ok(entry) => Response::StatusRead {
                entry: Some(entry),
                error: None,
            },
            Err(error) => Response::StatusRead {
                entry: None,
                error: Some(error),
            },
        },
        Request::Decrypt {
            token,
            key_text,
            encoding,
            now,
        } => Response::Decrypted {
            decryption: jwe::decrypt(&token, &key_text, encoding),
            key_summary: keys::summarize(&key_text, now),
        },
        Request::Encrypt {
            plaintext,
            alg,
            enc,
            key_text,
            encoding,
            cty,
            zip,
            p2c,
            general,
        } => {
            let options = EncryptOptions {
                alg,
                enc,
                zip,
                cty,
                p2c,
            };
            let encrypt = if general {
                jwe::encrypt_general
            } else {
                jwe::encrypt
            };
            match encrypt(
                plaintext.as_bytes(),
                &key_text,
                encoding,
                &options,
                &mut rand_core::OsRng,
            ) {
                Ok(token) => Response::Encrypted {
                    token: Some(token),
                    error: None,
                },
                Err(error) => Response::Encrypted {
                    token: None,
                    error: Some(error),
                },
            }
        }
        Request::Inspect { token, now } => Response::Inspected {
            findings: super::findings::x5c_findings(&token::decode(&token), now),
        },
        Request::Convert { key_text } => match key_export::convert(&key_text) {
            Ok(forms) => Response::Converted { forms, error: None },
            Err(error) => Response::Converted {
                forms: Vec::new(),
                error: Some(error),
            },
        },
        Request::Summarize(job) => Response::Summary {
            key_summary: keys::summarize(&job.key_text, job.now),
        },
        Request::Validate(_) => Response::BadRequest(
            "the crypto worker does not validate tokens; the validation worker does".into(),
        ),
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

/// The SPKI PEM of the first private key in the key text: what verifies a
/// token it signed.
/// The key that verifies a token signed by every key given: a JWK Set of
/// their public halves (with their kids) when there are several.
fn public_keys_of(key_text: &str) -> Option<String> {
    let forms = key_export::convert(key_text).ok()?;
    if forms.len() < 2 {
        return public_pem_of(key_text);
    }
    let keys = forms
        .iter()
        .map(|f| serde_json::from_str(&f.public_jwk).ok())
        .collect::<Option<Vec<serde_json::Value>>>()?;
    serde_json::to_string_pretty(&serde_json::json!({ "keys": keys })).ok()
}

fn public_pem_of(key_text: &str) -> Option<String> {
    match keys::parse_key_text(key_text).ok()? {
        keys::KeyText::Keys { keys, .. } => {
            let key = keys.iter().find(|k| k.private.is_some())?;
            key_export::spki_pem(&key.material).ok().flatten()
        }
        _ => None,
    }
}

/// The validation worker's handler: validation only.
pub fn handle_validation(request: Request) -> Response {
    match request {
        Request::Validate(job) => Response::Validated(validate::answer(&job)),
        _ => Response::BadRequest("the validation worker only validates tokens".into()),
    }
}

/// The crypto worker's whole job: a JSON message in, a JSON message out.
pub fn handle_json(text: &str) -> String {
    answer_json(text, handle)
}

/// The validation worker's whole job, as [`handle_json`] is the crypto
/// worker's. Kept apart so the crypto worker never links the schema
/// validator, nor the validation worker the crypto.
pub fn handle_validation_json(text: &str) -> String {
    answer_json(text, handle_validation)
}

/// A message that cannot be read is answered (with sequence 0 when even
/// that is unreadable), never dropped, so the page is not left waiting.
fn answer_json(text: &str, handler: fn(Request) -> Response) -> String {
    let reply = match serde_json::from_str::<Message<Request>>(text) {
        Ok(Message { seq, body }) => Message {
            seq,
            body: handler(body),
        },
        Err(e) => Message {
            seq: serde_json::from_str::<serde_json::Value>(text)
                .ok()
                .and_then(|v| v.get("seq")?.as_u64())
                .unwrap_or(0),
            body: Response::BadRequest(format!("the worker cannot read this request: {e}")),
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
    use super::verify::{EntryVerdict, Status, Verdict};
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
    fn status(v: &Value) -> Option<Status> {
        Some(match v.as_str()? {
            "Checking" => Status::Checking,
            "Valid" => Status::Valid,
            "Invalid" => Status::Invalid,
            "NoKey" => Status::NoKey,
            "KeyError" => Status::KeyError,
            "Unsecured" => Status::Unsecured,
            "Unsupported" => Status::Unsupported,
            "Malformed" => Status::Malformed,
            _ => return None,
        })
    }
    fn entry(v: &Value) -> Option<EntryVerdict> {
        Some(EntryVerdict {
            alg: opt_string(v.get("alg"))?,
            kid: opt_string(v.get("kid"))?,
            status: status(v.get("status")?)?,
            message: string(v.get("message")?)?,
        })
    }
    fn verdict(v: &Value) -> Option<Verdict> {
        Some(Verdict {
            status: status(v.get("status")?)?,
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
            entries: match v.get("entries") {
                None => Vec::new(),
                Some(list) => list.as_array()?.iter().map(entry).collect::<Option<_>>()?,
            },
        })
    }
    fn decryption(v: &Value) -> Option<Decryption> {
        use super::jwe::{HeaderRow, JwePart, JweStatus, PartSize, RecipientOutcome};
        let jwe_status = |v: &Value| {
            Some(match v.as_str()? {
                "Decrypted" => JweStatus::Decrypted,
                "Failed" => JweStatus::Failed,
                "NoKey" => JweStatus::NoKey,
                "KeyError" => JweStatus::KeyError,
                "Unsupported" => JweStatus::Unsupported,
                "Malformed" => JweStatus::Malformed,
                "Skipped" => JweStatus::Skipped,
                _ => return None,
            })
        };
        let status = jwe_status(v.get("status")?)?;
        let recipient = |r: &Value| {
            Some(RecipientOutcome {
                alg: opt_string(r.get("alg"))?,
                kid: opt_string(r.get("kid"))?,
                status: jwe_status(r.get("status")?)?,
                message: string(r.get("message")?)?,
            })
        };
        let row = |r: &Value| {
            Some(HeaderRow {
                name: string(r.get("name")?)?,
                value: string(r.get("value")?)?,
                meaning: string(r.get("meaning")?)?,
            })
        };
        let part = |p: &Value| {
            Some(PartSize {
                part: match p.get("part")?.as_str()? {
                    "Header" => JwePart::Header,
                    "EncryptedKey" => JwePart::EncryptedKey,
                    "Iv" => JwePart::Iv,
                    "Ciphertext" => JwePart::Ciphertext,
                    "Tag" => JwePart::Tag,
                    _ => return None,
                },
                chars: usize::try_from(p.get("chars")?.as_u64()?).ok()?,
                bytes: match p.get("bytes") {
                    None | Some(Value::Null) => None,
                    Some(n) => Some(usize::try_from(n.as_u64()?).ok()?),
                },
            })
        };
        Some(Decryption {
            status,
            message: string(v.get("message")?)?,
            plaintext: match opt_string(v.get("plaintext"))? {
                None => None,
                Some(b) => Some(super::base64url::decode_strict(&b)?),
            },
            nested: opt_string(v.get("nested"))?,
            key_used: opt_string(v.get("key_used"))?,
            header: v
                .get("header")?
                .as_array()?
                .iter()
                .map(row)
                .collect::<Option<_>>()?,
            parts: v
                .get("parts")?
                .as_array()?
                .iter()
                .map(part)
                .collect::<Option<_>>()?,
            notes: strings(v.get("notes")?)?,
            findings: v
                .get("findings")?
                .as_array()?
                .iter()
                .map(finding)
                .collect::<Option<_>>()?,
            recipients: match v.get("recipients") {
                None => Vec::new(),
                Some(list) => list
                    .as_array()?
                    .iter()
                    .map(recipient)
                    .collect::<Option<_>>()?,
            },
        })
    }
    fn generated(v: &Value) -> Option<GeneratedKey> {
        Some(GeneratedKey {
            alg: string(v.get("alg")?)?,
            private_text: string(v.get("private_text")?)?,
            is_secret: v.get("is_secret")?.as_bool()?,
            public_pem: opt_string(v.get("public_pem"))?,
            public_jwk: opt_string(v.get("public_jwk"))?,
            thumbprint: opt_string(v.get("thumbprint"))?,
        })
    }
    fn key_forms(v: &Value) -> Option<KeyForms> {
        Some(KeyForms {
            description: string(v.get("description")?)?,
            public_jwk: string(v.get("public_jwk")?)?,
            public_pem: opt_string(v.get("public_pem"))?,
            thumbprint: string(v.get("thumbprint")?)?,
            private_jwk: opt_string(v.get("private_jwk"))?,
            private_pem: opt_string(v.get("private_pem"))?,
            traditional_pem: opt_string(v.get("traditional_pem"))?,
        })
    }
    fn check(v: &Value) -> Option<Check> {
        Some(Check {
            rule: string(v.get("rule")?)?,
            result: match v.get("result")?.as_str()? {
                "Pass" => CheckResult::Pass,
                "Fail" => CheckResult::Fail,
                "Skip" => CheckResult::Skip,
                _ => return None,
            },
            detail: string(v.get("detail")?)?,
            reference: string(v.get("reference")?)?,
            reason: string(v.get("reason")?)?,
        })
    }
    fn validated(v: &Value) -> Option<Validated> {
        let validation = match v.get("validation")? {
            Value::Null => None,
            x => Some(Validation {
                accepted: x.get("accepted")?.as_bool()?,
                checks: x
                    .get("checks")?
                    .as_array()?
                    .iter()
                    .map(check)
                    .collect::<Option<_>>()?,
                summary: string(x.get("summary")?)?,
            }),
        };
        Some(Validated {
            validation,
            error: opt_string(v.get("error"))?,
            snippets: v
                .get("snippets")?
                .as_array()?
                .iter()
                .map(|s| {
                    Some(Snippet {
                        library: string(s.get("library")?)?,
                        code: string(s.get("code")?)?,
                    })
                })
                .collect::<Option<_>>()?,
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
                    public_pem: opt_string(x.get("public_pem"))?,
                },
                "Generated" => Response::Generated {
                    key: match x.get("key") {
                        None | Some(Value::Null) => None,
                        Some(k) => Some(generated(k)?),
                    },
                    error: opt_string(x.get("error"))?,
                },
                "Converted" => Response::Converted {
                    forms: x
                        .get("forms")?
                        .as_array()?
                        .iter()
                        .map(key_forms)
                        .collect::<Option<_>>()?,
                    error: opt_string(x.get("error"))?,
                },
                "StatusRead" => Response::StatusRead {
                    entry: match x.get("entry") {
                        None | Some(Value::Null) => None,
                        Some(e) => Some(super::status_list::Entry {
                            value: u8::try_from(e.get("value")?.as_u64()?).ok()?,
                            bits: u8::try_from(e.get("bits")?.as_u64()?).ok()?,
                            size: e.get("size")?.as_u64()?,
                            sub: opt_string(e.get("sub"))?,
                            notes: strings(e.get("notes")?)?,
                        }),
                    },
                    error: opt_string(x.get("error"))?,
                },
                "Inspected" => Response::Inspected {
                    findings: x
                        .get("findings")?
                        .as_array()?
                        .iter()
                        .map(finding)
                        .collect::<Option<_>>()?,
                },
                "Swept" => Response::Swept(SweepResult {
                    found: match x.get("found") {
                        None | Some(Value::Null) => None,
                        Some(f) => Some(FoundSecret {
                            text: string(f.get("text")?)?,
                            encoding: match f.get("encoding")?.as_str()? {
                                "Utf8" => SecretEncoding::Utf8,
                                "Base64" => SecretEncoding::Base64,
                                "Base64Url" => SecretEncoding::Base64Url,
                                "Hex" => SecretEncoding::Hex,
                                _ => return None,
                            },
                        }),
                    },
                    tried: usize::try_from(x.get("tried")?.as_u64()?).ok()?,
                    error: opt_string(x.get("error"))?,
                }),
                "Decrypted" => Response::Decrypted {
                    decryption: decryption(x.get("decryption")?)?,
                    key_summary: strings(x.get("key_summary")?)?,
                },
                "Encrypted" => Response::Encrypted {
                    token: opt_string(x.get("token"))?,
                    error: opt_string(x.get("error"))?,
                },
                "Spun" => Response::Spun {
                    digest: string(x.get("digest")?)?,
                },
                "Validated" => Response::Validated(validated(x)?),
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

    fn validation_job(leeway: &str, schema: &str) -> Request {
        Request::Validate(Box::new(ValidateJob {
            token: SAMPLE_TOKEN.into(),
            signature: verify::Verdict::new(Status::Valid, "ok"),
            kb_signature: None,
            inputs: validate::Inputs {
                leeway: leeway.into(),
                schema: schema.into(),
                iss: "https://issuer.example".into(),
                ..Default::default()
            },
            clock: 1_767_225_600,
        }))
    }

    #[test]
    fn only_the_validation_worker_validates() {
        let Response::Validated(answer) =
            handle_validation(validation_job("", r#"{"required":["zz"]}"#))
        else {
            panic!("not a validation");
        };
        let validation = answer.validation.expect("a verdict");
        assert!(!validation.accepted);
        let schema = validation
            .checks
            .iter()
            .find(|c| c.rule == "schema")
            .unwrap();
        assert_eq!(schema.result, CheckResult::Fail);
        assert_eq!(answer.snippets.len(), 3);
        let Response::Validated(bad) = handle_validation(validation_job("soon", "")) else {
            panic!("not a validation");
        };
        assert_eq!(
            bad.error.as_deref(),
            Some("The leeway must be a whole number of seconds, 0 or more; \"soon\" is not.")
        );
        assert!(bad.validation.is_none());
        assert!(matches!(
            handle(validation_job("", "")),
            Response::BadRequest(_)
        ));
        let verify = job(SAMPLE_TOKEN, SAMPLE_SECRET);
        assert!(matches!(handle_validation(verify), Response::BadRequest(_)));
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
            handle_validation(validation_job("", r#"{"required":["zz"]}"#)),
            handle_validation(validation_job("abc", "")),
            handle(validation_job("", "")),
            handle(job(SAMPLE_TOKEN, SAMPLE_SECRET)),
            handle(job(SAMPLE_TOKEN, "-----BEGIN PUBLIC KEY-----")),
            handle(Request::Sign(SignJob {
                header: r#"{"alg":"HS256"}"#.into(),
                payload: "{}".into(),
                key_text: SAMPLE_SECRET.into(),
                encoding: SecretEncoding::Utf8,
                all_keys: false,
            })),
            handle(Request::Generate {
                alg: "ES256".into(),
                rsa_bits: 2048,
            }),
            handle(Request::Generate {
                alg: "HS384".into(),
                rsa_bits: 2048,
            }),
            handle(Request::Generate {
                alg: "RS256".into(),
                rsa_bits: 1024,
            }),
            handle(Request::Convert {
                key_text: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----".into(),
            }),
            handle(Request::Convert {
                key_text: "nope".into(),
            }),
            handle(Request::Sweep(SweepJob {
                token: SAMPLE_TOKEN.into(),
                candidates: vec!["x".into(), SAMPLE_SECRET.into()],
                include_empty: false,
            })),
            handle(Request::Sweep(SweepJob {
                token: SAMPLE_TOKEN.into(),
                candidates: vec!["MDEyMzQ1Njc4OWFiY2RlZjAxMjM=".into()],
                include_empty: true,
            })),
            handle(Request::Inspect {
                token: SAMPLE_TOKEN.into(),
                now: 0,
            }),
            Response::Inspected {
                findings: vec![crate::core::findings::Finding {
                    code: "x5c-chain".into(),
                    severity: crate::core::findings::Severity::Warning,
                    title: "t".into(),
                    detail: "d".into(),
                }],
            },
            handle(Request::Sweep(SweepJob {
                token: "x".into(),
                candidates: vec![],
                include_empty: true,
            })),
            handle(Request::Sign(SignJob {
                header: r#"{"alg":"EdDSA"}"#.into(),
                payload: "{}".into(),
                key_text: "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----".into(),
                encoding: SecretEncoding::Utf8,
                all_keys: false,
            })),
            handle(Request::Sign(SignJob {
                header: r#"{"alg":"RS256"}"#.into(),
                payload: "{}".into(),
                key_text: SAMPLE_SECRET.into(),
                encoding: SecretEncoding::Utf8,
                all_keys: false,
            })),
            handle(Request::ReadStatus {
                text: r#"{"sub":"u","status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}"#.into(),
                reference: crate::core::status_list::Reference {
                    idx: 3,
                    uri: "https://example.com/l".into(),
                },
                now: 0,
            }),
            handle(Request::ReadStatus {
                text: "{}".into(),
                reference: crate::core::status_list::Reference {
                    idx: 3,
                    uri: "u".into(),
                },
                now: 0,
            }),
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
    fn converts_and_signs_with_the_public_key_that_verifies() {
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----";
        let Response::Converted { forms, error } = handle(Request::Convert {
            key_text: pem.into(),
        }) else {
            panic!("not a conversion");
        };
        assert_eq!(error, None);
        let spki = forms[0].public_pem.clone().expect("an SPKI PEM");
        let Response::Signed {
            token: Some(token),
            public_pem,
            ..
        } = handle(Request::Sign(SignJob {
            header: r#"{"alg":"EdDSA"}"#.into(),
            payload: "{}".into(),
            key_text: pem.into(),
            encoding: SecretEncoding::Utf8,
            all_keys: false,
        }))
        else {
            panic!("not signed");
        };
        assert_eq!(public_pem.as_deref(), Some(spki.as_str()));
        let Response::Verified { verdict, .. } = handle(job(&token, &spki)) else {
            panic!("not a verdict");
        };
        assert_eq!(verdict.status, Status::Valid);
        let Response::Generated {
            key: None,
            error: Some(error),
        } = handle(Request::Generate {
            alg: "RS256".into(),
            rsa_bits: 1024,
        })
        else {
            panic!("1024-bit RSA was generated");
        };
        assert!(error.contains("2048"), "{error}");
    }

    fn encrypt_job(alg: &str, key_text: &str) -> Request {
        Request::Encrypt {
            plaintext: SAMPLE_TOKEN.into(),
            alg: alg.into(),
            enc: "A128CBC-HS256".into(),
            key_text: key_text.into(),
            encoding: SecretEncoding::Utf8,
            cty: Some("JWT".into()),
            zip: true,
            p2c: Some(1000),
            general: false,
        }
    }

    fn decrypt_job(token: &str, key_text: &str) -> Request {
        Request::Decrypt {
            token: token.into(),
            key_text: key_text.into(),
            encoding: SecretEncoding::Utf8,
            now: 1_767_225_600,
        }
    }

    #[test]
    fn encrypts_and_decrypts_through_the_protocol_and_the_page_reads_it() {
        use crate::core::jwe::JweStatus;
        let Response::Encrypted {
            token: Some(token),
            error: None,
        } = handle(encrypt_job("PBES2-HS256+A128KW", "pw"))
        else {
            panic!("not encrypted");
        };
        let answers = [
            handle(decrypt_job(&token, "pw")),
            handle(decrypt_job(&token, "wrong")),
            handle(decrypt_job(&token, "")),
            handle(decrypt_job("not.a.jwe", "pw")),
            handle(decrypt_job("x.y.z.w.v", "pw")),
            handle(encrypt_job("RSA1_5", "pw")),
            handle(encrypt_job("dir", "pw")),
        ];
        let Response::Decrypted { decryption, .. } = &answers[0] else {
            panic!("not a decryption");
        };
        assert_eq!(decryption.status, JweStatus::Decrypted);
        assert_eq!(decryption.text(), Some(SAMPLE_TOKEN));
        assert_eq!(decryption.nested.as_deref(), Some(SAMPLE_TOKEN));
        let Response::Decrypted { decryption, .. } = &answers[1] else {
            panic!("not a decryption");
        };
        assert_eq!(decryption.status, JweStatus::Failed);
        assert!(
            matches!(&answers[5], Response::Encrypted { error: Some(e), .. } if e.contains("deprecated"))
        );
        for (seq, body) in answers.into_iter().enumerate() {
            let message = Message {
                seq: seq as u64,
                body,
            };
            let text = encode(&message);
            assert_eq!(read_response(&text), Some(message.clone()), "{text}");
            // The worker's own derive reads the same.
            let derived: Message<Response> = serde_json::from_str(&text).unwrap();
            assert_eq!(derived, message);
        }
    }

    #[test]
    fn spin_is_deterministic() {
        let a = handle(Request::Spin { rounds: 3 });
        assert_eq!(a, handle(Request::Spin { rounds: 3 }));
        assert_ne!(a, handle(Request::Spin { rounds: 4 }));
    }
}
