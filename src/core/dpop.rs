//! DPoP proofs (RFC 9449): a `dpop+jwt` carries the client's public key in
//! its own header (`jwk`), and is verified with it. A proof whose `jwk` holds
//! private members has leaked the client's private key.

use serde_json::Value;

use crate::core::token::Decoded;

/// The header `typ` of a DPoP proof.
pub const PROOF_TYP: &str = "dpop+jwt";

/// JWK members that only a private key has (RFC 7518 §6.2.2, §6.3.2, §6.4,
/// RFC 8037 §2).
const PRIVATE_MEMBERS: [&str; 8] = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

/// Whether `decoded` is a DPoP proof (its header says `typ: dpop+jwt`).
pub fn is_proof(decoded: &Decoded) -> bool {
    decoded
        .header_param("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case(PROOF_TYP))
}

/// The private members a JWK carries (empty for a public key).
pub fn private_members(jwk: &Value) -> Vec<&'static str> {
    PRIVATE_MEMBERS
        .into_iter()
        .filter(|m| jwk.get(m).is_some())
        .collect()
}

/// Whether `decoded` is an ACME request (RFC 8555 §6.2): a JWS in JSON
/// whose protected header names the `url` and `nonce` it was made for.
pub fn is_acme_request(decoded: &Decoded) -> bool {
    decoded.json_jws().is_some_and(|jws| {
        jws.entries
            .first()
            .is_some_and(|e| e.protected.contains_key("url") && e.protected.contains_key("nonce"))
    })
}

/// The key a token is verified with when it carries its own: a DPoP
/// proof's, or an ACME request's (newAccount, or a revocation signed by the
/// certificate's key), header `jwk` as JWK text. `Err` names the private
/// members when the `jwk` is a private key.
pub fn proof_key(decoded: &Decoded) -> Option<Result<String, String>> {
    let what = if is_proof(decoded) {
        "DPoP proof"
    } else if is_acme_request(decoded) {
        "ACME request"
    } else {
        return None;
    };
    let jwk = decoded.header_param("jwk")?;
    let private = private_members(jwk);
    if !private.is_empty() {
        return Some(Err(format!(
            "The {what}'s header jwk holds private key members ({}): a {what} must carry only the public key, so this client's private key is exposed to everyone who saw it. Generate a new key pair.",
            private.join(", ")
        )));
    }
    Some(Ok(jwk.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::base64url::encode;
    use crate::core::token::decode;

    fn proof(header: &str) -> Decoded {
        decode(&format!(
            "{}.{}.c2ln",
            encode(header.as_bytes()),
            encode(b"{}")
        ))
    }

    #[test]
    fn a_proof_is_verified_with_its_header_jwk_unless_it_is_private() {
        let public =
            r#"{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b"}}"#;
        assert_eq!(
            proof_key(&proof(public)),
            Some(Ok(
                r#"{"kty":"EC","crv":"P-256","x":"a","y":"b"}"#.to_string()
            ))
        );
        let private = r#"{"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":"a","y":"b","d":"c"}}"#;
        assert!(
            matches!(proof_key(&proof(private)), Some(Err(e)) if e.starts_with("The DPoP proof's header jwk holds private key members (d)"))
        );
        assert_eq!(
            proof_key(&proof(r#"{"typ":"JWT","alg":"ES256","jwk":{}}"#)),
            None
        );
        assert_eq!(
            proof_key(&proof(r#"{"typ":"dpop+jwt","alg":"ES256"}"#)),
            None
        );
    }
}
