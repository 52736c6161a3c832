//! The program's own documents: `document "NAME" { from = "file.json" }`
//! describes a document (a customer's, or one mwc does not know) by its
//! content, so that tasks running it get the checks the known AWS-owned
//! documents get.

use super::errors;
use crate::check::errors as check_errors;
use crate::diagnostic::{Code, Diagnostic};
use crate::documents::{Document, DocumentKind, Parameter};
use crate::schema::Kind;
use crate::source::{Sources, Span};
use crate::syntax::ast::{Block, File, Item, ValueKind};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A document's content, as far as mwc reads it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Content {
    #[serde(default)]
    schema_version: Option<String>,
    #[serde(default)]
    parameters: BTreeMap<String, Parameter>,
}

/// Takes the `document` blocks out of the program's top level and reads the
/// contents they name.
pub fn declare(
    sources: &Sources,
    program: &mut [File<'_>],
    diags: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Document> {
    let mut out = BTreeMap::new();
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    for file in program.iter_mut() {
        if !file
            .items
            .iter()
            .any(|i| matches!(i, Item::Block(b) if is_document(b)))
        {
            continue;
        }
        let items = std::mem::take(&mut file.items);
        for item in items {
            match item {
                Item::Block(b) if is_document(&b) => {
                    if let Some(doc) = read(sources, &b, &mut seen, diags) {
                        out.insert(doc.name.clone(), doc);
                    }
                }
                other => file.items.push(other),
            }
        }
    }
    out
}

/// Whether a block is a `document` block.
fn is_document(block: &Block<'_>) -> bool {
    Kind::parse(block.kind.text) == Some(Kind::Document)
}

/// One `document` block.
fn read(
    sources: &Sources,
    block: &Block<'_>,
    seen: &mut BTreeMap<String, Span>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let help = "describe a document with `document \"NAME\" { from = \"file.json\" }`, the file holding its content as JSON";
    let Some(label) = &block.label else {
        diags.push(errors::document(
            block.kind.span,
            "a document needs its name: `document \"NAME\" { ... }`",
            help,
        ));
        return None;
    };
    if let Some(name) = block.name {
        diags.push(errors::document(
            name.span,
            "a document is named by a string: `document \"NAME\"`",
            help,
        ));
        return None;
    }
    let mut from = None;
    let mut kind = None;
    for item in &block.items {
        let Item::Assignment(a) = item else {
            diags.push(errors::document(
                item.span(),
                "a `document` block holds the fields `from` and `type`",
                help,
            ));
            continue;
        };
        match (a.key.text, &a.value.kind) {
            ("from", ValueKind::Str(s)) => from = Some(s.span),
            ("type", ValueKind::Str(s)) if matches!(&*s.value, "Command" | "Automation") => {
                kind = Some(if s.value == "Command" {
                    DocumentKind::Command
                } else {
                    DocumentKind::Automation
                });
            }
            ("type", _) => diags.push(errors::document(
                a.value.span,
                "`type` is \"Command\" or \"Automation\"",
                "leave it out to take the kind from the content's `schemaVersion` (0.3 is Automation)",
            )),
            ("from", _) => diags.push(errors::document(a.value.span, "`from` takes a path in quotes", help)),
            _ => diags.push(
                Diagnostic::new(
                    Code::UnknownField,
                    a.key.span,
                    format!("unknown field `{}` in a `document` block", a.key.text),
                )
                .label("not a field of `document`")
                .help("the fields of `document` are `from` and `type`"),
            ),
        }
    }
    let name = label.value.to_string();
    if let Some(first) = seen.get(&name) {
        diags.push(check_errors::duplicate_name(
            Kind::Document,
            crate::syntax::ast::Ident {
                text: &name,
                span: label.span,
            },
            *first,
            None,
        ));
        return None;
    }
    seen.insert(name.clone(), label.span);
    let Some(from) = from else {
        if !block.partial {
            diags.push(errors::document(
                label.span,
                "a document needs `from`, the file of its content",
                help,
            ));
        }
        return None;
    };
    let Some(content) = sources.documents().iter().find(|d| d.span == from) else {
        diags.push(errors::document(
            from,
            "the document's content was not read: `mwc` reads it; this program was given without it",
            help,
        ));
        return None;
    };
    let file = match &content.to {
        Ok(file) => *file,
        Err(why) => {
            diags.push(errors::document(
                from,
                format!("cannot read the document's content: {why}"),
                help,
            ));
            return None;
        }
    };
    let source = sources.get(file);
    let text = source.text();
    let parsed: Content = match serde_json::from_str(text) {
        Ok(c) => c,
        Err(e) => {
            let offset = offset_of(text, e.line(), e.column());
            let why = if text.trim_start().starts_with('{') {
                format!("not an SSM document's content: {e}")
            } else {
                "mwc reads a document's content as JSON (`aws ssm get-document --name NAME --document-format JSON`)".to_string()
            };
            diags.push(
                errors::document(Span::new(file, offset, offset), why, help)
                    .with_label(from, "the document's content"),
            );
            return None;
        }
    };
    let kind = kind.unwrap_or(match parsed.schema_version.as_deref() {
        Some("0.3") => DocumentKind::Automation,
        _ => DocumentKind::Command,
    });
    Some(Document {
        name,
        document_type: kind,
        platforms: Vec::new(),
        source: source.name().to_string(),
        read: String::new(),
        schema_version: parsed.schema_version.unwrap_or_default(),
        parameters: parsed.parameters,
    })
}

/// The byte offset of a 1-based line and column (serde_json's count of
/// characters) in `text`.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}
