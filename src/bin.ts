import { fstatSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { signalExitCode } from './exit-codes';
import { createInterrupts } from './interrupts';
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

/** How long a signal waits for a save that is under way before clientfit stops without it. */
const saveGraceMs = 1500;

/** Writes to standard error at once, even while the process is exiting. */
function writeErrNow(text: string): void {
  try {
    writeSync(2, text);
  } catch {
    // Standard error is gone; there is no one left to tell.
  }
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
    const interrupts = createInterrupts(
      {
        on: (signal, listener) => process.on(signal, listener),
        off: (signal, listener) => process.off(signal, listener),
        exit: (code) => process.exit(code),
        writeErrNow,
        setTimeout: (run, ms) => setTimeout(run, ms),
      },
      saveGraceMs,
    );
    // The end of input can leave a prompt waiting until the process simply ends,
    // with status 0; an interview still registered then was cut off, not finished.
    process.on('exit', (code) => {
      if (interrupts.active() && code === 0) {
        interrupts.runHandlers('SIGHUP');
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
        writeErrNow,
        onInterrupt: interrupts.onInterrupt,
        holdInterrupts: interrupts.holdInterrupts,
      });
    });
  }
}
