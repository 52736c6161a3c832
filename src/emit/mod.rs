//! From a checked program to the files users deploy: one CloudFormation
//! template, ordered SSM API request bodies with `plan.json`, and IAM trust
//! and PassRole policy documents.
//!
//! Emit cannot fail on a checked model: whatever AWS would reject, and every
//! value an output needs but the program lacks, is a diagnostic of
//! [`crate::check::build_context`]. Output is byte-deterministic: ordered
//! structs, no clock, no hash order, two-space JSON with a newline at the end.

pub mod cfn;
pub mod iam;
pub mod names;
pub mod ssm;

use crate::model::{Program, RoleRef};
use serde::Serialize;

/// Which outputs to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emit {
    /// `cloudformation.json`.
    pub cfn: bool,
    /// `ssm/`.
    pub ssm: bool,
    /// `iam/`.
    pub iam: bool,
}

impl Emit {
    /// Every output.
    pub const ALL: Emit = Emit {
        cfn: true,
        ssm: true,
        iam: true,
    };
}

/// What a build needs besides the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildOptions {
    /// Which outputs.
    pub emit: Emit,
    /// `--set account=...`, overriding the program's `account`.
    pub account: Option<String>,
    /// `--set region=...`.
    pub region: Option<String>,
    /// `--set partition=...`.
    pub partition: Option<String>,
}

/// The account, Region and partition a build uses, command line first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The account id, when known.
    pub account: Option<String>,
    /// The Region, when known.
    pub region: Option<String>,
    /// The partition (`aws` by default).
    pub partition: String,
}

impl Context {
    /// The context of `program` under `options`.
    pub fn new(program: &Program<'_>, options: &BuildOptions) -> Context {
        let s = &program.settings;
        Context {
            account: options
                .account
                .clone()
                .or_else(|| s.account.map(|a| a.value.to_string())),
            region: options
                .region
                .clone()
                .or_else(|| s.region.map(|r| r.value.to_string())),
            partition: options
                .partition
                .clone()
                .or_else(|| s.partition.map(|p| p.value.to_string()))
                .unwrap_or_else(|| "aws".to_string()),
        }
    }

    /// The ARN of a declared role, when the account is known.
    pub fn role_arn(&self, program: &Program<'_>, role: &RoleRef<'_>) -> Option<String> {
        match role {
            RoleRef::Arn(arn) => Some(arn.value.to_string()),
            RoleRef::Declared(id, _) => {
                let role = program.roles.get(id.0)?;
                let account = self.account.as_ref()?;
                let path = role.path.map_or("/", |p| p.value);
                Some(format!(
                    "arn:{}:iam::{account}:role{path}{}",
                    self.partition, role.name.value
                ))
            }
        }
    }
}

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

/// Builds the outputs of a program that checked without errors.
pub fn build(program: &Program<'_>, options: &BuildOptions) -> Vec<File> {
    let cx = Context::new(program, options);
    let mut files = Vec::new();
    if options.emit.cfn {
        files.extend(cfn::templates(program));
    }
    if options.emit.ssm {
        files.extend(ssm::plan(program, &cx));
    }
    if options.emit.iam {
        files.extend(iam::documents(program, &cx));
    }
    files
}
