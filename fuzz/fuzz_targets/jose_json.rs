//! Fuzz target `jose_json`: see run_jose_json in tests/support/fuzz_replay.rs, which
//! `cargo test --test fuzz_corpus` also replays over the kept corpus.
#![no_main]

#[allow(dead_code)]
mod replay {
    include!("../../tests/support/fuzz_replay.rs");
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| replay::run_jose_json(data));
