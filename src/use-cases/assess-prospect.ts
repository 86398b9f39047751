import type { Answer } from '../core/judgement/answers';
import type { Report } from '../core/report/report-schema';
import { resolve } from 'node:path';
import { usageError } from '../errors';
import type { InterruptSignal } from '../exit-codes';
import type { Prompter } from '../interview/prompter';
import { askProspect } from '../interview/interview';
import type { InterviewOptions } from '../interview/interview';
import type { DraftHold, StoredDraft } from '../io/drafts';
import type { Early, Held } from './interview-prospect';
import { interviewProspect } from './interview-prospect';
import type { GatheredAnswers, RunOptions } from './run-scripted';
import { startFromDraft } from './start-from-draft';
import { startFromRecord } from './start-from-record';
import {
  assessAnswers,
  gatherAnswers,
  missingAnswersError,
  openedNote,
  runScripted,
} from './run-scripted';

export interface AssessOptions extends RunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether prompts can be shown: standard input and standard error are terminals. */
  readonly canPrompt: boolean;
  /** --bank as given (a resumed draft otherwise uses the bank it was started with). */
  readonly bankFlag: string | undefined;
  /** --resume: `true` for the most recent draft, or a draft id, prefix or path. */
  readonly resume: string | true | undefined;
  /** --take-over: hold the resumed draft even when another clientfit seems to hold it. */
  readonly takeOver: boolean;
  /** The record store (`run --edit` reads the record it corrects from it). */
  readonly store: string;
  /** Builds the prompter only when one is needed (the prompt library is loaded then). */
  readonly prompter: () => Promise<Prompter>;
  /** Writes to standard error at once (used while the process may be exiting). */
  readonly writeNow: (text: string) => void;
  readonly style: InterviewOptions['style'];
  /** Registers a synchronous handler for SIGINT/SIGTERM/SIGHUP; returns its removal. */
  readonly onInterrupt: (handler: (signal: InterruptSignal) => void) => () => void;
  /** --edit: the record to correct (an id, id prefix or prospect name). */
  readonly edit: string | undefined;
  /** Whether the interview shows every answer for review before the verdict. */
  readonly review: boolean;
  /** Names a store file that was skipped. */
  readonly warn: (text: string) => void;
  /** Writes a note (one line) to standard error at once. */
  readonly note: (text: string) => void;
}

export interface AssessResult {
  readonly report: Report;
  /** The answers the report was made from (for the record). */
  readonly answers: ReadonlyMap<string, Answer>;
  /** The bank that scored them. */
  readonly bankPath: string;
  /** The draft holding the answers, when the interview wrote one. */
  readonly draft: StoredDraft | undefined;
  /**
   * This clientfit's hold on that draft (or why it has none): given up by the caller once the
   * record is saved.
   */
  readonly hold: DraftHold | undefined;
  /** The id of the record these answers correct (`run --edit`, or a draft started by it). */
  readonly corrects: string | undefined;
}

/**
 * Where an assessment starts: the checked answers so far, the bank they are scored with, and the
 * draft if resumed.
 */
export interface Start extends GatheredAnswers {
  readonly bankPath: string;
  readonly draft: StoredDraft | undefined;
  readonly hold: DraftHold | undefined;
  readonly corrects?: string | undefined;
  /**
   * Answers offered as defaults, every question asked again or reviewed (`run --edit` on a
   * terminal).
   */
  readonly offered?: ReadonlyMap<string, Answer> | undefined;
}

/** The assessment of the answers as they stand, with no question asked. */
function assessedAsGiven(
  start: Pick<Start, 'answers' | 'bankPath' | 'draft' | 'hold' | 'corrects'> &
    Parameters<typeof assessAnswers>[0],
  options: AssessOptions,
): AssessResult {
  return {
    report: assessAnswers({ ...start, prospect: options.prospect ?? start.prospect }, options),
    answers: start.answers,
    bankPath: start.bankPath,
    draft: start.draft,
    hold: start.hold,
    corrects: start.corrects,
  };
}

/**
 * `run --edit`: the record's answers, offered again on a terminal unless --answer flags change
 * them.
 */
function startFromEdit(options: AssessOptions, ref: string): Start {
  const edit = startFromRecord({
    ...options,
    ref,
    defaultBank: options.bankPath,
  });
  const interactive = options.canPrompt && options.answerArgs.length === 0;
  // The record's answers are the edit's from the start: a draft written before any change holds
  // them all.
  return {
    ...edit,
    offered: interactive ? edit.answers : undefined,
    draft: undefined,
    hold: undefined,
    corrects: edit.record.id,
  };
}

function startFromAnswers(options: AssessOptions): Start {
  // Missing answers are listed here, not refused: the interview asks them.
  const gathered = gatherAnswers({
    ...options,
    allowPartial: false,
  });
  // Absolute, so that the draft resumes from any folder.
  return {
    ...gathered,
    bankPath: resolve(options.cwd, options.bankPath),
    draft: undefined,
    hold: undefined,
  };
}

/**
 * `clientfit run`: from answers alone when they are complete (or partial is
 * allowed), else by interviewing on the terminal — asking only what is
 * missing, saving a draft after every answer, and leaving that draft behind
 * with a resume command when interrupted.
 */
export async function assessProspect(options: AssessOptions): Promise<AssessResult> {
  if (options.edit !== undefined) return assessEdit(options, options.edit);
  const resuming = options.resume !== undefined;
  const noAnswers = options.answersPath === undefined && options.answerArgs.length === 0;
  if (!resuming && !options.canPrompt)
    return {
      ...runScripted({
        ...options,
      }),
      bankPath: options.bankPath,
      draft: undefined,
      hold: undefined,
      corrects: undefined,
    };

  // A fresh interview shows its first prompt before the bank is even read: the
  // bank loads while the interviewer types the prospect's name.
  let early: Early | undefined;
  if (!resuming && noAnswers && options.prospect === undefined) {
    const prompter = await options.prompter();
    const cancel = new AbortController();
    const name = askProspect(prompter, { signal: cancel.signal });
    // Rejections are handled where the name is awaited; this only stops an unhandled-rejection
    // warning.
    name.catch(() => undefined);
    early = { prompter, name, cancel };
  }
  let start: Start;
  try {
    start = resuming
      ? await startFromDraft(options, options.resume === true ? undefined : options.resume)
      : startFromAnswers(options);
  } catch (error) {
    early?.cancel.abort();
    throw error;
  }
  // Whatever stops the assessment gives up the draft it holds (one made by the interview too).
  const held: Held = { hold: start.hold };
  try {
    return await fromStart(options, start, early, noAnswers && !resuming, held);
  } catch (error) {
    if (held.hold?.kind === 'held') held.hold.lock.release();
    throw error;
  }
}

/** The assessment from its start: from the answers, or by interview when some are missing. */
async function fromStart(
  options: AssessOptions,
  from: Start,
  early: Early | undefined,
  fresh: boolean,
  held: Held,
): Promise<AssessResult> {
  let start = from;
  // The questions only a changed answer (--answer) leads to: asked on a terminal, else counted as
  // unknown (as in "what would change the call").
  if (start.opened.length > 0) {
    if (options.canPrompt)
      start = { ...start, missing: [...start.missing, ...start.opened], opened: [] };
    else if (!options.allowPartial) options.note(openedNote(start.opened));
  }
  // A correction's draft stopped before its answers were confirmed reopens on the review screen.
  const unconfirmedEdit =
    start.corrects !== undefined &&
    start.draft?.draft.complete === false &&
    options.canPrompt &&
    options.review;
  const needsInterview =
    fresh || unconfirmedEdit ? true : start.missing.length > 0 && !options.allowPartial;
  if (!needsInterview) return assessedAsGiven(start, options);
  if (!options.canPrompt) throw missingAnswersError(start.missing);
  return interviewProspect(options, start, early, held);
}

/**
 * `run --edit`: on a terminal (without --answer) the record's answers are
 * reviewed (or, with --no-review, asked again one by one, each preselected);
 * with --answer flags, or without a terminal, they are changed as the flags
 * say, and only questions the changes open are asked.
 */
async function assessEdit(options: AssessOptions, ref: string): Promise<AssessResult> {
  if (options.answersPath !== undefined || options.resume !== undefined)
    throw usageError(
      `--edit reopens a saved record: it cannot be combined with ` +
        (options.answersPath !== undefined ? '--answers' : '--resume'),
      'change answers of the record with --answer id=value, or run --answers FILE alone for a ' +
        'new assessment',
    );
  // Without a terminal, the flags are the only way to say what changes: without any, nothing
  // would.
  if (!options.canPrompt && options.answerArgs.length === 0 && options.prospect === undefined)
    throw usageError(
      '--edit without a terminal needs --answer flags: there is no terminal to review the ' +
        'answers on',
      `say what changes with --answer id=value (repeatable; \`${options.hints.program} show ` +
        `RECORD --format answers\` lists the record's answers), or run it in a terminal`,
    );
  let start = startFromEdit(options, ref);
  if (start.opened.length > 0) {
    if (options.canPrompt)
      start = { ...start, missing: [...start.missing, ...start.opened], opened: [] };
    else if (!options.allowPartial) options.note(openedNote(start.opened));
  }
  const needsInterview =
    start.offered !== undefined || (start.missing.length > 0 && !options.allowPartial);
  if (!needsInterview)
    return assessedAsGiven({ ...start, draft: undefined, hold: undefined }, options);
  if (!options.canPrompt) throw missingAnswersError(start.missing, true);
  // The interview's own draft is held from its first save; whatever stops it gives the draft up.
  const held: Held = { hold: undefined };
  try {
    return await interviewProspect(options, start, undefined, held);
  } catch (error) {
    if (held.hold?.kind === 'held') held.hold.lock.release();
    throw error;
  }
}
