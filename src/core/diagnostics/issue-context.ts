import type * as z from 'zod/mini';
import type { SchemaDef } from './allowed-keys';
import type { PathSegment } from './diagnostic';

/** One of zod's public issues. */
export type Issue = z.core.$ZodIssue;

/** The issue of one code, with the fields that code carries. */
export type IssueOf<C extends Issue['code']> = Extract<Issue, { code: C }>;

/** What turning one issue into diagnostics needs: the data, where to report, naming places. */
export interface IssueContext {
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

/** The value at `path` in the data, own properties only; undefined where the path leads nowhere. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}
