import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { miniManifest, miniSection } from '../helpers/mini-bank';
import { expectNoStackTrace, type CliResult } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir } from '../helpers/temp';

// Every command, fed a bank, answers, drafts and a record store whose every
// string and file name is laced with terminal escapes (window title, screen
// clear, clipboard write, hidden text, 8-bit CSI), bidi and zero-width
// characters and Unicode tag characters: in text mode, not one byte of them
// reaches standard output or standard error raw.

const laced =
  '\u001b]0;PWNED\u0007\u001b[2J\u001b]52;c;aGk=\u0007\u001b[8m\u009b31m\u202e\u200b\u{E0041}\u{E007F}\r\b\t';
/** A file name can hold everything but / and NUL. */
const lacedName = laced.replace(/\//g, '');

/** What must never be written raw: controls (but the line feed), bidi, zero-width and invisible formatting, tag characters. */
const unsafe =
  // eslint-disable-next-line no-control-regex -- finding these is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\u{E0000}-\u{E007F}]/u;

function expectClean(name: string, r: CliResult): void {
  expect(r.signal, name).toBeNull();
  for (const [stream, text] of [
    ['stdout', r.stdout],
    ['stderr', r.stderr],
  ] as const) {
    const found = unsafe.exec(text);
    expect(
      found === null
        ? null
        : `U+${(found[0].codePointAt(0) ?? 0).toString(16)} at ${found.index}: ${JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 20))}`,
      `${name}: ${stream}`,
    ).toBeNull();
  }
  expectNoStackTrace(r.stderr);
  expect(r.status, `${name}: ${r.stderr.slice(0, 400)}`).not.toBe(1);
}

/** Appends the laced text to every free-text field of a bank (ids and values stay ids). */
function lace(value: unknown): unknown {
  const text = new Set([
    'title',
    'description',
    'name',
    'summary',
    'meaning',
    'label',
    'explanation',
    'reason',
    'prompt',
    'help',
  ]);
  if (Array.isArray(value)) return value.map(lace);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        typeof v === 'string' && text.has(k)
          ? `${v} ${laced}`
          : k === 'talkingPoints' || k === 'conditions'
            ? (v as string[]).map((t) => `${t} ${laced}`)
            : lace(v),
      ]),
    );
  return value;
}

/** One SGR colour sequence, as the terminal writer makes them. */
// eslint-disable-next-line no-control-regex -- finding these is the point
const sgr = /\u001b\[\d{1,2}m/g;

describe('escapes in every input never reach the terminal', () => {
  const home = tempDir('clientfit-escapes-home-');
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_STATE_HOME: join(home, 'state'),
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  const work = tempDir();
  const bank = join(work, `bank-${lacedName}`);
  mkdirSync(bank);
  // JSON is YAML: the escapes are written as \u escapes and read back as the characters.
  const manifest = lace(parse(miniManifest)) as Record<string, unknown>;
  writeFileSync(
    join(bank, 'bank.yaml'),
    JSON.stringify({ ...manifest, title: `Mini\nanswers: { injected: 1 }\n${laced}` }),
  );
  writeFileSync(join(bank, `10-${lacedName}.yaml`), JSON.stringify(lace(parse(miniSection))));
  const store = join(work, `store-${lacedName}`);
  const answers = join(work, `answers-${lacedName}.yaml`);
  writeFileSync(
    answers,
    JSON.stringify({
      prospect: `Acme ${laced}`,
      answers: {
        source: { value: 'competitor', note: `their words ${laced}` },
        why: 'insists',
        owner: 'yes',
      },
    }),
  );
  const wrong = join(work, `wrong-${lacedName}.yaml`);
  writeFileSync(
    wrong,
    JSON.stringify({
      prospect: laced,
      answers: { [`k${laced}`]: 'x', source: laced, why: { value: 'insists', [laced]: 1 } },
    }),
  );
  const run = async (name: string, args: string[]): Promise<CliResult> => {
    const r = await cli(args, { env, cwd: work });
    expectClean(name, r);
    return r;
  };

  it('banks: validate, questions, template (whose header keeps the title in its comment)', async () => {
    expect((await run('validate', ['validate', bank])).status).toBe(0);
    await run('questions', ['questions', '--bank', bank]);
    const template = await run('template', ['template', '--bank', bank]);
    expect(template.status).toBe(0);
    expect(Object.keys(parse(template.stdout) as object)).toEqual(['bank', 'prospect', 'answers']);
    const out = join(work, 'template.yaml');
    expect(
      (await run('template --output', ['template', '--bank', bank, '--output', out])).status,
    ).toBe(0);
    expect(Object.keys(parse(readFileSync(out, 'utf8')) as object)).toEqual([
      'bank',
      'prospect',
      'answers',
    ]);
    // A bank with a mistake: the diagnostics quote its laced text.
    const broken = join(work, `broken-${lacedName}`);
    mkdirSync(broken);
    writeFileSync(
      join(broken, 'bank.yaml'),
      JSON.stringify({ ...manifest, [`extra${laced}`]: laced, degrees: 'x' }),
    );
    expect((await run('validate broken', ['validate', broken])).status).toBe(3);
    expect(
      (await run('run broken', ['run', '--bank', broken, '--answers', answers, '--store', store]))
        .status,
    ).toBe(3);
  });

  it('run, history, show, rescore over a store with hostile file names and record fields', async () => {
    expect(
      (await run('run', ['run', '--bank', bank, '--answers', answers, '--store', store])).status,
    ).toBe(0);
    expect(
      (await run('run wrong', ['run', '--bank', bank, '--answers', wrong, '--store', store]))
        .status,
    ).toBe(3);
    expect(
      (
        await run('run --answer', [
          'run',
          '--bank',
          bank,
          '--answers',
          answers,
          '--answer',
          `source=${laced}`,
          '--answer',
          `${laced}=x`,
          '--store',
          store,
        ])
      ).status,
    ).toBe(3);
    const [saved] = readdirSync(store);
    const record = JSON.parse(readFileSync(join(store, saved ?? ''), 'utf8')) as {
      id: string;
      answers: Record<string, unknown>;
      report: Record<string, unknown>;
    };
    writeFileSync(join(store, `x${lacedName}.json`), '{ not json');
    writeFileSync(
      join(store, `2026-${lacedName}-a.json`),
      JSON.stringify({
        ...record,
        id: `2026-${lacedName}-a`,
        answers: { ...record.answers, [laced]: 'x' },
      }),
    );
    writeFileSync(
      join(store, `2026-${lacedName}-b.json`),
      JSON.stringify({
        ...record,
        id: `2026-${lacedName}-b`,
        report: { ...record.report, assessedAt: `2026-01-01T00:00${laced}` },
      }),
    );
    for (const format of ['text', 'csv', 'markdown'])
      expect(
        (await run(`history ${format}`, ['history', '--format', format, '--store', store])).status,
      ).toBe(0);
    expect((await run('show by name', ['show', 'acme', '--store', store])).status).toBe(0);
    expect(
      (await run('show by id', ['show', record.id, '--store', store, '--format', 'markdown']))
        .status,
    ).toBe(0);
    await run('show laced ref', ['show', laced, '--store', store]);
    await run('show damaged', ['show', `2026-${lacedName}-a`, '--store', store]);
    expect((await run('rescore', ['rescore', '--bank', bank, '--store', store])).status).toBe(0);
  });

  it('drafts, config, init, completion and mistakes on the command line', async () => {
    const drafts = join(env.XDG_STATE_HOME, 'clientfit', 'drafts');
    mkdirSync(drafts, { recursive: true });
    const draft = {
      schemaVersion: 1,
      kind: 'clientfit-draft',
      bank: { id: 'mini', path: bank, contentHash: laced },
      prospect: laced,
      startedAt: laced,
      updatedAt: `2026-01-01T00:00${laced}`,
      answers: { source: { value: 'competitor', note: laced } },
      complete: false,
    };
    writeFileSync(join(drafts, `2026-${lacedName}.json`), JSON.stringify(draft));
    writeFileSync(join(drafts, `bad-${lacedName}.json`), '{');
    await run('drafts', ['drafts']);
    await run('drafts --discard', ['drafts', '--discard', laced]);
    await run('run --resume', ['run', '--resume', '2026-', '--store', store]);
    await run('config', ['config', '--store', store]);
    await run('config env', ['config']);
    expect((await run('init', ['init', join(work, `init-${lacedName}`)])).status).toBe(0);
    await run('completion', ['completion', 'bash']);
    expect((await run('unknown command', [`x${laced}`])).status).toBe(2);
    expect((await run('unknown flag', ['run', `--${laced}`])).status).toBe(2);
    expect((await run('bad format', ['history', '--format', laced])).status).toBe(2);
  });

  it('with colour on, only the colours themselves are escape sequences', async () => {
    for (const args of [
      ['history', '--store', store],
      ['questions', '--bank', bank],
      ['run', '--bank', bank, '--answers', wrong],
    ]) {
      const r = await cli(['--color', ...args], { env, cwd: work });
      for (const text of [r.stdout, r.stderr]) expect(text.replace(sgr, '')).not.toMatch(unsafe);
      expect((r.stdout + r.stderr).match(sgr)?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
