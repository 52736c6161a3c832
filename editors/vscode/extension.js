'use strict';
// The mwc extension. The language itself (highlighting, comments, brackets,
// indentation) is declared in package.json, syntaxes/mw.tmLanguage.json and
// language-configuration.json, and works without any program. This file
// starts the language server, `mwc lsp`, which speaks LSP over standard input
// and output, for the documents of language `mw` (.mw and .mwvalues files).
//
// Plain JavaScript, no build step: VS Code loads this file as it is.

const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/**
 * The program to run, from the `mwc.path` setting (default `mwc`, found on
 * the PATH). `~` is the home folder; a relative path with a slash in it
 * (`target/debug/mwc`) is relative to the first workspace folder.
 */
function serverCommand() {
  let command = String(vscode.workspace.getConfiguration('mwc').get('path') || '').trim() || 'mwc';
  if (command === '~' || command.startsWith('~/') || command.startsWith('~\\')) {
    command = path.join(os.homedir(), command.slice(1));
  }
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!path.isAbsolute(command) && /[\\/]/.test(command) && folder && folder.uri.scheme === 'file') {
    command = path.join(folder.uri.fsPath, command);
  }
  return command;
}

/** The server: `mwc lsp`, over standard input and output. */
function serverOptions() {
  // No `transport` here: left out, the client talks over the child's stdin
  // and stdout, which is the stdio transport. `transport: TransportKind.stdio`
  // would do the same but also append `--stdio` to the arguments, and the
  // command is exactly `mwc lsp` in every editor.
  const executable = { command: serverCommand(), args: ['lsp'] };
  return { run: executable, debug: executable };
}

/** The client's options: which documents go to the server. */
function clientOptions() {
  return {
    documentSelector: [
      { scheme: 'file', language: 'mw' },
      { scheme: 'untitled', language: 'mw' },
    ],
    synchronize: {
      // Files the server may read that are not open: imports, values files.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{mw,mwvalues}'),
    },
  };
}

async function startClient() {
  const next = new LanguageClient('mwc', 'mwc', serverOptions(), clientOptions());
  client = next;
  try {
    await next.start();
  } catch (error) {
    const command = serverOptions().run.command;
    const choice = await vscode.window.showErrorMessage(
      `mwc: the language server did not start (\`${command} lsp\`): ${error && error.message ? error.message : error}. ` +
        'Highlighting still works; diagnostics and the other features need `mwc lsp`. ' +
        'Set `mwc.path` to the mwc program.',
      'Open Settings',
    );
    if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'mwc.path');
    }
  }
}

async function stopClient() {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop();
    } catch {
      // A server that never started has nothing to stop.
    }
  }
}

async function restartClient() {
  await stopClient();
  await startClient();
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('mwc.restartServer', restartClient),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('mwc.path')) restartClient();
    }),
    { dispose: () => stopClient() },
  );
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate, serverCommand, serverOptions, clientOptions };
