import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OutcomeChange } from '../core/outcome';
import { checkOutcome, outcomeTimeline } from '../core/outcome';
import { usageError } from '../errors';
import { readInputFile } from './read-input';
import { ensureFolder, writeFileAtomic } from './write-file';

/** An outcome file is a few hundred bytes; a note is at most 5,000 characters. */
const maxOutcomeBytes = 64 * 1024;

/** The folder of a store that holds every record's outcome changes, one folder per record. */
export function outcomesFolder(store: string): string {
  return join(store, 'outcomes');
}

/**
 * Creates a record's outcome folder, or says why it cannot be (a read-only
 * store: exit 3). Called before the writes, outside the time when signals
 * wait for them.
 */
export function prepareOutcomeFolder(store: string, recordId: string): void {
  ensureFolder(join(outcomesFolder(store), recordId), 0o700, 'outcome folder');
}

/**
 * Saves one outcome change as a file of its own, `outcomes/<record id>/<change
 * id>.json` (its folder made first with prepareOutcomeFolder): atomic, mode
 * 0600, never over an existing file. Nothing is ever rewritten, so two
 * clientfits recording at once (or two clones of a store merged later) each
 * keep their change.
 */
export function saveOutcome(store: string, change: OutcomeChange): string {
  const path = join(outcomesFolder(store), change.recordId, `${change.id}.json`);
  writeFileAtomic(path, `${JSON.stringify(change, null, 2)}\n`, {
    overwrite: false,
    mode: 0o600,
    hint: 'check that the record store can be written (its folder, permissions, free space), or name another with --store',
  });
  return path;
}

/** A file in an outcome folder that is not a usable outcome, and why. */
export interface SkippedOutcome {
  readonly name: string;
  readonly problem: string;
}

/** The records that have an outcome folder: one listing, so records without outcomes cost nothing more. */
export function recordsWithOutcomes(store: string): Set<string> {
  try {
    return new Set(readdirSync(outcomesFolder(store)).filter((n) => !n.startsWith('.')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return new Set();
    throw usageError(`the outcomes of the record store ${store} cannot be read (${code ?? 'unknown error'})`);
  }
}

/**
 * Every outcome change of a record, oldest first, each once; files that are
 * not usable outcomes are returned apart, with the reason, and never
 * modified. Files are read one at a time, so no number of them runs out of
 * file handles.
 */
export function readOutcomes(store: string, recordId: string): { readonly changes: OutcomeChange[]; readonly skipped: SkippedOutcome[] } {
  const dir = join(outcomesFolder(store), recordId);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { changes: [], skipped: [] };
    return { changes: [], skipped: [{ name: join('outcomes', recordId), problem: `cannot be read (${code ?? 'unknown error'})` }] };
  }
  const changes: OutcomeChange[] = [];
  const skipped: SkippedOutcome[] = [];
  for (const name of names) {
    if (!name.endsWith('.json') || name.startsWith('.')) continue;
    const shown = join('outcomes', recordId, name);
    const read = readInputFile(join(dir, name), shown, maxOutcomeBytes);
    if (!read.ok) {
      skipped.push({ name: shown, problem: read.diagnostic.message });
      continue;
    }
    let data: unknown;
    try {
      data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.bytes));
    } catch {
      skipped.push({ name: shown, problem: 'not JSON (perhaps cut short)' });
      continue;
    }
    const checked = checkOutcome(data);
    if ('problem' in checked) skipped.push({ name: shown, problem: checked.problem });
    else if (checked.change.recordId !== recordId)
      skipped.push({ name: shown, problem: `it belongs to the record ${checked.change.recordId}, not this folder's` });
    else changes.push(checked.change);
  }
  return { changes: outcomeTimeline(changes), skipped };
}
