import { createRequire } from 'node:module';

// node-pty is no dependency of clientfit: where the terminal tests run, it is
// installed with `npm install --no-save node-pty@1.1.0` (.ci/run does), which
// builds it from source and needs python, make and a C++ compiler. Without it the tests in a real terminal are skipped, with
// a notice (tests/global-setup.ts prints it) — unless CI is set: there they
// are required, and a missing node-pty fails the run. TESTS_WITHOUT_PTY=1
// makes it count as missing, to check both.

/** The part of node-pty the tests use (typed here: a type import would fail to compile without the package). */
export interface Terminal {
  readonly pid: number;
  onData(listener: (data: string) => void): unknown;
  onExit(listener: (event: { exitCode: number; signal?: number }) => void): unknown;
  write(data: string): void;
  kill(signal?: string): void;
}
export interface NodePty {
  spawn(
    file: string,
    args: readonly string[],
    options: {
      name?: string;
      cols: number;
      rows: number;
      cwd?: string;
      env: Record<string, string | undefined>;
    },
  ): Terminal;
}

/** node-pty, or why it cannot be used. */
export function loadNodePty(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { pty: NodePty } | { missing: string } {
  if (env.TESTS_WITHOUT_PTY === '1') return { missing: 'TESTS_WITHOUT_PTY=1 is set' };
  try {
    return { pty: createRequire(import.meta.url)('node-pty') as NodePty };
  } catch (error) {
    return {
      missing: `it cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    };
  }
}

/** Whether the tests in a real terminal must run: CI is set (to anything but an empty string). */
export function ptyRequired(
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  return env.CI !== undefined && env.CI !== '';
}

/** Why a run with CI set stops when node-pty is missing. */
export function ptyRequiredMessage(missing: string): string {
  return `node-pty is required when CI is set, but ${missing}: install python, make and a C++ compiler, then 'npm install --no-save node-pty@1.1.0'`;
}
