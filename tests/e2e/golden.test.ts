import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { displayWidth } from '../../src/render/wrap-text';
import { root } from '../helpers/paths';

import { cli } from '../helpers/in-process';

// Rendered reports, byte for byte: NO_COLOR, TZ=UTC, SOURCE_DATE_EPOCH fixed by runCli.
// UPDATE_GOLDEN=1 npx vitest run tests/e2e/golden.test.ts rewrites them; review the diff.
const golden = join(root, 'tests', 'golden');
const samples = join(root, 'questions', 'samples');

const cases = ['northwind-bakery', 'fjord-instruments'];
// The text report without COLUMNS wraps to 80 (standard output is no terminal here); COLUMNS sets the width.
const variants = [
  { format: 'text', file: 'txt', args: [], columns: '' },
  { format: 'text', file: 'w60.txt', args: [], columns: '60' },
  { format: 'text', file: 'w120.txt', args: [], columns: '120' },
  { format: 'text', file: 'brief.txt', args: ['--brief'], columns: '' },
  { format: 'json', file: 'json', args: [], columns: '' },
  { format: 'markdown', file: 'md', args: [], columns: '' },
] as const;

async function report(
  name: string,
  format: string,
  columns: string,
  args: readonly string[] = [],
): Promise<string> {
  const r = await cli(
    ['run', '--no-save', '--answers', join(samples, `${name}.yaml`), '--format', format, ...args],
    { cwd: root, env: { COLUMNS: columns } },
  );
  // Northwind's answers were written for bank 2.0.0: they run unchanged, with one line naming the value read under its new name.
  expect(r.stderr).toBe(
    name === 'northwind-bakery'
      ? "note: read under the bank's new names (the old values still work): accepts-process: no → impatient\n"
      : '',
  );
  expect(r.status).toBe(0);
  return r.stdout;
}

describe('golden reports', () => {
  for (const name of cases) {
    for (const { format, file: ext, args, columns } of variants) {
      it(`${name} as ${format}${args.length > 0 ? ` ${args.join(' ')}` : ''}${columns === '' ? '' : ` at ${columns} columns`}`, async () => {
        const out = await report(name, format, columns, args);
        const file = join(golden, `${name}.${ext}`);
        if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, out);
        expect(out).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

/** The free text of an answers file: text answers and every note, as written. */
function freeText(name: string): string[] {
  const data = parse(readFileSync(join(samples, `${name}.yaml`), 'utf8')) as {
    answers: Record<string, unknown>;
  };
  const texts: string[] = [];
  for (const [id, entry] of Object.entries(data.answers)) {
    if (
      typeof entry === 'object' &&
      entry !== null &&
      'note' in entry &&
      typeof entry.note === 'string'
    )
      texts.push(entry.note);
    const value =
      typeof entry === 'object' && entry !== null && 'value' in entry ? entry.value : entry;
    if ((id === 'request' || id === 'notes') && typeof value === 'string') texts.push(value);
  }
  return texts;
}

describe('the text report wraps between words', () => {
  for (const name of cases) {
    // At 9,999 columns the report is wrapped only at 100 columns (prose stops there): the words in order, as the report has them.
    let wide: Promise<string> | undefined;
    const unwrappedReport = (): Promise<string> => (wide ??= report(name, 'text', '9999'));
    for (const width of [60, 80, 120]) {
      it(`${name} at ${width} columns: every line fits, no word is broken, the request and notes are quoted`, async () => {
        const out = await report(name, 'text', String(width));
        const unwrapped = await unwrappedReport();
        const lines = out.split('\n');
        for (const line of lines)
          if (words(line).length > 1) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
        // Breaking a word would split it in two; joining lines would merge two: the words must be the same, in order.
        expect(words(out)).toEqual(words(unwrapped));
        // Each line end is a word end in the unwrapped text: the last word of a line and the first of the next are neighbours there.
        const flat = ` ${words(unwrapped).join(' ')} `;
        lines.forEach((line, i) => {
          const next = words(lines[i + 1] ?? '')[0];
          const last = words(line).at(-1);
          if (last !== undefined && next !== undefined)
            expect(flat, `line ${i + 1} ends "${last}"`).toContain(` ${last} ${next} `);
        });
        if (width < 100)
          expect(out.split('\n').length).toBeGreaterThan(unwrapped.split('\n').length);
        else expect(out).toBe(unwrapped);
        expect(Math.max(...unwrapped.split('\n').map(displayWidth))).toBeLessThanOrEqual(100);
        const texts = freeText(name);
        expect(texts.length).toBeGreaterThanOrEqual(2);
        const joined = words(out).join(' ');
        for (const text of texts) expect(joined).toContain(words(text).join(' '));
      });
    }
  }
});
