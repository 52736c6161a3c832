//! What a check knows about a program's names, kept for the editor: every
//! declaration (roles, windows, their targets and tasks, templates and
//! parameters) with its span, and every reference the pipeline resolved to
//! one. Elaboration records templates and parameters, the checker the rest,
//! as they resolve them: nothing is derived twice.
//!
//! [`analyze`] runs the pipeline of `mwc check` and returns an owned
//! [`Analysis`] (diagnostics and symbols) that outlives the sources' parse,
//! for a server to answer go to definition, find references, rename and
//! completion without checking again.

use crate::schema::Kind;
use crate::source::{FileId, Span};
use std::collections::HashMap;

/// A symbol's index in its [`Symbols`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymbolId(u32);

/// A declared name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// What it declares: a role, window, target, task, template or
    /// parameter.
    pub kind: Kind,
    /// The name (after `${...}` in it was filled in).
    pub name: String,
    /// Where the name is written.
    pub span: Span,
    /// The whole declaration (the block).
    pub whole: Span,
    /// The window a target or task belongs to.
    pub window: Option<SymbolId>,
    /// Whether the name is written as it is (not built with `${...}`, not
    /// one of several declarations a comprehension made from one block):
    /// only such a name can be renamed by editing its text.
    pub literal: bool,
}

/// A resolved reference: where it is written, and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    /// The name as written at the use.
    pub span: Span,
    /// The declaration.
    pub symbol: SymbolId,
}

/// Every declaration and resolved reference of a program.
#[derive(Debug, Clone, Default)]
pub struct Symbols {
    symbols: Vec<Symbol>,
    /// Sorted by span once the pipeline is done.
    references: Vec<Reference>,
    /// Declarations by kind and span: copies of one written block (a
    /// template's, a comprehension's) are one symbol.
    by_span: HashMap<(Kind, Span), SymbolId>,
    /// Top-level declarations by kind and name, for the references
    /// recorded by name.
    by_name: HashMap<(Kind, String), SymbolId>,
    /// References recorded by name, resolved once every declaration is
    /// known.
    pending: Vec<(Span, Kind, String)>,
}

impl Symbols {
    /// Records a declaration; the same name span declared again (a copy)
    /// is the same symbol, and no longer literal when the name differs.
    pub(crate) fn declare(
        &mut self,
        kind: Kind,
        name: &str,
        span: Span,
        whole: Span,
        window: Option<SymbolId>,
        literal: bool,
    ) -> SymbolId {
        if let Some(&id) = self.by_span.get(&(kind, span)) {
            let symbol = &mut self.symbols[id.0 as usize];
            if symbol.name != name {
                symbol.literal = false;
            }
            return id;
        }
        let id = SymbolId(u32::try_from(self.symbols.len()).unwrap_or(u32::MAX));
        self.symbols.push(Symbol {
            kind,
            name: name.to_string(),
            span,
            whole,
            window,
            literal,
        });
        self.by_span.insert((kind, span), id);
        if window.is_none() {
            self.by_name.entry((kind, name.to_string())).or_insert(id);
        }
        id
    }

    /// Records a reference at `span` to `symbol`.
    pub(crate) fn refer(&mut self, span: Span, symbol: SymbolId) {
        self.references.push(Reference { span, symbol });
    }

    /// Records a reference at `span` to the top-level declaration of
    /// `kind` named `name`, if there is one once all are declared.
    pub(crate) fn refer_by_name(&mut self, span: Span, kind: Kind, name: &str) {
        self.pending.push((span, kind, name.to_string()));
    }

    /// Sorts the references and drops the copies of one written reference;
    /// a name whose text at its span is not the name (built with `${...}`)
    /// is not literal.
    pub(crate) fn finish(&mut self, sources: &crate::Sources) {
        for (span, kind, name) in std::mem::take(&mut self.pending) {
            if let Some(&id) = self.by_name.get(&(kind, name)) {
                self.refer(span, id);
            }
        }
        self.references.sort_unstable();
        self.references.dedup();
        for symbol in &mut self.symbols {
            if symbol.literal && sources.get(symbol.span.file).slice(symbol.span) != symbol.name {
                symbol.literal = false;
            }
        }
    }

    /// The symbol with this id.
    pub fn get(&self, id: SymbolId) -> &Symbol {
        &self.symbols[id.0 as usize]
    }

    /// Every declaration, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = (SymbolId, &Symbol)> {
        self.symbols
            .iter()
            .enumerate()
            .map(|(i, s)| (SymbolId(u32::try_from(i).unwrap_or(u32::MAX)), s))
    }

    /// Every resolved reference, sorted by span.
    pub fn references(&self) -> &[Reference] {
        &self.references
    }

    /// The symbol whose name (declared or referred to) is at byte `offset`
    /// of `file` (its end included, where an editor's cursor rests after
    /// typing it).
    pub fn at(&self, file: FileId, offset: u32) -> Option<SymbolId> {
        let touches = |span: Span| span.file == file && span.start <= offset && offset <= span.end;
        // References are sorted: those in `file` starting at or before
        // `offset` end the search.
        let end = self
            .references
            .partition_point(|r| (r.span.file, r.span.start) <= (file, offset));
        let reference = self.references[..end]
            .iter()
            .rev()
            .take_while(|r| r.span.file == file)
            .find(|r| touches(r.span))
            .map(|r| r.symbol);
        reference.or_else(|| {
            self.symbols
                .iter()
                .position(|s| touches(s.span))
                .and_then(|i| u32::try_from(i).ok())
                .map(SymbolId)
        })
    }

    /// Where `id` is referred to, sorted, each written place once.
    pub fn uses(&self, id: SymbolId) -> impl Iterator<Item = Span> + '_ {
        self.references
            .iter()
            .filter(move |r| r.symbol == id)
            .map(|r| r.span)
    }

    /// The symbols of `kind` (in `window`, for targets and tasks), each
    /// name once, in the order they were declared.
    pub fn named(&self, kind: Kind, window: Option<&str>) -> Vec<&Symbol> {
        let mut seen = std::collections::HashSet::new();
        self.symbols
            .iter()
            .filter(|s| s.kind == kind)
            .filter(|s| match (window, s.window) {
                (Some(w), Some(owner)) => self.get(owner).name == w,
                (None, _) => true,
                (Some(_), None) => false,
            })
            .filter(|s| seen.insert(s.name.as_str()))
            .collect()
    }
}

/// What a check of a program found, owned: the diagnostics and the names.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Every diagnostic, as [`crate::check_with`] returns them.
    pub diagnostics: Vec<crate::Diagnostic>,
    /// The declarations and resolved references.
    pub symbols: Symbols,
}

/// Checks `sources` as [`crate::check_with`] does, and keeps the symbols.
pub fn analyze(sources: &crate::Sources, options: &crate::Options) -> Analysis {
    crate::with_options(sources, options, Analysis::of)
}

/// [`analyze`], parsing through `cache` ([`crate::check_reusing`]): what an
/// editor calls on every change.
pub fn analyze_reusing(
    sources: &crate::Sources,
    options: &crate::Options,
    cache: &mut crate::ParseCache,
) -> Analysis {
    crate::with_options_reusing(sources, options, cache, Analysis::of)
}

impl Analysis {
    fn of(checked: crate::Checked<'_>) -> Analysis {
        let (diagnostics, symbols) = checked.into_parts();
        Analysis {
            diagnostics,
            symbols,
        }
    }
}

/// Why a rename is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The symbol at byte `offset` of `file` that [`rename`] can rename: its
/// id, or why not.
pub fn renamable(symbols: &Symbols, file: FileId, offset: u32) -> Result<SymbolId, Refused> {
    let id = symbols
        .at(file, offset)
        .ok_or_else(|| Refused("there is no declared name here".into()))?;
    let symbol = symbols.get(id);
    if !symbol.literal {
        return Err(Refused(format!(
            "`{}` is built by `${{...}}` or a comprehension: rename it where it is written",
            symbol.name
        )));
    }
    // A reference written once and resolved to several symbols (a
    // template's `targets`, used by several windows) names them all.
    for span in symbols.uses(id) {
        if let Some(other) = symbols
            .references
            .iter()
            .find(|r| r.span == span && r.symbol != id)
        {
            let other = symbols.get(other.symbol);
            return Err(Refused(format!(
                "`{}` is also written for the {} `{}` of another block at the same place (a template or a comprehension): rename it there by hand",
                symbol.name,
                other.kind.as_str(),
                other.name
            )));
        }
    }
    Ok(id)
}

/// The edits that rename the symbol at byte `offset` of `file` to
/// `new_name`: its declaration and every reference. Refused when there
/// is nothing to rename there, when the name is not written as it is, when
/// `new_name` is not a name, and when the renamed program has errors the
/// program did not have (a name AWS rejects, one already taken): the
/// program is checked again with the edits made, as `options` say.
pub fn rename(
    sources: &crate::Sources,
    options: &crate::Options,
    analysis: &Analysis,
    file: FileId,
    offset: u32,
    new_name: &str,
) -> Result<Vec<crate::diagnostic::Edit>, Refused> {
    let symbols = &analysis.symbols;
    let id = renamable(symbols, file, offset)?;
    let symbol = symbols.get(id);
    if !crate::syntax::interp::is_name(new_name) {
        return Err(Refused(format!(
            "`{new_name}` is not a name: a letter or `_`, then letters, digits, `_` and `-`"
        )));
    }
    let mut edits: Vec<crate::diagnostic::Edit> = std::iter::once(symbol.span)
        .chain(symbols.uses(id))
        .map(|span| crate::diagnostic::Edit {
            span,
            replacement: new_name.to_string(),
        })
        .collect();
    edits.sort_by_key(|e| (e.span.file, e.span.start));
    edits.dedup_by_key(|e| e.span);
    let errors = |diagnostics: &[crate::Diagnostic]| {
        let mut counts: HashMap<crate::Code, usize> = HashMap::new();
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            *counts.entry(d.code).or_default() += 1 + d.omitted;
        }
        counts
    };
    let before = errors(&analysis.diagnostics);
    let renamed = analyze(&sources.edited(&edits), options);
    let after = errors(&renamed.diagnostics);
    if let Some(new) = renamed
        .diagnostics
        .iter()
        .find(|d| d.is_error() && after.get(&d.code) > before.get(&d.code).or(Some(&0)))
    {
        return Err(Refused(format!(
            "renaming `{}` to `{new_name}` would be an error: {}",
            symbol.name, new.message
        )));
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sources;

    fn renamed(text: &str, at: &str, nth: usize, to: &str) -> Result<String, Refused> {
        let (sources, a) = analysis(text);
        let offset = text.match_indices(at).nth(nth).map_or(0, |(p, _)| p + 1) as u32;
        let now = "2026-11-23T00:00:00Z".parse().unwrap_or_default();
        let edits = rename(
            &sources,
            &crate::Options::new(now),
            &a,
            FileId(0),
            offset,
            to,
        )?;
        Ok(sources.edited(&edits).get(FileId(0)).text().to_string())
    }

    #[test]
    fn renames_every_use_and_refuses_what_aws_or_the_language_would() {
        let text = renamed(PROGRAM, "PatchRole", 2, "Patching").unwrap_or_default();
        assert_eq!(text.matches("Patching").count(), 3, "{text}");
        assert!(!text.contains("PatchRole"));
        let text = renamed(PROGRAM, "Web", 0, "WebServers").unwrap_or_default();
        assert_eq!(text.matches("WebServers").count(), 3, "{text}");
        let text = renamed(PROGRAM, "env", 1, "stage").unwrap_or_default();
        assert!(
            text.contains("param stage {") && text.contains("${stage}"),
            "{text}"
        );
        // SSM's names are 3 to 128 characters.
        let short = renamed(PROGRAM, "Nightly", 0, "N");
        assert!(
            matches!(&short, Err(Refused(m)) if m.contains("would be an error")),
            "{short:?}"
        );
        let bad = renamed(PROGRAM, "Nightly", 0, "Night ly");
        assert!(
            matches!(&bad, Err(Refused(m)) if m.contains("not a name")),
            "{bad:?}"
        );
        let taken = renamed(PROGRAM, "Base", 0, "env");
        assert!(taken.is_err(), "{taken:?}");
        let nothing = renamed(PROGRAM, "schedule", 0, "x");
        assert!(nothing.is_err());
    }

    fn analysis(text: &str) -> (Sources, Analysis) {
        let mut sources = Sources::new();
        sources.add("t.mw", text);
        let now = "2026-11-23T00:00:00Z".parse().unwrap_or_default();
        let analysis = analyze(&sources, &crate::Options::new(now));
        (sources, analysis)
    }

    const PROGRAM: &str = "param env {\n  type = string\n  default = \"prod\"\n}\n\nrole PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n\ntemplate Base {\n  max_errors = 1\n  max_concurrency = 1\n  role = PatchRole\n}\n\nwindow Nightly {\n  schedule = \"cron(0 3 ? * MON *)\"\n  duration = 3h\n  cutoff   = 1h\n  description = \"${env}\"\n  target Web {\n    tags = { A = \"b\" }\n  }\n  task Patch {\n    use     = Base\n    priority = 1\n    targets = [Web, Nightly.Web]\n    role    = PatchRole\n    run_command \"AWS-RunPatchBaseline\" {\n      parameters = { Operation = \"Scan\" }\n    }\n  }\n}\n";

    #[test]
    fn declarations_and_references() {
        let (_, a) = analysis(PROGRAM);
        let errors: Vec<_> = a.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let uses = |name: &str, kind: Kind| {
            let (id, _) = a
                .symbols
                .iter()
                .find(|(_, s)| s.name == name && s.kind == kind)
                .unwrap_or_else(|| panic!("no {name}"));
            a.symbols
                .uses(id)
                .map(|s| &PROGRAM[s.range()])
                .collect::<Vec<_>>()
        };
        // Once in the template, once in the task.
        assert_eq!(uses("PatchRole", Kind::Role), ["PatchRole"; 2]);
        assert_eq!(uses("Web", Kind::Target), ["Web"; 2]);
        assert_eq!(uses("Nightly", Kind::Window), ["Nightly"]);
        assert_eq!(uses("Base", Kind::Template), ["Base"]);
        assert_eq!(uses("env", Kind::Param), ["env"]);
        let at = PROGRAM.find("[Web").map_or(0, |p| p + 2) as u32;
        let id = a.symbols.at(FileId(0), at);
        assert_eq!(id.map(|id| a.symbols.get(id).name.as_str()), Some("Web"));
        let web = a.symbols.named(Kind::Target, Some("Nightly"));
        assert_eq!(web.len(), 1);
        assert!(a.symbols.named(Kind::Target, Some("Other")).is_empty());
    }

    #[test]
    fn names_built_by_comprehensions_are_not_literal() {
        let (_, a) = analysis(
            "for env in [\"a1\", \"b1\"] {\n  window w-${env} {\n    schedule = \"rate(1 day)\"\n    duration = 2h\n    cutoff = 1h\n  }\n}\n",
        );
        let windows = a.symbols.named(Kind::Window, None);
        assert_eq!(windows.len(), 1, "{windows:?}");
        assert!(!windows[0].literal);
    }
}
