//! CloudFormation logical ids and output file names, derived from the `.mw`
//! names: alphanumeric, readable, and — checked by the checker —
//! collision-free.

use crate::model::{Program, Role, Window};

/// Letters and digits of a name (logical ids are `[A-Za-z0-9]+`).
pub fn alphanumeric(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// `name` with `suffix` unless it already ends with it.
fn with_suffix(name: &str, suffix: &str) -> String {
    let base = alphanumeric(name);
    if base.ends_with(suffix) {
        base
    } else {
        format!("{base}{suffix}")
    }
}

/// The logical id of a role: `MaintenanceRole`, `PatchingRole`.
pub fn role(role: &Role<'_>) -> String {
    with_suffix(role.id.value, "Role")
}

/// The logical id of a role's PassRole policy.
pub fn pass_role_policy(role: &Role<'_>) -> String {
    format!("{}PassRolePolicy", self::role(role))
}

/// The logical id of a window: `NightlyWindow`.
pub fn window(window: &Window<'_>) -> String {
    with_suffix(window.id.value, "Window")
}

/// The logical id of a window's target: `NightlyWebServersTarget`.
pub fn target(window: &Window<'_>, target: &str) -> String {
    with_suffix(
        &format!("{}{}", alphanumeric(window.id.value), alphanumeric(target)),
        "Target",
    )
}

/// The logical id of a window's task: `NightlyPatchTask`.
pub fn task(window: &Window<'_>, task: &str) -> String {
    with_suffix(
        &format!("{}{}", alphanumeric(window.id.value), alphanumeric(task)),
        "Task",
    )
}

/// The output (and export suffix) with a window's id: `NightlyWindowId`.
pub fn window_output(window: &Window<'_>) -> String {
    format!("{}Id", self::window(window))
}

/// Every logical id the template would hold, with what it names, in order.
pub fn all(program: &Program<'_>) -> Vec<(String, String)> {
    let mut ids = Vec::new();
    for r in &program.roles {
        ids.push((role(r), format!("role `{}`", r.id.value)));
        if has_pass_role(r) {
            ids.push((
                pass_role_policy(r),
                format!("the PassRole policy of role `{}`", r.id.value),
            ));
        }
    }
    for w in &program.windows {
        ids.push((window(w), format!("window `{}`", w.id.value)));
        for t in &w.targets {
            ids.push((
                target(w, t.id.value),
                format!("target `{}.{}`", w.id.value, t.id.value),
            ));
        }
        for t in &w.tasks {
            ids.push((
                task(w, t.id.value),
                format!("task `{}.{}`", w.id.value, t.id.value),
            ));
        }
    }
    ids
}

/// Whether a role names anyone who may pass it.
pub fn has_pass_role(role: &Role<'_>) -> bool {
    let p = &role.pass_role;
    !(p.users.is_empty() && p.groups.is_empty() && p.roles.is_empty())
}

/// A file-name-safe form of a name.
pub fn file_part(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
