import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ExampleResult } from './run-examples';

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

/** What `validate` found: each bank, the counts, and whether all passed. */
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

/** The report of `validate` over some banks: the counts, and whether every bank passed. */
export function validationReport(
  banks: readonly BankValidation[],
  strict: boolean,
): ValidateReport {
  const all = banks.flatMap((b) => b.diagnostics);
  const exampleDiagnostics = banks.flatMap((b) => b.examples.flatMap((e) => e.diagnostics));
  const summary = {
    banks: banks.length,
    errors: all.filter((d) => d.severity === 'error').length + exampleDiagnostics.length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    examplesPassed: banks.reduce((n, b) => n + b.examples.filter((e) => e.passed).length, 0),
    examplesFailed: banks.reduce((n, b) => n + b.examples.filter((e) => !e.passed).length, 0),
  };
  return { banks, strict, summary, ok: banks.every((b) => b.ok) };
}
