import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main, type MainIO } from '../../src/main';
import { displayWidth } from '../../src/render/wrap-text';
import { root } from '../helpers/paths';
import { isolatedXdg } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

const sample = join(root, 'questions', 'samples', 'northwind-bakery.yaml');

/** main() with standard output a terminal of `columns` columns (or a pipe), and standard input closed. */
async function run(
  argv: readonly string[],
  stdout: { isTTY: boolean; columns?: number },
  env: Record<string, string> = {},
) {
  let out = '';
  let err = '';
  const io: MainIO = {
    stdout: { write: (s: string) => (out += s), ...stdout },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin: { isTTY: false },
    env: { ...isolatedXdg(), NO_COLOR: '1', TZ: 'UTC', SOURCE_DATE_EPOCH: '1767225600', ...env },
    cwd: root,
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  const status = await main(argv, io);
  return { status, stdout: out, stderr: err };
}

/** The widest line of a report, in terminal columns. */
function widest(text: string): number {
  return Math.max(...text.split('\n').map(displayWidth));
}

describe('the width of the text report', () => {
  it.each([
    ['a terminal of 70 columns', { isTTY: true, columns: 70 }, {}, 70],
    // Prose stops at 100 columns, however wide the terminal.
    ['a terminal of 132 columns', { isTTY: true, columns: 132 }, {}, 100],
    ['a pipe', { isTTY: false }, {}, 80],
    ['a terminal, with COLUMNS=64', { isTTY: true, columns: 132 }, { COLUMNS: '64' }, 64],
    ['a pipe, with COLUMNS=100', { isTTY: false }, { COLUMNS: '100' }, 100],
    ['a pipe, with COLUMNS=250', { isTTY: false }, { COLUMNS: '250' }, 100],
    [
      'a terminal, with COLUMNS that is no number',
      { isTTY: true, columns: 90 },
      { COLUMNS: 'wide' },
      90,
    ],
    ['a terminal that reports no width', { isTTY: true }, {}, 80],
  ])('%s', async (_, stdout, env, width) => {
    const r = await run(['run', '--no-save', '--answers', sample], stdout, env);
    expect(r.status).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(width);
    // Some line fills most of the width: the report is wrapped to it, not to something narrower.
    expect(widest(r.stdout)).toBeGreaterThan(width - 12);
  });

  it('a report written with --output is wrapped to 80 columns, whatever the terminal', async () => {
    const file = join(tempDir(), 'report.txt');
    const r = await run(['run', '--no-save', '--answers', sample, '--output', file], {
      isTTY: true,
      columns: 150,
    });
    expect(r.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(widest(text)).toBeGreaterThan(68);
  });
});

describe('--brief', () => {
  it('prints the short form: the verdict, the reason and the key evidence, without the details', async () => {
    const full = await run(['run', '--no-save', '--answers', sample], { isTTY: false });
    const brief = await run(['run', '--no-save', '--answers', sample, '--brief'], { isTTY: false });
    expect(brief.status).toBe(0);
    expect(brief.stdout).toMatch(/^\[ DECLINE \] Northwind Bakery\nWhy: /);
    expect(brief.stdout).toContain('Key evidence');
    expect(brief.stdout).toContain('“A logo our regulars voted for”');
    expect(full.stdout).toContain('What would change the call');
    // Green flags too, not only red ones; and the one answer that would change the call first, not every one.
    expect(brief.stdout).toMatch(/^ {2}✔ Values what we offer/m);
    expect(brief.stdout).toMatch(/^ {2}✖ Needs us to endorse their choice/m);
    expect(brief.stdout).toMatch(/and \d+ more flags \(5 red, 3 green in all\)/);
    expect(brief.stdout.match(/^ {2}• /gm)).toHaveLength(1);
    expect(full.stdout.match(/^ {2}• /gm)?.length).toBeGreaterThan(1);
    expect(brief.stdout.split('\n').length).toBeLessThan(full.stdout.split('\n').length / 2);
  });

  it('sets the format to text over one from the environment', async () => {
    const r = await run(
      ['run', '--no-save', '--answers', sample, '--brief'],
      { isTTY: false },
      { CLIENTFIT_FORMAT: 'json' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Key evidence');
  });

  it.each([['--json'], ['--format', 'markdown']])(
    'with %s is a usage error, said before anything is assessed',
    async (...flags) => {
      const r = await run(['run', '--no-save', '--answers', sample, '--brief', ...flags], {
        isTTY: false,
      });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /--brief is the short text report; it cannot be combined with --format (json|markdown)/,
      );
      expect(r.stderr).toMatch(/hint: drop --brief/);
    },
  );

  it('works on show, for a saved record', async () => {
    const store = tempDir();
    const saved = await run(['run', '--store', store, '--answers', sample], { isTTY: false });
    expect(saved.status).toBe(0);
    const r = await run(['show', 'Northwind', '--store', store, '--brief'], {
      isTTY: true,
      columns: 60,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Key evidence');
    expect(widest(r.stdout)).toBeLessThanOrEqual(60);
  });
});

describe('the text report in colour', () => {
  it('wraps exactly as without colour: colour codes take no columns', async () => {
    const plain = await run(['run', '--no-save', '--answers', sample], {
      isTTY: true,
      columns: 70,
    });
    const coloured = await run(
      ['--color', 'run', '--no-save', '--answers', sample],
      { isTTY: true, columns: 70 },
      { NO_COLOR: '' },
    );
    expect(coloured.status).toBe(0);
    expect(coloured.stdout).toContain('\u001b[');
    expect(stripVTControlCharacters(coloured.stdout)).toBe(plain.stdout);
  });
});
