import type { BankSource } from '../bank/assemble-bank';
import { assembleBank } from '../bank/assemble-bank';
import type { Bank } from '../bank/bank';
import type { Locate } from '../bank/lint-bank';
import { lintBank } from '../bank/lint-bank';
import { formatOneAdvice } from './format-one-advice';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { compareDiagnostics, hasErrors } from '../diagnostics/diagnostic';
import type { ExampleResult } from './run-examples';
import { runExamples } from './run-examples';

/** A bank put together from its parsed files and checked: the bank when it could be assembled, every problem, its examples run. */
export interface CheckedBank {
  readonly bank: Bank | undefined;
  /** Sorted by file, line and column. */
  readonly diagnostics: Diagnostic[];
  /** The bank's own examples, run (empty when the bank has errors). */
  readonly examples: ExampleResult[];
}

/**
 * The bank pipeline, from parsed files to a checked bank: assemble (the
 * format), lint (the logic), then the bank's own examples. `earlier` holds
 * the problems met reading and parsing the files; when one is an error, the
 * files that did parse are still checked, so one run reports every file's
 * problems, but no bank comes out. A file that fails the format check does
 * not stop the logic checks: the parts of it that pass are linted with the
 * rest (see `salvageBankFile`).
 */
export function checkBank(
  sources: readonly BankSource[],
  locate: Locate,
  earlier: readonly Diagnostic[] = [],
  options: { examples?: boolean } = {},
): CheckedBank {
  const assembled = assembleBank(sources);
  const diagnostics = [...earlier, ...assembled.diagnostics];
  const partial = assembled.partial;
  // A file that does not parse hides its ids; a file that parses but fails the format check leaves what is
  // right in it, whose references and logic are checked all the same (located in the file as written).
  if (!hasErrors(earlier) && partial !== undefined) {
    const at: Locate = (file, path, options) => locate(file, partial.toFile(file, path), options);
    for (const d of lintBank(partial.bank, at, { broken: partial.broken }))
      diagnostics.push({ ...d, path: partial.toFile(d.file, d.path) });
  }
  if (hasErrors(earlier) || assembled.bank === undefined)
    return { bank: undefined, diagnostics: diagnostics.sort(compareDiagnostics), examples: [] };
  diagnostics.push(...lintBank(assembled.bank, locate), ...formatOneAdvice(assembled.bank, locate));
  diagnostics.sort(compareDiagnostics);
  const examples =
    hasErrors(diagnostics) || options.examples === false ? [] : runExamples(assembled.bank, locate);
  return { bank: assembled.bank, diagnostics, examples };
}
