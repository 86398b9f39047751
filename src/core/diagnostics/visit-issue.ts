import { allowedKeys } from './allowed-keys';
import type { PathSegment } from './diagnostic';
import { describeValue, quote } from './describe-value';
import { suggestion } from './did-you-mean';
import { invalidUnion } from './invalid-union';
import { valueAt, type Issue, type IssueContext, type IssueOf } from './issue-context';
import { plainerProblem } from './plainer-problem';
import { slugify } from '../text/slug';

const expectedWords: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

function invalidType(
  c: IssueContext,
  issue: IssueOf<'invalid_type'>,
  path: PathSegment[],
  value: unknown,
): void {
  const expected = expectedWords[issue.expected] ?? issue.expected;
  const last = path[path.length - 1];
  const parent = valueAt(c.data, path.slice(0, -1));
  if (
    value === undefined &&
    typeof last === 'string' &&
    parent !== null &&
    typeof parent === 'object' &&
    !Array.isArray(parent)
  ) {
    c.push(
      path.slice(0, -1),
      'missing-key',
      `${c.where(path.slice(0, -1))} is missing "${last}"`,
      `add "${last}:" with ${expected}`,
    );
  } else if (path.length === 0 && (value === null || value === undefined)) {
    c.push(
      path,
      'empty-file',
      `the ${c.what} is empty`,
      `start from the example in questions/README.md`,
    );
  } else {
    c.push(
      path,
      'wrong-type',
      `${c.where(path)} should be ${expected}, but it is ${describeValue(value)}`,
      issue.expected === 'string' && typeof value !== 'string'
        ? 'put the value in quotes'
        : undefined,
    );
  }
}

const idHint = (text: string): string => {
  const fixed = slugify(text).replace(/^[0-9-]+/, '');
  return `ids use lower-case letters, digits and single hyphens${fixed ? `, e.g. "${fixed}"` : ''}`;
};

function sizeIssue(
  c: IssueContext,
  issue: IssueOf<'too_small'> | IssueOf<'too_big'>,
  path: PathSegment[],
): void {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const at = c.where(path);
  let message: string;
  if (issue.origin === 'array')
    message = small
      ? `${at} needs at least ${limit} item${limit === 1 ? '' : 's'}`
      : `${at} has more than ${limit} items`;
  else if (issue.origin === 'string')
    message = small ? `${at} must not be empty` : `${at} is longer than ${limit} characters`;
  else message = small ? `${at} must be at least ${limit}` : `${at} must be at most ${limit}`;
  c.push(path, small ? 'too-small' : 'too-large', message, undefined);
}

function unknownKeys(c: IssueContext, issue: IssueOf<'unrecognized_keys'>, path: PathSegment[]) {
  const allowed = allowedKeys(c.root, path);
  for (const key of issue.keys) {
    const hint =
      suggestion(key, allowed) ??
      (allowed.length > 0 ? `allowed here: ${allowed.join(', ')}` : undefined);
    c.push([...path, key], 'unknown-key', `unknown key "${key}" in ${c.where(path)}`, hint, true);
  }
}

function invalidValue(
  c: IssueContext,
  issue: IssueOf<'invalid_value'>,
  path: PathSegment[],
  value: unknown,
): void {
  const allowed = issue.values.map((v) => String(v));
  const shown = typeof value === 'string' ? quote(value) : describeValue(value);
  const hint =
    (typeof value === 'string' ? suggestion(value, allowed) : undefined) ??
    `use one of: ${allowed.join(', ')}`;
  const message = `${c.where(path)} is ${shown}, which is not one of: ${allowed.join(', ')}`;
  c.push(path, 'invalid-value', message, hint);
}

/** One issue (and, for a union, the branch the author meant) as diagnostics. */
export function visitIssue(c: IssueContext, issue: Issue, base: readonly PathSegment[]): void {
  const path: PathSegment[] = [
    ...base,
    ...issue.path.map((seg) => (typeof seg === 'symbol' ? String(seg) : seg)),
  ];
  const value = valueAt(c.data, path);
  const plain = plainerProblem(issue, path, value, () => allowedKeys(c.root, path));
  if (plain !== undefined) {
    c.push(path, plain.code, `${c.where(path)} ${plain.message}`, plain.hint);
    return;
  }
  switch (issue.code) {
    case 'invalid_type': {
      invalidType(c, issue, path, value);
      return;
    }
    case 'unrecognized_keys': {
      unknownKeys(c, issue, path);
      return;
    }
    case 'invalid_value': {
      invalidValue(c, issue, path, value);
      return;
    }
    case 'invalid_format':
      if (issue.format === 'regex' && typeof value === 'string')
        c.push(path, 'invalid-id', `${quote(value)} is not a valid id`, idHint(value));
      else
        c.push(path, 'invalid-format', `${c.where(path)} is not in the expected format`, undefined);
      return;
    case 'invalid_key': {
      const key = path[path.length - 1];
      const where = c.where(path.slice(0, -1));
      const shown = `the key ${quote(String(key))} in ${where} is not a valid id`;
      c.push(path, 'invalid-id', shown, idHint(typeof key === 'string' ? key : ''), true);
      return;
    }
    case 'too_small':
    case 'too_big': {
      sizeIssue(c, issue, path);
      return;
    }
    case 'invalid_union': {
      invalidUnion(c, issue, path, value);
      return;
    }
    default:
      c.push(path, 'invalid', `${c.where(path)} is not valid here`, undefined);
  }
}
