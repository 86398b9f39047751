import type { Condition } from '../bank/schema';
import { testsIn } from '../bank/visit-condition';
import type { AnswerValue } from './answers';
import { isUnknown } from './answers';

/** What a condition can see: answers so far, flags raised so far, and (for rules) the degree, the fit level and flag counts. */
export interface ConditionContext {
  answerOf(questionId: string): AnswerValue | undefined;
  hasFlag(flagId: string): boolean;
  readonly degree?: string;
  readonly fit?: string;
  /** How many flags of this kind, of this severity or higher, are raised (rules only). */
  countFlags?(kind: 'red' | 'green', minSeverity: 'low' | 'medium' | 'high'): number;
}

function matches(value: AnswerValue | undefined, wanted: string | number): boolean {
  if (isUnknown(value) || value === undefined) return false;
  if (Array.isArray(value)) return value.includes(String(wanted));
  return value === wanted;
}

/**
 * Evaluates a condition. Total: it never throws, and an unanswered or
 * "unknown" question never satisfies equals/in (so unknown is never a guess).
 * Its own recursion rather than `foldCondition`: `all` and `any` stop at the
 * first part that settles them.
 */
export function evaluate(condition: Condition, context: ConditionContext): boolean {
  if ('equals' in condition) return matches(context.answerOf(condition.question), condition.equals);
  if ('in' in condition)
    return condition.in.some((wanted) => matches(context.answerOf(condition.question), wanted));
  if ('answered' in condition)
    return !isUnknown(context.answerOf(condition.question)) === condition.answered;
  if ('flag' in condition) return context.hasFlag(condition.flag);
  if ('degree' in condition) return context.degree === condition.degree;
  if ('fit' in condition) return context.fit === condition.fit;
  if ('flagCount' in condition) {
    const { kind = 'red', minSeverity = 'low', atLeast } = condition.flagCount;
    return (context.countFlags?.(kind, minSeverity) ?? 0) >= atLeast;
  }
  if ('not' in condition) return !evaluate(condition.not, context);
  if ('all' in condition) return condition.all.every((c) => evaluate(c, context));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, context));
  return false;
}

/** Every question id and flag id a condition mentions, with the degrees and fit levels it tests, in the order written. */
export function references(condition: Condition): {
  questions: string[];
  flags: string[];
  degrees: string[];
  fits: string[];
} {
  const out = {
    questions: [] as string[],
    flags: [] as string[],
    degrees: [] as string[],
    fits: [] as string[],
  };
  for (const c of testsIn(condition)) {
    if ('question' in c) out.questions.push(c.question);
    else if ('flag' in c) out.flags.push(c.flag);
    else if ('degree' in c) out.degrees.push(c.degree);
    else if ('fit' in c) out.fits.push(c.fit);
  }
  return out;
}
