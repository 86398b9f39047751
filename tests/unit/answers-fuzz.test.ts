import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAnswersSource } from '../../src/io/read-answers';

// The answers reader (the plain fast path, then the full reader) on files
// made of the pieces answers files are made of, and of the pieces that break
// them: whatever it is given, it returns exactly the values the `yaml`
// package reads, or diagnostics that say where — never an exception.

const encoder = new TextEncoder();

const key = fc.constantFrom(
  'answers',
  'prospect',
  'bank',
  'request-source',
  'valued',
  'q1',
  '"quoted key"',
  "'k'",
  '__proto__',
  'a b',
  '? x',
  'y',
  '1',
  '-',
  '',
);
const scalar = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'competitor',
      'our-craft',
      'Acme Ltd',
      '"quoted: yes"',
      '5',
      'light-bulb',
    ),
  },
  fc.constantFrom(
    'competitor',
    'unknown',
    '"no"',
    'yes',
    '4',
    '-1',
    '0x1F',
    '1e3',
    '.5',
    '~',
    'null',
    'true',
    "'it''s'",
    '"a\\tb"',
    '"\\u263A"',
    '"\\x1b]0;t\\x07"',
  ),
  fc.constantFrom(
    '&a x',
    '*a',
    '!!binary aGk=',
    '!custom x',
    '|',
    '>-',
    '"unterminated',
    "'open",
    '{ value: x, note: "n" }',
    '[a, b]',
    '[a, [b]]',
    '{ a: 1, a: 2 }',
    '{a: }',
  ),
  fc.string({
    minLength: 1,
    unit: fc.constantFrom(
      'a',
      ' ',
      ':',
      '#',
      '"',
      "'",
      '-',
      '{',
      '}',
      '[',
      ']',
      ',',
      '\t',
      '\\',
      '\u0085',
      '\u2028',
      '\u202E',
      '\u{E0041}',
      'é',
    ),
    maxLength: 12,
  }),
);
const indent = fc.oneof(
  { weight: 5, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constant('  ') },
  fc.constantFrom('    ', ' ', '\t'),
);
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(indent, key, fc.constantFrom(': ', ':', ':  '), scalar)
      .map(([i, k, c, v]) => `${i}${k}${c}${v}`),
  },
  { weight: 2, arbitrary: fc.tuple(indent, key).map(([i, k]) => `${i}${k}:`) },
  { weight: 1, arbitrary: fc.tuple(indent, scalar).map(([i, v]) => `${i}- ${v}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '# comment',
      '',
      '---',
      '...',
      '%YAML 1.1',
      '%TAG ! tag:x,2000:',
      '  # indented',
      '\uFEFF',
      'answers: &root',
      '<<: *root',
    ),
  },
);
const file = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\n', '\r\n'))
  .map(([lines, newline]) => lines.join(newline));

/** Diagnostics that concern the whole file and so have no line: the size, the encoding of its first bytes. */
const wholeFile = new Set(['file-too-large', 'not-utf8', 'too-many-aliases']);

describe('the answers reader, fuzzed', () => {
  it('returns what the yaml package reads, or located diagnostics, for a few thousand generated files', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(file, (text) => {
        const bytes = encoder.encode(text);
        const read = readAnswersSource('-', '/', () => ({ ok: true, bytes }));
        if ('diagnostics' in read) {
          refused++;
          expect(read.diagnostics.length).toBeGreaterThan(0);
          for (const d of read.diagnostics) {
            expect(d.file).toBe('<stdin>');
            if (!wholeFile.has(d.code))
              expect(d.line, `${d.code}: ${d.message}\n${text}`).toBeGreaterThan(0);
          }
          return;
        }
        accepted++;
        const reference: unknown = parse(text.replace(/^\uFEFF/, ''));
        // toEqual treats a key named __proto__ as ordinary only with own properties: the reader refuses those anyway.
        expect(read.source.data, text).toEqual(reference);
      }),
      { numRuns: 3000, seed: 20261130 },
    );
    // Both outcomes must be common, or the property proves little.
    expect(accepted).toBeGreaterThan(250);
    expect(refused).toBeGreaterThan(300);
  }, 120_000);
});
