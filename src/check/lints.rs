//! Least-privilege and usability lints over the checked program: warnings
//! with help, never errors.

use super::errors;
use crate::diagnostic::Diagnostic;
use crate::model::{Action, Program, Role, RoleId, RoleRef};
use crate::schema::Kind;
use std::collections::HashSet;

/// The AWS managed policy for maintenance-window service roles.
const MANAGED_POLICY: &str = ":policy/service-role/AmazonSSMMaintenanceWindowRole";

/// Runs every lint. `complete` is false when the program may not have been
/// seen whole: a syntax error left a block (or part of one) out, or a check
/// failed, such as a reference that did not resolve. What is used is then
/// unknown, and the lints that say "nothing uses this" stay quiet.
pub fn lints(program: &Program<'_>, complete: bool, diags: &mut Vec<Diagnostic>) {
    managed_policy_reach(program, diags);
    if complete {
        unused_roles(program, diags);
    }
    notify_without_role(program, diags);
    roles_without_policies(program, diags);
}

/// Whether the role's permissions are AWS managed policies including
/// AmazonSSMMaintenanceWindowRole (a customer policy may allow more).
fn only_managed_policy(role: &Role<'_>) -> bool {
    role.policies
        .iter()
        .any(|p| p.value.ends_with(MANAGED_POLICY))
        && role
            .policies
            .iter()
            .all(|p| p.value.contains(":iam::aws:policy/"))
}

/// The name part of a function or state machine ARN (or the name itself).
fn resource_name(arn: &str, marker: &str) -> String {
    let rest = arn.rsplit_once(marker).map_or(arn, |(_, r)| r);
    rest.split(':').next().unwrap_or(rest).to_string()
}

/// AmazonSSMMaintenanceWindowRole reaches only functions and state machines
/// whose names start with `SSM`.
fn managed_policy_reach(program: &Program<'_>, diags: &mut Vec<Diagnostic>) {
    // Once per role, not once per task that uses it.
    let managed_only: Vec<bool> = program.roles.iter().map(only_managed_policy).collect();
    for window in &program.windows {
        for task in &window.tasks {
            let Some(RoleRef::Declared(RoleId(role), _)) = &task.role else {
                continue;
            };
            if !managed_only.get(*role).copied().unwrap_or(false) {
                continue;
            }
            let (label, kind, name) = match &task.action {
                Action::Lambda {
                    function,
                    qualifier,
                    ..
                } => {
                    // The policy also reaches any function through an alias
                    // (or version) whose name starts with `SSM`.
                    let arn_qualifier = function
                        .value
                        .rsplit_once("function:")
                        .and_then(|(_, rest)| rest.split_once(':'))
                        .map(|(_, q)| q);
                    if qualifier
                        .map(|q| q.value)
                        .or(arn_qualifier)
                        .is_some_and(|q| q.starts_with("SSM"))
                    {
                        continue;
                    }
                    (
                        function,
                        Kind::Lambda,
                        resource_name(function.value, "function:"),
                    )
                }
                Action::StepFunctions { state_machine, .. } => (
                    state_machine,
                    Kind::StepFunctions,
                    resource_name(state_machine.value, "stateMachine:"),
                ),
                Action::RunCommand(_) | Action::Automation { .. } => continue,
            };
            let well_formed = crate::patterns::matches(crate::schema::LAMBDA_FUNCTION, label.value)
                || crate::patterns::matches(crate::schema::STATE_MACHINE_ARN, label.value);
            if well_formed && !name.starts_with("SSM") {
                diags.push(errors::managed_policy_reach(label.span, kind, &name));
            }
        }
    }
}

/// A declared role that no task runs as and no notification uses.
fn unused_roles(program: &Program<'_>, diags: &mut Vec<Diagnostic>) {
    let mut used = vec![false; program.roles.len()];
    let mut mark = |r: &RoleRef<'_>| {
        if let RoleRef::Declared(RoleId(i), _) = r
            && let Some(u) = used.get_mut(*i)
        {
            *u = true;
        }
    };
    for window in &program.windows {
        for task in &window.tasks {
            if let Some(r) = &task.role {
                mark(r);
            }
            if let Action::RunCommand(rc) = &task.action
                && let Some(r) = rc.notify.as_ref().and_then(|n| n.role.as_ref())
            {
                mark(r);
            }
        }
    }
    // A role named by ARN in a task's parameters (an Automation runbook's
    // `AutomationAssumeRole`, say) is used too: a role ARN ends with `/` and
    // the role's name, which has no `/` (AWS's pattern), so the text after
    // the last `/` is the only name such a value can give.
    let mut in_parameters: HashSet<&str> = HashSet::new();
    for task in program.windows.iter().flat_map(|w| &w.tasks) {
        let params = match &task.action {
            Action::RunCommand(rc) => &rc.parameters,
            Action::Automation { parameters, .. } => parameters,
            _ => continue,
        };
        for v in params.iter().flat_map(|(_, values)| values) {
            if v.value.contains(":role/")
                && let Some((_, name)) = v.value.rsplit_once('/')
            {
                in_parameters.insert(name);
            }
        }
    }
    for (role, used) in program.roles.iter().zip(used) {
        if !used && !in_parameters.contains(role.name.value) {
            diags.push(errors::unused_role(role.id));
        }
    }
}

/// SNS notifications need a role that Systems Manager assumes to publish.
fn notify_without_role(program: &Program<'_>, diags: &mut Vec<Diagnostic>) {
    for window in &program.windows {
        for task in &window.tasks {
            if let Action::RunCommand(rc) = &task.action
                && let Some(n) = &rc.notify
                && n.role.is_none()
            {
                diags.push(errors::notify_without_role(n.span));
            }
        }
    }
}

/// A role with no managed policy grants nothing.
fn roles_without_policies(program: &Program<'_>, diags: &mut Vec<Diagnostic>) {
    for role in &program.roles {
        if role.policies.is_empty() && !role.policies_unchecked && !role.partial {
            diags.push(errors::role_without_policies(role.id));
        }
    }
}
