/** One segment of a path inside a document: a map key or a list index. */
export type PathSegment = string | number;

/** Where something stands in a source file. Lines and columns count from 1. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * One problem found in a file, located well enough for an editor to jump to
 * it. `line`/`column` are absent only when the whole file is at fault (it
 * cannot be read, it is too large, it is not UTF-8 at all).
 */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  /** A stable, kebab-case code, e.g. `duplicate-key`, `unknown-reference`. */
  readonly code: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** The path inside the document, e.g. `questions[2].options[0].value`. */
  readonly path: readonly PathSegment[];
  /** What is wrong, in plain English. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

/** Renders a document path as `questions[2].options[0].value`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** Orders diagnostics by file, then position, then code, so output is stable. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  const lineA = a.line ?? 0;
  const lineB = b.line ?? 0;
  if (lineA !== lineB) return lineA - lineB;
  const colA = a.column ?? 0;
  const colB = b.column ?? 0;
  if (colA !== colB) return colA - colB;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
