import type { PathSegment } from '../../diagnostics/diagnostic';
import type { Bank, SourceRef } from '../bank';
import type { AdviceItemData, Condition } from '../schema';

/** A condition judged at the end, with where it is written. */
export interface EndCondition {
  readonly condition: Condition;
  readonly at: SourceRef;
  readonly path: readonly PathSegment[];
}

/**
 * Every condition judged at the end, with where it is written: rules, flags, and advice with
 * `when`.
 */
export function endConditions(
  bank: Bank,
  manifestAt: (path: readonly PathSegment[]) => SourceRef,
): EndCondition[] {
  const out: EndCondition[] = [];
  const advice = (
    items: readonly AdviceItemData[],
    at: SourceRef,
    path: readonly PathSegment[],
  ): void => {
    items.forEach((item, i) => {
      if (typeof item !== 'string')
        out.push({ condition: item.when, at, path: [...path, i, 'when'] });
    });
  };
  for (const rule of bank.rules) {
    out.push({ condition: rule.when, at: rule.at, path: ['when'] });
    advice(rule.conditions, rule.at, ['conditions']);
  }
  bank.flags.forEach((flag, i) => {
    if (flag.when !== undefined)
      out.push({ condition: flag.when, at: manifestAt(['flags', i]), path: ['when'] });
  });
  bank.degrees.forEach((degree, i) => {
    advice(degree.advice.talkingPoints, manifestAt(['degrees', i]), ['advice', 'talkingPoints']);
    advice(degree.advice.conditions, manifestAt(['degrees', i]), ['advice', 'conditions']);
  });
  for (const level of bank.fit.levels) advice(level.conditions, level.at, ['conditions']);
  return out;
}
