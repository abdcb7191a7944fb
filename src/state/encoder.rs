//! The encoder: a token built from header and payload JSON and a key.

use yew::AttrValue;

use super::Shared;
use crate::core::algorithms::{self, Family};
use crate::core::engine::{Message, Request, SignJob};
use crate::core::findings::{Finding, Severity};
use crate::core::jose_json::{self, Form};
use crate::core::json;
use crate::core::keygen::GeneratedKey;
use crate::core::keys::{self, SecretEncoding};
use crate::core::sign::{self, PageSigning};
use crate::core::token::{self, Decoded};
use crate::core::verify;
use crate::core::SAMPLE_SECRET;

#[derive(Debug, Clone, PartialEq)]
pub struct Encoder {
    pub header: AttrValue,
    pub payload: AttrValue,
    /// The algorithm chosen in the selector.
    pub alg: AttrValue,
    /// Secret, private key PEM or JWK.
    pub key: AttrValue,
    pub encoding: SecretEncoding,
    /// The signed token.
    pub output: Option<AttrValue>,
    /// Why no token can come out.
    pub error: Option<String>,
    /// Weak secret, `alg` that disagrees with the selector, `none`.
    pub findings: Shared<Vec<Finding>>,
    /// Header and payload as a token, for the claims read for people.
    pub preview: Shared<Decoded>,
    /// Signing with a PEM or JWK, in the crypto worker.
    pub job: Option<Shared<Message<Request>>>,
    /// The public key that verifies the output, when the worker signed it
    /// with a private key: SPKI PEM, or a JWK Set when several keys signed.
    pub public_pem: Option<AttrValue>,
    /// RSA modulus bits for generation.
    pub rsa_bits: usize,
    /// Generating a key, in its own worker.
    pub generation: Option<Shared<Message<Request>>>,
    pub generated: Option<Shared<GeneratedKey>>,
    /// Why generation stopped (cancelled, failed).
    pub generation_note: Option<String>,
    /// Sign, then encrypt: the output becomes a compact JWE.
    pub encrypt: bool,
    pub jwe_alg: AttrValue,
    pub jwe_enc: AttrValue,
    /// The recipient's public key, a shared key or a password.
    pub jwe_key: AttrValue,
    /// The signed token, when it is being (or was) encrypted.
    pub signed_token: Option<AttrValue>,
    /// Encrypting the signed token, in the crypto worker.
    pub encryption: Option<Shared<Message<Request>>>,
    /// How the output is written: `compact`, `flattened` or `general`
    /// (RFC 7515 §7.2, RFC 7516 §7.2).
    pub serialization: AttrValue,
}

impl Encoder {
    /// The encoder as first shown: the sample's claims with its secret, so a
    /// token is there at once.
    pub fn new(now: i64) -> Encoder {
        let payload = format!(
            "{{\n  \"sub\": \"user-1234\",\n  \"name\": \"Ada Lovelace\",\n  \"iat\": {now},\n  \"exp\": {}\n}}",
            now + 3600
        );
        Encoder {
            header: "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}".into(),
            payload: payload.into(),
            alg: "HS256".into(),
            key: SAMPLE_SECRET.into(),
            encoding: SecretEncoding::Utf8,
            output: None,
            error: None,
            findings: Shared::default(),
            preview: Shared::new(token::decode("")),
            job: None,
            public_pem: None,
            rsa_bits: 2048,
            generation: None,
            generated: None,
            generation_note: None,
            encrypt: false,
            jwe_alg: "RSA-OAEP-256".into(),
            jwe_enc: "A256GCM".into(),
            jwe_key: AttrValue::default(),
            signed_token: None,
            encryption: None,
            serialization: "compact".into(),
        }
    }

    /// The output in the chosen serialization: the compact token, or the
    /// same token as pretty-printed JSON.
    pub fn shown_output(&self) -> Option<AttrValue> {
        let compact = self.output.clone()?;
        if jose_json::looks_like_json(&compact) {
            // Signed by every key, already general JSON.
            let doc = json::parse(&compact).ok()?;
            return Some(json::pretty(&doc).into());
        }
        let form = match self.serialization.as_str() {
            "flattened" => Form::Flattened,
            "general" => Form::General,
            _ => return Some(compact),
        };
        let text = jose_json::from_compact(&compact, form).ok()?;
        let doc = json::parse(&text).ok()?;
        Some(json::pretty(&doc).into())
    }

    /// Signs again after any change: on the page for HMAC secrets, else a
    /// job for the crypto worker (numbered from `seq`).
    pub fn resign(mut self, seq: &mut u64) -> Encoder {
        self.output = None;
        self.error = None;
        self.job = None;
        self.public_pem = None;
        self.signed_token = None;
        self.encryption = None;
        let mut findings = Vec::new();
        match sign::signing_input(&self.header, &self.payload) {
            Err(e) => {
                self.error = Some(e);
                self.preview = Shared::new(token::decode(""));
            }
            Ok((alg, input)) => {
                self.preview = Shared::new(token::decode(&format!("{input}.")));
                findings.extend(self.alg_findings(&alg));
                match sign::sign_on_page(&alg, &input, &self.key, self.encoding) {
                    PageSigning::Signed(token) => self.output = Some(token.into()),
                    PageSigning::Cannot(reason) => self.error = Some(reason),
                    PageSigning::NeedsWorker => {
                        *seq += 1;
                        self.job = Some(Shared::new(Message {
                            seq: *seq,
                            body: Request::Sign(SignJob {
                                header: self.header.to_string(),
                                payload: self.payload.to_string(),
                                key_text: self.key.to_string(),
                                encoding: self.encoding,
                                // Several keys sign the general form; an
                                // encrypted output stays one compact JWS.
                                all_keys: self.serialization.as_str() == "general" && !self.encrypt,
                            }),
                        }));
                    }
                }
            }
        }
        self.findings = Shared::new(findings);
        self.encrypt_output(seq)
    }

    /// With encryption on, the signed token goes to the crypto worker to be
    /// encrypted to the recipient's key (`cty: JWT`, sign then encrypt).
    fn encrypt_output(mut self, seq: &mut u64) -> Encoder {
        if !self.encrypt {
            return self;
        }
        let Some(signed) = self.output.take() else {
            return self;
        };
        self.signed_token = Some(signed.clone());
        if self.jwe_key.trim().is_empty() {
            self.error = Some(format!(
                "Enter the recipient's key to encrypt with {}: a public key (PEM or JWK) for RSA or ECDH, a shared key (JWK of kty oct, or text) for AES key wrap and dir, or a password for PBES2.",
                self.jwe_alg
            ));
            return self;
        }
        *seq += 1;
        self.encryption = Some(Shared::new(Message {
            seq: *seq,
            body: Request::Encrypt {
                plaintext: signed.to_string(),
                alg: self.jwe_alg.to_string(),
                enc: self.jwe_enc.to_string(),
                key_text: self.jwe_key.to_string(),
                encoding: SecretEncoding::Utf8,
                cty: Some("JWT".into()),
                zip: false,
                p2c: None,
                general: self.serialization.as_str() == "general",
            },
        }));
        self
    }

    /// The worker encrypted the signed token, or said why it cannot.
    pub fn encrypted(mut self, result: Result<String, String>) -> Encoder {
        self.encryption = None;
        match result {
            Ok(token) => self.output = Some(token.into()),
            Err(reason) => self.error = Some(reason),
        }
        self
    }

    /// What to say about the header's `alg` and the key it signs with.
    fn alg_findings(&self, alg: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        if alg != self.alg.as_str() {
            out.push(Finding {
                code: "alg-mismatch".into(),
                severity: Severity::Warning,
                title: "The header's alg differs from the one selected".into(),
                detail: format!(
                    "The header says \"alg\": \"{alg}\" but {} is selected. The token is signed as its header says, with {alg}; pick {alg} above or edit the header.",
                    self.alg
                ),
            });
        }
        if alg == "none" {
            out.push(Finding {
                code: "alg-none".into(),
                severity: Severity::Danger,
                title: "Unsecured token".into(),
                detail: "\"alg\": \"none\" makes a token with no signature: anyone can change it. Only for testing that a server refuses such tokens (RFC 8725 §3.1).".into(),
            });
        }
        let hmac = algorithms::lookup(alg).filter(|a| a.family == Family::Hmac);
        if let Some(info) = hmac {
            if keys::classify(&self.key) == keys::KeyShape::Text {
                if let Ok(bytes) = self.encoding.decode(&self.key) {
                    out.extend(verify::weak_secret(info, &bytes));
                }
            }
        }
        out
    }

    /// Sets the selected algorithm and writes it into the header.
    pub fn select_alg(mut self, alg: AttrValue, seq: &mut u64) -> Encoder {
        if let Ok(header) = crate::core::json::set_member(
            &self.header,
            "alg",
            serde_json::Value::String(alg.to_string()),
        ) {
            self.header = header.into();
        }
        self.alg = alg;
        self.resign(seq)
    }

    /// Sets (or adds) one claim in the payload.
    pub fn set_claim(mut self, name: &str, value: serde_json::Value, seq: &mut u64) -> Encoder {
        match crate::core::json::set_member(&self.payload, name, value) {
            Ok(payload) => {
                self.payload = payload.into();
                self.resign(seq)
            }
            // Broken JSON: the error already says where.
            Err(_) => self,
        }
    }

    /// The worker signed, or said why it cannot.
    pub fn signed(
        mut self,
        result: Result<(String, Option<String>), String>,
        seq: &mut u64,
    ) -> Encoder {
        self.job = None;
        match result {
            Ok((token, public_pem)) => {
                self.output = Some(token.into());
                self.public_pem = public_pem.map(AttrValue::from);
                self.encrypt_output(seq)
            }
            Err(reason) => {
                self.error = Some(reason);
                self
            }
        }
    }

    /// Asks the generation worker for a key for the selected algorithm.
    pub fn generate(mut self, seq: &mut u64) -> Encoder {
        *seq += 1;
        self.generation = Some(Shared::new(Message {
            seq: *seq,
            body: Request::Generate {
                alg: self.alg.to_string(),
                rsa_bits: self.rsa_bits,
            },
        }));
        self.generated = None;
        self.generation_note = None;
        self
    }

    /// A key or algorithm chosen by hand wins over a key still being made
    /// for the old choice.
    pub fn drop_generation(self) -> Encoder {
        Encoder {
            generation: None,
            ..self
        }
    }

    pub fn cancel_generation(mut self) -> Encoder {
        if self.generation.take().is_some() {
            self.generation_note = Some("Generation cancelled.".into());
        }
        self
    }

    /// A new key arrived: it goes into the key box (a secret as base64url,
    /// with the encoding set to match) and the token is signed with it.
    pub fn generated_key(mut self, result: Result<GeneratedKey, String>, seq: &mut u64) -> Encoder {
        self.generation = None;
        match result {
            Ok(key) => {
                self.key = key.private_text.clone().into();
                if key.is_secret {
                    self.encoding = SecretEncoding::Base64Url;
                }
                self.generated = Some(Shared::new(key));
                self.resign(seq)
            }
            Err(reason) => {
                self.generation_note = Some(reason);
                self
            }
        }
    }

    /// The key that verifies the output: the secret itself, the public key
    /// of a generated or signing private key, else the key as given (the
    /// verifier reads a private key's public half).
    pub fn verification_key(&self) -> AttrValue {
        if self.encrypt {
            // The decoder decrypts first: a shared key or password opens the
            // JWE; a recipient's public key cannot, so the key box is left
            // for the private key.
            let opens = crate::core::jwe::uses_shared_key(&self.jwe_alg)
                || self.jwe_alg.starts_with("PBES2");
            return if opens {
                self.jwe_key.clone()
            } else {
                AttrValue::default()
            };
        }
        let generated = self
            .generated
            .as_ref()
            .filter(|g| g.private_text == self.key.as_str());
        match generated {
            Some(g) if !g.is_secret => g
                .public_pem
                .clone()
                .map(AttrValue::from)
                .unwrap_or_else(|| self.key.clone()),
            Some(_) => self.key.clone(),
            None => self.public_pem.clone().unwrap_or_else(|| self.key.clone()),
        }
    }
}
