//! IAM policy documents: each role's trust policy, the `iam:PassRole` policy
//! for the people who register tasks with it, and the statement that lets a
//! service role pass a task's SNS notification role.
//!
//! The same documents go into the CloudFormation template, where ARNs and
//! accounts are intrinsic functions (`Fn::GetAtt`, `Fn::Sub`), and into
//! `iam/`, where they are concrete.

use super::{Context, File, names, to_json};
use crate::model::{Action, Program, Role, RoleId, RoleRef};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// The policy language version.
pub const VERSION: &str = "2012-10-17";

/// The only service a maintenance-window role needs to trust.
pub const SSM_SERVICE: &str = "ssm.amazonaws.com";

/// An IAM policy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDocument {
    /// Always `2012-10-17`.
    pub version: &'static str,
    /// The statements.
    pub statement: Vec<Statement>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Statement {
    /// A statement id, unique in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Always `Allow`.
    pub effect: &'static str,
    /// Who (trust policies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<Value>,
    /// What.
    pub action: &'static str,
    /// On what (identity policies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<Value>,
    /// Conditions: operator → key → value.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub condition: BTreeMap<&'static str, BTreeMap<&'static str, Value>>,
}

/// Whether a document is for the template (intrinsic functions) or a file
/// (concrete values).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'c> {
    /// CloudFormation: pseudo parameters and `Fn::GetAtt`.
    Template,
    /// A file: the account, Region and partition of the build.
    File(&'c Context),
}

/// The trust policy of a role.
pub fn trust_policy(role: &Role<'_>, target: Target<'_>) -> PolicyDocument {
    let services: Vec<&str> = role.trust.iter().map(|t| t.value).collect();
    let service = match services.as_slice() {
        [one] => json!(one),
        many => json!(many),
    };
    let mut condition: BTreeMap<&'static str, BTreeMap<&'static str, Value>> = BTreeMap::new();
    let c = role.trust_conditions;
    if c.source_account {
        let account = match target {
            Target::Template => json!({ "Ref": "AWS::AccountId" }),
            Target::File(cx) => json!(cx.account.clone().unwrap_or_default()),
        };
        condition
            .entry("StringEquals")
            .or_default()
            .insert("aws:SourceAccount", account);
    }
    if c.source_arn {
        let arn = match target {
            Target::Template => {
                json!({ "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:*" })
            }
            Target::File(cx) => json!(format!(
                "arn:{}:ssm:{}:{}:*",
                cx.partition,
                cx.region.clone().unwrap_or_default(),
                cx.account.clone().unwrap_or_default()
            )),
        };
        condition
            .entry("ArnLike")
            .or_default()
            .insert("aws:SourceArn", arn);
    }
    PolicyDocument {
        version: VERSION,
        statement: vec![Statement {
            sid: None,
            effect: "Allow",
            principal: Some(json!({ "Service": service })),
            action: "sts:AssumeRole",
            resource: None,
            condition,
        }],
    }
}

/// `iam:PassRole` on one role, to Systems Manager only.
fn pass_role_statement(sid: &str, resource: Value) -> Statement {
    let mut condition: BTreeMap<&'static str, BTreeMap<&'static str, Value>> = BTreeMap::new();
    condition
        .entry("StringEquals")
        .or_default()
        .insert("iam:PassedToService", json!(SSM_SERVICE));
    Statement {
        sid: Some(sid.to_string()),
        effect: "Allow",
        principal: None,
        action: "iam:PassRole",
        resource: Some(resource),
        condition,
    }
}

/// The ARN of a declared role, as the template or a file writes it.
fn declared_arn(program: &Program<'_>, id: RoleId, target: Target<'_>) -> Value {
    match (target, program.roles.get(id.0)) {
        (Target::Template, Some(role)) => json!({ "Fn::GetAtt": [names::role(role), "Arn"] }),
        (Target::File(cx), _) => json!(
            cx.role_arn(
                program,
                &RoleRef::Declared(id, crate::source::Span::default())
            )
            .unwrap_or_default()
        ),
        (Target::Template, None) => Value::Null,
    }
}

/// The policy that lets its holders pass the role to Systems Manager.
pub fn pass_role_policy(program: &Program<'_>, id: RoleId, target: Target<'_>) -> PolicyDocument {
    let sid = program.roles.get(id.0).map_or_else(
        || "PassRole".to_string(),
        |r| format!("Pass{}", names::alphanumeric(r.id.value)),
    );
    PolicyDocument {
        version: VERSION,
        statement: vec![pass_role_statement(&sid, declared_arn(program, id, target))],
    }
}

/// The roles a service role must be able to pass: the SNS notification roles
/// of the tasks it runs (AmazonSSMMaintenanceWindowRole grants no
/// `iam:PassRole`), in order of first use, without repeats.
pub fn passed_roles<'p, 'a>(
    program: &'p Program<'a>,
    service_role: RoleId,
) -> Vec<&'p RoleRef<'a>> {
    let mut out: Vec<&RoleRef<'a>> = Vec::new();
    for window in &program.windows {
        for task in &window.tasks {
            let runs_as = matches!(task.role, Some(RoleRef::Declared(id, _)) if id == service_role);
            let Action::RunCommand(rc) = &task.action else {
                continue;
            };
            let Some(notify_role) = rc.notify.as_ref().and_then(|n| n.role.as_ref()) else {
                continue;
            };
            let same = |a: &RoleRef<'_>, b: &RoleRef<'_>| match (a, b) {
                (RoleRef::Declared(x, _), RoleRef::Declared(y, _)) => x == y,
                (RoleRef::Arn(x), RoleRef::Arn(y)) => x.value == y.value,
                _ => false,
            };
            if runs_as && !out.iter().any(|r| same(r, notify_role)) {
                out.push(notify_role);
            }
        }
    }
    out
}

/// The inline policy a service role needs to pass notification roles, if any.
pub fn notification_policy(
    program: &Program<'_>,
    id: RoleId,
    target: Target<'_>,
) -> Option<PolicyDocument> {
    let passed = passed_roles(program, id);
    if passed.is_empty() {
        return None;
    }
    let statement = passed
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let resource = match r {
                RoleRef::Declared(rid, _) => declared_arn(program, *rid, target),
                RoleRef::Arn(arn) => json!(arn.value),
            };
            pass_role_statement(&format!("PassNotificationRole{}", i + 1), resource)
        })
        .collect();
    Some(PolicyDocument {
        version: VERSION,
        statement,
    })
}

/// The `iam/` files.
pub fn documents(program: &Program<'_>, cx: &Context) -> Vec<File> {
    let mut files = Vec::new();
    for (i, role) in program.roles.iter().enumerate() {
        let id = RoleId(i);
        let base = format!("iam/{}", names::file_part(role.id.value));
        files.push(File {
            path: format!("{base}.trust-policy.json"),
            text: to_json(&trust_policy(role, Target::File(cx))),
        });
        files.push(File {
            path: format!("{base}.pass-role-policy.json"),
            text: to_json(&pass_role_policy(program, id, Target::File(cx))),
        });
        if let Some(doc) = notification_policy(program, id, Target::File(cx)) {
            files.push(File {
                path: format!("{base}.notification-pass-role-policy.json"),
                text: to_json(&doc),
            });
        }
    }
    files
}
