import type { Bank } from '../bank/bank';
import type { OutcomeValue } from './outcome';
import type { RecordPart } from './record';

import type { Tally } from './calibrate-findings';
import { findings } from './calibrate-findings';

/** One flag or answer, and how engagements went with it and without it. */
export interface Predictor {
  readonly kind: 'flag' | 'answer';
  /** The flag id, or `question=value`. */
  readonly id: string;
  readonly questionId: string | null;
  readonly value: string | null;
  readonly label: string;
  /**
   * Engagements (signed, with a known result) in which it was present, and how many of them went
   * badly.
   */
  readonly present: Tally;
  readonly absent: Tally;
  /**
   * Share of bad outcomes when present minus when absent (null: too few to tell on either side).
   */
  readonly difference: number | null;
  /** Whether a rule of the bank names it (for an answer: its question, or a flag it raises). */
  readonly usedByRule: boolean;
  /** For a flag: its kind and severity in the bank; for an answer, those of the flags it raises. */
  readonly raises: readonly string[];
}

/** A table of counts: rows (recommendations or degrees) by outcome. */
export interface CrossTable {
  readonly rows: readonly {
    readonly key: string;
    readonly counts: Readonly<Record<OutcomeValue, number>>;
    readonly total: number;
    readonly bad: Tally;
  }[];
}

/** How many engagements of one outcome a bank declined (or would have). */
export interface Declined {
  readonly declined: number;
  readonly of: number;
}

/** With a candidate bank: how many engagements each bank would have declined, by outcome. */
export interface BankComparison {
  readonly candidate: {
    readonly id: string;
    readonly version: string;
    readonly path: string | null;
  };
  /** The banks the counted records were assessed with, by id and version, the most used first. */
  readonly assessedWith: readonly {
    readonly id: string;
    readonly version: string;
    readonly records: number;
  }[];
  /** Declined by the verdicts the records hold (the banks they were assessed with). */
  readonly assessed: Readonly<Record<'went-badly' | 'mixed' | 'went-well', Declined>>;
  /** Declined by the candidate bank, re-scoring the same answers. */
  readonly rescored: Readonly<Record<'went-badly' | 'mixed' | 'went-well', Declined>>;
}

/** What `clientfit calibrate` finds. */
export interface Calibration {
  /**
   * Records with an outcome, and of those, engagements with a known result (went well, mixed, went
   * badly).
   */
  readonly records: number;
  readonly settled: number;
  readonly outcomes: Readonly<Record<OutcomeValue, number>>;
  readonly byRecommendation: CrossTable;
  readonly byDegree: CrossTable;
  /**
   * Every flag and answer seen, the strongest signs of trouble first; those too few to tell last.
   */
  readonly flags: readonly Predictor[];
  readonly answers: readonly Predictor[];
  /** Strong signs of trouble no rule of the bank names: candidates for a rule or a heavier flag. */
  readonly suggestions: readonly Predictor[];
  readonly comparison: BankComparison | null;
  readonly minimumCount: number;
}

/**
 * What calibrate reads of a record: the verdict, flags and answers it counts, and the answers as
 * given, for a candidate bank to score.
 */
export type CountedRecord = RecordPart<
  'answers',
  'recommendation' | 'degree' | 'flags' | 'answers'
> & {
  readonly report: { readonly bank?: { readonly id: string; readonly version: string } };
};

export const emptyCounts = (): Record<OutcomeValue, number> => ({
  'not-signed': 0,
  signed: 0,
  'went-well': 0,
  mixed: 0,
  'went-badly': 0,
});
export type Settled = 'went-badly' | 'mixed' | 'went-well';
const isSettled = (o: OutcomeValue): o is Settled =>
  o === 'went-well' || o === 'mixed' || o === 'went-badly';

/** A flag or an answer seen in settled engagements: in how many, and how many went badly. */
export interface Seen {
  label: string;
  questionId: string | null;
  value: string | null;
  of: number;
  bad: number;
}

/** Counts the records of each bank (by id and version); lists them, the most used first. */
export function bankTally() {
  const banks = new Map<string, { id: string; version: string; records: number }>();
  return {
    add(bank: { readonly id: string; readonly version: string }): void {
      const key = `${bank.id}\u0000${bank.version}`;
      const seen = banks.get(key);
      if (seen === undefined) banks.set(key, { id: bank.id, version: bank.version, records: 1 });
      else seen.records++;
    },
    list: () => [...banks.values()].sort((a, b) => b.records - a.records),
  };
}

/** A calibrate in progress: everything counted so far. */
export interface Counts {
  records: number;
  settled: number;
  bad: number;
  readonly outcomes: Record<OutcomeValue, number>;
  readonly byRecommendation: Map<string, Record<OutcomeValue, number>>;
  readonly byDegree: Map<string, Record<OutcomeValue, number>>;
  readonly flags: Map<string, Seen>;
  readonly answers: Map<string, Seen>;
  readonly banks: ReturnType<typeof bankTally>;
  /** Settled engagements declined by the records' own verdicts, and by the candidate bank's. */
  readonly declined: Readonly<Record<'assessed' | 'rescored', Record<Settled, number>>>;
}

/** What calibrate compares the records with: the bank, and a candidate bank to re-score them. */
export interface CalibrateOptions {
  readonly bank: Bank;
  readonly rescore?: {
    readonly bank: Bank;
    readonly path?: string;
    readonly verdict: (record: CountedRecord) => string;
  };
}

function countInto(
  table: Map<string, Record<OutcomeValue, number>>,
  key: string,
  outcome: OutcomeValue,
): void {
  let row = table.get(key);
  if (row === undefined) table.set(key, (row = emptyCounts()));
  row[outcome]++;
}

function see(
  table: Map<string, Seen>,
  key: string,
  make: () => Omit<Seen, 'of' | 'bad'>,
  wentBadly: boolean,
): void {
  let s = table.get(key);
  if (s === undefined) table.set(key, (s = { ...make(), of: 0, bad: 0 }));
  s.of++;
  if (wentBadly) s.bad++;
}

/** Counts each flag and each answer (each option of a multiple choice) of a settled record once. */
function seeFlagsAndAnswers(
  counts: Counts,
  report: CountedRecord['report'],
  textQuestions: ReadonlySet<string>,
  wentBadly: boolean,
): void {
  const flagIds = new Set(report.flags.map((f) => f.id));
  for (const f of report.flags)
    if (flagIds.delete(f.id))
      see(counts.flags, f.id, () => ({ label: f.label, questionId: null, value: null }), wentBadly);
  const keys = new Set<string>();
  for (const a of report.answers) {
    // Free text is different for every prospect: nothing to count, and a table that would grow with
    // the store.
    if (textQuestions.has(a.questionId)) continue;
    const values = Array.isArray(a.value) ? (a.value as readonly string[]) : [a.value];
    for (const v of values) {
      const key = `${a.questionId}=${String(v)}`;
      if (keys.has(key)) continue;
      keys.add(key);
      const label = Array.isArray(a.value) ? String(v) : a.label;
      see(
        counts.answers,
        key,
        () => ({ label, questionId: a.questionId, value: String(v) }),
        wentBadly,
      );
    }
  }
}

/**
 * Counts records with outcomes one at a time (so a store of any size needs
 * memory only for the flags and answers it holds), then works out the
 * tables, the predictors and the suggestions. `rescore`, when given, gives
 * the candidate bank's recommendation for a record.
 */
export function calibrator(options: CalibrateOptions) {
  const textQuestions = new Set(
    options.bank.questions.filter((q) => q.type === 'text').map((q) => q.id),
  );
  const counts: Counts = {
    records: 0,
    settled: 0,
    bad: 0,
    outcomes: emptyCounts(),
    byRecommendation: new Map(),
    byDegree: new Map(),
    flags: new Map(),
    answers: new Map(),
    banks: bankTally(),
    declined: {
      assessed: { 'went-badly': 0, mixed: 0, 'went-well': 0 },
      rescored: { 'went-badly': 0, mixed: 0, 'went-well': 0 },
    },
  };
  return {
    /** Counts one record and its latest outcome. */
    add(record: CountedRecord, outcome: OutcomeValue): void {
      counts.records++;
      counts.outcomes[outcome]++;
      const report = record.report;
      if (report.bank !== undefined) counts.banks.add(report.bank);
      countInto(counts.byRecommendation, report.recommendation, outcome);
      countInto(counts.byDegree, report.degree.id, outcome);
      if (!isSettled(outcome)) return;
      counts.settled++;
      const wentBadly = outcome === 'went-badly';
      if (wentBadly) counts.bad++;
      seeFlagsAndAnswers(counts, report, textQuestions, wentBadly);
      if (options.rescore !== undefined) {
        if (report.recommendation === 'decline') counts.declined.assessed[outcome]++;
        if (options.rescore.verdict(record) === 'decline') counts.declined.rescored[outcome]++;
      }
    },

    /** The findings so far. */
    result: (): Calibration => findings(counts, options),
  };
}
