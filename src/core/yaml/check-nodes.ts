import { isAlias, isMap, isNode, isScalar, isSeq, visit, type Document } from 'yaml';
import type { LineCounter } from 'yaml';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic';
import { nodeOffset } from './make-locator';
import { hintFor } from './syntax-problems';
import { fileDiagnostic, positionAt } from './text';

/** Map keys that would reach `Object.prototype` if copied naively later. */
const reservedKeys = new Set(['__proto__']);

interface Entry {
  readonly node: unknown;
  readonly path: PathSegment[];
  readonly ancestors: readonly unknown[];
}

type Report = (
  code: string,
  message: string,
  hint: string,
  at: unknown,
  path: PathSegment[],
) => void;

/** A map's keys and values, or a list's items, that may hold something to refuse. */
function children({ node, path, ancestors }: Entry, report: Report): Entry[] {
  const inner = [...ancestors, node];
  // A plain scalar (no tag) has nothing to check: most nodes of a large file are such.
  const plain = (child: unknown): boolean => isScalar(child) && typeof child.tag !== 'string';
  const out: Entry[] = [];
  if (isSeq(node))
    node.items.forEach((item, index) => {
      if (!plain(item)) out.push({ node: item, path: [...path, index], ancestors: inner });
    });
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key !== undefined && reservedKeys.has(key))
      report(
        'reserved-key',
        `the key "${key}" is not allowed`,
        'remove this key; it has no meaning in clientfit files',
        pair.key,
        [...path, key],
      );
    if (!plain(pair.key)) out.push({ node: pair.key, path, ancestors: inner });
    if (!plain(pair.value))
      out.push({ node: pair.value, path: [...path, key ?? '?'], ancestors: inner });
  }
  return out;
}

/**
 * Walks the composed document (explicit stack, no recursion) for what the
 * parser accepts but clientfit refuses: `__proto__` keys, explicit tags (even
 * core ones like !!binary turn text into other types), and aliases that point
 * into themselves (which would make the data circular).
 */
export function checkNodes(
  doc: Document,
  text: string,
  starts: LineCounter,
  file: string,
): Diagnostic[] {
  // An alias is written with "*": a file without one (most files) needs no index of anchors.
  const targets = text.includes('*') ? aliasTargets(doc) : new Map<unknown, unknown>();
  const problems: Diagnostic[] = [];
  const report: Report = (code, message, hint, at, path) => {
    const position = positionAt(starts, nodeOffset(at) ?? 0);
    problems.push({ ...fileDiagnostic(file, code, message, hint, position), path });
  };
  const stack: Entry[] = [{ node: doc.contents, path: [], ancestors: [] }];
  for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
    const { node, path, ancestors } = entry;
    if (node === null || typeof node !== 'object') continue;
    const tag = (node as { tag?: unknown }).tag;
    if (typeof tag === 'string') {
      const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
      report('unknown-tag', `the tag ${shown} is not allowed`, hintFor('unknown-tag'), node, path);
    }
    if (!isAlias(node)) {
      stack.push(...children(entry, report));
      continue;
    }
    const target = targets.get(node);
    if (target === undefined)
      report(
        'bad-alias',
        `the alias *${node.source} has no anchor &${node.source} before it`,
        hintFor('bad-alias'),
        node,
        path,
      );
    else if (ancestors.includes(target))
      report(
        'circular-alias',
        `the alias *${node.source} refers to a node that contains it`,
        'an alias may not point into itself: write the value out',
        node,
        path,
      );
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
