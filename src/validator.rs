//! The validation worker's entry point: would a server accept this token
//! (rules, profiles and JSON Schema), answered by
//! `core::engine::handle_validation_json`. It is loaded only when the
//! Validate view is first opened.

fn main() {
    jwt_debugger::worker_host::serve(jwt_debugger::core::engine::handle_validation_json);
}
