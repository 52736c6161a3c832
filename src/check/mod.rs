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

pub(crate) mod collisions;
mod documents;
pub(crate) mod errors;
mod fields;
mod lints;
mod rules;
mod timing;
pub(crate) mod zones;

use crate::analysis::{SymbolId, Symbols};
use crate::diagnostic::{Diagnostic, sort_and_dedup};
use crate::model::{Program, RoleId, TargetId};
use crate::schema::{self, BlockSchema, Kind};
use crate::source::{Span, Strings};
use crate::suggest::Suggester;
use crate::syntax::ast::{Block, File, Ident, Item};
use fields::{ReadBlock, Reader};
use std::collections::{BTreeMap, HashMap};

/// Checks the parsed files as one program. `now` decides which dates are
/// past (the library never reads the clock itself).
///
/// The files are consumed: the model borrows only the source text and
/// `strings` (where text the source does not hold as such is kept), so each
/// block's syntax tree is freed as soon as its model is built, and a large
/// program never holds its whole tree and its whole model at once.
pub fn check<'a>(
    files: Vec<File<'a>>,
    strings: &'a Strings,
    documents: BTreeMap<String, crate::documents::Document>,
    now: jiff::Timestamp,
) -> (Program<'a>, Vec<Diagnostic>) {
    check_recording(files, strings, documents, now, &mut Symbols::default())
}

/// [`check`], recording every declaration and every reference it resolves
/// in `symbols`.
pub fn check_recording<'a>(
    files: Vec<File<'a>>,
    strings: &'a Strings,
    documents: BTreeMap<String, crate::documents::Document>,
    now: jiff::Timestamp,
    symbols: &mut Symbols,
) -> (Program<'a>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    // A program with errors may lack the windows or tasks that use a role:
    // a syntax error anywhere (a block that did not parse, or only in part)
    // or an error of the checker.
    let parsed_whole = !files.iter().any(|f| f.partial);
    let mut checker = Checker {
        now,
        strings,
        documents,
        diags: &mut diags,
        roles: HashMap::new(),
        windows: HashMap::new(),
        role_decls: Vec::new(),
        window_decls: Vec::new(),
        members: HashMap::new(),
        targets_anywhere: HashMap::new(),
        role_names: None,
        window_names: None,
        zones: HashMap::new(),
        symbols,
        schedules: HashMap::new(),
    };
    let program = checker.run(files);
    let complete = parsed_whole && !diags.iter().any(|d| d.is_error());
    lints::lints(&program, complete, &mut diags);
    collisions::collisions(&program, now, &mut diags);
    sort_and_dedup(&mut diags);
    (program, diags)
}

/// The top-level items of all files, in order, moved rather than copied:
/// a flood of tiny blocks is millions of items.
fn top_level(files: Vec<File<'_>>) -> Vec<Item<'_>> {
    let mut files = files.into_iter();
    let Some(first) = files.next() else {
        return Vec::new();
    };
    let mut top = first.items;
    for mut file in files {
        top.append(&mut file.items);
    }
    top
}

/// A program with every diagnostic of parsing and checking it: what
/// [`crate::with_program`] hands out, and the only way to a build
/// ([`crate::build::prepare`]), which refuses a program with errors.
#[derive(Debug)]
pub struct Checked<'a> {
    program: Program<'a>,
    diagnostics: Vec<Diagnostic>,
    symbols: Symbols,
}

impl<'a> Checked<'a> {
    /// Only the library's pipeline makes one, from all diagnostics of all
    /// files, so that a program whose parse or check failed cannot be built.
    pub(crate) fn new(
        program: Program<'a>,
        diagnostics: Vec<Diagnostic>,
        symbols: Symbols,
    ) -> Checked<'a> {
        Checked {
            program,
            diagnostics,
            symbols,
        }
    }

    /// The declarations and the references resolved to them.
    pub fn symbols(&self) -> &Symbols {
        &self.symbols
    }

    /// The checked program (incomplete when there are errors).
    pub fn program(&self) -> &Program<'a> {
        &self.program
    }

    /// Every diagnostic, sorted by file and position.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The diagnostics, giving up the program.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// The diagnostics and the symbols, giving up the program.
    pub fn into_parts(self) -> (Vec<Diagnostic>, Symbols) {
        (self.diagnostics, self.symbols)
    }
}

/// A declared name: where, and its index in the model (None when the block
/// is broken and was not built).
#[derive(Clone, Copy)]
struct Decl {
    span: Span,
    index: Option<usize>,
    /// A block of an unknown kind that may be a misspelt declaration: its
    /// name resolves silently but is never suggested.
    placeholder: bool,
    /// Its symbol (none for a placeholder).
    symbol: Option<SymbolId>,
}

/// The declared names of a scope, for suggestions (placeholders for blocks
/// of unknown kinds are never suggested). Built once per scope, on the first
/// reference that does not resolve.
fn suggester<'a>(scope: &HashMap<&'a str, Decl>) -> Suggester<'a> {
    Suggester::new(
        scope
            .iter()
            .filter(|(_, d)| !d.placeholder)
            .map(|(n, _)| *n),
    )
}

/// A window's own scope: its targets and tasks by name.
struct WindowScope<'a> {
    name: &'a str,
    span: Span,
    broken: bool,
    targets: HashMap<&'a str, Decl>,
    tasks: HashMap<&'a str, Decl>,
    /// Suggestions among `targets`, made on first need.
    target_names: Option<Suggester<'a>>,
    /// The window's symbol (none for a duplicate or a window without name).
    symbol: Option<SymbolId>,
}

struct Checker<'d, 'a> {
    now: jiff::Timestamp,
    /// Where text derived from the tree is kept.
    strings: &'a Strings,
    /// The documents the program describes (moved into the program once
    /// it is built).
    documents: BTreeMap<String, crate::documents::Document>,
    diags: &'d mut Vec<Diagnostic>,
    roles: HashMap<&'a str, Decl>,
    windows: HashMap<&'a str, usize>,
    /// Roles to build: their positions among the top-level items.
    role_decls: Vec<(usize, &'static BlockSchema)>,
    /// Windows (their positions among the top-level items) and scopes.
    window_decls: Vec<(usize, WindowScope<'a>)>,
    /// Every target and task name of any window, with what it is and where
    /// it is first declared (windows in order, a window's targets before its
    /// tasks), for "is a task, not a role".
    members: HashMap<&'a str, (Kind, Span)>,
    /// Every target name with the first window (in order) that declares it
    /// and where, for "belongs to window ...".
    targets_anywhere: HashMap<&'a str, (&'a str, Span)>,
    /// Suggestions among the roles, made on first need.
    role_names: Option<Suggester<'a>>,
    /// Suggestions among the windows, made on first need.
    window_names: Option<Suggester<'a>>,
    /// What each distinct `timezone` string is (see [`zones::verdict`]).
    zones: HashMap<&'a str, zones::Verdict>,
    /// The declarations and the references resolved to them.
    symbols: &'d mut Symbols,
    /// Each distinct `schedule` string parsed (see [`timing::parse`]).
    schedules: HashMap<&'a str, crate::schedule::Parsed>,
}

impl<'a> Checker<'_, 'a> {
    fn reader(&mut self) -> Reader<'_, 'a> {
        Reader {
            diags: self.diags,
            strings: self.strings,
        }
    }

    fn run(&mut self, files: Vec<File<'a>>) -> Program<'a> {
        // The top level of every file together: settings, roles, windows.
        let header = files
            .first()
            .map_or_else(Span::default, |f| Span::point(f.file, 0));
        let top = top_level(files);
        let ReadBlock { fields, children } =
            self.reader()
                .items(top.iter(), &schema::TOP, header, "the program", true);
        let settings = rules::settings(&fields);

        // Roles and windows name output files (`iam/<Role>.*`,
        // `cloudformation/<Window>.json`): names equal ignoring case would
        // be one file on a case-insensitive file system.
        // (Two roles without `name` are already MW0207: their IAM names
        // are their declared names.)
        let mut folded: HashMap<(Kind, String), (Ident<'a>, bool)> = HashMap::new();
        for (child, block, position) in children {
            if let Some(name) = block.name {
                let named = block
                    .items
                    .iter()
                    .any(|i| matches!(i, Item::Assignment(a) if a.key.text == "name"));
                let key = (child.kind, name.text.to_ascii_lowercase());
                match folded.get(&key) {
                    Some((first, first_named))
                        if first.text != name.text
                            && (child.kind != Kind::Role || named || *first_named) =>
                    {
                        self.diags
                            .push(errors::names_equal_ignoring_case(child.kind, name, *first));
                    }
                    Some(_) => {}
                    None => {
                        folded.insert(key, (name, named));
                    }
                }
            }
            match child.kind {
                Kind::Role => self.declare_role(block, position, child),
                Kind::Window => self.declare_window(block, position),
                // The reader gives only the kinds the top level allows.
                Kind::Top
                | Kind::Target
                | Kind::Task
                | Kind::RunCommand
                | Kind::Automation
                | Kind::Lambda
                | Kind::StepFunctions
                | Kind::Param
                | Kind::Template
                | Kind::Document => {}
            }
        }
        // A named block of an unknown kind (already reported) may be a
        // misspelt role: references to its name resolve silently.
        for item in &top {
            if let Item::Block(b) = item
                && schema::TOP.block(b.kind.text).is_none()
                && let Some(name) = b.name
            {
                self.roles.entry(name.text).or_insert(Decl {
                    span: name.span,
                    index: None,
                    placeholder: true,
                    symbol: None,
                });
            }
        }
        // From here on each block is taken out when it is built, and its
        // tree freed.
        let mut blocks: Vec<Option<Box<Block<'a>>>> = top
            .into_iter()
            .map(|item| match item {
                Item::Block(b) => Some(b),
                Item::Assignment(_) | Item::For(_) | Item::Import(_) => None,
            })
            .collect();

        self.index_members();

        let mut program = Program {
            settings,
            // Sized once: a window is over half a kilobyte.
            roles: Vec::with_capacity(self.role_decls.len()),
            windows: Vec::with_capacity(self.window_decls.len()),
            documents: BTreeMap::new(),
        };
        self.build_roles(&mut program, &mut blocks);
        self.build_windows(&mut program, &mut blocks);
        program.documents = std::mem::take(&mut self.documents);
        program
    }

    fn declare_role(&mut self, block: &Block<'a>, position: usize, schema: &'static BlockSchema) {
        let Some(name) = block.name else {
            if !block.broken {
                // Reported by the reader when the block is built.
                self.role_decls.push((position, schema));
            }
            return;
        };
        if let Some(first) = self.roles.get(name.text) {
            self.diags
                .push(errors::duplicate_name(Kind::Role, name, first.span, None));
            // Still checked, never referenced.
            if !block.broken {
                self.role_decls.push((position, schema));
            }
            return;
        }
        let symbol = self
            .symbols
            .declare(Kind::Role, name.text, name.span, block.span, None, true);
        self.roles.insert(
            name.text,
            Decl {
                span: name.span,
                index: None,
                placeholder: false,
                symbol: Some(symbol),
            },
        );
        if !block.broken {
            self.role_decls.push((position, schema));
        }
    }

    fn declare_window(&mut self, block: &Block<'a>, position: usize) {
        let mut scope = WindowScope {
            name: block.name.map_or("", |n| n.text),
            span: block.name.map_or(block.kind.span, |n| n.span),
            broken: block.broken,
            targets: HashMap::new(),
            tasks: HashMap::new(),
            target_names: None,
            symbol: None,
        };
        if let Some(name) = block.name {
            if let Some(&first) = self.windows.get(name.text) {
                let first_span = self.window_decls[first].1.span;
                self.diags
                    .push(errors::duplicate_name(Kind::Window, name, first_span, None));
            } else {
                self.windows.insert(name.text, self.window_decls.len());
                scope.symbol = Some(self.symbols.declare(
                    Kind::Window,
                    name.text,
                    name.span,
                    block.span,
                    None,
                    true,
                ));
            }
        }
        for item in &block.items {
            let Item::Block(child) = item else { continue };
            let Some(name) = child.name else { continue };
            let (kind, map) = match Kind::parse(child.kind.text) {
                Some(Kind::Target) => (Kind::Target, &mut scope.targets),
                Some(Kind::Task) => (Kind::Task, &mut scope.tasks),
                None
                | Some(
                    Kind::Top
                    | Kind::Role
                    | Kind::Window
                    | Kind::RunCommand
                    | Kind::Automation
                    | Kind::Lambda
                    | Kind::StepFunctions
                    | Kind::Param
                    | Kind::Template
                    | Kind::Document,
                ) => {
                    // A kind that is unknown or not allowed here (reported
                    // by the reader), perhaps a misspelt target: references
                    // to it resolve silently.
                    scope.targets.entry(name.text).or_insert(Decl {
                        span: name.span,
                        index: None,
                        placeholder: true,
                        symbol: None,
                    });
                    continue;
                }
            };
            if let Some(first) = map.get(name.text) {
                self.diags.push(errors::duplicate_name(
                    kind,
                    name,
                    first.span,
                    Some(scope.name),
                ));
                continue;
            }
            let symbol =
                self.symbols
                    .declare(kind, name.text, name.span, child.span, scope.symbol, true);
            map.insert(
                name.text,
                Decl {
                    span: name.span,
                    index: None,
                    placeholder: false,
                    symbol: Some(symbol),
                },
            );
        }
        self.window_decls.push((position, scope));
    }

    /// Indexes the targets and tasks of every window by name, once all are
    /// declared, so that a reference to the wrong kind is one lookup.
    fn index_members(&mut self) {
        for (_, scope) in &self.window_decls {
            // Within one window a name is a target before it is a task.
            for (kind, map) in [(Kind::Target, &scope.targets), (Kind::Task, &scope.tasks)] {
                for (name, decl) in map {
                    self.members.entry(*name).or_insert((kind, decl.span));
                }
            }
            for (name, decl) in &scope.targets {
                self.targets_anywhere
                    .entry(*name)
                    .or_insert((scope.name, decl.span));
            }
        }
    }

    fn build_roles(&mut self, program: &mut Program<'a>, blocks: &mut [Option<Box<Block<'a>>>]) {
        let decls = std::mem::take(&mut self.role_decls);
        let mut iam_names: HashMap<String, Span> = HashMap::new();
        for (position, schema) in decls {
            let Some(block) = blocks.get_mut(position).and_then(Option::take) else {
                continue;
            };
            let read = self.reader().block(&block, schema);
            let Some(id) = block.name else { continue };
            let role = rules::role(&mut self.reader(), &block, id, &read.fields);
            // A duplicate declaration is checked but never referenced, and its
            // IAM name is not compared again.
            let Some(decl) = self.roles.get_mut(id.text).filter(|d| d.span == id.span) else {
                continue;
            };
            decl.index = Some(program.roles.len());
            let key = role.name.value.to_ascii_lowercase();
            if let Some(first) = iam_names.get(&key) {
                self.diags
                    .push(errors::duplicate_role_name(role.name, *first));
            } else {
                iam_names.insert(key, role.name.span);
            }
            program.roles.push(role);
        }
    }

    fn build_windows(&mut self, program: &mut Program<'a>, blocks: &mut [Option<Box<Block<'a>>>]) {
        for index in 0..self.window_decls.len() {
            let (position, broken) = {
                let (position, scope) = &self.window_decls[index];
                (*position, scope.broken)
            };
            let block = blocks.get_mut(position).and_then(Option::take);
            let Some(block) = block.filter(|_| !broken) else {
                continue;
            };
            let read = self.reader().block(&block, &schema::WINDOW);
            let Some(window) = rules::window(self, index, &block, read) else {
                continue;
            };
            program.windows.push(window);
        }
    }

    /// Resolves a role reference (`role = Name`).
    fn resolve_role(&mut self, path: &[Ident<'a>], span: Span) -> Option<RoleId> {
        let [name] = path else {
            let shown: Vec<&str> = path.iter().map(|i| i.text).collect();
            self.diags.push(errors::bad_path(
                span,
                &shown.join("."),
                Kind::Role,
                "`RoleName`",
            ));
            return None;
        };
        if let Some(decl) = self.roles.get(name.text) {
            if let Some(symbol) = decl.symbol {
                self.symbols.refer(name.span, symbol);
            }
            return decl.index.map(RoleId);
        }
        if let Some((found, declared)) = self.other_kind(name.text) {
            self.diags.push(errors::wrong_kind(
                span,
                name.text,
                Kind::Role,
                found,
                declared,
            ));
            return None;
        }
        let roles = &self.roles;
        let names = self.role_names.get_or_insert_with(|| suggester(roles));
        let suggestion = names.suggest(name.text);
        self.diags.push(errors::unresolved(
            span,
            Kind::Role,
            name.text,
            suggestion,
            names.names(),
            None,
        ));
        None
    }

    /// What else a name is declared as, for "is a window, not a role".
    fn other_kind(&self, name: &str) -> Option<(Kind, Span)> {
        if let Some(&w) = self.windows.get(name) {
            return Some((Kind::Window, self.window_decls[w].1.span));
        }
        if let Some(decl) = self.roles.get(name) {
            return Some((Kind::Role, decl.span));
        }
        self.members.get(name).copied()
    }

    /// Resolves a task's target reference within window `window`: `Target`
    /// or `Window.Target`.
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
                    let windows = &self.windows;
                    let names = self
                        .window_names
                        .get_or_insert_with(|| Suggester::new(windows.keys().copied()));
                    let suggestion = names.suggest(w.text);
                    self.diags.push(errors::unresolved(
                        w.span,
                        Kind::Window,
                        w.text,
                        suggestion,
                        names.names(),
                        None,
                    ));
                    return None;
                }
            },
            _ => {
                let shown: Vec<&str> = path.iter().map(|i| i.text).collect();
                self.diags.push(errors::bad_path(
                    span,
                    &shown.join("."),
                    Kind::Target,
                    "`Target` or `Window.Target`",
                ));
                return None;
            }
        };
        let scope = &self.window_decls[window].1;
        let other = &self.window_decls[owner].1;
        if let [w, _] = path
            && let Some(symbol) = other.symbol
        {
            self.symbols.refer(w.span, symbol);
        }
        if let Some(decl) = other.targets.get(target.text) {
            if owner == window {
                if let Some(symbol) = decl.symbol {
                    self.symbols.refer(target.span, symbol);
                }
                return decl.index.map(TargetId);
            }
            if !other.broken {
                let (owner_name, window_name, declared) = (other.name, scope.name, decl.span);
                self.diags.push(errors::foreign_target(
                    span,
                    target.text,
                    owner_name,
                    window_name,
                    declared,
                ));
            }
            return None;
        }
        if other.broken {
            return None;
        }
        if owner == window && path.len() == 1 {
            // Another window's target with this name?
            if let Some(&(owner_name, declared)) = self.targets_anywhere.get(target.text) {
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
            if let Some((found, declared)) = scope
                .tasks
                .get(target.text)
                .map(|d| (Kind::Task, d.span))
                .or_else(|| self.other_kind(target.text))
            {
                self.diags.push(errors::wrong_kind(
                    span,
                    target.text,
                    Kind::Target,
                    found,
                    declared,
                ));
                return None;
            }
        }
        let other = &mut self.window_decls[owner].1;
        let targets = &other.targets;
        let names = other.target_names.get_or_insert_with(|| suggester(targets));
        let suggestion = names.suggest(target.text);
        self.diags.push(errors::unresolved(
            target.span,
            Kind::Target,
            target.text,
            suggestion,
            names.names(),
            Some(other.name),
        ));
        None
    }
}

#[cfg(test)]
mod tests {
    use crate::Sources;

    fn testing_now() -> crate::Timestamp {
        "2026-11-23T00:00:00Z".parse().expect("a valid timestamp")
    }

    /// The `line:code` of every diagnostic of a one-file program.
    fn check(src: &str) -> Vec<String> {
        let mut sources = Sources::new();
        sources.add("t.mw", src);
        let source = sources.get(crate::FileId(0));
        crate::check_sources(&sources, testing_now())
            .iter()
            .map(|d| format!("{}:{}", source.line_col(d.span().start).0, d.code))
            .collect()
    }

    const WINDOW: &str =
        "window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n";

    #[test]
    fn a_complete_window_checks_clean() {
        assert!(check(&format!("{WINDOW}}}\n")).is_empty());
    }

    const ROLE: &str = "role PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n";

    #[test]
    fn an_unused_role_is_reported_only_when_the_whole_program_parsed() {
        assert_eq!(check(ROLE), ["1:MW0903"]);
        // A top-level item that does not parse may be what uses the role.
        assert_eq!(check(&format!("{ROLE}oops\n")), ["5:MW0002"]);
        // So may a window that does not parse as a whole.
        let broken = format!(
            "{ROLE}{WINDOW}  task Patch {{\n    role = PatchRole\n    lambda \"SSMHook\" {{ payload = [ }}\n  }}\n}}\n"
        );
        let codes = check(&broken);
        assert!(!codes.iter().any(|c| c.ends_with("MW0903")), "{codes:?}");
    }

    #[test]
    fn past_openings_warn_and_impossible_ones_fail() {
        let window = |schedule: &str| {
            format!(
                "window Yearly {{\n  schedule = \"{schedule}\"\n  duration = 3h\n  cutoff = 1h\n}}\n"
            )
        };
        assert_eq!(check(&window("cron(0 0 1 1 ? 1970)")), ["2:MW0318"]);
        assert_eq!(check(&window("at(2020-01-01T00:00:00)")), ["2:MW0318"]);
        assert_eq!(check(&window("cron(0 0 30 2 ? *)")), ["2:MW0312"]);
        assert_eq!(check(&window("cron(0 0 30 2 ? 1970)")), ["2:MW0312"]);
    }

    #[test]
    fn cutoff_must_be_below_duration() {
        let src = "window Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 2h\n  cutoff = 2h\n}\n";
        assert_eq!(check(src), ["4:MW0405"]);
    }

    #[test]
    fn a_target_selects_nodes_exactly_one_way() {
        let both = format!(
            "{WINDOW}  target Web {{\n    tags = {{ A = \"b\" }}\n    instances = [\"i-0123456789abcdef0\"]\n  }}\n}}\n"
        );
        assert_eq!(check(&both), ["7:MW0107"]);
        let tags_and_keys = format!(
            "{WINDOW}  target Web {{\n    tags = {{ A = \"b\" }}\n    tag_keys = [\"C\"]\n  }}\n}}\n"
        );
        assert!(check(&tags_and_keys).is_empty());
    }

    #[test]
    fn tasks_resolve_targets_in_their_own_window_only() {
        let src = format!(
            "{WINDOW}  target Web {{ tags = {{ A = \"b\" }} }}\n}}\nwindow Weekly {{\n  schedule = \"rate(7 days)\"\n  duration = 3h\n  cutoff = 1h\n  task Patch {{\n    targets = [Web]\n    max_concurrency = 1\n    max_errors = 1\n    run_command \"AWS-RunPatchBaseline\" {{ parameters = {{ Operation = \"Install\" }} }}\n  }}\n}}\n"
        );
        assert_eq!(check(&src), ["12:MW0204"]);
    }

    #[test]
    fn references_to_broken_declarations_do_not_cascade() {
        let src = "role Broken {\n  trust = [\n}\nwindow Nightly {\n  schedule = \"cron(0 2 ? * * *)\"\n  duration = 3h\n  cutoff = 1h\n  task Hook {\n    role = Broken\n    lambda \"SSMHook\" { }\n  }\n}\n";
        let got = check(src);
        assert!(got.iter().all(|d| !d.ends_with("MW0202")), "{got:?}");
    }

    #[test]
    fn an_opening_at_the_start_date_counts() {
        for schedule in [
            "rate(30 days)",
            "at(2030-01-01T00:00:00)",
            "cron(0 0 1 1 ? 2030)",
        ] {
            let src = format!(
                "window Yearly {{\n  schedule = \"{schedule}\"\n  duration = 3h\n  cutoff = 1h\n  start_date = \"2030-01-01T00:00:00Z\"\n  end_date = \"2030-01-20T00:00:00Z\"\n}}\n"
            );
            assert!(check(&src).is_empty(), "{schedule}: {:?}", check(&src));
        }
    }

    #[test]
    fn rate_control_goes_with_targets() {
        let src = format!(
            "{WINDOW}  task Hook {{\n    max_errors = 1\n    lambda \"SSMHook\" {{ }}\n  }}\n}}\n"
        );
        assert_eq!(check(&src), ["6:MW0409"]);
    }
}
