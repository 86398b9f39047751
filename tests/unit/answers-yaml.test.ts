import fc from 'fast-check';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/core/yaml/parse-yaml';
import { readAnswersSource } from '../../src/io/read-answers';
import { naughtyStrings } from '../helpers/corpus';
import { root } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

// Answers files go through the one hardened YAML reader. What the second,
// hand-written reader's differential tests taught is kept here as properties
// of that reader on the files people write: the template's shape reads to
// exactly the values meant, quoted text comes back exactly, awkward keys stay
// plain data, and mistakes are located.

const encoder = new TextEncoder();

/** The reader's value for a text, or undefined when it refuses the text. */
function read(text: string): unknown {
  const result = parseYaml(encoder.encode(text), 'test.yaml');
  return result.ok ? result.source.data : undefined;
}

/** A value written out with its types, key order and prototypes. */
function shape(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(shape).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) === Object.prototype ? 'object' : 'other';
    return `${proto}{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${shape(v)}`)
      .join(',')}}`;
  }
  return `${typeof value}:${Object.is(value, -0) ? '-0' : JSON.stringify(value)}`;
}

describe('answers files through the one YAML reader', () => {
  it("reads the shipped samples, and a file in the template's shape to exactly the values meant", () => {
    for (const name of readdirSync(join(root, 'questions', 'samples'))) {
      const data = read(readFileSync(join(root, 'questions', 'samples', name), 'utf8')) as
        { answers?: unknown } | undefined;
      expect(typeof data?.answers, name).toBe('object');
    }
    const template = [
      '# Answers for the bank "three-degrees".',
      '#   Keep the prospect\'s own words with:  id: { value: <answer>, note: "their words" }',
      'bank: three-degrees',
      'prospect: "Fjord & Sons, Ltd."',
      'answers:',
      '',
      '  # ── The request ──',
      '  request: { value: "A site: like theirs", note: \'It\'\'s what we "need"\' }',
      '  request-source: competitor   # the idea came from them',
      '  why-competitor:',
      '  valued: [our-craft, price]',
      '  empty-list: []',
      '  product-knowledge: 4',
      '  needs-endorsement: "no"',
      '  mistakes: unknown',
      '  notes: Call back after 3pm, ask for Ana — C# shop; 50% paid',
      '  tilde: ~',
      '  flag: true',
      '  zero: 0',
    ].join('\n');
    const expected = {
      bank: 'three-degrees',
      prospect: 'Fjord & Sons, Ltd.',
      answers: {
        request: { value: 'A site: like theirs', note: 'It\'s what we "need"' },
        'request-source': 'competitor',
        'why-competitor': null,
        valued: ['our-craft', 'price'],
        'empty-list': [],
        'product-knowledge': 4,
        'needs-endorsement': 'no',
        mistakes: 'unknown',
        notes: 'Call back after 3pm, ask for Ana — C# shop; 50% paid',
        tilde: null,
        flag: true,
        zero: 0,
      },
    };
    expect(shape(read(template))).toBe(shape(expected));
  });

  it('gives back every naughty string exactly, written as a quoted value every way an answers file can', () => {
    const naughty = naughtyStrings();
    for (const s of naughty) {
      const single = `'${s.replaceAll("'", "''")}'`;
      const forms: [string, (string | number)[]][] = [
        [`note: ${JSON.stringify(s)}`, ['note']],
        [`note: ${single}`, ['note']],
        [`a:\n  q: { value: x, note: ${JSON.stringify(s)} }`, ['a', 'q', 'note']],
        [`a:\n  q: [${single}, ${JSON.stringify(s)}]`, ['a', 'q', 1]],
        [stringify({ answers: { q: { value: 'x', note: s } } }), ['answers', 'q', 'note']],
      ];
      for (const [text, path] of forms) {
        const data = read(text);
        expect(data, `refused:\n${text}`).not.toBeUndefined();
        expect(
          path.reduce<unknown>((at, key) => (at as Record<string | number, unknown>)[key], data),
          text,
        ).toBe(s);
      }
    }
  });

  it('never throws on generated files with awkward keys, values, comments and indentation; what it reads is plain data that reads back the same', () => {
    const tricky = fc.constantFrom(
      '-',
      '-3',
      '+',
      '.',
      '.5',
      '1e3',
      '0x1F',
      '0o17',
      '007',
      ':',
      ': ',
      '#',
      ' #',
      '"',
      "'",
      "''",
      '\\',
      '\\n',
      '\\u00e9',
      '\\x41',
      ',',
      '[',
      ']',
      '{',
      '}',
      '&',
      '*',
      '!',
      '|',
      '>',
      '%',
      '@',
      '`',
      '~',
      '?',
      'null',
      'true',
      'False',
      'yes',
      '\u00a0',
      '\u0085',
      '\u2028',
      '\t',
      '\r',
      '\u0007',
    );
    const safe = fc.constantFrom(
      'a',
      'Z',
      'ok',
      'word',
      'a0',
      'b7',
      'c12',
      ' ',
      'é',
      '—',
      '😀',
      'C#',
      'x:y',
      "it's",
      '50%',
    );
    const piece = fc.oneof({ weight: 12, arbitrary: safe }, { weight: 1, arbitrary: tricky });
    const word = fc.array(piece, { minLength: 0, maxLength: 5 }).map((parts) => parts.join(''));
    const key = fc.oneof(
      {
        weight: 20,
        arbitrary: fc.constantFrom(
          'a',
          'b',
          'note',
          'value',
          'request-source',
          '$schema',
          'x.y',
          'constructor',
          'toString',
        ),
      },
      {
        weight: 1,
        arbitrary: fc.oneof(fc.constantFrom('true', 'null', 'yes', '1', '-a', 'a b', '"a"'), word),
      },
    );
    const scalar = fc.oneof(
      word,
      word.map((w) => JSON.stringify(w)),
      word.map((w) => `'${w.replaceAll("'", "''")}'`),
      word.map((w) => `"${w}"`),
      fc.constantFrom('', '~', 'null', 'true', 'FALSE', '0', '42', '-1', '3.5'),
    );
    const flow = fc.oneof(
      fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc
        .array(
          fc.tuple(
            key,
            fc.oneof(
              scalar,
              fc.array(scalar, { maxLength: 2 }).map((items) => `[${items.join(',')}]`),
            ),
          ),
          { maxLength: 3 },
        )
        .map((pairs) => `{ ${pairs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
    );
    const value = fc.oneof(
      { weight: 4, arbitrary: scalar },
      { weight: 2, arbitrary: flow },
      { weight: 1, arbitrary: fc.constant('') },
    );
    const trailer = fc.constantFrom('', '', '', '', '', ' # note', '  ', ' #', '#x');
    const entry = (indent: string) =>
      fc
        .tuple(key, fc.constantFrom(': ', ': ', ': ', ':  ', ':'), value, trailer)
        .map(([k, colon, v, t]) => `${indent}${k}${colon}${v}${t}`);
    const noise = fc.constantFrom(
      '',
      '# a comment',
      '  # indented comment',
      '   ',
      '---',
      '- item',
      '  - item',
      ' odd: indent',
      '\t# tab',
    );
    // The answers file's shape: top-level keys, one nested block of entries, comments and blank lines between.
    const file = fc
      .tuple(
        fc.array(entry(''), { minLength: 1, maxLength: 3 }),
        key,
        fc.constantFrom('  ', '    ', '  '),
        fc.array(
          fc.oneof({ weight: 10, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: noise }),
          { minLength: 1, maxLength: 6 },
        ),
        fc.array(entry('  '), { minLength: 1, maxLength: 6 }),
      )
      .map(([top, parent, childIndent, extras, children]) => {
        const lines = [
          ...top,
          `${parent}:`,
          ...children.map((c) => c.replace(/^ {2}/, childIndent)),
        ];
        extras.forEach((extra, i) => {
          if (extra !== null) lines.splice(Math.min(lines.length, i * 2), 0, extra);
        });
        return lines.join('\n');
      });
    let valid = 0;
    fc.assert(
      fc.property(file, (text) => {
        const result = parseYaml(encoder.encode(text), 'test.yaml');
        if (!result.ok) {
          // A refusal names the place: every diagnostic has a line and column, or concerns the whole file.
          for (const d of result.diagnostics)
            expect(d.line === undefined || (d.line >= 1 && (d.column ?? 0) >= 1)).toBe(true);
          return;
        }
        valid++;
        // Keys such as "constructor" or "toString" stay plain own data, and the value written out again reads the same.
        expect(shape(read(stringify(result.source.data)))).toBe(shape(result.source.data));
      }),
      { numRuns: 3000, seed: 20261122 },
    );
    // The generator must make valid files, or the property proves little.
    expect(valid).toBeGreaterThan(300);
  });

  it('locates mistakes in answers files, in flow and block style', () => {
    const dir = tempDir();
    const flowFile = join(dir, 'flow.yaml');
    writeFileSync(
      flowFile,
      'bank: three-degrees\nanswers:\n  request-source: competitor\n  valued: [price, nope]\n',
    );
    const flow = readAnswersSource(flowFile, dir);
    if (!('source' in flow)) throw new Error('expected the reader to read it');
    expect(flow.source.locate(['answers', 'valued', 1])).toEqual({ line: 4, column: 19 });
    expect(flow.source.locate(['answers', 'request-source'], { key: true })).toEqual({
      line: 3,
      column: 3,
    });
    const blockFile = join(dir, 'block.yaml');
    writeFileSync(blockFile, 'answers:\n  valued:\n    - price\n');
    const block = readAnswersSource(blockFile, dir);
    if (!('source' in block)) throw new Error('expected the reader to read it');
    expect(block.source.locate(['answers', 'valued', 0])).toEqual({ line: 3, column: 7 });
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'answers:\n  a: 1\n  a: 2\n');
    const refused = readAnswersSource(broken, dir);
    expect(refused).toMatchObject({ diagnostics: [{ code: 'duplicate-key', line: 3, column: 3 }] });
  });
});
