import type { Bank } from '../bank/bank';
import { effectsOf } from '../bank/bank';
import { references } from '../judgement/conditions';
import type {
  BankComparison,
  CalibrateOptions,
  Calibration,
  Counts,
  CrossTable,
  Predictor,
  Seen,
  Settled,
} from './calibrate';
import type { OutcomeValue } from './outcome';
import { outcomeValues } from './outcome';

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

/** What the bank knows of flags and answers: which its rules name, and how to describe a flag. */
function bankView(bank: Bank) {
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
  return { ruled, questions, describeFlag };
}

/**
 * A flag or an answer seen in `s`, with the engagements without it, and what the bank says of it.
 */
function predictor(
  counts: Counts,
  bank: ReturnType<typeof bankView>,
  kind: Predictor['kind'],
  id: string,
  s: Seen,
): Predictor {
  const present = { bad: s.bad, of: s.of };
  const absent = { bad: counts.bad - s.bad, of: counts.settled - s.of };
  const p = shareOf(present);
  const a = shareOf(absent);
  let raises: string[];
  let usedByRule: boolean;
  if (kind === 'flag') {
    usedByRule = bank.ruled.flags.has(id);
    raises = [bank.describeFlag(id)];
  } else {
    const question = bank.questions.get(s.questionId ?? '');
    const numeric = question?.type === 'scale' ? Number(s.value) : (s.value ?? '');
    const raised =
      question === undefined ? [] : effectsOf(question, numeric).flatMap((e) => e.flags);
    raises = raised.map(bank.describeFlag);
    usedByRule =
      bank.ruled.questions.has(s.questionId ?? '') || raised.some((f) => bank.ruled.flags.has(f));
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
}

/** The strongest signs of trouble first; those too few to tell last, the most seen first. */
function strongestFirst(x: Predictor, y: Predictor): number {
  if (x.difference === null || y.difference === null)
    return x.difference === null ? (y.difference === null ? y.present.of - x.present.of : 1) : -1;
  // On a tie, an answer before the flag it raises: it is the more precise of the two.
  return (
    y.difference - x.difference ||
    y.present.of - x.present.of ||
    (x.kind === y.kind ? (x.id < y.id ? -1 : 1) : x.kind === 'answer' ? -1 : 1)
  );
}

/**
 * A strong sign of trouble no rule names: at least 20 points worse, and twice as bad as without.
 */
function strong(p: Predictor): boolean {
  if (p.difference === null || p.usedByRule || p.difference < 0.2) return false;
  const absentShare = shareOf(p.absent) ?? 0;
  return (shareOf(p.present) ?? 0) >= 2 * absentShare;
}

/** A table of counts by outcome, the largest row first. */
function table(t: Map<string, Record<OutcomeValue, number>>): CrossTable {
  return {
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
  };
}

/** With a candidate bank: the engagements each bank declined, by outcome. */
function comparison(counts: Counts, rescore: NonNullable<CalibrateOptions['rescore']>) {
  const tallies = (declined: Record<Settled, number>): BankComparison['assessed'] => ({
    'went-badly': { declined: declined['went-badly'], of: counts.outcomes['went-badly'] },
    mixed: { declined: declined.mixed, of: counts.outcomes.mixed },
    'went-well': { declined: declined['went-well'], of: counts.outcomes['went-well'] },
  });
  return {
    candidate: { id: rescore.bank.id, version: rescore.bank.version, path: rescore.path ?? null },
    assessedWith: counts.banks.list(),
    assessed: tallies(counts.declined.assessed),
    rescored: tallies(counts.declined.rescored),
  };
}

/** What the counts show: the tables, every predictor, the suggestions and the bank comparison. */
export function findings(counts: Counts, options: CalibrateOptions): Calibration {
  const bank = bankView(options.bank);
  const flagList = [...counts.flags]
    .map(([id, s]) => predictor(counts, bank, 'flag', id, s))
    .sort(strongestFirst);
  const answerList = [...counts.answers]
    .map(([id, s]) => predictor(counts, bank, 'answer', id, s))
    .sort(strongestFirst);
  const suggestions = [...answerList, ...flagList].filter(strong).sort(strongestFirst).slice(0, 5);
  return {
    records: counts.records,
    settled: counts.settled,
    outcomes: { ...counts.outcomes },
    byRecommendation: table(counts.byRecommendation),
    byDegree: table(counts.byDegree),
    flags: flagList,
    answers: answerList,
    suggestions,
    comparison: options.rescore === undefined ? null : comparison(counts, options.rescore),
    minimumCount,
  };
}
