#![no_main]

// The body lives in exposure-core, where the normal test run replays this target's corpus.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    exposure_core::fuzzing::plan(data);
});
