import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseOutcomeDate,
  parseOutcomeValue,
  outcomeTimeline,
  newOutcomeChange,
} from '../../src/core/records/outcome';
import { outcomeRowsFromCsv } from '../../src/core/records/outcome-rows';
import { parseCsv } from '../../src/core/records/parse-csv';

const cells = (text: string) => {
  const parsed = parseCsv(text);
  return 'problem' in parsed
    ? parsed
    : parsed.rows.map((r) => [r.line, ...r.cells.map((c) => c.text)]);
};

describe('parseCsv (RFC 4180)', () => {
  it.each([
    [
      'a,b\n1,2\n',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
      ],
    ],
    [
      'a,b\r\n1,2',
      [
        [1, 'a', 'b'],
        [2, '1', '2'],
      ],
    ],
    [
      '\uFEFFa\n"x, y"\n',
      [
        [1, 'a'],
        [2, 'x, y'],
      ],
    ],
    [
      'a,b\n"say ""hi""",\n',
      [
        [1, 'a', 'b'],
        [2, 'say "hi"', ''],
      ],
    ],
    [
      'a\n"two\nlines"\nnext\n',
      [
        [1, 'a'],
        [2, 'two\nlines'],
        [4, 'next'],
      ],
    ],
    [
      'a\n\n\nb\n',
      [
        [1, 'a'],
        [4, 'b'],
      ],
    ],
    [',,\n', [[1, '', '', '']]],
    [
      '"a","b"\r\n"c\r\nd",e\r\n',
      [
        [1, 'a', 'b'],
        [2, 'c\r\nd', 'e'],
      ],
    ],
  ])('reads %j', (text, expected) => {
    expect(cells(text)).toEqual(expected);
  });

  it.each([
    ['a\n"never closed\n', 'a quoted field is never closed', { line: 2, column: 1 }],
    ['a\n"closed" then text\n', 'text follows the closing quote', { line: 2, column: 9 }],
    ['a\nsome "quote\n', 'a quote inside an unquoted field', { line: 2, column: 6 }],
  ])('refuses %j, saying where', (text, problem, at) => {
    const parsed = parseCsv(text);
    expect('problem' in parsed && parsed.problem).toMatch(problem);
    expect('at' in parsed && parsed.at).toEqual(at);
  });

  it('reads back any table written with RFC 4180 quoting', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é') });
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const quote = (f: string): string =>
            /[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f;
          const text = rows.map((r) => r.map(quote).join(',')).join('\r\n');
          const parsed = parseCsv(text);
          expect('rows' in parsed && parsed.rows.map((r) => r.cells.map((c) => c.text))).toEqual(
            rows,
          );
        },
      ),
    );
  });
});

describe('outcome values and dates', () => {
  it('suggests the nearest outcome', () => {
    expect(parseOutcomeValue('went badly')).toMatchObject({
      hint: expect.stringMatching(/did you mean "went-badly"/) as unknown,
    });
    expect(parseOutcomeValue('Went-Well')).toEqual({ value: 'went-well' });
  });
  it.each([
    ['2026-02-29', 'not a day of the calendar'],
    ['2026-06-02', 'in the future'],
    ['02/06/2026', 'not a date like'],
  ])('refuses the date %s', (text, problem) => {
    expect(parseOutcomeDate(text, '2026-06-01')).toMatchObject({
      problem: expect.stringContaining(problem) as unknown,
    });
  });
  it('keeps each change once, in the order recorded', () => {
    const a = newOutcomeChange(
      'r',
      'mixed',
      '2026-01-01',
      new Date('2026-01-02T00:00:00Z'),
      null,
      undefined,
      'aaaaaaaa',
    );
    const b = newOutcomeChange(
      'r',
      'went-well',
      '2026-01-01',
      new Date('2026-01-03T00:00:00Z'),
      null,
      undefined,
      'bbbbbbbb',
    );
    expect(outcomeTimeline([b, a, b]).map((c) => c.value)).toEqual(['mixed', 'went-well']);
  });
  it('an unknown column is one problem: the rows are still checked, so one run names every problem', () => {
    const { rows, problems } = outcomeRowsFromCsv(
      'record,outcome,notes\nx,went-well,fine\ny,went-wel,oops\n',
      'f.csv',
      '2026-06-01',
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'unknown column "notes"'],
      [3, expect.stringContaining('went-wel') as unknown],
    ]);
    expect(rows.map((r) => r.ref.text)).toEqual(['x']);
  });
  it('says when a file separates its fields with semicolons', () => {
    const { problems } = outcomeRowsFromCsv('record;outcome\nx;went-well\n', 'f.csv', '2026-06-01');
    expect(problems[0]?.hint).toMatch(/separated by ";": save the file as CSV with commas/);
  });
  it('names a row with too many fields, and each bad field, with its line', () => {
    const { problems } = outcomeRowsFromCsv(
      'record,outcome\nx,went-well,extra\ny,\n',
      'f.csv',
      '2026-06-01',
    );
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'the row has 3 fields; the header has 2'],
      [3, 'the row has no outcome'],
    ]);
  });
});
