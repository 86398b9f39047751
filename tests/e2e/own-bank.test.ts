import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyId } from '../../src/commands/init';
import { runInProcess } from '../helpers/in-process';
import { root } from '../helpers/paths';
import { homeEnv, isolatedEnv } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

/** Text with its line breaks and runs of spaces made one space (output is wrapped). */
const flat = (text: string): string => text.replace(/\s+/g, ' ');
const sample = (name: string): string => join(root, 'questions', 'samples', `${name}.yaml`);

/** A home, a folder elsewhere to run from, and an own bank made there by init. */
async function ownBank(
  folder = 'Acme Bank',
  extra: string[] = [],
  startedWith: Record<string, string> = {},
) {
  const home = tempDir();
  const env = homeEnv(home);
  const work = join(home, 'work');
  mkdirSync(work);
  const made = await runInProcess(['init', join(work, folder), ...extra], {
    ...env,
    ...startedWith,
  });
  expect(made.status).toBe(0);
  return { env, home, work, bank: join(work, folder), advice: made.stdout };
}

describe('init: your bank is yours', () => {
  it.each([
    ['Acme Bank', 'acme-bank'],
    ['clientfit-bank', 'clientfit-bank'],
    ['2026 Bank!', 'bank'],
    ['???', 'my-bank'],
  ])('the id of a copy in %j is %j', (folder, id) => {
    expect(copyId(join('/x', folder), undefined)).toBe(id);
  });

  it('the copy has its own id and version 0.1.0, and says which bank it is based on', async () => {
    const { bank, advice } = await ownBank();
    const manifest = readFileSync(join(bank, 'bank.yaml'), 'utf8');
    expect(manifest).toMatch(/^id: acme-bank$/m);
    expect(manifest).toMatch(/^basedOn: three-degrees$/m);
    expect(manifest).toMatch(/^version: 0\.1\.0$/m);
    expect(advice).toContain('the bank "acme-bank" 0.1.0');
  });

  it('--id names it; a bad --id is refused before anything is written (exit 2)', async () => {
    const { bank } = await ownBank('b', ['--id', 'agency-two']);
    expect(readFileSync(join(bank, 'bank.yaml'), 'utf8')).toMatch(/^id: agency-two$/m);
    const home = tempDir();
    const bad = await runInProcess(['init', join(home, 'c'), '--id', 'Not An Id'], homeEnv(home));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--id "Not An Id" is not a bank id');
  });

  it('answers files written for the shipped bank run on the copy, with the same verdict', async () => {
    const { env, bank } = await ownBank();
    for (const name of ['harbour-dental', 'northwind-bakery']) {
      const shipped = await runInProcess(
        ['run', '--answers', sample(name), '--no-save', '--json'],
        env,
      );
      const own = await runInProcess(
        ['run', '--answers', sample(name), '--no-save', '--json', '--bank', bank],
        env,
      );
      expect(own.status, own.stderr).toBe(0);
      const verdict = (out: string) =>
        (JSON.parse(out) as { recommendation: string }).recommendation;
      expect(verdict(own.stdout)).toBe(verdict(shipped.stdout));
    }
  });

  it('every command it prints works as printed from another folder, the config line too', async () => {
    const { env, home, advice } = await ownBank();
    const lines = advice.split('\n');
    const command = (verb: string): string[] => {
      const line = lines.find((l) => l.includes(`clientfit ${verb} `)) ?? '';
      // The printed command, shell quotes and all.
      const m =
        /clientfit (\w+) (?:--bank )?'([^']+)'/.exec(line) ??
        /clientfit (\w+) (?:--bank )?(\S+)/.exec(line);
      return [m?.[1] ?? '', ...(verb === 'validate' ? [] : ['--bank']), m?.[2] ?? ''];
    };
    const validate = await runInProcess(command('validate'), { ...env });
    expect(validate.status, validate.stderr).toBe(0);
    const bankLine = /^\s+bank: (.+)$/m.exec(advice)?.[1] ?? '';
    const config = join(home, 'config', 'clientfit');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'config.yaml'), `bank: ${bankLine}\n`);
    const shown = await runInProcess(['config'], { ...env, COLUMNS: '300' });
    expect(shown.stdout).not.toContain('does not exist');
    const run = await runInProcess(
      ['run', '--answers', sample('harbour-dental'), '--no-save', '--json'],
      env,
    );
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { bank: { id: string } }).bank.id).toBe('acme-bank');
  });

  it('started through npx, the printed steps call the clone by its absolute path and run from another folder', async () => {
    // npx sets these; `npx clientfit` printed here would reach the public registry from any other folder.
    const npx = { npm_command: 'exec', npm_lifecycle_event: 'npx' };
    const { env, home, advice } = await ownBank('Acme Bank', [], npx);
    const bin = join(root, 'bin', 'clientfit.js');
    expect(advice).not.toContain('npx clientfit');
    const line = (lead: string): string =>
      new RegExp(`${lead}\\s+(.+)$`, 'm').exec(advice)?.[1] ?? '';
    const validate = line('Check it:');
    const use = line('Use it:');
    expect(validate).toMatch(
      new RegExp(`^node ${bin.replaceAll('.', '\\.')} validate '.*/Acme Bank'$`),
    );
    // Through a shell, from the home folder, with no npm in the environment: as a user pastes it.
    const shellEnv = {
      ...isolatedEnv(),
      ...env,
      NO_COLOR: '1',
      PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(':'),
    };
    const sh = (command: string) =>
      spawnSync('/bin/sh', ['-c', command], {
        cwd: home,
        env: shellEnv,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const checked = sh(validate);
    expect(checked.status, checked.stderr).toBe(0);
    const ran = sh(`${use} --answers '${sample('harbour-dental')}' --no-save --json`);
    expect(ran.status, ran.stderr).toBe(0);
    expect((JSON.parse(ran.stdout) as { bank: { id: string } }).bank.id).toBe('acme-bank');
  });
});

describe('calibrate --bank and rescore name both banks', () => {
  /** A store of assessed samples with outcomes, and an own bank. */
  async function withRecords(folder: string, extra: string[] = []) {
    const own = await ownBank(folder, extra);
    for (const name of ['harbour-dental', 'northwind-bakery', 'fjord-instruments']) {
      const r = await runInProcess(['run', '--answers', sample(name)], own.env);
      expect(r.status).toBe(0);
      const id = /Saved as record (\S+)/.exec(r.stderr)?.[1] ?? '';
      expect((await runInProcess(['outcome', id, 'went-badly'], own.env)).status).toBe(0);
    }
    return own;
  }

  it('by id and version; a candidate failing its own examples is warned about', async () => {
    const { env, bank } = await withRecords('Acme Bank');
    const rescore = await runInProcess(['rescore', '--bank', bank], env);
    expect(flat(rescore.stdout)).toContain(
      '3 records re-scored with acme-bank 0.1.0; assessed with three-degrees 3.0.0 (3)',
    );
    expect(rescore.stderr).toBe('');
    const calibrate = await runInProcess(['calibrate', '--bank', bank], env);
    expect(flat(calibrate.stdout)).toContain(
      'The candidate bank acme-bank 0.1.0 would have declined',
    );
    expect(flat(calibrate.stdout)).toContain('assessed with (three-degrees 3.0.0: 3 records)');
    const examples = join(bank, '90-examples.yaml');
    writeFileSync(
      examples,
      readFileSync(examples, 'utf8').replace('recommendation: take }', 'recommendation: decline }'),
    );
    for (const argv of [
      ['rescore', '--bank', bank],
      ['calibrate', '--bank', bank],
    ]) {
      const r = await runInProcess(argv, env);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(
        /warning: the candidate bank acme-bank 0\.1\.0 \(.+\) fails 1 of its own \d+ examples/,
      );
    }
  });

  it('with the path when the two ids are the same', async () => {
    const { env, bank } = await withRecords('same', ['--id', 'three-degrees']);
    const rescore = await runInProcess(['rescore', '--bank', bank], env);
    expect(flat(rescore.stdout)).toContain(
      `re-scored with three-degrees 0.1.0 at ${bank}; assessed with three-degrees 3.0.0 (3)`,
    );
    const calibrate = await runInProcess(['calibrate', '--bank', bank], env);
    expect(flat(calibrate.stdout)).toContain(
      `The candidate bank three-degrees 0.1.0 at ${bank} would have declined`,
    );
  });

  it('rescore counts a changed fit level as a change', async () => {
    const { env, bank } = await withRecords('Fit Bank');
    // The best fit level renamed: the fit level of a record with a good fit changes, its degree and verdict do not.
    const manifest = join(bank, 'bank.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('- id: good', '- id: fine'));
    const examples = join(bank, '90-examples.yaml');
    writeFileSync(examples, readFileSync(examples, 'utf8').replace(/fit: good\b/g, 'fit: fine'));
    const r = await runInProcess(['rescore', '--bank', bank, '--json'], env);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      changed: number;
      changes: {
        before: { fit: string; recommendation: string };
        after: { fit: string; recommendation: string };
      }[];
    };
    const fitOnly = out.changes.filter(
      (c) => c.before.fit !== c.after.fit && c.before.recommendation === c.after.recommendation,
    );
    expect(out.changed).toBe(out.changes.length);
    expect(fitOnly.length).toBeGreaterThan(0);
    const text = await runInProcess(['rescore', '--bank', bank], env);
    expect(flat(text.stdout)).toContain('(fit good → fine)');
  });
});
