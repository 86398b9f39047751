import { existsSync, readdirSync } from 'node:fs';
import { randomHex } from './random-hex';
import { fileSlug } from '../core/slug';
import { dirname, join } from 'node:path';
import type { AssessmentRecord, RecordCheck } from '../core/record';
import { checkRecord, sameAssessment } from '../core/record';
import { formatBytes } from '../core/limits';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { readInputText } from './read-input';
import { ensureFolder, folderProblem, reason, writeFileAtomicAsync } from './write-file';
import type { StoredDraft } from './drafts';
import { claimDraft, claimOfDraft, finishClaim, releaseDraft } from './drafts';

/** Records are a few kilobytes; anything far larger is not one. */
const maxRecordBytes = 4 * 1024 * 1024;

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

/** What became of an assessment's record. */
export type SaveOutcome =
  /** Saved; `draftGone` when its draft had been deleted meanwhile by another clientfit (discarded, or finished with --no-save). */
  | { readonly saved: true; readonly recordId: string; readonly draftGone?: true }
  /** Saved beside `besides`, the record another clientfit saved from the same draft with other answers. */
  | { readonly saved: true; readonly recordId: string; readonly besides: string }
  /**
   * Another clientfit saved this draft first, as `savedAs` (when it can still
   * be told), or is saving it at this moment (`saving`): nothing was saved again.
   */
  | { readonly saved: false; readonly savedAs: string | undefined; readonly saving: boolean }
  /** The draft cannot be claimed (its folder cannot be written): nothing was saved, the draft stays. */
  | { readonly saved: false; readonly blocked: string; readonly code: string | undefined };

/**
 * Saves an assessment's record and retires the draft it came from, once per
 * draft however many clientfits finish it at the same time: the draft is
 * claimed by an atomic rename first (see claimDraft), given back if the
 * record cannot be saved. A draft that cannot be claimed (its folder cannot
 * be written) saves nothing: a record saved without the claim could be saved
 * again by every other resume. Asynchronous, so a signal meanwhile is seen at once.
 */
export async function saveAssessment(store: string, record: AssessmentRecord, draft: StoredDraft | undefined): Promise<SaveOutcome> {
  if (draft === undefined) {
    await saveRecord(store, record);
    return { saved: true, recordId: record.id };
  }
  // A draft that another clientfit gave back (its save failed) or that was stopped half-way is claimed again: a few tries.
  for (let attempt = 0; ; attempt++) {
    const claim = await claimDraft(draft, record.id);
    if (claim.kind === 'blocked') return { saved: false, blocked: claim.reason, code: claim.code };
    if (claim.kind === 'claimed') {
      try {
        await saveRecord(store, record);
      } catch (error) {
        await releaseDraft(claim);
        throw error;
      }
      await finishClaim(claim);
      return { saved: true, recordId: record.id };
    }
    const other = claimOfDraft(dirname(draft.path), store, draft.id);
    if (attempt < 3 && other?.state !== 'finished' && other?.state !== 'saving' && existsSync(draft.path)) continue;
    // A claim left by a stopped save that could not be made a draft again (its folder cannot be written).
    if (other?.state === 'stopped') return { saved: false, blocked: 'an earlier save of it stopped half-way, and its claim cannot be undone', code: undefined };
    if (other === undefined) {
      // Gone with no claim: deleted meanwhile (discarded, or finished by a --no-save run), not saved. These answers are the only copy left.
      await saveRecord(store, record);
      return { saved: true, recordId: record.id, draftGone: true };
    }
    // Two interviews of one draft, finished at once with different answers (two terminals): the first is saved by the
    // claim, these answers are saved beside it, never dropped. The same answers are the one record they already are.
    const theirs = other.state === 'finished' ? readRecord(store, `${other.recordId}.json`) : undefined;
    if (theirs?.ok === true && !sameAssessment(theirs.record, record)) {
      await saveRecord(store, record);
      return { saved: true, recordId: record.id, besides: other.recordId };
    }
    return { saved: false, savedAs: other.recordId, saving: other.state === 'saving' };
  }
}

/** The record files of a store, oldest first (names start with the time). Hidden and temporary files are left out. */
export function recordFiles(store: string): string[] {
  let names: string[];
  try {
    names = readdirSync(store);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw unreadableStore(store, code);
  }
  return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
}

/**
 * A store that cannot be listed, with the reason in words: exit 3, like any
 * other file that cannot be read. The hint matches the reason.
 */
export function unreadableStore(store: string, code: string | undefined, what = 'the record store'): UserError {
  const notAFolder = code === 'ENOTDIR' ? (folderProblem(store) ?? 'it is not a folder') : undefined;
  const why = notAFolder ?? reason(code);
  const other = 'name the folder of records with --store (or CLIENTFIT_STORE, or "store" in the config file)';
  return new UserError(`${what} ${store} cannot be read: ${why}`, {
    exitCode: ExitCode.invalidInput,
    hint: code === 'EACCES' || code === 'EPERM' ? `make it readable for you (check its permissions and owner), or ${other}` : other,
  });
}

/**
 * The most recent record of a prospect in the store (matched exactly by
 * name, `null` for a record without one), or undefined. Only the files whose
 * name carries the prospect's slug are read, newest first; damaged ones are
 * passed over.
 */
export function latestRecordOf(store: string, prospect: string | null): AssessmentRecord | undefined {
  const slug = `-${fileSlug(prospect)}-`;
  const names = recordFiles(store).filter((n) => /^\d{8}T\d{6}Z-.*-[0-9a-f]{8}\.json$/.test(n) && n.slice(16, -13) === slug);
  for (const name of names.reverse()) {
    const entry = readRecord(store, name);
    if (entry.ok && entry.record.report.prospect === prospect) return entry.record;
  }
  return undefined;
}

/** The record of that id, when the store holds it as `<id>.json` and it is usable. */
export function readRecordById(store: string, id: string): AssessmentRecord | undefined {
  const entry = readRecord(store, `${id}.json`);
  return entry.ok && entry.record.id === id ? entry.record : undefined;
}

export type StoreEntry<T = AssessmentRecord> =
  { readonly ok: true; readonly name: string; readonly record: T } | { readonly ok: false; readonly name: string; readonly problem: string };

/**
 * Reads one file of the store, checked whole, or in the part a command reads
 * (`check`, see recordPart). Never throws and never modifies the file.
 */
export function readRecord(store: string, name: string): StoreEntry;
export function readRecord<T>(store: string, name: string, check: RecordCheck<T>): StoreEntry<T>;
export function readRecord(store: string, name: string, check: RecordCheck<unknown> = checkRecord): StoreEntry<unknown> {
  const read = readInputText(join(store, name), name, maxRecordBytes);
  if (!read.ok) {
    const { code, message } = read.diagnostic;
    return { ok: false, name, problem: code === 'file-too-large' ? `larger than ${formatBytes(maxRecordBytes)}` : code === 'not-utf8' ? 'not JSON' : message };
  }
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return { ok: false, name, problem: endsEarly(read.text) ? 'truncated (the JSON ends too early)' : 'not JSON' };
  }
  const checked = check(data);
  if ('problem' in checked) return { ok: false, name, problem: checked.problem };
  return { ok: true, name, record: checked.record };
}

/**
 * Whether JSON text stops inside a string or before every object and list
 * it opened is closed: a write cut short, wherever the cut fell (the
 * parser's own message depends on what the cut left last).
 */
function endsEarly(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}
