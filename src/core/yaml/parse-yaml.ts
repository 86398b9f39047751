import {
  Composer,
  Lexer,
  Parser,
  YAMLParseError,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  visit,
  type CST,
  type Document,
  type Pair,
  type LineCounter,
  type YAMLMap,
} from 'yaml';
import type { Diagnostic, PathSegment, SourcePosition } from '../diagnostics/diagnostic';
import type { YamlLimits } from './limits';
import { defaultYamlLimits } from './limits';
import type { ParseYamlResult, YamlSource } from './text';
import { fileDiagnostic, positionAt, yamlText } from './text';
import { explainYamlError } from './explain-yaml-error';

/** Map keys that would reach `Object.prototype` if copied naively later. */
const reservedKeys = new Set(['__proto__']);

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
  // a stack this long always means nesting past the limit, which checkStructure reports the same way.
  const deepest = limits.maxDepth + 3;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > deepest)
      return { tokens, tooDeepAt: parser.stack[deepest - 1]?.offset ?? parser.offset };
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens, tooDeepAt: undefined };
}

/** Deepest nesting of the concrete syntax tree, walked with an explicit stack (no recursion). */
function checkStructure(
  tokens: readonly CST.Token[],
  limits: YamlLimits,
  starts: LineCounter,
  file: string,
  kind: YamlFileKind,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  let documents = 0;
  const stack: [CST.Token, number][] = [];
  for (const token of tokens) {
    if (token.type === 'document') documents++;
    if (token.type === 'document' && documents === 2) {
      problems.push(
        fileDiagnostic(
          file,
          'multiple-documents',
          'this file holds more than one YAML document (a line with "---")',
          'keep one document per file: split it into separate files',
          positionAt(starts, token.offset),
        ),
      );
    }
    if (token.type === 'directive') {
      const directive = token.source.trim();
      if (!/^%YAML\s+1\.2\b/.test(directive)) {
        const isYamlVersion = directive.startsWith('%YAML');
        problems.push(
          fileDiagnostic(
            file,
            'yaml-directive',
            isYamlVersion
              ? `"${directive.slice(0, 40)}" asks for another YAML version; clientfit reads YAML 1.2 only`
              : `the directive "${directive.slice(0, 40)}" is not supported`,
            isYamlVersion
              ? 'remove the %YAML line; note that in YAML 1.2 yes/no/on/off are plain words: write true or false'
              : 'remove the directive line and write plain values',
            positionAt(starts, token.offset),
          ),
        );
      }
    }
    stack.push([token, 0]);
  }
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const [token, depth] = entry;
    if (depth > limits.maxDepth) {
      problems.push(tooDeep(file, limits, positionAt(starts, token.offset), kind));
      break;
    }
    switch (token.type) {
      case 'document':
        if (token.value) stack.push([token.value, depth]);
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        for (const item of token.items) {
          if (item.key) stack.push([item.key, depth + 1]);
          if (item.value) stack.push([item.value, depth + 1]);
        }
        break;
      default:
        break;
    }
  }
  return problems;
}

const yamlCodes: Readonly<Record<string, string>> = {
  DUPLICATE_KEY: 'duplicate-key',
  TAB_AS_INDENT: 'tab-indent',
  BAD_INDENT: 'bad-indent',
  MULTIPLE_DOCS: 'multiple-documents',
  TAG_RESOLVE_FAILED: 'unknown-tag',
  BAD_ALIAS: 'bad-alias',
};

function hintFor(code: string): string | undefined {
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

function describeYamlError(code: string, message: string, source: string): string {
  const shown =
    source.length > 0 && source.length <= 60 && !source.includes('\n') ? source : undefined;
  switch (code) {
    case 'duplicate-key':
      return shown === undefined
        ? 'this key appears twice in the same map'
        : `the key "${shown}" appears twice in the same map`;
    case 'unknown-tag':
      return `the tag ${shown ?? firstLine(message).replace(/^Unresolved tag: /, '')} is not allowed`;
    case 'complex-key':
      return 'a key must be a plain word or a quoted string, not a list or a map';
    case 'tab-indent':
      return 'a tab is used for indentation here';
    default:
      return firstLine(message);
  }
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}

function nodeOffset(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: readonly number[] | null }).range;
    return range?.[0];
  }
  return undefined;
}

/**
 * Walks the composed document (explicit stack, no recursion) for what the
 * parser accepts but clientfit refuses: `__proto__` keys, explicit tags (even
 * core ones like !!binary turn text into other types), and aliases that point
 * into themselves (which would make the data circular).
 */
function checkNodes(doc: Document, text: string, starts: LineCounter, file: string): Diagnostic[] {
  // An alias is written with "*": a file without one (most files) needs no index of anchors.
  const targets = text.includes('*') ? aliasTargets(doc) : new Map<unknown, unknown>();
  const problems: Diagnostic[] = [];
  const at = (node: unknown): SourcePosition => positionAt(starts, nodeOffset(node) ?? 0);
  const stack: { node: unknown; path: PathSegment[]; ancestors: readonly unknown[] }[] = [
    { node: doc.contents, path: [], ancestors: [] },
  ];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const { node, path, ancestors } = entry;
    if (node === null || typeof node !== 'object') continue;
    const tag = (node as { tag?: unknown }).tag;
    if (typeof tag === 'string') {
      problems.push({
        ...fileDiagnostic(
          file,
          'unknown-tag',
          `the tag ${tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not allowed`,
          hintFor('unknown-tag'),
          at(node),
        ),
        path,
      });
    }
    if (isAlias(node)) {
      const target = targets.get(node);
      if (target === undefined) {
        problems.push({
          ...fileDiagnostic(
            file,
            'bad-alias',
            `the alias *${node.source} has no anchor &${node.source} before it`,
            hintFor('bad-alias'),
            at(node),
          ),
          path,
        });
      } else if (ancestors.includes(target)) {
        problems.push({
          ...fileDiagnostic(
            file,
            'circular-alias',
            `the alias *${node.source} refers to a node that contains it`,
            'an alias may not point into itself: write the value out',
            at(node),
          ),
          path,
        });
      }
      continue;
    }
    if (!isMap(node) && !isSeq(node)) continue;
    const inner = [...ancestors, node];
    // A plain scalar (no tag) has nothing to check: most nodes of a large file are such, and are not visited.
    const plain = (child: unknown): boolean => isScalar(child) && typeof child.tag !== 'string';
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined && reservedKeys.has(key)) {
          problems.push({
            ...fileDiagnostic(
              file,
              'reserved-key',
              `the key "${key}" is not allowed`,
              'remove this key; it has no meaning in clientfit files',
              at(pair.key),
            ),
            path: [...path, key],
          });
        }
        if (!plain(pair.key)) stack.push({ node: pair.key, path, ancestors: inner });
        if (!plain(pair.value))
          stack.push({ node: pair.value, path: [...path, key ?? '?'], ancestors: inner });
      }
    } else {
      node.items.forEach((item, index) => {
        if (!plain(item)) stack.push({ node: item, path: [...path, index], ancestors: inner });
      });
    }
  }
  return problems;
}

/**
 * Each alias's node, as yaml's Alias.resolve finds it (the last node before
 * the alias that carries its anchor), for the whole document in one pass in
 * document order: resolve() scans the document again for every alias, which
 * is quadratic in a file of many aliases.
 */
function aliasTargets(doc: Document): Map<unknown, unknown> {
  const anchors = new Map<string, unknown>();
  const targets = new Map<unknown, unknown>();
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (isNode(node) && typeof node.anchor === 'string') anchors.set(node.anchor, node);
    },
  });
  return targets;
}

function makeLocator(doc: Document, starts: LineCounter): YamlSource['locate'] {
  // Each map's keys are indexed the first time a path goes through it, so
  // locating n diagnostics in a map of n keys takes linear time, not n².
  const indexes = new WeakMap<object, Map<string, Pair>>();
  const pairIn = (map: YAMLMap, key: string): Pair | undefined => {
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const p of map.items)
        if (isPair(p) && isScalar(p.key)) {
          const name = String(p.key.value);
          if (!index.has(name)) index.set(name, p);
        }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (path, options) => {
    let node: unknown = doc.contents;
    let offset = nodeOffset(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = pairIn(node, String(segment));
        if (!pair) break;
        if (last && options?.key) {
          offset = nodeOffset(pair.key) ?? offset;
          break;
        }
        node = pair.value;
        offset = nodeOffset(node) ?? nodeOffset(pair.key) ?? offset;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item: unknown = node.items[segment];
        if (item === undefined) break;
        node = item;
        offset = nodeOffset(node) ?? offset;
      } else {
        break;
      }
      if (isAlias(node)) break;
    }
    return positionAt(starts, offset);
  };
}

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

/** The reader on text yamlText has already checked and decoded. */
function parseYamlText(
  text: string,
  starts: LineCounter,
  file: string,
  limits: YamlLimits,
  kind: YamlFileKind,
): ParseYamlResult {
  try {
    const { tokens, tooDeepAt } = parseTokens(text, limits);
    const structure = checkStructure(tokens, limits, starts, file, kind);
    if (tooDeepAt !== undefined)
      structure.push(tooDeep(file, limits, positionAt(starts, tooDeepAt), kind));
    if (structure.length > 0) return { ok: false, diagnostics: structure };

    const doc = composeDocument(tokens, text.length);
    const problems: Diagnostic[] = [];
    // The first line of a mistake the parser cannot see past (an unclosed quote or bracket).
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
      const code =
        yamlCodes[error.code] ?? (/stringKeys/.test(error.message) ? 'complex-key' : 'yaml-syntax');
      const shown =
        code === 'duplicate-key'
          ? keyTextAt(text, error.pos[0])
          : text.slice(error.pos[0], error.pos[1]);
      problems.push(
        fileDiagnostic(
          file,
          code,
          describeYamlError(code, error.message, shown),
          hintFor(code),
          positionAt(starts, error.pos[0]),
        ),
      );
    }
    problems.push(...duplicateKeys(doc, text, starts, file));
    if (problems.length === 0) problems.push(...checkNodes(doc, text, starts, file));
    if (problems.length > 0) return { ok: false, diagnostics: dedupe(problems, runaway) };

    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: limits.maxAliases });
    } catch (error) {
      const message = error instanceof Error ? firstLine(error.message) : String(error);
      const aliasBomb = /excessive alias count/i.test(message);
      return {
        ok: false,
        diagnostics: [
          fileDiagnostic(
            file,
            aliasBomb ? 'too-many-aliases' : 'yaml-syntax',
            aliasBomb
              ? `aliases expand too far (more than ${limits.maxAliases} uses): ${message}`
              : message,
            aliasBomb
              ? 'write the values out instead of repeating aliases'
              : hintFor('yaml-syntax'),
          ),
        ],
      };
    }
    return { ok: true, source: { file, data, locate: makeLocator(doc, starts) } };
  } catch (error) {
    // The yaml package throws plain Errors for a few malformed inputs.
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return {
      ok: false,
      diagnostics: [
        fileDiagnostic(
          file,
          'yaml-syntax',
          `this file cannot be parsed as YAML: ${message}`,
          hintFor('yaml-syntax'),
        ),
      ],
    };
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
 * Most duplicate keys reported one by one; the rest are counted in one
 * problem, as for keys that name no question (a file of 40,000 repeated keys
 * would otherwise print megabytes of the same message).
 */
export const maxDuplicateKeys = 1000;

/**
 * Every key that appears a second time in the same map, as yaml's own
 * uniqueKeys check reports it (at the repeated key, scalars compared by
 * value), in one pass over the document in document order with an explicit
 * stack; past `maxDuplicateKeys`, one problem counts the rest.
 */
function duplicateKeys(
  doc: Document,
  text: string,
  starts: LineCounter,
  file: string,
): Diagnostic[] {
  const problems: Diagnostic[] = [];
  let found = 0;
  let firstUnreported: number | undefined;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    const children: unknown[] = [];
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value)) {
            const offset = nodeOffset(pair.key) ?? 0;
            if (++found > maxDuplicateKeys) firstUnreported ??= offset;
            else
              problems.push(
                fileDiagnostic(
                  file,
                  'duplicate-key',
                  describeYamlError('duplicate-key', '', keyTextAt(text, offset)),
                  hintFor('duplicate-key'),
                  positionAt(starts, offset),
                ),
              );
          }
          seen.add(pair.key.value);
        }
        // Only collections can hold more keys: scalars (most nodes of a large file) are not walked.
        if (isMap(pair.key) || isSeq(pair.key)) children.push(pair.key);
        if (isMap(pair.value) || isSeq(pair.value)) children.push(pair.value);
      }
    } else if (isSeq(node))
      for (const item of node.items) if (isMap(item) || isSeq(item)) children.push(item);
    // Pushed last first, so the walk meets the file's maps in the order they are written.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  if (firstUnreported !== undefined) {
    const more = found - maxDuplicateKeys;
    problems.push(
      fileDiagnostic(
        file,
        'too-many-duplicate-keys',
        `this key and ${more - 1} more after it repeat a key of their map too (${found} in all; only the first ${maxDuplicateKeys} are listed)`,
        'each key may appear once in a map: check that this file was not made by pasting the same lines over and over',
        positionAt(starts, firstUnreported),
      ),
    );
  }
  return problems;
}

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
    doc.errors.push(
      new YAMLParseError(
        [next.range[0], next.range[1]],
        'MULTIPLE_DOCS',
        'Source contains multiple documents',
      ),
    );
    break;
  }
  // compose(…, forceDoc = true) always yields a document, even for empty text.
  if (doc === undefined) throw new Error('the YAML composer returned no document');
  return doc;
}

/** The key written at `offset`: the text up to the colon, without quotes. */
function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset, offset + 80);
  const quoted = /^(["'])(.*?)\1/.exec(rest);
  if (quoted) return quoted[2] ?? '';
  return (/^[^:\n]*/.exec(rest)?.[0] ?? '').trim();
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
