import type { OutcomeChange } from '../core/outcome';
import type { RecordCheck } from '../core/record';
import { recordPart } from '../core/record';
import type { OutcomeIndex } from '../io/outcomes';
import { outcomeIndex, readOutcomes } from '../io/outcomes';
import { readRecord, recordFiles } from '../io/store';
import { safe } from '../render/terminal-safe';

/**
 * The one warning for a store file that is not a usable record, as `history`,
 * `show` and `rescore` print it on standard error before skipping the file.
 * The name and the reason come from the file: both are made terminal-safe.
 */
export function skippedWarning(entry: { readonly name: string; readonly problem: string }): string {
  return `clientfit: skipped ${safe(entry.name)}: ${safe(entry.problem)}\n`;
}

/** A record of the store (the part of it a command reads) with its outcome changes, oldest first (the last is its outcome). */
export interface StoredRecord<T> {
  readonly name: string;
  readonly record: T;
  readonly outcomes: readonly OutcomeChange[];
}

/** A record's outcome changes, oldest first; files that are not usable outcomes are named through `warn`. */
export function outcomesOf(store: string, recordId: string, warn: (text: string) => void, index?: OutcomeIndex): OutcomeChange[] {
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
  },
): Generator<StoredRecord<T>> {
  const names = recordFiles(store);
  if (options.newestFirst) names.reverse();
  const index: OutcomeIndex = options.withOutcomes === false ? new Map() : outcomeIndex(store);
  const seen = new Map<string, string>();
  for (const name of names) {
    const entry = readRecord(store, name, options.check);
    if (!entry.ok) {
      options.warn(skippedWarning(entry));
      options.skip?.(entry);
      continue;
    }
    const first = seen.get(entry.record.id);
    if (first !== undefined) {
      // Listed once, and said: the second file may be a copy, or a record whose id was changed by hand.
      const repeated = { name, problem: `it holds the record ${entry.record.id}, as ${first} does; only ${first} is used (move one of them out of the store)` };
      options.warn(skippedWarning(repeated));
      options.skip?.(repeated);
      continue;
    }
    seen.set(entry.record.id, name);
    yield { name, record: entry.record, outcomes: index.has(entry.record.id) ? outcomesOf(store, entry.record.id, options.warn, index) : [] };
  }
}
