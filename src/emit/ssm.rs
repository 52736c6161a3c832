//! Raw SSM API request bodies, exactly the botocore request shapes of
//! CreateMaintenanceWindow, RegisterTargetWithMaintenanceWindow and
//! RegisterTaskWithMaintenanceWindow, in dependency order, with `plan.json`.
//!
//! Values that exist only after an earlier call are placeholders:
//! `{{window:W}}` for a WindowId and `{{target:W.T}}` for a WindowTargetId
//! (AWS's own pseudo parameters are upper case without a colon, so they never
//! collide). Each body carries a `ClientToken` derived from its content, so a
//! retried call is recognised as the same.

use super::{Context, File, names, to_json};
use crate::model::{Action, Program, Selection, Target, Task, TaskTarget, Window};
use serde::Serialize;
use std::collections::BTreeMap;

/// A tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Tag {
    /// Key.
    pub key: String,
    /// Value.
    pub value: String,
}

/// A `Targets` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct TargetEntry {
    /// `tag:Name`, `tag-key`, `InstanceIds`, `resource-groups:Name`, ...
    pub key: String,
    /// The values.
    pub values: Vec<String>,
}

/// CreateMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateMaintenanceWindow {
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
    /// Schedule.
    pub schedule: String,
    /// ScheduleTimezone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_timezone: Option<String>,
    /// ScheduleOffset.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_offset: Option<i64>,
    /// Duration.
    pub duration: i64,
    /// Cutoff.
    pub cutoff: i64,
    /// AllowUnassociatedTargets.
    pub allow_unassociated_targets: bool,
    /// ClientToken.
    pub client_token: String,
    /// Tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<Tag>,
}

/// RegisterTargetWithMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RegisterTarget {
    /// WindowId (a placeholder).
    pub window_id: String,
    /// ResourceType.
    pub resource_type: &'static str,
    /// Targets.
    pub targets: Vec<TargetEntry>,
    /// OwnerInformation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_information: Option<String>,
    /// Name.
    pub name: String,
    /// Description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// ClientToken.
    pub client_token: String,
}

/// RegisterTaskWithMaintenanceWindowRequest.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RegisterTask {
    /// WindowId (a placeholder).
    pub window_id: String,
    /// Targets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<TargetEntry>,
    /// TaskArn.
    pub task_arn: String,
    /// ServiceRoleArn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_role_arn: Option<String>,
    /// TaskType.
    pub task_type: &'static str,
    /// TaskInvocationParameters.
    pub task_invocation_parameters: Invocation,
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
    /// ClientToken.
    pub client_token: String,
    /// CutoffBehavior.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutoff_behavior: Option<String>,
    /// AlarmConfiguration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alarm_configuration: Option<AlarmConfiguration>,
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

/// MaintenanceWindowTaskInvocationParameters: exactly one member.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Invocation {
    /// RunCommand.
    RunCommand(Box<RunCommandParameters>),
    /// Automation.
    Automation(AutomationParameters),
    /// Lambda.
    Lambda(LambdaParameters),
    /// StepFunctions.
    StepFunctions(StepFunctionsParameters),
}

/// MaintenanceWindowRunCommandParameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RunCommandParameters {
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
    /// ServiceRoleArn (the SNS publishing role).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_role_arn: Option<String>,
    /// TimeoutSeconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout_seconds: Option<i64>,
}

/// CloudWatchOutputConfig.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CloudWatchOutputConfig {
    /// CloudWatchLogGroupName.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud_watch_log_group_name: Option<String>,
    /// CloudWatchOutputEnabled.
    pub cloud_watch_output_enabled: bool,
}

/// NotificationConfig.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct LambdaParameters {
    /// ClientContext.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_context: Option<String>,
    /// Qualifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// Payload: a blob, written base64 as on the wire (and as AWS CLI v2 reads it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
}

/// MaintenanceWindowStepFunctionsParameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StepFunctionsParameters {
    /// Input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One step of `plan.json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The API operation.
    pub operation: &'static str,
    /// The request body, relative to `plan.json`.
    pub request: String,
    /// Placeholder → response field that fills it.
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

/// A target's `ResourceType` and `Targets`.
pub fn target_entries(selection: &Selection<'_>) -> (&'static str, Vec<TargetEntry>) {
    let strings = |v: &[crate::model::Text<'_>]| v.iter().map(|t| t.value.to_string()).collect();
    match selection {
        Selection::Tags { tags, keys } => {
            let mut entries: Vec<TargetEntry> = tags
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

/// The `TaskType` of an action.
pub fn task_type(action: &Action<'_>) -> &'static str {
    match action {
        Action::RunCommand(_) => "RUN_COMMAND",
        Action::Automation { .. } => "AUTOMATION",
        Action::Lambda { .. } => "LAMBDA",
        Action::StepFunctions { .. } => "STEP_FUNCTIONS",
    }
}

/// The `TaskArn` of an action.
pub fn task_arn<'a>(action: &Action<'a>) -> &'a str {
    match action {
        Action::RunCommand(rc) => rc.document.value,
        Action::Automation { document, .. } => document.value,
        Action::Lambda { function, .. } => function.value,
        Action::StepFunctions { state_machine, .. } => state_machine.value,
    }
}

/// Parameters as AWS's map of lists.
pub fn params(p: &crate::model::Params<'_>) -> BTreeMap<String, Vec<String>> {
    p.iter()
        .map(|(k, v)| {
            (
                k.value.to_string(),
                v.iter().map(|t| t.value.to_string()).collect(),
            )
        })
        .collect()
}

/// Base64 (standard alphabet, padded).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn invocation(program: &Program<'_>, cx: &Context, action: &Action<'_>) -> Invocation {
    match action {
        Action::RunCommand(rc) => Invocation::RunCommand(Box::new(RunCommandParameters {
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
                    n.events.iter().map(|e| e.value.to_string()).collect()
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
                .and_then(|r| cx.role_arn(program, r)),
            timeout_seconds: rc.timeout.map(|t| t.value),
        })),
        Action::Automation {
            version,
            parameters,
            ..
        } => Invocation::Automation(AutomationParameters {
            document_version: version.as_ref().map(|v| v.value.clone()),
            parameters: params(parameters),
        }),
        Action::Lambda {
            qualifier,
            payload,
            client_context,
            ..
        } => Invocation::Lambda(LambdaParameters {
            client_context: client_context.map(|c| c.value.to_string()),
            qualifier: qualifier.map(|q| q.value.to_string()),
            payload: payload.as_ref().map(|p| base64(p.value.as_bytes())),
        }),
        Action::StepFunctions {
            input,
            execution_name,
            ..
        } => Invocation::StepFunctions(StepFunctionsParameters {
            input: input.as_ref().map(|i| i.value.clone()),
            name: execution_name.map(|n| n.value.to_string()),
        }),
    }
}

fn task_targets(w: &Window<'_>, task: &Task<'_>) -> Vec<TargetEntry> {
    let mut registered = Vec::new();
    let mut instances = Vec::new();
    for t in &task.targets {
        match t {
            TaskTarget::Target(id, _) => {
                if let Some(target) = w.targets.get(id.0) {
                    registered.push(target_placeholder(w, target));
                }
            }
            TaskTarget::Instance(i) => instances.push(i.value.to_string()),
        }
    }
    let mut entries = Vec::new();
    if !registered.is_empty() {
        entries.push(TargetEntry {
            key: "WindowTargetIds".to_string(),
            values: registered,
        });
    }
    if !instances.is_empty() {
        entries.push(TargetEntry {
            key: "InstanceIds".to_string(),
            values: instances,
        });
    }
    entries
}

/// The request bodies and `plan.json`.
pub fn plan(program: &Program<'_>, cx: &Context) -> Vec<File> {
    let mut files = Vec::new();
    let mut steps = Vec::new();
    let mut push = |operation: &'static str,
                    names: &[&str],
                    text: String,
                    binds: BTreeMap<String, &'static str>,
                    files: &mut Vec<File>| {
        let parts: Vec<String> = names.iter().map(|n| names::file_part(n)).collect();
        let request = format!(
            "{:03}-{operation}-{}.json",
            steps.len() + 1,
            parts.join("-")
        );
        files.push(File {
            path: format!("ssm/{request}"),
            text,
        });
        steps.push(Step {
            operation,
            request,
            binds,
        });
    };
    for w in &program.windows {
        let mut create = CreateMaintenanceWindow {
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
            client_token: String::new(),
            tags: w
                .tags
                .iter()
                .map(|(k, v)| Tag {
                    key: k.value.to_string(),
                    value: v.value.to_string(),
                })
                .collect(),
        };
        create.client_token = client_token(&create);
        let binds = BTreeMap::from([(window_placeholder(w), "WindowId")]);
        push(
            "CreateMaintenanceWindow",
            &[w.id.value],
            to_json(&create),
            binds,
            &mut files,
        );

        for t in &w.targets {
            let (resource_type, targets) = target_entries(&t.selection);
            let mut register = RegisterTarget {
                window_id: window_placeholder(w),
                resource_type,
                targets,
                owner_information: t.owner.map(|o| o.value.to_string()),
                name: t.name.value.to_string(),
                description: t.description.map(|d| d.value.to_string()),
                client_token: String::new(),
            };
            register.client_token = client_token(&register);
            let binds = BTreeMap::from([(target_placeholder(w, t), "WindowTargetId")]);
            push(
                "RegisterTargetWithMaintenanceWindow",
                &[w.id.value, t.id.value],
                to_json(&register),
                binds,
                &mut files,
            );
        }

        for task in &w.tasks {
            let mut register = RegisterTask {
                window_id: window_placeholder(w),
                targets: task_targets(w, task),
                task_arn: task_arn(&task.action).to_string(),
                service_role_arn: task.role.as_ref().and_then(|r| cx.role_arn(program, r)),
                task_type: task_type(&task.action),
                task_invocation_parameters: invocation(program, cx, &task.action),
                priority: task.priority.value,
                max_concurrency: task.max_concurrency.as_ref().map(|m| m.value.clone()),
                max_errors: task.max_errors.as_ref().map(|m| m.value.clone()),
                name: task.name.value.to_string(),
                description: task.description.map(|d| d.value.to_string()),
                client_token: String::new(),
                cutoff_behavior: task.cutoff_behavior.map(|c| c.value.to_string()),
                alarm_configuration: task.alarm.as_ref().map(|a| AlarmConfiguration {
                    ignore_poll_alarm_failure: a.ignore_poll_failure,
                    alarms: vec![Alarm {
                        name: a.name.value.to_string(),
                    }],
                }),
            };
            register.client_token = client_token(&register);
            push(
                "RegisterTaskWithMaintenanceWindow",
                &[w.id.value, task.id.value],
                to_json(&register),
                BTreeMap::new(),
                &mut files,
            );
        }
    }
    files.push(File {
        path: "ssm/plan.json".to_string(),
        text: to_json(&Plan { steps }),
    });
    files
}
