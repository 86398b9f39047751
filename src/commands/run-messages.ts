import { dirname } from 'node:path';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import type { StoredDraft } from '../io/drafts';
import { safe } from '../render/terminal-safe';
import type { DiscardResult, SaveResult } from '../use-cases/save-assessed';
import type { HintWords } from '../use-cases/hint-words';

// The words `clientfit run` says about what became of an assessment.

/**
 * The command that shows a record again, with its whole id (a cut one reads like a whole one, and
 * may stop being unambiguous).
 */
function showAgain(hints: HintWords, recordId: string): string {
  return `\`${hints.program} show ${safe(recordId)}${hints.storeFlag}\``;
}

/**
 * Says where a saved assessment is when a signal stops clientfit before the "Saved as record"
 * line.
 */
export function stoppedAfterSaveLine(hints: HintWords, id: string, signal: string): string {
  return (
    `\nStopped by ${signal}; the assessment is saved as record ${safe(id)} ` +
    `(${showAgain(hints, id)}).\n`
  );
}

/**
 * The line that says where the assessment was saved (and which record it corrects: `edited`, or
 * the correction of it saved meanwhile).
 */
function savedLine(
  recordId: string,
  corrects: string | undefined,
  edited: string | undefined,
  hints: HintWords,
): string {
  const meanwhile =
    corrects === edited || edited === undefined
      ? ''
      : `, which corrected ${safe(edited)} meanwhile`;
  const correcting =
    corrects === undefined
      ? ''
      : `, correcting ${safe(corrects)}${meanwhile} (history lists the correction in its place)`;
  return (
    `Saved as record ${safe(recordId)}${correcting} — ${showAgain(hints, recordId)} shows ` +
    `it again.\n`
  );
}

/**
 * The line on standard error once the report is out: where the record is,
 * that it repeats one, or that a correction changed nothing (`edited`: the
 * record `run --edit` corrects). Nothing for the results said as errors.
 */
export function savedWords(
  saved: SaveResult,
  edited: string | undefined,
  hints: HintWords,
): string | undefined {
  switch (saved.kind) {
    case 'saved':
      return savedLine(saved.recordId, saved.corrects, edited, hints);
    case 'already-recorded':
      return (
        `Already recorded as record ${safe(saved.recordId)} (the same prospect, answers ` +
        `and bank): not saved again — ${showAgain(hints, saved.recordId)} shows it.\n`
      );
    case 'unchanged': {
      const { recordId, corrects } = saved;
      const latest = corrects === recordId ? '' : ` (the latest correction of ${safe(corrects)})`;
      return (
        `Nothing changed: the same prospect, answers and bank as record ` +
        `${safe(recordId)}${latest}; no correction saved.\n`
      );
    }
    default:
      return undefined;
  }
}

/** The line for a finished --no-save interview: its draft is gone, or how to delete it. */
export function notSavedLine(
  draft: StoredDraft,
  discarded: DiscardResult,
  hints: HintWords,
): string {
  const gone =
    discarded.kind === 'deleted'
      ? 'its draft is deleted'
      : `its draft could not be deleted (${discarded.problem}); \`${hints.program} drafts ` +
        `--discard ${safe(draft.id)}\` deletes it`;
  return `Not saved as a record (--no-save); ${gone}.\n`;
}

/** Why the record was not saved, as an error; `final`: the error says all, hint included. */
export interface SaveFailure {
  readonly error: Error;
  readonly final: boolean;
}

/** The error for a record that was not saved, or undefined when it was (or was not to be). */
export function saveFailure(saved: SaveResult, hints: HintWords): SaveFailure | undefined {
  switch (saved.kind) {
    case 'failed':
      return { error: saved.error, final: false };
    case 'draft-blocked': {
      // A record saved without holding the draft could be saved again by every other resume of it.
      const { draft, reason } = saved;
      const folder = dirname(draft.path);
      const error = new UserError(
        `the assessment was not saved as a record: the draft ${draft.id} cannot be taken from ` +
          `${folder} (${reason}), and without that a second resume of it could save it again`,
        {
          exitCode: ExitCode.invalidInput,
          hint:
            `the answers stay in the draft; make ${folder} writable for you, then ` +
            `\`${hints.program} run --resume ${draft.id}${hints.storeFlag}\` saves them (or ` +
            `copy the draft to a folder you can write and resume that path)`,
        },
      );
      return { error, final: true };
    }
    case 'taken-over': {
      const { draft, keptAs } = saved;
      const error = new UserError(
        `the draft ${draft.id} was taken over by another clientfit while this one ran, so this ` +
          `assessment was not saved as a record`,
        {
          exitCode: ExitCode.invalidInput,
          hint:
            `these answers are kept as the draft ${keptAs}: \`${hints.program} run --resume ` +
            `${keptAs}${hints.storeFlag}\` saves them`,
        },
      );
      return { error, final: true };
    }
    default:
      return undefined;
  }
}

/**
 * The error for a report that could not be written (the --output file
 * exists, the disk is full): it says where the assessment still is, and
 * that the record was not saved either when that failed too.
 */
export function reportLost(
  error: UserError,
  savedAs: string | undefined,
  draft: StoredDraft | undefined,
  failure: SaveFailure | undefined,
  hints: HintWords,
): UserError {
  const alsoLost =
    failure === undefined ? '' : `; and the record was not saved either: ${failure.error.message}`;
  const andSaves = ' and saves it (add --store DIR to save it elsewhere)';
  const kept =
    savedAs !== undefined
      ? `the assessment is saved as record ${savedAs}: \`${hints.program} show ` +
        `${savedAs}${hints.storeFlag} --output FILE\` writes it`
      : draft !== undefined
        ? `the answers are kept in draft ${draft.id}: \`${hints.program} run --resume ` +
          `${draft.id}${hints.storeFlag}\` shows the report ` +
          `again${failure === undefined ? '' : andSaves}`
        : undefined;
  if (kept === undefined && alsoLost === '') return error;
  return new UserError(`${error.message}${alsoLost}`, {
    exitCode: error.exitCode,
    diagnostics: error.diagnostics,
    hint: [error.hint, kept].filter((h): h is string => h !== undefined).join('; '),
  });
}

/**
 * The error a failed save ends the run with (after the report): with a draft, where its answers
 * are.
 */
export function saveFailedError(
  failure: SaveFailure,
  draft: StoredDraft | undefined,
  hints: HintWords,
): Error {
  const { error } = failure;
  if (error instanceof UserError && draft !== undefined && !failure.final)
    return new UserError(error.message, {
      exitCode: error.exitCode,
      hint:
        `the answers are kept in draft ${draft.id}; \`${hints.program} run --resume ` +
        `${draft.id} --store DIR\` saves them elsewhere`,
    });
  return error;
}
