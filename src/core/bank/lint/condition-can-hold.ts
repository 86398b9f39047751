import type { Condition } from '../schema';
import { severities } from '../schema';
import type { ConditionTest } from '../visit-condition';
import { foldCondition } from '../visit-condition';
import type { LintContext } from './lint-context';

interface Outcomes {
  readonly canBeTrue: boolean;
  readonly canBeFalse: boolean;
}

/**
 * What can be known before a condition is judged: the questions that can be asked, the flags that
 * can be raised.
 */
export interface Reach {
  readonly reachable: ReadonlySet<string>;
  readonly raisable: ReadonlySet<string>;
}

/**
 * Whether a condition can ever hold, given what can be reached before it.
 * Abstract evaluation: can each part be true, can it be false? Answers to one
 * single-choice question in an `all` are intersected, so `source = a` and
 * `source = b` together are caught.
 */
export function conditionCanHold(ctx: LintContext, reach: Reach, condition: Condition): boolean {
  return foldCondition<Outcomes>(condition, {
    test: (c) => testOutcomes(ctx, reach, c),
    not: (part) => ({ canBeTrue: part.canBeFalse, canBeFalse: part.canBeTrue }),
    all: (parts, conditions) => ({
      canBeTrue: parts.every((p) => p.canBeTrue) && !contradictory(ctx, conditions),
      canBeFalse: parts.some((p) => p.canBeFalse),
    }),
    any: (parts) => ({
      canBeTrue: parts.some((p) => p.canBeTrue),
      canBeFalse: parts.every((p) => p.canBeFalse),
    }),
  }).canBeTrue;
}

function testOutcomes(
  { bank }: LintContext,
  { reachable, raisable }: Reach,
  c: ConditionTest,
): Outcomes {
  if ('question' in c) {
    if (!reachable.has(c.question))
      return 'answered' in c && !c.answered
        ? { canBeTrue: true, canBeFalse: false }
        : { canBeTrue: false, canBeFalse: true };
    return { canBeTrue: true, canBeFalse: true };
  }
  if ('flag' in c) return { canBeTrue: raisable.has(c.flag), canBeFalse: true };
  if ('flagCount' in c) {
    const { kind = 'red', minSeverity = 'low', atLeast } = c.flagCount;
    const least = severities.indexOf(minSeverity);
    const most = bank.flags.filter(
      (f) => f.kind === kind && raisable.has(f.id) && severities.indexOf(f.severity) >= least,
    ).length;
    return { canBeTrue: most >= atLeast, canBeFalse: true };
  }
  return { canBeTrue: true, canBeFalse: true };
}

/** Whether the tests of one `all` ask a single answer to be two different values. */
function contradictory(ctx: LintContext, conditions: readonly Condition[]): boolean {
  const allowed = new Map<string, Set<string | number>>();
  for (const c of conditions) {
    if (!('question' in c) || 'answered' in c) continue;
    const question = ctx.questionById.get(c.question);
    if (question === undefined || question.type === 'multiple') continue;
    const values = new Set<string | number>('equals' in c ? [c.equals] : c.in);
    const before = allowed.get(c.question);
    const next = before === undefined ? values : new Set([...before].filter((v) => values.has(v)));
    if (next.size === 0) return true;
    allowed.set(c.question, next);
  }
  return false;
}
