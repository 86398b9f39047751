import type { Bank } from '../bank/bank';
import { effectsOf } from '../bank/bank';
import { references } from '../judgement/conditions';
import type { OutcomeValue } from './outcome';
import { outcomeValues } from './outcome';
import type { RecordPart } from './record';

/** Below this many engagements a share is not shown: "too few to tell". */
export const minimumCount = 5;

/** How many engagements went badly out of how many: the count behind every share. */
export interface Tally {
  readonly bad: number;
  readonly of: number;
}

/** A share, or null when it rests on fewer than `minimumCount` engagements. */
export function shareOf(t: Tally): number | null {
  return t.of < minimumCount ? null : t.bad / t.of;
}

/** One flag or answer, and how engagements went with it and without it. */
export interface Predictor {
  readonly kind: 'flag' | 'answer';
  /** The flag id, or `question=value`. */
  readonly id: string;
  readonly questionId: string | null;
  readonly value: string | null;
  readonly label: string;
  /** Engagements (signed, with a known result) in which it was present, and how many of them went badly. */
  readonly present: Tally;
  readonly absent: Tally;
  /** Share of bad outcomes when present minus when absent (null: too few to tell on either side). */
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
  /** Records with an outcome, and of those, engagements with a known result (went well, mixed, went badly). */
  readonly records: number;
  readonly settled: number;
  readonly outcomes: Readonly<Record<OutcomeValue, number>>;
  readonly byRecommendation: CrossTable;
  readonly byDegree: CrossTable;
  /** Every flag and answer seen, the strongest signs of trouble first; those too few to tell last. */
  readonly flags: readonly Predictor[];
  readonly answers: readonly Predictor[];
  /** Strong signs of trouble no rule of the bank names: candidates for a rule or a heavier flag. */
  readonly suggestions: readonly Predictor[];
  readonly comparison: BankComparison | null;
  readonly minimumCount: number;
}

/** What calibrate reads of a record: the verdict, flags and answers it counts, and the answers as given, for a candidate bank to score. */
export type CountedRecord = RecordPart<
  'answers',
  'recommendation' | 'degree' | 'flags' | 'answers'
> & {
  readonly report: { readonly bank?: { readonly id: string; readonly version: string } };
};

const emptyCounts = (): Record<OutcomeValue, number> => ({
  'not-signed': 0,
  signed: 0,
  'went-well': 0,
  mixed: 0,
  'went-badly': 0,
});
const isSettled = (o: OutcomeValue): o is 'went-well' | 'mixed' | 'went-badly' =>
  o === 'went-well' || o === 'mixed' || o === 'went-badly';

interface Seen {
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

/**
 * Counts records with outcomes one at a time (so a store of any size needs
 * memory only for the flags and answers it holds), then works out the
 * tables, the predictors and the suggestions. `rescore`, when given, gives
 * the candidate bank's recommendation for a record.
 */
export function calibrator(options: {
  readonly bank: Bank;
  readonly rescore?: {
    readonly bank: Bank;
    readonly path?: string;
    readonly verdict: (record: CountedRecord) => string;
  };
}) {
  const outcomes = emptyCounts();
  const textQuestions = new Set(
    options.bank.questions.filter((q) => q.type === 'text').map((q) => q.id),
  );
  const rec = new Map<string, Record<OutcomeValue, number>>();
  const deg = new Map<string, Record<OutcomeValue, number>>();
  const flags = new Map<string, Seen>();
  const answers = new Map<string, Seen>();
  const banks = bankTally();
  let records = 0;
  let settled = 0;
  let bad = 0;
  const declined = {
    assessed: { 'went-badly': 0, mixed: 0, 'went-well': 0 },
    rescored: { 'went-badly': 0, mixed: 0, 'went-well': 0 },
  };

  const countInto = (
    table: Map<string, Record<OutcomeValue, number>>,
    key: string,
    outcome: OutcomeValue,
  ): void => {
    let row = table.get(key);
    if (row === undefined) table.set(key, (row = emptyCounts()));
    row[outcome]++;
  };
  const see = (
    table: Map<string, Seen>,
    key: string,
    make: () => Omit<Seen, 'of' | 'bad'>,
    wentBadly: boolean,
  ): void => {
    let s = table.get(key);
    if (s === undefined) table.set(key, (s = { ...make(), of: 0, bad: 0 }));
    s.of++;
    if (wentBadly) s.bad++;
  };

  return {
    /** Counts one record and its latest outcome. */
    add(record: CountedRecord, outcome: OutcomeValue): void {
      records++;
      outcomes[outcome]++;
      const report = record.report;
      if (report.bank !== undefined) banks.add(report.bank);
      countInto(rec, report.recommendation, outcome);
      countInto(deg, report.degree.id, outcome);
      if (!isSettled(outcome)) return;
      settled++;
      const wentBadly = outcome === 'went-badly';
      if (wentBadly) bad++;
      const flagIds = new Set(report.flags.map((f) => f.id));
      for (const f of report.flags)
        if (flagIds.delete(f.id))
          see(flags, f.id, () => ({ label: f.label, questionId: null, value: null }), wentBadly);
      const keys = new Set<string>();
      for (const a of report.answers) {
        // Free text is different for every prospect: nothing to count, and a table that would grow with the store.
        if (textQuestions.has(a.questionId)) continue;
        const values = Array.isArray(a.value) ? (a.value as readonly string[]) : [a.value];
        for (const v of values) {
          const key = `${a.questionId}=${String(v)}`;
          if (keys.has(key)) continue;
          keys.add(key);
          const label = Array.isArray(a.value) ? String(v) : a.label;
          see(
            answers,
            key,
            () => ({ label, questionId: a.questionId, value: String(v) }),
            wentBadly,
          );
        }
      }
      if (options.rescore !== undefined) {
        if (report.recommendation === 'decline') declined.assessed[outcome]++;
        if (options.rescore.verdict(record) === 'decline') declined.rescored[outcome]++;
      }
    },

    /** The findings so far. */
    result(): Calibration {
      const bank = options.bank;
      const ruled = { questions: new Set<string>(), flags: new Set<string>() };
      for (const rule of bank.rules) {
        const refs = references(rule.when);
        for (const q of refs.questions) ruled.questions.add(q);
        for (const f of refs.flags) ruled.flags.add(f);
      }
      const flagInBank = new Map(bank.flags.map((f) => [f.id, f]));
      const questions = new Map(bank.questions.map((q) => [q.id, q]));
      const describeFlag = (id: string): string => {
        const f = flagInBank.get(id);
        return f === undefined ? `${id} (not in this bank)` : `${id} (${f.kind}, ${f.severity})`;
      };
      const predictor = (kind: Predictor['kind'], id: string, s: Seen): Predictor => {
        const present = { bad: s.bad, of: s.of };
        const absent = { bad: bad - s.bad, of: settled - s.of };
        const p = shareOf(present);
        const a = shareOf(absent);
        let raises: string[];
        let usedByRule: boolean;
        if (kind === 'flag') {
          usedByRule = ruled.flags.has(id);
          raises = [describeFlag(id)];
        } else {
          const question = questions.get(s.questionId ?? '');
          const numeric = question?.type === 'scale' ? Number(s.value) : (s.value ?? '');
          const raised =
            question === undefined ? [] : effectsOf(question, numeric).flatMap((e) => e.flags);
          raises = raised.map(describeFlag);
          usedByRule =
            ruled.questions.has(s.questionId ?? '') || raised.some((f) => ruled.flags.has(f));
        }
        return {
          kind,
          id,
          questionId: s.questionId,
          value: s.value,
          label: s.label,
          present,
          absent,
          difference: p === null || a === null ? null : p - a,
          usedByRule,
          raises,
        };
      };
      const strongestFirst = (x: Predictor, y: Predictor): number => {
        if (x.difference === null || y.difference === null)
          return x.difference === null
            ? y.difference === null
              ? y.present.of - x.present.of
              : 1
            : -1;
        // On a tie, an answer before the flag it raises: it is the more precise of the two.
        return (
          y.difference - x.difference ||
          y.present.of - x.present.of ||
          (x.kind === y.kind ? (x.id < y.id ? -1 : 1) : x.kind === 'answer' ? -1 : 1)
        );
      };
      const flagList = [...flags].map(([id, s]) => predictor('flag', id, s)).sort(strongestFirst);
      const answerList = [...answers]
        .map(([id, s]) => predictor('answer', id, s))
        .sort(strongestFirst);
      const strong = (p: Predictor): boolean => {
        if (p.difference === null || p.usedByRule || p.difference < 0.2) return false;
        const absentShare = shareOf(p.absent) ?? 0;
        return (shareOf(p.present) ?? 0) >= 2 * absentShare;
      };
      const suggestions = [...answerList, ...flagList]
        .filter(strong)
        .sort(strongestFirst)
        .slice(0, 5);
      const table = (t: Map<string, Record<OutcomeValue, number>>): CrossTable => ({
        rows: [...t]
          .map(([key, counts]) => ({
            key,
            counts,
            total: outcomeValues.reduce((n, o) => n + counts[o], 0),
            bad: {
              bad: counts['went-badly'],
              of: counts['went-well'] + counts.mixed + counts['went-badly'],
            },
          }))
          .sort((x, y) => y.total - x.total || (x.key < y.key ? -1 : 1)),
      });
      const tallies = (
        counts: Record<'went-badly' | 'mixed' | 'went-well', number>,
      ): BankComparison['assessed'] => ({
        'went-badly': { declined: counts['went-badly'], of: outcomes['went-badly'] },
        mixed: { declined: counts.mixed, of: outcomes.mixed },
        'went-well': { declined: counts['went-well'], of: outcomes['went-well'] },
      });
      return {
        records,
        settled,
        outcomes: { ...outcomes },
        byRecommendation: table(rec),
        byDegree: table(deg),
        flags: flagList,
        answers: answerList,
        suggestions,
        comparison:
          options.rescore === undefined
            ? null
            : {
                candidate: {
                  id: options.rescore.bank.id,
                  version: options.rescore.bank.version,
                  path: options.rescore.path ?? null,
                },
                assessedWith: banks.list(),
                assessed: tallies(declined.assessed),
                rescored: tallies(declined.rescored),
              },
        minimumCount,
      };
    },
  };
}
