import type { Condition } from './schema';

const show = (v: string | number): string => (typeof v === 'number' ? String(v) : v);

/** A condition in words, for the template and the questions tree: `request-source is competitor`. */
export function describeCondition(condition: Condition): string {
  if ('equals' in condition) return `${condition.question} is ${show(condition.equals)}`;
  if ('in' in condition)
    return `${condition.question} is one of ${condition.in.map(show).join(', ')}`;
  if ('answered' in condition)
    return `${condition.question} ${condition.answered ? 'was answered' : 'was not answered'}`;
  if ('flag' in condition) return `the flag ${condition.flag} was raised`;
  if ('degree' in condition) return `the degree is ${condition.degree}`;
  if ('fit' in condition) return `the fit is ${condition.fit}`;
  if ('flagCount' in condition) {
    const { kind = 'red', minSeverity = 'low', atLeast } = condition.flagCount;
    return `at least ${atLeast} ${kind} flag${atLeast === 1 ? '' : 's'}${minSeverity === 'low' ? '' : ` of ${minSeverity} severity or more`}`;
  }
  if ('not' in condition) return `not (${describeCondition(condition.not)})`;
  if ('all' in condition)
    return condition.all.length === 1 && condition.all[0]
      ? describeCondition(condition.all[0])
      : `all of (${condition.all.map(describeCondition).join('; ')})`;
  return condition.any.length === 1 && condition.any[0]
    ? describeCondition(condition.any[0])
    : `any of (${condition.any.map(describeCondition).join('; ')})`;
}
