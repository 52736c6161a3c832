//! The checker: from syntax trees to a resolved [`Program`], with every
//! problem reported in one run.
//!
//! 1. [`fields`] reads every block against the schema table (unknown, missing,
//!    duplicate and ill-typed fields; AWS's limits).
//! 2. Declarations are collected into name indexes (roles and windows are
//!    global, targets and tasks per window).
//! 3. Each block is built into the model, resolving references through the
//!    indexes and applying the rules that span several fields.
//!
//! A block that did not parse is registered by name and then skipped, so
//! references to it resolve silently instead of cascading.

mod errors;
mod fields;
mod rules;

use crate::diagnostic::{Diagnostic, sort_and_dedup};
use crate::model::{Program, RoleId, TargetId};
use crate::schema::{self, BlockSchema};
use crate::source::Span;
use crate::syntax::ast::{Block, File, Ident, Item};
use fields::{ReadBlock, Reader};
use std::collections::HashMap;

/// Checks the parsed files as one program.
pub fn check<'a>(files: &'a [File<'a>]) -> (Program<'a>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut checker = Checker {
        diags: &mut diags,
        roles: HashMap::new(),
        windows: HashMap::new(),
        role_decls: Vec::new(),
        window_decls: Vec::new(),
    };
    let program = checker.run(files);
    sort_and_dedup(&mut diags);
    (program, diags)
}

/// A declared name: where, and its index in the model (None when the block
/// is broken and was not built).
#[derive(Clone, Copy)]
struct Decl {
    span: Span,
    index: Option<usize>,
}

/// A window's own scope: its targets and tasks by name.
struct WindowScope<'a> {
    name: &'a str,
    span: Span,
    broken: bool,
    targets: HashMap<&'a str, Decl>,
    tasks: HashMap<&'a str, Decl>,
}

struct Checker<'d, 'a> {
    diags: &'d mut Vec<Diagnostic>,
    roles: HashMap<&'a str, Decl>,
    windows: HashMap<&'a str, usize>,
    role_decls: Vec<(&'a Block<'a>, &'static BlockSchema)>,
    window_decls: Vec<(&'a Block<'a>, WindowScope<'a>)>,
}

impl<'a> Checker<'_, 'a> {
    fn reader(&mut self) -> Reader<'_> {
        Reader { diags: self.diags }
    }

    fn run(&mut self, files: &'a [File<'a>]) -> Program<'a> {
        // The top level of every file together: settings, roles, windows.
        let header = files
            .first()
            .map_or_else(Span::default, |f| Span::point(f.file, 0));
        let ReadBlock { fields, children } = self.reader().items(
            files.iter().flat_map(|f| f.items.iter()),
            &schema::TOP,
            header,
        );
        let settings = rules::settings(&fields);

        for (child, block) in children {
            match child.kind {
                "role" => self.declare_role(block, child),
                _ => self.declare_window(block),
            }
        }

        let mut program = Program {
            settings,
            roles: Vec::new(),
            windows: Vec::new(),
        };
        self.build_roles(&mut program);
        self.build_windows(&mut program);
        program
    }

    fn declare_role(&mut self, block: &'a Block<'a>, schema: &'static BlockSchema) {
        let Some(name) = block.name else {
            if !block.broken {
                // Reported by the reader when the block is built.
                self.role_decls.push((block, schema));
            }
            return;
        };
        if let Some(first) = self.roles.get(name.text) {
            self.diags
                .push(errors::duplicate_name("role", name, first.span, None));
            return;
        }
        self.roles.insert(
            name.text,
            Decl {
                span: name.span,
                index: None,
            },
        );
        if !block.broken {
            self.role_decls.push((block, schema));
        }
    }

    fn declare_window(&mut self, block: &'a Block<'a>) {
        let mut scope = WindowScope {
            name: block.name.map_or("", |n| n.text),
            span: block.name.map_or(block.kind.span, |n| n.span),
            broken: block.broken,
            targets: HashMap::new(),
            tasks: HashMap::new(),
        };
        if let Some(name) = block.name {
            if let Some(&first) = self.windows.get(name.text) {
                let first_span = self.window_decls[first].1.span;
                self.diags
                    .push(errors::duplicate_name("window", name, first_span, None));
                return;
            }
            self.windows.insert(name.text, self.window_decls.len());
        }
        for item in &block.items {
            let Item::Block(child) = item else { continue };
            let Some(name) = child.name else { continue };
            let map = match child.kind.text {
                "target" => &mut scope.targets,
                "task" => &mut scope.tasks,
                _ => continue,
            };
            if let Some(first) = map.get(name.text) {
                self.diags.push(errors::duplicate_name(
                    child.kind.text,
                    name,
                    first.span,
                    Some(scope.name),
                ));
                continue;
            }
            map.insert(
                name.text,
                Decl {
                    span: name.span,
                    index: None,
                },
            );
        }
        self.window_decls.push((block, scope));
    }

    fn build_roles(&mut self, program: &mut Program<'a>) {
        let decls = std::mem::take(&mut self.role_decls);
        let mut iam_names: HashMap<String, Span> = HashMap::new();
        for (block, schema) in decls {
            let read = self.reader().block(block, schema);
            let Some(id) = block.name else { continue };
            let role = rules::role(&mut self.reader(), block, id, &read.fields);
            let key = role.name.value.to_ascii_lowercase();
            if let Some(first) = iam_names.get(&key) {
                self.diags
                    .push(errors::duplicate_role_name(role.name, *first));
            } else {
                iam_names.insert(key, role.name.span);
            }
            if let Some(decl) = self.roles.get_mut(id.text) {
                decl.index = Some(program.roles.len());
            }
            program.roles.push(role);
        }
    }

    fn build_windows(&mut self, program: &mut Program<'a>) {
        for index in 0..self.window_decls.len() {
            let (block, broken) = {
                let (block, scope) = &self.window_decls[index];
                (*block, scope.broken)
            };
            if broken {
                continue;
            }
            let read = self.reader().block(block, &schema::WINDOW);
            let Some(window) = rules::window(self, index, block, read) else {
                continue;
            };
            program.windows.push(window);
        }
    }

    /// Resolves a role reference (`role = Name`).
    fn resolve_role(&mut self, path: &[Ident<'a>], span: Span) -> Option<RoleId> {
        let [name] = path else {
            let shown: Vec<&str> = path.iter().map(|i| i.text).collect();
            let names: Vec<&str> = self.roles.keys().copied().collect();
            self.diags.push(errors::unresolved(
                span,
                "role",
                &shown.join("."),
                &names,
                None,
            ));
            return None;
        };
        if let Some(decl) = self.roles.get(name.text) {
            return decl.index.map(RoleId);
        }
        if let Some(&w) = self.windows.get(name.text) {
            let declared = self.window_decls[w].1.span;
            self.diags.push(errors::wrong_kind(
                span, name.text, "role", "window", declared,
            ));
            return None;
        }
        let mut names: Vec<&str> = self.roles.keys().copied().collect();
        names.sort_unstable();
        self.diags
            .push(errors::unresolved(span, "role", name.text, &names, None));
        None
    }

    /// Resolves a task's target reference within window `window`.
    fn resolve_target(
        &mut self,
        window: usize,
        path: &[Ident<'a>],
        span: Span,
    ) -> Option<TargetId> {
        let (owner, target) = match path {
            [target] => (window, *target),
            [w, target] => match self.windows.get(w.text) {
                Some(&owner) => (owner, *target),
                None => {
                    let names: Vec<&str> = self.windows.keys().copied().collect();
                    self.diags
                        .push(errors::unresolved(w.span, "window", w.text, &names, None));
                    return None;
                }
            },
            _ => {
                let shown: Vec<&str> = path.iter().map(|i| i.text).collect();
                self.diags.push(errors::unresolved(
                    span,
                    "target",
                    &shown.join("."),
                    &[],
                    None,
                ));
                return None;
            }
        };
        let scope = &self.window_decls[window].1;
        if owner == window {
            if let Some(decl) = scope.targets.get(target.text) {
                return decl.index.map(TargetId);
            }
            // Another window's target with this name?
            let foreign = self
                .window_decls
                .iter()
                .find_map(|(_, s)| s.targets.get(target.text).map(|d| (s.name, d.span)));
            if let (Some((owner_name, declared)), 1) = (foreign, path.len()) {
                let window_name = scope.name;
                self.diags.push(errors::foreign_target(
                    span,
                    target.text,
                    owner_name,
                    window_name,
                    declared,
                ));
                return None;
            }
            if let Some(decl) = scope.tasks.get(target.text) {
                self.diags.push(errors::wrong_kind(
                    span,
                    target.text,
                    "target",
                    "task",
                    decl.span,
                ));
                return None;
            }
            if let Some(decl) = self.roles.get(target.text) {
                self.diags.push(errors::wrong_kind(
                    span,
                    target.text,
                    "target",
                    "role",
                    decl.span,
                ));
                return None;
            }
            let mut names: Vec<&str> = scope.targets.keys().copied().collect();
            names.sort_unstable();
            let window_name = scope.name;
            self.diags.push(errors::unresolved(
                span,
                "target",
                target.text,
                &names,
                Some(window_name),
            ));
            return None;
        }
        let other = &self.window_decls[owner].1;
        if other.broken {
            return None;
        }
        match other.targets.get(target.text) {
            Some(decl) => {
                let (owner_name, window_name, declared) = (other.name, scope.name, decl.span);
                self.diags.push(errors::foreign_target(
                    span,
                    target.text,
                    owner_name,
                    window_name,
                    declared,
                ));
            }
            None => {
                let mut names: Vec<&str> = other.targets.keys().copied().collect();
                names.sort_unstable();
                let owner_name = other.name;
                self.diags.push(errors::unresolved(
                    target.span,
                    "target",
                    target.text,
                    &names,
                    Some(owner_name),
                ));
            }
        }
        None
    }
}
