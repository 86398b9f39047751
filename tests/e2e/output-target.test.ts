import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/paths';
import { expectNoStackTrace, homeEnv } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir } from '../helpers/temp';

// --output: "-" is standard output; a link to the system's files or a device is never replaced, even with --force.

const sample = join(root, 'questions', 'samples', 'northwind-bakery.yaml');

describe('--output -', () => {
  it('writes to standard output, as without --output, and makes no file named "-"', async () => {
    const cwd = tempDir('clientfit-output-');
    const env = homeEnv(tempDir('clientfit-output-home-'));
    const plain = await cli(['run', '--answers', sample, '--no-save', '--format', 'json'], {
      cwd,
      env,
    });
    const dashed = await cli(
      ['run', '--answers', sample, '--no-save', '--format', 'json', '--output', '-'],
      { cwd, env },
    );
    expect(dashed.status, dashed.stderr).toBe(0);
    expect(dashed.stdout).toBe(plain.stdout);
    expect(JSON.parse(dashed.stdout)).toHaveProperty('prospect');
    expect(dashed.stderr).not.toContain('written to');
    expect(readdirSync(cwd)).toEqual([]);
    const template = await cli(['template', '--output', '-'], { cwd, env });
    expect(template.status, template.stderr).toBe(0);
    expect(template.stdout.length).toBeGreaterThan(0);
    expect(existsSync(join(cwd, '-'))).toBe(false);
  });
});

describe('--output that names a device or a link to the system', () => {
  it('/dev/stdout, /dev/null and a link to /dev/null are refused with exit 3, with and without --force, and left as they are', async () => {
    const cwd = tempDir('clientfit-output-');
    const env = homeEnv(tempDir('clientfit-output-home-'));
    const link = join(cwd, 'report.txt');
    symlinkSync('/dev/null', link);
    const cases: [string, RegExp][] = [
      [
        '/dev/stdout',
        /cannot write \/dev\/stdout: it is a link to \/proc\/self\/fd\/1, a device or a file of the system's, which clientfit never replaces, even with --force/,
      ],
      ['/dev/null', /cannot write \/dev\/null: it is not a regular file/],
      [link, /it is a link to \/dev\/null, a device or a file of the system's/],
    ];
    for (const [output, message] of cases)
      for (const force of [[], ['--force']]) {
        const r = await cli(
          ['run', '--answers', sample, '--no-save', '--output', output, ...force],
          {
            cwd,
            env,
          },
        );
        expect(r.status, `${output} ${force.join('')}: ${r.stderr}`).toBe(3);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toContain('pass --force');
        expectNoStackTrace(r.stderr);
      }
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('a symlink to an ordinary file is still replaced itself with --force (its target left alone)', async () => {
    const cwd = tempDir('clientfit-output-');
    const env = homeEnv(tempDir('clientfit-output-home-'));
    const target = join(cwd, 'target.txt');
    writeFileSync(target, 'keep');
    const link = join(cwd, 'report.txt');
    symlinkSync(target, link);
    const r = await cli(['run', '--answers', sample, '--no-save', '--output', link, '--force'], {
      cwd,
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(link).isFile()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('keep');
  });
});
