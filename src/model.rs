//! The checked program: roles, windows, targets and tasks, with references
//! resolved to indexes and the spans needed to explain them.
//!
//! Strings borrow from the syntax tree. Values are typed and already within
//! AWS's limits when the check reported no error.

use crate::schedule::WindowOpenings;
use crate::schedule::next::Plan;
use crate::source::{Span, Spanned};

/// A string from the source with its span.
pub type Text<'a> = Spanned<&'a str>;

/// A whole checked program (all files together).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Program<'a> {
    /// Top-level settings.
    pub settings: Settings<'a>,
    /// IAM service roles, in declaration order.
    pub roles: Vec<Role<'a>>,
    /// Maintenance windows, in declaration order.
    pub windows: Vec<Window<'a>>,
    /// The documents the program describes (`document "NAME" { from }`).
    pub documents: std::collections::BTreeMap<String, crate::documents::Document>,
}

impl Program<'_> {
    /// The document of this name or ARN whose parameters mwc knows: one the
    /// program describes, else an AWS-owned one of the table.
    pub fn document(&self, name_or_arn: &str) -> Option<&crate::documents::Document> {
        let name = crate::documents::document_name(name_or_arn);
        self.documents
            .get(name)
            .or_else(|| crate::documents::owned(name))
    }
}

/// `account`, `region`, `partition`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings<'a> {
    /// The 12-digit account id.
    pub account: Option<Text<'a>>,
    /// The Region.
    pub region: Option<Text<'a>>,
    /// The partition (`aws` when absent).
    pub partition: Option<Text<'a>>,
}

impl<'a> Program<'a> {
    /// Who passes and who publishes SNS notifications, for every declared
    /// role, in one pass over the tasks.
    pub fn notifications(&self) -> Notifications<'_, 'a> {
        let mut passes: Vec<Vec<&RoleRef<'a>>> = vec![Vec::new(); self.roles.len()];
        let mut publishes: Vec<Vec<&'a str>> = vec![Vec::new(); self.roles.len()];
        // (service role, passed role) pairs already listed.
        let mut listed: std::collections::HashSet<(usize, Result<usize, &'a str>)> =
            std::collections::HashSet::new();
        for task in self.windows.iter().flat_map(|w| &w.tasks) {
            let Action::RunCommand(rc) = &task.action else {
                continue;
            };
            let Some(notify) = &rc.notify else { continue };
            let Some(notify_role) = &notify.role else {
                continue;
            };
            let key = match notify_role {
                RoleRef::Declared(id, _) => Ok(id.0),
                RoleRef::Arn(arn) => Err(arn.value),
            };
            if let Some(RoleRef::Declared(id, _)) = task.role
                && let Some(passed) = passes.get_mut(id.0)
                && listed.insert((id.0, key))
            {
                passed.push(notify_role);
            }
            if let RoleRef::Declared(id, _) = notify_role
                && let Some(topics) = publishes.get_mut(id.0)
            {
                topics.push(notify.topic.value);
            }
        }
        for topics in &mut publishes {
            topics.sort_unstable();
            topics.dedup();
        }
        Notifications { passes, publishes }
    }
}

/// SNS notification duties of the declared roles, by [`RoleId`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notifications<'p, 'a> {
    /// The roles each service role must be able to pass: the notification
    /// roles of the tasks that run as it (AmazonSSMMaintenanceWindowRole
    /// grants no `iam:PassRole`), in order of first use, without repeats.
    pub passes: Vec<Vec<&'p RoleRef<'a>>>,
    /// The SNS topics each role publishes to as a notification role,
    /// sorted, without repeats.
    pub publishes: Vec<Vec<&'a str>>,
}

impl<'p, 'a> Notifications<'p, 'a> {
    /// The roles `role` must be able to pass.
    pub fn passed(&self, role: RoleId) -> &[&'p RoleRef<'a>] {
        self.passes.get(role.0).map_or(&[], Vec::as_slice)
    }

    /// The topics `role` publishes to.
    pub fn topics(&self, role: RoleId) -> &[&'a str] {
        self.publishes.get(role.0).map_or(&[], Vec::as_slice)
    }
}

/// Index of a role in [`Program::roles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleId(pub usize);

/// Index of a target in its window's [`Window::targets`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TargetId(pub usize);

/// A role: declared in the program, or an existing one named by ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleRef<'a> {
    /// A `role` block of the program.
    Declared(RoleId, Span),
    /// The ARN of a role that already exists.
    Arn(Text<'a>),
}

/// `role NAME { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Role<'a> {
    /// The declared identifier.
    pub id: Text<'a>,
    /// The IAM role name (the identifier unless `name` is set).
    pub name: Text<'a>,
    /// Whether `name` is written: otherwise CloudFormation names the role
    /// (and the API plan and `iam/` use the identifier).
    pub named: bool,
    /// Description.
    pub description: Option<Text<'a>>,
    /// IAM path.
    pub path: Option<Text<'a>>,
    /// Trusted service principals (defaults to `ssm.amazonaws.com`).
    pub trust: Vec<Text<'a>>,
    /// Managed policy ARNs.
    pub policies: Vec<Text<'a>>,
    /// Some items of the block did not parse: what seems absent may not be.
    pub partial: bool,
    /// Whether `policies` was written but did not check (its values are then
    /// unknown, not absent).
    pub policies_unchecked: bool,
    /// Who may pass the role.
    pub pass_role: PassRole<'a>,
    /// Confused-deputy conditions on the trust policy.
    pub trust_conditions: TrustConditions,
    /// Maximum session duration in seconds.
    pub max_session_duration: Option<Spanned<i64>>,
    /// Permissions boundary ARN.
    pub permissions_boundary: Option<Text<'a>>,
    /// Tags.
    pub tags: Vec<(Text<'a>, Text<'a>)>,
    /// The whole block.
    pub span: Span,
}

/// `trust_conditions = { source_account, source_arn }`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrustConditions {
    /// Add `aws:SourceAccount` = the account.
    pub source_account: bool,
    /// Add `aws:SourceArn` like `arn:<partition>:ssm:<region>:<account>:*`.
    pub source_arn: bool,
    /// The field, when written.
    pub span: Option<Span>,
}

/// `pass_role = { name, users, groups, roles }`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PassRole<'a> {
    /// The managed policy's name, when written.
    pub name: Option<Text<'a>>,
    /// IAM user names.
    pub users: Vec<Text<'a>>,
    /// IAM group names.
    pub groups: Vec<Text<'a>>,
    /// IAM role names.
    pub roles: Vec<Text<'a>>,
    /// The `pass_role` field, when written.
    pub span: Option<Span>,
}

/// `window NAME { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Window<'a> {
    /// The declared identifier.
    pub id: Text<'a>,
    /// The window name.
    pub name: Text<'a>,
    /// Description.
    pub description: Option<Text<'a>>,
    /// The schedule as written (an AWS expression or a friendly phrase).
    pub schedule: Text<'a>,
    /// The exact AWS expression it stands for.
    pub expression: String,
    /// The parsed schedule (None when it has an error).
    pub parsed: Option<crate::schedule::Schedule>,
    /// IANA time zone, as written.
    pub timezone: Option<Text<'a>>,
    /// The time zone (UTC when none is written; None when the name is unknown).
    pub zone: Option<jiff::tz::TimeZone>,
    /// Schedule offset in days.
    pub offset: Option<Spanned<i64>>,
    /// Start of the active period.
    pub start_date: Option<Text<'a>>,
    /// End of the active period.
    pub end_date: Option<Text<'a>>,
    /// Duration in hours.
    pub duration: Spanned<i64>,
    /// Cutoff in hours.
    pub cutoff: Spanned<i64>,
    /// Whether tasks may name unregistered instance ids.
    pub allow_unregistered_targets: bool,
    /// Tags.
    pub tags: Vec<(Text<'a>, Text<'a>)>,
    /// Registered targets.
    pub targets: Vec<Target<'a>>,
    /// Tasks.
    pub tasks: Vec<Task<'a>>,
    /// The whole block.
    pub span: Span,
}

impl Window<'_> {
    /// Everything that decides the window's openings (None when the
    /// schedule or time zone did not check).
    pub fn plan(&self) -> Option<Plan<'_>> {
        let schedule = self.parsed.as_ref()?;
        let date = |t: Option<Text<'_>>| t.and_then(|t| t.value.parse::<jiff::Timestamp>().ok());
        Some(Plan {
            schedule,
            tz: self.zone.clone()?,
            offset_days: self.offset.map_or(0, |o| o.value),
            start: date(self.start_date),
            end: date(self.end_date),
            duration_hours: self.duration.value,
            cutoff_hours: self.cutoff.value,
        })
    }

    /// The IANA time zone as written (`UTC` when none is).
    pub fn timezone_name(&self) -> &str {
        self.timezone.map_or("UTC", |t| t.value)
    }

    /// The next `n` openings after `from` (None when the schedule or time
    /// zone did not check).
    pub fn openings(&self, from: jiff::Timestamp, n: usize) -> Option<WindowOpenings> {
        let plan = self.plan()?;
        Some(crate::schedule::openings(
            self.id.value,
            &self.expression,
            self.timezone_name(),
            &plan,
            from,
            n,
        ))
    }
}

/// `target NAME { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Target<'a> {
    /// The declared identifier.
    pub id: Text<'a>,
    /// The target name.
    pub name: Text<'a>,
    /// Description.
    pub description: Option<Text<'a>>,
    /// Owner information.
    pub owner: Option<Text<'a>>,
    /// How nodes are selected.
    pub selection: Selection<'a>,
    /// The whole block.
    pub span: Span,
}

/// How a target selects nodes.
#[derive(Debug, Clone, PartialEq)]
pub enum Selection<'a> {
    /// By tags (every pair must match) and tag keys.
    Tags {
        /// `tag:Key` = values.
        tags: Vec<(Text<'a>, Vec<Text<'a>>)>,
        /// `tag-key` = keys.
        keys: Vec<Text<'a>>,
    },
    /// By instance id.
    Instances(Vec<Text<'a>>),
    /// By resource group, optionally filtered by resource type.
    ResourceGroup {
        /// The group name.
        group: Text<'a>,
        /// Resource type filters.
        types: Vec<Text<'a>>,
    },
}

/// What a task runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskTarget<'a> {
    /// A registered target of the same window.
    Target(TargetId, Span),
    /// An instance id (the window allows unregistered targets).
    Instance(Text<'a>),
}

/// `task NAME { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Task<'a> {
    /// The declared identifier.
    pub id: Text<'a>,
    /// The task name.
    pub name: Text<'a>,
    /// Description.
    pub description: Option<Text<'a>>,
    /// Priority (0 runs first).
    pub priority: Spanned<i64>,
    /// Targets and instance ids.
    pub targets: Vec<TaskTarget<'a>>,
    /// Max concurrency, as AWS's string.
    pub max_concurrency: Option<Spanned<String>>,
    /// Max errors, as AWS's string.
    pub max_errors: Option<Spanned<String>>,
    /// The service role.
    pub role: Option<RoleRef<'a>>,
    /// `CONTINUE_TASK` or `CANCEL_TASK`.
    pub cutoff_behavior: Option<Text<'a>>,
    /// CloudWatch alarm.
    pub alarm: Option<Alarm<'a>>,
    /// What the task runs.
    pub action: Action<'a>,
    /// The whole block.
    pub span: Span,
}

/// `alarm = { name, ignore_poll_failure }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Alarm<'a> {
    /// The alarm name.
    pub name: Text<'a>,
    /// Whether to run when the alarm cannot be read.
    pub ignore_poll_failure: bool,
    /// The `alarm` field.
    pub span: Span,
}

/// Parameters: name → values.
pub type Params<'a> = Vec<(Text<'a>, Vec<Text<'a>>)>;

/// The task-type block.
#[derive(Debug, Clone, PartialEq)]
pub enum Action<'a> {
    /// `run_command "DOC"`.
    RunCommand(Box<RunCommand<'a>>),
    /// `automation "DOC"`.
    Automation {
        /// Runbook name or ARN.
        document: Text<'a>,
        /// Version.
        version: Option<Spanned<String>>,
        /// Parameters.
        parameters: Params<'a>,
    },
    /// `lambda "FUNCTION"`.
    Lambda {
        /// Function name or ARN.
        function: Text<'a>,
        /// Version or alias.
        qualifier: Option<Text<'a>>,
        /// JSON payload.
        payload: Option<Spanned<String>>,
        /// Base64 client context.
        client_context: Option<Text<'a>>,
    },
    /// `step_functions "ARN"`.
    StepFunctions {
        /// State machine ARN.
        state_machine: Text<'a>,
        /// JSON input.
        input: Option<Spanned<String>>,
        /// Execution name.
        execution_name: Option<Text<'a>>,
    },
}

/// `run_command "DOC" { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct RunCommand<'a> {
    /// Document name or ARN.
    pub document: Text<'a>,
    /// Version.
    pub version: Option<Spanned<String>>,
    /// Parameters.
    pub parameters: Params<'a>,
    /// Comment.
    pub comment: Option<Text<'a>>,
    /// Timeout in seconds.
    pub timeout: Option<Spanned<i64>>,
    /// S3 output bucket and prefix.
    pub output_s3: Option<(Text<'a>, Option<Text<'a>>)>,
    /// CloudWatch log group.
    pub cloudwatch_log_group: Option<Text<'a>>,
    /// CloudWatch output enabled.
    pub cloudwatch_output: Option<bool>,
    /// SNS notification.
    pub notify: Option<Notify<'a>>,
    /// Document hash and its type.
    pub document_hash: Option<(Text<'a>, Option<Text<'a>>)>,
}

/// `notify = { topic, role, events, type }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Notify<'a> {
    /// SNS topic ARN.
    pub topic: Text<'a>,
    /// The role that publishes.
    pub role: Option<RoleRef<'a>>,
    /// Events.
    pub events: Vec<Text<'a>>,
    /// `Command` or `Invocation`.
    pub kind: Option<Text<'a>>,
    /// The `notify` field.
    pub span: Span,
}
