//! The step between checking and emitting: what a build needs besides the
//! program (the account and Region, from the program or `--set`), what an
//! output cannot express, and CloudFormation logical-id collisions.
//!
//! [`prepare`] is the only way to a [`Ready`] build, and [`crate::emit`]
//! takes nothing else: a program with errors, or one whose build context
//! is incomplete, cannot reach the emitters.

use crate::check::{Checked, errors};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Action, Program, Role, RoleRef};
use crate::names;

/// CloudFormation's quota of resources in one template.
pub const MAX_RESOURCES: usize = 500;
/// CloudFormation's quota of outputs in one template.
pub const MAX_OUTPUTS: usize = 200;
/// CloudFormation's largest template body, in bytes (from S3).
pub const MAX_BYTES: usize = 1_000_000;

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

impl Default for Emit {
    fn default() -> Emit {
        Emit::ALL
    }
}

/// What a build needs besides the program.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// Which outputs.
    pub emit: Emit,
    /// The lint levels: a warning they make an error stops the build.
    pub levels: crate::lint::Levels,
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
    /// The context of `program` (whose settings already hold what values
    /// files and `--set` set).
    pub fn new(program: &Program<'_>) -> Context {
        let s = &program.settings;
        let text = |t: Option<crate::model::Text<'_>>| t.map(|t| t.value.to_string());
        Context {
            account: text(s.account),
            region: text(s.region),
            partition: text(s.partition).unwrap_or_else(|| "aws".to_string()),
        }
    }

    /// The ARN of a declared role, when the account is known:
    /// `arn:<partition>:iam::<account>:role<path><name>`.
    pub fn role_arn(&self, role: &Role<'_>) -> Option<String> {
        Some(self.role_arn_in(role, self.account.as_ref()?))
    }

    /// The ARN of a declared role in `account` (an id, or a policy
    /// variable standing for one).
    pub fn role_arn_in(&self, role: &Role<'_>, account: &str) -> String {
        let path = role.path.map_or("/", |p| p.value);
        format!(
            "arn:{}:iam::{account}:role{path}{}",
            self.partition, role.name.value
        )
    }
}

/// A program that checked without errors, with a complete build context:
/// what the emitters take. Only [`prepare`] makes one.
#[derive(Debug)]
pub struct Ready<'c, 'a> {
    program: &'c Program<'a>,
    context: Context,
    emit: Emit,
}

impl<'c, 'a> Ready<'c, 'a> {
    /// The program.
    pub fn program(&self) -> &'c Program<'a> {
        self.program
    }

    /// The account, Region and partition.
    pub fn context(&self) -> &Context {
        &self.context
    }

    /// Which outputs to write.
    pub fn emit(&self) -> Emit {
        self.emit
    }
}

/// The build of `checked`, which holds every diagnostic of the check and
/// of the build context ([`crate::with_options`] with [`crate::Needs::Build`]):
/// None when one of them is an error.
pub fn prepare<'c, 'a>(checked: &'c Checked<'a>, emit: Emit) -> Option<Ready<'c, 'a>> {
    (!checked.has_errors()).then(|| Ready {
        program: checked.program(),
        context: Context::new(checked.program()),
        emit,
    })
}

/// What the default build (every output, nothing set on the command line)
/// will need, as warnings, for `mwc check`: a program that checks clean and
/// still cannot be built says so before the build does.
pub fn expectations(program: &Program<'_>) -> Vec<Diagnostic> {
    needs(program, Emit::ALL)
        .into_iter()
        .map(|mut d| {
            d.severity = Severity::Warning;
            d
        })
        .collect()
}

/// The diagnostics of building the outputs `emit` of `program`.
pub fn needs(program: &Program<'_>, emit: Emit) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let cx = Context::new(program);
    for role in &program.roles {
        // The template writes the trust conditions with pseudo parameters;
        // the API plan and iam/ need the values.
        if let Some(span) = role.trust_conditions.span
            && (emit.ssm || emit.iam)
        {
            let c = role.trust_conditions;
            if (c.source_account || c.source_arn) && cx.account.is_none() {
                diags.push(errors::account_needed(
                    span,
                    "writing `trust_conditions` into the API plan and iam/",
                ));
            }
            if c.source_arn && cx.region.is_none() {
                diags.push(errors::region_needed(
                    span,
                    "writing the `aws:SourceArn` condition into the API plan and iam/",
                ));
            }
        }
    }
    if emit.cfn {
        for window in &program.windows {
            for task in &window.tasks {
                if let Some(alarm) = &task.alarm {
                    diags.push(errors::not_in_cloudformation(
                        alarm.span,
                        "an `alarm` on a task",
                    ));
                }
            }
            // A window is one template when the program is split.
            let resources = 1 + window.targets.len() + window.tasks.len();
            if resources > MAX_RESOURCES {
                diags.push(errors::not_in_cloudformation(
                    window.id.span,
                    &format!(
                        "a window of {resources} resources (a template holds at most {MAX_RESOURCES})"
                    ),
                ));
            }
        }
        logical_ids(program, &mut diags);
    }
    diags
}

/// Whether any task notifies through SNS with this declared role.
pub fn notifies_with(program: &Program<'_>, role: crate::model::RoleId) -> bool {
    program.windows.iter().flat_map(|w| &w.tasks).any(|task| {
        matches!(&task.action, Action::RunCommand(rc)
            if matches!(rc.notify.as_ref().and_then(|n| n.role.as_ref()),
                Some(RoleRef::Declared(id, _)) if *id == role))
    })
}

fn logical_ids(program: &Program<'_>, diags: &mut Vec<Diagnostic>) {
    let ids = names::all(program);
    // Equal ids end up side by side, in the order they were declared: the
    // first of each run is the one declared first. Sorting positions, not
    // the ids, and no hash table of a hundred thousand strings: this runs
    // while the whole program is in memory.
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_unstable_by(|&a, &b| ids[a].0.cmp(&ids[b].0).then(a.cmp(&b)));
    let mut first: Option<usize> = None;
    for &i in &order {
        match first {
            Some(f) if ids[f].0 == ids[i].0 => {
                diags.push(errors::logical_id_collision(ids[i].1, &ids[i].0, ids[f].1));
            }
            _ => first = Some(i),
        }
    }
}
