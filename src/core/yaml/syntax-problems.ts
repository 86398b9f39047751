import type { CST, Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { explainYamlError } from './explain-yaml-error';
import { fileDiagnostic, positionAt } from './text';

/** yaml's error codes that clientfit words itself, by the code it reports them under. */
const yamlCodes: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'duplicate-key',
  TAB_AS_INDENT: 'tab-indent',
  BAD_INDENT: 'bad-indent',
  MULTIPLE_DOCS: 'multiple-documents',
  TAG_RESOLVE_FAILED: 'unknown-tag',
  BAD_ALIAS: 'bad-alias',
  NON_STRING_KEY: 'complex-key',
};

/** What to do about a problem of this code. */
export function hintFor(code: string): string {
  switch (code) {
    case 'duplicate-key':
      return 'each key may appear once in a map: remove or rename one of them';
    case 'tab-indent':
      return 'indent with spaces, not tabs';
    case 'complex-key':
      return 'write the key as a plain word, e.g. `competitor:`';
    case 'unknown-tag':
      return 'custom tags (like !!js/function) are not allowed: write a plain value';
    case 'bad-alias':
      return 'define the anchor (&name) before using the alias (*name)';
    default:
      return 'check the YAML syntax near this position (indentation, quotes, colons)';
  }
}

/** What is wrong, in words, for a problem of this code; `source` is the text it is about. */
export function describeYamlError(code: string, message: string, source: string): string {
  const shown =
    source.length > 0 && source.length <= 60 && !source.includes('\n') ? source : undefined;
  switch (code) {
    case 'duplicate-key':
      return shown === undefined
        ? 'this key appears twice in the same map'
        : `the key "${shown}" appears twice in the same map`;
    case 'unknown-tag':
      return `the tag ${shown ?? tagOf(message)} is not allowed`;
    case 'complex-key':
      return 'a key must be a plain word or a quoted string, not a list or a map';
    case 'tab-indent':
      return 'a tab is used for indentation here';
    default:
      return firstLine(message);
  }
}

/** The tag in yaml's TAG_RESOLVE_FAILED message, for a tag too long to quote from the text. */
const tagOf = (message: string): string => firstLine(message).replace(/^Unresolved tag: /, '');

/** The first line of an error's message (yaml's are one line; a thrown one may not be). */
export function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}

/** The key written at `offset`: the text up to the colon, without quotes. */
export function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 80);
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2] ?? '';
  return (/^[^:\n]*/.exec(rest)?.[0] ?? '').trim();
}

/**
 * The composed document's errors and warnings as located diagnostics, each
 * explained in clientfit's words, and the first line of a mistake the parser
 * cannot see past (an unclosed quote or bracket), if there is one.
 */
export function syntaxProblems(
  doc: Document.Parsed,
  text: string,
  tokens: readonly CST.Token[],
  starts: LineCounter,
  file: string,
): { problems: Diagnostic[]; runaway: number | undefined } {
  const problems: Diagnostic[] = [];
  let runaway: number | undefined;
  const memo = {};
  for (const error of [...doc.errors, ...doc.warnings]) {
    const explained = explainYamlError(error, text, tokens, memo);
    if (explained !== undefined) {
      const at = positionAt(starts, explained.offset);
      problems.push(fileDiagnostic(file, explained.code, explained.message, explained.hint, at));
      if (explained.runaway === true && (runaway === undefined || at.line < runaway))
        runaway = at.line;
      continue;
    }
    const code = yamlCodes[error.code] ?? 'yaml-syntax';
    const [start, end] = error.pos;
    const shown = code === 'duplicate-key' ? keyTextAt(text, start) : text.slice(start, end);
    const message = describeYamlError(code, error.message, shown);
    problems.push(fileDiagnostic(file, code, message, hintFor(code), positionAt(starts, start)));
  }
  return { problems, runaway };
}
