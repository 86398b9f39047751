import { main, type MainIO } from '../../src/main';
import { isolatedXdg, type CliResult } from './run-cli';
import { root } from './paths';

export interface Captured {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs main() in this process with captured output and no terminal: fast enough for hundreds of runs. */
export async function runInProcess(
  argv: readonly string[],
  env: Record<string, string> = {},
  now: Date | (() => Date) = new Date('2026-01-01T00:00:00Z'),
  cwd = root,
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: MainIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin: { isTTY: false },
    // Wide, so that what a test reads is not wrapped; the width checks set COLUMNS themselves.
    env: {
      ...isolatedXdg(),
      NO_COLOR: '1',
      TZ: 'UTC',
      SOURCE_DATE_EPOCH: '1767225600',
      PATH: process.env.PATH ?? '',
      COLUMNS: '1000',
      ...env,
    },
    cwd,
    now: typeof now === 'function' ? now : () => now,
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

/**
 * runCli's call and result, run in this process: for the tests of what clientfit says, writes and
 * exits with, which need no process of their own (no standard input, signal or terminal). The
 * clock is the binary's: the real time, SOURCE_DATE_EPOCH fixing what it fixes there.
 */
export async function cli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const r = await runInProcess(args, options.env, () => new Date(), options.cwd);
  return { ...r, signal: null };
}

/** Characters that must never reach a terminal raw: controls (but newline), bidi overrides, invisible formatting. */
export const rawControl =
  // eslint-disable-next-line no-control-regex -- finding these is the point
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/u;
