import { join } from 'node:path';
import type { AssessmentRecord } from '../core/records/record';
import { fileSlug } from '../core/text/slug';
import { randomHex } from './random-hex';
import { writeFileAtomicAsync } from './write-file';
import { ensureFolder } from './ensure-folder';

/**
 * A record id: UTC time (so names sort by date), the prospect, and 8 random
 * hex digits, so teammates sharing a synced or git-tracked store never collide.
 */
export function newRecordId(at: Date, prospect: string | null): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${fileSlug(prospect)}-${randomHex(8)}`;
}

/**
 * Creates the store's folder, or says why it cannot be one (a file, /proc,
 * no permission): exit 3. Called before the save itself, outside the time
 * when signals wait for it, so a folder that cannot be made never holds up
 * Ctrl+C.
 */
export function prepareStore(store: string): void {
  ensureFolder(store, 0o700, 'record store', 'save to another store with --store');
}

/** Saves a record: atomic, mode 0600, and never over an existing file. */
export async function saveRecord(store: string, record: AssessmentRecord): Promise<string> {
  prepareStore(store);
  const path = join(store, `${record.id}.json`);
  await writeFileAtomicAsync(path, `${JSON.stringify(record, null, 2)}\n`, {
    overwrite: false,
    mode: 0o600,
    folder: 'the record store',
    elsewhere: 'save to another store with --store',
  });
  return path;
}
