//! A task's `parameters` against the document it runs, when mwc knows the
//! document ([`crate::documents`]).

use crate::diagnostic::{Code, Diagnostic};
use crate::documents::{Document, DocumentKind, ParamType, Parameter};
use crate::model::Text;
use crate::schema::Kind;
use crate::source::Span;
use crate::suggest::Suggester;

/// What a task gives a document: the parameters as written, where they are,
/// and the task's header for what is missing.
pub struct Given<'g, 'a> {
    /// The parameters, name and values.
    pub parameters: &'g [(Text<'a>, Vec<Text<'a>>)],
    /// The `parameters` field, when written.
    pub field: Option<Span>,
    /// The document block's header.
    pub header: Span,
    /// The block that runs the document (`run_command` or `automation`).
    pub block: Kind,
    /// The document as written (its label).
    pub label: Text<'a>,
}

/// Whether a value is left for AWS to fill in (`{{TARGET_ID}}`,
/// `{{ssm:/path}}`): it is not checked.
fn filled_in_by_aws(value: &str) -> bool {
    value.contains("{{")
}

/// Checks `given` against `doc`.
pub fn check(doc: &Document, given: &Given<'_, '_>, diags: &mut Vec<Diagnostic>) {
    if doc.document_type.block() != given.block {
        diags.push(wrong_kind(doc, given));
        return;
    }
    let names: Vec<&str> = doc.parameters.keys().map(String::as_str).collect();
    let mut suggester: Option<Suggester<'_>> = None;
    for (name, values) in given.parameters {
        let Some(param) = doc.parameters.get(name.value) else {
            let same_case = names
                .iter()
                .find(|n| n.eq_ignore_ascii_case(name.value))
                .copied();
            let suggestion = same_case.or_else(|| {
                suggester
                    .get_or_insert_with(|| Suggester::new(names.iter().copied()))
                    .suggest(name.value)
            });
            diags.push(unknown(doc, *name, suggestion, &names));
            continue;
        };
        check_values(doc, name.value, param, values, diags);
    }
    // A required parameter given under another case is reported as the
    // unknown name, not again as missing.
    let missing: Vec<&str> = doc
        .parameters
        .iter()
        .filter(|(n, p)| {
            p.required()
                && !given
                    .parameters
                    .iter()
                    .any(|(g, _)| g.value.eq_ignore_ascii_case(n))
        })
        .map(|(n, _)| n.as_str())
        .collect();
    if !missing.is_empty() {
        diags.push(missing_required(doc, given, &missing));
    }
}

fn check_values(
    doc: &Document,
    name: &str,
    param: &Parameter,
    values: &[Text<'_>],
    diags: &mut Vec<Diagnostic>,
) {
    if param.ty.single() && values.len() != 1 {
        if let (Some(first), Some(last)) = (values.first(), values.last()) {
            diags.push(wrong_type(
                first.span.to(last.span),
                doc,
                name,
                param.ty,
                format!("a list of {} values", values.len()),
            ));
        }
        return;
    }
    if let Some(max) = param.max_items
        && values.len() > max
        && let (Some(first), Some(last)) = (values.first(), values.last())
    {
        diags.push(item_count(
            first.span.to(last.span),
            doc,
            name,
            values.len(),
            param,
        ));
    }
    for value in values {
        if filled_in_by_aws(value.value) {
            continue;
        }
        let problem = match param.ty {
            ParamType::Integer if value.value.trim().parse::<i64>().is_err() => {
                Some("not an integer")
            }
            ParamType::Boolean if !matches!(value.value, "true" | "false") => {
                Some("not `true` or `false`")
            }
            ParamType::MapList | ParamType::StringMap
                if serde_json::from_str::<serde_json::Value>(value.value).is_err() =>
            {
                Some("not JSON")
            }
            _ => None,
        };
        if let Some(why) = problem {
            diags.push(wrong_type(value.span, doc, name, param.ty, why.to_string()));
            continue;
        }
        if let Some(allowed) = &param.allowed_values
            && !allowed.iter().any(|a| a == value.value)
        {
            diags.push(not_allowed(*value, doc, name, allowed));
            continue;
        }
        if let Some(pattern) = &param.allowed_pattern
            && !crate::patterns::finds(pattern, value.value)
        {
            diags.push(pattern_mismatch(*value, doc, name, pattern));
            continue;
        }
        let chars = value.value.chars().count();
        if param.max_chars.is_some_and(|m| chars > m) || param.min_chars.is_some_and(|m| chars < m)
        {
            diags.push(length(*value, doc, name, chars, param));
        }
    }
}

fn unknown(doc: &Document, name: Text<'_>, suggestion: Option<&str>, names: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownDocumentParameter,
        name.span,
        format!("`{}` has no parameter `{}`", doc.name, name.value),
    )
    .label("not a parameter of the document");
    // Parameter names are words: the key is written bare in the fix.
    let d = match suggestion {
        Some(s) if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
            d.fix_primary(s, crate::diagnostic::Fix::case_or_maybe(name.value, s))
        }
        _ => d,
    };
    d.help(match suggestion {
        Some(s) => format!("did you mean `{s}`? (parameter names are case-sensitive)"),
        None => format!(
            "its parameters are {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

fn missing_required(doc: &Document, given: &Given<'_, '_>, missing: &[&str]) -> Diagnostic {
    let listed: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
    let (noun, verb) = if missing.len() == 1 {
        ("parameter", "has")
    } else {
        ("parameters", "have")
    };
    let first = missing
        .first()
        .and_then(|m| doc.parameters.get(*m))
        .map_or(String::new(), |p| {
            format!(" ({})", first_sentence(&p.description))
        });
    Diagnostic::new(
        Code::MissingDocumentParameter,
        given.field.unwrap_or(given.header),
        format!(
            "`{}` needs the {noun} {}, which {verb} no default",
            doc.name,
            listed.join(", ")
        ),
    )
    .label(format!("without {}", listed.join(", ")))
    .help(format!(
        "add {} to `parameters`{first}",
        missing
            .iter()
            .map(|m| format!("`{m} = \"...\"`"))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn wrong_type(span: Span, doc: &Document, name: &str, ty: ParamType, found: String) -> Diagnostic {
    let want = match ty {
        ParamType::String => "one string",
        ParamType::StringList => "a list of strings",
        ParamType::Integer => "one integer, such as `\"3600\"`",
        ParamType::Boolean => "`\"true\"` or `\"false\"`",
        ParamType::MapList => "a list of maps, written as JSON",
        ParamType::StringMap => "a map, written as JSON",
    };
    Diagnostic::new(
        Code::DocumentParameterType,
        span,
        format!(
            "`{name}` of `{}` is a {} parameter: it takes {want}, not {found}",
            doc.name,
            ty.as_str()
        ),
    )
    .label(found)
    .help(if ty.single() {
        format!("give `{name}` one value")
    } else {
        format!("give `{name}` {want}")
    })
}

fn not_allowed(value: Text<'_>, doc: &Document, name: &str, allowed: &[String]) -> Diagnostic {
    let same_case = allowed.iter().find(|a| a.eq_ignore_ascii_case(value.value));
    let listed: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    let d = Diagnostic::new(
        Code::DocumentParameterValue,
        value.span,
        format!(
            "`{name}` of `{}` cannot be `{}`",
            doc.name,
            crate::diagnostic::shorten(value.value)
        ),
    )
    .label("not one of its allowed values")
    .help(match same_case {
        Some(s) => format!("did you mean `{s}`? (the values are case-sensitive)"),
        None => format!("it takes one of {}", listed.join(", ")),
    });
    match same_case {
        // The same word in the case the document wants.
        Some(s) => d.fix_primary(
            crate::syntax::quote(s),
            crate::diagnostic::Applicability::Safe,
        ),
        None => d,
    }
}

fn pattern_mismatch(value: Text<'_>, doc: &Document, name: &str, pattern: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DocumentParameterValue,
        value.span,
        format!(
            "`{name}` of `{}` cannot be `{}`: it does not match the document's pattern",
            doc.name,
            crate::diagnostic::shorten(value.value)
        ),
    )
    .label("does not match")
    .help(format!("the document allows values matching `{pattern}`"))
}

fn length(
    value: Text<'_>,
    doc: &Document,
    name: &str,
    chars: usize,
    param: &Parameter,
) -> Diagnostic {
    let bounds = match (param.min_chars, param.max_chars) {
        (Some(min), Some(max)) => format!("{min} to {max} characters"),
        (Some(min), None) => format!("at least {min} characters"),
        (None, Some(max)) => format!("at most {max} characters"),
        (None, None) => String::new(),
    };
    Diagnostic::new(
        Code::DocumentParameterValue,
        value.span,
        format!(
            "`{name}` of `{}` is {chars} characters long; it takes {bounds}",
            doc.name
        ),
    )
    .label(format!("{chars} characters"))
}

fn item_count(
    span: Span,
    doc: &Document,
    name: &str,
    count: usize,
    param: &Parameter,
) -> Diagnostic {
    Diagnostic::new(
        Code::DocumentParameterValue,
        span,
        format!(
            "`{name}` of `{}` has {count} values; it takes at most {}",
            doc.name,
            param.max_items.unwrap_or(0)
        ),
    )
    .label(format!("{count} values"))
}

fn wrong_kind(doc: &Document, given: &Given<'_, '_>) -> Diagnostic {
    let (is, other) = match doc.document_type {
        DocumentKind::Command => ("a Command document", Kind::RunCommand),
        DocumentKind::Automation => ("an Automation runbook", Kind::Automation),
    };
    Diagnostic::new(
        Code::DocumentKind,
        given.label.span,
        format!(
            "`{}` is {is}: {} `{}` block cannot run it",
            doc.name,
            article(given.block),
            given.block
        ),
    )
    .label(is)
    .help(format!("run it with `{other} \"{}\" {{ ... }}`", doc.name))
}

/// "a" or "an" before a block kind.
fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Automation => "an",
        Kind::Top
        | Kind::Role
        | Kind::Window
        | Kind::Target
        | Kind::Task
        | Kind::RunCommand
        | Kind::Lambda
        | Kind::StepFunctions
        | Kind::Param
        | Kind::Template
        | Kind::Document => "a",
    }
}

/// The first sentence of a description without AWS's "(Required)" or
/// "(Optional)", for help.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let text = text
        .strip_prefix("(Required)")
        .or_else(|| text.strip_prefix("(Optional)"))
        .unwrap_or(text)
        .trim_start();
    let end = text.find(". ").map_or(text.len(), |e| e + 1);
    text[..end].trim_end_matches('.')
}
