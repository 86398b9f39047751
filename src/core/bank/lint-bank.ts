import type { Diagnostic, PathSegment, SourcePosition } from '../diagnostics/diagnostic';
import type { Bank } from './bank';
import { flagCycleProblems } from './flag-cycles';
import { lintConditions } from './lint/lint-conditions';
import type { Report } from './lint/lint-context';
import { lintContext } from './lint/lint-context';
import { lintEffects } from './lint/lint-effects';
import { lintExamples } from './lint/lint-examples';
import { lintFitLevels } from './lint/lint-fit-levels';
import { lintIds } from './lint/lint-ids';
import { lintOptions } from './lint/lint-options';
import { lintReachability } from './lint/lint-reachability';
import type { BrokenIds } from './salvage-bank-file';

/** Finds the line and column of a path in one of the bank's files. */
export type Locate = (
  file: string,
  path: readonly PathSegment[],
  options?: { key?: boolean },
) => SourcePosition | undefined;

/** How to lint a bank. */
export interface LintOptions {
  /**
   * Set when the bank is what is left of files that failed the format check:
   * references to the parts left out are not reported, and neither are the
   * warnings, which need the whole bank.
   */
  readonly broken?: BrokenIds | undefined;
}

/**
 * The logic lint that runs on top of the schema: references that do not
 * resolve or point forward, questions nobody can reach, answers with no
 * effect, degrees no answer set can reach, flags never raised and rules that
 * can never fire. Errors make the bank unusable; warnings point at dead weight.
 * One function per family of rules, each in `lint/`.
 */
export function lintBank(bank: Bank, locate: Locate, options: LintOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report: Report = (severity, at, sub, code, message, hint, key = false) => {
    const path = [...at.path, ...sub];
    const position = locate(at.file, path, { key });
    out.push({
      severity,
      code,
      file: at.file,
      path,
      message,
      ...(position === undefined ? {} : { line: position.line, column: position.column }),
      ...(hint === undefined ? {} : { hint }),
    });
  };
  const ctx = lintContext(bank, report, options.broken);
  lintIds(ctx);
  lintFitLevels(bank, report);
  lintOptions(ctx);
  lintEffects(ctx);
  lintConditions(ctx);
  lintExamples(ctx);
  // Flags whose conditions test each other: each counts only with the other, never what was meant.
  for (const c of flagCycleProblems(bank.flags))
    report('error', ctx.manifestAt(['flags', c.flag]), ['when'], 'flag-cycle', c.message, c.hint);
  // Dead weight is worth reporting only in a whole bank without errors.
  const hasErrorsSoFar = out.some((d) => d.severity === 'error');
  if (!hasErrorsSoFar && options.broken === undefined) lintReachability(ctx);
  return out;
}
