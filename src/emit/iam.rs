//! IAM: each role's trust policy, the `iam:PassRole` policy for the people
//! who register tasks with it, the statement that lets a service role pass
//! its tasks' SNS notification roles, and `sns:Publish` for a role that
//! publishes notifications; the role itself; and the `iam/` files.
//!
//! Each document is built once, generic over how the output writes ARNs
//! and accounts ([`Refs`]): intrinsic functions in the template, concrete
//! values or placeholders in the API plan, concrete values in `iam/`.

use super::shapes::{Refs, Tag, role_arn, tags};
use super::{File, to_json};
use crate::build::Context;
use crate::model::{Notifications, Program, Role, RoleId};
use crate::names;
use serde::Serialize;
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// The policy language version.
pub const VERSION: &str = "2012-10-17";

/// The only service a maintenance-window role needs to trust.
pub const SSM_SERVICE: &str = "ssm.amazonaws.com";

/// The inline policy that lets a service role pass notification roles.
pub const PASS_NOTIFICATION_ROLES: &str = "PassNotificationRoles";

/// The inline policy that lets a notification role publish to its topics.
pub const PUBLISH_NOTIFICATIONS: &str = "PublishNotifications";

/// One value or a list, as IAM writes `Resource` and `Service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OneOrMany<V> {
    /// A single value.
    One(V),
    /// Several values.
    Many(Vec<V>),
}

impl<V> OneOrMany<V> {
    fn of(mut values: Vec<V>) -> OneOrMany<V> {
        if values.len() == 1
            && let Some(one) = values.pop()
        {
            return OneOrMany::One(one);
        }
        OneOrMany::Many(values)
    }
}

/// An IAM policy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PolicyDocument<V> {
    /// Always `2012-10-17`.
    pub version: &'static str,
    /// The statements.
    pub statement: Vec<Statement<V>>,
}

/// `Principal` of a trust policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Principal {
    /// Service principals.
    #[serde(rename = "Service")]
    pub service: OneOrMany<String>,
}

/// One statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Statement<V> {
    /// A statement id, unique in the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sid: Option<String>,
    /// Always `Allow`.
    pub effect: &'static str,
    /// Who (trust policies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<Principal>,
    /// What.
    pub action: &'static str,
    /// On what (identity policies only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource: Option<OneOrMany<V>>,
    /// Conditions: operator → key → value.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub condition: BTreeMap<&'static str, BTreeMap<&'static str, V>>,
}

fn document<V>(statement: Vec<Statement<V>>) -> PolicyDocument<V> {
    PolicyDocument {
        version: VERSION,
        statement,
    }
}

/// The trust policy of a role.
pub fn trust_policy<R: Refs>(refs: &R, role: &Role<'_>) -> PolicyDocument<R::Value> {
    let services = role.trust.iter().map(|t| t.value.to_string()).collect();
    let mut condition: BTreeMap<&'static str, BTreeMap<&'static str, R::Value>> = BTreeMap::new();
    let c = role.trust_conditions;
    if c.source_account {
        condition
            .entry("StringEquals")
            .or_default()
            .insert("aws:SourceAccount", refs.account());
    }
    if c.source_arn {
        condition
            .entry("ArnLike")
            .or_default()
            .insert("aws:SourceArn", refs.ssm_resources());
    }
    document(vec![Statement {
        sid: None,
        effect: "Allow",
        principal: Some(Principal {
            service: OneOrMany::of(services),
        }),
        action: "sts:AssumeRole",
        resource: None,
        condition,
    }])
}

/// `iam:PassRole` on one role, to Systems Manager only.
fn pass_role_statement<R: Refs>(refs: &R, sid: String, resource: R::Value) -> Statement<R::Value> {
    let mut condition = BTreeMap::new();
    condition.insert(
        "StringEquals",
        BTreeMap::from([("iam:PassedToService", refs.text(SSM_SERVICE))]),
    );
    Statement {
        sid: Some(sid),
        effect: "Allow",
        principal: None,
        action: "iam:PassRole",
        resource: Some(OneOrMany::One(resource)),
        condition,
    }
}

/// The policy that lets its holders pass the role to Systems Manager.
pub fn pass_role_policy<R: Refs>(refs: &R, role: &Role<'_>) -> PolicyDocument<R::Value> {
    document(vec![pass_role_statement(
        refs,
        format!("Pass{}", names::alphanumeric(role.id.value)),
        refs.declared_role_arn(role),
    )])
}

/// The policy a service role needs to pass its tasks' notification roles,
/// if any.
pub fn notification_pass_policy<R: Refs>(
    refs: &R,
    program: &Program<'_>,
    notifications: &Notifications<'_, '_>,
    id: RoleId,
) -> Option<PolicyDocument<R::Value>> {
    let passed = notifications.passed(id);
    (!passed.is_empty()).then(|| {
        document(
            passed
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    pass_role_statement(
                        refs,
                        format!("PassNotificationRole{}", i + 1),
                        role_arn(refs, &program.roles, r),
                    )
                })
                .collect(),
        )
    })
}

/// The policy that lets a notification role publish to exactly the topics
/// its tasks name, if it is one.
pub fn publish_policy<R: Refs>(
    refs: &R,
    notifications: &Notifications<'_, '_>,
    id: RoleId,
) -> Option<PolicyDocument<R::Value>> {
    let topics = notifications.topics(id);
    (!topics.is_empty()).then(|| {
        document(vec![Statement {
            sid: Some("PublishNotifications".to_string()),
            effect: "Allow",
            principal: None,
            action: "sns:Publish",
            resource: Some(OneOrMany::of(topics.iter().map(|t| refs.text(t)).collect())),
            condition: BTreeMap::new(),
        }])
    })
}

/// The members `AWS::IAM::Role` and CreateRole share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RoleShape<D> {
    /// RoleName (left to CloudFormation when the program names none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_name: Option<String>,
    /// Path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// AssumeRolePolicyDocument: an object in the template, a JSON string
    /// in the API.
    pub assume_role_policy_document: D,
    /// MaxSessionDuration in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<i64>,
    /// PermissionsBoundary.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<String>,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

/// A role's shape, with its trust policy as the output writes it.
pub fn role<D>(role: &Role<'_>, role_name: Option<String>, trust: D) -> RoleShape<D> {
    RoleShape {
        role_name,
        path: role.path.map(|p| p.value.to_string()),
        description: role.description.map(|d| d.value.to_string()),
        assume_role_policy_document: trust,
        max_session_duration: role.max_session_duration.map(|m| m.value),
        permissions_boundary: role.permissions_boundary.map(|p| p.value.to_string()),
        tags: tags(&role.tags),
    }
}

/// The description of a role's PassRole policy.
pub fn pass_role_description(role: &Role<'_>) -> String {
    format!(
        "Lets its holders pass role {} to Systems Manager to register maintenance window tasks.",
        role.name.value
    )
}

/// References with the values of the build context, for the outputs that
/// spell ARNs and accounts out: the API plan and the `iam/` files. They
/// differ only in a declared role's ARN when the account is not known,
/// which `W` gives.
pub(super) struct Concrete<'c, W> {
    cx: &'c Context,
    without_account: PhantomData<W>,
}

impl<'c, W> Concrete<'c, W> {
    /// The references of a build context.
    pub(super) fn new(cx: &'c Context) -> Self {
        Concrete {
            cx,
            without_account: PhantomData,
        }
    }

    /// The build context.
    pub(super) fn context(&self) -> &'c Context {
        self.cx
    }
}

/// What stands for a declared role's ARN when the build context has no
/// account.
pub(super) trait WithoutAccount {
    /// The ARN of `role` without the account.
    fn role_arn(cx: &Context, role: &Role<'_>) -> String;
}

impl<W: WithoutAccount> Refs for Concrete<'_, W> {
    type Value = String;
    fn text(&self, text: &str) -> String {
        text.to_string()
    }
    fn declared_role_arn(&self, role: &Role<'_>) -> String {
        self.cx
            .role_arn(role)
            .unwrap_or_else(|| W::role_arn(self.cx, role))
    }
    fn account(&self) -> String {
        self.cx.account.clone().unwrap_or_default()
    }
    fn ssm_resources(&self) -> String {
        ssm_resources(self.cx)
    }
}

/// Concrete ARNs for the `iam/` files. Without an account, a declared
/// role's ARN has `*` for the account: a principal can pass only roles of
/// its own account, so the statement allows exactly that role in the
/// account the policy is created in. (Trust conditions need the account
/// itself: the build context requires it for them.)
type Files<'c> = Concrete<'c, AnyAccount>;

/// `*` for the account of a declared role's ARN.
enum AnyAccount {}

impl WithoutAccount for AnyAccount {
    fn role_arn(cx: &Context, role: &Role<'_>) -> String {
        cx.role_arn_in(role, "*")
    }
}

/// `arn:<partition>:ssm:<region>:<account>:*` of a context.
pub fn ssm_resources(cx: &Context) -> String {
    format!(
        "arn:{}:ssm:{}:{}:*",
        cx.partition,
        cx.region.as_deref().unwrap_or_default(),
        cx.account.as_deref().unwrap_or_default()
    )
}

/// The `iam/` files.
pub fn documents(program: &Program<'_>, cx: &Context) -> Vec<File> {
    let refs = Files::new(cx);
    let notifications = program.notifications();
    let mut files = Vec::new();
    for (i, role) in program.roles.iter().enumerate() {
        let id = RoleId(i);
        // Distinct: names equal ignoring case are MW0209.
        let base = format!("iam/{}", names::file_part(role.id.value));
        files.push(File {
            path: format!("{base}.trust-policy.json"),
            text: to_json(&trust_policy(&refs, role)),
        });
        files.push(File {
            path: format!("{base}.pass-role-policy.json"),
            text: to_json(&pass_role_policy(&refs, role)),
        });
        if let Some(doc) = notification_pass_policy(&refs, program, &notifications, id) {
            files.push(File {
                path: format!("{base}.notification-pass-role-policy.json"),
                text: to_json(&doc),
            });
        }
        if let Some(doc) = publish_policy(&refs, &notifications, id) {
            files.push(File {
                path: format!("{base}.publish-policy.json"),
                text: to_json(&doc),
            });
        }
    }
    files
}
