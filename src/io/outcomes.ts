import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OutcomeChange } from '../core/records/outcome';
import { checkOutcome, outcomeTimeline } from '../core/records/outcome';
import { readInputText } from './read-input';
import { writeFileAtomicAsync } from './write-file';
import { ensureFolder } from './ensure-folder';
import { unreadableStore } from './record-files';

/** An outcome file is a few hundred bytes; a note is at most 5,000 characters. */
const maxOutcomeBytes = 64 * 1024;

/** The folder of a store that holds every outcome change, one file each. */
export function outcomesFolder(store: string): string {
  return join(store, 'outcomes');
}

/**
 * A change's file name: the record's id, then the change's own id, so one
 * listing of the folder tells which records have outcomes (a folder per
 * record would cost a listing per record). A sync tool's conflicted copy
 * ("… (conflicted copy).json") still names the same record and change.
 */
const changeFile = /^(.+)\.(\d{8}T\d{9}Z-[0-9a-f]{8})(?:\.json$|[^0-9a-f].*\.json$)/;

/** The file a change is saved as. */
export function outcomeFileName(change: Pick<OutcomeChange, 'recordId' | 'id'>): string {
  return `${change.recordId}.${change.id}.json`;
}

/**
 * Creates the store's outcome folder, or says why it cannot be (a read-only
 * store: exit 3). Called before the writes, outside the time when signals
 * wait for them.
 */
export function prepareOutcomeFolder(store: string): void {
  ensureFolder(outcomesFolder(store), 0o700, 'outcome folder', 'name another store with --store');
}

/**
 * Saves one outcome change as a file of its own,
 * `outcomes/<record id>.<change id>.json` (the folder made first with
 * prepareOutcomeFolder): atomic, mode 0600, never over an existing file.
 * Nothing is ever rewritten, so two clientfits recording at once (or two
 * clones of a store merged later) each keep their change.
 */
export async function saveOutcome(store: string, change: OutcomeChange): Promise<string> {
  const path = join(outcomesFolder(store), outcomeFileName(change));
  await writeFileAtomicAsync(path, `${JSON.stringify(change, null, 2)}\n`, {
    overwrite: false,
    mode: 0o600,
    folder: "the store's outcomes folder",
    elsewhere: 'name another store with --store',
  });
  return path;
}

/** A file in the outcome folder that is not a usable outcome, and why. */
export interface SkippedOutcome {
  readonly name: string;
  readonly problem: string;
}

/** The outcome files of a store, by record id: one listing of one folder. */
export type OutcomeIndex = ReadonlyMap<string, readonly string[]>;

/** Lists the store's outcome files once, by the record they belong to. */
export function outcomeIndex(store: string): OutcomeIndex {
  let names: string[];
  try {
    names = readdirSync(outcomesFolder(store));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Map();
    throw unreadableStore(outcomesFolder(store), code, 'the outcomes folder');
  }
  const index = new Map<string, string[]>();
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const recordId = changeFile.exec(name)?.[1];
    if (recordId === undefined) continue;
    const list = index.get(recordId);
    if (list === undefined) index.set(recordId, [name]);
    else list.push(name);
  }
  return index;
}

/**
 * Every outcome change of a record, oldest first, each once; files that are
 * not usable outcomes are returned apart, with the reason, and never
 * modified. Files are read one at a time, so no number of them runs out of
 * file handles. `index` saves listing the folder again for each record.
 */
export function readOutcomes(
  store: string,
  recordId: string,
  index: OutcomeIndex = outcomeIndex(store),
): { readonly changes: OutcomeChange[]; readonly skipped: SkippedOutcome[] } {
  const dir = outcomesFolder(store);
  const changes: OutcomeChange[] = [];
  const skipped: SkippedOutcome[] = [];
  for (const name of index.get(recordId) ?? []) {
    const shown = join('outcomes', name);
    const read = readInputText(join(dir, name), shown, maxOutcomeBytes);
    if (!read.ok) {
      skipped.push({
        name: shown,
        problem:
          read.diagnostic.code === 'not-utf8'
            ? 'not JSON (perhaps cut short)'
            : read.diagnostic.message,
      });
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(read.text);
    } catch {
      skipped.push({ name: shown, problem: 'not JSON (perhaps cut short)' });
      continue;
    }
    const checked = checkOutcome(data);
    if ('problem' in checked) skipped.push({ name: shown, problem: checked.problem });
    else if (checked.change.recordId !== recordId)
      skipped.push({
        name: shown,
        problem: `it belongs to the record ${checked.change.recordId}, not ${recordId}`,
      });
    else changes.push(checked.change);
  }
  return { changes: outcomeTimeline(changes), skipped };
}
