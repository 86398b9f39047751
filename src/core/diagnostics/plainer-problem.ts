import type { PathSegment } from './diagnostic';
import { describeValue, quote } from './describe-value';
import type { Issue } from './issue-context';

/** A problem put more plainly than zod's issue: its code, what is wrong, what to do. */
export interface Plainer {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * A problem said more plainly than zod's issue (`when: {}`, `clientfit: "2"`,
 * `clientfit: 99`), or undefined.
 */
export function plainerProblem(
  issue: Issue,
  path: readonly PathSegment[],
  value: unknown,
  keys: () => readonly string[],
): Plainer | undefined {
  if (issue.code === 'invalid_value') return numberValueProblem(path, value, issue.values);
  if (issue.code === 'invalid_union') return emptyMapProblem(path, value, keys());
  return undefined;
}

/** An empty map (`{}`) where a map with one of `keys` goes: a condition, or another choice. */
function emptyMapProblem(
  path: readonly PathSegment[],
  value: unknown,
  keys: readonly string[],
): Plainer | undefined {
  if (
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value) ||
    Object.keys(value).length > 0 ||
    keys.length === 0
  )
    return undefined;
  const what = path.at(-1) === 'when' ? 'an empty condition' : 'empty';
  return {
    code: 'empty-map',
    message: `is ${what} ({}), but it needs one of: ${keys.join(', ')}`,
    hint: `write a map with one of: ${keys.join(', ')}`,
  };
}

/**
 * What is wrong with a value where numbers are expected, when that can be
 * said better than "not one of": a number written in quotes ("2"), or a
 * format number (`clientfit: 99`) newer than this clientfit reads.
 */
function numberValueProblem(
  path: readonly PathSegment[],
  value: unknown,
  values: readonly unknown[],
): Plainer | undefined {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0 || numbers.length !== values.length) return undefined;
  if (typeof value === 'string' && numbers.some((n) => String(n) === value.trim()))
    return {
      code: 'invalid-value',
      message: `is the text ${quote(value)}: it must be the number ${value.trim()}, unquoted`,
      hint: `remove the quotes: ${String(path.at(-1))}: ${value.trim()}`,
    };
  if (
    path.length === 1 &&
    path[0] === 'clientfit' &&
    typeof value === 'number' &&
    value > Math.max(...numbers)
  )
    return {
      code: 'invalid-value',
      message:
        `is ${describeValue(value)}, which is not one of: ${numbers.join(', ')}; ` +
        'this file was written for a newer clientfit',
      hint:
        `update clientfit to a version that reads format ${value} ` +
        `(this one reads ${numbers.join(' and ')})`,
    };
  return undefined;
}
