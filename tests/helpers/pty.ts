import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { stripVTControlCharacters } from 'node:util';
import { describe, it } from 'vitest';
import type { NodePty, Terminal } from './node-pty';
import { loadNodePty, ptyRequired, ptyRequiredMessage } from './node-pty';
import { binPath, root } from './paths';
import { isolatedEnv } from './run-cli';

const loaded = loadNodePty();
/** Why node-pty is missing, or undefined when the tests in a real terminal can run. */
export const ptyMissing = 'missing' in loaded ? loaded.missing : undefined;
if (ptyMissing !== undefined && ptyRequired()) throw new Error(ptyRequiredMessage(ptyMissing));

/** `describe` for tests that need a real pseudo-terminal: skipped when node-pty is missing (and CI is not set). */
export const describePty = ptyMissing === undefined ? describe : describe.skip;
/** `it` for a test that needs a real pseudo-terminal: skipped when node-pty is missing (and CI is not set). */
export const itPty = ptyMissing === undefined ? it : it.skip;

/** node-pty's spawn; fails plainly when it is missing (a test that needs it should use describePty or itPty). */
export function spawnPty(...args: Parameters<NodePty['spawn']>): Terminal {
  if (!('pty' in loaded))
    throw new Error(
      `node-pty is missing (${loaded.missing}): declare this test with describePty or itPty`,
    );
  return loaded.pty.spawn(...args);
}

export const keys = {
  up: '\u001b[A',
  down: '\u001b[B',
  enter: '\r',
  space: ' ',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
} as const;

export interface PtySession {
  /** Everything the terminal showed, without escape sequences. */
  screen(): string;
  write(data: string): void;
  /** Waits until `pattern` appears after the last match, and moves past it. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  kill(signal: NodeJS.Signals): void;
  /** Waits for clientfit to exit (10 s unless told), failing with the screen if it does not. */
  exited(timeoutMs?: number): Promise<{ exitCode: number; signal: number | undefined }>;
  readonly pid: number;
}

/**
 * Waits until a condition holds (polled on every output) or a promise
 * settles, for at most `timeoutMs`; the failure names what was awaited and
 * shows the end of the screen.
 */
export function waitUntil<T>(
  condition: Promise<T>,
  what: string,
  screen: () => string,
  timeoutMs?: number,
): Promise<T>;
export function waitUntil(
  condition: () => boolean,
  what: string,
  screen: () => string,
  timeoutMs?: number,
): Promise<void>;
export function waitUntil<T>(
  condition: (() => boolean) | Promise<T>,
  what: string,
  screen: () => string,
  timeoutMs = 10_000,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(
        new Error(
          `timed out after ${timeoutMs / 1000} s waiting for ${what}; the screen ends with:\n${screen().slice(-1500)}`,
        ),
      );
    }, timeoutMs);
    const done = (value?: T) => {
      clearTimeout(timer);
      clearInterval(poll);
      resolve(value);
    };
    let poll: NodeJS.Timeout | undefined;
    if (typeof condition === 'function') {
      if (condition()) done();
      else
        poll = setInterval(() => {
          if (condition()) done();
        }, 20);
    } else {
      condition.then(done, (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    }
  });
}

/**
 * node-pty closes the terminal 200 ms after the process ends, and what it had not read yet is lost
 * (on a loaded machine, the end of a report): that rest is read first, to the end (EIO) or to what
 * is there now (EAGAIN; the terminal is non-blocking).
 */
function keepUnread(child: Terminal, append: (data: string) => void): void {
  const inner = child as unknown as { _fd?: number; _socket?: { destroy: () => unknown } };
  const { _fd: fd, _socket: socket } = inner;
  if (fd === undefined || socket === undefined) return;
  const destroy = socket.destroy.bind(socket);
  socket.destroy = () => {
    const buffer = Buffer.alloc(65_536);
    const decoder = new StringDecoder('utf8');
    const readSome = (): number => {
      try {
        return readSync(fd, buffer);
      } catch {
        return 0;
      }
    };
    for (let read = readSome(); read > 0; read = readSome())
      append(decoder.write(buffer.subarray(0, read)));
    return destroy();
  };
}

/**
 * Starts the built binary in a real pseudo-terminal (200 columns, so prompts
 * do not wrap); or, with `options.command`, that command instead (e.g. a
 * shell running a printed command line), in `options.cwd`.
 */
export function startPty(
  args: readonly string[],
  env: Record<string, string>,
  options: { command?: readonly string[]; cwd?: string } = {},
): PtySession {
  const [file, ...rest] = options.command ?? [process.execPath, binPath, ...args];
  const child = spawnPty(file ?? process.execPath, rest, {
    name: 'xterm-256color',
    cols: 200,
    rows: 50,
    cwd: options.cwd ?? root,
    env: { ...isolatedEnv(), NO_COLOR: '1', TZ: 'UTC', SOURCE_DATE_EPOCH: '1767225600', ...env },
  });
  let raw = '';
  let offset = 0;
  const waiters = new Set<() => void>();
  child.onData((data) => {
    raw += data;
    for (const w of waiters) w();
  });
  keepUnread(child, (data) => (raw += data));
  const exit = new Promise<{ exitCode: number; signal: number | undefined }>((resolve) => {
    child.onExit(({ exitCode, signal }) => {
      resolve({ exitCode, signal });
      for (const w of waiters) w();
    });
  });
  const screen = (): string => stripVTControlCharacters(raw).replace(/\r/g, '');
  return {
    screen,
    pid: child.pid,
    write: (data) => {
      child.write(data);
    },
    kill: (signal) => {
      child.kill(signal);
    },
    exited: (timeoutMs = 10_000) => waitUntil(exit, 'clientfit to exit', screen, timeoutMs),
    waitFor: (pattern, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const text = screen().slice(offset);
          const index = typeof pattern === 'string' ? text.indexOf(pattern) : text.search(pattern);
          if (index < 0) return false;
          const length =
            typeof pattern === 'string' ? pattern.length : (pattern.exec(text)?.[0].length ?? 0);
          offset += index + length;
          return true;
        };
        if (check()) {
          resolve(screen());
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `timed out waiting for ${String(pattern)}; the screen ends with:\n${screen().slice(-1500)}`,
            ),
          );
        }, timeoutMs);
        const waiter = (): void => {
          if (check()) {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(screen());
          }
        };
        waiters.add(waiter);
      }),
  };
}
