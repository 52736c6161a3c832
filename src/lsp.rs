//! `mwc lsp`: a language server over standard input and output.
//!
//! Each open document is checked as `mwc check` checks it (its imports read
//! from the editor's buffers when open, else from disk), on open and on
//! every change; the diagnostics are published with the same codes, text
//! and spans, in UTF-16 positions. Code actions are the diagnostics' fixes;
//! document symbols and folding ranges come from the syntax tree.

// `lsp_types::Uri` keys the protocol's own maps (`WorkspaceEdit::changes`);
// it hashes its text, which never changes, whatever it caches inside.
#![allow(clippy::mutable_key_type)]

use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, FoldingRangeRequest, Formatting,
    GotoDefinition, HoverRequest, PrepareRenameRequest, References, Rename, Request as _,
};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CodeActionProviderCapability, CodeDescription, Diagnostic as LspDiagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DocumentSymbol, DocumentSymbolParams,
    DocumentSymbolResponse, FoldingRange, FoldingRangeParams, FoldingRangeProviderCapability,
    InitializeResult, Location, NumberOrString, OneOf, Position, PublishDiagnosticsParams, Range,
    ServerCapabilities, ServerInfo, SymbolKind, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextEdit, Uri, WorkspaceEdit,
};
use mwc::analysis::Analysis;
use mwc::diagnostic::Applicability;
use mwc::schema::Kind;
use mwc::syntax::ast::Item;
use mwc::{FileId, Needs, Options, Severity, SourceFile, Sources, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;

/// An open document.
struct Document {
    text: String,
    /// The diagnostics of its last check that have fixes.
    fixes: Vec<Fixable>,
    /// Its last check: the sources it read, the document's id among them
    /// and what it found. None until checked after a change.
    checked: Option<Checked>,
}

/// A check of a document, kept for the requests that follow it.
struct Checked {
    sources: Sources,
    id: FileId,
    analysis: Analysis,
}

/// A diagnostic with fixes, as sent to the client.
struct Fixable {
    /// Its primary range.
    range: Range,
    /// The diagnostic as sent.
    diagnostic: LspDiagnostic,
    /// Its fixes.
    actions: Vec<Action>,
}

/// A fix as a code action.
struct Action {
    title: String,
    /// Whether `mwc check --fix` would apply it (the preferred action).
    safe: bool,
    /// The edits, by document.
    changes: HashMap<Uri, Vec<TextEdit>>,
}

/// The server's state: the open documents and what the checks count from.
struct Server {
    documents: HashMap<Uri, Document>,
    options: Options,
    /// The parsed top-level chunks of the documents' last checks: a change
    /// parses only the chunks it touched.
    cache: mwc::ParseCache,
}

/// Runs the server until the client says `exit`. Trouble with the
/// connection is a message and exit status 2.
pub fn run(now: mwc::Timestamp) -> Result<(), String> {
    let (connection, threads) = Connection::stdio();
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(lsp_types::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: lsp_types::WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(lsp_types::CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "=".into(), "[".into(), " ".into()]),
            ..lsp_types::CompletionOptions::default()
        }),
        ..ServerCapabilities::default()
    };
    let result = InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "mwc".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    let (id, _params) = connection
        .initialize_start()
        .map_err(|e| format!("the client did not initialize: {e}"))?;
    connection
        .initialize_finish(id, result)
        .map_err(|e| format!("the client did not initialize: {e}"))?;
    let mut server = Server {
        cache: mwc::ParseCache::new(),
        documents: HashMap::new(),
        options: Options {
            needs: Needs::DefaultBuild,
            ..Options::new(now)
        },
    };
    let mut queue = std::collections::VecDeque::new();
    loop {
        let message = match queue.pop_front() {
            Some(message) => message,
            None => match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => break,
            },
        };
        // Whatever else has arrived: a change that a later change of the
        // same document replaces is taken in without a check.
        queue.extend(connection.receiver.try_iter());
        if let Message::Notification(n) = &message
            && n.method == DidChangeTextDocument::METHOD
            && let Some(uri) = changed_uri(n)
            && queue.iter().any(|m| {
                matches!(m, Message::Notification(later)
                    if later.method == DidChangeTextDocument::METHOD
                        && changed_uri(later).as_ref() == Some(&uri))
            })
        {
            server.take_in(n.clone());
            continue;
        }
        match message {
            Message::Request(request) => {
                if connection
                    .handle_shutdown(&request)
                    .map_err(|e| e.to_string())?
                {
                    break;
                }
                let response = server.request(request);
                send(&connection, Message::Response(response))?;
            }
            Message::Notification(notification) => {
                for out in server.notification(notification) {
                    send(&connection, Message::Notification(out))?;
                }
            }
            Message::Response(_) => {}
        }
    }
    drop(connection);
    threads.join().map_err(|e| e.to_string())
}

/// The document a `didChange` notification changes.
fn changed_uri(notification: &Notification) -> Option<Uri> {
    let uri = notification
        .params
        .get("textDocument")?
        .get("uri")?
        .as_str()?;
    Uri::from_str(uri).ok()
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection
        .sender
        .send(message)
        .map_err(|e| format!("cannot write to the client: {e}"))
}

impl Server {
    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        let result = match method.as_str() {
            CodeActionRequest::METHOD => serde_json::from_value::<CodeActionParams>(params)
                .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            DocumentSymbolRequest::METHOD => serde_json::from_value::<DocumentSymbolParams>(params)
                .map(|p| {
                    serde_json::to_value(self.symbols(&p.text_document.uri)).unwrap_or_default()
                }),
            FoldingRangeRequest::METHOD => serde_json::from_value::<FoldingRangeParams>(params)
                .map(|p| {
                    serde_json::to_value(self.folding(&p.text_document.uri)).unwrap_or_default()
                }),
            GotoDefinition::METHOD => {
                serde_json::from_value::<lsp_types::GotoDefinitionParams>(params).map(|p| {
                    serde_json::to_value(self.definition(&p.text_document_position_params))
                        .unwrap_or_default()
                })
            }
            Formatting::METHOD => {
                serde_json::from_value::<lsp_types::DocumentFormattingParams>(params).map(|p| {
                    serde_json::to_value(self.format(&p.text_document.uri)).unwrap_or_default()
                })
            }
            HoverRequest::METHOD => serde_json::from_value::<lsp_types::HoverParams>(params)
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            References::METHOD => serde_json::from_value::<lsp_types::ReferenceParams>(params)
                .map(|p| serde_json::to_value(self.references(&p)).unwrap_or_default()),
            Completion::METHOD => serde_json::from_value::<lsp_types::CompletionParams>(params)
                .map(|p| {
                    serde_json::to_value(self.completion(&p.text_document_position))
                        .unwrap_or_default()
                }),
            PrepareRenameRequest::METHOD => {
                match serde_json::from_value::<lsp_types::TextDocumentPositionParams>(params) {
                    Ok(p) => match self.prepare_rename(&p) {
                        Ok(answer) => Ok(serde_json::to_value(answer).unwrap_or_default()),
                        Err(refused) => return refuse(id, refused),
                    },
                    Err(e) => Err(e),
                }
            }
            Rename::METHOD => match serde_json::from_value::<lsp_types::RenameParams>(params) {
                Ok(p) => match self.rename(&p) {
                    Ok(edit) => Ok(serde_json::to_value(edit).unwrap_or_default()),
                    Err(refused) => return refuse(id, refused),
                },
                Err(e) => Err(e),
            },
            _ => return method_not_found(id, &method),
        };
        match result {
            Ok(value) => Response::new_ok(id, value),
            Err(e) => Response::new_err(
                id,
                lsp_server::ErrorCode::InvalidParams as i32,
                e.to_string(),
            ),
        }
    }

    fn notification(&mut self, notification: Notification) -> Vec<Notification> {
        let Notification { method, params } = notification;
        let uri = match method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                self.open(p.text_document.uri.clone(), p.text_document.text);
                p.text_document.uri
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                // Full synchronization: the last change is the whole text.
                let Some(change) = p.content_changes.into_iter().last() else {
                    return Vec::new();
                };
                self.open(p.text_document.uri.clone(), change.text);
                p.text_document.uri
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                self.documents.remove(&p.text_document.uri);
                self.cache.forget(&display(&p.text_document.uri));
                // Its diagnostics go with it.
                return vec![publish(p.text_document.uri, Vec::new())];
            }
            _ => return Vec::new(),
        };
        let diagnostics = self.check(&uri);
        vec![publish(uri, diagnostics)]
    }

    fn open(&mut self, uri: Uri, text: String) {
        self.documents.insert(
            uri,
            Document {
                text,
                fixes: Vec::new(),
                checked: None,
            },
        );
    }

    /// A change that a later one replaces: its text only.
    fn take_in(&mut self, notification: Notification) {
        if let Ok(p) =
            serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(notification.params)
            && let Some(change) = p.content_changes.into_iter().last()
        {
            self.open(p.text_document.uri, change.text);
        }
    }

    /// The sources of a document: its text, and its imports and documents
    /// from the open buffers or the disk.
    fn sources(&self, uri: &Uri) -> Option<(Sources, FileId)> {
        let document = self.documents.get(uri)?;
        let mut sources = Sources::new();
        let path = path_of(uri);
        // A buffer not yet saved has no file: its folder still says where
        // its imports are.
        let canonical = |p: &PathBuf| {
            std::fs::canonicalize(p).ok().or_else(|| {
                let folder = std::fs::canonicalize(p.parent()?).ok()?;
                Some(folder.join(p.file_name()?))
            })
        };
        let id = match path.as_ref().and_then(canonical) {
            Some(canonical) => {
                sources.add_file(display(uri), canonical, document.text.as_bytes().to_vec())
            }
            None => sources.add(display(uri), document.text.clone()),
        };
        // The other open buffers stand for their files.
        let open: HashMap<PathBuf, &str> = self
            .documents
            .iter()
            .filter(|(u, _)| *u != uri)
            .filter_map(|(u, d)| {
                let p = std::fs::canonicalize(path_of(u)?).ok()?;
                Some((p, d.text.as_str()))
            })
            .collect();
        let mut imports = crate::input::Imports::new(&open, document.text.len());
        sources.load_imports(|path| imports.read(path));
        Some((sources, id))
    }

    /// Checks a document; returns its diagnostics and keeps its fixes.
    fn check(&mut self, uri: &Uri) -> Vec<LspDiagnostic> {
        let Some((sources, id)) = self.sources(uri) else {
            return Vec::new();
        };
        let analysis = mwc::analysis::analyze_reusing(&sources, &self.options, &mut self.cache);
        let diagnostics = &analysis.diagnostics;
        let file = sources.get(id);
        let mut sent = Vec::new();
        let mut fixes = Vec::new();
        for d in diagnostics.iter().filter(|d| d.span().file == id) {
            let lsp = to_lsp(d, &sources, file, uri);
            let actions: Vec<_> = d
                .fixes
                .iter()
                .map(|fix| {
                    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
                    for edit in &fix.edits {
                        let in_file = sources.get(edit.span.file);
                        let target = if edit.span.file == id {
                            Some(uri.clone())
                        } else {
                            in_file.path().and_then(uri_of)
                        };
                        if let Some(target) = target {
                            changes.entry(target).or_default().push(TextEdit {
                                range: range(in_file, edit.span),
                                new_text: edit.replacement.clone(),
                            });
                        }
                    }
                    Action {
                        title: fix.message.clone(),
                        safe: fix.applicability == Applicability::Safe,
                        changes,
                    }
                })
                .collect();
            if !actions.is_empty() {
                fixes.push(Fixable {
                    range: lsp.range,
                    diagnostic: lsp.clone(),
                    actions,
                });
            }
            sent.push(lsp);
        }
        if let Some(document) = self.documents.get_mut(uri) {
            document.fixes = fixes;
            document.checked = Some(Checked {
                sources,
                id,
                analysis,
            });
        }
        sent
    }

    /// The last check of a document.
    fn checked(&self, uri: &Uri) -> Option<&Checked> {
        self.documents.get(uri)?.checked.as_ref()
    }

    /// The location of a span of a check of the document `uri`.
    fn location(&self, uri: &Uri, checked: &Checked, span: Span) -> Option<Location> {
        let file = checked.sources.get(span.file);
        let target = if span.file == checked.id {
            uri.clone()
        } else {
            uri_of(file.path()?)?
        };
        Some(Location::new(target, range(file, span)))
    }

    fn references(&self, params: &lsp_types::ReferenceParams) -> Vec<Location> {
        let at = &params.text_document_position;
        let uri = &at.text_document.uri;
        let Some(checked) = self.checked(uri) else {
            return Vec::new();
        };
        let offset = offset_of(checked.sources.get(checked.id), at.position);
        let symbols = &checked.analysis.symbols;
        let Some(id) = symbols.at(checked.id, offset) else {
            return Vec::new();
        };
        let declaration = params
            .context
            .include_declaration
            .then(|| symbols.get(id).span);
        declaration
            .into_iter()
            .chain(symbols.uses(id))
            .filter_map(|span| self.location(uri, checked, span))
            .collect()
    }

    fn completion(
        &self,
        at: &lsp_types::TextDocumentPositionParams,
    ) -> Option<lsp_types::CompletionResponse> {
        use lsp_types::CompletionItemKind as K;
        use mwc::complete::CompletionKind;
        let checked = self.checked(&at.text_document.uri)?;
        let file = checked.sources.get(checked.id);
        let offset = offset_of(file, at.position);
        let items = mwc::complete::complete(file, offset, &checked.analysis.symbols)
            .into_iter()
            .map(|c| lsp_types::CompletionItem {
                kind: Some(match c.kind {
                    CompletionKind::Keyword => K::KEYWORD,
                    CompletionKind::Block => K::STRUCT,
                    CompletionKind::Field => K::FIELD,
                    CompletionKind::Reference(_) => K::REFERENCE,
                    CompletionKind::Value | CompletionKind::TimeZone => K::VALUE,
                    CompletionKind::Document => K::FILE,
                }),
                detail: Some(c.detail),
                documentation: c.documentation.map(|value| {
                    lsp_types::Documentation::MarkupContent(lsp_types::MarkupContent {
                        kind: lsp_types::MarkupKind::Markdown,
                        value,
                    })
                }),
                text_edit: Some(lsp_types::CompletionTextEdit::Edit(TextEdit {
                    range: range(file, c.replace),
                    new_text: c.insert,
                })),
                label: c.label,
                ..lsp_types::CompletionItem::default()
            })
            .collect();
        Some(lsp_types::CompletionResponse::Array(items))
    }

    fn prepare_rename(
        &self,
        at: &lsp_types::TextDocumentPositionParams,
    ) -> Result<Option<lsp_types::PrepareRenameResponse>, String> {
        let Some(checked) = self.checked(&at.text_document.uri) else {
            return Ok(None);
        };
        let file = checked.sources.get(checked.id);
        let offset = offset_of(file, at.position);
        let symbols = &checked.analysis.symbols;
        let id = mwc::analysis::renamable(symbols, checked.id, offset).map_err(|r| r.0)?;
        let symbol = symbols.get(id);
        // The name under the cursor: the declaration or a reference.
        let touches =
            |span: Span| span.file == checked.id && span.start <= offset && offset <= span.end;
        let span = std::iter::once(symbol.span)
            .chain(symbols.uses(id))
            .find(|s| touches(*s))
            .unwrap_or(symbol.span);
        if span.file != checked.id {
            return Ok(None);
        }
        Ok(Some(
            lsp_types::PrepareRenameResponse::RangeWithPlaceholder {
                range: range(file, span),
                placeholder: symbol.name.clone(),
            },
        ))
    }

    fn rename(&self, params: &lsp_types::RenameParams) -> Result<Option<WorkspaceEdit>, String> {
        let at = &params.text_document_position;
        let uri = &at.text_document.uri;
        let Some(checked) = self.checked(uri) else {
            return Ok(None);
        };
        let offset = offset_of(checked.sources.get(checked.id), at.position);
        let edits = mwc::analysis::rename(
            &checked.sources,
            &self.options,
            &checked.analysis,
            checked.id,
            offset,
            &params.new_name,
        )
        .map_err(|r| r.0)?;
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for edit in edits {
            let location = self
                .location(uri, checked, edit.span)
                .ok_or("a use of the name is in a file that is not on disk")?;
            changes.entry(location.uri).or_default().push(TextEdit {
                range: location.range,
                new_text: edit.replacement,
            });
        }
        Ok(Some(WorkspaceEdit {
            changes: Some(changes),
            ..WorkspaceEdit::default()
        }))
    }

    fn code_actions(&self, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some(document) = self.documents.get(&params.text_document.uri) else {
            return Vec::new();
        };
        let wanted = params.range;
        document
            .fixes
            .iter()
            .filter(|f| overlaps(f.range, wanted))
            .flat_map(|f| {
                f.actions.iter().map(move |action| {
                    CodeActionOrCommand::CodeAction(CodeAction {
                        title: action.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![f.diagnostic.clone()]),
                        edit: Some(WorkspaceEdit {
                            changes: Some(action.changes.clone()),
                            ..WorkspaceEdit::default()
                        }),
                        is_preferred: Some(action.safe),
                        ..CodeAction::default()
                    })
                })
            })
            .collect()
    }

    fn hover(&self, params: &lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let at = &params.text_document_position_params;
        let checked = self.checked(&at.text_document.uri)?;
        let (sources, id) = (&checked.sources, checked.id);
        let offset = offset_of(sources.get(id), at.position);
        // A declared name, or a reference to one: the declaration.
        let symbols = &checked.analysis.symbols;
        let text = match symbols.at(id, offset) {
            Some(symbol) => mwc::hover::symbol(sources, symbols, symbol),
            None => mwc::hover::hover(sources, id, offset, &self.options)?,
        };
        Some(lsp_types::Hover {
            contents: lsp_types::HoverContents::Markup(lsp_types::MarkupContent {
                kind: lsp_types::MarkupKind::Markdown,
                value: text,
            }),
            range: None,
        })
    }

    fn definition(
        &self,
        at: &lsp_types::TextDocumentPositionParams,
    ) -> Option<lsp_types::GotoDefinitionResponse> {
        let uri = &at.text_document.uri;
        let checked = self.checked(uri)?;
        let offset = offset_of(checked.sources.get(checked.id), at.position);
        let symbols = &checked.analysis.symbols;
        let span = symbols.get(symbols.at(checked.id, offset)?).span;
        let location = self.location(uri, checked, span)?;
        Some(lsp_types::GotoDefinitionResponse::Scalar(location))
    }

    /// `mwc fmt` of the buffer: one edit over the whole text, none when it
    /// is formatted, and nothing (null) when it does not parse.
    fn format(&self, uri: &Uri) -> Option<Vec<TextEdit>> {
        let document = self.documents.get(uri)?;
        let file = SourceFile::new(FileId(0), display(uri), document.text.clone());
        let formatted = mwc::syntax::print::format(&file).ok()?;
        if formatted == document.text {
            return Some(Vec::new());
        }
        let whole = Span::new(FileId(0), 0, document.text.len());
        Some(vec![TextEdit {
            range: range(&file, whole),
            new_text: formatted,
        }])
    }

    fn symbols(&self, uri: &Uri) -> DocumentSymbolResponse {
        let Some(document) = self.documents.get(uri) else {
            return DocumentSymbolResponse::Nested(Vec::new());
        };
        let file = SourceFile::new(FileId(0), display(uri), document.text.clone());
        let (tree, _) = mwc::syntax::parse(&file);
        DocumentSymbolResponse::Nested(symbols_of(&tree.items, &file))
    }

    fn folding(&self, uri: &Uri) -> Vec<FoldingRange> {
        let Some(document) = self.documents.get(uri) else {
            return Vec::new();
        };
        let file = SourceFile::new(FileId(0), display(uri), document.text.clone());
        let (tree, _) = mwc::syntax::parse(&file);
        let mut out = Vec::new();
        folds(&tree.items, &file, &mut out);
        out
    }
}

/// A request the server will not carry out, with the reason (a rename
/// to a name AWS rejects).
fn refuse(id: RequestId, message: String) -> Response {
    Response::new_err(id, lsp_server::ErrorCode::RequestFailed as i32, message)
}

fn method_not_found(id: RequestId, method: &str) -> Response {
    Response::new_err(
        id,
        lsp_server::ErrorCode::MethodNotFound as i32,
        format!("mwc does not answer `{method}`"),
    )
}

fn publish(uri: Uri, diagnostics: Vec<LspDiagnostic>) -> Notification {
    Notification::new(
        PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: None,
        },
    )
}

/// The LSP position of a byte offset: 0-based line and UTF-16 column.
fn position(file: &SourceFile, offset: u32) -> Position {
    let (line, column) = file.line_col_utf16(offset);
    Position {
        line: u32::try_from(line.saturating_sub(1)).unwrap_or(u32::MAX),
        character: u32::try_from(column.saturating_sub(1)).unwrap_or(u32::MAX),
    }
}

/// The byte offset of an LSP position (0-based line, UTF-16 column); a
/// column past the line's end is its end.
fn offset_of(file: &SourceFile, position: Position) -> u32 {
    let line = file.line_range(position.line as usize);
    let text = &file.text()[line.clone()];
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if units >= position.character || c == '\n' || c == '\r' {
            return u32::try_from(line.start + i).unwrap_or(u32::MAX);
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
    }
    u32::try_from(line.end).unwrap_or(u32::MAX)
}

fn range(file: &SourceFile, span: Span) -> Range {
    Range {
        start: position(file, span.start),
        end: position(file, span.end),
    }
}

fn overlaps(a: Range, b: Range) -> bool {
    let key = |p: Position| (p.line, p.character);
    key(a.start) <= key(b.end) && key(b.start) <= key(a.end)
}

/// A diagnostic as LSP shows it: the same code, message and help as `mwc
/// check`, the other labels as related information.
fn to_lsp(d: &mwc::Diagnostic, sources: &Sources, file: &SourceFile, uri: &Uri) -> LspDiagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    if let Some(note) = &d.note {
        message.push_str("\nnote: ");
        message.push_str(note);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .filter(|l| !l.primary && !l.message.is_empty())
        .filter_map(|l| {
            let in_file = sources.get(l.span.file);
            let target = if l.span.file == file.id() {
                uri.clone()
            } else {
                uri_of(in_file.path()?)?
            };
            Some(DiagnosticRelatedInformation {
                location: Location::new(target, range(in_file, l.span)),
                message: l.message.clone(),
            })
        })
        .collect();
    LspDiagnostic {
        range: range(file, d.span()),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Advice => DiagnosticSeverity::HINT,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: Uri::from_str(&d.code.url())
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some("mwc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..LspDiagnostic::default()
    }
}

/// How a block of this kind shows among the symbols (None: a word that is
/// no block kind).
fn symbol_kind(kind: Option<Kind>) -> SymbolKind {
    match kind {
        Some(Kind::Window) => SymbolKind::NAMESPACE,
        Some(Kind::Role) => SymbolKind::CLASS,
        Some(Kind::Task) => SymbolKind::FUNCTION,
        Some(Kind::Target) => SymbolKind::OBJECT,
        Some(Kind::Param) => SymbolKind::VARIABLE,
        Some(Kind::Template) => SymbolKind::INTERFACE,
        Some(
            Kind::Top
            | Kind::RunCommand
            | Kind::Automation
            | Kind::Lambda
            | Kind::StepFunctions
            | Kind::Document,
        )
        | None => SymbolKind::STRUCT,
    }
}

/// The blocks of a tree as nested symbols: a block's name (or kind), its
/// kind as the detail.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must be written out.
fn symbols_of(items: &[Item<'_>], file: &SourceFile) -> Vec<DocumentSymbol> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Block(block) => {
                let name = block
                    .name
                    .map_or(block.kind.text.to_string(), |n| n.text.to_string());
                let selection = block.name.map_or(block.kind.span, |n| n.span);
                out.push(DocumentSymbol {
                    name,
                    detail: Some(block.kind.text.to_string()),
                    kind: symbol_kind(Kind::parse(block.kind.text)),
                    tags: None,
                    deprecated: None,
                    range: range(file, block.span),
                    selection_range: range(file, selection),
                    children: Some(symbols_of(&block.items, file)),
                });
            }
            Item::For(f) => out.extend(symbols_of(&f.items, file)),
            Item::Assignment(_) | Item::Import(_) => {}
        }
    }
    out
}

/// A folding range per block (and comprehension) over several lines.
fn folds(items: &[Item<'_>], file: &SourceFile, out: &mut Vec<FoldingRange>) {
    for item in items {
        let (span, inner) = match item {
            Item::Block(b) => (b.span, &b.items),
            Item::For(f) => (f.span, &f.items),
            Item::Assignment(_) | Item::Import(_) => continue,
        };
        let (start, end) = (position(file, span.start), position(file, span.end));
        if end.line > start.line {
            out.push(FoldingRange {
                start_line: start.line,
                end_line: end.line,
                ..FoldingRange::default()
            });
        }
        folds(inner, file, out);
    }
}

/// The path of a `file:` URI, percent-decoded.
fn path_of(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://")?;
    let mut bytes = Vec::with_capacity(rest.len());
    let raw = rest.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && let Some(hex) = rest.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            bytes.push(b);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    let path = String::from_utf8(bytes).ok()?;
    Some(PathBuf::from(path))
}

/// The `file:` URI of an absolute path.
fn uri_of(path: &Path) -> Option<Uri> {
    let mut text = String::from("file://");
    for b in path.to_str()?.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                text.push(char::from(b));
            }
            _ => text.push_str(&format!("%{b:02X}")),
        }
    }
    Uri::from_str(&text).ok()
}

/// A document's name in diagnostics: its path, or the URI.
fn display(uri: &Uri) -> String {
    path_of(uri).map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string())
}

/// The `mwc lsp` command.
pub fn command(reporter: &crate::report::Reporter, now: mwc::Timestamp) -> ExitCode {
    match run(now) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => reporter.fail(&message),
    }
}
