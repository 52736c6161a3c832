//! Whatever arrives, the checker returns diagnostics and never panics:
//! mutations of the examples and random byte soup, from a fixed seed.

mod common;

use mwc::Sources;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&[u8]] = &[
    "\u{e9}".as_bytes(),
    "\u{2400}".as_bytes(),
    b"= = =",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"=",
    b",",
    b".",
    b"//",
    b"/*",
    b"*/",
    b"\\",
    b"\n",
    b"3h",
    b"-1",
    b"10%",
    b"\0",
    b"\xff",
    b"window",
    b"task",
    b"target",
    b"role",
    b"run_command",
    b"\"x\"",
];

fn check_bytes(bytes: Vec<u8>) {
    let mut sources = Sources::new();
    sources.add_bytes("fuzz.mw", bytes);
    let _ = mwc::check_sources(&sources, common::testing_now());
}

#[test]
fn mutated_examples_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut examples: Vec<Vec<u8>> = std::fs::read_dir(dir)
        .expect("examples")
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    examples.sort();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for _ in 0..3_000 {
        let mut bytes = examples[rng.below(examples.len())].clone();
        for _ in 0..=rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(3) {
                0 if at < bytes.len() => {
                    let end = (at + rng.below(20)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    let piece = PIECES[rng.below(PIECES.len())];
                    bytes.splice(at..at, piece.iter().copied());
                }
            }
        }
        check_bytes(bytes);
    }
}

#[test]
fn random_soup_never_panics() {
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    for _ in 0..2_000 {
        let mut bytes = Vec::new();
        for _ in 0..rng.below(60) {
            bytes.extend_from_slice(PIECES[rng.below(PIECES.len())]);
            if rng.below(3) == 0 {
                bytes.push(b' ');
            }
        }
        check_bytes(bytes);
    }
}
