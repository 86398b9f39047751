import { defOf } from './allowed-keys';
import type { Diagnostic } from './diagnostic';
import { formatPath } from './diagnostic';
import { quote } from './describe-value';
import type { Issue, IssueContext } from './issue-context';
import { valueAt } from './issue-context';
import { visitIssue } from './visit-issue';
import type { YamlSource } from '../yaml/text';

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
