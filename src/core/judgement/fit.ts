import type { Bank, FitLevel } from '../bank/bank';
import type { Flag } from '../bank/schema';
import { unknownFitLevel } from '../bank/schema';
import { round2 } from '../text/round';
import type { ConditionContext } from './conditions';
import { evaluate } from './conditions';

/** Whether this is the right client for us: a level computed from the red flags. */
export interface FitResult {
  /** The bank's level, or `unknownFit` when too little about the fit is known to call it good. */
  readonly level: FitLevel;
  /** The points of the red flags that count (green flags are strengths: they take nothing away). */
  readonly score: number;
  readonly red: number;
  readonly green: number;
  /** Fit questions answered, and how many the bank asks for before it gives its best level. */
  readonly answered: number;
  readonly required: number;
}

/** The fit when too little is known: fewer fit questions answered than the bank asks for, and no red flag that places it lower. */
export const unknownFit: FitLevel = {
  id: unknownFitLevel,
  name: unknownFitLevel,
  upTo: undefined,
  recommendation: undefined,
  reason: undefined,
  conditions: [],
  at: { file: '', path: [] },
};

const flagsByBank = new WeakMap<Bank, ReadonlyMap<string, Flag>>();

/** The bank's flags by id, built once per bank. */
export function flagIndex(bank: Bank): ReadonlyMap<string, Flag> {
  let index = flagsByBank.get(bank);
  if (index === undefined) {
    index = new Map(bank.flags.map((f) => [f.id, f]));
    flagsByBank.set(bank, index);
  }
  return index;
}

/**
 * The flags that count, of those raised: a flag with `when` counts only where
 * its condition holds (for the degree given, the answers and the other flags
 * raised). Conditions see every flag raised, so the order of flags never matters.
 */
export function countingFlags(
  bank: Bank,
  raised: ReadonlySet<string>,
  context: Omit<ConditionContext, 'hasFlag'>,
): Set<string> {
  const index = flagIndex(bank);
  const full: ConditionContext = { ...context, hasFlag: (id) => raised.has(id) };
  const out = new Set<string>();
  for (const id of raised) {
    const when = index.get(id)?.when;
    if (when === undefined || evaluate(when, full)) out.add(id);
  }
  return out;
}

/**
 * The fit level of the flags that count. Only red flags score: a green flag
 * never hides a red one. The best level is never given beside a red flag of
 * high severity, nor before `fit.minimumAnswered` fit questions (at least one)
 * are answered: then the fit is `unknown`, not enough known. Red flags
 * already seen still place the fit lower, however little else is known.
 */
export function fitOf(bank: Bank, flagIds: ReadonlySet<string>, answered: number): FitResult {
  const index = flagIndex(bank);
  let score = 0;
  let red = 0;
  let green = 0;
  let high = false;
  for (const id of flagIds) {
    const flag = index.get(id);
    if (flag === undefined) continue;
    if (flag.kind === 'green') {
      green++;
      continue;
    }
    red++;
    score += bank.fit.points[flag.severity];
    if (flag.severity === 'high') high = true;
  }
  score = round2(score);
  const levels = bank.fit.levels;
  let at = levels.findIndex((l) => l.upTo === undefined || score <= l.upTo);
  if (at < 0) at = levels.length - 1;
  if (at === 0 && high && levels.length > 1) at = 1;
  const required = Math.max(1, bank.fit.minimumAnswered);
  // The schema guarantees at least one level.
  const level = at === 0 && answered < required ? unknownFit : (levels[at] as FitLevel);
  return { level, score, red, green, answered, required };
}
