import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/core/diagnostics/did-you-mean';
import fc from 'fast-check';

describe('didYouMean', () => {
  const keys = ['prompt', 'help', 'options', 'required', 'when', 'type', 'id'];
  it.each([
    ['promt', keys, 'prompt'],
    ['optons', keys, 'options'],
    ['valeu', ['value', 'note'], 'value'],
    ['Prompt', keys, 'prompt'],
    ['requ', keys, 'required'],
    ['competiter', ['research', 'competitor', 'convenience'], 'competitor'],
    ['xyz', keys, undefined],
    ['colour', ['when', 'help'], undefined],
    ['', keys, undefined],
  ])('%s → %s', (input, candidates, expected) => {
    expect(didYouMean(input, candidates)).toBe(expected);
  });
});

/** The plain full-table edit distance (with swaps), to check the capped one against. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => d[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      let best = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  return at(a.length, b.length);
}

function referenceDidYouMean(input: string, candidates: readonly string[]): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    const score =
      hay.startsWith(needle) && needle.length >= 3 ? 0.5 : referenceDistance(needle, hay);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  return bestScore <= Math.max(1, Math.floor(Math.max(needle.length, best.length) / 3))
    ? best
    : undefined;
}

describe('didYouMean with the capped distance', () => {
  it('suggests exactly what the full edit distance suggests', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '-'), maxLength: 12 });
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 8 }), (input, candidates) => {
        expect(didYouMean(input, candidates)).toBe(referenceDidYouMean(input, candidates));
      }),
      { numRuns: 3000, seed: 12 },
    );
  });
});
