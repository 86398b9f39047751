import { join } from 'node:path';
import type { AssessmentRecord } from '../core/records/record';
import { sameAssessment } from '../core/records/record';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import type { StoredDraft } from './drafts';
import { discardDraft, foreignLock } from './drafts';
import { latestOfChain, latestRecordOf } from './latest-record';
import type { HeldLock, LockHolder } from './lock';
import { waitForLock } from './lock';
import { prepareStore, saveRecord } from './save-record';

/** What became of an assessment's record. */
export type SaveOutcome =
  /**
   * `corrects`: the record the saved one corrects (the latest of the chain,
   * when another correction came first).
   */
  | { readonly kind: 'saved'; readonly recordId: string; readonly corrects?: string | undefined }
  /**
   * The same prospect, answers and bank as the prospect's latest record: that
   * record is this assessment.
   */
  | { readonly kind: 'recorded'; readonly recordId: string }
  /**
   * The draft was taken over by another clientfit meanwhile: nothing was
   * saved, the draft is theirs.
   */
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
    outcome = await saveUnlessRecorded(store, record, options);
  } finally {
    if (lock.kind === 'held') lock.lock.release();
  }
  // The record holds the answers now. A draft that cannot be deleted is met
  // again on its next resume: "already recorded".
  if (options.draft !== undefined)
    try {
      discardDraft(options.draft);
    } catch {
      // Said on that resume.
    }
  return outcome;
}

/**
 * Inside the store's lock: the record, unless the latest it is compared with
 * is the same assessment. A correction compares with (and corrects) the head
 * of the chain as it is now: identical edits at once save one record, and two
 * edits one after the other make a chain.
 */
async function saveUnlessRecorded(
  store: string,
  record: AssessmentRecord,
  options: SaveAssessmentOptions,
): Promise<SaveOutcome> {
  const last =
    options.corrects !== undefined
      ? latestOfChain(store, options.corrects)
      : options.checkLatest
        ? latestRecordOf(store, record.report.prospect)
        : undefined;
  if (last !== undefined && sameAssessment(last, record))
    return { kind: 'recorded', recordId: last.id };
  const saved =
    options.corrects !== undefined && last !== undefined
      ? { ...record, corrects: last.id }
      : record;
  await saveRecord(store, saved);
  return { kind: 'saved', recordId: record.id, corrects: saved.corrects ?? undefined };
}

/** The store's lock is held past the wait: exit 3, naming the holder. */
function storeBusy(store: string, holder: LockHolder): UserError {
  const host = holder.host === undefined ? '' : ` on ${holder.host}`;
  const who = `process ${holder.pid ?? '?'}${host}, since ${holder.since}`;
  return new UserError(
    `the record store ${store} is locked by another clientfit (${who}), ` +
      `which has not let go for ${storeLockWaitMs / 1000} seconds`,
    {
      exitCode: ExitCode.invalidInput,
      hint:
        'run this again once that clientfit has finished; ' +
        `if none is running, delete ${join(store, storeLockName)}`,
    },
  );
}
