//! The pure core: everything about tokens, keys and findings, with no
//! browser dependency. The current time is always a parameter.

pub mod algorithms;
pub mod backends;
pub mod base64url;
pub mod claim_registry;
pub mod claims;
pub mod dpop;
pub mod engine;
pub mod errors;
pub mod explain;
pub mod finding_refs;
pub mod findings;
pub mod jose_json;
pub mod json;
pub mod jwe;
pub mod key_export;
pub mod keygen;
pub mod keys;
pub mod sd_jwt;
pub mod sign;
pub mod sign_json;
pub mod status_list;
pub mod sweep;
pub mod token;
pub mod validate;
pub mod verify;
pub mod weak_secrets;

/// The token shown on first load: HS256, signed with [`SAMPLE_SECRET`].
pub const SAMPLE_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJodHRwczovL2F1dGguZXhhbXBsZS5jb20iLCJzdWIiOiJ1c2VyLTEyMzQiLCJhdWQiOiJhcGkuZXhhbXBsZS5jb20iLCJpYXQiOjE3NjcyMjU2MDAsIm5iZiI6MTc2NzIyNTYwMCwiZXhwIjo0MTAyNDQ0ODAwLCJzY29wZSI6InJlYWQ6bWVzc2FnZXMgd3JpdGU6bWVzc2FnZXMifQ.5-ccvCXDIL_nG6yX2SWyAsf2MPfWNJs5WuEdVXl3CdE";

/// The HMAC secret that verifies [`SAMPLE_TOKEN`].
pub const SAMPLE_SECRET: &str = "this-is-the-sample-secret-for-hs256";
