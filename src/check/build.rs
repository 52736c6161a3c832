//! Build-context checks: what an output needs that the program or the
//! command line must supply (the account, the Region), what an output cannot
//! express, and CloudFormation logical-id collisions. Run before emitting, so
//! that emitting cannot fail.

use super::errors;
use crate::diagnostic::Diagnostic;
use crate::emit::{BuildOptions, Context, names};
use crate::model::{Action, Program, RoleRef};
use crate::source::Span;
use std::collections::HashMap;

/// The diagnostics of building `program` with `options`.
pub fn build_context(program: &Program<'_>, options: &BuildOptions) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let cx = Context::new(program, options);
    let emit = options.emit;
    if emit.ssm && cx.account.is_none() {
        for window in &program.windows {
            for task in &window.tasks {
                let mut refs: Vec<Span> = Vec::new();
                if let Some(RoleRef::Declared(_, span)) = &task.role {
                    refs.push(*span);
                }
                if let Action::RunCommand(rc) = &task.action
                    && let Some(RoleRef::Declared(_, span)) =
                        rc.notify.as_ref().and_then(|n| n.role.as_ref())
                {
                    refs.push(*span);
                }
                for span in refs {
                    diags.push(errors::account_needed(
                        span,
                        "the role ARN in the SSM request",
                    ));
                }
            }
        }
    }
    if emit.iam {
        for role in &program.roles {
            if cx.account.is_none() {
                diags.push(errors::account_needed(
                    role.id.span,
                    "the PassRole policy of this role (its ARN)",
                ));
            }
            if let Some(span) = role.trust_conditions.span {
                if role.trust_conditions.source_arn && cx.region.is_none() {
                    diags.push(errors::region_needed(span, "the `aws:SourceArn` condition"));
                }
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
            if resources > crate::emit::cfn::MAX_RESOURCES {
                diags.push(errors::not_in_cloudformation(
                    window.id.span,
                    &format!(
                        "a window of {resources} resources (a template holds at most {})",
                        crate::emit::cfn::MAX_RESOURCES
                    ),
                ));
            }
        }
        logical_ids(program, &mut diags);
    }
    diags
}

fn logical_ids(program: &Program<'_>, diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut claim = |id: String, span: Span, diags: &mut Vec<Diagnostic>| match seen.get(&id) {
        Some(first) => diags.push(errors::logical_id_collision(span, &id, *first)),
        None => {
            seen.insert(id, span);
        }
    };
    for role in &program.roles {
        claim(names::role(role), role.id.span, diags);
        if names::has_pass_role(role) {
            claim(names::pass_role_policy(role), role.id.span, diags);
        }
    }
    for w in &program.windows {
        claim(names::window(w), w.id.span, diags);
        for t in &w.targets {
            claim(names::target(w, t.id.value), t.id.span, diags);
        }
        for t in &w.tasks {
            claim(names::task(w, t.id.value), t.id.span, diags);
        }
    }
}
