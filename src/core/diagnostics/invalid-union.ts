import { allowedKeys } from './allowed-keys';
import type { PathSegment } from './diagnostic';
import { describeValue, quote } from './describe-value';
import { suggestion } from './did-you-mean';
import { valueAt, type IssueContext, type IssueOf } from './issue-context';

/** A discriminated union whose discriminator is missing or unknown. */
function noDiscriminator(
  c: IssueContext,
  issue: IssueOf<'invalid_union'>,
  path: PathSegment[],
): void {
  const discriminator = 'discriminator' in issue ? String(issue.discriminator) : 'type';
  const allowed = ('options' in issue && Array.isArray(issue.options) ? issue.options : []).map(
    String,
  );
  const container =
    path.length > 0 && path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
  const current = valueAt(c.data, [...container, discriminator]);
  if (current === undefined) {
    c.push(
      container,
      'missing-key',
      `${c.where(container)} is missing "${discriminator}"`,
      `add "${discriminator}:" with one of: ${allowed.join(', ')}`,
    );
    return;
  }
  const shown = typeof current === 'string' ? quote(current) : describeValue(current);
  c.push(
    [...container, discriminator],
    'invalid-value',
    `"${discriminator}" is ${shown}, which is not one of: ${allowed.join(', ')}`,
    (typeof current === 'string' ? suggestion(current, allowed) : undefined) ??
      `use one of: ${allowed.join(', ')}`,
  );
}

/**
 * The branch of a union the author evidently meant: one whose problems all sit
 * below the union's own level (no unknown key there, no missing key there).
 */
function meantBranch(
  c: IssueContext,
  issue: IssueOf<'invalid_union'>,
  path: PathSegment[],
): IssueOf<'invalid_union'>['errors'][number] | undefined {
  return issue.errors.find(
    (branch) =>
      branch.length > 0 &&
      branch.every(
        (inner) =>
          !(inner.code === 'unrecognized_keys' && inner.path.length === 0) &&
          !(
            inner.code === 'invalid_type' &&
            inner.path.length === 1 &&
            valueAt(c.data, [...path, ...inner.path.map(String)]) === undefined
          ) &&
          !(inner.code === 'invalid_type' && inner.path.length === 0),
      ),
  );
}

/**
 * A value that matches no branch of a union: the problems of the branch the
 * author meant, when there is one; else the first unknown key, or the value's
 * shape, with the forms allowed there.
 */
export function invalidUnion(
  c: IssueContext,
  issue: IssueOf<'invalid_union'>,
  path: PathSegment[],
  value: unknown,
): void {
  if ('note' in issue && issue.note === 'No matching discriminator') {
    noDiscriminator(c, issue, path);
    return;
  }
  const fits = meantBranch(c, issue, path);
  if (fits) {
    for (const inner of fits) c.visit(inner, path);
    return;
  }
  const keys = allowedKeys(c.root, path);
  const present =
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const strange = present.filter((k) => !keys.includes(k));
  const scalar = value === null || typeof value !== 'object';
  const forms = keys.length > 0 ? `write a map with one of: ${keys.join(', ')}` : undefined;
  const hint =
    strange.length > 0
      ? (suggestion(strange[0] ?? '', keys) ?? forms)
      : scalar && typeof value === 'string' && keys.length > 0
        ? `this is data, not an expression: ${forms ?? ''}`
        : forms;
  const first = strange[0];
  const message = scalar
    ? `${c.where(path)} is ${describeValue(value)}, which is not allowed here`
    : first === undefined
      ? `${c.where(path)} does not match any allowed form`
      : `unknown key "${first}" in ${c.where(path)}`;
  c.push(
    first === undefined ? path : [...path, first],
    first === undefined ? 'invalid-shape' : 'unknown-key',
    message,
    hint,
    first !== undefined,
  );
}
