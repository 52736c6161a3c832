//! Rendering diagnostics for people (miette's graphical report) and for
//! tools (one JSON object per line).

#[cfg(feature = "cli")]
pub mod human;
pub mod json;
mod report;
pub mod schedule;
pub mod tasks;

pub use report::Report;
