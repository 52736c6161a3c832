'use strict';
// The TextMate grammar of .mw, tokenized by vscode-textmate (the engine of
// VS Code) with vscode-oniguruma: every example program, values file and
// valid fixture, and the ```mw blocks of the docs, checked character by
// character against an independent reading of the language (lib/scanner.js);
// a snapshot of one example's tokens; single tokens of the tricky forms; and
// the grammar file against what GitHub Linguist and VS Code expect of it.
//
// Run: npm ci && npm test (in editors/test). UPDATE_SNAPSHOTS=1 npm test
// rewrites the snapshot.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, GRAMMAR, loadGrammar, tokenize, compileRegex } = require('./lib/tokenize');
const { scan, SCOPES } = require('./lib/scanner');

const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');
const read = (p) => fs.readFileSync(p, 'utf8').replace(/^\uFEFF/, '');

function filesIn(dir, ext) {
  const full = path.join(ROOT, dir);
  return fs
    .readdirSync(full)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => path.join(full, f));
}

/** The inputs: files of the repository, and the ```mw blocks of the docs. */
function inputs() {
  const files = [
    ...filesIn('examples', '.mw'),
    ...filesIn('examples/shared', '.mw'),
    ...filesIn('examples/envs', '.mwvalues'),
    ...filesIn('tests/fixtures/ok', '.mw'),
    ...filesIn('tests/fixtures/ok/envs', '.mwvalues'),
  ].map((p) => ({ name: rel(p), text: read(p) }));
  const docs = [path.join(ROOT, 'README.md'), ...filesIn('docs', '.md')];
  for (const doc of docs) {
    const text = read(doc);
    let n = 0;
    for (const m of text.matchAll(/^[ \t]*```(mw|mwvalues)[ \t]*\n([\s\S]*?)^[ \t]*```[ \t]*$/gm)) {
      n++;
      const line = text.slice(0, m.index).split('\n').length;
      files.push({ name: `${rel(doc)}:${line} (\`\`\`${m[1]} block ${n})`, text: m[2] });
    }
  }
  return files;
}

/** The block kinds mwc knows: the spellings of `schema::Kind` (one table, `Kind::as_str`). */
function knownKinds() {
  const schema = read(path.join(ROOT, 'src', 'schema.rs'));
  const table = /pub const fn as_str\(self\) -> &'static str \{([\s\S]*?)\n    \}/.exec(schema);
  assert.ok(table, 'src/schema.rs no longer spells the block kinds in `Kind::as_str`');
  const kinds = new Set([...table[1].matchAll(/Kind::\w+ => "([a-z_]+)",/g)].map((m) => m[1]));
  assert.ok(kinds.has('window') && kinds.has('template'), `kinds read: ${[...kinds]}`);
  kinds.delete('file'); // the top level, not a block
  return kinds;
}

/** Offsets of the start of each line, splitting as editors do. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      starts.push(i + 2);
      i++;
    } else if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return starts;
}

const hasScope = (scopes, scope) => scopes.includes(scope);
const inRanges = (ranges, at) => ranges.some(([s, e]) => at >= s && at < e);

let grammarPromise;
const grammar = () => (grammarPromise ??= loadGrammar());
const KINDS = knownKinds();

test('every example, values file, valid fixture and ```mw block of the docs is scoped as the language reads', async (t) => {
  const g = await grammar();
  const all = inputs();
  assert.ok(all.length >= 30, `only ${all.length} inputs found`);
  const totals = { files: 0, lines: 0, tokens: 0, chars: 0, expectations: 0, blocks: 0, fields: 0, values: 0 };
  const problems = [];
  for (const input of all) {
    let read;
    try {
      read = scan(input.text, KINDS);
    } catch (e) {
      problems.push(`${input.name}: the independent reading failed: ${e.message}`);
      continue;
    }
    const lines = tokenize(g, input.text);
    const starts = lineStarts(input.text);
    assert.equal(lines.length, starts.length, `${input.name}: line count`);
    const where = (at) => {
      let l = starts.length - 1;
      while (starts[l] > at) l--;
      return { line: l, col: at - starts[l] };
    };
    const scopesAt = (at) => {
      const { line, col } = where(at);
      return col < lines[line].text.length ? lines[line].charScopes[col] : null; // null: a line break
    };
    const report = (at, what) => {
      const { line, col } = where(at);
      const scopes = lines[line].charScopes[col] || [];
      problems.push(
        `${input.name}:${line + 1}:${col + 1} ${JSON.stringify(input.text[at])} ${what}; it has: ${scopes.slice(1).join(' ') || '(nothing)'}`,
      );
    };

    // 1. Each token carries the scope the language gives it.
    for (const { start, end, scope } of read.expects) {
      for (let at = start; at < end; at++) {
        const scopes = scopesAt(at);
        if (scopes === null) continue;
        if (!hasScope(scopes, scope)) report(at, `needs ${scope}`);
      }
    }
    totals.expectations += read.expects.length;

    // 2. Comments, strings and interpolations are scoped there and only there;
    // nothing is invalid; every other visible character has a scope of its own.
    for (let l = 0; l < lines.length; l++) {
      const { text, charScopes } = lines[l];
      for (let col = 0; col < text.length; col++) {
        const at = starts[l] + col;
        const scopes = charScopes[col];
        totals.chars++;
        const comment = scopes.some((s) => s.startsWith('comment.'));
        if (comment !== inRanges(read.comments, at)) report(at, comment ? 'is not in a comment' : 'is in a comment');
        const string = scopes.some((s) => s.startsWith('string.'));
        if (string !== inRanges(read.strings, at)) report(at, string ? 'is not in a string' : 'is in a string');
        const interp = scopes.includes(SCOPES.interpolation);
        if (interp !== inRanges(read.interpolations, at)) {
          report(at, interp ? 'is not in an interpolation' : 'is in an interpolation');
        }
        if (scopes.some((s) => s.startsWith('invalid.'))) report(at, 'is scoped invalid');
        if (!/\s/.test(text[col]) && !scopes.some((s) => s !== 'source.mw' && !s.startsWith('meta.'))) {
          report(at, 'has no scope of its own');
        }
      }
      totals.tokens += lines[l].tokens.length;
    }
    totals.files++;
    totals.lines += lines.length;
    totals.blocks += read.counts.blocks;
    totals.fields += read.counts.fields;
    totals.values += read.counts.values;
  }
  t.diagnostic(
    `${totals.files} inputs, ${totals.lines} lines, ${totals.tokens} grammar tokens; ` +
      `${totals.blocks} blocks, ${totals.fields} assignments, ${totals.values} values; ` +
      `${totals.expectations} token expectations, ${totals.chars} characters checked`,
  );
  assert.deepEqual(problems.slice(0, 25), [], `${problems.length} problems`);
});

test('snapshot: the tokens of examples/nightly-web-patching.mw', async () => {
  const g = await grammar();
  const source = path.join(ROOT, 'examples', 'nightly-web-patching.mw');
  const lines = tokenize(g, read(source));
  let out = `# The tokens of ${rel(source)}, as vscode-textmate scopes them (source.mw left out).\n`;
  out += '# Regenerate: UPDATE_SNAPSHOTS=1 npm test (in editors/test).\n';
  lines.forEach(({ text, tokens }, n) => {
    out += `${n + 1}| ${text}\n`;
    for (const tok of tokens) {
      const s = text.slice(tok.startIndex, tok.endIndex);
      if (s.trim()) out += `    ${JSON.stringify(s)} ${tok.scopes.slice(1).join(' ')}\n`;
    }
  });
  const snapshot = path.join(__dirname, 'snapshots', 'nightly-web-patching.mw.txt');
  if (process.env.UPDATE_SNAPSHOTS) fs.writeFileSync(snapshot, out);
  assert.ok(fs.existsSync(snapshot), `${rel(snapshot)} is missing: run UPDATE_SNAPSHOTS=1 npm test`);
  assert.equal(out, fs.readFileSync(snapshot, 'utf8'), 'the tokens changed: review, then UPDATE_SNAPSHOTS=1 npm test');
});

/**
 * The scopes (without source.mw) of the `nth` occurrence of `needle` in
 * `code`: of its characters from `from`, `len` of them, which must all have
 * the same scopes.
 */
async function scopesOf(code, needle, nth = 1, { from = 0, len = needle.length - from } = {}) {
  const g = await grammar();
  const lines = tokenize(g, code);
  let seen = 0;
  for (const { text, charScopes } of lines) {
    let start = 0;
    for (;;) {
      const at = text.indexOf(needle, start);
      if (at < 0) break;
      if (++seen === nth) {
        const first = charScopes[at + from].slice(1).join(' ');
        for (let k = at + from; k < at + from + len; k++) {
          assert.equal(charScopes[k].slice(1).join(' '), first, `${needle} is split into several tokens`);
        }
        return first;
      }
      start = at + 1;
    }
  }
  throw new Error(`${needle} not found`);
}
const last = (scopes) => scopes.split(' ').pop();

test('golden tokens of the examples', async () => {
  const file = (p) => read(path.join(ROOT, p));
  const nightly = file('examples/nightly-web-patching.mw');
  assert.equal(await scopesOf(nightly, 'window Patch', 1, { len: 6 }), 'meta.block.mw storage.type.block.mw');
  assert.equal(await scopesOf(nightly, 'PatchTestWorkloadWebServers {', 1, { len: 27 }), 'meta.block.mw entity.name.type.mw');
  assert.equal(
    await scopesOf(nightly, 'run_command "', 1, { len: 11 }),
    'meta.block.mw meta.block.mw meta.block.mw storage.type.block.mw',
  );
  assert.equal(
    await scopesOf(nightly, 'AWS-RunPatchBaseline'),
    'meta.block.mw meta.block.mw meta.block.mw string.quoted.double.mw',
  );
  assert.equal(last(await scopesOf(nightly, 'schedule    =', 1, { len: 8 })), 'variable.other.property.mw');
  assert.equal(last(await scopesOf(nightly, 'cron(0 3 ? * * *)')), 'string.quoted.double.mw');
  assert.equal(last(await scopesOf(nightly, '= 3h', 1, { from: 2, len: 1 })), 'constant.numeric.duration.mw');
  assert.equal(last(await scopesOf(nightly, '= 3h', 1, { from: 3 })), 'keyword.other.unit.mw');
  assert.equal(last(await scopesOf(nightly, 'false')), 'constant.language.boolean.mw');
  assert.equal(last(await scopesOf(nightly, 'Workload =', 1, { len: 8 })), 'support.type.property-name.mw');
  assert.equal(last(await scopesOf(nightly, '= MaintenanceWindowRole', 1, { from: 2 })), 'variable.other.reference.mw');
  assert.equal(last(await scopesOf(nightly, '// only Systems Manager', 1, { from: 3 })), 'comment.line.double-slash.mw');

  const multi = file('examples/multi-az-patching.mw');
  assert.equal(last(await scopesOf(multi, 'import "', 1, { len: 6 })), 'keyword.control.import.mw');
  assert.equal(last(await scopesOf(multi, 'for zone', 1, { len: 3 })), 'keyword.control.for.mw');
  assert.equal(last(await scopesOf(multi, 'zone in zones', 1, { len: 4 })), 'variable.parameter.loop.mw');
  assert.equal(last(await scopesOf(multi, 'zone in zones', 1, { from: 5, len: 2 })), 'keyword.control.in.mw');
  assert.equal(last(await scopesOf(multi, 'param os', 1, { len: 5 })), 'storage.type.block.mw');
  assert.equal(last(await scopesOf(multi, 'param patch_group', 1, { from: 6 })), 'entity.name.variable.parameter.mw');
  assert.equal(last(await scopesOf(multi, 'template PatchTask', 1, { len: 8 })), 'storage.type.block.mw');
  assert.equal(last(await scopesOf(multi, 'use             =', 1, { len: 3 })), 'keyword.other.use.mw');
  assert.equal(
    await scopesOf(multi, '${zone.az} {', 1, { len: 2 }),
    'meta.for.mw meta.block.mw meta.block.mw entity.name.type.mw meta.interpolation.mw punctuation.definition.template-expression.begin.mw',
  );

  const params = file('tests/fixtures/ok/parameters.mw');
  assert.equal(last(await scopesOf(params, '$${')), 'constant.character.escape.interpolation.mw');
});

test('golden tokens of every lexical form', async () => {
  const cases = [
    // [code, needle, occurrence, expected last scope]
    ['x = 10%', '10', 1, 'constant.numeric.percentage.mw'],
    ['x = 10%', '%', 1, 'keyword.other.unit.mw'],
    ['x = 600s', '600', 1, 'constant.numeric.duration.mw'],
    ['x = 2d', 'd', 1, 'keyword.other.unit.mw'],
    ['x = 10m', '10', 1, 'constant.numeric.duration.mw'],
    ['x = -1', '-1', 1, 'constant.numeric.integer.mw'],
    ['x = 03', '03', 1, 'constant.numeric.integer.mw'],
    ['x = [1, 2,]', ',', 2, 'punctuation.separator.comma.mw'],
    ['x = [1, 2,]', '[', 1, 'punctuation.definition.list.begin.mw'],
    ['x = { a = 1 }', '{', 1, 'punctuation.definition.map.begin.mw'],
    ['x = { "Patch Group" = "App" }', 'Patch Group', 1, 'string.quoted.double.mw'],
    ['x = { "Patch Group" = "App" }', '"Patch Group"', 1, null], // the quote: a key and a string
    ['x = true', 'true', 1, 'constant.language.boolean.mw'],
    ['x = True', 'True', 1, 'variable.other.reference.mw'],
    ['x = true-ish', 'true-ish', 1, 'variable.other.reference.mw'],
    ['x = Tier2', 'Tier2', 1, 'variable.other.reference.mw'],
    ['x = W.T', '.', 1, 'punctuation.accessor.mw'],
    ['x = [Nodes-${tier}-x]', 'Nodes-', 1, 'variable.other.reference.mw'],
    ['x = [Nodes-${tier}-x]', '-x', 1, 'variable.other.reference.mw'],
    ['x = [Nodes-${tier}-x]', 'tier', 1, 'variable.other.interpolated.mw'],
    ['x = "a\\tb"', '\\t', 1, 'constant.character.escape.mw'],
    ['x = "\\u{1F600}"', '\\u{1F600}', 1, 'constant.character.escape.mw'],
    ['x = "a\\qb"', '\\q', 1, 'invalid.illegal.unrecognized-escape.mw'],
    ['x = "$${HOME}"', '$${', 1, 'constant.character.escape.interpolation.mw'],
    ['x = "$${HOME}"', 'HOME}', 1, 'string.quoted.double.mw'],
    ['x = "$5 ${a.b}"', '$5 ', 1, 'string.quoted.double.mw'],
    ['x = "${a.b}"', '.', 1, 'punctuation.accessor.mw'],
    ['x = "${a b}"', 'b', 1, 'variable.other.interpolated.mw'],
    ['x = "${1}"', '1', 1, 'invalid.illegal.interpolation.mw'],
    ['x = "// not a comment"', '// not', 1, 'string.quoted.double.mw'],
    ['x = "/* not a comment */"', '/*', 1, 'string.quoted.double.mw'],
    ['x = 1.5', '1.5', 1, 'invalid.illegal.numeric.mw'],
    ['x = 3hrs', '3hrs', 1, 'invalid.illegal.numeric.mw'],
    ['x = 3H', '3H', 1, 'invalid.illegal.numeric.mw'],
    ['}', '}', 1, 'invalid.illegal.stray-bracket.mw'],
    ['windw W {\n}', 'windw', 1, 'storage.type.block.unknown.mw'],
    ['run_command "AWS-${doc}" {\n}', 'doc', 1, 'variable.other.interpolated.mw'],
    ['run_command {\n}', '{', 1, 'punctuation.section.block.begin.mw'],
    ['document "Company-Patch" {\n}', 'document', 1, 'storage.type.block.mw'],
    ['task T { run_command "X" { timeout = 1h } }', 'timeout', 1, 'variable.other.property.mw'],
    ['task T { run_command "X" { timeout = 1h } }', '}', 2, 'punctuation.section.block.end.mw'],
    ['role = R\nwindow W {}', 'role', 1, 'variable.other.property.mw'],
    ['role = R\nwindow W {}', 'R', 1, 'variable.other.reference.mw'],
    ['for = 1', 'for', 1, 'variable.other.property.mw'],
    ['import = 1', 'import', 1, 'variable.other.property.mw'],
    ['for tier in ["web", "app"] {\n  target N-${tier} {}\n}', 'in', 1, 'keyword.control.in.mw'],
    ['for tier in ["web", "app"] {\n  target N-${tier} {}\n}', 'tier', 1, 'variable.parameter.loop.mw'],
    ['for tier in ["web", "app"] {\n  target N-${tier} {}\n}', 'target', 1, 'storage.type.block.mw'],
    ['for z in [\n  { az = "a" },\n] {\n  window W-${z.az} {}\n}', 'window', 1, 'storage.type.block.mw'],
    ['for z in [\n  { az = "a" },\n] {\n  window W-${z.az} {}\n}', 'az', 1, 'support.type.property-name.mw'],
    ['/* a\n   b */ x = 1', 'b', 1, 'comment.block.mw'],
    ['/* a\n   b */ x = 1', 'x', 1, 'variable.other.property.mw'],
    ['/* a /* b */ x = 1', 'x', 1, 'variable.other.property.mw'], // block comments do not nest
    ['x = 1 // note', 'note', 1, 'comment.line.double-slash.mw'],
    ['// mwc: allow(MW0314, MW0901) why', 'mwc:', 1, 'keyword.other.directive.mw'],
    ['// mwc: allow(MW0314, MW0901) why', 'MW0901', 1, 'constant.other.diagnostic-code.mw'],
    ['// mwc: allow(MW0314, MW0901) why', ' why', 1, 'meta.directive.mw'],
    ['// a plain comment with MW0314', 'MW0314', 1, 'comment.line.double-slash.mw'],
    ['x = "unterminated\ny = 2', 'y', 1, 'variable.other.property.mw'],
    ['x = "a\ry = 2', 'y', 1, 'variable.other.property.mw'],
    ['x = "a"\r\ny = 2', 'y', 1, 'variable.other.property.mw'],
    ['x = "${unclosed"\ny = 2', 'y', 1, 'variable.other.property.mw'],
    ['hours = 4h\nbatch = 10%\nlogs = { bucket = "b", prefix = "p" }', 'prefix', 1, 'support.type.property-name.mw'],
  ];
  const wrong = [];
  for (const [code, needle, nth, expected] of cases) {
    const scopes = await scopesOf(code, needle, nth, expected === null ? { len: 1 } : {});
    const ok =
      expected === null
        ? scopes.includes('support.type.property-name.mw') && scopes.includes('string.quoted.double.mw')
        : last(scopes) === expected;
    if (!ok) wrong.push(`${JSON.stringify(code)}: ${needle} is ${scopes}, not ${expected}`);
  }
  assert.deepEqual(wrong, []);
});

// ─────────────── the grammar file itself ───────────────

const raw = JSON.parse(fs.readFileSync(GRAMMAR, 'utf8'));

// The keys of GitHub Linguist's grammar compiler (tools/grammars: the rule
// message of proto/grammar.pb.go, and compiler/data.go's KnownFields, which
// it accepts and ignores). Any other key makes it report "Unknown keys".
const LINGUIST_RULE_KEYS = new Set([
  'name', 'scopeName', 'contentName', 'match', 'begin', 'while', 'end', 'include', 'patterns',
  'captures', 'beginCaptures', 'whileCaptures', 'endCaptures', 'repository', 'injections',
  'disabled', 'applyEndPatternLast', 'includeResetBase',
  '$schema', 'comment', 'uuid', 'author', 'comments', 'macros', 'fileTypes', 'firstLineMatch',
  'keyEquivalent', 'foldingStopMarker', 'foldingStartMarker', 'foldingEndMarker', 'maxTokensPerLine',
  'limitLineLength', 'hideFromUser', 'injectionSelector', 'swallow', 'foregroundColor',
  'backgroundColor', 'increaseIndentPattern', 'beginComment', 'endComment',
]);
const MAP_KEYS = new Set(['captures', 'beginCaptures', 'endCaptures', 'whileCaptures', 'repository', 'injections']);

/** Every rule of the grammar, with its path. */
function* rules(rule, where) {
  yield [rule, where];
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'patterns') for (const [i, r] of value.entries()) yield* rules(r, `${where}.patterns[${i}]`);
    else if (MAP_KEYS.has(key)) for (const [k, r] of Object.entries(value)) yield* rules(r, `${where}.${key}.${k}`);
  }
}

test('the grammar file is what GitHub Linguist and VS Code expect', async () => {
  assert.equal(raw.scopeName, 'source.mw');
  assert.deepEqual(raw.fileTypes, ['mw', 'mwvalues']);
  // Linguist looks for .json grammars only in a folder named syntaxes or grammars.
  assert.equal(path.basename(path.dirname(GRAMMAR)), 'syntaxes');
  assert.ok(GRAMMAR.endsWith('.tmLanguage.json'));
  const regexKeys = ['match', 'begin', 'end', 'while'];
  let regexes = 0;
  for (const [rule, where] of rules(raw, '$')) {
    for (const key of Object.keys(rule)) {
      assert.ok(LINGUIST_RULE_KEYS.has(key), `${where}: key ${key} is unknown to Linguist's grammar compiler`);
    }
    if (rule.include !== undefined) {
      const m = /^#(.+)$/.exec(rule.include);
      assert.ok(m && raw.repository[m[1]], `${where}: include ${rule.include} names no rule of the repository`);
    }
    for (const key of regexKeys) {
      if (rule[key] === undefined) continue;
      const source = rule[key];
      regexes++;
      await assert.doesNotReject(compileRegex(source), `${where}.${key}: Oniguruma rejects ${source}`);
      // PCRE (Linguist compiles grammars with it) takes only fixed-length look-behinds.
      for (const lb of source.matchAll(/\(\?<[=!]((?:\\.|\[(?:\\.|[^\]])*\]|[^()])*)\)/g)) {
        assert.ok(!/(?<!\\)[*+?{]/.test(lb[1].replace(/\[(?:\\.|[^\]])*\]/g, '')), `${where}.${key}: look-behind of varying length: ${lb[0]}`);
      }
      assert.ok(!source.includes('(?~'), `${where}.${key}: Oniguruma-only absent operator`);
    }
  }
  assert.ok(regexes > 20);
  // Every rule of the repository is used.
  const text = JSON.stringify(raw);
  for (const key of Object.keys(raw.repository)) assert.ok(text.includes(`"#${key}"`), `repository.${key} is not used`);
});

test('the grammar knows every block kind of src/schema.rs and the elaboration', () => {
  const kindsIn = (rule) => {
    const m = /^\(\?<!\[[^\]]*\]\)\(([a-z_|]+)\)/.exec(rule.begin);
    assert.ok(m, `cannot read the kinds of ${rule.begin}`);
    return m[1].split('|');
  };
  const inGrammar = new Set([...kindsIn(raw.repository.block), ...kindsIn(raw.repository['block-param'])]);
  assert.deepEqual([...inGrammar].sort(), [...KINDS].sort());
});

test('every invalid fixture tokenizes to the end, each line in time', async (t) => {
  const g = await grammar();
  const dir = path.join(ROOT, 'tests', 'fixtures', 'err');
  const files = filesIn('tests/fixtures/err', '.mw');
  assert.ok(files.length > 100, `only ${files.length} invalid fixtures found in ${rel(dir)}`);
  let lines = 0;
  let invalid = 0;
  const started = Date.now();
  for (const file of files) {
    // tokenize() throws when vscode-textmate stops a line early (its time limit).
    for (const line of tokenize(g, read(file))) {
      lines++;
      if (line.tokens.some((tok) => tok.scopes.some((s) => s.startsWith('invalid.')))) invalid++;
    }
  }
  t.diagnostic(`${files.length} invalid fixtures, ${lines} lines, ${invalid} with a token scoped invalid, in ${Date.now() - started} ms`);
});
