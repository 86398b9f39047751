import { readdirSync } from 'node:fs';
import { randomHex } from './random-hex';
import { fileSlug } from '../core/text/slug';
import { join } from 'node:path';
import type { AssessmentRecord, RecordCheck } from '../core/records/record';
import { checkRecord, recordPart, sameAssessment } from '../core/records/record';
import { formatBytes } from '../core/yaml/limits';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { readInputText } from './read-input';
import { ensureFolder, folderProblem, reason, writeFileAtomicAsync } from './write-file';
import type { StoredDraft } from './drafts';
import { discardDraft, foreignLock } from './drafts';
import type { HeldLock, LockHolder } from './lock';
import { waitForLock } from './lock';

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
  /** `corrects`: the record the saved one corrects (the latest of the chain, when another correction came first). */
  | { readonly kind: 'saved'; readonly recordId: string; readonly corrects?: string | undefined }
  /** The same prospect, answers and bank as the prospect's latest record: that record is this assessment. */
  | { readonly kind: 'recorded'; readonly recordId: string }
  /** The draft was taken over by another clientfit meanwhile: nothing was saved, the draft is theirs. */
  | { readonly kind: 'taken-over' };

export interface SaveAssessmentOptions {
  /** Compare with the prospect's latest record first (a resumed draft, an answers file). */
  readonly checkLatest: boolean;
  /**
   * The record a correction corrects (`run --edit`): compared with the latest
   * record of its chain instead of the prospect's latest, and the correction
   * is saved as correcting that latest one, so corrections never fork.
   */
  readonly corrects?: string | undefined;
  /** The draft the answers came from, deleted once its record is saved. */
  readonly draft?: StoredDraft | undefined;
  /** This clientfit's hold on that draft. */
  readonly draftLock?: HeldLock | undefined;
}

/** The store's own lock, held around "is it recorded already?" and the write. */
const storeLockName = '.clientfit-store.lock';
/**
 * A store lock is held for a few milliseconds: one older than 10 s was left by
 * a clientfit killed on another machine (or copied in by a sync), and a wait
 * of 15 s outlasts it.
 */
const storeLockLimitMs = 10_000;
const storeLockWaitMs = 15_000;

/**
 * Saves an assessment's record, once: under the store's lock, so that
 * identical runs at the same moment (30 scripts started together) make one
 * record, and the others say which. A draft it came from is deleted after.
 * Asynchronous, so a signal meanwhile is seen at once.
 */
export async function saveAssessment(
  store: string,
  record: AssessmentRecord,
  options: SaveAssessmentOptions,
): Promise<SaveOutcome> {
  prepareStore(store);
  if (options.draftLock?.stillHeld() === false) return { kind: 'taken-over' };
  const lock = await waitForLock(join(store, storeLockName), {
    staleAfterMs: storeLockLimitMs,
    waitMs: storeLockWaitMs,
  });
  if (lock.kind === 'busy') throw storeBusy(store, lock.holder);
  if (lock.kind === 'foreign') throw foreignLock(lock.path, lock.what, `the record store ${store}`);
  // A store whose lock cannot be made cannot take the record either: saveRecord says why.
  let outcome: SaveOutcome;
  try {
    // A correction compares with (and corrects) the head of the chain as it is now, inside the lock:
    // identical edits at once save one record, and two edits one after the other make a chain.
    const last =
      options.corrects !== undefined
        ? latestOfChain(store, options.corrects)
        : options.checkLatest
          ? latestRecordOf(store, record.report.prospect)
          : undefined;
    if (last !== undefined && sameAssessment(last, record))
      outcome = { kind: 'recorded', recordId: last.id };
    else {
      const saved =
        options.corrects !== undefined && last !== undefined
          ? { ...record, corrects: last.id }
          : record;
      await saveRecord(store, saved);
      outcome = { kind: 'saved', recordId: record.id, corrects: saved.corrects ?? undefined };
    }
  } finally {
    if (lock.kind === 'held') lock.lock.release();
  }
  // The record holds the answers now. A draft that cannot be deleted is met again on its next resume: "already recorded".
  if (options.draft !== undefined)
    try {
      discardDraft(options.draft);
    } catch {
      // Said on that resume.
    }
  return outcome;
}

/** The store's lock is held past the wait: exit 3, naming the holder. */
function storeBusy(store: string, holder: LockHolder): UserError {
  const who = `process ${holder.pid ?? '?'}${holder.host === undefined ? '' : ` on ${holder.host}`}, since ${holder.since}`;
  return new UserError(
    `the record store ${store} is locked by another clientfit (${who}), which has not let go for ${storeLockWaitMs / 1000} seconds`,
    {
      exitCode: ExitCode.invalidInput,
      hint: `run this again once that clientfit has finished; if none is running, delete ${join(store, storeLockName)}`,
    },
  );
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
export function unreadableStore(
  store: string,
  code: string | undefined,
  what = 'the record store',
): UserError {
  const notAFolder =
    code === 'ENOTDIR' ? (folderProblem(store) ?? 'it is not a folder') : undefined;
  const why = notAFolder ?? reason(code);
  const other =
    'name the folder of records with --store (or CLIENTFIT_STORE, or "store" in the config file)';
  return new UserError(`${what} ${store} cannot be read: ${why}`, {
    exitCode: ExitCode.invalidInput,
    hint:
      code === 'EACCES' || code === 'EPERM'
        ? `make it readable for you (check its permissions and owner), or ${other}`
        : other,
  });
}

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

/** The record of that id, when the store holds it as `<id>.json` and it is usable. */
export function readRecordById(store: string, id: string): AssessmentRecord | undefined {
  const entry = readRecord(store, `${id}.json`);
  return entry.ok && entry.record.id === id ? entry.record : undefined;
}

export type StoreEntry<T = AssessmentRecord> =
  | { readonly ok: true; readonly name: string; readonly record: T }
  | { readonly ok: false; readonly name: string; readonly problem: string };

/**
 * Reads one file of the store, checked whole, or in the part a command reads
 * (`check`, see recordPart). Never throws and never modifies the file.
 */
export function readRecord(store: string, name: string): StoreEntry;
export function readRecord<T>(store: string, name: string, check: RecordCheck<T>): StoreEntry<T>;
export function readRecord(
  store: string,
  name: string,
  check: RecordCheck<unknown> = checkRecord,
): StoreEntry<unknown> {
  const read = readInputText(join(store, name), name, maxRecordBytes);
  if (!read.ok) {
    const { code, message } = read.diagnostic;
    return {
      ok: false,
      name,
      problem:
        code === 'file-too-large'
          ? `larger than ${formatBytes(maxRecordBytes)}`
          : code === 'not-utf8'
            ? 'not JSON'
            : message,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return {
      ok: false,
      name,
      problem: endsEarly(read.text) ? 'truncated (the JSON ends too early)' : 'not JSON',
    };
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
