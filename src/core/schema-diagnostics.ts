import type * as z from 'zod/mini';
import type { Diagnostic, PathSegment } from './diagnostic';
import { formatPath } from './diagnostic';
import { suggestion } from './did-you-mean';
import { slugify } from './slug';
import type { YamlSource } from './yaml/text';

type Issue = z.core.$ZodIssue;

/** Just enough of zod's internal definition to find which keys an object accepts. */
interface SchemaDef {
  type?: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  element?: { _zod: { def: SchemaDef } };
  options?: { _zod: { def: SchemaDef } }[];
  valueType?: { _zod: { def: SchemaDef } };
  innerType?: { _zod: { def: SchemaDef } };
  getter?: () => { _zod: { def: SchemaDef } };
}

function defOf(schema: unknown): SchemaDef {
  return (schema as { _zod: { def: SchemaDef } })._zod.def;
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
      if (def.type === 'optional' && def.innerType) stack.push(def.innerType._zod.def);
      else if (def.type === 'lazy' && def.getter) stack.push(def.getter()._zod.def);
      else if (def.type === 'union' && def.options) stack.push(...def.options.map((o) => o._zod.def));
      else out.push(def);
    }
    return out;
  };
  current = unwrap(current);
  for (const segment of path) {
    const next: SchemaDef[] = [];
    for (const def of current) {
      if (def.type === 'object' && typeof segment === 'string' && def.shape && Object.hasOwn(def.shape, segment)) {
        const child = def.shape[segment];
        if (child) next.push(child._zod.def);
      } else if (def.type === 'array' && typeof segment === 'number' && def.element) next.push(def.element._zod.def);
      else if (def.type === 'record' && def.valueType) next.push(def.valueType._zod.def);
    }
    current = unwrap(next);
  }
  return current;
}

function allowedKeys(root: SchemaDef, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const def of defsAt(root, path)) if (def.type === 'object' && def.shape) for (const key of Object.keys(def.shape)) keys.add(key);
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
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the decimal number ${value}`;
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

/**
 * Turns zod's issues into plain-English, located diagnostics. Union failures
 * are narrowed to the branch the author evidently meant, when there is one.
 */
export function schemaDiagnostics(issues: readonly Issue[], options: SchemaDiagnosticsOptions): Diagnostic[] {
  const root = defOf(options.schema);
  const out: Diagnostic[] = [];
  const { source } = options;
  const data = source.data;

  const push = (path: readonly PathSegment[], code: string, message: string, hint: string | undefined, atKey = false): void => {
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
  };

  const where = (path: readonly PathSegment[]): string => {
    if (path.length === 0) return `the ${options.what}`;
    const node = valueAt(data, path);
    const id = node !== null && typeof node === 'object' && !Array.isArray(node) && Object.hasOwn(node, 'id') ? (node as { id: unknown }).id : undefined;
    return typeof id === 'string' && id.length <= 64 ? `"${formatPath(path)}" (id ${quote(id)})` : `"${formatPath(path)}"`;
  };

  const visit = (issue: Issue, base: readonly PathSegment[]): void => {
    const path: PathSegment[] = [...base, ...issue.path.map((seg) => (typeof seg === 'symbol' ? String(seg) : seg))];
    const value = valueAt(data, path);
    // Said more plainly than zod's issue: `when: {}`, `clientfit: "2"`, `clientfit: 99`.
    const plain = plainerProblem(issue, path, value, () => allowedKeys(root, path));
    if (plain !== undefined) {
      push(path, plain.code, `${where(path)} ${plain.message}`, plain.hint);
      return;
    }
    switch (issue.code) {
      case 'invalid_type': {
        const expected = expectedWords[issue.expected] ?? issue.expected;
        const last = path[path.length - 1];
        const parent = valueAt(data, path.slice(0, -1));
        if (value === undefined && typeof last === 'string' && parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
          push(path.slice(0, -1), 'missing-key', `${where(path.slice(0, -1))} is missing "${last}"`, `add "${last}:" with ${expected}`);
        } else if (path.length === 0 && (value === null || value === undefined)) {
          push(path, 'empty-file', `the ${options.what} is empty`, `start from the example in questions/README.md`);
        } else {
          push(
            path,
            'wrong-type',
            `${where(path)} should be ${expected}, but it is ${describeValue(value)}`,
            issue.expected === 'string' && typeof value !== 'string' ? 'put the value in quotes' : undefined,
          );
        }
        return;
      }
      case 'unrecognized_keys': {
        const allowed = allowedKeys(root, path);
        for (const key of issue.keys) {
          const hint = suggestion(key, allowed) ?? (allowed.length > 0 ? `allowed here: ${allowed.join(', ')}` : undefined);
          push([...path, key], 'unknown-key', `unknown key "${key}" in ${where(path)}`, hint, true);
        }
        return;
      }
      case 'invalid_value': {
        const allowed = issue.values.map((v) => String(v));
        const shown = typeof value === 'string' ? value : describeValue(value);
        const hint = (typeof value === 'string' ? suggestion(value, allowed) : undefined) ?? `use one of: ${allowed.join(', ')}`;
        push(path, 'invalid-value', `${where(path)} is ${typeof value === 'string' ? quote(shown) : shown}, which is not one of: ${allowed.join(', ')}`, hint);
        return;
      }
      case 'invalid_format': {
        if (issue.format === 'regex' && typeof value === 'string') {
          const fixed = slugify(value).replace(/^[0-9-]+/, '');
          push(
            path,
            'invalid-id',
            `${quote(value)} is not a valid id`,
            `ids use lower-case letters, digits and single hyphens${fixed ? `, e.g. "${fixed}"` : ''}`,
          );
        } else {
          push(path, 'invalid-format', `${where(path)} is not in the expected format`, undefined);
        }
        return;
      }
      case 'invalid_key': {
        const key = path[path.length - 1];
        const fixed = typeof key === 'string' ? slugify(key).replace(/^[0-9-]+/, '') : '';
        push(
          path,
          'invalid-id',
          `the key ${quote(String(key))} in ${where(path.slice(0, -1))} is not a valid id`,
          `ids use lower-case letters, digits and single hyphens${fixed ? `, e.g. "${fixed}"` : ''}`,
          true,
        );
        return;
      }
      case 'too_small':
      case 'too_big': {
        const small = issue.code === 'too_small';
        const limit = Number(small ? issue.minimum : issue.maximum);
        let message: string;
        if (issue.origin === 'array')
          message = small ? `${where(path)} needs at least ${limit} item${limit === 1 ? '' : 's'}` : `${where(path)} has more than ${limit} items`;
        else if (issue.origin === 'string') message = small ? `${where(path)} must not be empty` : `${where(path)} is longer than ${limit} characters`;
        else message = small ? `${where(path)} must be at least ${limit}` : `${where(path)} must be at most ${limit}`;
        push(path, small ? 'too-small' : 'too-large', message, undefined);
        return;
      }
      case 'invalid_union': {
        if ('note' in issue && issue.note === 'No matching discriminator') {
          const discriminator = 'discriminator' in issue ? String(issue.discriminator) : 'type';
          const allowed = ('options' in issue && Array.isArray(issue.options) ? issue.options : []).map(String);
          const container = path.length > 0 && path[path.length - 1] === discriminator ? path.slice(0, -1) : path;
          const current = valueAt(data, [...container, discriminator]);
          if (current === undefined)
            push(container, 'missing-key', `${where(container)} is missing "${discriminator}"`, `add "${discriminator}:" with one of: ${allowed.join(', ')}`);
          else
            push(
              [...container, discriminator],
              'invalid-value',
              `"${discriminator}" is ${typeof current === 'string' ? quote(current) : describeValue(current)}, which is not one of: ${allowed.join(', ')}`,
              (typeof current === 'string' ? suggestion(current, allowed) : undefined) ?? `use one of: ${allowed.join(', ')}`,
            );
          return;
        }
        // A branch "fits the shape" when none of its problems sit at the union's own level
        // (no unknown key there, no missing key there): the author meant that branch.
        const branches = issue.errors;
        const fits = branches.find(
          (branch) =>
            branch.length > 0 &&
            branch.every(
              (inner) =>
                !(inner.code === 'unrecognized_keys' && inner.path.length === 0) &&
                !(inner.code === 'invalid_type' && inner.path.length === 1 && valueAt(data, [...path, ...inner.path.map(String)]) === undefined) &&
                !(inner.code === 'invalid_type' && inner.path.length === 0),
            ),
        );
        if (fits) {
          for (const inner of fits) visit(inner, path);
          return;
        }
        const keys = allowedKeys(root, path);
        const present = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
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
          ? `${where(path)} is ${describeValue(value)}, which is not allowed here`
          : first === undefined
            ? `${where(path)} does not match any allowed form`
            : `unknown key "${first}" in ${where(path)}`;
        push(first === undefined ? path : [...path, first], first === undefined ? 'invalid-shape' : 'unknown-key', message, hint, first !== undefined);
        return;
      }
      default:
        push(path, 'invalid', `${where(path)} is not valid here`, undefined);
    }
  };

  for (const issue of issues) visit(issue, []);
  return out;
}

interface Plainer {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

/** A problem said more plainly than zod's issue, or undefined. */
function plainerProblem(issue: Issue, path: readonly PathSegment[], value: unknown, keys: () => readonly string[]): Plainer | undefined {
  if (issue.code === 'invalid_value') return numberValueProblem(path, value, issue.values);
  if (issue.code === 'invalid_union') return emptyMapProblem(path, value, keys());
  return undefined;
}

/** An empty map (`{}`) where a map with one of `keys` goes: a condition, or another choice of forms. */
function emptyMapProblem(path: readonly PathSegment[], value: unknown, keys: readonly string[]): Plainer | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length > 0 || keys.length === 0) return undefined;
  const what = path.at(-1) === 'when' ? 'an empty condition' : 'empty';
  return { code: 'empty-map', message: `is ${what} ({}), but it needs one of: ${keys.join(', ')}`, hint: `write a map with one of: ${keys.join(', ')}` };
}

/**
 * What is wrong with a value where numbers are expected, when that can be
 * said better than "not one of": a number written in quotes ("2"), or a
 * format number (`clientfit: 99`) newer than this clientfit reads.
 */
function numberValueProblem(path: readonly PathSegment[], value: unknown, values: readonly unknown[]): Plainer | undefined {
  const numbers = values.filter((v): v is number => typeof v === 'number');
  if (numbers.length === 0 || numbers.length !== values.length) return undefined;
  if (typeof value === 'string' && numbers.some((n) => String(n) === value.trim()))
    return {
      code: 'invalid-value',
      message: `is the text ${quote(value)}: it must be the number ${value.trim()}, unquoted`,
      hint: `remove the quotes: ${String(path.at(-1))}: ${value.trim()}`,
    };
  if (path.length === 1 && path[0] === 'clientfit' && typeof value === 'number' && value > Math.max(...numbers))
    return {
      code: 'invalid-value',
      message: `is ${describeValue(value)}, which is not one of: ${numbers.join(', ')}; this file was written for a newer clientfit`,
      hint: `update clientfit to a version that reads format ${value} (this one reads ${numbers.join(' and ')})`,
    };
  return undefined;
}
