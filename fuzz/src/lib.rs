//! The fuzz targets' shared code: the invariants each target checks (also
//! replayed by mwc's `tests/fuzz_regressions.rs`) and the structure-aware
//! mutator of the `mutate` target. See `docs/fuzzing.md`.

pub mod invariants;
pub mod mutator;
