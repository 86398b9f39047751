import { spawn } from 'node:child_process';
import { binPath, root } from './paths';

/** How a clientfit started with `started` ended. */
export interface Ended {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the built binary without waiting: the promise settles when it ends (no timers, no polling). */
export function started(args: readonly string[], env: Record<string, string>): Promise<Ended> {
  const child = spawn(process.execPath, [binPath, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((done) => {
    child.on('close', (status) => {
      done({ status, stdout, stderr });
    });
  });
}
