import type { Diagnostic, PathSegment } from '../../diagnostics/diagnostic';
import type { Bank, Question, SourceRef } from '../bank';
import { choicesAndBands } from '../bank';
import type { BrokenIds } from '../salvage-bank-file';

/** Adds one diagnostic at `sub` under `at`; `key` locates the key rather than its value. */
export type Report = (
  severity: Diagnostic['severity'],
  at: SourceRef,
  sub: readonly PathSegment[],
  code: string,
  message: string,
  hint?: string,
  key?: boolean,
) => void;

/** What every rule family of the lint reads: the bank, its ids, and where to report. */
export interface LintContext {
  readonly bank: Bank;
  readonly report: Report;
  /** Set when the bank is what is left of files that failed the format check. */
  readonly broken: BrokenIds | undefined;
  readonly degreeIds: readonly string[];
  readonly flagIds: readonly string[];
  readonly fitIds: readonly string[];
  readonly questionIds: readonly string[];
  /** Where each question id first appears in the bank. */
  readonly position: ReadonlyMap<string, number>;
  readonly questionById: ReadonlyMap<string, Question>;
  /** The questions whose answers raise each flag. */
  readonly raisedBy: ReadonlyMap<string, readonly string[]>;
  readonly isDegree: (id: string) => boolean;
  readonly isFlag: (id: string) => boolean;
  readonly isFitLevel: (id: string) => boolean;
  /** A question left out with a broken file: references to it are not reported. */
  readonly isBrokenQuestion: (id: string) => boolean;
  /** A place in the manifest (the bank's first file). */
  readonly manifestAt: (path: readonly PathSegment[]) => SourceRef;
}

/** The ids and indexes of a bank, worked out once for all the rule families. */
export function lintContext(bank: Bank, report: Report, broken?: BrokenIds): LintContext {
  const degreeIds = bank.degrees.map((d) => d.id);
  const flagIds = bank.flags.map((f) => f.id);
  const fitIds = bank.fit.levels.map((l) => l.id);
  const position = new Map<string, number>();
  bank.questions.forEach((q, i) => {
    if (!position.has(q.id)) position.set(q.id, i);
  });
  const raisedBy = new Map<string, string[]>();
  for (const q of bank.questions)
    for (const e of choicesAndBands(q))
      for (const f of e.flags) raisedBy.set(f, [...(raisedBy.get(f) ?? []), q.id]);
  const manifestFile = bank.files[0] ?? '';
  return {
    bank,
    report,
    broken,
    degreeIds,
    flagIds,
    fitIds,
    questionIds: bank.questions.map((q) => q.id),
    position,
    questionById: new Map(bank.questions.map((q) => [q.id, q])),
    raisedBy,
    isDegree: (id) => degreeIds.includes(id) || (broken?.degrees.has(id) ?? false),
    isFlag: (id) => flagIds.includes(id) || (broken?.flags.has(id) ?? false),
    isFitLevel: (id) => fitIds.includes(id) || (broken?.fitLevels ?? false),
    isBrokenQuestion: (id) => broken?.questions.has(id) ?? false,
    manifestAt: (path) => ({ file: manifestFile, path }),
  };
}

/**
 * Where a condition is written and whose it is: a question's, or (undefined) one judged at the
 * end.
 */
export interface ConditionSite {
  readonly at: SourceRef;
  readonly path: readonly PathSegment[];
  readonly owner: Question | undefined;
}
