import { renamedNote } from '../core/judgement/answers';
import { checkAnswers } from '../core/records/answers-file';
import type { Draft } from '../core/records/draft';
import type { Answer } from '../core/judgement/answers';
import type { Bank } from '../core/bank/bank';
import { walkFlow } from '../core/judgement/flow';
import type { Report } from '../core/report/report';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputError, UserError, usageError } from '../errors';
import type { InterruptSignal } from '../exit-codes';
import { signalExitCode } from '../exit-codes';
import type { Prompter } from '../interview/prompter';
import { isPromptExit } from '../interview/prompter';
import { askProspect, runInterview } from '../interview/interview';
import type { DraftHold, StoredDraft } from '../io/drafts';
import {
  answersRecord,
  draftId,
  draftsDir,
  holdNewDraft,
  newDraftPath,
  saveDraft,
} from '../io/drafts';
import type { InterviewOptions } from '../interview/interview';
import { safe } from '../render/terminal-safe';
import type { RunOptions } from './run-scripted';
import type { GatheredAnswers } from './run-scripted';
import { findAndHoldDraft } from './find-draft';
import { startFromRecord } from './start-from-record';
import { loadBankOrFail } from './load-bank-or-fail';
import {
  assessAnswers,
  gatherAnswers,
  missingAnswersError,
  openedNote,
  parseOverrides,
  runScripted,
  setAsideNote,
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
}

export interface AssessResult {
  readonly report: Report;
  /** The answers the report was made from (for the record). */
  readonly answers: ReadonlyMap<string, Answer>;
  /** The bank that scored them. */
  readonly bankPath: string;
  /** The draft holding the answers, when the interview wrote one. */
  readonly draft: StoredDraft | undefined;
  /** This clientfit's hold on that draft (or why it has none): given up by the caller once the record is saved. */
  readonly hold: DraftHold | undefined;
  /** The id of the record these answers correct (`run --edit`, or a draft started by it). */
  readonly corrects: string | undefined;
}

/** Where an assessment starts: the checked answers so far, the bank they are scored with, and the draft if resumed. */
interface Start extends GatheredAnswers {
  readonly bankPath: string;
  readonly draft: StoredDraft | undefined;
  readonly hold: DraftHold | undefined;
  readonly corrects?: string | undefined;
  /** Answers offered as defaults, every question asked again or reviewed (`run --edit` on a terminal). */
  readonly offered?: ReadonlyMap<string, Answer> | undefined;
}

/** The draft to resume, held from now until its record is saved (see findAndHoldDraft). */
async function startFromDraft(options: AssessOptions, ref: string | undefined): Promise<Start> {
  const { stored, hold } = await findAndHoldDraft(draftsDir(options.env), ref, options);
  try {
    return { ...loadDraft(options, stored), hold };
  } catch (error) {
    if (hold.kind === 'held') hold.lock.release();
    throw error;
  }
}

/** What a resumed interview says first: whose it is, how many questions are answered of about how many, and when it was last saved. */
export function resumedWords(
  draft: StoredDraft,
  prospect: string | undefined,
  answers: ReadonlyMap<string, Answer>,
  bank: Bank,
): string {
  const about = walkFlow(bank, answers).steps.length;
  const answered = [...answers.keys()].length;
  const whose =
    prospect === undefined
      ? 'an interview with no prospect named yet'
      : `the interview with ${safe(prospect)}`;
  const when = safe(draft.draft.updatedAt.slice(0, 16).replace('T', ' '));
  return `Resuming ${whose} (draft ${safe(draft.id)}): ${answered} of about ${about} questions answered, last saved ${when} UTC.\n`;
}

/** Loads a draft to resume: its bank (or --bank), and its answers re-checked against that bank. */
function loadDraft(options: AssessOptions, stored: StoredDraft): Omit<Start, 'hold'> {
  // Drafts keep the bank's absolute path (older ones kept it as typed: taken from here).
  const bankPath = resolve(options.cwd, options.bankFlag ?? stored.draft.bank.path);
  const moveHint = `pass --bank PATH to resume the draft ${stored.id} with the bank where it is now`;
  if (options.bankFlag === undefined && !existsSync(bankPath))
    throw inputError(
      `the bank the draft ${stored.id} was started with is no longer at ${bankPath} (moved or deleted)`,
      [],
      moveHint,
    );
  let loaded: ReturnType<typeof loadBankOrFail>;
  try {
    loaded = loadBankOrFail(bankPath, options.cwd, options.hints.program);
  } catch (error) {
    // The bank may have changed since the draft was started: say how to point at another.
    if (error instanceof UserError && options.bankFlag === undefined)
      throw new UserError(error.message, {
        exitCode: error.exitCode,
        diagnostics: error.diagnostics,
        hint: `the draft ${stored.id} was started with this bank; ${moveHint}`,
      });
    throw error;
  }
  const { bank, contentHash } = loaded;
  if (bank.id !== stored.draft.bank.id) {
    throw usageError(
      `the draft ${stored.id} was written for the bank "${stored.draft.bank.id}", not "${bank.id}"`,
      'pass --bank with the bank it was written for',
    );
  }
  const source = {
    file: stored.path,
    data: { answers: stored.draft.answers },
    locate: () => undefined,
  };
  // --answer changes the draft's answers as it would a file's; a mistake in a flag is refused, the draft's own are asked again.
  const checked = checkAnswers(bank, source, parseOverrides(options.answerArgs), {
    allowPartial: false,
  });
  const flagged = checked.diagnostics.filter((d) => d.file.startsWith('--answer'));
  if (flagged.length > 0)
    throw inputError(
      `${flagged.length} problem${flagged.length === 1 ? '' : 's'} with the --answer flags`,
      flagged,
    );
  if (contentHash !== stored.draft.bank.contentHash)
    note(
      options,
      'the bank has changed since this draft was started; its answers were checked again.',
    );
  const dropped = checked.diagnostics
    .map((d) => d.path[1])
    .filter((id): id is string => typeof id === 'string');
  if (dropped.length > 0)
    note(
      options,
      `these answers no longer fit the bank and will be asked again: ${dropped.map(safe).join(', ')}`,
    );
  if (checked.setAside.length > 0) note(options, setAsideNote(checked.setAside));
  if (checked.renamed.length > 0) note(options, renamedNote(checked.renamed));
  const answers = new Map([...checked.answers].filter(([id]) => !dropped.includes(id)));
  return {
    bank,
    bankPath,
    contentHash,
    answers,
    prospect: stored.draft.prospect ?? undefined,
    missing: checked.missing.map((m) => m.questionId),
    opened: checked.opened,
    draft: stored,
    corrects: stored.draft.corrects,
  };
}

/** `run --edit`: the record's answers, offered again on a terminal unless --answer flags change them. */
function startFromEdit(options: AssessOptions, ref: string): Start {
  const edit = startFromRecord({
    ...options,
    ref,
    defaultBank: options.bankPath,
    note: (text) => {
      note(options, text);
    },
  });
  const interactive = options.canPrompt && options.answerArgs.length === 0;
  // The record's answers are the edit's from the start: a draft written before any change holds them all.
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
    note: (text) => {
      note(options, text);
    },
  });
  // Absolute, so that the draft resumes from any folder.
  return {
    ...gathered,
    bankPath: resolve(options.cwd, options.bankPath),
    draft: undefined,
    hold: undefined,
  };
}

/** A note on standard error, at once. */
function note(options: Pick<AssessOptions, 'writeNow' | 'style'>, text: string): void {
  options.writeNow(`${options.style.yellow('note:')} ${text}\n`);
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
        note: (text) => {
          note(options, text);
        },
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
    // Rejections are handled where the name is awaited; this only stops an unhandled-rejection warning.
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
  const held: { hold: DraftHold | undefined } = { hold: start.hold };
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
  held: { hold: DraftHold | undefined },
): Promise<AssessResult> {
  let start = from;
  // The questions only a changed answer (--answer) leads to: asked on a terminal, else counted as unknown (as in "what would change the call").
  if (start.opened.length > 0) {
    if (options.canPrompt)
      start = { ...start, missing: [...start.missing, ...start.opened], opened: [] };
    else if (!options.allowPartial) note(options, openedNote(start.opened));
  }
  // A correction's draft stopped before its answers were confirmed reopens on the review screen.
  const unconfirmedEdit =
    start.corrects !== undefined &&
    start.draft?.draft.complete === false &&
    options.canPrompt &&
    options.review;
  const needsInterview =
    fresh || unconfirmedEdit ? true : start.missing.length > 0 && !options.allowPartial;
  if (!needsInterview) {
    const report = assessAnswers(
      { ...start, prospect: options.prospect ?? start.prospect },
      options,
    );
    return {
      report,
      answers: start.answers,
      bankPath: start.bankPath,
      draft: start.draft,
      hold: start.hold,
      corrects: start.corrects,
    };
  }
  if (!options.canPrompt) throw missingAnswersError(start.missing);
  return interview(options, start, early, held);
}

/** A new draft's path, held from its first save as a resumed draft is: a resume of it elsewhere stops. */
function newHeldDraft(
  dir: string,
  now: Date,
  prospect: string | null,
  held: { hold: DraftHold | undefined },
): string {
  const path = newDraftPath(dir, now, prospect);
  held.hold = holdNewDraft(path);
  return path;
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
      `--edit reopens a saved record: it cannot be combined with ${options.answersPath !== undefined ? '--answers' : '--resume'}`,
      'change answers of the record with --answer id=value, or run --answers FILE alone for a new assessment',
    );
  // Without a terminal, the flags are the only way to say what changes: without any, nothing would.
  if (!options.canPrompt && options.answerArgs.length === 0 && options.prospect === undefined)
    throw usageError(
      '--edit without a terminal needs --answer flags: there is no terminal to review the answers on',
      `say what changes with --answer id=value (repeatable; \`${options.hints.program} show RECORD --format answers\` lists the record's answers), or run it in a terminal`,
    );
  let start = startFromEdit(options, ref);
  if (start.opened.length > 0) {
    if (options.canPrompt)
      start = { ...start, missing: [...start.missing, ...start.opened], opened: [] };
    else if (!options.allowPartial) note(options, openedNote(start.opened));
  }
  const needsInterview =
    start.offered !== undefined || (start.missing.length > 0 && !options.allowPartial);
  if (!needsInterview) {
    const report = assessAnswers(
      { ...start, prospect: options.prospect ?? start.prospect },
      options,
    );
    return {
      report,
      answers: start.answers,
      bankPath: start.bankPath,
      draft: undefined,
      hold: undefined,
      corrects: start.corrects,
    };
  }
  if (!options.canPrompt) throw missingAnswersError(start.missing, true);
  // The interview's own draft is held from its first save; whatever stops it gives the draft up.
  const held: { hold: DraftHold | undefined } = { hold: undefined };
  try {
    return await interview(options, start, undefined, held);
  } catch (error) {
    if (held.hold?.kind === 'held') held.hold.lock.release();
    throw error;
  }
}

/** The prospect prompt already on screen, and how to take it down. */
interface Early {
  readonly prompter: Prompter;
  readonly name: Promise<string | undefined>;
  readonly cancel: AbortController;
}

async function interview(
  options: AssessOptions,
  start: Start,
  early: Early | undefined,
  held: { hold: DraftHold | undefined },
): Promise<AssessResult> {
  const prompter = early?.prompter ?? (await options.prompter());
  const startedAt = start.draft?.draft.startedAt ?? options.now.toISOString();
  let prospect = options.prospect ?? start.prospect;
  let answers: ReadonlyMap<string, Answer> = start.answers;
  let path: string | undefined = start.draft?.path;
  const dir = draftsDir(options.env);
  const { program, storeFlag } = options.hints;
  const resumeCommand = (): string =>
    `${program} run --resume${path === undefined ? '' : ` ${safe(draftId(path))}`}${storeFlag}`;

  const snapshot = (complete: boolean): Draft => ({
    schemaVersion: 1,
    kind: 'clientfit-draft',
    bank: { id: start.bank.id, path: start.bankPath, contentHash: start.contentHash },
    prospect: prospect ?? null,
    startedAt,
    updatedAt: new Date().toISOString(),
    answers: answersRecord(answers),
    complete,
    ...(start.corrects === undefined ? {} : { corrects: start.corrects }),
  });
  let savedOnce = start.draft !== undefined;
  // A draft is written once there is something in it: a name or an answer. Stopped before either, nothing is left behind.
  const somethingToKeep = (): boolean => savedOnce || prospect !== undefined || answers.size > 0;
  const save = (complete = false): void => {
    if (!somethingToKeep()) return;
    path ??= newHeldDraft(dir, options.now, prospect ?? null, held);
    saveDraft(path, snapshot(complete));
    savedOnce = true;
  };
  /** What a stop keeps, in words: every answer, the name alone, or nothing at all. */
  const kept = (): string =>
    !somethingToKeep()
      ? 'nothing was answered yet, so there is nothing to save'
      : answers.size === 0 && start.draft === undefined
        ? "no question was answered yet; the prospect's name is saved in a draft"
        : 'every answer so far is saved in a draft';
  const paused = (how: string): string =>
    somethingToKeep()
      ? `\n${how}: the interview is paused; ${kept()}.\nResume with:  ${resumeCommand()}\n`
      : `\n${how}: ${kept()}.\n`;

  // Signals arrive between two awaits: the last answer is already on disk, so a
  // synchronous save of the same state and a message are all that is left to do.
  const removeHandler = options.onInterrupt((signal) => {
    try {
      save();
    } finally {
      options.writeNow(
        paused(signal === 'SIGHUP' ? 'The terminal closed' : `Stopped by ${signal}`),
      );
    }
  });
  if (start.draft !== undefined)
    options.writeNow(resumedWords(start.draft, prospect, answers, start.bank));
  try {
    if (early !== undefined) prospect = await early.name;
    // A draft resumed without a name asks for it too (Enter still skips).
    else if (prospect === undefined) prospect = await askProspect(prompter);
    save();
    options.writeNow(
      options.style.dim(
        `Answers are saved as you go${path === undefined ? '' : ` (draft ${safe(draftId(path))})`}; "← Back" at the first question changes the prospect's name.\n`,
      ),
    );
    const finished = await runInterview({
      bank: start.bank,
      answers,
      prompter,
      style: options.style,
      write: options.writeNow,
      ...(start.offered === undefined
        ? { review: options.review }
        : { offered: start.offered, review: options.review }),
      onAnswer: (now) => {
        answers = new Map(now);
        save();
      },
      backAtStart: {
        description: "Change the prospect's name.",
        go: async () => {
          prospect = await askProspect(prompter, { current: prospect });
          save();
        },
      },
    });
    answers = finished;
    save(true);
  } catch (error) {
    if (isPromptExit(error)) {
      save();
      throw new UserError(`the interview was stopped; ${kept()}`, {
        exitCode: signalExitCode.SIGINT,
        ...(somethingToKeep() ? { hint: `resume with: ${resumeCommand()}` } : {}),
      });
    }
    // A draft that cannot be saved (the disk is full) stops the interview: say what is kept and how to go on.
    if (error instanceof UserError && savedOnce)
      throw new UserError(`${error.message}; the interview stopped`, {
        exitCode: error.exitCode,
        hint: `${error.hint ?? 'fix it'}, then resume with: ${resumeCommand()} (the answers before this one are saved)`,
      });
    throw error;
  } finally {
    removeHandler();
  }
  const report = assessAnswers(
    { bank: start.bank, contentHash: start.contentHash, answers, prospect },
    options,
  );
  const stored: StoredDraft | undefined =
    path === undefined ? undefined : { id: draftId(path), path, draft: snapshot(true) };
  return {
    report,
    answers,
    bankPath: start.bankPath,
    draft: stored,
    hold: held.hold,
    corrects: start.corrects,
  };
}
