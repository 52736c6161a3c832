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
    let keep = max.saturating_sub(16).min(text.len());
    format!("{}{:016x}", &text[..keep], hash(&text))
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

/// Device names that Windows reserves in any directory, with any extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The longest file-name part: file names stay far below file systems'
/// 255-byte limit.
pub const MAX_FILE_PART: usize = 60;

/// A file-name part for a name: the name itself when it is made of ASCII
/// letters, digits, `_`, `-` and `.`, fits in [`MAX_FILE_PART`] bytes and is
/// no device name that Windows reserves (`CON`, `NUL`, `COM1`, ...);
/// otherwise its safe characters (others become `_`), cut to fit, then `~`
/// and a 16-digit hash of the whole name. `~` occurs in no name kept as it
/// is, so a changed name never equals another name, and two changed names
/// differ by their hash: distinct names give distinct parts. (Names equal
/// ignoring case are a diagnostic of the checker, for case-insensitive file
/// systems.)
pub fn file_part(name: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let reserved = RESERVED.iter().any(|r| {
        let stem = name.split('.').next().unwrap_or(name);
        stem.eq_ignore_ascii_case(r)
    });
    if !reserved && !name.is_empty() && name.len() <= MAX_FILE_PART && name.chars().all(safe) {
        return name.to_string();
    }
    let kept: String = name
        .chars()
        .map(|c| if safe(c) { c } else { '_' })
        .take(MAX_FILE_PART - 17)
        .collect();
    format!("{kept}~{:016x}", hash(name))
}

/// FNV-1a, 64 bits.
fn hash(text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
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

    #[test]
    fn distinct_names_give_distinct_file_parts() {
        // A 61-character name and a name spelt like its shortened form.
        let long = "R".repeat(61);
        let short = file_part(&long);
        assert_eq!(short.len(), MAX_FILE_PART);
        assert_ne!(file_part(&short), short, "a name with `~` is changed too");
        assert_ne!(file_part(&short), file_part(&long));
        // Sanitized names keep their difference.
        assert_ne!(file_part("a@b"), file_part("a_b"));
        assert_eq!(file_part("a_b"), "a_b");
        // Windows device names, in any case and with any extension.
        for name in ["CON", "con", "Nul", "COM1", "lpt9", "aux.x"] {
            let part = file_part(name);
            assert!(part.contains('~'), "{name}: {part}");
        }
        assert_eq!(file_part("CONSOLE"), "CONSOLE");
        assert_eq!(file_part("Nightly"), "Nightly");
        assert!(file_part("").contains('~'));
    }
}
