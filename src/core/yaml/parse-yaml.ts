import { Composer, YAMLParseError, type CST, type Document, type LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { checkNodes } from './check-nodes';
import { checkStructure, type YamlFileKind } from './check-structure';
import { duplicateKeys } from './duplicate-keys';
import type { YamlLimits } from './limits';
import { defaultYamlLimits } from './limits';
import { makeLocator } from './make-locator';
import { firstLine, hintFor, syntaxProblems } from './syntax-problems';
import type { ParseYamlResult } from './text';
import { fileDiagnostic, yamlText } from './text';

/**
 * Parses one YAML file defensively: strict UTF-8, a size limit, nesting depth
 * measured on the syntax tree before anything is composed, one document, YAML
 * 1.2 core schema only, duplicate keys refused, custom tags refused, aliases
 * bounded, `__proto__` keys refused. Never throws: every problem comes back as
 * a located diagnostic, all of them at once where the file can be read.
 */
export function parseYaml(
  bytes: Uint8Array,
  file: string,
  limits: YamlLimits = defaultYamlLimits,
  kind: YamlFileKind = 'bank',
): ParseYamlResult {
  const read = yamlText(bytes, file, limits);
  return read.ok ? parseYamlText(read.text, read.starts, file, limits, kind) : read;
}

/** One diagnostic with no position, as a failed result. */
function failure(file: string, code: string, message: string, hint: string): ParseYamlResult {
  return { ok: false, diagnostics: [fileDiagnostic(file, code, message, hint)] };
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? firstLine(error.message) : String(error);

/** The reader on text yamlText has already checked and decoded. */
function parseYamlText(
  text: string,
  starts: LineCounter,
  file: string,
  limits: YamlLimits,
  kind: YamlFileKind,
): ParseYamlResult {
  try {
    const { tokens, problems: structure } = checkStructure(text, limits, starts, file, kind);
    if (structure.length > 0) return { ok: false, diagnostics: structure };
    const doc = composeDocument(tokens, text.length);
    const { problems, runaway } = syntaxProblems(doc, text, tokens, starts, file);
    problems.push(...duplicateKeys(doc, text, starts, file));
    if (problems.length === 0) problems.push(...checkNodes(doc, text, starts, file));
    if (problems.length > 0) return { ok: false, diagnostics: dedupe(problems, runaway) };
    return toData(doc, starts, file, limits);
  } catch (error) {
    // The yaml package throws plain Errors for a few malformed inputs.
    const message = `this file cannot be parsed as YAML: ${messageOf(error)}`;
    return failure(file, 'yaml-syntax', message, hintFor('yaml-syntax'));
  }
}

/** The document's data, with aliases expanded at most `maxAliases` times. */
function toData(
  doc: Document.Parsed,
  starts: LineCounter,
  file: string,
  limits: YamlLimits,
): ParseYamlResult {
  try {
    const data: unknown = doc.toJS({ maxAliasCount: limits.maxAliases });
    return { ok: true, source: { file, data, locate: makeLocator(doc, starts) } };
  } catch (error) {
    const message = messageOf(error);
    // yaml gives no code here: past maxAliasCount it throws a ReferenceError, as for no other
    // input that reaches toJS (unresolved and circular aliases are refused before).
    if (!(error instanceof ReferenceError))
      return failure(file, 'yaml-syntax', message, hintFor('yaml-syntax'));
    return failure(
      file,
      'too-many-aliases',
      `aliases expand too far (more than ${limits.maxAliases} uses): ${message}`,
      'write the values out instead of repeating aliases',
    );
  }
}

// uniqueKeys is off because yaml compares each key with every earlier one
// (n² for a map of n keys); duplicateKeys finds the same keys in one pass.
const composeOptions = {
  schema: 'core',
  version: '1.2',
  merge: false,
  uniqueKeys: false,
  strict: true,
  stringKeys: true,
} as const;

/**
 * yaml's parseDocument, composed from the tokens the structure check has
 * already parsed (parsing twice costs more than the checks themselves).
 * Like parseDocument, a second document is an error.
 */
function composeDocument(tokens: readonly CST.Token[], length: number): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(composeOptions).compose(tokens, true, length)) {
    if (doc === undefined) {
      doc = next;
      continue;
    }
    const range: [number, number] = [next.range[0], next.range[1]];
    doc.errors.push(
      new YAMLParseError(range, 'MULTIPLE_DOCS', 'Source contains multiple documents'),
    );
    break;
  }
  // compose(…, forceDoc = true) always yields a document, even for empty text.
  if (doc === undefined) throw new Error('the YAML composer returned no document');
  return doc;
}

/**
 * One syntax mistake often confuses the parser for several lines after it.
 * Keep one problem on each line (an unclosed quote before anything else on
 * it, else the first); after a tab used as indentation (which derails
 * everything below it) keep only the tab problems; after an unclosed quote
 * or bracket, which swallows the rest of the file, keep nothing.
 */
function dedupe(diagnostics: readonly Diagnostic[], runaway: number | undefined): Diagnostic[] {
  const rank = (d: Diagnostic): number => (d.code === 'unclosed-quote' ? 0 : 1);
  const sorted = [...diagnostics].sort(
    (a, b) =>
      (a.line ?? 0) - (b.line ?? 0) || rank(a) - rank(b) || (a.column ?? 0) - (b.column ?? 0),
  );
  const firstTab = sorted.find((d) => d.code === 'tab-indent')?.line;
  const lines = new Set<number>();
  return sorted.filter((d) => {
    const line = d.line ?? 0;
    if (firstTab !== undefined && line >= firstTab && d.code !== 'tab-indent') return false;
    if (runaway !== undefined && line > runaway) return false;
    if (lines.has(line)) return false;
    lines.add(line);
    return true;
  });
}
