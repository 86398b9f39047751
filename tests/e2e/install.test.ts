import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers/paths';
import { itPty, keys, startPty } from '../helpers/pty';
import { isolatedEnv } from '../helpers/run-cli';
import { tempDir } from '../helpers/temp';

// The README's install section, followed as a user would in a fresh clone,
// with npm's global prefix pointed at an empty folder: then `clientfit` runs
// from that PATH, and every command line it prints as a hint runs as printed
// (through a shell, from another folder). Run through npx, the hints call the
// clone's own executable by its absolute path (`npx clientfit` would reach the
// public registry from any other folder), and run as printed from elsewhere too.
//
// The clone is of the commit checked out (uncommitted changes are not in it).
// In place of `npm ci`, which would download or build what the repository
// already has, the clone borrows this checkout's node_modules and builds
// dist/ as npm ci's prepare script does; the install line itself is run as
// the README gives it, offline (installing a folder links it: nothing is
// downloaded).

let installLine = '';
let clone = '';
let prefix = '';
let env: Record<string, string> = {};

/** Runs a command line through a shell, as a user pastes it. */
function sh(line: string, cwd: string) {
  return spawnSync('/bin/sh', ['-c', line], { cwd, env, encoding: 'utf8', timeout: 60_000 });
}

/** The command line between backticks after `lead` in `text`. */
function printed(text: string, lead: RegExp): string {
  const match = new RegExp(`${lead.source}[^\`]*\`([^\`]+)\``).exec(text);
  if (match?.[1] === undefined) throw new Error(`no command after ${String(lead)} in:\n${text}`);
  return match[1];
}

beforeAll(() => {
  const base = tempDir('clientfit-install-');
  clone = join(base, 'clone');
  prefix = join(base, 'prefix');
  mkdirSync(prefix);
  const cloned = spawnSync('git', ['clone', '--quiet', root, clone], { encoding: 'utf8' });
  if (cloned.status !== 0) throw new Error(`git clone of ${root} failed: ${cloned.stderr}`);
  installLine =
    /^npm ci && (npm install -g \.)\s+#/m.exec(
      readFileSync(join(clone, 'README.md'), 'utf8'),
    )?.[1] ?? '';
  symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
  const built = spawnSync(process.execPath, ['esbuild.config.mjs', '--silent'], {
    cwd: clone,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`the build failed: ${built.stderr}`);
  env = {
    ...isolatedEnv(),
    NO_COLOR: '1',
    // The Node under test first (the bin's `#!/usr/bin/env node`), then npm's global bin folder.
    PATH: [join(prefix, 'bin'), dirname(process.execPath), process.env.PATH ?? ''].join(':'),
    npm_config_prefix: prefix,
  };
  const installed = sh(`${installLine} --offline --no-audit --no-fund`, clone);
  if (installed.status !== 0) throw new Error(`${installLine} failed: ${installed.stderr}`);
}, 120_000);

describe('installed from a fresh clone as the README says', () => {
  it('puts clientfit on the PATH; the show hint runs as printed, also through npx', () => {
    expect(installLine).toBe('npm install -g .');
    expect(existsSync(join(prefix, 'bin', 'clientfit'))).toBe(true);
    const elsewhere = tempDir();
    const store = join(elsewhere, 'team records');

    // The bare command takes run's flags; the hint names the store given (quoted: it has a space).
    const r = sh(
      `clientfit --answers '${join(clone, 'questions/samples/fjord-instruments.yaml')}' --prospect 'Path Co' --store 'team records' --json`,
      elsewhere,
    );
    expect(r.status).toBe(0);
    const hint = printed(r.stderr, /Saved as record \S+ —/);
    expect(hint).toMatch(/^clientfit show \S+ --store '.*\/team records'$/);
    const shown = sh(hint, tempDir());
    expect(shown.stderr).toBe('');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^\[ TAKE \] Path Co\nWhy: +.*\n.*\nDegree: +First degree/);

    // Through npx in the clone (as the README's first line runs it): the hint names the clone's
    // executable, and runs as printed from another folder (where `npx clientfit` would go to the registry).
    const viaNpx = sh(
      `npx --no-install clientfit run --answers questions/samples/northwind-bakery.yaml --store '${store}' --json`,
      clone,
    );
    expect(viaNpx.status).toBe(0);
    const npxHint = printed(viaNpx.stderr, /Saved as record \S+ —/);
    expect(npxHint).toMatch(/^node \S+ show \S+ --store '.*\/team records'$/);
    expect(npxHint.startsWith(`node ${join(clone, 'bin', 'clientfit.js')} show `)).toBe(true);
    const npxShown = sh(npxHint, tempDir());
    expect(npxShown.status).toBe(0);
    expect(npxShown.stdout).toMatch(/^\[ DECLINE \] Northwind Bakery\n/);
  });

  itPty(
    'the resume hint of an interrupted interview runs as printed, from another folder',
    async () => {
      const first = startPty([], env, {
        command: ['/bin/sh', '-c', "clientfit --prospect 'Pause Co' --store records"],
        cwd: tempDir(),
      });
      await first.waitFor('Answers are saved as you go');
      await first.waitFor('? ');
      first.write(keys.ctrlC);
      expect((await first.exited()).exitCode).toBe(130);
      const hint = /resume with: (clientfit run --resume \S+ --store \S+)/.exec(
        first.screen(),
      )?.[1];
      expect(hint).toMatch(/^clientfit run --resume \S+ --store \/\S+\/records$/);

      const second = startPty([], env, {
        command: ['/bin/sh', '-c', hint ?? 'false'],
        cwd: tempDir(),
      });
      await second.waitFor('Answers are saved as you go');
      await second.waitFor('? ');
      second.write(keys.ctrlC);
      expect((await second.exited()).exitCode).toBe(130);
      expect(second.screen()).toContain(`resume with: ${hint ?? ''}`);
    },
  );
});
