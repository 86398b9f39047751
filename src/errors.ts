import { ExitCode, type ExitCodeValue } from './exit-codes';
import type { Diagnostic } from './core/diagnostics/diagnostic';

/**
 * A mistake the user can fix: it prints as a message (never a stack) and ends
 * the process with its exit code. Anything else that is thrown is a bug.
 */
export class UserError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  readonly diagnostics: readonly Diagnostic[];

  constructor(
    message: string,
    options: { exitCode: ExitCodeValue; hint?: string; diagnostics?: readonly Diagnostic[] },
  ) {
    super(message);
    this.name = 'UserError';
    this.exitCode = options.exitCode;
    this.hint = options.hint;
    this.diagnostics = options.diagnostics ?? [];
  }
}

/** A bad command line: unknown flag, bad value, missing terminal. Exit 2. */
export function usageError(message: string, hint?: string): UserError {
  return new UserError(message, {
    exitCode: ExitCode.usage,
    ...(hint === undefined ? {} : { hint }),
  });
}

/** A file that cannot be read or is invalid. Exit 3. */
export function inputError(
  message: string,
  diagnostics: readonly Diagnostic[] = [],
  hint?: string,
): UserError {
  return new UserError(message, {
    exitCode: ExitCode.invalidInput,
    diagnostics,
    ...(hint === undefined ? {} : { hint }),
  });
}
