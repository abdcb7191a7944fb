//! The crypto worker's entry point: keys, asymmetric crypto, signing, key
//! generation and secret sweeps, answered by `core::engine::handle_json`.
//! Natively it reads JSON lines, e.g.
//! `echo '{"seq":1,"body":{"Spin":{"rounds":1}}}' | cargo run --bin crypto-worker`

fn main() {
    jwt_debugger::worker_host::serve(jwt_debugger::core::engine::handle_json);
}
