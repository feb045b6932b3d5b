#![no_main]

// The body lives in crates/fuzzing (exposure-fuzzing), where the normal test run replays this target's corpus.
libfuzzer_sys::fuzz_target!(|data: &[u8]| exposure_fuzzing::xlsx(data));
