import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process';
import { root } from '../helpers/paths';
import { expectNoStackTrace, isolatedEnv } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

const sample = (name: string): string => join(root, 'questions', 'samples', `${name}.yaml`);
const day = (d: string): Date => new Date(`${d}T12:00:00Z`);

/** A store with one record of each sample (and two of Northwind Bakery); returns it and the ids by prospect slug. */
async function storeWithRecords(): Promise<{ store: string; ids: Record<string, string[]> }> {
  const store = join(tempDir(), 'records');
  // Northwind twice, after a second call: the same answers again would be recognised and not saved twice.
  for (const [name, extra] of [
    ['fjord-instruments', []],
    ['northwind-bakery', []],
    ['northwind-bakery', ['--answer', 'notes=A second call.']],
    ['harbour-dental', []],
  ] as const)
    expect(
      (
        await runInProcess([
          'run',
          '--answers',
          sample(name),
          ...extra,
          '--store',
          store,
          '--by',
          'Ada',
        ])
      ).status,
    ).toBe(0);
  const ids: Record<string, string[]> = {};
  for (const file of readdirSync(store).filter((f) => f.endsWith('.json'))) {
    const key = /Z-(.+)-[0-9a-f]{8}\.json$/.exec(file)?.[1] ?? '';
    (ids[key] ??= []).push(file.slice(0, -5));
  }
  return { store, ids };
}

/** Every file under a folder, with its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    try {
      out[f] = readFileSync(join(dir, f), 'utf8');
    } catch {
      out[f] = '(folder)';
    }
  }
  return out;
}

describe('clientfit outcome', () => {
  it('records an outcome and its corrections, keeps every change, never touches the record; show and history show the latest', async () => {
    const { store, ids } = await storeWithRecords();
    const fjord = ids['fjord-instruments']?.[0] ?? '';
    const recordBefore = readFileSync(join(store, `${fjord}.json`), 'utf8');
    const first = await runInProcess(
      [
        'outcome',
        'fjord',
        'mixed',
        '--note',
        'slow start',
        '--date',
        '2026-03-01',
        '--store',
        store,
        '--by',
        'Ben',
      ],
      {},
      day('2026-03-02'),
    );
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    // The sentence is wrapped to the terminal's width (at most 100 columns): read as one line.
    expect(first.stdout.replace(/\n(?=.)/g, ' ')).toMatch(
      /^Recorded mixed \(2026-03-01, by Ben\) — "slow start" for Fjord Instruments \(record \S+\)\.$/m,
    );
    const second = await runInProcess(
      ['outcome', fjord.slice(0, 30), 'went-well', '--store', store, '--by', 'Cy'],
      {},
      day('2026-04-10'),
    );
    expect(second.status).toBe(0);
    expect(second.stdout.replace(/\n(?=.)/g, ' ')).toMatch(
      /went-well \(2026-04-10, by Cy\) for Fjord Instruments .*; before, it was mixed \(2026-03-01, by Ben\)/,
    );

    expect(readFileSync(join(store, `${fjord}.json`), 'utf8')).toBe(recordBefore);
    const files = readdirSync(join(store, 'outcomes')).filter((f) => f.startsWith(`${fjord}.`));
    expect(files).toHaveLength(2);
    const values = files
      .map(
        (f) =>
          (JSON.parse(readFileSync(join(store, 'outcomes', f), 'utf8')) as { value: string }).value,
      )
      .sort();
    expect(values).toEqual(['mixed', 'went-well']);

    const listed = await runInProcess(['outcome', 'fjord', '--store', store]);
    expect(listed.stdout).toMatch(
      /^Outcome: went-well \(2026-04-10, by Cy\)\n {2}earlier .*\n {2}2026-03-02 12:00 {2}mixed \(2026-03-01, by Ben\) — "slow start"\n$/,
    );

    const history = await runInProcess(['history', '--store', store]);
    expect(history.stdout).toMatch(/Fjord Instruments .* went-well {2}/);
    const csv = (
      await runInProcess(['history', '--store', store, '--format', 'csv', '--outcome', 'went-well'])
    ).stdout.split('\n');
    expect(csv[0]).toBe(
      'id,date,prospect,degree,recommendation,confidence,assessed_by,outcome,outcome_date,outcome_note,corrects',
    );
    expect(csv[1]).toMatch(/,Fjord Instruments,first,take,1,Ada,went-well,2026-04-10,,$/);
    expect(csv).toHaveLength(3);
    const json = JSON.parse(
      (await runInProcess(['history', '--store', store, '--json'])).stdout,
    ) as {
      records: { prospect: string; outcome: string | null; assessedBy: string }[];
    };
    expect(json.records.map((r) => [r.prospect, r.outcome, r.assessedBy]).sort()).toEqual([
      ['Fjord Instruments', 'went-well', 'Ada'],
      ['Harbour Dental', null, 'Ada'],
      ['Northwind Bakery', null, 'Ada'],
      ['Northwind Bakery', null, 'Ada'],
    ]);
    expect(
      (await runInProcess(['history', '--store', store, '--format', 'markdown'])).stdout,
    ).toMatch(/\| Ada \| went-well \(2026-04-10\) \|/);
    const without = JSON.parse(
      (await runInProcess(['history', '--store', store, '--json', '--no-outcome'])).stdout,
    ) as { records: unknown[] };
    expect(without.records).toHaveLength(3);
    expect(
      JSON.parse(
        (await runInProcess(['history', '--store', store, '--json', '--by', 'nobody'])).stdout,
      ),
    ).toMatchObject({ records: [] });

    const shown = JSON.parse(
      (await runInProcess(['show', 'fjord', '--json', '--store', store])).stdout,
    ) as {
      outcome: { value: string };
      outcomes: { value: string }[];
    };
    expect(shown.outcome.value).toBe('went-well');
    expect(shown.outcomes.map((o) => o.value)).toEqual(['mixed', 'went-well']);
    expect((await runInProcess(['show', 'fjord', '--store', store])).stdout).toMatch(
      /\nOutcome: went-well \(2026-04-10, by Cy\)\n/,
    );
    expect(
      (await runInProcess(['show', 'fjord', '--store', store, '--format', 'markdown'])).stdout,
    ).toMatch(/## Outcome\n\n\*\*went-well\*\*/);
    // A record without an outcome shows exactly the report run printed.
    const harbour = await runInProcess(['show', 'harbour', '--json', '--store', store]);
    expect(harbour.stdout).not.toMatch(/"outcome"/);
  });

  it.each([
    [['fjord', 'went-wel'], 2, /"went-wel" is not an outcome\nhint: did you mean "went-well"\?/],
    [
      ['fjord', 'great'],
      2,
      /"great" is not an outcome\nhint: an outcome is one of: not-signed, signed, went-well, mixed, went-badly/,
    ],
    [
      ['Fjrod Instruments', 'mixed'],
      2,
      /no record matches "Fjrod Instruments" .*\nhint: did you mean "Fjord Instruments"\?/,
    ],
    [
      ['fjord', 'mixed', '--date', '2026-13-01'],
      2,
      /--date: "2026-13-01" is not a day of the calendar/,
    ],
    [
      ['fjord', 'mixed', '--date', 'last week'],
      2,
      /--date: "last week" is not a date like 2026-05-31/,
    ],
    [
      ['fjord', 'mixed', '--date', '2026-06-02'],
      2,
      /--date: 2026-06-02 is in the future \(today is 2026-06-01\)/,
    ],
    [
      ['fjord', 'mixed', '--date', '2025-12-31'],
      2,
      /--date: 2025-12-31 is before the assessment itself \(2026-01-01\)/,
    ],
    [
      ['northwind', 'mixed'],
      2,
      /"northwind" names 2 records: \S+ \(2026-01-01\), \S+ \(2026-01-01\)\nhint: name the record by its id/,
    ],
    [['--dry-run'], 2, /--dry-run goes with --from FILE/],
  ])(
    'refuses outcome %j with one clear message, exit %i, and writes nothing',
    async (args, status, message) => {
      const { store } = await storeWithRecords();
      const before = snapshot(store);
      const r = await runInProcess(['outcome', ...args, '--store', store], {}, day('2026-06-01'));
      expect(r.stderr).toMatch(message);
      expect(r.status).toBe(status);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('clientfit:'))).toHaveLength(1);
      expectNoStackTrace(r.stderr);
      expect(snapshot(store)).toEqual(before);
    },
  );

  it('refuses a store it cannot write with exit 3, and leaves nothing half-written', async () => {
    const { store } = await storeWithRecords();
    if (process.getuid?.() === 0) writeFileSync(join(store, 'outcomes'), 'in the way');
    else chmodSync(store, 0o500);
    const before = snapshot(store);
    const r = await runInProcess(['outcome', 'fjord', 'went-well', '--store', store]);
    chmodSync(store, 0o700);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /^clientfit: cannot (use \S+outcomes as the outcome folder|create the outcome folder)/m,
    );
    expect(snapshot(store)).toEqual(before);
  });

  it('lists every record once, and every change once, in a store merged from two copies', async () => {
    const { store, ids } = await storeWithRecords();
    const fjord = ids['fjord-instruments']?.[0] ?? '';
    expect(
      (await runInProcess(['outcome', fjord, 'went-badly', '--store', store, '--by', 'A'])).status,
    ).toBe(0);
    // What a sync tool leaves after a conflict: the same record and the same change under other names.
    copyFileSync(join(store, `${fjord}.json`), join(store, `${fjord} (conflicted copy).json`));
    const [change] = readdirSync(join(store, 'outcomes'));
    copyFileSync(
      join(store, 'outcomes', change ?? ''),
      join(store, 'outcomes', (change ?? '').replace(/\.json$/, ' (conflicted copy).json')),
    );
    const json = JSON.parse(
      (await runInProcess(['history', '--store', store, '--json'])).stdout,
    ) as { records: { id: string }[] };
    expect(json.records.map((r) => r.id).filter((id) => id === fjord)).toHaveLength(1);
    expect(json.records).toHaveLength(4);
    const shown = JSON.parse(
      (await runInProcess(['show', fjord, '--json', '--store', store])).stdout,
    ) as { outcomes: unknown[] };
    expect(shown.outcomes).toHaveLength(1);
  });
});

describe('two clientfits recording outcomes for the same record at once', () => {
  it('keeps every one of 2 × 100 outcomes', async () => {
    const { store, ids } = await storeWithRecords();
    const fjord = ids['fjord-instruments']?.[0] ?? '';
    // Each writer is a process of its own running the built clientfit's main() 100 times. Both say "ready" once
    // loaded, and start when this test answers "go" on their standard input: at the same moment.
    const writer = `
      const { loadMain } = require(${JSON.stringify(join(root, 'dist', 'clientfit.cjs'))});
      const [store, id, tag] = process.argv.slice(1);
      const sink = { write: () => true, isTTY: false };
      (async () => {
        const main = await loadMain();
        process.stdout.write('ready\\n');
        await new Promise((go) => process.stdin.once('data', go));
        process.stdin.destroy();
        let failed = 0;
        for (let i = 0; i < 100; i++) {
          const io = { stdout: sink, stderr: { write: (s) => process.stderr.write(s), isTTY: false }, stdin: { isTTY: false }, env: process.env, cwd: process.cwd(), now: () => new Date() };
          const value = ['went-well', 'mixed', 'went-badly'][i % 3];
          if ((await main(['outcome', id, value, '--note', tag + '-' + i, '--by', tag, '--store', store], io)) !== 0) failed++;
        }
        process.exitCode = failed === 0 ? 0 : 1;
      })();`;
    const writers = ['a', 'b'].map((tag) => {
      const child = spawn(process.execPath, ['-e', writer, store, fjord, tag], {
        env: isolatedEnv(),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const ready = new Promise<void>((resolve) => {
        child.stdout.once('data', () => {
          resolve();
        });
      });
      const done = new Promise<{ status: number | null; stderr: string }>((resolve) => {
        child.on('close', (status) => {
          resolve({ status, stderr });
        });
      });
      return { child, ready, done };
    });
    await Promise.race([
      Promise.all(writers.map((w) => w.ready)),
      Promise.all(writers.map((w) => w.done)),
    ]);
    for (const { child } of writers) child.stdin.end('go\n');
    const results = await Promise.all(writers.map((w) => w.done));
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    const shown = JSON.parse(
      (await runInProcess(['show', fjord, '--json', '--store', store])).stdout,
    ) as { outcomes: { note: string }[] };
    const notes = new Set(shown.outcomes.map((o) => o.note));
    for (const tag of ['a', 'b'])
      for (let i = 0; i < 100; i++) expect(notes.has(`${tag}-${i}`), `${tag}-${i}`).toBe(true);
    expect(shown.outcomes).toHaveLength(200);
    expect(readdirSync(join(store, 'outcomes')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 30_000);
});

describe('who assessed', () => {
  it('takes --by, else "by" in the config file, else git user.name; old records without it still read', async () => {
    const store = join(tempDir(), 'records');
    const home = tempDir();
    const gitConfig = join(home, 'gitconfig');
    writeFileSync(gitConfig, '[user]\n\tname = Grace From Git\n');
    const configFile = join(home, 'config.yaml');
    writeFileSync(join(home, 'empty.yaml'), '');
    const env = {
      GIT_CONFIG_GLOBAL: gitConfig,
      GIT_CONFIG_NOSYSTEM: '1',
      CLIENTFIT_CONFIG: join(home, 'empty.yaml'),
    };
    await runInProcess(
      ['run', '--answers', sample('fjord-instruments'), '--store', store, '--prospect', 'From Git'],
      env,
    );
    writeFileSync(configFile, 'by: Configured Carol\n');
    await runInProcess(
      [
        'run',
        '--answers',
        sample('fjord-instruments'),
        '--store',
        store,
        '--prospect',
        'From Config',
      ],
      {
        ...env,
        CLIENTFIT_CONFIG: configFile,
      },
    );
    await runInProcess(
      [
        'run',
        '--answers',
        sample('fjord-instruments'),
        '--store',
        store,
        '--prospect',
        'From Flag',
        '--by',
        'Flag Fred',
      ],
      {
        ...env,
        CLIENTFIT_CONFIG: configFile,
      },
    );
    // A record of schema 2, from before records said who assessed.
    const [one] = readdirSync(store);
    const old = JSON.parse(readFileSync(join(store, one ?? ''), 'utf8')) as Record<string, unknown>;
    delete old.assessedBy;
    delete old.corrects;
    old.schemaVersion = 2;
    old.id = '20250101T000000Z-old-00000000';
    // Its report as schema 2 held it: counterfactuals of whole answers, without `change`.
    const report = old.report as {
      prospect: string;
      schemaVersion: number;
      counterfactuals: Record<string, unknown>[];
    };
    report.prospect = 'Old Record';
    report.schemaVersion = 2;
    report.counterfactuals = report.counterfactuals
      .filter((c) => c.change === 'answer')
      .map((c) => Object.fromEntries(Object.entries(c).filter(([key]) => key !== 'change')));
    writeFileSync(join(store, '20250101T000000Z-old-00000000.json'), JSON.stringify(old));
    const json = JSON.parse(
      (await runInProcess(['history', '--store', store, '--json'], env)).stdout,
    ) as {
      records: { prospect: string; assessedBy: string | null }[];
    };
    expect(Object.fromEntries(json.records.map((r) => [r.prospect, r.assessedBy]))).toEqual({
      'From Git': 'Grace From Git',
      'From Config': 'Configured Carol',
      'From Flag': 'Flag Fred',
      'Old Record': null,
    });
    const byCarol = JSON.parse(
      (await runInProcess(['history', '--store', store, '--json', '--by', 'carol'], env)).stdout,
    ) as {
      records: { prospect: string }[];
    };
    expect(byCarol.records.map((r) => r.prospect)).toEqual(['From Config']);
    expect((await runInProcess(['show', 'old record', '--store', store], env)).status).toBe(0);
  });
});

describe('clientfit outcome --from FILE', () => {
  it('reports every problem in one run with file:line, refuses ambiguous names with the candidates, and writes nothing', async () => {
    const { store, ids } = await storeWithRecords();
    const dir = tempDir();
    const fjord = ids['fjord-instruments']?.[0] ?? '';
    writeFileSync(
      join(dir, 'crm.csv'),
      [
        'prospect,record,outcome,date,note',
        'Harbour Dental,,went-well,2026-02-01,"fine, mostly"',
        'Northwind Bakery,,went-badly,,',
        ',nope,mixed,,',
        'Fjord Instruments,,went-wel,2026-02-01,',
        'Harbour Dental,,mixed,2099-01-01,"a note',
        'on two lines"',
        `,${fjord.slice(0, 25)},signed,31/01/2026,`,
        '',
      ].join('\r\n'),
    );
    const before = snapshot(store);
    const r = await runInProcess(
      ['outcome', '--from', join(dir, 'crm.csv'), '--store', store],
      {},
      day('2026-06-01'),
    );
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(
      /^clientfit: the outcomes file \S+crm\.csv has 5 problems; nothing was recorded$/m,
    );
    expect(r.stderr).toMatch(
      /crm\.csv:3:1 {2}error {2}"Northwind Bakery" names 2 records: \S+ \(2026-01-01\), \S+ \(2026-01-01\)/,
    );
    expect(r.stderr).toMatch(/crm\.csv:4:1 {2}error {2}no record has the id "nope"/);
    expect(r.stderr).toMatch(
      /crm\.csv:5:1 {2}error {2}"went-wel" is not an outcome[^]*did you mean "went-well"\?/,
    );
    expect(r.stderr).toMatch(/crm\.csv:6:1 {2}error {2}2099-01-01 is in the future/);
    expect(r.stderr).toMatch(/crm\.csv:8:1 {2}error {2}"31\/01\/2026" is not a date/);
    expectNoStackTrace(r.stderr);
    expect(snapshot(store)).toEqual(before);

    writeFileSync(join(dir, 'wrong.csv'), 'client,result\nAcme,went-well\n');
    const wrong = await runInProcess([
      'outcome',
      '--from',
      join(dir, 'wrong.csv'),
      '--store',
      store,
    ]);
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toMatch(/wrong\.csv:1:1 {2}error {2}unknown column "client"/);
    expect(wrong.stderr).toMatch(/there is no "outcome" column/);
  });

  it('checks with --dry-run, then records from CSV and YAML', async () => {
    const { store, ids } = await storeWithRecords();
    const dir = tempDir();
    const [older, newer] = (ids['northwind-bakery'] ?? []).sort();
    writeFileSync(
      join(dir, 'crm.csv'),
      `record,outcome,note\n${older ?? ''},not-signed,\n${(newer ?? '').slice(0, 40)},went-badly,"said ""no"" twice"\n`,
    );
    const before = snapshot(store);
    const dry = await runInProcess([
      'outcome',
      '--from',
      join(dir, 'crm.csv'),
      '--dry-run',
      '--store',
      store,
    ]);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(
      /line 3: Northwind Bakery \(\S+\): went-badly \(2026-01-01, by \S.*\) — "said "no" twice"\nWould record 2 outcomes from \S+ \(--dry-run: nothing written\)\.\n$/,
    );
    expect(snapshot(store)).toEqual(before);
    const done = await runInProcess([
      'outcome',
      '--from',
      join(dir, 'crm.csv'),
      '--store',
      store,
      '--by',
      'Importer',
    ]);
    expect(done.stdout).toMatch(/Recorded 2 outcomes from/);
    writeFileSync(
      join(dir, 'more.yaml'),
      '- prospect: fjord instruments\n  outcome: went-well\n  date: 2026-01-01\n- prospect: Harbour Dental\n  outcome: signed\n',
    );
    expect(
      (await runInProcess(['outcome', '--from', join(dir, 'more.yaml'), '--store', store])).status,
    ).toBe(0);
    const json = JSON.parse(
      (await runInProcess(['history', '--store', store, '--json'])).stdout,
    ) as { records: { prospect: string; outcome: string }[] };
    expect(json.records.map((r) => r.outcome).sort()).toEqual([
      'not-signed',
      'signed',
      'went-badly',
      'went-well',
    ]);
    writeFileSync(join(dir, 'bad.yaml'), '- prospect: Harbour Dental\n  outcom: signed\n');
    const bad = await runInProcess(['outcome', '--from', join(dir, 'bad.yaml'), '--store', store]);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toMatch(
      /bad\.yaml:2:3 {2}error {2}unknown key "outcom"[^]*did you mean "outcome"\?/,
    );
  });
});
