import { writeSync } from 'node:fs';
import { ExitCode, signalExitCode } from './exit-codes';
import { reason } from './io/write-hint';
import { createInterrupts } from './interrupts';
import { main } from './main';

// The one place that touches the process: streams, exit status, signals.
// bin/clientfit.js loads the bundle and calls start().

/** Ends quietly when the reader of a stream left, names any other write failure and exits 3. */
function watchStream(stream: NodeJS.WriteStream, name: string): NodeJS.WriteStream {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // `clientfit … | head -1`: the reader left; stop quietly like other Unix tools.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // `clientfit … > /dev/full`, a full disk under a redirect: say so (on the other stream, if it still works) and exit 3.
    writeErrNow(`clientfit: cannot write to ${name}: ${reason(error.code)}\n`);
    process.exit(ExitCode.invalidInput);
  });
  return stream;
}

/** An output for main: the stream, whether it is a terminal, and its width when it is one. */
function output(stream: NodeJS.WriteStream): {
  write: (chunk: string) => boolean;
  readonly isTTY: boolean;
  readonly columns: number | undefined;
} {
  return {
    write: (chunk) => stream.write(chunk),
    isTTY: stream.isTTY,
    get columns() {
      return stream.isTTY ? stream.columns : undefined;
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
  const stdout = watchStream(process.stdout, 'standard output');
  const stderr = watchStream(process.stderr, 'standard error');
  const interrupts = createInterrupts(
    {
      on: (signal, listener) => process.on(signal, listener),
      off: (signal, listener) => process.off(signal, listener),
      exit: (code) => process.exit(code),
      writeErrNow,
      setTimeout: (run, ms) => setTimeout(run, ms),
      reraise: (signal) => {
        process.kill(process.pid, signal);
        // The signal ends the process as soon as the kernel delivers it; should it not, exit the usual way.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
        return process.exit(signalExitCode[signal]);
      },
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

  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    writeErrNow(
      'clientfit: the current folder no longer exists (it was deleted or moved)\nhint: cd into an existing folder and run clientfit again\n',
    );
    process.exitCode = ExitCode.invalidInput;
    return;
  }
  void main(argv, {
    stdout: output(stdout),
    stderr: output(stderr),
    stdin: { isTTY: process.stdin.isTTY },
    env: process.env,
    now: () => new Date(),
    cwd,
    promptStreams: { input: process.stdin, output: stderr },
    writeErrNow,
    onInterrupt: interrupts.onInterrupt,
    holdInterrupts: interrupts.holdInterrupts,
  }).then((code) => {
    process.exitCode = code;
  });
}

/** `main`, for a script that runs clientfit many times in one process of its own (the tests' concurrent writers). */
export function loadMain(): Promise<typeof main> {
  return Promise.resolve(main);
}
