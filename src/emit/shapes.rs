//! The AWS shapes of a maintenance window, its targets and tasks, built once
//! from the model for every output.
//!
//! The CloudFormation properties of `AWS::SSM::MaintenanceWindow`,
//! `…Target` and `…Task` and the SSM API's request members are the same
//! fields under the same names; they differ only in how one resource refers
//! to another (an intrinsic function in the template, a placeholder or a
//! literal in an API body) and in the names of the task invocation members.
//! So each field's value, encoding and default is decided here, once, and
//! the outputs choose a [`Refs`] and a [`Dialect`].

use crate::model::{Action, Params, Role, RoleRef, Selection, Target, Task, TaskTarget, Window};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::BTreeMap;

/// How an output writes references between resources.
pub trait Refs {
    /// A string value that may be a reference.
    type Value: Serialize + Clone;
    /// A literal string.
    fn text(&self, text: &str) -> Self::Value;
    /// The ARN of a role declared in the program.
    fn declared_role_arn(&self, role: &Role<'_>) -> Self::Value;
    /// The account id (trust conditions).
    fn account(&self) -> Self::Value;
    /// `arn:<partition>:ssm:<region>:<account>:*` (trust conditions).
    fn ssm_resources(&self) -> Self::Value;
}

/// References to windows and targets, for the window, target and task
/// shapes.
pub trait WindowRefs: Refs {
    /// The id of a window.
    fn window_id(&self, window: &Window<'_>) -> Self::Value;
    /// The id of a registered target.
    fn target_id(&self, window: &Window<'_>, target: &Target<'_>) -> Self::Value;
}

/// A role reference as an output writes it.
pub fn role_arn<R: Refs>(refs: &R, roles: &[Role<'_>], role: &RoleRef<'_>) -> R::Value {
    match role {
        RoleRef::Arn(arn) => refs.text(arn.value),
        RoleRef::Declared(id, _) => match roles.get(id.0) {
            Some(r) => refs.declared_role_arn(r),
            // The checker resolves every reference to a declared role.
            None => refs.text(""),
        },
    }
}

/// A tag.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// Tags in AWS's list shape.
pub fn tags(pairs: &[(crate::model::Text<'_>, crate::model::Text<'_>)]) -> Vec<Tag> {
    pairs
        .iter()
        .map(|(k, v)| Tag {
            key: k.value.to_string(),
            value: v.value.to_string(),
        })
        .collect()
}

/// A `Targets` entry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetEntry<V> {
    /// `tag:Name`, `tag-key`, `InstanceIds`, `WindowTargetIds`, ...
    pub key: String,
    /// The values.
    pub values: Vec<V>,
}

/// `AWS::SSM::MaintenanceWindow` / CreateMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MaintenanceWindow {
    /// Name.
    pub name: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// StartDate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// EndDate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Schedule: the exact AWS expression.
    pub schedule: String,
    /// ScheduleTimezone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_timezone: Option<String>,
    /// ScheduleOffset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_offset: Option<i64>,
    /// Duration in hours.
    pub duration: i64,
    /// Cutoff in hours.
    pub cutoff: i64,
    /// AllowUnassociatedTargets.
    pub allow_unassociated_targets: bool,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

/// The window's shape.
pub fn window(w: &Window<'_>) -> MaintenanceWindow {
    MaintenanceWindow {
        name: w.name.value.to_string(),
        description: w.description.map(|d| d.value.to_string()),
        start_date: w.start_date.map(|d| d.value.to_string()),
        end_date: w.end_date.map(|d| d.value.to_string()),
        schedule: w.expression.clone(),
        schedule_timezone: w.timezone.map(|t| t.value.to_string()),
        schedule_offset: w.offset.map(|o| o.value),
        duration: w.duration.value,
        cutoff: w.cutoff.value,
        allow_unassociated_targets: w.allow_unregistered_targets,
        tags: tags(&w.tags),
    }
}

/// `AWS::SSM::MaintenanceWindowTarget` / RegisterTargetWithMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MaintenanceWindowTarget<V> {
    /// WindowId.
    pub window_id: V,
    /// ResourceType: `INSTANCE` or `RESOURCE_GROUP`.
    pub resource_type: &'static str,
    /// Targets.
    pub targets: Vec<TargetEntry<String>>,
    /// OwnerInformation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_information: Option<String>,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A target's shape.
pub fn target<R: WindowRefs>(
    refs: &R,
    w: &Window<'_>,
    t: &Target<'_>,
) -> MaintenanceWindowTarget<R::Value> {
    let (resource_type, targets) = selection(&t.selection);
    MaintenanceWindowTarget {
        window_id: refs.window_id(w),
        resource_type,
        targets,
        owner_information: t.owner.map(|o| o.value.to_string()),
        name: t.name.value.to_string(),
        description: t.description.map(|d| d.value.to_string()),
    }
}

fn strings(v: &[crate::model::Text<'_>]) -> Vec<String> {
    v.iter().map(|t| t.value.to_string()).collect()
}

/// A target's `ResourceType` and `Targets`.
fn selection(selection: &Selection<'_>) -> (&'static str, Vec<TargetEntry<String>>) {
    match selection {
        Selection::Tags { tags, keys } => {
            let mut entries: Vec<TargetEntry<String>> = tags
                .iter()
                .map(|(k, v)| TargetEntry {
                    key: format!("tag:{}", k.value),
                    values: strings(v),
                })
                .collect();
            if !keys.is_empty() {
                entries.push(TargetEntry {
                    key: "tag-key".to_string(),
                    values: strings(keys),
                });
            }
            ("INSTANCE", entries)
        }
        Selection::Instances(ids) => (
            "INSTANCE",
            vec![TargetEntry {
                key: "InstanceIds".to_string(),
                values: strings(ids),
            }],
        ),
        Selection::ResourceGroup { group, types } => {
            let mut entries = vec![TargetEntry {
                key: "resource-groups:Name".to_string(),
                values: vec![group.value.to_string()],
            }];
            if !types.is_empty() {
                entries.push(TargetEntry {
                    key: "resource-groups:ResourceTypeFilters".to_string(),
                    values: strings(types),
                });
            }
            ("RESOURCE_GROUP", entries)
        }
    }
}

/// `AWS::SSM::MaintenanceWindowTask` / RegisterTaskWithMaintenanceWindowRequest
/// (without the API-only members).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MaintenanceWindowTask<V> {
    /// WindowId.
    pub window_id: V,
    /// Targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetEntry<V>>,
    /// TaskArn: a document, function or state machine.
    pub task_arn: String,
    /// ServiceRoleArn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_role_arn: Option<V>,
    /// TaskType.
    pub task_type: &'static str,
    /// TaskInvocationParameters.
    pub task_invocation_parameters: Invocation<V>,
    /// Priority.
    pub priority: i64,
    /// MaxConcurrency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_concurrency: Option<String>,
    /// MaxErrors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_errors: Option<String>,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// CutoffBehavior.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff_behavior: Option<String>,
}

/// A task's shape.
pub fn task<R: WindowRefs>(
    refs: &R,
    dialect: Dialect,
    roles: &[Role<'_>],
    w: &Window<'_>,
    task: &Task<'_>,
) -> MaintenanceWindowTask<R::Value> {
    let mut registered = Vec::new();
    let mut instances = Vec::new();
    for t in &task.targets {
        match t {
            TaskTarget::Target(id, _) => {
                if let Some(target) = w.targets.get(id.0) {
                    registered.push(refs.target_id(w, target));
                }
            }
            TaskTarget::Instance(i) => instances.push(refs.text(i.value)),
        }
    }
    let mut targets = Vec::new();
    if !registered.is_empty() {
        targets.push(TargetEntry {
            key: "WindowTargetIds".to_string(),
            values: registered,
        });
    }
    if !instances.is_empty() {
        targets.push(TargetEntry {
            key: "InstanceIds".to_string(),
            values: instances,
        });
    }
    let (task_type, task_arn) = match &task.action {
        Action::RunCommand(rc) => ("RUN_COMMAND", rc.document),
        Action::Automation { document, .. } => ("AUTOMATION", *document),
        Action::Lambda { function, .. } => ("LAMBDA", *function),
        Action::StepFunctions { state_machine, .. } => ("STEP_FUNCTIONS", *state_machine),
    };
    MaintenanceWindowTask {
        window_id: refs.window_id(w),
        targets,
        task_arn: task_arn.value.to_string(),
        service_role_arn: task.role.as_ref().map(|r| role_arn(refs, roles, r)),
        task_type,
        task_invocation_parameters: Invocation {
            dialect,
            parameters: parameters(refs, roles, &task.action),
        },
        priority: task.priority.value,
        max_concurrency: task.max_concurrency.as_ref().map(|m| m.value.clone()),
        max_errors: task.max_errors.as_ref().map(|m| m.value.clone()),
        name: task.name.value.to_string(),
        description: task.description.map(|d| d.value.to_string()),
        cutoff_behavior: task.cutoff_behavior.map(|c| c.value.to_string()),
    }
}

/// Which names the invocation parameters go by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// The SSM API: `RunCommand`, `Automation`, `Lambda`, `StepFunctions`.
    Api,
    /// CloudFormation: `MaintenanceWindowRunCommandParameters`, ...
    CloudFormation,
}

/// TaskInvocationParameters: one member, named by the dialect.
#[derive(Debug, Clone, PartialEq)]
pub struct Invocation<V> {
    /// The member names.
    pub dialect: Dialect,
    /// The member.
    pub parameters: Parameters<V>,
}

impl<V: Serialize> Serialize for Invocation<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let api = self.dialect == Dialect::Api;
        let mut map = serializer.serialize_map(Some(1))?;
        match &self.parameters {
            Parameters::RunCommand(p) => map.serialize_entry(
                if api {
                    "RunCommand"
                } else {
                    "MaintenanceWindowRunCommandParameters"
                },
                p,
            )?,
            Parameters::Automation(p) => map.serialize_entry(
                if api {
                    "Automation"
                } else {
                    "MaintenanceWindowAutomationParameters"
                },
                p,
            )?,
            Parameters::Lambda(p) => map.serialize_entry(
                if api {
                    "Lambda"
                } else {
                    "MaintenanceWindowLambdaParameters"
                },
                p,
            )?,
            Parameters::StepFunctions(p) => map.serialize_entry(
                if api {
                    "StepFunctions"
                } else {
                    "MaintenanceWindowStepFunctionsParameters"
                },
                p,
            )?,
        }
        map.end()
    }
}

/// The parameters of one task type.
#[derive(Debug, Clone, PartialEq)]
pub enum Parameters<V> {
    /// Run Command.
    RunCommand(Box<RunCommandParameters<V>>),
    /// Automation.
    Automation(AutomationParameters),
    /// Lambda.
    Lambda(LambdaParameters),
    /// Step Functions.
    StepFunctions(StepFunctionsParameters),
}

/// MaintenanceWindowRunCommandParameters.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RunCommandParameters<V> {
    /// Comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// CloudWatchOutputConfig.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_output_config: Option<CloudWatchOutputConfig>,
    /// DocumentHash.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_hash: Option<String>,
    /// DocumentHashType.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_hash_type: Option<String>,
    /// DocumentVersion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_version: Option<String>,
    /// NotificationConfig.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_config: Option<NotificationConfig>,
    /// OutputS3BucketName.
    #[serde(rename = "OutputS3BucketName", skip_serializing_if = "Option::is_none")]
    pub output_s3_bucket_name: Option<String>,
    /// OutputS3KeyPrefix.
    #[serde(rename = "OutputS3KeyPrefix", skip_serializing_if = "Option::is_none")]
    pub output_s3_key_prefix: Option<String>,
    /// Parameters.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Vec<String>>,
    /// ServiceRoleArn: the role that publishes the notifications.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_role_arn: Option<V>,
    /// TimeoutSeconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i64>,
}

/// CloudWatchOutputConfig.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CloudWatchOutputConfig {
    /// CloudWatchLogGroupName.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_log_group_name: Option<String>,
    /// CloudWatchOutputEnabled.
    pub cloud_watch_output_enabled: bool,
}

/// NotificationConfig.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct NotificationConfig {
    /// NotificationArn.
    pub notification_arn: String,
    /// NotificationEvents.
    pub notification_events: Vec<String>,
    /// NotificationType.
    pub notification_type: String,
}

/// MaintenanceWindowAutomationParameters.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AutomationParameters {
    /// DocumentVersion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_version: Option<String>,
    /// Parameters.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Vec<String>>,
}

/// MaintenanceWindowLambdaParameters.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LambdaParameters {
    /// ClientContext.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_context: Option<String>,
    /// Qualifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// Payload: a blob, base64-encoded, as the API's wire format, the AWS
    /// CLI and CloudFormation all take it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
}

/// MaintenanceWindowStepFunctionsParameters.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StepFunctionsParameters {
    /// Input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// Parameters as AWS's map of lists.
fn params(p: &Params<'_>) -> BTreeMap<String, Vec<String>> {
    p.iter()
        .map(|(k, v)| (k.value.to_string(), strings(v)))
        .collect()
}

fn parameters<R: Refs>(refs: &R, roles: &[Role<'_>], action: &Action<'_>) -> Parameters<R::Value> {
    match action {
        Action::RunCommand(rc) => Parameters::RunCommand(Box::new(RunCommandParameters {
            comment: rc.comment.map(|c| c.value.to_string()),
            cloud_watch_output_config: (rc.cloudwatch_log_group.is_some()
                || rc.cloudwatch_output.is_some())
            .then(|| CloudWatchOutputConfig {
                cloud_watch_log_group_name: rc.cloudwatch_log_group.map(|g| g.value.to_string()),
                cloud_watch_output_enabled: rc.cloudwatch_output.unwrap_or(true),
            }),
            document_hash: rc.document_hash.as_ref().map(|(h, _)| h.value.to_string()),
            document_hash_type: rc
                .document_hash
                .as_ref()
                .map(|(_, t)| t.map_or("Sha256", |t| t.value).to_string()),
            document_version: rc.version.as_ref().map(|v| v.value.clone()),
            notification_config: rc.notify.as_ref().map(|n| NotificationConfig {
                notification_arn: n.topic.value.to_string(),
                notification_events: if n.events.is_empty() {
                    vec!["All".to_string()]
                } else {
                    strings(&n.events)
                },
                notification_type: n.kind.map_or("Command", |k| k.value).to_string(),
            }),
            output_s3_bucket_name: rc.output_s3.as_ref().map(|(b, _)| b.value.to_string()),
            output_s3_key_prefix: rc
                .output_s3
                .as_ref()
                .and_then(|(_, p)| p.map(|p| p.value.to_string())),
            parameters: params(&rc.parameters),
            service_role_arn: rc
                .notify
                .as_ref()
                .and_then(|n| n.role.as_ref())
                .map(|r| role_arn(refs, roles, r)),
            timeout_seconds: rc.timeout.map(|t| t.value),
        })),
        Action::Automation {
            version,
            parameters,
            ..
        } => Parameters::Automation(AutomationParameters {
            document_version: version.as_ref().map(|v| v.value.clone()),
            parameters: params(parameters),
        }),
        Action::Lambda {
            qualifier,
            payload,
            client_context,
            ..
        } => Parameters::Lambda(LambdaParameters {
            client_context: client_context.map(|c| c.value.to_string()),
            qualifier: qualifier.map(|q| q.value.to_string()),
            payload: payload.as_ref().map(|p| base64(p.value.as_bytes())),
        }),
        Action::StepFunctions {
            input,
            execution_name,
            ..
        } => Parameters::StepFunctions(StepFunctionsParameters {
            input: input.as_ref().map(|i| i.value.clone()),
            name: execution_name.map(|n| n.value.to_string()),
        }),
    }
}

/// Base64 (standard alphabet, padded), as AWS writes blobs.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_the_standard_alphabet_with_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"{\"a\":1}"), "eyJhIjoxfQ==");
    }
}
