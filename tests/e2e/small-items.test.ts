import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process';
import { root } from '../helpers/paths';
import { homeEnv } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

const sample = (name: string): string => join(root, 'questions', 'samples', `${name}.yaml`);

/** A fresh home with one saved record; returns its env, store and the record's id. */
async function oneRecord(): Promise<{ env: Record<string, string>; store: string; id: string }> {
  const env = homeEnv(tempDir());
  const r = await runInProcess(['run', '--answers', sample('harbour-dental')], env);
  expect(r.status).toBe(0);
  const store = join(env.XDG_DATA_HOME ?? '', 'clientfit', 'records');
  const file = readdirSync(store).find((f) => f.endsWith('.json')) ?? '';
  return { env, store, id: file.slice(0, -'.json'.length) };
}

describe('a record file that repeats another record id', () => {
  it('is named by history and calibrate, and outcome refuses to record against the id', async () => {
    const { env, store, id } = await oneRecord();
    copyFileSync(join(store, `${id}.json`), join(store, 'copy of it.json'));
    const history = await runInProcess(['history'], env);
    expect(history.status).toBe(0);
    // Newest first, the copy's name sorts first: the original is the one named as skipped.
    expect(history.stderr).toMatch(
      new RegExp(
        `skipped (copy of it|${id})\\.json: it holds the record ${id}, as (copy of it|${id})\\.json does`,
      ),
    );
    expect(history.stdout).toMatch(/1 record; 1 file skipped/);
    const refused = await runInProcess(['outcome', id, 'signed'], env);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`the record ${id} is in 2 files of the store`);
    expect(readdirSync(store).some((f) => f !== 'outcomes' && !f.endsWith('.json'))).toBe(false);
    const calibrate = await runInProcess(['calibrate'], env);
    expect(calibrate.stderr).toContain(`it holds the record ${id}`);
  });
});

describe('flags', () => {
  it('history --outcome X --no-outcome is a conflict, either way round (exit 2)', async () => {
    const { env } = await oneRecord();
    for (const argv of [
      ['history', '--outcome', 'signed', '--no-outcome'],
      ['history', '--no-outcome', '--outcome', 'signed'],
    ]) {
      const r = await runInProcess(argv, env);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("option '--no-outcome' cannot be used with option '--outcome'");
    }
    expect((await runInProcess(['history', '--no-outcome'], env)).status).toBe(0);
  });

  it('a bad --outcome value says which one was meant', async () => {
    const { env } = await oneRecord();
    const r = await runInProcess(['history', '--outcome', 'went-bad'], env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Did you mean "went-badly"?');
  });

  it('the help names the verdict exit codes of run --exit-code', async () => {
    const r = await runInProcess(['--help']);
    expect(r.stdout).toMatch(/10 take with conditions, 20 decline, 30 undecided/);
  });
});

describe('config', () => {
  it('shows who the records name, and a bank path that names nothing, resolved', async () => {
    const home = tempDir();
    const env = { ...homeEnv(home), CLIENTFIT_BY: '' };
    const dir = join(home, 'config', 'clientfit');
    (await import('node:fs')).mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'config.yaml'), 'bank: mybank\nby: Ada Lovelace\n');
    const r = await runInProcess(['config'], { ...env, COLUMNS: '300' });
    expect(r.stdout).toMatch(/^by\s+Ada Lovelace\s+\(config file\)$/m);
    expect(r.stdout).toContain(`${join(dir, 'mybank')}  (does not exist)`);
    const json = JSON.parse((await runInProcess(['config', '--json'], env)).stdout) as {
      settings: { bank: { exists: boolean }; by: { value: string } };
    };
    expect(json.settings.bank.exists).toBe(false);
    expect(json.settings.by.value).toBe('Ada Lovelace');
  });
});

describe('outcome --from', () => {
  it('importing the same file twice records nothing new the second time, and says so', async () => {
    const { env, store, id } = await oneRecord();
    const file = join(tempDir(), 'outcomes.csv');
    writeFileSync(file, `record,outcome,date,note\n${id},went-well,2026-01-01,Paid on time\n`);
    const first = await runInProcess(['outcome', '--from', file], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('Recorded 1 outcome from');
    const outcomes = (): string[] => readdirSync(join(store, 'outcomes'));
    const count = outcomes().length;
    const second = await runInProcess(['outcome', '--from', file], env);
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('Nothing new: every outcome in');
    expect(outcomes()).toHaveLength(count);
    // A changed note is a correction: recorded.
    writeFileSync(file, `record,outcome,date,note\n${id},went-well,2026-01-01,Paid late\n`);
    expect((await runInProcess(['outcome', '--from', file], env)).stdout).toContain(
      'Recorded 1 outcome',
    );
  });
});

describe('show by name', () => {
  it('takes a prospect name as a slug, as shell completion offers it', async () => {
    const { env } = await oneRecord();
    const r = await runInProcess(['show', 'harbour-dental', '--json'], env);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { prospect: string }).prospect).toBe('Harbour Dental');
  });

  it('the bash script says how to install it without the bash-completion package', async () => {
    expect((await runInProcess(['completion', 'bash'])).stdout).toContain(
      'source <(clientfit completion bash)',
    );
  });
});
