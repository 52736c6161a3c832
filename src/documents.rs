//! What SSM documents take: the parameters of the AWS-owned documents that
//! maintenance-window tasks run most (`data/documents/`, in AWS's own
//! parameter format), and the program's own documents
//! (`document "Name" { from = "file.json" }`).
//!
//! A task that names a known document has its `parameters` checked against
//! it: unknown names, missing required ones, values outside the allowed
//! values or pattern, the wrong type, and a Command document run as
//! Automation or the reverse. A document mwc does not know is never an
//! error.

use crate::schema::Kind;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Command (Run Command) or Automation (a runbook).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum DocumentKind {
    /// Run by `run_command`.
    Command,
    /// Run by `automation`.
    Automation,
}

impl DocumentKind {
    /// The task block that runs documents of this kind.
    pub fn block(self) -> Kind {
        match self {
            DocumentKind::Command => Kind::RunCommand,
            DocumentKind::Automation => Kind::Automation,
        }
    }
}

/// The type of a document parameter, as AWS names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum ParamType {
    /// One string.
    String,
    /// A list of strings.
    StringList,
    /// One integer.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A list of maps (passed as JSON).
    MapList,
    /// A map (passed as JSON).
    StringMap,
}

impl ParamType {
    /// Whether the parameter takes one value (not a list).
    pub fn single(self) -> bool {
        matches!(
            self,
            ParamType::String | ParamType::Integer | ParamType::Boolean | ParamType::StringMap
        )
    }

    /// The type as AWS writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "String",
            ParamType::StringList => "StringList",
            ParamType::Integer => "Integer",
            ParamType::Boolean => "Boolean",
            ParamType::MapList => "MapList",
            ParamType::StringMap => "StringMap",
        }
    }
}

/// One parameter of a document, in AWS's format.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    /// Its type.
    #[serde(rename = "type")]
    pub ty: ParamType,
    /// AWS's description.
    #[serde(default)]
    pub description: String,
    /// The values it may take.
    #[serde(default)]
    pub allowed_values: Option<Vec<String>>,
    /// The value when none is given; a parameter without one is required.
    #[serde(default)]
    pub default: Option<serde_json::Value>,
    /// The pattern each value must match.
    #[serde(default)]
    pub allowed_pattern: Option<String>,
    /// Fewest list items.
    #[serde(default)]
    pub min_items: Option<usize>,
    /// Most list items.
    #[serde(default)]
    pub max_items: Option<usize>,
    /// Fewest characters.
    #[serde(default)]
    pub min_chars: Option<usize>,
    /// Most characters.
    #[serde(default)]
    pub max_chars: Option<usize>,
    /// Shown in the console only (AWS's `displayType`); not checked.
    #[serde(default)]
    pub display_type: Option<String>,
}

impl Parameter {
    /// Whether a task must give the parameter: it has no default.
    pub fn required(&self) -> bool {
        self.default.is_none()
    }

    /// The default as the text a task would pass, for showing it.
    pub fn default_text(&self) -> Option<String> {
        Some(match self.default.as_ref()? {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }
}

/// A document's parameter definitions.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Its name.
    pub name: String,
    /// Command or Automation.
    pub document_type: DocumentKind,
    /// The platforms it runs on (`Windows`, `Linux`, `MacOS`).
    #[serde(default)]
    pub platforms: Vec<String>,
    /// Where the definitions were read.
    #[serde(default)]
    pub source: String,
    /// When they were read.
    #[serde(default)]
    pub read: String,
    /// The document's schema version.
    #[serde(default)]
    pub schema_version: String,
    /// Its parameters, by name.
    #[serde(default)]
    pub parameters: BTreeMap<String, Parameter>,
}

/// The files of `data/documents/`, one per AWS-owned document.
const OWNED: &[&str] = &[
    include_str!("../data/documents/AWS-ApplyPatchBaseline.json"),
    include_str!("../data/documents/AWS-ConfigureAWSPackage.json"),
    include_str!("../data/documents/AWS-CreateImage.json"),
    include_str!("../data/documents/AWS-InstallWindowsUpdates.json"),
    include_str!("../data/documents/AWS-PatchInstanceWithRollback.json"),
    include_str!("../data/documents/AWS-RestartEC2Instance.json"),
    include_str!("../data/documents/AWS-RunAnsiblePlaybook.json"),
    include_str!("../data/documents/AWS-RunDocument.json"),
    include_str!("../data/documents/AWS-RunPatchBaseline.json"),
    include_str!("../data/documents/AWS-RunPatchBaselineAssociation.json"),
    include_str!("../data/documents/AWS-RunPatchBaselineWithHooks.json"),
    include_str!("../data/documents/AWS-RunPowerShellScript.json"),
    include_str!("../data/documents/AWS-RunShellScript.json"),
    include_str!("../data/documents/AWS-StartEC2Instance.json"),
    include_str!("../data/documents/AWS-StopEC2Instance.json"),
    include_str!("../data/documents/AWS-UpdateLinuxAmi.json"),
    include_str!("../data/documents/AWS-UpdateSSMAgent.json"),
    include_str!("../data/documents/AWS-UpdateWindowsAmi.json"),
];

/// The AWS-owned documents mwc knows, by name.
static KNOWN: LazyLock<BTreeMap<String, Document>> = LazyLock::new(|| {
    OWNED
        .iter()
        .filter_map(|text| serde_json::from_str::<Document>(text).ok())
        .map(|d| (d.name.clone(), d))
        .collect()
});

/// The AWS-owned document of this name or ARN (an ARN of an AWS-owned
/// document has no account: `arn:aws:ssm:us-east-1::document/AWS-…`).
pub fn owned(name_or_arn: &str) -> Option<&'static Document> {
    KNOWN.get(document_name(name_or_arn))
}

/// Every AWS-owned document mwc knows.
pub fn all_owned() -> impl Iterator<Item = &'static Document> {
    KNOWN.values()
}

/// The document name of a name or ARN.
pub fn document_name(name_or_arn: &str) -> &str {
    match name_or_arn.split_once(":document/") {
        Some((_, name)) => name,
        None => name_or_arn,
    }
}

/// The texts of `data/documents/*.json`, for the tests of the table.
pub fn owned_files() -> &'static [&'static str] {
    OWNED
}
