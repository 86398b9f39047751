/**
 * Every exit status clientfit can return, in one place. The README's table is
 * checked against this one by a test.
 */
export const ExitCode = {
  /** Success. */
  ok: 0,
  /** A bug in clientfit: the message says so and how to report it. */
  internal: 1,
  /** Unknown command or flag, bad flag value, or a prompt was needed but there is no terminal. */
  usage: 2,
  /**
   * A bank, answers, config or record file (or the record store) that cannot be read or is invalid, a CLIENTFIT_FORMAT or
   * CLIENTFIT_CONFIG that cannot be used, a file or folder that cannot be written, or a resumed draft that cannot be held
   * (its folder cannot be written, or another clientfit holds it).
   */
  invalidInput: 3,
  /** `rescore --exit-code`: at least one saved verdict would change with the bank given. */
  verdictsChanged: 4,
  /** Interrupted by SIGHUP (the terminal closed). */
  hangup: 129,
  /** Interrupted by SIGINT (Ctrl+C). */
  interrupt: 130,
  /** Interrupted by SIGTERM. */
  terminate: 143,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The signals clientfit answers by saving what it must first. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** The exit status after each: 128 + the signal's number, as a shell reports it. */
export const signalExitCode = {
  SIGINT: ExitCode.interrupt,
  SIGTERM: ExitCode.terminate,
  SIGHUP: ExitCode.hangup,
} as const satisfies Record<InterruptSignal, number>;

/**
 * With `run --exit-code`, the exit status carries the recommendation, so a
 * shell script can branch on it. Errors keep their own codes (1, 2, 3, 129+).
 */
export const VerdictExitCode = {
  take: 0,
  'take-with-conditions': 10,
  decline: 20,
  undecided: 30,
} as const;
