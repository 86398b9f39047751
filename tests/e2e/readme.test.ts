import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, VerdictExitCode } from '../../src/exit-codes';
import { loadBank } from '../../src/io/load-bank';
import { root } from '../helpers/paths';
import { isolatedEnv } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir, writeTree } from '../helpers/temp';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const bankGuide = readFileSync(join(root, 'questions', 'README.md'), 'utf8');

/** The README's text from the heading `from` up to the next heading of the same level. */
function section(from: string): string {
  const start = readme.indexOf(`\n${from}\n`);
  expect(start, from).toBeGreaterThanOrEqual(0);
  const level = /^#+ /.exec(from)?.[0] ?? '## ';
  const end = readme.indexOf(`\n${level}`, start + from.length + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('README.md', () => {
  it('is at most 500 lines, for owners; what only a contributor needs is in CONTRIBUTING.md', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(500);
    expect(readme).toContain('[CONTRIBUTING.md](CONTRIBUTING.md)');
    expect(readme).not.toMatch(/\.lock\b|\.tmp\b|fsync|src\/core|node-pty/);
  });

  it('every link to a file of the project leads to one, and every link within the page to a heading', () => {
    for (const [page, text] of [
      ['README.md', readme],
      ...['CONTRIBUTING.md', 'questions/README.md', 'questions/schema/README.md'].map(
        (p) => [p, readFileSync(join(root, p), 'utf8')] as const,
      ),
    ] as const) {
      const headings = new Set(
        [...text.matchAll(/^#+ (.+)$/gm)].map((m) =>
          (m[1] ?? '')
            .toLowerCase()
            .replace(/[^a-z0-9 -]/g, '')
            .replace(/ /g, '-'),
        ),
      );
      for (const [, target = ''] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^https?:/.test(target)) continue;
        if (target.startsWith('#'))
          expect(headings, `${page}: ${target}`).toContain(target.slice(1));
        else
          expect(
            existsSync(join(root, dirname(page), target.replace(/#.*$/, ''))),
            `${page}: ${target}`,
          ).toBe(true);
      }
    }
  });

  it('the what-if commands run as printed in the clone', async () => {
    const lines = [
      ...section('## What if? Changing one answer').matchAll(/^npx clientfit (run .*)$/gm),
    ].map((m) => m[1] ?? '');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const r = await cli(line.split(' '));
      expect(r.stderr.replace(/^note: .*\n/gm, ''), line).toBe('');
      expect(r.status, line).toBe(0);
      expect(r.stdout, line).toMatch(/^\[ [A-Z ]+ \] Northwind Bakery/);
    }
  });

  it('opens with the install-and-run command and the test command', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toMatch(
      /^npm ci && npx clientfit {4}# install, then interview a prospect/m,
    );
    expect(firstScreen).toContain(
      'npx clientfit run --answers questions/samples/northwind-bakery.yaml',
    );
    expect(firstScreen).toMatch(/^npm test\b/m);
  });

  it('`npx clientfit` resolves to this project after `npm ci` (no download)', () => {
    const r = spawnSync('npx', ['--no-install', 'clientfit', '--help'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      // Without it, npx runs the project's `prepare` (a new build) while other files run dist/.
      env: { ...isolatedEnv(), NO_COLOR: '1', npm_config_ignore_scripts: 'true' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: clientfit /);
  });

  it('the first command really runs and prints a verdict', async () => {
    const r = await cli(['run', '--answers', 'questions/samples/northwind-bakery.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\[ DECLINE \]/m);
  });

  it('documents the --exit-code statuses the code uses', () => {
    const rows = [
      ...section('## In scripts: exit codes').matchAll(/^\| (\d+) \| ([a-z ]+) \|$/gm),
    ].map((m) => [m[2]?.replace(/ /g, '-'), Number(m[1])]);
    expect(Object.fromEntries(rows)).toEqual(VerdictExitCode);
  });

  it('lists exactly the exit codes the code defines, the verdicts of --exit-code included', () => {
    const rows = [...section('## Exit codes').matchAll(/^\| (\d+) \| /gm)].map((m) => Number(m[1]));
    const codes = new Set<number>([...Object.values(ExitCode), ...Object.values(VerdictExitCode)]);
    expect(rows.sort((a, b) => a - b)).toEqual([...codes].sort((a, b) => a - b));
  });

  it('the onboarding step runs twice in a row as written, and history shows the one record it says', async () => {
    const scripting = section('## In scripts: exit codes');
    const script = /```sh\n(#!\/bin\/sh\n[\s\S]*?)```/.exec(scripting)?.[1] ?? '';
    expect(script).toContain('clientfit run --answers "intake/$CLIENT.yaml" --prospect "$CLIENT"');
    // What the README promises after it: one row in `clientfit history --prospect "$CLIENT"`, however many runs.
    expect(scripting).toMatch(
      /`clientfit history --prospect "\$CLIENT"` shows\s+one\s+row\s+for\s+it\s+however\s+many\s+times\s+the\s+step\s+ran/,
    );
    const dir = writeTree({
      'onboard.sh': script,
      // An intake form with no name in it: --prospect "$CLIENT" names the record.
      'intake/fjord.yaml': readFileSync(
        join(root, 'questions/samples/fjord-instruments.yaml'),
        'utf8',
      ).replace(/^prospect: .*\n/m, ''),
      // `clientfit` on the PATH, as the install section leaves it.
      'bin/clientfit': `#!/bin/sh\nexec "${process.execPath}" "${join(root, 'bin/clientfit.js')}" "$@"\n`,
    });
    chmodSync(join(dir, 'bin/clientfit'), 0o755);
    const env = {
      ...isolatedEnv(),
      NO_COLOR: '1',
      CLIENT: 'fjord',
      CLIENTFIT_STORE: join(dir, 'records'),
      PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`,
    };
    const runs = [1, 2].map(() =>
      spawnSync('/bin/sh', ['onboard.sh'], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 }),
    );
    for (const r of runs) {
      expect(r.stdout).toBe('fjord: take — start onboarding\n');
      expect(r.status).toBe(0);
    }
    expect(runs[0]?.stderr).toMatch(/^Saved as record (\S+) — /m);
    const id = /^Saved as record (\S+) — /m.exec(runs[0]?.stderr ?? '')?.[1] ?? '';
    expect(runs[1]?.stderr).toContain(
      `Already recorded as record ${id} (the same prospect, answers and bank): not saved again`,
    );
    expect(JSON.parse(readFileSync(join(dir, 'intake/fjord.report.json'), 'utf8'))).toMatchObject({
      prospect: 'fjord',
      recommendation: 'take',
    });
    // Wide enough for whole ids: at 80 columns history cuts them (any unambiguous start of one works).
    const history = spawnSync('/bin/sh', ['-c', 'clientfit history --prospect "$CLIENT"'], {
      cwd: dir,
      env: { ...env, COLUMNS: '200' },
      encoding: 'utf8',
    });
    expect(history.status).toBe(0);
    const rows = history.stdout.split('\n').filter((l) => l.includes(' fjord '));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(id);

    // A changed answer is a new assessment: recorded beside the first.
    const form = join(dir, 'intake/fjord.yaml');
    writeFileSync(
      form,
      readFileSync(form, 'utf8').replace('product-knowledge: 5', 'product-knowledge: 4'),
    );
    expect(
      spawnSync('/bin/sh', ['onboard.sh'], { cwd: dir, env, encoding: 'utf8' }).stderr,
    ).toMatch(/^Saved as record /m);
    expect(
      (
        JSON.parse((await cli(['history', '--prospect', 'fjord', '--json'], { env })).stdout) as {
          records: unknown[];
        }
      ).records,
    ).toHaveLength(2);
  });

  it('says plainly that only run --edit records a correction; an edited answers file is a new, unlinked assessment', async () => {
    const correcting = section('## Correcting and forgetting').replace(/\s+/g, ' ');
    expect(/```sh([^`]*)```/.exec(correcting)?.[1]).not.toContain('--format answers');
    expect(correcting).toContain('Only `run --edit` records a correction.');
    expect(correcting).toContain(
      'saves a new assessment, not linked to the first: use that for a what-if, or to run the answers elsewhere.',
    );
    // As the binary does it.
    const env = { CLIENTFIT_STORE: tempDir() };
    const first = await cli(
      ['run', '--answers', 'questions/samples/fjord-instruments.yaml', '--prospect', 'Acme Ltd'],
      { env },
    );
    expect(first.status).toBe(0);
    const answers = writeTree({
      'acme.yaml': (await cli(['show', 'Acme Ltd', '--format', 'answers'], { env })).stdout.replace(
        'product-knowledge: 5',
        'product-knowledge: 4',
      ),
    });
    expect((await cli(['run', '--answers', join(answers, 'acme.yaml')], { env })).status).toBe(0);
    expect(
      (await cli(['run', '--edit', 'Acme Ltd', '--answer', 'product-knowledge=3'], { env })).status,
    ).toBe(0);
    const rows = (
      JSON.parse((await cli(['history', '--json', '--prospect', 'Acme'], { env })).stdout) as {
        records: { corrects: string | null }[];
      }
    ).records;
    // The file route stands beside the first as a record of its own; the edit replaces the one it corrects.
    // (Two records saved in the same second may list in either order.)
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.corrects === null)).toHaveLength(1);
  });

  it('says that a single-choice list opens on Unknown and multiple choice on nothing, refusing an empty Enter', () => {
    const first = section('## Your first interview').replace(/\s+/g, ' ');
    expect(first).toContain('A single-choice list opens on **Unknown**');
    // The behaviour: tests/unit/interview.test.ts ("Pick at least one with space").
    expect(first).toContain('opens with nothing ticked, and Enter with nothing picked is refused.');
  });

  it('says the HTML report is one web page that prints on several sheets', () => {
    expect(readme.replace(/\s+/g, ' ')).toContain(
      'writes one web page, the verdict first, which prints on several sheets.',
    );
  });

  it('shows the top of a text report as the binary prints it at 80 columns', async () => {
    const shown = /<!-- report-excerpt: (\S+) -->\n```text\n([\s\S]*?)```/.exec(readme);
    expect(shown).not.toBeNull();
    const r = await cli(
      [
        'run',
        '--no-save',
        '--answers',
        join(root, 'questions', 'samples', `${shown?.[1] ?? ''}.yaml`),
      ],
      { env: { COLUMNS: '' } },
    );
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith(shown?.[2] ?? 'none')).toBe(true);
  });
});

describe('questions/README.md', () => {
  const files = Object.fromEntries(
    [...bankGuide.matchAll(/<!-- example-bank: (\S+) -->\n```yaml\n([\s\S]*?)```/g)].map((m) => [
      m[1] ?? '',
      m[2] ?? '',
    ]),
  );

  it('shows validate output that the binary really prints', () => {
    const shown = /```text\n(✖[\s\S]*?)```/.exec(bankGuide)?.[1] ?? '';
    expect(shown).toContain('[duplicate-key]');
    // The same three mistakes are produced for real in tests/e2e/validate.test.ts.
    expect(shown).toMatch(/^invalid: 1 bank, 3 errors, 0 warnings, 0 examples passed, 0 failed$/m);
  });

  it('holds a complete small example bank', () => {
    expect(Object.keys(files).sort()).toEqual(['10-questions.yaml', 'bank.yaml']);
  });

  it('the example bank is valid, without a warning, and its examples pass', async () => {
    const dir = writeTree(files);
    expect(loadBank(dir, dir).diagnostics).toEqual([]);
    const r = await cli(['validate', dir]);
    expect(r.status).toBe(ExitCode.ok);
    expect(r.stdout).toMatch(/examples: 4 passed/);
    expect(r.stdout).toMatch(/^valid: 1 bank, 0 errors, 0 warnings, 4 examples passed, 0 failed$/m);
  });
});
