//! A schedule as written and a start instant: openings strictly increase.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mwc_fuzz::invariants::schedule(data));
