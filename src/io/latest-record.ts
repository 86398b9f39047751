import type { AssessmentRecord } from '../core/records/record';
import { recordPart } from '../core/records/record';
import { fileSlug } from '../core/text/slug';
import { readRecord, readRecordById } from './read-record';
import { recordFiles } from './record-files';

/**
 * The most recent record of a prospect in the store (matched exactly by
 * name, `null` for a record without one), or undefined. Only the files whose
 * name carries the prospect's slug are read, newest first; damaged ones are
 * passed over.
 */
export function latestRecordOf(
  store: string,
  prospect: string | null,
): AssessmentRecord | undefined {
  const slug = `-${fileSlug(prospect)}-`;
  const names = recordFiles(store).filter(
    (n) => /^\d{8}T\d{6}Z-.*-[0-9a-f]{8}\.json$/.test(n) && n.slice(16, -13) === slug,
  );
  for (const name of names.reverse()) {
    const entry = readRecord(store, name);
    if (entry.ok && entry.record.report.prospect === prospect) return entry.record;
  }
  return undefined;
}

const correctsOnly = recordPart(['corrects'], []);

/**
 * The latest record of the chain of corrections that starts at `id`: the
 * record itself when nothing corrects it, else the newest correction of it,
 * followed to the end (a chain forked by an older clientfit follows its
 * newest branch). Undefined when the record is not in the store.
 */
export function latestOfChain(store: string, id: string): AssessmentRecord | undefined {
  const correctedBy = new Map<string, string>();
  // Names sort by time: a later correction of the same record replaces an earlier one here.
  for (const name of recordFiles(store)) {
    const entry = readRecord(store, name, correctsOnly);
    if (entry.ok && entry.record.corrects !== null)
      correctedBy.set(entry.record.corrects, entry.record.id);
  }
  let head = id;
  const seen = new Set([id]);
  for (
    let next = correctedBy.get(head);
    next !== undefined && !seen.has(next);
    next = correctedBy.get(head)
  ) {
    // A correction that cannot be read whole is passed over: the chain ends before it.
    if (readRecordById(store, next) === undefined) break;
    seen.add(next);
    head = next;
  }
  return readRecordById(store, head);
}
