'use strict';
// An independent reading of a .mw or .mwvalues file, written from
// docs/language.md without looking at the TextMate grammar: a lexer and a
// small recursive-descent parser of the language's generic shape (items,
// blocks, assignments, values). It says which scope each token must carry;
// the test then checks that the grammar gave every character that scope.
//
// It reads valid files only: anything it does not understand is an error,
// so a fixture it cannot read fails the test rather than going unchecked.

const S = {
  lineComment: 'comment.line.double-slash.mw',
  blockComment: 'comment.block.mw',
  directive: 'keyword.other.directive.mw',
  diagnosticCode: 'constant.other.diagnostic-code.mw',
  string: 'string.quoted.double.mw',
  escape: 'constant.character.escape.mw',
  dollarEscape: 'constant.character.escape.interpolation.mw',
  interpolation: 'meta.interpolation.mw',
  interpBegin: 'punctuation.definition.template-expression.begin.mw',
  interpEnd: 'punctuation.definition.template-expression.end.mw',
  integer: 'constant.numeric.integer.mw',
  duration: 'constant.numeric.duration.mw',
  percentage: 'constant.numeric.percentage.mw',
  unit: 'keyword.other.unit.mw',
  boolean: 'constant.language.boolean.mw',
  kind: 'storage.type.block.mw',
  unknownKind: 'storage.type.block.unknown.mw',
  blockName: 'entity.name.type.mw',
  paramName: 'entity.name.variable.parameter.mw',
  field: 'variable.other.property.mw',
  use: 'keyword.other.use.mw',
  mapKey: 'support.type.property-name.mw',
  reference: 'variable.other.reference.mw',
  accessor: 'punctuation.accessor.mw',
  for: 'keyword.control.for.mw',
  in: 'keyword.control.in.mw',
  loopVariable: 'variable.parameter.loop.mw',
  import: 'keyword.control.import.mw',
  assign: 'keyword.operator.assignment.mw',
  comma: 'punctuation.separator.comma.mw',
  blockBegin: 'punctuation.section.block.begin.mw',
  blockEnd: 'punctuation.section.block.end.mw',
  mapBegin: 'punctuation.definition.map.begin.mw',
  mapEnd: 'punctuation.definition.map.end.mw',
  listBegin: 'punctuation.definition.list.begin.mw',
  listEnd: 'punctuation.definition.list.end.mw',
};

const isIdentStart = (c) => /[A-Za-z_]/.test(c);
const isIdentChar = (c) => /[A-Za-z0-9_-]/.test(c);
const isDigit = (c) => c >= '0' && c <= '9';
const isLineEnd = (c) => c === '\n' || c === '\r';

class ScanError extends Error {}

/**
 * Reads `text` (a whole file, byte-order mark removed).
 * @param {string} text
 * @param {Set<string>} knownKinds the block kinds mwc knows
 * @returns {{expects: {start: number, end: number, scope: string}[],
 *            comments: [number, number][], strings: [number, number][],
 *            interpolations: [number, number][], brackets: [number, number][],
 *            tokens: object[], counts: object}}
 */
function scan(text, knownKinds) {
  const expects = [];
  const comments = [];
  const strings = [];
  const interpolations = [];
  const tokens = [];
  const brackets = []; // [open, close] offsets of each {} and [] pair
  const expect = (start, end, scope) => {
    if (end > start) expects.push({ start, end, scope });
  };
  const fail = (at, what) => {
    const line = text.slice(0, at).split(/\r\n|\r|\n/).length;
    throw new ScanError(`line ${line}: ${what}`);
  };

  // ${...} at `i` (outside or inside a string): the expectations of one
  // interpolation; returns the offset after it.
  const interpolation = (i, inString) => {
    const start = i;
    let j = i + 2;
    while (j < text.length && text[j] !== '}' && text[j] !== '"' && !isLineEnd(text[j])) j++;
    if (text[j] !== '}') fail(i, 'a `${` without its `}`');
    const inner = text.slice(i + 2, j);
    if (!/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)?$/.test(inner)) {
      fail(i, `\`\${${inner}}\` is not NAME or NAME.key`);
    }
    expect(start, j + 1, S.interpolation);
    expect(start, start + 2, S.interpBegin);
    expect(j, j + 1, S.interpEnd);
    interpolations.push([start, j + 1]);
    if (!inString && text[j] !== '}') fail(i, 'unclosed interpolation in a name');
    return j + 1;
  };

  // ───────────── lexer ─────────────
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || isLineEnd(c)) {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      let j = i;
      while (j < text.length && !isLineEnd(text[j])) j++;
      expect(i, j, S.lineComment);
      comments.push([i, j]);
      // `// mwc: allow(CODE, ...) reason`, the directive mwc reads.
      const body = text.slice(i + 2, j);
      const m = /^(\s*)(mwc:)/.exec(body);
      if (m) {
        const at = i + 2 + m[1].length;
        expect(at, at + 4, S.directive);
        const parens = /^(\s*allow\()([^)]*)\)/.exec(body.slice(m[0].length));
        if (parens) {
          const codesAt = at + 4 + parens[1].length;
          for (const code of parens[2].matchAll(/MW[0-9]{4}/g)) {
            expect(codesAt + code.index, codesAt + code.index + 6, S.diagnosticCode);
          }
        }
      }
      i = j;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) fail(i, 'a `/*` without its `*/`');
      expect(i, close + 2, S.blockComment);
      comments.push([i, close + 2]);
      i = close + 2;
    } else if (c === '"') {
      const start = i;
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (isLineEnd(text[j])) fail(start, 'a string without its closing quote');
        if (text[j] === '\\') {
          const esc = /^\\(?:["\\nrt]|u\{[0-9A-Fa-f]{1,6}\})/.exec(text.slice(j));
          if (!esc) fail(j, 'an invalid escape');
          expect(j, j + esc[0].length, S.escape);
          j += esc[0].length;
        } else if (text.startsWith('$${', j)) {
          expect(j, j + 3, S.dollarEscape);
          j += 3;
        } else if (text.startsWith('${', j)) {
          j = interpolation(j, true);
        } else {
          j++;
        }
      }
      if (j >= text.length) fail(start, 'a string without its closing quote');
      expect(start, j + 1, S.string);
      strings.push([start, j + 1]);
      tokens.push({ type: 'string', start, end: j + 1 });
      i = j + 1;
    } else if (isDigit(c) || (c === '-' && isDigit(text[i + 1] || ''))) {
      const m = /^-?[0-9]+(\.[0-9]+)?(%|[A-Za-z_][A-Za-z0-9_]*)?/.exec(text.slice(i));
      const [whole, fraction, suffix] = m;
      if (fraction) fail(i, `a number with a fraction: ${whole}`);
      let kind = 'integer';
      if (suffix === '%') kind = 'percentage';
      else if (suffix !== undefined) {
        if (!/^[smhd]$/.test(suffix)) fail(i, `a number with an unknown unit: ${whole}`);
        kind = 'duration';
      }
      tokens.push({ type: 'number', kind, start: i, end: i + whole.length, suffix });
      i += whole.length;
    } else if (isIdentStart(c) || text.startsWith('${', i)) {
      // A name, perhaps built with ${...}: Install-${zone.az}.
      const start = i;
      const parts = [];
      while (i < text.length) {
        if (text.startsWith('${', i)) {
          const end = interpolation(i, false);
          parts.push([i, end]);
          i = end;
        } else if (isIdentChar(text[i])) {
          i++;
        } else break;
      }
      tokens.push({ type: 'name', start, end: i, text: text.slice(start, i), plain: parts.length === 0 });
    } else if ('{}[],=.'.includes(c)) {
      tokens.push({ type: c, start: i, end: i + 1 });
      i++;
    } else {
      fail(i, `a character the language does not have here: ${JSON.stringify(c)}`);
    }
  }

  // ───────────── parser ─────────────
  let p = 0;
  const peek = (k = 0) => tokens[p + k];
  const next = () => tokens[p++];
  const is = (tok, type, text) => tok && tok.type === type && (text === undefined || tok.text === text);
  const want = (type, scope) => {
    const tok = next();
    if (!tok || tok.type !== type) fail(tok ? tok.start : text.length, `expected \`${type}\``);
    expect(tok.start, tok.end, scope);
    return tok;
  };
  const counts = { blocks: 0, fields: 0, values: 0, comprehensions: 0, imports: 0 };

  function value() {
    counts.values++;
    const tok = next();
    if (!tok) fail(text.length, 'expected a value');
    switch (tok.type) {
      case 'string':
        return;
      case 'number': {
        expect(tok.start, tok.end, S[tok.kind]);
        if (tok.suffix) expect(tok.end - tok.suffix.length, tok.end, S.unit);
        return;
      }
      case 'name': {
        if (tok.plain && (tok.text === 'true' || tok.text === 'false')) {
          expect(tok.start, tok.end, S.boolean);
          return;
        }
        expect(tok.start, tok.end, S.reference);
        while (is(peek(), '.') && is(peek(1), 'name')) {
          const dot = next();
          expect(dot.start, dot.end, S.accessor);
          const part = next();
          expect(part.start, part.end, S.reference);
        }
        return;
      }
      case '[': {
        expect(tok.start, tok.end, S.listBegin);
        while (!is(peek(), ']')) {
          value();
          if (is(peek(), ',')) want(',', S.comma);
          else break;
        }
        brackets.push([tok.start, want(']', S.listEnd).start]);
        return;
      }
      case '{': {
        expect(tok.start, tok.end, S.mapBegin);
        while (!is(peek(), '}')) {
          const key = next();
          if (!key || (key.type !== 'name' && key.type !== 'string') || (key.type === 'name' && !key.plain)) {
            fail(key ? key.start : text.length, 'expected a map key');
          }
          expect(key.start, key.end, S.mapKey);
          want('=', S.assign);
          value();
          if (is(peek(), ',')) want(',', S.comma);
        }
        brackets.push([tok.start, want('}', S.mapEnd).start]);
        return;
      }
      default:
        fail(tok.start, `expected a value, found \`${tok.type}\``);
    }
  }

  function items(inBlock) {
    for (;;) {
      const tok = peek();
      if (!tok) {
        if (inBlock) fail(text.length, 'a block without its `}`');
        return;
      }
      if (tok.type === '}') {
        if (!inBlock) fail(tok.start, 'a `}` that closes nothing');
        return;
      }
      if (tok.type !== 'name') fail(tok.start, `expected an item, found \`${tok.type}\``);
      const after = peek(1);
      if (is(tok, 'name', 'for') && is(after, 'name') && is(peek(2), 'name', 'in')) {
        counts.comprehensions++;
        next();
        expect(tok.start, tok.end, S.for);
        const variable = next();
        expect(variable.start, variable.end, S.loopVariable);
        const kwIn = next();
        expect(kwIn.start, kwIn.end, S.in);
        value();
        const open = want('{', S.blockBegin);
        items(true);
        brackets.push([open.start, want('}', S.blockEnd).start]);
      } else if (is(tok, 'name', 'import') && is(after, 'string')) {
        counts.imports++;
        next();
        expect(tok.start, tok.end, S.import);
        next();
      } else if (is(after, '=')) {
        counts.fields++;
        next();
        if (!tok.plain) fail(tok.start, 'a field name with ${...}');
        expect(tok.start, tok.end, tok.text === 'use' ? S.use : S.field);
        want('=', S.assign);
        value();
      } else {
        // KIND NAME? "LABEL"? { items }
        counts.blocks++;
        next();
        if (!tok.plain) fail(tok.start, 'a block kind with ${...}');
        expect(tok.start, tok.end, knownKinds.has(tok.text) ? S.kind : S.unknownKind);
        if (is(peek(), 'name')) {
          const name = next();
          expect(name.start, name.end, tok.text === 'param' ? S.paramName : S.blockName);
        }
        if (is(peek(), 'string')) next();
        const open = want('{', S.blockBegin);
        items(true);
        brackets.push([open.start, want('}', S.blockEnd).start]);
      }
    }
  }

  items(false);
  counts.tokens = tokens.length;
  return { expects, comments, strings, interpolations, brackets, tokens, counts };
}

module.exports = { scan, ScanError, SCOPES: S };
