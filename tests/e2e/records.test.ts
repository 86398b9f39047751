import {
  chmodSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
  mkdirSync,
  existsSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/paths';
import { expectNoStackTrace } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir } from '../helpers/temp';

const sample = (name: string) => join(root, 'questions', 'samples', `${name}.yaml`);

function store(): { dir: string; env: Record<string, string> } {
  const dir = join(tempDir('clientfit-store-'), 'records');
  return { dir, env: { CLIENTFIT_STORE: dir } };
}

describe('records', () => {
  it('saves one private, never-overwritten record per run; history lists them; show re-renders the same JSON', async () => {
    const { dir, env } = store();
    const outputs: string[] = [];
    for (const [file, prospect] of [
      ['northwind-bakery', 'Northwind Bakery'],
      ['fjord-instruments', 'Fjord Instruments'],
      ['northwind-bakery', 'Northwind Again'],
    ] as const) {
      const r = await cli(['run', '--answers', sample(file), '--prospect', prospect, '--json'], {
        env,
      });
      expect(r.status).toBe(0);
      // The hint names the whole id, not a start of it.
      const saved = /^Saved as record (\S+) — `clientfit show (\S+)` shows it again\.$/m.exec(
        r.stderr,
      );
      expect(saved?.[2]).toBe(saved?.[1]);
      outputs.push(r.stdout);
    }
    const files = readdirSync(dir);
    expect(files).toHaveLength(3);
    for (const f of files) {
      expect(f).toMatch(/^20260101T000000Z-[a-z0-9-]+-[0-9a-f]{8}\.json$/);
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }
    const history = await cli(['history'], { env });
    expect(history.status).toBe(0);
    expect(history.stdout).toMatch(/Northwind Bakery +third +decline +0\.92/);
    expect(history.stdout).toMatch(/Fjord Instruments +first +take +1\.00/);
    expect(history.stdout).toMatch(/^3 records in /m);
    const json = JSON.parse((await cli(['history', '--json'], { env })).stdout) as {
      records: { id: string; prospect: string }[];
    };
    expect(json.records.map((r) => r.prospect).sort()).toEqual([
      'Fjord Instruments',
      'Northwind Again',
      'Northwind Bakery',
    ]);

    const fjord = json.records.find((r) => r.prospect === 'Fjord Instruments');
    const byId = await cli(['show', fjord?.id.slice(0, 30) ?? '', '--json'], { env });
    expect(byId.stdout).toBe(outputs[1]);
    const byName = await cli(['show', 'northwind bakery', '--format', 'json'], { env });
    expect(byName.stdout).toBe(outputs[0]);
    expect((await cli(['show', 'fjord', '--format', 'markdown'], { env })).stdout).toMatch(
      /^# Fjord Instruments: First degree/,
    );
    const ambiguous = await cli(['show', 'northwind'], { env });
    expect(ambiguous.status).toBe(2);
    expect(ambiguous.stderr).toMatch(/matches 2 prospects/);
    expect((await cli(['show', 'nobody'], { env })).status).toBe(2);
    expect(
      (await cli(['run', '--answers', sample('fjord-instruments'), '--no-save'], { env })).status,
    ).toBe(0);
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('keeps the record when the report cannot be written, and show --output writes it later', async () => {
    const { env } = store();
    const out = join(tempDir(), 'report.md');
    writeFileSync(out, 'an older report');
    const r = await cli(
      ['run', '--answers', sample('fjord-instruments'), '--format', 'markdown', '--output', out],
      { env },
    );
    expect(r.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('an older report');
    const id =
      /the assessment is saved as record (\S+): `clientfit show \S+ --output FILE` writes it/.exec(
        r.stderr,
      )?.[1];
    expect(id, r.stderr).toBeDefined();
    expect(
      (await cli(['show', id ?? '', '--format', 'markdown', '--output', out], { env })).status,
    ).toBe(2);
    const shown = await cli(
      ['show', id ?? '', '--format', 'markdown', '--output', out, '--force'],
      {
        env,
      },
    );
    expect(shown.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Fjord Instruments: First degree/);
    // Confirmed like run --output; standard output stays empty.
    expect(shown.stderr).toBe(`Report written to ${out}.\n`);
    expect(shown.stdout).toBe('');
    const form = join(tempDir(), 'form.yaml');
    expect((await cli(['template', '--output', form])).stderr).toBe(
      `Answers file written to ${form}.\n`,
    );
  });

  it('filters history by prospect, dates and recommendation, and writes CSV and Markdown', async () => {
    const { env } = store();
    await cli(['run', '--answers', sample('northwind-bakery')], {
      env: { ...env, SOURCE_DATE_EPOCH: '1767225600' },
    }); // 2026-01-01
    await cli(['run', '--answers', sample('fjord-instruments'), '--prospect', '=cmd|calc'], {
      env: { ...env, SOURCE_DATE_EPOCH: '1772323200' },
    }); // 2026-03-01
    const count = async (args: string[]) =>
      (
        JSON.parse((await cli(['history', '--json', ...args], { env })).stdout) as {
          records: unknown[];
        }
      ).records.length;
    expect(await count([])).toBe(2);
    expect(await count(['--prospect', 'NORTH'])).toBe(1);
    expect(await count(['--since', '2026-02-01'])).toBe(1);
    expect(await count(['--until', '2026-01-01'])).toBe(1);
    expect(await count(['--since', '2026-01-01T00:00:01Z'])).toBe(1);
    expect(await count(['--recommendation', 'decline'])).toBe(1);
    expect(await count(['--recommendation', 'take', '--prospect', 'north'])).toBe(0);
    const bad = await cli(['history', '--since', '01/02/2026'], { env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--since takes a date like 2026-11-22/);
    const csv = (await cli(['history', '--format', 'csv'], { env })).stdout.split('\n');
    expect(csv[0]).toBe(
      'id,date,prospect,degree,recommendation,confidence,assessed_by,outcome,outcome_date,outcome_note,corrects',
    );
    expect(csv.some((l) => l.includes(",'=cmd|calc,"))).toBe(true);
    const md = (await cli(['history', '--format', 'markdown'], { env })).stdout;
    expect(md).toContain('| Date (UTC) | Prospect |');
    expect(md).toContain('=cmd\\|calc');
  });

  it('skips damaged, foreign and newer files with the reason, lists the rest, exits 0, and changes nothing', async () => {
    const { dir, env } = store();
    expect((await cli(['run', '--answers', sample('fjord-instruments')], { env })).status).toBe(0);
    const [good] = readdirSync(dir);
    const text = readFileSync(join(dir, good ?? ''), 'utf8');
    // Cut inside a string: where half the length falls depends on the checkout's path (the record keeps bankPath).
    writeFileSync(
      join(dir, '20260101T000001Z-truncated-00000000.json'),
      text.slice(0, text.indexOf('"prospect": "') + 16),
    );
    writeFileSync(join(dir, 'notes.json'), 'this is not json at all');
    const newer = JSON.parse(text) as { schemaVersion: number; id: string };
    newer.schemaVersion = 6;
    newer.id = 'future';
    writeFileSync(join(dir, '20260101T000002Z-future-00000000.json'), JSON.stringify(newer));
    writeFileSync(
      join(dir, '20260101T000003Z-foreign-00000000.json'),
      JSON.stringify({ hello: 'world' }),
    );
    const before = readdirSync(dir).map(
      (f) => [f, readFileSync(join(dir, f), 'utf8'), statSync(join(dir, f)).mtimeMs] as const,
    );

    const history = await cli(['history'], { env });
    expect(history.status).toBe(0);
    expect(history.stdout).toMatch(/Fjord Instruments/);
    expect(history.stdout).toMatch(/^1 record; 4 files skipped in /m);
    expect(history.stderr).toMatch(
      /skipped 20260101T000001Z-truncated-00000000\.json: truncated \(the JSON ends too early\)/,
    );
    expect(history.stderr).toMatch(/skipped notes\.json: not JSON/);
    expect(history.stderr).toMatch(
      /skipped 20260101T000002Z-future-00000000\.json: written by a newer clientfit \(record schema 6; this one reads 1 to 5\)/,
    );
    expect(history.stderr).toMatch(
      /skipped 20260101T000003Z-foreign-00000000\.json: not a clientfit record/,
    );
    expectNoStackTrace(history.stderr);
    expect((await cli(['show', 'fjord'], { env })).status).toBe(0);
    expect((await cli(['rescore'], { env })).status).toBe(0);
    const after = readdirSync(dir).map(
      (f) => [f, readFileSync(join(dir, f), 'utf8'), statSync(join(dir, f)).mtimeMs] as const,
    );
    expect(after).toEqual(before);
  });

  it('rescore names exactly the records whose verdict a changed weight moves, and exits 4 with --exit-code', async () => {
    const { env } = store();
    const bankDir = join(tempDir(), 'our-bank');
    const init = await cli(['init', bankDir]);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/clientfit validate/);
    expect((await cli(['validate', bankDir])).status).toBe(0);
    // Three assessments: one the change moves (insisting weighs 1 instead of 5: too little evidence), two it does not.
    const runs: [string, string[]][] = [
      [
        'Moves',
        ['request-source=competitor', 'why-competitor=explained', 'challenge-competitor=insists'],
      ],
      ['Stays first', ['request-source=research']],
      ['Stays undecided', ['request-source=unknown']],
    ];
    for (const [prospect, answers] of runs)
      expect(
        (
          await cli(
            [
              'run',
              '--bank',
              bankDir,
              '--prospect',
              prospect,
              '--allow-partial',
              ...answers.flatMap((a) => ['--answer', a]),
            ],
            { env },
          )
        ).status,
      ).toBe(0);
    expect((await cli(['rescore', '--bank', bankDir, '--exit-code'], { env })).status).toBe(0);
    const path = join(bankDir, '30-second-challenge.yaml');
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace(
        'They insist — the competitor is successful, so the same will work for them\n        signals: { third: 5 }',
        'They insist — the competitor is successful, so the same will work for them\n        signals: { third: 1 }',
      ),
    );
    const r = await cli(['rescore', '--bank', bankDir, '--exit-code'], { env });
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(
      /^Moves \S+\n {2}third \/ take-with-conditions → undecided \/ undecided \(fit unknown\)\n {2}challenge-competitor \(.*\): third 5 → 1$/m,
    );
    expect(r.stdout).not.toMatch(/Stays/);
    // Both banks have one id and version: the candidate is named by its path too.
    expect(r.stdout).toMatch(
      /3 records re-scored with our-bank 0\.1\.0 at \S+; assessed with our-bank 0\.1\.0 \(3\): 1 changed\./,
    );
    const json = JSON.parse(
      (await cli(['rescore', '--bank', bankDir, '--json'], { env })).stdout,
    ) as {
      changes: { prospect: string }[];
      changed: number;
    };
    expect(json.changes.map((c) => c.prospect)).toEqual(['Moves']);
    expect(
      (await cli(['rescore', '--bank', bankDir, '--exit-code', '--prospect', 'stays'], { env }))
        .status,
    ).toBe(0);
  });

  it('refuses to save into a read-only store with a clear message and exit 3, keeping the report', async () => {
    if (process.getuid?.() === 0) {
      // root ignores file permissions; simulate with a store path that is a file instead.
      const file = join(tempDir(), 'not-a-folder');
      writeFileSync(file, 'x');
      const r = await cli(['run', '--answers', sample('fjord-instruments'), '--store', file]);
      expect(r.status).toBe(3);
      expect(r.stdout).toMatch(/TAKE/);
      expect(r.stderr).toMatch(
        /cannot use .*not-a-folder as the record store: it is a file, not a folder/,
      );
      expectNoStackTrace(r.stderr);
      return;
    }
    const dir = join(tempDir(), 'ro');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    const r = await cli(['run', '--answers', sample('fjord-instruments'), '--store', dir]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/cannot write/);
  });
});

describe('configuration', () => {
  it('takes flags over environment over the config file over defaults, and says where each came from', async () => {
    const configDir = tempDir();
    const file = join(configDir, 'config.yaml');
    writeFileSync(
      file,
      'bank: ./my-bank\nstore: ~/records-from-config\nformat: markdown\ncolor: never\n',
    );
    const env = { CLIENTFIT_CONFIG: file };
    const shown = JSON.parse((await cli(['config', '--json'], { env })).stdout) as {
      settings: Record<string, { value: string; source: string }>;
    };
    expect(shown.settings.bank).toMatchObject({
      value: join(configDir, 'my-bank'),
      source: 'config file',
    });
    expect(shown.settings.format).toMatchObject({ value: 'markdown', source: 'config file' });
    expect(shown.settings.store?.value).toMatch(/records-from-config$/);
    const withEnv = JSON.parse(
      (
        await cli(['config', '--json'], {
          env: { ...env, CLIENTFIT_BANK: '/env/bank', CLIENTFIT_FORMAT: 'json' },
        })
      ).stdout,
    ) as typeof shown;
    expect(withEnv.settings.bank).toMatchObject({ value: '/env/bank', source: 'environment' });
    expect(withEnv.settings.format).toMatchObject({ value: 'json', source: 'environment' });
    const text = (await cli(['config'], { env: { ...env, CLIENTFIT_BANK: '/env/bank' } })).stdout;
    expect(text).toMatch(
      /^bank {4}\/env\/bank {2}\(does not exist\) {2}\(environment: CLIENTFIT_BANK\)$/m,
    );
    expect(text).toMatch(/^format {2}markdown {2}\(config file: /m);
    const defaults = JSON.parse(
      (await cli(['config', '--json'], { env: { XDG_CONFIG_HOME: configDir + '-none' } })).stdout,
    ) as typeof shown;
    expect(defaults.settings.format).toMatchObject({ value: 'text', source: 'default' });
    // The config's format applies to run; a flag wins over it.
    const md = await cli(
      [
        'run',
        '--answers',
        sample('fjord-instruments'),
        '--no-save',
        '--bank',
        join(root, 'questions', 'three-degrees'),
      ],
      { env },
    );
    expect(md.stdout).toMatch(/^# Fjord Instruments/);
    expect(
      (
        await cli(
          [
            'run',
            '--answers',
            sample('fjord-instruments'),
            '--no-save',
            '--bank',
            join(root, 'questions', 'three-degrees'),
            '--format',
            'text',
          ],
          { env },
        )
      ).stdout,
    ).toMatch(/^\[ TAKE \] Fjord Instruments\n/);
  });

  it('refuses a CLIENTFIT_FORMAT that is not a format, with the exit code of the same mistake in the config file', async () => {
    const file = join(tempDir(), 'config.yaml');
    writeFileSync(file, 'format: xml\n');
    const fromFile = await cli(['config'], { env: { CLIENTFIT_CONFIG: file } });
    for (const args of [
      ['config'],
      ['history'],
      ['run', '--answers', sample('fjord-instruments'), '--no-save'],
    ]) {
      const r = await cli(args, { env: { CLIENTFIT_FORMAT: 'xml' } });
      expect(r.status).toBe(fromFile.status);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        'clientfit: CLIENTFIT_FORMAT is "xml", which is not one of: text, json, markdown, html\nhint: set CLIENTFIT_FORMAT to one of those, or unset it\n',
      );
    }
    expect(fromFile.status).toBe(3);
    // Empty counts as unset.
    expect((await cli(['config'], { env: { CLIENTFIT_FORMAT: '' } })).status).toBe(0);
  });

  it('refuses a CLIENTFIT_CONFIG that names a missing file, naming the variable and the path', async () => {
    const missing = join(tempDir(), 'nope.yaml');
    for (const args of [['config'], ['config', '--json'], ['history']]) {
      const r = await cli(args, { env: { CLIENTFIT_CONFIG: missing } });
      expect(r.status).toBe(3);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        `clientfit: CLIENTFIT_CONFIG names the config file ${missing}, which does not exist\n`,
      );
      expect(r.stderr).toMatch(
        /hint: create that file, or unset CLIENTFIT_CONFIG to use \S+config\.yaml/,
      );
    }
    // The default file may be missing: that is no config, not an error.
    const none = await cli(['config'], { env: { XDG_CONFIG_HOME: tempDir() } });
    expect(none.status).toBe(0);
    expect(none.stdout).toMatch(/config file: .*config\.yaml \(none\)/);
  });

  it('reports a broken config file with its line and column, exit 3', async () => {
    const file = join(tempDir(), 'config.yaml');
    writeFileSync(file, 'bank: ./x\nfromat: json\ncolor: sometimes\n');
    const r = await cli(['history'], { env: { CLIENTFIT_CONFIG: file } });
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /config\.yaml:2:1 {2}error {2}unknown key "fromat" in the config file {2}\[unknown-key\]\n {6}hint: did you mean "format"\?/,
    );
    expect(r.stderr).toMatch(
      /config\.yaml:3:8 {2}error {2}"color" is "sometimes", which is not one of: auto, always, never/,
    );
    expectNoStackTrace(r.stderr);
  });
});

describe('init', () => {
  it('copies the shipped bank with the schema lines pointing at a local schema folder', async () => {
    const dir = join(tempDir(), 'agency-bank');
    expect((await cli(['init', dir])).status).toBe(0);
    const names = readdirSync(dir).sort();
    expect(names).toContain('bank.yaml');
    expect(names).toContain('schema');
    expect(readFileSync(join(dir, 'bank.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./schema/manifest.schema.json',
    );
    expect(existsSync(join(dir, 'schema', 'manifest.schema.json'))).toBe(true);
    expect((await cli(['validate', dir])).status).toBe(0);
    // Nothing the copy says points at a file that is not in it.
    for (const name of names.filter((n) => n.endsWith('.yaml')))
      for (const [ref] of readFileSync(join(dir, name), 'utf8').matchAll(/\.{1,2}\/[\w./-]+/g))
        expect(existsSync(join(dir, ref)), `${name}: ${ref}`).toBe(true);
    expect(readFileSync(join(dir, 'bank.yaml'), 'utf8')).not.toContain('../README.md');
    const again = await cli(['init', dir]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists and is not empty/);
    // The folder suggested instead is free: the next number after any taken.
    expect(again.stderr).toContain(`hint: name a new folder: clientfit init ${dir}-2\n`);
    mkdirSync(`${dir}-2`);
    expect((await cli(['init', `${dir}/`])).stderr).toContain(`clientfit init ${dir}-3\n`);
    expect((await cli(['init', `${dir}-3`])).status).toBe(0);
  });
});
