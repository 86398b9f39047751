import { isScalar, visit, type Document, type LineCounter } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { nodeOffset } from './make-locator';
import { describeYamlError, hintFor, keyTextAt } from './syntax-problems';
import { fileDiagnostic, positionAt } from './text';

/**
 * Most duplicate keys reported one by one; the rest are counted in one
 * problem, as for keys that name no question (a file of 40,000 repeated keys
 * would otherwise print megabytes of the same message).
 */
export const maxDuplicateKeys = 1000;

/**
 * Every key that appears a second time in the same map, as yaml's own
 * uniqueKeys check reports it (at the repeated key, scalars compared by
 * value), in one pass over the document in document order; past
 * `maxDuplicateKeys`, one problem counts the rest. (yaml's check is off: it
 * compares each key with every earlier one, and 80,000 keys took 70 s.)
 */
export function duplicateKeys(
  doc: Document,
  text: string,
  starts: LineCounter,
  file: string,
): Diagnostic[] {
  const offsets: number[] = [];
  // yaml's visit goes in document order; the nesting it recurses into is bounded already.
  visit(doc, {
    Map: (_key, map) => {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        if (seen.has(key.value)) offsets.push(nodeOffset(key) ?? 0);
        seen.add(key.value);
      }
    },
  });
  const problems = offsets
    .slice(0, maxDuplicateKeys)
    .map((offset) =>
      fileDiagnostic(
        file,
        'duplicate-key',
        describeYamlError('duplicate-key', '', keyTextAt(text, offset)),
        hintFor('duplicate-key'),
        positionAt(starts, offset),
      ),
    );
  const firstUnreported = offsets[maxDuplicateKeys];
  if (firstUnreported !== undefined) {
    const found = offsets.length;
    const more = found - maxDuplicateKeys;
    problems.push(
      fileDiagnostic(
        file,
        'too-many-duplicate-keys',
        `this key and ${more - 1} more after it repeat a key of their map too ` +
          `(${found} in all; only the first ${maxDuplicateKeys} are listed)`,
        'each key may appear once in a map: check that this file was not made by pasting ' +
          'the same lines over and over',
        positionAt(starts, firstUnreported),
      ),
    );
  }
  return problems;
}
