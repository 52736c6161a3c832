'use strict';
// The VS Code extension in editors/vscode: its manifest against what VS Code
// and vsce require, its language configuration (folding and indentation)
// against the bracket structure of the examples, and extension.js's client
// of `mwc lsp`, run with stand-ins for the `vscode` module and the language
// client (neither exists outside VS Code).

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');
const { ROOT, GRAMMAR } = require('./lib/tokenize');
const { scan } = require('./lib/scanner');

const EXT = path.join(ROOT, 'editors', 'vscode');
const json = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const manifest = json(path.join(EXT, 'package.json'));
const config = json(path.join(EXT, 'language-configuration.json'));

test('package.json is a VS Code extension manifest for the mw language', () => {
  assert.equal(manifest.name, 'mwc');
  assert.equal(manifest.publisher, 'mwc-lang');
  assert.equal(manifest.private, true);
  assert.equal(manifest.engines.vscode, '^1.75.0');
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.ok(fs.existsSync(path.join(EXT, manifest.main)), `main: ${manifest.main} is missing`);

  const [language] = manifest.contributes.languages;
  assert.equal(language.id, 'mw');
  assert.deepEqual(language.extensions, ['.mw', '.mwvalues']);
  assert.ok(fs.existsSync(path.join(EXT, language.configuration)));

  const grammar = json(GRAMMAR);
  const [entry] = manifest.contributes.grammars;
  assert.equal(entry.language, 'mw');
  assert.equal(entry.scopeName, grammar.scopeName);
  // Inside the extension's folder, so a packaged .vsix has it: one file, no copy.
  assert.equal(path.resolve(EXT, entry.path), GRAMMAR);
  assert.ok(!entry.path.startsWith('..'));
  assert.deepEqual(language.extensions, grammar.fileTypes.map((t) => `.${t}`));

  const settings = manifest.contributes.configuration.properties;
  assert.equal(settings['mwc.path'].default, 'mwc');
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['mwc.path']);
  const commands = manifest.contributes.commands.map((c) => c.command);
  assert.ok(commands.includes('mwc.restartServer'));
  assert.ok(fs.readFileSync(path.join(EXT, 'extension.js'), 'utf8').includes("'mwc.restartServer'"));

  // The client library: pinned exactly, locked, and made for this engine.
  const pinned = manifest.dependencies['vscode-languageclient'];
  assert.match(pinned, /^\d+\.\d+\.\d+$/, 'vscode-languageclient is pinned to one version');
  const lock = json(path.join(EXT, 'package-lock.json'));
  assert.equal(lock.packages['node_modules/vscode-languageclient'].version, pinned);
  assert.equal(lock.packages[''].dependencies['vscode-languageclient'], pinned);
  const needs = lock.packages['node_modules/vscode-languageclient'].engines.vscode; // "^1.67.0"
  const min = (range) => range.replace(/^[\^~>=]*/, '').split('.').map(Number);
  const [a, b] = [min(needs), min(manifest.engines.vscode)];
  assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `vscode-languageclient ${pinned} needs VS Code ${needs}`);
});

test('language-configuration.json: comments and brackets of the language', () => {
  assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  assert.deepEqual(config.brackets, [['{', '}'], ['[', ']']]);
  for (const pattern of [
    config.folding.markers.start,
    config.folding.markers.end,
    config.indentationRules.increaseIndentPattern,
    config.indentationRules.decreaseIndentPattern,
    config.wordPattern,
  ]) {
    assert.doesNotThrow(() => new RegExp(pattern), pattern);
  }
  const word = new RegExp(`^(?:${config.wordPattern})$`);
  for (const w of ['web-servers', 'Tier2', '_private', '3h', '10%', '-1']) assert.match(w, word);
});

/** The valid programs and values files. */
function programs() {
  const dirs = [
    ['examples', '.mw'],
    ['examples/shared', '.mw'],
    ['examples/envs', '.mwvalues'],
    ['tests/fixtures/ok', '.mw'],
    ['tests/fixtures/ok/envs', '.mwvalues'],
  ];
  return dirs.flatMap(([dir, ext]) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((f) => f.endsWith(ext))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(ROOT, dir, f), 'utf8') })),
  );
}

const lineOf = (text, at) => text.slice(0, at).split(/\r\n|\r|\n/).length - 1;

test('folding markers fold every multi-line block, map and list of the examples, and nothing else', () => {
  const start = new RegExp(config.folding.markers.start);
  const end = new RegExp(config.folding.markers.end);
  let folds = 0;
  for (const { name, text } of programs()) {
    const lines = text.split(/\r\n|\r|\n/);
    // As VS Code pairs markers: an end closes the innermost open start.
    const open = [];
    const marked = [];
    lines.forEach((line, n) => {
      if (start.test(line)) open.push(n);
      else if (end.test(line)) {
        assert.ok(open.length, `${name}:${n + 1}: an end marker with no start`);
        marked.push(`${open.pop() + 1}-${n + 1}`);
      }
    });
    assert.deepEqual(open, [], `${name}: start markers left open`);
    // The brackets that open a line's last token and close a later line's first.
    const { brackets, tokens } = scan(text, new Set());
    const firstOnLine = new Map();
    const lastOnLine = new Map();
    for (const tok of tokens) {
      const l = lineOf(text, tok.start);
      if (!firstOnLine.has(l)) firstOnLine.set(l, tok.start);
      lastOnLine.set(l, tok.start);
    }
    const expected = brackets
      .map(([o, c]) => [o, c, lineOf(text, o), lineOf(text, c)])
      .filter(([o, c, lo, lc]) => lc > lo && lastOnLine.get(lo) === o && firstOnLine.get(lc) === c)
      .map(([, , lo, lc]) => `${lo + 1}-${lc + 1}`);
    assert.deepEqual(marked.sort(), expected.sort(), name);
    folds += marked.length;
  }
  assert.ok(folds > 150, `only ${folds} folds`);
});

test('indentation rules: the examples are indented as the rules indent them', () => {
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  let checked = 0;
  for (const { name, text } of programs()) {
    const lines = text.split(/\r\n|\r|\n/);
    let prev;
    lines.forEach((line, n) => {
      if (!line.trim()) return;
      const indent = line.length - line.trimStart().length;
      if (prev !== undefined) {
        let want = prev.indent;
        if (increase.test(prev.line)) want += 2;
        if (decrease.test(line)) want -= 2;
        // A comment line may sit anywhere; the rules only guide code.
        if (!line.trimStart().startsWith('//')) {
          assert.equal(indent, want, `${name}:${n + 1}: ${line}`);
          checked++;
        }
      }
      if (!line.trimStart().startsWith('//')) prev = { line, indent };
    });
  }
  assert.ok(checked > 1000, `only ${checked} lines checked`);
});

// ───────────── extension.js, with stand-ins ─────────────

/** Loads extension.js with a fake `vscode` and a recording LanguageClient. */
function loadExtension({ settings = {}, folders = [] } = {}) {
  const events = [];
  const handlers = { config: [], commands: {} };
  class FakeClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions });
      events.push(['new', this]);
    }
    async start() {
      events.push(['start', this]);
    }
    async stop() {
      events.push(['stop', this]);
    }
  }
  const vscode = {
    workspace: {
      getConfiguration: (section) => ({ get: (key) => settings[`${section}.${key}`] }),
      workspaceFolders: folders.map((f) => ({ uri: { scheme: 'file', fsPath: f } })),
      createFileSystemWatcher: (glob) => ({ glob }),
      onDidChangeConfiguration: (h) => (handlers.config.push(h), { dispose() {} }),
    },
    commands: {
      registerCommand: (id, h) => ((handlers.commands[id] = h), { dispose() {} }),
      executeCommand: async () => {},
    },
    window: { showErrorMessage: async (...args) => (events.push(['error', args]), undefined) },
  };
  const fakes = { vscode, 'vscode-languageclient/node': { LanguageClient: FakeClient } };
  const file = path.join(EXT, 'extension.js');
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (parent && parent.filename === file && request in fakes) return fakes[request];
    return load.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[require.resolve(file)];
    return { extension: require(file), events, handlers, settings };
  } finally {
    Module._load = load;
  }
}

test('extension.js starts `mwc lsp` over stdio for the documents of language mw', async () => {
  const { extension, events } = loadExtension();
  const context = { subscriptions: [] };
  await extension.activate(context);
  const [[kind, client]] = events.filter(([e]) => e === 'new');
  assert.equal(kind, 'new');
  assert.equal(client.id, 'mwc');
  // Exactly `mwc lsp`: an Executable without `transport` is the stdio transport.
  assert.deepEqual(client.serverOptions.run, { command: 'mwc', args: ['lsp'] });
  assert.deepEqual(client.serverOptions.debug, client.serverOptions.run);
  assert.deepEqual(
    client.clientOptions.documentSelector.map((s) => s.language),
    ['mw', 'mw'],
  );
  assert.deepEqual(client.clientOptions.synchronize.fileEvents, { glob: '**/*.{mw,mwvalues}' });
  assert.ok(events.some(([e, c]) => e === 'start' && c === client));
  await extension.deactivate();
  assert.ok(events.some(([e, c]) => e === 'stop' && c === client));
});

test('extension.js: the mwc.path setting, and a restart when it changes', async () => {
  const folder = path.join(os.tmpdir(), 'project');
  const { extension, events, handlers, settings } = loadExtension({
    settings: { 'mwc.path': '~/.cargo/bin/mwc' },
    folders: [folder],
  });
  assert.equal(extension.serverCommand(), path.join(os.homedir(), '.cargo', 'bin', 'mwc'));
  settings['mwc.path'] = 'target/debug/mwc';
  assert.equal(extension.serverCommand(), path.join(folder, 'target', 'debug', 'mwc'));
  settings['mwc.path'] = '/opt/mwc/bin/mwc';
  assert.equal(extension.serverCommand(), '/opt/mwc/bin/mwc');
  settings['mwc.path'] = '  ';
  assert.equal(extension.serverCommand(), 'mwc');

  await extension.activate({ subscriptions: [] });
  settings['mwc.path'] = '/usr/local/bin/mwc';
  await Promise.all(handlers.config.map((h) => h({ affectsConfiguration: (s) => s === 'mwc.path' })));
  await new Promise((resolve) => setImmediate(resolve));
  const made = events.filter(([e]) => e === 'new').map(([, c]) => c);
  assert.equal(made.length, 2);
  assert.equal(made[1].serverOptions.run.command, '/usr/local/bin/mwc');
  assert.ok(events.some(([e, c]) => e === 'stop' && c === made[0]));
  await handlers.commands['mwc.restartServer']();
  assert.equal(events.filter(([e]) => e === 'new').length, 3);
  await extension.deactivate();
});
