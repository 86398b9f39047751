import type * as z from 'zod/mini';
import type { PathSegment } from '../diagnostics/diagnostic';

/**
 * Ids of the parts of a bank left out because they failed the format check:
 * they exist (the author wrote them), so references to them are not
 * reported as unknown; they are only not checked further.
 */
export interface BrokenIds {
  readonly questions: Set<string>;
  readonly degrees: Set<string>;
  readonly flags: Set<string>;
  /**
   * The manifest's `fit:` failed the check as a whole: any fit level id may be one of its levels.
   */
  fitLevels: boolean;
}

/** An empty set of broken ids. */
export function noBrokenIds(): BrokenIds {
  return { questions: new Set(), degrees: new Set(), flags: new Set(), fitLevels: false };
}

/** The lists of a bank file whose items can be left out one by one, and what their ids name. */
const lists = {
  questions: 'questions',
  degrees: 'degrees',
  flags: 'flags',
  rules: undefined,
  examples: undefined,
} as const;
type ListKey = keyof typeof lists;

/**
 * Values the format accepts, put in place of a broken top-level value: they are never shown, only
 * let the rest be checked.
 */
const standIns: Readonly<Record<string, unknown>> = {
  clientfit: 2,
  id: 'broken',
  title: 'broken',
  version: '0',
  description: 'broken',
};

/**
 * What is left of a file that failed the format check: its valid data, and for each list the
 * original index of each item kept.
 */
export interface SalvagedFile<T> {
  readonly data: T;
  /** For each list that lost items: kept index → index in the file. */
  readonly kept: ReadonlyMap<string, readonly number[]>;
}

function isList(key: PropertyKey | undefined): key is ListKey {
  return typeof key === 'string' && Object.hasOwn(lists, key);
}

/**
 * Leaves out the parts of a bank file that fail the format check — an
 * unknown top-level key, a question, degree, flag, rule or example that is
 * wrong in any way, the `fit:` or `scoring:` block — so that the rest can
 * still be checked for references and logic in the same run. Records the
 * ids of what was left out in `broken`. Returns undefined when what is
 * wrong cannot be left out (the file is not a map, a list is not a list, too
 * few degrees remain). A few rounds at most: each round only removes.
 */
export function salvageBankFile<T>(
  data: unknown,
  schema: z.ZodMiniType<T>,
  broken: BrokenIds,
): SalvagedFile<T> | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  // A Map, so that leaving a key out is a plain delete (and no key can meet Object.prototype).
  const current = new Map<string, unknown>(Object.entries(data));
  const kept = new Map<string, number[]>();
  for (let round = 0; round < 4; round++) {
    const result = schema.safeParse(Object.fromEntries(current));
    if (result.success) return { data: result.data, kept };
    const drop = new Map<ListKey, Set<number>>();
    for (const issue of result.error.issues) {
      const [key, index] = issue.path;
      if (key === undefined) {
        if (issue.code !== 'unrecognized_keys') return undefined;
        for (const k of issue.keys) current.delete(k);
      } else if (isList(key) && typeof index === 'number') {
        const set = drop.get(key) ?? new Set<number>();
        set.add(index);
        drop.set(key, set);
      } else if (typeof key === 'string' && Object.hasOwn(standIns, key)) {
        current.set(key, standIns[key]);
      } else if (key === 'fit' || key === 'scoring') {
        if (key === 'fit') broken.fitLevels = true;
        current.delete(key);
      } else {
        return undefined;
      }
    }
    for (const [key, indices] of drop) {
      const list: unknown = current.get(key);
      if (!Array.isArray(list)) return undefined;
      const names = lists[key];
      for (const i of indices) {
        const id: unknown = (list[i] as { id?: unknown } | null)?.id;
        if (names !== undefined && typeof id === 'string') broken[names].add(id);
      }
      const before = kept.get(key) ?? list.map((_, i) => i);
      kept.set(
        key,
        before.filter((_, i) => !indices.has(i)),
      );
      current.set(
        key,
        list.filter((_, i) => !indices.has(i)),
      );
    }
  }
  return undefined;
}

/**
 * Maps a path in the salvaged data back to the same place in the file: `questions[1]` may have
 * been `questions[3]`.
 */
export function originalPath(
  kept: ReadonlyMap<string, readonly number[]>,
  path: readonly PathSegment[],
): readonly PathSegment[] {
  const [key, index, ...rest] = path;
  if (typeof key !== 'string' || typeof index !== 'number') return path;
  const map = kept.get(key);
  const original = map?.[index];
  return original === undefined ? path : [key, original, ...rest];
}
