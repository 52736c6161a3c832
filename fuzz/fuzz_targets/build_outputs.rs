//! Arbitrary bytes built in memory with every output: each file is JSON.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mwc_fuzz::invariants::build(data));
