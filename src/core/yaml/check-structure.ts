import { Lexer, Parser, type CST, type LineCounter } from 'yaml';
import type { Diagnostic, SourcePosition } from '../diagnostics/diagnostic';
import type { YamlLimits } from './limits';
import { fileDiagnostic, positionAt } from './text';

/** What a YAML file holds, for the words of its diagnostics. */
export type YamlFileKind = 'bank' | 'answers';

function tooDeep(
  file: string,
  limits: YamlLimits,
  at: SourcePosition,
  kind: YamlFileKind,
): Diagnostic {
  const why =
    kind === 'bank'
      ? 'a bank never needs this depth'
      : 'an answers file maps question ids to answers and never needs this depth';
  return fileDiagnostic(
    file,
    'too-deep',
    `lists and maps are nested more than ${limits.maxDepth} levels deep here`,
    `flatten the structure; ${why}`,
    at,
  );
}

/**
 * yaml's own Lexer and Parser, driven token by token as yaml documents it,
 * watching the Parser's stack (the nodes still open, each inside the one
 * before it): once it is deeper than the limit allows, the parse stops there.
 * A file of 800 KB of "[" would otherwise build a syntax tree 800,000 levels
 * deep (half a gigabyte) before the depth is measured.
 */
function parseTokens(
  text: string,
  limits: YamlLimits,
): { tokens: CST.Token[]; tooDeepAt: number | undefined } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  // The stack holds the document, then one entry per level, then the scalar being read:
  // a stack this long always means nesting past the limit, which deepestAt reports the same way.
  const deepest = limits.maxDepth + 3;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > deepest)
      return { tokens, tooDeepAt: parser.stack[deepest - 1]?.offset ?? parser.offset };
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens, tooDeepAt: undefined };
}

/** A second document, or a directive other than `%YAML 1.2`, as a problem; else undefined. */
function topLevelProblem(
  token: CST.Token,
  documents: number,
  starts: LineCounter,
  file: string,
): Diagnostic | undefined {
  const at = positionAt(starts, token.offset);
  if (token.type === 'document' && documents === 2)
    return fileDiagnostic(
      file,
      'multiple-documents',
      'this file holds more than one YAML document (a line with "---")',
      'keep one document per file: split it into separate files',
      at,
    );
  if (token.type !== 'directive') return undefined;
  const directive = token.source.trim();
  if (/^%YAML\s+1\.2\b/.test(directive)) return undefined;
  const shown = directive.slice(0, 40);
  return directive.startsWith('%YAML')
    ? fileDiagnostic(
        file,
        'yaml-directive',
        `"${shown}" asks for another YAML version; clientfit reads YAML 1.2 only`,
        'remove the %YAML line; note that in YAML 1.2 yes/no/on/off are plain words: ' +
          'write true or false',
        at,
      )
    : fileDiagnostic(
        file,
        'yaml-directive',
        `the directive "${shown}" is not supported`,
        'remove the directive line and write plain values',
        at,
      );
}

/** The offset of the first node nested deeper than the limit, walked with an explicit stack. */
function deepestAt(tokens: readonly CST.Token[], limits: YamlLimits): number | undefined {
  const stack: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const [token, depth] = entry;
    if (depth > limits.maxDepth) return token.offset;
    if (token.type === 'document' && token.value) stack.push([token.value, depth]);
    if (
      token.type === 'block-map' ||
      token.type === 'block-seq' ||
      token.type === 'flow-collection'
    )
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
  }
  return undefined;
}

/**
 * The file's syntax tree, and what is wrong with its shape before anything is
 * composed: a second document, a directive other than `%YAML 1.2`, nesting
 * deeper than the limit (measured without recursion: two deep recursive parses
 * in one process crash Node beyond any catch).
 */
export function checkStructure(
  text: string,
  limits: YamlLimits,
  starts: LineCounter,
  file: string,
  kind: YamlFileKind,
): { tokens: CST.Token[]; problems: Diagnostic[] } {
  const { tokens, tooDeepAt } = parseTokens(text, limits);
  const problems: Diagnostic[] = [];
  let documents = 0;
  for (const token of tokens) {
    if (token.type === 'document') documents++;
    const problem = topLevelProblem(token, documents, starts, file);
    if (problem !== undefined) problems.push(problem);
  }
  const deep = deepestAt(tokens, limits);
  if (deep !== undefined) problems.push(tooDeep(file, limits, positionAt(starts, deep), kind));
  if (tooDeepAt !== undefined)
    problems.push(tooDeep(file, limits, positionAt(starts, tooDeepAt), kind));
  return { tokens, problems };
}
