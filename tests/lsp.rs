//! `mwc lsp` end to end: JSON-RPC over the real binary's standard input and
//! output, as an editor speaks it.

mod common;

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, ChildStdout, Stdio};

/// A client of the server: writes framed messages, reads them back.
struct Client {
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
}

impl Client {
    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                length = n.parse().expect("length");
            }
        }
        let mut body = vec![0; length];
        self.stdout.read_exact(&mut body).expect("body");
        serde_json::from_slice(&body).expect("JSON")
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == id {
                return message;
            }
        }
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> Value {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
        }
    }
}

const BROKEN: &str = "window Nightly {\n  schedule = \"cron(0 3 ? * * *)\"\n  timezone = \"US/Eastern\"\n  duration = 3h\n  cutoff   = 4h\n  allow_unregistered_targets = \"true\"\n}\n";

#[test]
fn every_feature_over_json_rpc() {
    let dir = common::temp_dir("lsp");
    let path = std::fs::canonicalize(&dir).expect("dir").join("nightly.mw");
    std::fs::write(&path, BROKEN).expect("write");
    let uri = format!("file://{}", path.display());
    let mut child = common::mwc_command(&["lsp"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("mwc lsp runs");
    let mut client = Client {
        stdin: child.stdin.take().expect("stdin"),
        stdout: BufReader::new(child.stdout.take().expect("stdout")),
        next_id: 0,
    };
    let init = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["textDocumentSync"], 1, "{init}");
    assert_eq!(capabilities["hoverProvider"], true, "{init}");
    assert_eq!(capabilities["definitionProvider"], true, "{init}");
    assert_eq!(capabilities["documentFormattingProvider"], true, "{init}");
    assert_eq!(capabilities["referencesProvider"], true, "{init}");
    assert_eq!(
        capabilities["renameProvider"]["prepareProvider"], true,
        "{init}"
    );
    assert!(capabilities["completionProvider"].is_object(), "{init}");
    assert_eq!(init["result"]["serverInfo"]["name"], "mwc");
    client.notify("initialized", json!({}));

    // On open: the same codes and text as `mwc check`, positions in UTF-16.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "mw", "version": 1, "text": BROKEN}}),
    );
    let published = client.diagnostics();
    assert_eq!(published["uri"], uri.as_str());
    let diagnostics = published["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let codes: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert_eq!(codes, ["MW0319", "MW0405", "MW0105"], "{published}");
    let legacy = &diagnostics[0];
    assert_eq!(
        legacy["range"],
        json!({"start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 25}})
    );
    assert_eq!(legacy["severity"], 2);
    assert!(
        legacy["message"]
            .as_str()
            .unwrap_or("")
            .starts_with("`US/Eastern` is a legacy alias of `America/New_York`\nhelp: ")
    );
    assert!(
        legacy["codeDescription"]["href"]
            .as_str()
            .unwrap_or("")
            .ends_with("/docs/codes/MW0319.md")
    );
    let cutoff = &diagnostics[1];
    assert_eq!(cutoff["relatedInformation"][0]["message"], "duration 3h");

    // Code actions: the fixes, the safe ones preferred.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": legacy["range"], "context": {"diagnostics": []}}),
    );
    let action = &actions["result"][0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(
        action["edit"]["changes"][uri.as_str()][0],
        json!({"range": legacy["range"], "newText": "\"America/New_York\""})
    );

    // Hover: a field's documentation and AWS counterpart; a schedule's
    // next openings in the window's zone.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 3, "character": 4}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(text.starts_with("**`duration`** in `window`"), "{hover}");
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 16}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(text.contains("Next openings (US/Eastern):"), "{hover}");
    assert!(text.contains("2026-11-23 03:00 EST"), "{hover}");

    // Go to definition: a role declared in an imported file.
    let shared = path.with_file_name("roles.mw");
    std::fs::write(&shared, "role PatchRole {\n  policies = [\"arn:aws:iam::aws:policy/service-role/AmazonSSMMaintenanceWindowRole\"]\n}\n").expect("write");
    let tasks_uri = format!("file://{}", path.with_file_name("tasks.mw").display());
    let tasks = "import \"roles.mw\"\n\nwindow Tasks {\n  schedule = \"cron(0 3 ? * * *)\"\n  duration = 3h\n  cutoff   = 1h\n\n  target Web {\n    tags = { Tier = \"Web\" }\n  }\n\n  task Patch {\n    targets         = [Web]\n    max_concurrency = 1\n    max_errors      = 1\n    role            = PatchRole\n\n    run_command \"AWS-RunPatchBaseline\" { parameters = { Operation = \"Install\" } }\n  }\n}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": tasks_uri, "languageId": "mw", "version": 1, "text": tasks}}),
    );
    let published = client.diagnostics();
    assert_eq!(published["diagnostics"], json!([]), "{published}");
    let role = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": tasks_uri}, "position": {"line": 15, "character": 24}}),
    );
    assert!(
        role["result"]["uri"]
            .as_str()
            .unwrap_or("")
            .ends_with("/roles.mw"),
        "{role}"
    );
    assert_eq!(
        role["result"]["range"]["start"],
        json!({"line": 0, "character": 5})
    );
    let target = client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": tasks_uri}, "position": {"line": 12, "character": 24}}),
    );
    assert_eq!(target["result"]["uri"], tasks_uri.as_str());
    assert_eq!(
        target["result"]["range"]["start"],
        json!({"line": 7, "character": 9})
    );

    // Hover on a reference: the declaration, in the imported file.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": tasks_uri}, "position": {"line": 15, "character": 24}}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap_or("");
    assert!(text.starts_with("**role** `PatchRole`"), "{hover}");
    assert!(text.contains("roles.mw:1; referred to once"), "{hover}");
    assert!(text.contains("```mw\nrole PatchRole {\n"), "{hover}");

    // Find references: the declaration in the imported file and the use.
    let references = client.request(
        "textDocument/references",
        json!({"textDocument": {"uri": tasks_uri}, "position": {"line": 15, "character": 24},
               "context": {"includeDeclaration": true}}),
    );
    let found: Vec<(String, Value)> = references["result"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|l| {
            let uri = l["uri"].as_str().unwrap_or("");
            let file = uri.rsplit('/').next().unwrap_or("").to_string();
            (file, l["range"]["start"].clone())
        })
        .collect();
    assert_eq!(
        found,
        [
            ("roles.mw".to_string(), json!({"line": 0, "character": 5})),
            ("tasks.mw".to_string(), json!({"line": 15, "character": 22})),
        ],
        "{references}"
    );

    // Completion: the fields a task has not written yet, the names in
    // scope for a reference.
    let labels = |client: &mut Client, line: u32, character: u32| -> Vec<String> {
        let answer = client.request(
            "textDocument/completion",
            json!({"textDocument": {"uri": tasks_uri}, "position": {"line": line, "character": character}}),
        );
        answer["result"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|i| i["label"].as_str().map(str::to_string))
            .collect()
    };
    let fields = labels(&mut client, 16, 4);
    assert!(fields.contains(&"priority".to_string()), "{fields:?}");
    assert!(
        fields.contains(&"cutoff_behavior".to_string()),
        "{fields:?}"
    );
    assert!(!fields.contains(&"targets".to_string()), "{fields:?}");
    assert_eq!(labels(&mut client, 15, 27), ["PatchRole"]);
    assert_eq!(labels(&mut client, 12, 24), ["Web"]);

    // Rename: every use, across files; refused where AWS would refuse.
    let prepare = client.request(
        "textDocument/prepareRename",
        json!({"textDocument": {"uri": tasks_uri}, "position": {"line": 12, "character": 24}}),
    );
    assert_eq!(prepare["result"]["placeholder"], "Web", "{prepare}");
    assert_eq!(
        prepare["result"]["range"],
        json!({"start": {"line": 12, "character": 23}, "end": {"line": 12, "character": 26}})
    );
    let rename = |client: &mut Client, line: u32, character: u32, to: &str| {
        client.request(
            "textDocument/rename",
            json!({"textDocument": {"uri": tasks_uri}, "position": {"line": line, "character": character}, "newName": to}),
        )
    };
    let web = rename(&mut client, 12, 24, "WebServers");
    assert_eq!(
        web["result"]["changes"][tasks_uri.as_str()],
        json!([
            {"range": {"start": {"line": 7, "character": 9}, "end": {"line": 7, "character": 12}}, "newText": "WebServers"},
            {"range": {"start": {"line": 12, "character": 23}, "end": {"line": 12, "character": 26}}, "newText": "WebServers"}
        ]),
        "{web}"
    );
    let role = rename(&mut client, 15, 24, "Patching");
    let changes = role["result"]["changes"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    assert_eq!(changes.len(), 2, "{role}");
    assert!(changes.keys().any(|k| k.ends_with("/roles.mw")), "{role}");
    let short = rename(&mut client, 2, 8, "Ta");
    assert_eq!(short["error"]["code"], -32803, "{short}");
    assert!(
        short["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("would be an error"),
        "{short}"
    );
    let nothing = rename(&mut client, 3, 4, "x");
    assert!(nothing["error"]["message"].is_string(), "{nothing}");

    // Formatting: mwc fmt of the buffer, as one edit (none when it is
    // formatted already).
    let formatting = |client: &mut Client, uri: &str| {
        client.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
        )
    };
    assert_eq!(formatting(&mut client, &uri)["result"], json!([]));
    let messy_uri = format!("file://{}", path.with_file_name("messy.mw").display());
    let messy =
        "window Messy {\nschedule = \"cron(0 3 ? * * *)\"\n    duration=3h\ncutoff = 1h\n}\n";
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": messy_uri, "languageId": "mw", "version": 1, "text": messy}}),
    );
    client.diagnostics();
    let formatted = formatting(&mut client, &messy_uri);
    assert_eq!(
        formatted["result"],
        json!([{
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 5, "character": 0}},
            "newText": "window Messy {\n  schedule = \"cron(0 3 ? * * *)\"\n  duration = 3h\n  cutoff   = 1h\n}\n"
        }])
    );

    // Document symbols and folding from the syntax tree.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols["result"][0]["name"], "Nightly");
    assert_eq!(symbols["result"][0]["detail"], "window");
    let folding = client.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(folding["result"][0]["startLine"], 0);
    assert_eq!(folding["result"][0]["endLine"], 6);

    // Changes that arrive together are checked once, as of the last: the
    // last diagnostics published are those of the final text.
    let broken_messy = messy.replace("3h", "\"3h\"");
    for text in [broken_messy.as_str(), messy, broken_messy.as_str(), messy] {
        client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": messy_uri, "version": 3}, "contentChanges": [{"text": text}]}),
        );
    }
    client.send(
        &json!({"jsonrpc": "2.0", "id": 1000, "method": "textDocument/foldingRange",
                        "params": {"textDocument": {"uri": messy_uri}}}),
    );
    let mut last = Value::Null;
    loop {
        let message = client.receive();
        if message["id"] == 1000 {
            break;
        }
        if message["params"]["uri"] == messy_uri.as_str() {
            last = message["params"]["diagnostics"].clone();
        }
    }
    assert_eq!(last, json!([]));

    // A change that fixes everything clears the diagnostics.
    let fixed = BROKEN
        .replace("US/Eastern", "America/New_York")
        .replace("4h", "1h")
        .replace("\"true\"", "true");
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = client.diagnostics();
    assert_eq!(published["diagnostics"], json!([]), "{published}");

    // An unknown request is an error, not a crash; then a clean shutdown.
    let unknown = client.request("textDocument/unknownThing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    let shutdown = client.request("shutdown", Value::Null);
    assert_eq!(shutdown["result"], Value::Null);
    client.notify("exit", Value::Null);
    let status = child.wait().expect("exits");
    assert!(status.success());
    let _ = std::fs::remove_dir_all(&dir);
}
