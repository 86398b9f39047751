import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, root } from './paths';
import { tempDir } from './temp';

let home: string | undefined;

/**
 * A home and XDG folders of their own for every test file (so also a record
 * store of its own): a spawned clientfit never reads or writes the config,
 * records or drafts of whoever runs the tests.
 */
export function isolatedXdg(): Record<string, string> {
  // The test file before this one (in the same worker) removed its home at its end.
  if (home === undefined || !existsSync(home)) home = tempDir('clientfit-home-');
  return homeEnv(home);
}

/** HOME and every XDG folder under one folder. */
export function homeEnv(dir: string): Record<string, string> {
  return {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'),
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_STATE_HOME: join(dir, 'state'),
    XDG_CACHE_HOME: join(dir, 'cache'),
  };
}

/**
 * This process's environment without clientfit's own settings, colour
 * forcing, XDG folders or npm's variables (under `npx vitest` they would make
 * clientfit's hints name its executable), then isolatedXdg(): the base of
 * every spawned clientfit.
 */
export function isolatedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (
      v !== undefined &&
      !k.startsWith('CLIENTFIT_') &&
      !k.startsWith('XDG_') &&
      !k.startsWith('npm_') &&
      k !== 'FORCE_COLOR'
    )
      env[k] = v;
  return { ...env, ...isolatedXdg() };
}

export interface CliResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built binary as a user would (no terminal, standard input closed),
 * with colour off, a fixed clock (SOURCE_DATE_EPOCH: 2026-01-01) and time
 * zone, and no inherited CLIENTFIT_* settings.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string>; input?: string; timeout?: number } = {},
): CliResult {
  const result = spawnSync(process.execPath, [binPath, ...args], {
    cwd: options.cwd ?? root,
    // Wide, so that what a test reads is not wrapped; the width checks set COLUMNS themselves.
    env: {
      ...isolatedEnv(),
      NO_COLOR: '1',
      TZ: 'UTC',
      SOURCE_DATE_EPOCH: '1767225600',
      COLUMNS: '1000',
      ...options.env,
    },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 20_000,
  });
  return {
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** No stack trace: neither "    at fn (file:line)" frames nor Node's own error banner. */
export function expectNoStackTrace(text: string): void {
  if (/^\s+at .+:\d+:\d+\)?$/m.test(text) || /node:internal|Error: .*\n\s+at /.test(text)) {
    throw new Error(`output contains a stack trace:\n${text.slice(0, 2000)}`);
  }
}
