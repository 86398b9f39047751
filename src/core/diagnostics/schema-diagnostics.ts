import type * as z from 'zod/mini';
import type { Diagnostic, PathSegment } from './diagnostic';
import { formatPath } from './diagnostic';
import { suggestion } from './did-you-mean';
import { slugify } from '../text/slug';
import type { YamlSource } from '../yaml/text';

type Issue = z.core.$ZodIssue;

/** Just enough of a zod schema's public `def` to find which keys an object accepts. */
interface SchemaDef {
  type?: string;
  shape?: Record<string, { def: SchemaDef }>;
  element?: { def: SchemaDef };
  options?: { def: SchemaDef }[];
  valueType?: { def: SchemaDef };
  innerType?: { def: SchemaDef };
  getter?: () => { def: SchemaDef };
}

function defOf(schema: unknown): SchemaDef {
  return (schema as { def: SchemaDef }).def;
}

/** The defs reachable at `path` (every branch of a union), following the data. */
function defsAt(root: SchemaDef, path: readonly PathSegment[]): SchemaDef[] {
  let current: SchemaDef[] = [root];
  const unwrap = (defs: SchemaDef[]): SchemaDef[] => {
    const out: SchemaDef[] = [];
    const stack = [...defs];
    let guard = 0;
    while (stack.length > 0 && guard++ < 500) {
      const def = stack.pop();
      if (def === undefined) break;
      if (def.type === 'optional' && def.innerType) stack.push(def.innerType.def);
      else if (def.type === 'lazy' && def.getter) stack.push(def.getter().def);
      else if (def.type === 'union' && def.options) stack.push(...def.options.map((o) => o.def));
      else out.push(def);
    }
    return out;
  };
  current = unwrap(current);
  for (const segment of path) {
    const next: SchemaDef[] = [];
    for (const def of current) {
      if (
        def.type === 'object' &&
        typeof segment === 'string' &&
        def.shape &&
        Object.hasOwn(def.shape, segment)
      ) {
        const child = def.shape[segment];
        if (child) next.push(child.def);
      } else if (def.type === 'array' && typeof segment === 'number' && def.element)
        next.push(def.element.def);
      else if (def.type === 'record' && def.valueType) next.push(def.valueType.def);
    }
    current = unwrap(next);
  }
  return current;
}

function allowedKeys(root: SchemaDef, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const def of defsAt(root, path))
    if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
  return [...keys];
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

/** Describes a value the way a bank author thinks of it. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text ${quote(value)}`;
  if (typeof value === 'number')
    return Number.isInteger(value) ? `the number ${value}` : `the decimal number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

/** Quotes and shortens a value for a message. The terminal-safety filter runs later, at output. */
export function quote(value: string, max = 60): string {
  const short = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return JSON.stringify(short);
}

const expectedWords: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

/** Options for turning schema issues into located diagnostics. */
export interface SchemaDiagnosticsOptions {
  readonly source: YamlSource;
  /** The root schema the data was checked against (used to list allowed keys). */
  readonly schema: unknown;
  /** What the document is, for messages: "bank manifest", "answers file". */
  readonly what: string;
}

/** What turning one issue into diagnostics needs: the data, where to report, how to name a place. */
interface IssueContext {
  readonly root: SchemaDef;
  readonly data: unknown;
  readonly what: string;
  readonly push: (
    path: readonly PathSegment[],
    code: string,
    message: string,
    hint: string | undefined,
    atKey?: boolean,
  ) => void;
  readonly where: (path: readonly PathSegment[]) => string;
  readonly visit: (issue: Issue, base: readonly PathSegment[]) => void;
}

type IssueOf<C extends Issue['code']> = Extract<Issue, { code: C }>;

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
  if (current === undefined)
    c.push(
      container,
      'missing-key',
      `${c.where(container)} is missing "${discriminator}"`,
      `add "${discriminator}:" with one of: ${allowed.join(', ')}`,
    );
  else
    c.push(
      [...container, discriminator],
      'invalid-value',
      `"${discriminator}" is ${typeof current === 'string' ? quote(current) : describeValue(current)}, which is not one of: ${allowed.join(', ')}`,
      (typeof current === 'string' ? suggestion(current, allowed) : undefined) ??
        `use one of: ${allowed.join(', ')}`,
    );
}

function invalidUnion(
  c: IssueContext,
  issue: IssueOf<'invalid_union'>,
  path: PathSegment[],
  value: unknown,
): void {
  if ('note' in issue && issue.note === 'No matching discriminator') {
    noDiscriminator(c, issue, path);
    return;
  }
  // A branch "fits the shape" when none of its problems sit at the union's own level
  // (no unknown key there, no missing key there): the author meant that branch.
  const fits = issue.errors.find(
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

/** One issue (and, for a union, the branch the author meant) as diagnostics. */
function visitIssue(c: IssueContext, issue: Issue, base: readonly PathSegment[]): void {
  const path: PathSegment[] = [
    ...base,
    ...issue.path.map((seg) => (typeof seg === 'symbol' ? String(seg) : seg)),
  ];
  const value = valueAt(c.data, path);
  // Said more plainly than zod's issue: `when: {}`, `clientfit: "2"`, `clientfit: 99`.
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
      const allowed = allowedKeys(c.root, path);
      for (const key of issue.keys) {
        const hint =
          suggestion(key, allowed) ??
          (allowed.length > 0 ? `allowed here: ${allowed.join(', ')}` : undefined);
        c.push(
          [...path, key],
          'unknown-key',
          `unknown key "${key}" in ${c.where(path)}`,
          hint,
          true,
        );
      }
      return;
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => String(v));
      const shown = typeof value === 'string' ? quote(value) : describeValue(value);
      const hint =
        (typeof value === 'string' ? suggestion(value, allowed) : undefined) ??
        `use one of: ${allowed.join(', ')}`;
      c.push(
        path,
        'invalid-value',
        `${c.where(path)} is ${shown}, which is not one of: ${allowed.join(', ')}`,
        hint,
      );
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
      const shown = `the key ${quote(String(key))} in ${c.where(path.slice(0, -1))} is not a valid id`;
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

/**
 * Turns zod's issues into plain-English, located diagnostics. Union failures
 * are narrowed to the branch the author evidently meant, when there is one.
 */
export function schemaDiagnostics(
  issues: readonly Issue[],
  options: SchemaDiagnosticsOptions,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { source } = options;
  const data = source.data;
  const context: IssueContext = {
    root: defOf(options.schema),
    data,
    what: options.what,
    push: (path, code, message, hint, atKey = false) => {
      const at = source.locate(path, { key: atKey });
      out.push({
        severity: 'error',
        code,
        file: source.file,
        path,
        message,
        ...(at === undefined ? {} : { line: at.line, column: at.column }),
        ...(hint === undefined ? {} : { hint }),
      });
    },
    where: (path) => {
      if (path.length === 0) return `the ${options.what}`;
      const node = valueAt(data, path);
      const id =
        node !== null &&
        typeof node === 'object' &&
        !Array.isArray(node) &&
        Object.hasOwn(node, 'id')
          ? (node as { id: unknown }).id
          : undefined;
      return typeof id === 'string' && id.length <= 64
        ? `"${formatPath(path)}" (id ${quote(id)})`
        : `"${formatPath(path)}"`;
    },
    visit: (issue, base) => {
      visitIssue(context, issue, base);
    },
  };
  for (const issue of issues) visitIssue(context, issue, []);
  return out;
}

interface Plainer {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/** A problem said more plainly than zod's issue, or undefined. */
function plainerProblem(
  issue: Issue,
  path: readonly PathSegment[],
  value: unknown,
  keys: () => readonly string[],
): Plainer | undefined {
  if (issue.code === 'invalid_value') return numberValueProblem(path, value, issue.values);
  if (issue.code === 'invalid_union') return emptyMapProblem(path, value, keys());
  return undefined;
}

/** An empty map (`{}`) where a map with one of `keys` goes: a condition, or another choice of forms. */
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
      message: `is ${describeValue(value)}, which is not one of: ${numbers.join(', ')}; this file was written for a newer clientfit`,
      hint: `update clientfit to a version that reads format ${value} (this one reads ${numbers.join(' and ')})`,
    };
  return undefined;
}
