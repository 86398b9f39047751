import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { InterruptSignal } from './exit-codes';
import { signalExitCode } from './exit-codes';
import { version } from './version';

// The one place that touches the process: streams, exit status, signals.
// bin/clientfit.js loads the bundle and calls start().

/**
 * Whether a file descriptor is a terminal. fstat answers most cases (a pipe or
 * a file is no terminal); only a character device needs node:tty, which is
 * loaded then (it pulls in node:net).
 */
function isatty(fd: number): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

/**
 * process.stdout or process.stderr, created on first use: building one loads
 * Node's stream code, which a run that writes nothing there never needs.
 */
function lazyStream(open: () => NodeJS.WriteStream): () => NodeJS.WriteStream {
  let stream: NodeJS.WriteStream | undefined;
  return () => {
    if (stream === undefined) {
      stream = open();
      stream.on('error', (error: NodeJS.ErrnoException) => {
        // `clientfit … | head -1`: the reader left; stop quietly like other Unix tools.
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
      });
    }
    return stream;
  };
}

/** An output for main: written through the stream (made on first write), asked whether it is a terminal without making it. */
function output(stream: () => NodeJS.WriteStream, fd: number): { write: (chunk: string) => boolean; readonly isTTY: boolean } {
  return {
    write: (chunk) => stream().write(chunk),
    get isTTY() {
      return isatty(fd);
    },
  };
}

/** Runs clientfit as this process: arguments from process.argv, the exit status in process.exitCode. */
export function start(): void {
  const argv = process.argv.slice(2);
  const stdout = lazyStream(() => process.stdout);
  const stderr = lazyStream(() => process.stderr);
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    // Asked often by scripts: answered without loading the command line at all.
    stdout().write(`${version}\n`);
  } else {
    // Signals: while something that must not be cut off is registered (an
    // interview, a record being saved), SIGINT, SIGTERM and SIGHUP run its
    // handlers (they save synchronously) and then exit 128+n. With nothing
    // registered, Node's default applies: the command stops at once, so
    // Ctrl+C ends a long listing instead of waiting for it.
    const interruptHandlers = new Set<(signal: InterruptSignal) => void>();
    const listeners = (Object.entries(signalExitCode) as [InterruptSignal, number][]).map(([signal, code]) => ({
      signal,
      listener: () => {
        for (const handler of interruptHandlers) {
          try {
            handler(signal);
          } catch {
            // Keep going: the exit status must still say what happened.
          }
        }
        process.exit(code);
      },
    }));
    const onInterrupt = (handler: (signal: InterruptSignal) => void): (() => void) => {
      if (interruptHandlers.size === 0) for (const { signal, listener } of listeners) process.on(signal, listener);
      interruptHandlers.add(handler);
      return () => {
        interruptHandlers.delete(handler);
        if (interruptHandlers.size === 0) for (const { signal, listener } of listeners) process.off(signal, listener);
      };
    };
    // The end of input can leave a prompt waiting until the process simply ends,
    // with status 0; an interview still registered then was cut off, not finished.
    process.on('exit', (code) => {
      if (interruptHandlers.size > 0 && code === 0) {
        for (const handler of interruptHandlers) handler('SIGHUP');
        process.exitCode = signalExitCode.SIGHUP;
      }
    });

    void import('./main').then(async ({ main }) => {
      process.exitCode = await main(argv, {
        stdout: output(stdout, 1),
        stderr: output(stderr, 2),
        // Read only when asked: creating process.stdin loads stream code a
        // scripted run never needs, and isatty() alone answers the question.
        stdin: {
          get isTTY() {
            return isatty(0);
          },
        },
        env: process.env,
        now: () => new Date(),
        cwd: process.cwd(),
        get promptStreams() {
          return { input: process.stdin, output: stderr() };
        },
        writeErrNow: (text) => {
          try {
            writeSync(2, text);
          } catch {
            // Standard error is gone; there is no one left to tell.
          }
        },
        onInterrupt,
      });
    });
  }
}

/** `main`, loaded on demand: for a script that runs clientfit many times in one process of its own (the tests' concurrent writers). */
export async function loadMain(): Promise<typeof import('./main').main> {
  return (await import('./main')).main;
}
