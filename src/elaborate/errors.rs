//! The wording of every diagnostic of parameters, settings and
//! interpolation, one function per problem.

use crate::diagnostic::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::ast::Ident;

/// A parameter that nothing sets and that has no default.
pub fn without_value(name: Span, text: &str, description: Option<&str>) -> Diagnostic {
    let about = description.map_or(String::new(), |d| format!(" ({d})"));
    Diagnostic::new(
        Code::ParameterWithoutValue,
        name,
        format!("parameter `{text}` has no value{about}"),
    )
    .label("declared here without a default")
    .help(format!(
        "set it with `--set {text}=VALUE`, in a values file (`{text} = ...`, passed with `--values FILE`), or give it a `default`"
    ))
}

/// A setting for a parameter nobody declared.
pub fn unknown_parameter(
    name: Span,
    text: &str,
    suggestion: Option<&str>,
    declared: &[&str],
) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownParameter,
        name,
        format!("no parameter is named `{text}`"),
    )
    .label("set here");
    let help = match suggestion {
        Some(s) => format!("did you mean `{s}`?"),
        None if declared.is_empty() => {
            "the program declares no parameters; declare one with `param NAME { type = ... }`, or set `account`, `region` or `partition`".to_string()
        }
        None => format!(
            "the parameters are {}",
            declared
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    d.help(help)
}

/// A value that is not of the parameter's type.
pub fn wrong_type(
    value: Span,
    name: &str,
    expected: &str,
    found: &str,
    ty: Option<Span>,
    example: &str,
) -> Diagnostic {
    let d = Diagnostic::new(
        Code::ParameterType,
        value,
        format!("parameter `{name}` takes {expected}, not {found}"),
    )
    .label(found.to_string())
    .help(format!("write {expected}, such as {example}"));
    match ty {
        Some(span) => d.with_label(span, "the parameter's type"),
        None => d,
    }
}

/// A value outside `allowed`, `min` or `max`.
pub fn not_allowed(value: Span, name: &str, shown: &str, why: String, rule: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ParameterNotAllowed,
        value,
        format!("`{shown}` is not allowed for parameter `{name}`: {why}"),
    )
    .label("not allowed")
    .with_label(rule, "the rule")
}

/// A `param` block that does not declare a parameter properly.
pub fn invalid_parameter(span: Span, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidParameter, span, message)
        .label("here")
        .help(help)
}

/// A setting that is not `NAME=VALUE` or not a literal.
pub fn invalid_setting(span: Span, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidSetting, span, message)
        .label("here")
        .help(help)
}

/// A value name (in `${name}` when `in_string`) naming nothing known.
pub fn unknown_value_name(
    span: Span,
    name: &str,
    suggestion: Option<&str>,
    in_string: bool,
) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownValueName,
        span,
        format!("`{name}` is not a parameter or a setting"),
    )
    .label("not known here");
    d.help(match (suggestion, in_string) {
        (Some(s), true) => format!("did you mean `{s}`? (write `$${{` for a literal `${{`)"),
        (Some(s), false) => format!("did you mean `{s}`?"),
        (None, _) => format!(
            "for the text `${{{name}}}` itself (a shell variable in a command), write `$${{{name}}}`; otherwise declare `param {name} {{ type = string }}`, or use `account`, `region` or `partition`"
        ),
    })
}

/// A list or map where text is needed, or a key read from a non-map.
pub fn shape(
    span: Span,
    message: impl Into<String>,
    label: &str,
    origin: Option<Span>,
) -> Diagnostic {
    let d = Diagnostic::new(Code::ValueShape, span, message).label(label);
    match origin {
        Some(o) if o != span => d.with_label(o, "the value"),
        _ => d,
    }
}

/// `name.key` where the map lacks the key.
pub fn missing_key(span: Span, name: &str, key: &str, keys: &[&str], origin: Span) -> Diagnostic {
    let listed: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    Diagnostic::new(
        Code::MissingKey,
        span,
        format!("`{name}` has no key `{key}`"),
    )
    .label("no such key")
    .with_label(origin, "the map")
    .help(if listed.is_empty() {
        "the map is empty".to_string()
    } else {
        format!("its keys are {}", listed.join(", "))
    })
}

/// A parameter named like something else.
pub fn name_taken(span: Span, name: &str, what: &str, other: Option<Span>) -> Diagnostic {
    let d = Diagnostic::new(Code::NameTaken, span, format!("`{name}` is already {what}"))
        .label(if other.is_some() {
            "declared again here"
        } else {
            "taken"
        })
        .help("a name means one thing in a program: rename it");
    match other {
        Some(o) => d.with_label(o, "first here"),
        None => d,
    }
}

/// `${account}` or `${region}` with no value anywhere.
pub fn setting_needed(span: Span, name: &str) -> Diagnostic {
    let code = if name == "account" {
        Code::AccountNeeded
    } else {
        Code::RegionNeeded
    };
    Diagnostic::new(code, span, format!("`${{{name}}}` needs the {name}"))
        .label(format!("no {name} is set"))
        .help(format!(
            "set `{name} = \"...\"` at the top level, in a values file, or with `--set {name}=...`"
        ))
}

/// A `document` block or content mwc cannot use.
pub fn document(span: Span, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(Code::DocumentContent, span, message)
        .label("here")
        .help(help)
}

/// A form where it does not belong (`use` in a template, a template
/// without a name, `use` in a block that takes none).
pub fn misplaced(span: Span, message: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new(Code::Misplaced, span, message)
        .label("here")
        .help(help)
}

/// A template use or comprehension that would copy more than mwc expands.
pub fn too_large(span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::new(Code::ExpansionTooLarge, span, message)
        .label("stops here")
        .help("write fewer copies, or split the program into several files")
}

/// Two elements of one comprehension declare the same name.
pub fn repeated_name(
    element: Span,
    kind: &str,
    name: Ident<'_>,
    first: Span,
    var: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::RepeatedName,
        element,
        format!("this element declares {kind} `{}` again", name.text),
    )
    .label(format!("declares `{}` a second time", name.text))
    .with_label(first, "first declared for this element")
    .with_label(name.span, "the name")
    .help(format!(
        "build the name from `{var}` (`${{{var}}}`) so that each element declares its own, or remove the repeated element"
    ))
}

/// A name built with `${...}` that is not a name.
pub fn not_a_name(span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BuiltNameInvalid,
        span,
        format!("`{}` is not a name", crate::diagnostic::shorten(text)),
    )
    .label("makes this")
    .help("a name is a letter or `_`, then letters, digits, `_` or `-`: build it from values that are such characters")
}

/// An import that did not bring in a file.
pub fn cannot_import(span: Span, written: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::CannotImport,
        span,
        format!("cannot import `{}`: {why}", crate::diagnostic::shorten(written)),
    )
    .label("not imported")
    .help("an import names a `.mw` file by its path relative to the importing file, such as `import \"roles.mw\"`")
}

/// An import that closes a cycle.
pub fn import_cycle(span: Span, chain: &[&str]) -> Diagnostic {
    let shown: Vec<String> = chain.iter().map(|n| format!("`{n}`")).collect();
    Diagnostic::new(
        Code::ImportCycle,
        span,
        format!("imports go round in a circle: {}", shown.join(" imports ")),
    )
    .label("closes the circle")
    .help("each file is a complete program: move what the files share into a file that imports neither")
}
