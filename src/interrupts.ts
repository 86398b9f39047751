import type { InterruptSignal } from './exit-codes';
import { signalExitCode } from './exit-codes';

/** What the signal handling needs from the process (bin.ts passes the real one; tests their own). */
export interface InterruptHost {
  readonly on: (signal: InterruptSignal, listener: () => void) => void;
  readonly off: (signal: InterruptSignal, listener: () => void) => void;
  readonly exit: (code: number) => never;
  /** Writes to standard error at once, even while exiting. */
  readonly writeErrNow: (text: string) => void;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  /**
   * Ends the process by the signal itself, with its default action: the
   * kernel ends it at once, even while a disk write is stuck (process.exit
   * would wait for it), and the shell sees the usual 128+n.
   */
  readonly reraise: (signal: InterruptSignal) => never;
}

export interface Interrupts {
  /** Registers a synchronous handler for SIGINT/SIGTERM/SIGHUP, run before clientfit exits 128+n; returns its removal. */
  readonly onInterrupt: (handler: (signal: InterruptSignal) => void) => () => void;
  /**
   * Like onInterrupt, for a save under way: a signal waits until the returned
   * release is called, then the handlers run and clientfit exits — but it
   * waits `graceMs` at most, and a second signal does not wait at all.
   */
  readonly holdInterrupts: (handler: (signal: InterruptSignal) => void) => () => void;
  /** Whether any handler is registered (an interview or a save still under way). */
  readonly active: () => boolean;
  /** Runs every handler registered, as a signal would. */
  readonly runHandlers: (signal: InterruptSignal) => void;
}

/**
 * SIGINT, SIGTERM and SIGHUP while something that must not be cut off is
 * registered (an interview, a record being saved): its handlers run (they
 * save synchronously), then clientfit exits 128+n. With nothing registered no
 * listener is installed and Node's default applies: the command stops at
 * once, so Ctrl+C ends a long listing instead of waiting for it.
 */
export function createInterrupts(host: InterruptHost, graceMs: number): Interrupts {
  const handlers = new Set<(signal: InterruptSignal) => void>();
  let holds = 0;
  let pending: InterruptSignal | undefined;
  const runHandlers = (signal: InterruptSignal): void => {
    for (const handler of handlers) {
      try {
        handler(signal);
      } catch {
        // Keep going: the exit status must still say what happened.
      }
    }
  };
  const finish = (signal: InterruptSignal): never => {
    runHandlers(signal);
    return host.exit(signalExitCode[signal]);
  };
  /** Stops now, while a save may still be stuck: the handlers, then the signal's own default action. */
  const abandon = (signal: InterruptSignal): never => {
    runHandlers(signal);
    for (const { signal: s, listener } of listeners) host.off(s, listener);
    return host.reraise(signal);
  };
  const listeners = (Object.keys(signalExitCode) as InterruptSignal[]).map((signal) => ({
    signal,
    listener: () => {
      if (holds === 0) finish(signal);
      // A second signal while a save holds the first: the user insists; stop now.
      if (pending !== undefined) abandon(signal);
      pending = signal;
      host.setTimeout(() => {
        host.writeErrNow(
          `\nclientfit: stopped by ${signal}; a save was still under way after ${graceMs / 1000} s (the disk or network is not answering), so it may not have finished — check with \`clientfit history\`\n`,
        );
        abandon(signal);
      }, graceMs);
    },
  }));
  const onInterrupt = (handler: (signal: InterruptSignal) => void): (() => void) => {
    if (handlers.size === 0)
      for (const { signal, listener } of listeners) host.on(signal, listener);
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0)
        for (const { signal, listener } of listeners) host.off(signal, listener);
    };
  };
  const holdInterrupts = (handler: (signal: InterruptSignal) => void): (() => void) => {
    const remove = onInterrupt(handler);
    holds++;
    return () => {
      holds--;
      if (holds === 0 && pending !== undefined) finish(pending);
      remove();
    };
  };
  return { onInterrupt, holdInterrupts, active: () => handlers.size > 0, runHandlers };
}
