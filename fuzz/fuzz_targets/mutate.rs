//! Mutations of valid programs, checked and built.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| mwc_fuzz::invariants::program(data));

libfuzzer_sys::fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    // One time in five, or when no structured edit applies, libFuzzer's
    // own byte-level mutations (which also use `-dict=fuzz/mw.dict`).
    let structured = (!seed.is_multiple_of(5))
        .then(|| mwc_fuzz::mutator::mutate(&data[..size], seed, max_size))
        .flatten();
    match structured {
        Some(mutant) => {
            data[..mutant.len()].copy_from_slice(&mutant);
            mutant.len()
        }
        None => libfuzzer_sys::fuzzer_mutate(data, size, max_size),
    }
});
