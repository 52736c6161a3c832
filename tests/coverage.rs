//! Every field of the schema reaches the outside judges.
//!
//! `.ci/conformance.py` builds each conformance input (`examples/*.mw` and
//! `tests/fixtures/ok/*.mw`) and hands the outputs to cfn-lint, botocore,
//! parliament and a moto server. A field that no input sets produces output
//! that no outside tool has ever seen, so this test walks the schema table
//! (every block of `ALL_BLOCKS` and the top level, every field that is not
//! deprecated, the sub-fields of records, the header labels of the task-type
//! blocks) and requires each to be set by at least one input, in each of the
//! shapes its type accepts (a role by reference and by ARN, a JSON value as a
//! map and as a string, ...). It also requires every way a target selects
//! nodes, every task type, and two programs the emitters have got wrong
//! before: a role that is both a task's service role and its notification
//! role, and a `pass_role.roles` that names a role of the same program.
//!
//! A second test builds each input and requires that every field it sets
//! reaches its outputs: its AWS member is in the API plan or `iam/`, and in
//! the template when the template has that member. A field added to the
//! schema but not emitted fails there.
//!
//! The inputs are parsed with the library's generic parser and walked by
//! block kind; nothing here greps text.

use mwc::schema::{self, BlockSchema, Field, Header, Type};
use mwc::syntax::ast::{Block, Entry, Item, Value, ValueKind};
use mwc::{SourceKind, Strings};
use std::collections::BTreeSet;
use std::path::Path;

mod common;

/// The shapes a value is written in, as the requirements name them.
fn shape(value: &ValueKind<'_>) -> &'static str {
    match value {
        ValueKind::Str(_) => "a string",
        ValueKind::Int(_) => "a number",
        ValueKind::Map(_) => "a map",
        ValueKind::Ref(_) => "a reference",
        ValueKind::List(items) if items.iter().all(|v| matches!(v.kind, ValueKind::Ref(_))) => {
            "a list of references"
        }
        ValueKind::List(items) if items.iter().all(|v| matches!(v.kind, ValueKind::Str(_))) => {
            "a list of strings"
        }
        other => other.describe(),
    }
}

/// The shapes every input together must use for a field of this type: the
/// types that accept more than one shape, each of which the emitters write
/// differently.
fn required_shapes(ty: Type) -> &'static [&'static str] {
    match ty {
        // A declared role becomes `Fn::GetAtt` or a built ARN; a string is
        // passed through.
        Type::RoleRef => &["a reference", "a string"],
        // Registered targets become `WindowTargetIds`, strings `InstanceIds`.
        Type::TaskTargets => &["a list of references", "a list of strings"],
        // A map is serialized to JSON; a string is sent as written.
        Type::Json => &["a map", "a string"],
        // `"$DEFAULT"` and `3` are both document versions.
        Type::Version => &["a string", "a number"],
        _ => &[],
    }
}

/// One thing the inputs must set, and how it is named in a failure.
struct Requirement {
    /// The key it is recorded under while walking the inputs.
    key: String,
    /// What to tell the reader when it is missing.
    what: String,
}

/// The requirements of one field (and its record sub-fields) of block `kind`.
fn field_requirements(kind: &str, path: &[&str], field: &Field, out: &mut Vec<Requirement>) {
    if field.deprecated.is_some() {
        return;
    }
    let mut path = path.to_vec();
    path.push(field.name);
    let dotted = path.join(".");
    let place = if path.len() == 1 && kind == schema::TOP.name() {
        format!("top-level field `{}`", field.name)
    } else if path.len() == 1 {
        format!("field `{}` of block `{kind}`", field.name)
    } else {
        format!(
            "key `{}` of record `{}` in block `{kind}`",
            field.name,
            path[..path.len() - 1].join(".")
        )
    };
    out.push(Requirement {
        key: format!("{kind}.{dotted}"),
        what: place.clone(),
    });
    for shape in required_shapes(field.ty) {
        out.push(Requirement {
            key: format!("{kind}.{dotted} as {shape}"),
            what: format!("{place} written as {shape}"),
        });
    }
    if let Type::Record(fields) = field.ty {
        for sub in fields {
            field_requirements(kind, &path, sub, out);
        }
    }
}

/// The blocks whose fields are checked: the top level and `ALL_BLOCKS`.
fn blocks() -> Vec<&'static BlockSchema> {
    let mut all = vec![&schema::TOP];
    all.extend(schema::ALL_BLOCKS.iter().copied());
    all
}

/// Everything the schema says a program may set without an error.
fn requirements() -> Vec<Requirement> {
    let mut out = Vec::new();
    for block in blocks() {
        let kind = block.name();
        if block.kind != schema::TOP.kind {
            let header = match block.header {
                Header::Name => "with a name".to_string(),
                Header::Label { what, .. } => format!("with its label (the {what})"),
            };
            out.push(Requirement {
                key: format!("block {kind}"),
                what: format!("block `{kind}` {header}"),
            });
        }
        for field in block.fields {
            field_requirements(kind, &[], field, &mut out);
        }
    }
    // Each way a target selects nodes, and each task type, on its own line
    // of the report, so a gap reads as what it is.
    for selection in ["tags", "tag_keys", "instances", "resource_group"] {
        assert!(
            schema::TARGET.field(selection).is_some(),
            "the schema no longer has target field `{selection}`: update this test"
        );
        out.push(Requirement {
            key: format!("selection {selection}"),
            what: format!("a target that selects nodes by `{selection}`"),
        });
    }
    for task_type in schema::TASK.blocks {
        out.push(Requirement {
            key: format!("task type {}", task_type.kind),
            what: format!("a task of type `{}`", task_type.kind),
        });
    }
    out.push(Requirement {
        key: "scenario same service and notification role".to_string(),
        what:
            "a task whose `role` and whose `run_command` `notify.role` name the same declared role"
                .to_string(),
    });
    out.push(Requirement {
        key: "scenario pass_role to a declared role".to_string(),
        what: "a role whose `pass_role.roles` names a role declared in the same program"
            .to_string(),
    });
    out
}

/// What the inputs set, as requirement keys.
#[derive(Default)]
struct Seen {
    keys: BTreeSet<String>,
}

impl Seen {
    fn note(&mut self, key: String) {
        self.keys.insert(key);
    }

    /// One assignment (or map entry) `name = value` of block `kind` at
    /// `path`, with its record sub-fields when the schema makes it a record.
    fn assignment(&mut self, kind: &str, path: &[&str], field: Option<&Field>, value: &Value<'_>) {
        let Some(field) = field else {
            return; // not in the schema: the fixture tests report it
        };
        let mut path = path.to_vec();
        path.push(field.name);
        let dotted = format!("{kind}.{}", path.join("."));
        self.note(format!("{dotted} as {}", shape(&value.kind)));
        self.note(dotted);
        if let (Type::Record(fields), ValueKind::Map(entries)) = (field.ty, &value.kind) {
            for Entry { key, value } in entries {
                let sub = fields.iter().find(|f| f.name == key.text);
                self.assignment(kind, &path, sub, value);
            }
        }
    }

    /// The items of a block of schema `block`, and the blocks inside.
    fn items(&mut self, block: &BlockSchema, items: &[Item<'_>]) {
        for item in items {
            match item {
                Item::Assignment(a) => {
                    self.assignment(block.name(), &[], block.field(a.key.text), &a.value);
                }
                Item::Block(b) => {
                    if let Some(child) = block.block(b.kind.text) {
                        self.block(child, b);
                    }
                }
                // Elaborated away before the walk.
                Item::For(_) | Item::Import(_) => {}
            }
        }
    }

    fn block(&mut self, schema: &BlockSchema, block: &Block<'_>) {
        let header = match schema.header {
            Header::Name => block.name.is_some(),
            Header::Label { .. } => block.label.is_some(),
        };
        if header {
            self.note(format!("block {}", schema.kind));
        }
        if schema.kind == schema::Kind::Target {
            for selection in ["tags", "tag_keys", "instances", "resource_group"] {
                if assigned(&block.items, selection).is_some() {
                    self.note(format!("selection {selection}"));
                }
            }
        }
        if schema.kind == schema::Kind::Task {
            self.task_scenarios(block);
        }
        if schema::TASK.child(schema.kind).is_some() {
            self.note(format!("task type {}", schema.kind));
        }
        self.items(schema, &block.items);
    }

    /// A task that runs as the declared role its notifications publish with.
    fn task_scenarios(&mut self, task: &Block<'_>) {
        let Some(role) = assigned(&task.items, "role").and_then(reference) else {
            return;
        };
        let notify_role = task.items.iter().find_map(|item| match item {
            Item::Block(b) if b.kind.text == "run_command" => assigned(&b.items, "notify")
                .and_then(|n| entry(n, "role"))
                .and_then(reference),
            _ => None,
        });
        if notify_role == Some(role) {
            self.note("scenario same service and notification role".to_string());
        }
    }

    /// A role of this file whose `pass_role.roles` names another of its roles.
    fn file_scenarios(&mut self, items: &[Item<'_>]) {
        let roles: Vec<&Block<'_>> = items
            .iter()
            .filter_map(|item| match item {
                Item::Block(b) if b.kind.text == "role" => Some(&**b),
                _ => None,
            })
            .collect();
        let iam_names: BTreeSet<&str> = roles
            .iter()
            .filter_map(|r| match assigned(&r.items, "name").map(|v| &v.kind) {
                Some(ValueKind::Str(s)) => Some(s.value.as_ref()),
                _ => r.name.map(|n| n.text),
            })
            .collect();
        for role in &roles {
            let passed_to = assigned(&role.items, "pass_role").and_then(|p| entry(p, "roles"));
            if let Some(ValueKind::List(names)) = passed_to.map(|v| &v.kind) {
                let declared = names.iter().any(
                    |n| matches!(&n.kind, ValueKind::Str(s) if iam_names.contains(s.value.as_ref())),
                );
                if declared {
                    self.note("scenario pass_role to a declared role".to_string());
                }
            }
        }
    }
}

/// The value assigned to `key` among a block's items.
fn assigned<'a, 's>(items: &'a [Item<'s>], key: &str) -> Option<&'a Value<'s>> {
    items.iter().find_map(|item| match item {
        Item::Assignment(a) if a.key.text == key => Some(&a.value),
        _ => None,
    })
}

/// The value of `key` in a map value.
fn entry<'a, 's>(map: &'a Value<'s>, key: &str) -> Option<&'a Value<'s>> {
    match &map.kind {
        ValueKind::Map(entries) => entries.iter().find(|e| e.key.text == key).map(|e| &e.value),
        _ => None,
    }
}

/// The name a reference value refers to.
fn reference<'a>(value: &'a Value<'_>) -> Option<&'a str> {
    match &value.kind {
        ValueKind::Ref(parts) => parts.last().map(|p| p.text),
        _ => None,
    }
}

/// What one input sets, in each of its environments, as the checker sees
/// it: parameters, templates and comprehensions elaborated.
fn walk(path: &Path, seen: &mut Seen) {
    for env in common::environments(path) {
        let values: Vec<std::path::PathBuf> = env.into_iter().collect();
        let sources = common::sources(path, &values, &[]);
        let mut diagnostics = Vec::new();
        let mut parse = |kind: SourceKind| -> Vec<mwc::syntax::ast::File<'_>> {
            sources
                .iter()
                .filter(|s| s.kind() == kind)
                .map(|s| {
                    let (file, d) = mwc::syntax::parse(s);
                    diagnostics.extend(d);
                    file
                })
                .collect()
        };
        let program = parse(SourceKind::Program);
        let values = parse(SourceKind::Values);
        let strings = Strings::new();
        let files =
            mwc::elaborate::elaborate(&sources, program, values, &strings, &mut diagnostics).files;
        assert!(
            diagnostics.is_empty(),
            "{} does not parse and elaborate cleanly: {diagnostics:?}",
            path.display()
        );
        for file in &files {
            seen.items(&schema::TOP, &file.items);
            seen.file_scenarios(&file.items);
        }
    }
}

#[test]
fn every_schema_field_is_set_by_a_conformance_input() {
    let inputs = common::programs();
    assert!(!inputs.is_empty(), "no conformance inputs found");
    let mut seen = Seen::default();
    for path in &inputs {
        walk(path, &mut seen);
    }
    let missing: Vec<String> = requirements()
        .into_iter()
        .filter(|r| !seen.keys.contains(&r.key))
        .map(|r| format!("  - {}", r.what))
        .collect();
    assert!(
        missing.is_empty(),
        "\nNo conformance input (examples/*.mw, tests/fixtures/ok/*.mw) sets:\n{}\n\n\
         So no outside tool (cfn-lint, botocore, parliament, moto) ever judges their output.\n\
         Add a realistic program to tests/fixtures/ok/ that sets each, with a comment saying\n\
         what it covers, check it with `cargo run -- check FILE`, and accept its build\n\
         snapshot (tests/build_output.rs). A program that cannot be built with CloudFormation\n\
         output starts with the line `// mwc-build: --emit ssm,iam`.\n",
        missing.join("\n")
    );
}

#[test]
fn the_requirements_follow_the_schema() {
    let keys: BTreeSet<String> = requirements().into_iter().map(|r| r.key).collect();
    // A record's keys, a task type's label and the two-shape types are
    // required; deprecated fields are not.
    for key in [
        "role.pass_role.users",
        "role.trust_conditions.source_arn",
        "task.alarm.ignore_poll_failure",
        "run_command.notify.role as a string",
        "lambda.payload as a map",
        "block step_functions",
        "task type automation",
        "selection tag_keys",
    ] {
        assert!(keys.contains(key), "{key} is not required");
    }
    assert!(!keys.iter().any(|k| k.starts_with("task.task_parameters")));
    assert!(!keys.iter().any(|k| k.starts_with("task.logging_info")));
}

/// The AWS member each field sets (its schema `aws`), by requirement key,
/// for the fields that set one.
fn members() -> std::collections::BTreeMap<String, &'static str> {
    fn add(
        kind: &str,
        path: &[&str],
        field: &Field,
        out: &mut std::collections::BTreeMap<String, &'static str>,
    ) {
        if field.deprecated.is_some() {
            return;
        }
        let mut path = path.to_vec();
        path.push(field.name);
        if !field.aws.is_empty() {
            out.insert(format!("{kind}.{}", path.join(".")), field.aws);
        }
        if let Type::Record(fields) = field.ty {
            for sub in fields {
                add(kind, &path, sub, out);
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    for block in blocks() {
        for field in block.fields {
            add(block.name(), &[], field, &mut out);
        }
    }
    out
}

/// The name a member goes by in the CloudFormation template, when the
/// template has it: SSM members keep their names; IAM's differ.
fn template_member(aws: &str) -> Option<&str> {
    match aws {
        "CreatePolicy.PolicyName" => Some("ManagedPolicyName"),
        "AttachUserPolicy.UserName" => Some("Users"),
        "AttachGroupPolicy.GroupName" => Some("Groups"),
        "AttachRolePolicy.RoleName" => Some("Roles"),
        "AttachRolePolicy.PolicyArn" => Some("ManagedPolicyArns"),
        a if a.contains("AlarmConfiguration") => None, // API only (MW0503)
        a => a.rsplit('.').next(),
    }
}

#[test]
fn every_field_a_program_sets_reaches_its_outputs() {
    let members = members();
    let mut missing = Vec::new();
    for path in common::programs() {
        let mut seen = Seen::default();
        walk(&path, &mut seen);
        let (errors, files) = common::build(&path);
        assert_eq!(errors, 0, "{}", path.display());
        let api: String = files
            .iter()
            .filter(|f| !f.path.starts_with("cloudformation"))
            .map(|f| f.text.as_str())
            .collect();
        let template: String = files
            .iter()
            .filter(|f| f.path.starts_with("cloudformation"))
            .map(|f| f.text.as_str())
            .collect();
        for key in seen.keys.iter().filter(|k| !k.contains(" as ")) {
            let Some(aws) = members.get(key) else {
                continue;
            };
            let member = aws.rsplit('.').next().unwrap_or(aws);
            // In the API bodies as a key of its own, or inside a policy
            // document that IAM takes as a string.
            if !api.contains(&format!("\"{member}\""))
                && !api.contains(&format!("\\\"{member}\\\""))
            {
                missing.push(format!(
                    "{}: `{key}` sets {aws}, not in ssm/ or iam/",
                    path.display()
                ));
            }
            if let Some(name) = template_member(aws)
                && !template.is_empty()
                && !template.contains(&format!("\"{name}\""))
            {
                missing.push(format!(
                    "{}: `{key}` sets {aws}, not in the template (as `{name}`)",
                    path.display()
                ));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields that the program sets but no output carries:\n{}",
        missing.join("\n")
    );
}
