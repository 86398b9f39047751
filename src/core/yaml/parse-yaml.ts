import { Composer, Parser, YAMLParseError, isAlias, isMap, isPair, isScalar, isSeq, type CST, type Document } from 'yaml';
import type { Diagnostic, PathSegment, SourcePosition } from '../diagnostic';
import type { YamlLimits } from '../limits';
import { defaultYamlLimits, formatBytes } from '../limits';
import { plainYamlDepth, readPlainYaml } from './plain-yaml';

/** A parsed file: its data and a way back from a document path to a line and column. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /**
   * The position of the node at `path`, or of its nearest existing ancestor.
   * With `key: true`, the position of the last segment's key instead of its value.
   */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): SourcePosition | undefined;
}

export type ParseYamlResult =
  | { readonly ok: true; readonly source: YamlSource }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Map keys that would reach `Object.prototype` if copied naively later. */
const reservedKeys = new Set(['__proto__']);

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function positionAt(starts: readonly number[], offset: number): SourcePosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/** Byte offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    let min: number;
    if (b < 0x80) { i++; continue; }
    else if (b >= 0xc2 && b <= 0xdf) { need = 1; min = 0x80; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; min = 0x800; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; min = 0x10000; }
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function fileDiagnostic(file: string, code: string, message: string, hint?: string, at?: SourcePosition): Diagnostic {
  return {
    severity: 'error',
    code,
    file,
    path: [],
    message,
    ...(at === undefined ? {} : { line: at.line, column: at.column }),
    ...(hint === undefined ? {} : { hint }),
  };
}

/**
 * Decodes a file's bytes as strict UTF-8 (a leading BOM is dropped). UTF-16
 * and UTF-32 files, and files with stray Latin-1 bytes, are refused with the
 * position of the first bad byte instead of being read as garbage.
 */
export function decodeUtf8(bytes: Uint8Array, file: string): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 === 0)) {
    return {
      ok: false,
      diagnostic: fileDiagnostic(file, 'not-utf8', 'this file is UTF-16 or UTF-32 encoded; clientfit reads UTF-8 only', 'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)'),
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++) if (bytes[i] === 10) { line++; lineStart = i + 1; }
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      diagnostic: fileDiagnostic(file, 'not-utf8', `byte 0x${byte} is not valid UTF-8 (the file looks like Latin-1 or another legacy encoding)`, 'save the file as UTF-8', { line, column }),
    };
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  return { ok: true, text };
}

/** Deepest nesting of the concrete syntax tree, walked with an explicit stack (no recursion). */
function checkStructure(tokens: readonly CST.Token[], limits: YamlLimits, starts: readonly number[], file: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  let documents = 0;
  const stack: [CST.Token, number][] = [];
  for (const token of tokens) {
    if (token.type === 'document') documents++;
    if (token.type === 'document' && documents === 2) {
      problems.push(fileDiagnostic(file, 'multiple-documents', 'this file holds more than one YAML document (a line with "---")', 'keep one document per file: split it into separate files', positionAt(starts, token.offset)));
    }
    if (token.type === 'directive') {
      const directive = token.source.trim();
      if (!/^%YAML\s+1\.2\b/.test(directive)) {
        const isYamlVersion = directive.startsWith('%YAML');
        problems.push(
          fileDiagnostic(
            file,
            'yaml-directive',
            isYamlVersion ? `"${directive.slice(0, 40)}" asks for another YAML version; clientfit reads YAML 1.2 only` : `the directive "${directive.slice(0, 40)}" is not supported`,
            isYamlVersion ? 'remove the %YAML line; note that in YAML 1.2 yes/no/on/off are plain words: write true or false' : 'remove the directive line and write plain values',
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
      problems.push(fileDiagnostic(file, 'too-deep', `lists and maps are nested more than ${limits.maxDepth} levels deep here`, 'flatten the structure; a bank never needs this depth', positionAt(starts, token.offset)));
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
  const shown = source.length > 0 && source.length <= 60 && !source.includes('\n') ? source : undefined;
  switch (code) {
    case 'duplicate-key':
      return shown === undefined ? 'this key appears twice in the same map' : `the key "${shown}" appears twice in the same map`;
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
function checkNodes(doc: Document, starts: readonly number[], file: string): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const at = (node: unknown): SourcePosition => positionAt(starts, nodeOffset(node) ?? 0);
  const stack: { node: unknown; path: PathSegment[]; ancestors: readonly unknown[] }[] = [{ node: doc.contents, path: [], ancestors: [] }];
  while (stack.length > 0) {
    const entry = stack.pop();
    if (entry === undefined) break;
    const { node, path, ancestors } = entry;
    if (node === null || typeof node !== 'object') continue;
    const tag = (node as { tag?: unknown }).tag;
    if (typeof tag === 'string') {
      problems.push({ ...fileDiagnostic(file, 'unknown-tag', `the tag ${tag.replace(/^tag:yaml\.org,2002:/, '!!')} is not allowed`, hintFor('unknown-tag'), at(node)), path });
    }
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target === undefined) {
        problems.push({ ...fileDiagnostic(file, 'bad-alias', `the alias *${node.source} has no anchor &${node.source} before it`, hintFor('bad-alias'), at(node)), path });
      } else if (ancestors.includes(target)) {
        problems.push({ ...fileDiagnostic(file, 'circular-alias', `the alias *${node.source} refers to a node that contains it`, 'an alias may not point into itself: write the value out', at(node)), path });
      }
      continue;
    }
    const inner = [...ancestors, node];
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined && reservedKeys.has(key)) {
          problems.push({ ...fileDiagnostic(file, 'reserved-key', `the key "${key}" is not allowed`, 'remove this key; it has no meaning in clientfit files', at(pair.key)), path: [...path, key] });
        }
        stack.push({ node: pair.key, path, ancestors: inner });
        stack.push({ node: pair.value, path: [...path, key ?? '?'], ancestors: inner });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => stack.push({ node: item, path: [...path, index], ancestors: inner }));
    }
  }
  return problems;
}

function makeLocator(doc: Document, starts: readonly number[]): YamlSource['locate'] {
  return (path, options) => {
    let node: unknown = doc.contents;
    let offset = nodeOffset(node) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
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
export function parseYaml(bytes: Uint8Array, file: string, limits: YamlLimits = defaultYamlLimits, options: { readonly plain?: boolean } = {}): ParseYamlResult {
  if (bytes.length > limits.maxBytes) {
    return { ok: false, diagnostics: [fileDiagnostic(file, 'file-too-large', `this file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(limits.maxBytes)}`, 'a bank or answers file is a few kilobytes: check that this is the right file')] };
  }
  const decoded = decodeUtf8(bytes, file);
  if (!decoded.ok) return { ok: false, diagnostics: [decoded.diagnostic] };
  const text = decoded.text.startsWith('\uFEFF') ? decoded.text.slice(1) : decoded.text;
  const starts = lineStarts(text);
  if (text.includes('\u0000')) {
    const offset = text.indexOf('\u0000');
    return { ok: false, diagnostics: [fileDiagnostic(file, 'nul-byte', 'this file contains a NUL byte: it is not a text file', 'check that this is the right file', positionAt(starts, offset))] };
  }
  // Most answers files have the plain shape readPlainYaml knows, which it reads
  // many times faster on a cold start; positions (wanted only for messages)
  // then come from the full reader, on first use.
  if (options.plain !== false && limits.maxDepth >= 2 * plainYamlDepth) {
    const data = readPlainYaml(text);
    if (data !== undefined) {
      let located: YamlSource['locate'] | undefined;
      const locate: YamlSource['locate'] = (path, at) => {
        if (located === undefined) {
          const full = parseText(text, starts, file, limits);
          located = full.ok ? (where, keyed) => full.source.locate(where, keyed) : () => undefined;
        }
        return located(path, at);
      };
      return { ok: true, source: { file, data, locate } };
    }
  }
  return parseText(text, starts, file, limits);
}

/** The full reader, on decoded text without NUL bytes. */
function parseText(text: string, starts: readonly number[], file: string, limits: YamlLimits): ParseYamlResult {
  try {
    const tokens = [...new Parser().parse(text)];
    const structure = checkStructure(tokens, limits, starts, file);
    if (structure.length > 0) return { ok: false, diagnostics: structure };

    const doc = composeDocument(tokens, text.length);
    const problems: Diagnostic[] = [];
    for (const error of [...doc.errors, ...doc.warnings]) {
      const code = yamlCodes[error.code] ?? (/stringKeys/.test(error.message) ? 'complex-key' : 'yaml-syntax');
      const shown = code === 'duplicate-key' ? keyTextAt(text, error.pos[0]) : text.slice(error.pos[0], error.pos[1]);
      problems.push(fileDiagnostic(file, code, describeYamlError(code, error.message, shown), hintFor(code), positionAt(starts, error.pos[0])));
    }
    if (problems.length === 0) problems.push(...checkNodes(doc, starts, file));
    if (problems.length > 0) return { ok: false, diagnostics: dedupe(problems) };

    let data: unknown;
    try {
      data = doc.toJS({ maxAliasCount: limits.maxAliases });
    } catch (error) {
      const message = error instanceof Error ? firstLine(error.message) : String(error);
      const aliasBomb = /excessive alias count/i.test(message);
      return {
        ok: false,
        diagnostics: [fileDiagnostic(file, aliasBomb ? 'too-many-aliases' : 'yaml-syntax', aliasBomb ? `aliases expand too far (more than ${limits.maxAliases} uses): ${message}` : message, aliasBomb ? 'write the values out instead of repeating aliases' : hintFor('yaml-syntax'))],
      };
    }
    return { ok: true, source: { file, data, locate: makeLocator(doc, starts) } };
  } catch (error) {
    // The yaml package throws plain Errors for a few malformed inputs.
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    return { ok: false, diagnostics: [fileDiagnostic(file, 'yaml-syntax', `this file cannot be parsed as YAML: ${message}`, hintFor('yaml-syntax'))] };
  }
}

const composeOptions = { schema: 'core', version: '1.2', merge: false, uniqueKeys: true, strict: true, stringKeys: true } as const;

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
    doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
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
 * Keep the first problem on each line, and after a tab used as indentation
 * (which derails everything below it) keep only the tab problems.
 */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  const firstTab = sorted.find((d) => d.code === 'tab-indent')?.line;
  const lines = new Set<number>();
  return sorted.filter((d) => {
    const line = d.line ?? 0;
    if (firstTab !== undefined && line >= firstTab && d.code !== 'tab-indent') return false;
    if (lines.has(line)) return false;
    lines.add(line);
    return true;
  });
}

