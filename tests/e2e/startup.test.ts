import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binPath, root } from '../helpers/paths';
import { isolatedEnv, runCli } from '../helpers/run-cli';
import { tempDir, writeTree } from '../helpers/temp';

// What start-up loads: commands that prompt nobody must not pay for the prompt
// library, node:crypto or child processes. Node's own module list tells, read
// by a preloaded probe as the process exits.

const probeDir = writeTree({
  'probe.cjs': "process.on('exit', () => require('node:fs').writeFileSync(process.env.PROBE_OUT, JSON.stringify(process.moduleLoadList)));\n",
});

function modulesLoadedBy(args: readonly string[]): string[] {
  // Once first, so the bank comes from the load cache as on every run but the first.
  expect(runCli(args).status).toBe(0);
  const out = join(tempDir(), 'modules.json');
  const r = spawnSync(process.execPath, ['--require', join(probeDir, 'probe.cjs'), binPath, ...args], {
    cwd: root,
    env: { ...isolatedEnv(), NO_COLOR: '1', TZ: 'UTC', PROBE_OUT: out },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return (JSON.parse(readFileSync(out, 'utf8')) as string[]).map((m) => m.replace(/^NativeModule /, ''));
}

describe('start-up', () => {
  // A command that loads a bank hashes its files (the bank's identity, and its key in the load cache): node:crypto is expected there.
  it.each([
    [['run', '--answers', 'questions/samples/fjord-instruments.yaml', '--format', 'json', '--no-save'], true],
    [['validate'], true],
    [['--help'], false],
    [['--version'], false],
  ])('clientfit %j loads neither the prompt library (readline) nor child_process (node:crypto only with a bank: %s)', (args, bank) => {
    const loaded = modulesLoadedBy(args);
    expect(loaded).toContain('fs'); // the probe saw the process
    for (const module of ['readline', 'internal/readline/interface', 'child_process']) expect(loaded).not.toContain(module);
    expect(loaded.includes('crypto')).toBe(bank);
  });
});

describe('every command, registered from its own module', () => {
  const names = ['run', 'history', 'show', 'outcome', 'calibrate', 'rescore', 'drafts', 'template', 'questions', 'validate', 'config', 'init', 'completion'];

  it('still lists every command in `clientfit --help`', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    for (const name of names) expect(r.stdout).toMatch(new RegExp(`^ {2}${name}\\b`, 'm'));
  });

  it.each(names)("`clientfit %s --help` shows that command's usage, exit 0", (name) => {
    const r = runCli([name, '--help']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: clientfit ${name} `, 'm'));
    expect(r.stdout).toMatch(/-h, --help/);
  });
});
