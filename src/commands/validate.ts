import type { ExampleResult } from '../core/bank/run-examples';
import type { Diagnostic } from '../core/diagnostic';
import { hasErrors } from '../core/diagnostic';
import { ExitCode } from '../exit-codes';
import { displayPath, loadBank } from '../io/load-bank';

export interface ValidateOptions {
  /** Bank folders or files; empty means the bank in use. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** Where the bank in use is (from --bank, CLIENTFIT_BANK or the shipped bank). */
  readonly defaultBank: string;
  /** Warnings fail too. */
  readonly strict: boolean;
  /** The bank load cache, if any. */
  readonly cacheDir?: string | undefined;
}

/** What `validate` found for one bank. */
export interface BankValidation {
  readonly path: string;
  readonly bank:
    | {
        readonly id: string;
        readonly title: string;
        readonly version: string;
        readonly questions: number;
        readonly rules: number;
        readonly files: readonly string[];
      }
    | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly examples: readonly ExampleResult[];
  readonly ok: boolean;
}

export interface ValidateReport {
  readonly banks: readonly BankValidation[];
  readonly strict: boolean;
  readonly summary: {
    readonly banks: number;
    readonly errors: number;
    readonly warnings: number;
    readonly examplesPassed: number;
    readonly examplesFailed: number;
  };
  readonly ok: boolean;
}

/** Checks banks: format, logic lint, then each bank's own examples. */
export async function validate(options: ValidateOptions): Promise<{ report: ValidateReport; exitCode: number }> {
  const paths = options.paths.length > 0 ? options.paths : [options.defaultBank];
  const banks: BankValidation[] = [];
  for (const path of paths) {
    const loaded = await loadBank(path, options.cwd, { cacheDir: options.cacheDir });
    const examples = loaded.examples;
    const failing = hasErrors(loaded.diagnostics) || examples.some((e) => !e.passed) || (options.strict && loaded.diagnostics.length > 0);
    const bank = loaded.bank;
    banks.push({
      path: displayPath(path, options.cwd),
      bank:
        bank === undefined
          ? undefined
          : { id: bank.id, title: bank.title, version: bank.version, questions: bank.questions.length, rules: bank.rules.length, files: bank.files },
      diagnostics: loaded.diagnostics,
      examples,
      ok: !failing,
    });
  }
  const all = banks.flatMap((b) => b.diagnostics);
  const exampleDiagnostics = banks.flatMap((b) => b.examples.flatMap((e) => e.diagnostics));
  const summary = {
    banks: banks.length,
    errors: all.filter((d) => d.severity === 'error').length + exampleDiagnostics.length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    examplesPassed: banks.reduce((n, b) => n + b.examples.filter((e) => e.passed).length, 0),
    examplesFailed: banks.reduce((n, b) => n + b.examples.filter((e) => !e.passed).length, 0),
  };
  const ok = banks.every((b) => b.ok);
  return { report: { banks, strict: options.strict, summary, ok }, exitCode: ok ? ExitCode.ok : ExitCode.invalidInput };
}
