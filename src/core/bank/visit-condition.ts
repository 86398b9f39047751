import type { PathSegment } from '../diagnostics/diagnostic';
import type { Condition } from './schema';

/**
 * A condition that tests something itself: an answer, a flag, the degree, the fit or a flag count.
 */
export type ConditionTest = Exclude<
  Condition,
  | { readonly not: Condition }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
>;

/** Called for every node of a condition, with the path from where the walk started. */
export type ConditionVisitor = (condition: Condition, path: readonly PathSegment[]) => void;

/**
 * Walks a condition: the visitor sees the node first, then the parts of a
 * `not`, `all` or `any`, in the order they are written, each with its path
 * (`path` plus `not`, `all, i` or `any, i`). Recursion is safe: a bank's YAML
 * is refused beyond a small nesting depth before any condition is built.
 */
export function visitCondition(
  condition: Condition,
  visitor: ConditionVisitor,
  path: readonly PathSegment[] = [],
): void {
  visitor(condition, path);
  if ('not' in condition) visitCondition(condition.not, visitor, [...path, 'not']);
  else if ('all' in condition)
    for (const [i, part] of condition.all.entries())
      visitCondition(part, visitor, [...path, 'all', i]);
  else if ('any' in condition)
    for (const [i, part] of condition.any.entries())
      visitCondition(part, visitor, [...path, 'any', i]);
}

/** Every test inside a condition, at any depth, in the order written. */
export function testsIn(condition: Condition): ConditionTest[] {
  const out: ConditionTest[] = [];
  visitCondition(condition, (c) => {
    if (!('not' in c || 'all' in c || 'any' in c)) out.push(c);
  });
  return out;
}

/** How to turn a condition into one value, from its tests up. */
export interface ConditionFold<T> {
  test(condition: ConditionTest): T;
  not(part: T): T;
  all(parts: T[], conditions: readonly Condition[]): T;
  any(parts: T[], conditions: readonly Condition[]): T;
}

/**
 * Folds a condition bottom-up: each test through `test`, then `not`, `all` and `any` over the
 * values of their parts.
 */
export function foldCondition<T>(condition: Condition, fold: ConditionFold<T>): T {
  if ('not' in condition) return fold.not(foldCondition(condition.not, fold));
  if ('all' in condition)
    return fold.all(
      condition.all.map((part) => foldCondition(part, fold)),
      condition.all,
    );
  if ('any' in condition)
    return fold.any(
      condition.any.map((part) => foldCondition(part, fold)),
      condition.any,
    );
  return fold.test(condition);
}
