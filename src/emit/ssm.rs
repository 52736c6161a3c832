//! The API plan: every request, in an order that works, to create the
//! program's IAM roles and policies and its maintenance windows with their
//! targets and tasks, each body exactly the botocore request shape of its
//! operation, with `plan.json` listing the steps.
//!
//! Values that exist only after an earlier call are placeholders:
//! `{{window:W}}` for a WindowId, `{{target:W.T}}` for a WindowTargetId,
//! `{{role:R}}` for a role's ARN when the account is not known, and
//! `{{policy:R.pass-role}}` for the ARN of a PassRole policy. (AWS's own
//! pseudo parameters are upper case without a colon, so they never collide.)
//! Each SSM body carries a `ClientToken` derived from its content, so a
//! retried call is recognised as the same.
//!
//! The plan only creates: applying it twice makes a second window of the
//! same name. Updating and deleting are CloudFormation's job.

use super::iam::{self, Concrete, PolicyDocument, RoleShape, WithoutAccount};
use super::shapes::{
    self, Dialect, MaintenanceWindow, MaintenanceWindowTarget, MaintenanceWindowTask, WindowRefs,
};
use super::{File, to_json};
use crate::build::Context;
use crate::model::{Program, Role, RoleId, Target, Task, Window};
use crate::names;
use serde::Serialize;
use std::collections::BTreeMap;

/// How API bodies refer to resources: placeholders for ids that exist only
/// after a call, concrete role ARNs when the account is known, and
/// `{{role:R}}` when it is not.
type Api<'c> = Concrete<'c, Placeholder>;

/// The placeholder `{{role:R}}` for a declared role's ARN.
enum Placeholder {}

impl WithoutAccount for Placeholder {
    fn role_arn(_: &Context, role: &Role<'_>) -> String {
        role_placeholder(role)
    }
}

impl WindowRefs for Api<'_> {
    fn window_id(&self, window: &Window<'_>) -> String {
        window_placeholder(window)
    }
    fn target_id(&self, window: &Window<'_>, target: &Target<'_>) -> String {
        target_placeholder(window, target)
    }
}

/// CreateMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateMaintenanceWindow {
    /// The window.
    #[serde(flatten)]
    pub window: MaintenanceWindow,
    /// ClientToken.
    pub client_token: String,
}

/// RegisterTargetWithMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RegisterTarget {
    /// The target.
    #[serde(flatten)]
    pub target: MaintenanceWindowTarget<String>,
    /// ClientToken.
    pub client_token: String,
}

/// RegisterTaskWithMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RegisterTask {
    /// The task.
    #[serde(flatten)]
    pub task: MaintenanceWindowTask<String>,
    /// AlarmConfiguration (the API only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_configuration: Option<AlarmConfiguration>,
    /// ClientToken.
    pub client_token: String,
}

/// AlarmConfiguration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AlarmConfiguration {
    /// IgnorePollAlarmFailure.
    pub ignore_poll_alarm_failure: bool,
    /// Alarms (exactly one).
    pub alarms: Vec<Alarm>,
}

/// Alarm.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Alarm {
    /// Name.
    pub name: String,
}

/// AttachUserPolicyRequest, AttachGroupPolicyRequest or
/// AttachRolePolicyRequest: who holds a managed policy, and the policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Attach<'a> {
    /// `UserName`, `GroupName` or `RoleName`.
    #[serde(flatten)]
    pub holder: Holder<'a>,
    /// PolicyArn.
    pub policy_arn: String,
}

/// Who holds a policy, as the member that names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Holder<'a> {
    /// An IAM user.
    UserName(&'a str),
    /// An IAM group.
    GroupName(&'a str),
    /// An IAM role.
    RoleName(&'a str),
}

impl<'a> Holder<'a> {
    /// The holder's name.
    pub fn name(self) -> &'a str {
        match self {
            Holder::UserName(n) | Holder::GroupName(n) | Holder::RoleName(n) => n,
        }
    }
}

/// PutRolePolicyRequest: an inline policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PutRolePolicy {
    /// RoleName.
    pub role_name: String,
    /// PolicyName.
    pub policy_name: &'static str,
    /// PolicyDocument, as a JSON string.
    pub policy_document: String,
}

/// CreatePolicyRequest: a customer managed policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreatePolicy {
    /// PolicyName.
    pub policy_name: String,
    /// PolicyDocument, as a JSON string.
    pub policy_document: String,
    /// Description.
    pub description: String,
}

/// The AWS service an API step calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Service {
    /// Systems Manager.
    Ssm,
    /// IAM.
    Iam,
}

/// One step of `plan.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The service: `ssm` or `iam`.
    pub service: Service,
    /// The API operation.
    pub operation: &'static str,
    /// The request body, relative to `plan.json`.
    pub request: String,
    /// Placeholder → dotted path of the response field that fills it.
    pub binds: BTreeMap<String, &'static str>,
}

/// `plan.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Steps, run in order.
    pub steps: Vec<Step>,
}

/// The placeholder for a window's id.
pub fn window_placeholder(w: &Window<'_>) -> String {
    format!("{{{{window:{}}}}}", w.id.value)
}

/// The placeholder for a target's id.
pub fn target_placeholder(w: &Window<'_>, t: &Target<'_>) -> String {
    format!("{{{{target:{}.{}}}}}", w.id.value, t.id.value)
}

/// The placeholder for a declared role's ARN.
pub fn role_placeholder(role: &Role<'_>) -> String {
    format!("{{{{role:{}}}}}", role.id.value)
}

/// The placeholder for the ARN of a role's PassRole policy.
pub fn pass_role_policy_placeholder(role: &Role<'_>) -> String {
    format!("{{{{policy:{}.pass-role}}}}", role.id.value)
}

/// The PassRole policy's name in the API (CloudFormation names it itself
/// unless the program does).
pub fn pass_role_policy_name(role: &Role<'_>) -> String {
    role.pass_role.name.map_or_else(
        || format!("{}-pass-role", role.name.value),
        |n| n.value.to_string(),
    )
}

/// A deterministic client token: `mwc-` and a 128-bit FNV-1a hash of the
/// request as serialized without a token, in hex (36 characters; AWS allows
/// 64).
pub fn client_token<T: Serialize>(request: &T) -> String {
    let text = serde_json::to_string(request).unwrap_or_default();
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for byte in text.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    format!("mwc-{hash:032x}")
}

/// A policy document as IAM's API takes it: a JSON string.
fn json_string<T: Serialize>(doc: &PolicyDocument<T>) -> String {
    serde_json::to_string(doc).unwrap_or_default()
}

/// Collects the steps and their bodies.
#[derive(Default)]
struct Steps {
    files: Vec<File>,
    steps: Vec<Step>,
}

impl Steps {
    fn push<T: Serialize>(
        &mut self,
        service: Service,
        operation: &'static str,
        parts: &[&str],
        body: &T,
        binds: BTreeMap<String, &'static str>,
    ) {
        let parts: Vec<String> = parts.iter().map(|n| names::file_part(n)).collect();
        let request = format!(
            "{:03}-{operation}-{}.json",
            self.steps.len() + 1,
            parts.join("-")
        );
        self.files.push(File {
            path: format!("ssm/{request}"),
            text: to_json(body),
        });
        self.steps.push(Step {
            service,
            operation,
            request,
            binds,
        });
    }
}

/// Every role first (later policies name roles), then each role's
/// policies, then the PassRole policies and who holds them.
fn iam_steps(program: &Program<'_>, refs: &Api<'_>, out: &mut Steps) {
    for role in &program.roles {
        let create: RoleShape<String> = iam::role(
            role,
            Some(role.name.value.to_string()),
            json_string(&iam::trust_policy(refs, role)),
        );
        let binds = if refs.context().account.is_none() {
            BTreeMap::from([(role_placeholder(role), "Role.Arn")])
        } else {
            BTreeMap::new()
        };
        out.push(Service::Iam, "CreateRole", &[role.id.value], &create, binds);
    }
    let notifications = program.notifications();
    for (i, role) in program.roles.iter().enumerate() {
        let id = RoleId(i);
        let name = role.name.value.to_string();
        for (n, policy) in role.policies.iter().enumerate() {
            let attach = Attach {
                holder: Holder::RoleName(role.name.value),
                policy_arn: policy.value.to_string(),
            };
            let n = (n + 1).to_string();
            out.push(
                Service::Iam,
                "AttachRolePolicy",
                &[role.id.value, &n],
                &attach,
                BTreeMap::new(),
            );
        }
        let inline = [
            (
                iam::PUBLISH_NOTIFICATIONS,
                iam::publish_policy(refs, &notifications, id),
            ),
            (
                iam::PASS_NOTIFICATION_ROLES,
                iam::notification_pass_policy(refs, program, &notifications, id),
            ),
        ];
        for (policy_name, doc) in inline {
            if let Some(doc) = doc {
                let put = PutRolePolicy {
                    role_name: name.clone(),
                    policy_name,
                    policy_document: json_string(&doc),
                };
                out.push(
                    Service::Iam,
                    "PutRolePolicy",
                    &[role.id.value, policy_name],
                    &put,
                    BTreeMap::new(),
                );
            }
        }
    }
    for role in program.roles.iter().filter(|r| names::has_pass_role(r)) {
        let placeholder = pass_role_policy_placeholder(role);
        let create = CreatePolicy {
            policy_name: pass_role_policy_name(role),
            policy_document: json_string(&iam::pass_role_policy(refs, role)),
            description: iam::pass_role_description(role),
        };
        out.push(
            Service::Iam,
            "CreatePolicy",
            &[role.id.value, "pass-role"],
            &create,
            BTreeMap::from([(placeholder.clone(), "Policy.Arn")]),
        );
        let p = &role.pass_role;
        let holders = (p
            .users
            .iter()
            .map(|u| ("AttachUserPolicy", Holder::UserName(u.value))))
        .chain(
            p.groups
                .iter()
                .map(|g| ("AttachGroupPolicy", Holder::GroupName(g.value))),
        )
        .chain(
            p.roles
                .iter()
                .map(|r| ("AttachRolePolicy", Holder::RoleName(r.value))),
        );
        for (operation, holder) in holders {
            let name = holder.name();
            let body = Attach {
                holder,
                policy_arn: placeholder.clone(),
            };
            out.push(
                Service::Iam,
                operation,
                &[role.id.value, name],
                &body,
                BTreeMap::new(),
            );
        }
    }
}

fn register_task(
    program: &Program<'_>,
    refs: &Api<'_>,
    w: &Window<'_>,
    task: &Task<'_>,
) -> RegisterTask {
    let mut register = RegisterTask {
        task: shapes::task(refs, Dialect::Api, &program.roles, w, task),
        alarm_configuration: task.alarm.as_ref().map(|a| AlarmConfiguration {
            ignore_poll_alarm_failure: a.ignore_poll_failure,
            alarms: vec![Alarm {
                name: a.name.value.to_string(),
            }],
        }),
        client_token: String::new(),
    };
    register.client_token = client_token(&register);
    register
}

/// The request bodies and `plan.json`.
pub fn plan(program: &Program<'_>, cx: &Context) -> Vec<File> {
    let refs = Api::new(cx);
    let mut out = Steps::default();
    iam_steps(program, &refs, &mut out);
    for w in &program.windows {
        let mut create = CreateMaintenanceWindow {
            window: shapes::window(w),
            client_token: String::new(),
        };
        create.client_token = client_token(&create);
        out.push(
            Service::Ssm,
            "CreateMaintenanceWindow",
            &[w.id.value],
            &create,
            BTreeMap::from([(window_placeholder(w), "WindowId")]),
        );
        for t in &w.targets {
            let mut register = RegisterTarget {
                target: shapes::target(&refs, w, t),
                client_token: String::new(),
            };
            register.client_token = client_token(&register);
            out.push(
                Service::Ssm,
                "RegisterTargetWithMaintenanceWindow",
                &[w.id.value, t.id.value],
                &register,
                BTreeMap::from([(target_placeholder(w, t), "WindowTargetId")]),
            );
        }
        for task in &w.tasks {
            out.push(
                Service::Ssm,
                "RegisterTaskWithMaintenanceWindow",
                &[w.id.value, task.id.value],
                &register_task(program, &refs, w, task),
                BTreeMap::new(),
            );
        }
    }
    let mut files = out.files;
    files.push(File {
        path: "ssm/plan.json".to_string(),
        text: to_json(&Plan { steps: out.steps }),
    });
    files
}
