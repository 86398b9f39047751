import { isAlias, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Pair, YAMLMap } from 'yaml';
import { positionAt, type YamlSource } from './text';

/** Where a node of the document starts in the text (yaml's own `range`). */
export function nodeOffset(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/**
 * The way back from a path in the data to a line and column of the file: the
 * node at the path, or its nearest existing ancestor (an alias is not followed).
 */
export function makeLocator(doc: Document, starts: LineCounter): YamlSource['locate'] {
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
