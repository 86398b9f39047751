// Three rolling rows of the distance table, kept between calls: a file of
// many unknown keys asks for millions of distances.
let rows: [Int32Array, Int32Array, Int32Array] = [
  new Int32Array(64),
  new Int32Array(64),
  new Int32Array(64),
];

// Letter counts, kept between calls (indexed by UTF-16 unit, folded into 256 bins).
const counts = new Int32Array(256);

/**
 * How many letters one string has that the other has not, counted both ways
 * (the sizes of the two bags' differences). An edit changes it by at most
 * two, so half of it is a lower bound of the distance, far cheaper than the
 * table: an unknown key unlike every id is set aside in one pass.
 */
function letterDifference(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) {
    const bin = a.charCodeAt(i) & 255;
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  for (let i = 0; i < b.length; i++) {
    const bin = b.charCodeAt(i) & 255;
    counts[bin] = (counts[bin] ?? 0) - 1;
  }
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const bin = a.charCodeAt(i) & 255;
    total += Math.abs(counts[bin] ?? 0);
    counts[bin] = 0;
  }
  for (let i = 0; i < b.length; i++) {
    const bin = b.charCodeAt(i) & 255;
    total += Math.abs(counts[bin] ?? 0);
    counts[bin] = 0;
  }
  return total;
}

/**
 * Edit distance counting an insertion, deletion, substitution or swap of
 * neighbours as one edit — exact up to `cap`; any distance above it comes
 * back as `cap + 1` (the caller only needs to know it is too far). The length
 * difference is a lower bound, and the table stops once two rows exceed the
 * cap, so a file of many unknown keys stays linear in its size.
 */
function distance(a: string, b: string, cap: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (Math.ceil(letterDifference(a, b) / 2) > cap) return cap + 1;
  if (rows[0].length <= b.length)
    rows = [
      new Int32Array(b.length + 1),
      new Int32Array(b.length + 1),
      new Int32Array(b.length + 1),
    ];
  let [before, previous, current] = rows;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = (previous[j - 1] ?? 0) + (ai === bj ? 0 : 1);
      const up = (previous[j] ?? 0) + 1;
      const left = (current[j - 1] ?? 0) + 1;
      if (up < best) best = up;
      if (left < best) best = left;
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) {
        const swap = (before[j - 2] ?? 0) + 1;
        if (swap < best) best = swap;
      }
      current[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // Each cell comes from the two rows above it: once two rows exceed the cap, every row below does too.
    if (rowMin > cap && previousMin > cap) return cap + 1;
    previousMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length] ?? cap + 1, cap + 1);
}

// Candidates (question ids, option values, keys) in lower case, kept: the same
// few are compared with every unknown key of a file.
const lowered = new Map<string, string>();
function lower(text: string): string {
  let low = lowered.get(text);
  if (low === undefined) {
    if (lowered.size >= 10_000) lowered.clear();
    low = text.toLowerCase();
    lowered.set(text, low);
  }
  return low;
}

/**
 * The candidate closest to `input`, if it is close enough to be a likely typo
 * (at most a third of the word changed), else undefined.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  const all = [...candidates];
  // No candidate farther than this can be suggested, whichever wins: distances above it need not be exact.
  const cap = Math.max(
    1,
    Math.floor(all.reduce((n, c) => Math.max(n, c.length), needle.length) / 3),
  );
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of all) {
    const hay = lower(candidate);
    // A distance that cannot beat the best so far (ties keep the first) need not be exact either.
    const score =
      hay.startsWith(needle) && needle.length >= 3
        ? 0.5
        : distance(needle, hay, Math.max(0, Math.min(cap, Math.ceil(bestScore) - 1)));
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(needle.length, best.length) / 3));
  return bestScore <= limit ? best : undefined;
}

/** `did you mean "x"?` or undefined, ready to use as a hint. */
export function suggestion(input: string, candidates: Iterable<string>): string | undefined {
  const match = didYouMean(input, candidates);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}
