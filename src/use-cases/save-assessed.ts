import { resolve } from 'node:path';
import { buildRecord } from '../core/records/record';
import { UserError } from '../errors';
import type { InterruptSignal } from '../exit-codes';
import type { StoredDraft } from '../io/drafts';
import { discardDraft, keepAsNewDraft } from '../io/drafts';
import type { SaveOutcome } from '../io/save-assessment';
import { newRecordId, prepareStore } from '../io/save-record';
import { saveAssessment } from '../io/save-assessment';
import type { AssessResult } from './assess-prospect';

/** What became of an assessment's record. */
export type SaveResult =
  /** --no-save: nothing was saved. */
  | { readonly kind: 'not-saved' }
  /**
   * Saved as `recordId`; `corrects`: the record it corrects (the latest of its chain at the time
   * of the save).
   */
  | { readonly kind: 'saved'; readonly recordId: string; readonly corrects: string | undefined }
  /**
   * The same prospect, answers and bank as the prospect's latest record `recordId`: not saved
   * again.
   */
  | { readonly kind: 'already-recorded'; readonly recordId: string }
  /**
   * A correction of `corrects` that changes nothing of `recordId` (the latest of its chain): not
   * saved.
   */
  | { readonly kind: 'unchanged'; readonly recordId: string; readonly corrects: string }
  /**
   * The draft cannot be held (its folder cannot be written, `reason`): nothing saved, the draft
   * stays.
   */
  | { readonly kind: 'draft-blocked'; readonly draft: StoredDraft; readonly reason: string }
  /**
   * Another clientfit took the draft over meanwhile: nothing saved, these answers are the draft
   * `keptAs`.
   */
  | { readonly kind: 'taken-over'; readonly draft: StoredDraft; readonly keptAs: string }
  /** The save failed (the store cannot be written, the disk is full, …). */
  | { readonly kind: 'failed'; readonly error: Error };

export interface SaveAssessedOptions {
  /** The record store. */
  readonly store: string;
  /** The time the report is stamped with (the record's id starts with it). */
  readonly now: Date;
  /** The clock, for the time the record is saved. */
  readonly clock: () => Date;
  readonly cwd: string;
  /** Who assessed, for the record (reading it may fail: that fails the save). */
  readonly assessedBy: () => string | null;
  /** --resume: a resumed draft that repeats the prospect's latest record is that record. */
  readonly resumed: boolean;
  /**
   * Runs the save with signals held until it ends; then `then` says what a signal meanwhile
   * stopped.
   */
  readonly uninterrupted: (
    save: () => Promise<void>,
    then: (signal: InterruptSignal) => void,
  ) => Promise<void>;
  /** Called when a signal stops clientfit just after the record was saved. */
  readonly stoppedAfterSave: (recordId: string, signal: InterruptSignal) => void;
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error(String(error));

/**
 * Saves the record of an assessment (see saveAssessment): once, even for
 * identical runs at the same moment, and never from a draft this clientfit
 * does not hold. Failures are returned, not thrown, so the report is shown
 * all the same.
 */
export async function saveAssessed(
  assessed: AssessResult,
  options: SaveAssessedOptions,
): Promise<SaveResult> {
  const { report, draft, answers, bankPath, hold, corrects } = assessed;
  if (draft !== undefined && hold?.kind === 'blocked')
    return { kind: 'draft-blocked', draft, reason: hold.reason };
  const box: { outcome?: SaveOutcome } = {};
  try {
    const record = buildRecord(
      newRecordId(options.now, report.prospect),
      options.clock(),
      resolve(options.cwd, bankPath),
      answers,
      report,
      options.assessedBy(),
      corrects ?? null,
    );
    // The folder first, while a signal still ends clientfit at once: one that cannot be made (a
    // file, /proc) fails here.
    prepareStore(options.store);
    // A resumed draft or an answers file that repeats the prospect's latest record is that record
    // (a correction: the
    // record it corrects); a new interview is always saved.
    const checkLatest = draft === undefined || options.resumed;
    const draftLock = hold?.kind === 'held' ? hold.lock : undefined;
    const save = async (): Promise<void> => {
      box.outcome = await saveAssessment(options.store, record, {
        checkLatest,
        corrects,
        draft,
        draftLock,
      });
    };
    await options.uninterrupted(save, (signal) => {
      if (box.outcome?.kind === 'saved') options.stoppedAfterSave(box.outcome.recordId, signal);
    });
  } catch (error) {
    return { kind: 'failed', error: asError(error) };
  }
  return box.outcome === undefined
    ? { kind: 'failed', error: new Error('the save ended without an outcome') }
    : fromOutcome(box.outcome, assessed, options.clock);
}

/**
 * The result for the store's outcome; a draft taken over keeps these answers as a draft of their
 * own.
 */
function fromOutcome(outcome: SaveOutcome, assessed: AssessResult, clock: () => Date): SaveResult {
  const { draft, corrects, answers } = assessed;
  if (outcome.kind === 'saved')
    return { kind: 'saved', recordId: outcome.recordId, corrects: outcome.corrects };
  if (outcome.kind === 'recorded')
    return corrects === undefined
      ? { kind: 'already-recorded', recordId: outcome.recordId }
      : { kind: 'unchanged', recordId: outcome.recordId, corrects };
  if (draft === undefined)
    return {
      kind: 'failed',
      error: new Error('the store saw a draft taken over, but none was held'),
    };
  try {
    return { kind: 'taken-over', draft, keptAs: keepAsNewDraft(draft, answers, clock()) };
  } catch (error) {
    return { kind: 'failed', error: asError(error) };
  }
}

/** What became of the draft of a finished --no-save interview: deleted, or why it could not be. */
export type DiscardResult =
  { readonly kind: 'deleted' } | { readonly kind: 'not-deleted'; readonly problem: string };

/** Deletes the draft of an interview whose report is out and whose record is not to be saved. */
export function discardFinished(draft: StoredDraft): DiscardResult {
  try {
    discardDraft(draft);
    return { kind: 'deleted' };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { kind: 'not-deleted', problem: error.message };
  }
}
