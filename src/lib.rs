//! mwc: a compiler for `.mw`, a language that declares AWS Systems Manager
//! maintenance windows.
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![warn(missing_docs)]

pub mod diagnostic;
pub mod source;
pub mod syntax;
