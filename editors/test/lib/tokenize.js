'use strict';
// Loads the grammar into vscode-textmate, with vscode-oniguruma's regular
// expressions: the engine and the regex library VS Code highlights with.

const fs = require('node:fs');
const path = require('node:path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const GRAMMAR = path.join(ROOT, 'editors', 'vscode', 'syntaxes', 'mw.tmLanguage.json');

let onig;
function onigLib() {
  if (!onig) {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    onig = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }));
  }
  return onig;
}

/** The grammar of `source.mw`, read from `file` (default: the one the extension ships). */
async function loadGrammar(file = GRAMMAR) {
  const registry = new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.mw') return null;
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const grammar = await registry.loadGrammar('source.mw');
  if (!grammar) throw new Error(`no grammar for source.mw in ${file}`);
  return grammar;
}

/** Lines as editors split them: at \r\n, \n or a lone \r. */
function splitLines(text) {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Tokenizes `text` line by line, carrying the rule stack over, as an editor
 * does. Returns, per line, its text, its tokens and each character's scopes.
 */
function tokenize(grammar, text) {
  let stack = vsctm.INITIAL;
  const lines = [];
  for (const line of splitLines(text)) {
    const result = grammar.tokenizeLine(line, stack, 5000);
    if (result.stoppedEarly) throw new Error(`tokenizing stopped early on: ${line}`);
    const charScopes = new Array(line.length);
    for (const t of result.tokens) {
      for (let k = t.startIndex; k < Math.min(t.endIndex, line.length); k++) charScopes[k] = t.scopes;
    }
    lines.push({ text: line, tokens: result.tokens, charScopes });
    stack = result.ruleStack;
  }
  return lines;
}

/** Compiles one regular expression with Oniguruma; throws if it does not. */
async function compileRegex(source) {
  const lib = await onigLib();
  const scanner = lib.createOnigScanner([source]);
  scanner.dispose();
}

module.exports = { ROOT, GRAMMAR, loadGrammar, tokenize, splitLines, compileRegex };
