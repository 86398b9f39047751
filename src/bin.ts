import { writeSync } from 'node:fs';
import { version } from './version';

// The one place that touches the process: streams, exit status, signals.
const argv = process.argv.slice(2);

if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Asked often by scripts: answered without loading the command line at all.
  process.stdout.write(`${version}\n`);
} else {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      // `clientfit … | head -1`: the reader left; stop quietly like other Unix tools.
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  // Signals: run the registered handlers (they save synchronously), then exit
  // 128+n. Without this, SIGTERM or SIGHUP would kill the process mid-interview.
  type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
  const interruptHandlers = new Set<(signal: InterruptSignal) => void>();
  const signalCodes: [InterruptSignal, number][] = [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ];
  for (const [signal, code] of signalCodes) {
    process.on(signal, () => {
      for (const handler of interruptHandlers) {
        try {
          handler(signal);
        } catch {
          // Keep going: the exit status must still say what happened.
        }
      }
      process.exit(code);
    });
  }
  // The end of input can leave a prompt waiting until the process simply ends,
  // with status 0; an interview still registered then was cut off, not finished.
  process.on('exit', (code) => {
    if (interruptHandlers.size > 0 && code === 0) {
      for (const handler of interruptHandlers) handler('SIGHUP');
      process.exitCode = 129;
    }
  });

  const { main } = await import('./main');
  process.exitCode = await main(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
    cwd: process.cwd(),
    promptStreams: { input: process.stdin, output: process.stderr },
    writeErrNow: (text) => {
      try {
        writeSync(2, text);
      } catch {
        // Standard error is gone; there is no one left to tell.
      }
    },
    onInterrupt: (handler) => {
      interruptHandlers.add(handler);
      return () => interruptHandlers.delete(handler);
    },
  });
}
