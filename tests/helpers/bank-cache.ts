import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The bank load cache's entries, as tests need to see and change them.

/** The entries in a cache folder ($XDG_CACHE_HOME): their paths. */
export function cacheEntries(cacheHome: string): string[] {
  const dir = join(cacheHome, 'clientfit', 'banks');
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** The one entry of a cache folder. */
export function onlyEntry(cacheHome: string): string {
  const entries = cacheEntries(cacheHome);
  const [entry] = entries;
  if (entry === undefined || entries.length !== 1) throw new Error(`expected one cache entry, found ${entries.length}`);
  return entry;
}

/**
 * Rewrites an entry's payload and signs it again (the sha256 line), as only a
 * bug in clientfit could: what the checksum cannot catch, the checks on read must.
 */
export function forgeEntry(entry: string, change: (payload: Record<string, unknown>) => unknown): void {
  const text = readFileSync(entry, 'utf8');
  const payload = JSON.parse(text.slice(text.indexOf('\n') + 1)) as Record<string, unknown>;
  const changed = JSON.stringify(change(payload) ?? payload);
  writeFileSync(entry, `${createHash('sha256').update(changed).digest('hex')}\n${changed}`);
}

/** Positions spread over a file of `length` bytes, from a fixed seed: the same sample on every run. */
export function samplePositions(length: number, count: number, seed = 20261130): number[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const positions = new Set<number>();
  // The first and last bytes and the sha256 line always; the rest at random.
  for (const p of [0, 63, 64, 65, length - 1]) positions.add(p);
  while (positions.size < Math.min(count, length)) positions.add(next() % length);
  return [...positions].sort((a, b) => a - b);
}

/** A copy of the bytes with one bit flipped (which bit, from the position). */
export function flipBit(bytes: Uint8Array, position: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[position] = (copy[position] ?? 0) ^ (1 << (position % 8));
  return copy;
}
