import type { OutcomeChange } from '../core/records/outcome';
import { outcomeTimeline } from '../core/records/outcome';
import type { RecordCheck } from '../core/records/record';
import { recordPart } from '../core/records/record';
import type { OutcomeIndex } from '../io/outcomes';
import { outcomeIndex, readOutcomes } from '../io/outcomes';
import { readRecord, readRecordById } from '../io/read-record';
import { recordFiles } from '../io/record-files';
import { safe } from '../render/terminal-safe';

/**
 * The one warning for a store file that is not a usable record, as `history`,
 * `show` and `rescore` print it on standard error before skipping the file.
 * The name and the reason come from the file: both are made terminal-safe.
 */
export function skippedWarning(entry: { readonly name: string; readonly problem: string }): string {
  return `clientfit: skipped ${safe(entry.name)}: ${safe(entry.problem)}\n`;
}

/**
 * A record of the store (the part of it a command reads) with its outcome changes, oldest first
 * (the last is its outcome).
 */
export interface StoredRecord<T> {
  readonly name: string;
  readonly record: T;
  readonly outcomes: readonly OutcomeChange[];
  /** The ids of the records this one corrects, nearest first (with `latestOnly`; else empty). */
  readonly replaces: readonly string[];
}

/**
 * A record's outcome changes, oldest first; files that are not usable outcomes are named through
 * `warn`.
 */
export function outcomesOf(
  store: string,
  recordId: string,
  warn: (text: string) => void,
  index?: OutcomeIndex,
): OutcomeChange[] {
  const { changes, skipped } = readOutcomes(store, recordId, index);
  for (const s of skipped) warn(skippedWarning(s));
  return changes;
}

/** What reading a record's id needs: nothing more of the file. */
const idOnly = recordPart([], []);

/**
 * The files of the store that hold the record `id`: a record to add an
 * outcome to must be the only one with its id, since outcomes are kept by
 * id. Reads every record file's id.
 */
export function filesWithId(store: string, id: string): string[] {
  const others: string[] = [];
  for (const file of recordFiles(store)) {
    const entry = readRecord(store, file, idOnly);
    if (entry.ok && entry.record.id === id) others.push(file);
  }
  return others;
}

/**
 * Every usable record of the store with its outcomes, one at a time (so a
 * store of any size is read in constant memory, one file open at a time),
 * oldest first or newest first, each checked in the part the command reads
 * (`check`, see recordPart). A record found twice (a store copied into
 * itself, or merged from two clones under another file name) is listed
 * once, and the other file is named as skipped. Files that are not usable
 * records are passed to `skip`.
 *
 * With `latestOnly` (newest first only), a record another one corrects
 * (`run --edit`) is left out: the correction stands in its place, with the
 * ids it replaces in `replaces` and the outcomes recorded against any of
 * them as its own, so outcomes stay with the prospect.
 */
export function* storedRecords<T extends { readonly id: string }>(
  store: string,
  options: {
    readonly check: RecordCheck<T>;
    readonly newestFirst: boolean;
    readonly warn: (text: string) => void;
    readonly skip?: (entry: { name: string; problem: string }) => void;
    /** false: leave the outcomes unread (each record then has none). */
    readonly withOutcomes?: boolean;
    readonly latestOnly?: boolean;
  },
): Generator<StoredRecord<T>> {
  const names = recordFiles(store);
  if (options.newestFirst) names.reverse();
  const index: OutcomeIndex = options.withOutcomes === false ? new Map() : outcomeIndex(store);
  const seen = new Map<string, string>();
  const replaced = new Set<string>();
  const outcomes = (ids: readonly string[]): OutcomeChange[] =>
    outcomeTimeline(
      ids.flatMap((id) => (index.has(id) ? outcomesOf(store, id, options.warn, index) : [])),
    );
  // Records saved in the same second may correct each other: they are read together, so a
  // correction is seen first.
  for (const group of sameSecond(names, options.latestOnly === true ? 1000 : 1)) {
    const entries = group.map((name) => readRecord(store, name, options.check));
    const chains = entries.map((e) =>
      e.ok && options.latestOnly === true ? chainOf(store, e.record, replaced) : [],
    );
    for (const [i, entry] of entries.entries()) {
      if (!entry.ok) {
        options.warn(skippedWarning(entry));
        options.skip?.(entry);
        continue;
      }
      if (replaced.has(entry.record.id)) continue;
      const first = seen.get(entry.record.id);
      if (first !== undefined) {
        // Listed once, and said: the second file may be a copy, or a record whose id was changed
        // by hand.
        const repeated = {
          name: entry.name,
          problem:
            `it holds the record ${entry.record.id}, as ${first} does; only ${first} is ` +
            `used (move one of them out of the store)`,
        };
        options.warn(skippedWarning(repeated));
        options.skip?.(repeated);
        continue;
      }
      seen.set(entry.record.id, entry.name);
      const replaces = chains[i] ?? [];
      yield {
        name: entry.name,
        record: entry.record,
        outcomes: outcomes([entry.record.id, ...replaces]),
        replaces,
      };
    }
  }
}

/**
 * Consecutive names that start with the same second (record ids start with
 * their UTC time), in order, at most `limit` at a time (so memory stays bounded).
 */
function* sameSecond(names: readonly string[], limit: number): Generator<string[]> {
  let group: string[] = [];
  for (const name of names) {
    if (
      group.length > 0 &&
      (group.length >= limit || group[0]?.slice(0, 16) !== name.slice(0, 16))
    ) {
      yield group;
      group = [];
    }
    group.push(name);
  }
  if (group.length > 0) yield group;
}

/**
 * The ids a record corrects, nearest first (each read to find the one before it), each added to
 * `replaced`.
 */
function chainOf(store: string, record: object, replaced: Set<string>): string[] {
  const chain: string[] = [];
  let next = (record as { corrects?: unknown }).corrects;
  // A chain is as long as the corrections made by hand; 1,000 stops a loop made by editing files.
  while (typeof next === 'string' && !chain.includes(next) && chain.length < 1000) {
    chain.push(next);
    replaced.add(next);
    next = readRecordById(store, next)?.corrects;
  }
  return chain;
}

/**
 * A record's outcomes with those recorded against the records it corrects (outcomes stay with the
 * prospect), oldest first.
 */
export function outcomesOfChain(
  store: string,
  record: { readonly id: string; readonly corrects: string | null },
  warn: (text: string) => void,
): OutcomeChange[] {
  const ids = [record.id, ...chainOf(store, record, new Set())];
  return outcomeTimeline(ids.flatMap((id) => outcomesOf(store, id, warn)));
}
