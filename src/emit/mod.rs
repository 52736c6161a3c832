//! From a checked program to the files users deploy: one CloudFormation
//! template, the API plan (ordered IAM and SSM request bodies with
//! `plan.json`), and IAM policy documents.
//!
//! Emitting takes a [`Ready`] build, which only [`crate::build::prepare`]
//! makes after the checks and the build context found no error, so it
//! cannot run on a program that failed. Each AWS shape is built once, in
//! [`shapes`] and [`iam`], for every output. Output is byte-deterministic:
//! ordered structs, no clock, no hash order, two-space JSON with a newline
//! at the end.

pub mod cfn;
pub mod iam;
pub mod shapes;
pub mod ssm;

use crate::build::Ready;
use serde::Serialize;

/// One output file: its path relative to the output directory, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative path with `/` separators.
    pub path: String,
    /// The content, ending in a newline.
    pub text: String,
}

/// Serializes a document as two-space JSON with a newline at the end.
pub fn to_json<T: Serialize>(doc: &T) -> String {
    // Serializing our own document types cannot fail: they hold only
    // strings, numbers, booleans, vectors and string-keyed maps.
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
    text.push('\n');
    text
}

/// The output files of a ready build.
pub fn emit(ready: &Ready<'_, '_>) -> Vec<File> {
    let program = ready.program();
    let mut files = Vec::new();
    if ready.emit().cfn {
        files.extend(cfn::templates(program));
    }
    if ready.emit().ssm {
        files.extend(ssm::plan(program, ready.context()));
    }
    if ready.emit().iam {
        files.extend(iam::documents(program, ready.context()));
    }
    files
}
