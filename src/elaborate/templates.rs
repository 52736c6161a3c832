//! Templates: `template NAME { items }` at the top level, and `use = NAME`
//! in a `role`, `window`, `target` or `task` block.
//!
//! Which value wins, for a block B that uses a template T:
//! 1. a field: B's if B writes it, else T's (whole values: a map or list of
//!    T is never merged with B's);
//! 2. a child block: matched by kind and name (blocks without a name, such
//!    as `run_command`, by kind); a matched pair merges by these same rules;
//!    its label is B's if B writes one, else T's;
//! 3. order: T's children that B does not match come first, in T's order,
//!    then B's own.
//!
//! A template is one level deep (it does not `use` another) and is checked
//! only through its uses: a problem in it is reported once, where it is
//! written, with the uses that brought it in.

use super::{Uses, errors};
use crate::check::errors as check_errors;
use crate::diagnostic::Diagnostic;
use crate::schema::Kind;
use crate::source::Span;
use crate::suggest::Suggester;
use crate::syntax::ast::{Block, File, Ident, Item, ValueKind};
use std::collections::HashMap;

/// The blocks that may `use` a template.
pub(crate) fn may_use(kind: Option<Kind>) -> bool {
    match kind {
        Some(Kind::Role | Kind::Window | Kind::Target | Kind::Task) => true,
        Some(
            Kind::Top
            | Kind::RunCommand
            | Kind::Automation
            | Kind::Lambda
            | Kind::StepFunctions
            | Kind::Param
            | Kind::Template
            | Kind::Document,
        )
        | None => false,
    }
}

/// Whether a block is a `template` block.
fn is_template(block: &Block<'_>) -> bool {
    Kind::parse(block.kind.text) == Some(Kind::Template)
}

/// Most items one template use may copy, counted with everything nested:
/// a template is small, and this bounds what copies can cost.
pub const MAX_COPIED: usize = 100_000;

/// The declared templates, by name.
pub struct Templates<'s> {
    by_name: HashMap<&'s str, Box<Block<'s>>>,
    /// Items copied so far by all uses.
    copied: usize,
    /// Where a template was used (`use = NAME`), by name.
    used: Vec<(Span, &'s str)>,
}

/// Takes the `template` blocks out of the program's top level.
pub fn declare<'s>(program: &mut [File<'s>], diags: &mut Vec<Diagnostic>) -> Templates<'s> {
    let mut by_name: HashMap<&'s str, Box<Block<'s>>> = HashMap::new();
    for file in program.iter_mut() {
        if !file
            .items
            .iter()
            .any(|i| matches!(i, Item::Block(b) if is_template(b)))
        {
            continue;
        }
        let items = std::mem::take(&mut file.items);
        for item in items {
            let Item::Block(block) = item else {
                file.items.push(item);
                continue;
            };
            if !is_template(&block) {
                file.items.push(Item::Block(block));
                continue;
            }
            let Some(name) = block.name else {
                diags.push(errors::misplaced(
                    block.kind.span,
                    "a template needs a name",
                    "write `template NAME { ... }` and `use = NAME` in the blocks that share it",
                ));
                continue;
            };
            if let Some(first) = by_name.get(name.text).and_then(|b| b.name) {
                diags.push(check_errors::duplicate_name(
                    Kind::Template,
                    name,
                    first.span,
                    None,
                ));
                continue;
            }
            let mut block = block;
            // Reported once here, and not copied into the blocks that use
            // the template.
            block.items.retain(|item| {
                let Item::Assignment(a) = item else {
                    return true;
                };
                if a.key.text != "use" {
                    return true;
                }
                diags.push(errors::misplaced(
                    a.key.span,
                    "a template cannot use another template",
                    "templates are one level deep: copy the fields the two share into this one",
                ));
                false
            });
            by_name.insert(name.text, block);
        }
    }
    Templates {
        by_name,
        copied: 0,
        used: Vec::new(),
    }
}

impl<'s> Templates<'s> {
    /// Each template's name and whole block.
    pub fn declared(&self) -> impl Iterator<Item = (Ident<'s>, Span)> + '_ {
        self.by_name
            .values()
            .filter_map(|b| Some((b.name?, b.span)))
    }

    /// The role names the templates' bodies hold (`role = Name`, in a
    /// block or a map such as `notify`): a role is global, so what they
    /// name does not depend on the block that uses the template.
    pub fn role_names(&self) -> Vec<(Span, &'s str)> {
        fn value<'s>(key: &str, v: &crate::syntax::ast::Value<'s>, out: &mut Vec<(Span, &'s str)>) {
            match &v.kind {
                ValueKind::Ref(path) if key == "role" && path.len() == 1 => {
                    out.push((path[0].span, path[0].text));
                }
                ValueKind::Map(entries) => {
                    for e in entries {
                        value(&e.key.text, &e.value, out);
                    }
                }
                _ => {}
            }
        }
        fn items<'s>(list: &[Item<'s>], out: &mut Vec<(Span, &'s str)>) {
            for item in list {
                match item {
                    Item::Assignment(a) => value(a.key.text, &a.value, out),
                    Item::Block(b) => items(&b.items, out),
                    Item::For(f) => items(&f.items, out),
                    Item::Import(_) => {}
                }
            }
        }
        let mut out = Vec::new();
        for block in self.by_name.values() {
            items(&block.items, &mut out);
        }
        out
    }

    /// Where templates were used, resolved: the name's span and text.
    pub fn uses(&self) -> &[(Span, &'s str)] {
        &self.used
    }

    /// The templates' blocks, to fill in their values.
    pub fn blocks_mut(&mut self) -> impl Iterator<Item = &mut Block<'s>> {
        self.by_name.values_mut().map(|b| &mut **b)
    }

    /// Applies the templates of a top-level block and of its children.
    pub fn apply(
        &mut self,
        block: &mut Block<'s>,
        uses: &mut Uses,
        diags: &mut Vec<Diagnostic>,
        depth: usize,
    ) {
        self.apply_one(block, uses, diags);
        if depth == 0 {
            for item in &mut block.items {
                if let Item::Block(child) = item {
                    self.apply(child, uses, diags, depth + 1);
                }
            }
        }
    }

    fn apply_one(&mut self, block: &mut Block<'s>, uses: &mut Uses, diags: &mut Vec<Diagnostic>) {
        let Some(position) = block
            .items
            .iter()
            .position(|i| matches!(i, Item::Assignment(a) if a.key.text == "use"))
        else {
            return;
        };
        let Item::Assignment(used) = block.items.remove(position) else {
            return;
        };
        if let Some(Item::Assignment(again)) = block
            .items
            .iter()
            .find(|i| matches!(i, Item::Assignment(a) if a.key.text == "use"))
        {
            diags.push(check_errors::duplicate_field(&again.key, used.key.span));
            block
                .items
                .retain(|i| !matches!(i, Item::Assignment(a) if a.key.text == "use"));
        }
        // Whatever goes wrong below, the block lacks the template's fields:
        // its own may look incomplete, and are not reported as such.
        let failed = |block: &mut Block<'s>| block.partial = true;
        if !may_use(Kind::parse(block.kind.text)) {
            failed(block);
            diags.push(errors::misplaced(
                used.key.span,
                format!("a `{}` block cannot use a template", block.kind.text),
                "`use` stands in a `role`, `window`, `target` or `task` block",
            ));
            return;
        }
        let name: Ident<'s> = match &used.value.kind {
            ValueKind::Ref(path) if path.len() == 1 => path[0],
            ValueKind::Invalid => {
                failed(block);
                return;
            }
            other => {
                failed(block);
                diags.push(errors::misplaced(
                    used.value.span,
                    format!("`use` names one template, not {}", other.describe()),
                    "write `use = TemplateName`",
                ));
                return;
            }
        };
        let Some(template) = self.by_name.get(name.text) else {
            let names: Vec<&str> = {
                let mut n: Vec<&str> = self.by_name.keys().copied().collect();
                n.sort_unstable();
                n
            };
            let suggestion = Suggester::new(names.iter().copied()).suggest(name.text);
            failed(block);
            diags.push(check_errors::unresolved(
                name.span,
                Kind::Template,
                name.text,
                suggestion,
                &names,
                None,
            ));
            return;
        };
        self.used.push((name.span, name.text));
        let size = count(&template.items);
        if self.copied + size > MAX_COPIED {
            diags.push(errors::too_large(
                used.key.span.to(used.value.span),
                format!("the uses of templates copy more than {MAX_COPIED} fields and blocks"),
            ));
            block.partial = true;
            return;
        }
        self.copied += size;
        let site = used.key.span.to(used.value.span);
        uses.add(
            template.span,
            site,
            format!("template `{}` used here", name.text),
        );
        let template = template.clone();
        merge(block, *template);
    }
}

/// Items in a list, nested ones included.
pub fn count(items: &[Item<'_>]) -> usize {
    items
        .iter()
        .map(|i| match i {
            Item::Block(b) => 1 + count(&b.items),
            Item::Assignment(_) => 1,
            Item::For(f) => 1 + count(&f.items),
            Item::Import(_) => 1,
        })
        .sum()
}

/// Merges a copy of a template (or of one of its child blocks) into `block`.
fn merge<'s>(block: &mut Block<'s>, template: Block<'s>) {
    if block.label.is_none() {
        block.label = template.label;
    }
    block.partial |= template.partial || template.broken;
    let own = std::mem::take(&mut block.items);
    let mut merged: Vec<Item<'s>> = Vec::with_capacity(own.len() + template.items.len());
    let mut children: Vec<Option<Box<Block<'s>>>> = Vec::new();
    for item in template.items {
        match item {
            Item::Assignment(a) => {
                let written = own
                    .iter()
                    .any(|i| matches!(i, Item::Assignment(o) if o.key.text == a.key.text));
                if !written {
                    merged.push(Item::Assignment(a));
                }
            }
            Item::For(_) | Item::Import(_) => {}
            Item::Block(b) => {
                let matched = own
                    .iter()
                    .any(|i| matches!(i, Item::Block(o) if same_child(o, &b)));
                if matched {
                    children.push(Some(b));
                } else {
                    merged.push(Item::Block(b));
                }
            }
        }
    }
    for item in own {
        match item {
            Item::Block(mut b) => {
                if let Some(t) = children
                    .iter_mut()
                    .find(|t| t.as_ref().is_some_and(|t| same_child(&b, t)))
                    .and_then(Option::take)
                {
                    merge(&mut b, *t);
                }
                merged.push(Item::Block(b));
            }
            other => merged.push(other),
        }
    }
    block.items = merged;
}

/// Whether two child blocks are the same child: same kind, and same name
/// (or both without one).
fn same_child(a: &Block<'_>, b: &Block<'_>) -> bool {
    a.kind.text == b.kind.text && a.name.map(|n| n.text) == b.name.map(|n| n.text)
}
