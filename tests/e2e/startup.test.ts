import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';

describe('every command, registered from its own module', () => {
  const names = [
    'run',
    'history',
    'show',
    'outcome',
    'calibrate',
    'rescore',
    'drafts',
    'template',
    'questions',
    'validate',
    'config',
    'init',
    'completion',
  ];

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
