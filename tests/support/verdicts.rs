//! The verifier's verdict for a token and key text, at the tests' fixed
//! "now" (2026-01-01T00:00:00Z). Shared by test crates with `#[path]`.

use jwt_debugger::core::keys::SecretEncoding;
use jwt_debugger::core::token;
use jwt_debugger::core::verify::{self, VerifyRequest};

pub fn verdict(token: &str, key_text: &str, encoding: SecretEncoding) -> verify::Verdict {
    let decoded = token::decode(token);
    verify::verify(&VerifyRequest {
        decoded: &decoded,
        key_text,
        encoding,
        detached_payload: None,
        now: 1_767_225_600,
    })
}
