import type { Condition } from './schema';
import type { ConditionTest } from './visit-condition';
import { foldCondition } from './visit-condition';

const show = (v: string | number): string => (typeof v === 'number' ? String(v) : v);

/** One test in words. */
function describeTest(condition: ConditionTest): string {
  if ('equals' in condition) return `${condition.question} is ${show(condition.equals)}`;
  if ('in' in condition)
    return `${condition.question} is one of ${condition.in.map(show).join(', ')}`;
  if ('answered' in condition)
    return `${condition.question} ${condition.answered ? 'was answered' : 'was not answered'}`;
  if ('flag' in condition) return `the flag ${condition.flag} was raised`;
  if ('degree' in condition) return `the degree is ${condition.degree}`;
  if ('fit' in condition) return `the fit is ${condition.fit}`;
  const { kind = 'red', minSeverity = 'low', atLeast } = condition.flagCount;
  const severity = minSeverity === 'low' ? '' : ` of ${minSeverity} severity or more`;
  return `at least ${atLeast} ${kind} flag${atLeast === 1 ? '' : 's'}${severity}`;
}

/**
 * A condition in words, for the template and the questions tree: `request-source is competitor`.
 */
export function describeCondition(condition: Condition): string {
  return foldCondition(condition, {
    test: describeTest,
    not: (part) => `not (${part})`,
    // A list of one reads as that one condition.
    all: (parts) => (parts.length === 1 ? (parts[0] ?? '') : `all of (${parts.join('; ')})`),
    any: (parts) => (parts.length === 1 ? (parts[0] ?? '') : `any of (${parts.join('; ')})`),
  });
}
