//! CloudFormation logical ids and output file names, derived from the `.mw`
//! names: alphanumeric, readable, and — checked by the checker —
//! collision-free.

use crate::model::{Program, Role, RoleId, Window};
use crate::source::Span;

/// Letters and digits of a name (logical ids are `[A-Za-z0-9]+`).
pub fn alphanumeric(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// CloudFormation's longest logical id.
pub const MAX_LOGICAL_ID: usize = 255;

/// `name` with `suffix` unless it already ends with it, kept within
/// CloudFormation's length: a longer id keeps its first characters and ends
/// with a hash of the whole (still letters and digits).
fn with_suffix(name: &str, suffix: &str) -> String {
    let base = alphanumeric(name);
    let id = if base.ends_with(suffix) {
        base
    } else {
        format!("{base}{suffix}")
    };
    fit(id, MAX_LOGICAL_ID)
}

/// Cuts `text` (ASCII) to `max` characters, ending in a 16-digit hash of
/// the whole text so that different long texts stay different.
pub fn fit(text: String, max: usize) -> String {
    if text.len() <= max {
        return text;
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let keep = max.saturating_sub(16).min(text.len());
    format!("{}{hash:016x}", &text[..keep])
}

/// The logical id of a role: `MaintenanceRole`, `PatchingRole`.
pub fn role(role: &Role<'_>) -> String {
    with_suffix(role.id.value, "Role")
}

/// The logical id of a role's PassRole policy.
pub fn pass_role_policy(role: &Role<'_>) -> String {
    format!("{}PassRolePolicy", self::role(role))
}

/// The logical id of the policy that lets a role pass its tasks'
/// notification roles (a resource of its own, so that a role that is its
/// own notification role does not depend on itself).
pub fn notification_policy(role: &Role<'_>) -> String {
    format!("{}NotificationPolicy", self::role(role))
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

/// Every logical id the template would hold, with the span of the
/// declaration it comes from, in order.
pub fn all(program: &Program<'_>) -> Vec<(String, Span)> {
    let mut ids = Vec::new();
    let notifications = program.notifications();
    for (i, r) in program.roles.iter().enumerate() {
        ids.push((role(r), r.id.span));
        if has_pass_role(r) {
            ids.push((pass_role_policy(r), r.id.span));
        }
        if !notifications.passed(RoleId(i)).is_empty() {
            ids.push((notification_policy(r), r.id.span));
        }
    }
    for w in &program.windows {
        ids.push((window(w), w.id.span));
        for t in &w.targets {
            ids.push((target(w, t.id.value), t.id.span));
        }
        for t in &w.tasks {
            ids.push((task(w, t.id.value), t.id.span));
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
///
/// At most 60 characters, so file names stay far below file systems'
/// 255-byte limit; a longer name keeps its start and ends in a hash.
pub fn file_part(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    fit(safe, 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_fit_and_stay_distinct() {
        let a = fit("A".repeat(300), MAX_LOGICAL_ID);
        let b = fit(format!("{}B", "A".repeat(299)), MAX_LOGICAL_ID);
        assert_eq!(a.len(), MAX_LOGICAL_ID);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()));
        assert_ne!(a, b);
        assert_eq!(fit("Short".to_string(), 255), "Short");
        assert_eq!(file_part(&"w".repeat(300)).len(), 60);
    }
}
