//! `mwc tasks` output: each window's tasks in the order they run, with what
//! each runs and its effective parameters, the document's defaults
//! included, so a reviewer sees what a task will do (that
//! `RebootOption` defaults to `RebootIfNeeded` and the task reboots).

use crate::model::{Action, Program, Task, Window};
use crate::schema::Kind;
use serde::Serialize;
use std::fmt::Write;

/// One parameter as the task runs it.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Effective {
    /// The parameter's name.
    pub name: String,
    /// Its values.
    pub values: Vec<String>,
    /// Whether the value is the document's default (not written).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub default: bool,
}

/// One task, as JSON.
#[derive(Debug, Serialize)]
pub struct JsonTask {
    /// The task's declared name.
    pub task: String,
    /// Its priority (lower runs first; equal ones run together).
    pub priority: i64,
    /// `run_command`, `automation`, `lambda` or `step_functions`.
    pub runs: Kind,
    /// The document, function or state machine.
    pub target: String,
    /// Whether mwc knows the document's parameters.
    pub known_document: bool,
    /// The effective parameters (documents only), by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Effective>,
}

/// One window's tasks, as JSON.
#[derive(Debug, Serialize)]
pub struct JsonWindow {
    /// The window's declared name.
    pub window: String,
    /// Its tasks, by priority.
    pub tasks: Vec<JsonTask>,
}

/// The tasks of one window, by priority then as written.
fn ordered<'w, 'a>(window: &'w Window<'a>) -> Vec<&'w Task<'a>> {
    let mut tasks: Vec<&Task<'_>> = window.tasks.iter().collect();
    tasks.sort_by_key(|t| t.priority.value);
    tasks
}

/// What a task runs, and its effective parameters.
fn task(program: &Program<'_>, task: &Task<'_>) -> JsonTask {
    let (runs, target, given) = match &task.action {
        Action::RunCommand(rc) => (Kind::RunCommand, rc.document.value, Some(&rc.parameters)),
        Action::Automation {
            document,
            parameters,
            ..
        } => (Kind::Automation, document.value, Some(parameters)),
        Action::Lambda { function, .. } => (Kind::Lambda, function.value, None),
        Action::StepFunctions { state_machine, .. } => {
            (Kind::StepFunctions, state_machine.value, None)
        }
    };
    let doc = given.and(program.document(target));
    let mut parameters: Vec<Effective> = given
        .into_iter()
        .flatten()
        .map(|(name, values)| Effective {
            name: name.value.to_string(),
            values: values.iter().map(|v| v.value.to_string()).collect(),
            default: false,
        })
        .collect();
    if let Some(doc) = doc {
        for (name, param) in &doc.parameters {
            if parameters.iter().any(|p| &p.name == name) {
                continue;
            }
            // Empty defaults (no snapshot, no override list) say nothing.
            if let Some(default) = param.default_text()
                && !matches!(default.as_str(), "" | "{}" | "[]")
            {
                parameters.push(Effective {
                    name: name.clone(),
                    values: vec![default],
                    default: true,
                });
            }
        }
        parameters.sort_by(|a, b| a.name.cmp(&b.name));
    }
    JsonTask {
        task: task.id.value.to_string(),
        priority: task.priority.value,
        runs,
        target: target.to_string(),
        known_document: doc.is_some(),
        parameters,
    }
}

/// The report of every window (or one), as JSON values.
pub fn windows(program: &Program<'_>, only: Option<&str>) -> Vec<JsonWindow> {
    program
        .windows
        .iter()
        .filter(|w| only.is_none_or(|o| o == w.id.value))
        .map(|w| JsonWindow {
            window: w.id.value.to_string(),
            tasks: ordered(w).into_iter().map(|t| task(program, t)).collect(),
        })
        .collect()
}

/// The report as text.
pub fn text(windows: &[JsonWindow]) -> String {
    let mut out = String::new();
    for (i, w) in windows.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "window {}", w.window);
        if w.tasks.is_empty() {
            let _ = writeln!(out, "  no tasks");
        }
        for t in &w.tasks {
            let _ = writeln!(
                out,
                "  task {} (priority {}): {} \"{}\"",
                t.task, t.priority, t.runs, t.target
            );
            if !t.known_document && t.runs.runs_document() {
                let _ = writeln!(out, "    (mwc does not know this document's defaults)");
            }
            let width = t.parameters.iter().map(|p| p.name.len()).max().unwrap_or(0);
            for p in &t.parameters {
                let values = if let [one] = p.values.as_slice() {
                    format!("\"{}\"", one.escape_debug())
                } else {
                    let quoted: Vec<String> = p
                        .values
                        .iter()
                        .map(|v| format!("\"{}\"", v.escape_debug()))
                        .collect();
                    format!("[{}]", quoted.join(", "))
                };
                let note = if p.default { "  (default)" } else { "" };
                let _ = writeln!(out, "    {:width$} = {values}{note}", p.name);
            }
        }
    }
    out
}

/// The report as one JSON document.
pub fn json(windows: &[JsonWindow]) -> String {
    let mut text = serde_json::to_string_pretty(windows).unwrap_or_default();
    text.push('\n');
    text
}
