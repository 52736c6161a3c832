//! Arbitrary bytes as a `.mw` file, checked: diagnostics, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mwc_fuzz::invariants::check(data));
