import { checkAnswers } from '../core/answers-file';
import type { Draft } from '../core/draft';
import type { Answer } from '../core/engine/answers';
import type { Report } from '../core/report/report';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputError, UserError, usageError } from '../errors';
import type { InterruptSignal } from '../exit-codes';
import { signalExitCode } from '../exit-codes';
import type { Prompter } from '../interview/prompter';
import { isPromptExit } from '../interview/prompter';
import { askProspect, runInterview } from '../interview/interview';
import type { StoredDraft } from '../io/drafts';
import { answersRecord, draftId, draftsDir, newDraftPath, saveDraft } from '../io/drafts';
import type { Style } from '../render/style';
import { safe } from '../render/terminal-safe';
import type { RunOptions } from './run-scripted';
import type { GatheredAnswers } from './run-scripted';
import { findDraft } from './find-draft';
import { loadBankOrFail } from './load-bank-or-fail';
import { assessAnswers, gatherAnswers, missingAnswersError, openedNote, parseOverrides, runScripted, setAsideNote } from './run-scripted';

export interface AssessOptions extends RunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether prompts can be shown: standard input and standard error are terminals. */
  readonly canPrompt: boolean;
  /** --bank as given (a resumed draft otherwise uses the bank it was started with). */
  readonly bankFlag: string | undefined;
  /** --resume: `true` for the most recent draft, or a draft id, prefix or path. */
  readonly resume: string | true | undefined;
  /** The record store: a draft whose save was stopped half-way is settled against it (see settleClaims). */
  readonly store: string;
  /** Builds the prompter only when one is needed (the prompt library is loaded then). */
  readonly prompter: () => Promise<Prompter>;
  /** Writes to standard error at once (used while the process may be exiting). */
  readonly writeNow: (text: string) => void;
  readonly style: Style;
  /** Registers a synchronous handler for SIGINT/SIGTERM/SIGHUP; returns its removal. */
  readonly onInterrupt: (handler: (signal: InterruptSignal) => void) => () => void;
}

export interface AssessResult {
  readonly report: Report;
  /** The answers the report was made from (for the record). */
  readonly answers: ReadonlyMap<string, Answer>;
  /** The bank that scored them. */
  readonly bankPath: string;
  /** The draft holding the answers, when the interview wrote one. */
  readonly draft: StoredDraft | undefined;
}

/** Where an assessment starts: the checked answers so far, the bank they are scored with, and the draft if resumed. */
interface Start extends GatheredAnswers {
  readonly bankPath: string;
  readonly draft: StoredDraft | undefined;
}

/** Loads a draft to resume: its bank (or --bank), and its answers re-checked against that bank. */
async function startFromDraft(options: AssessOptions, ref: string | undefined): Promise<Start> {
  const stored = await findDraft(draftsDir(options.env), ref, options.cwd, options.hints, options.store);
  // Drafts keep the bank's absolute path (older ones kept it as typed: taken from here).
  const bankPath = resolve(options.cwd, options.bankFlag ?? stored.draft.bank.path);
  const moveHint = `pass --bank PATH to resume the draft ${stored.id} with the bank where it is now`;
  if (options.bankFlag === undefined && !existsSync(bankPath))
    throw inputError(`the bank the draft ${stored.id} was started with is no longer at ${bankPath} (moved or deleted)`, [], moveHint);
  let loaded: Awaited<ReturnType<typeof loadBankOrFail>>;
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
  const source = { file: stored.path, data: { answers: stored.draft.answers }, locate: () => undefined };
  // --answer changes the draft's answers as it would a file's; a mistake in a flag is refused, the draft's own are asked again.
  const checked = checkAnswers(bank, source, parseOverrides(options.answerArgs), { allowPartial: false });
  const flagged = checked.diagnostics.filter((d) => d.file.startsWith('--answer'));
  if (flagged.length > 0) throw inputError(`${flagged.length} problem${flagged.length === 1 ? '' : 's'} with the --answer flags`, flagged);
  if (contentHash !== stored.draft.bank.contentHash) note(options, 'the bank has changed since this draft was started; its answers were checked again.');
  const dropped = checked.diagnostics.map((d) => d.path[1]).filter((id): id is string => typeof id === 'string');
  if (dropped.length > 0) note(options, `these answers no longer fit the bank and will be asked again: ${dropped.map(safe).join(', ')}`);
  if (checked.setAside.length > 0) note(options, setAsideNote(checked.setAside));
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
  return { ...gathered, bankPath: resolve(options.cwd, options.bankPath), draft: undefined };
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
    start = resuming ? await startFromDraft(options, options.resume === true ? undefined : options.resume) : startFromAnswers(options);
  } catch (error) {
    early?.cancel.abort();
    throw error;
  }
  // The questions only a changed answer (--answer) leads to: asked on a terminal, else counted as unknown (as in "what would change the call").
  if (start.opened.length > 0) {
    if (options.canPrompt) start = { ...start, missing: [...start.missing, ...start.opened], opened: [] };
    else if (!options.allowPartial) note(options, openedNote(start.opened));
  }
  const needsInterview = noAnswers && !resuming ? true : start.missing.length > 0 && !options.allowPartial;
  if (!needsInterview) {
    const report = assessAnswers({ ...start, prospect: options.prospect ?? start.prospect }, options);
    return { report, answers: start.answers, bankPath: start.bankPath, draft: start.draft };
  }
  if (!options.canPrompt) throw missingAnswersError(start.missing);
  return interview(options, start, early);
}

/** The prospect prompt already on screen, and how to take it down. */
interface Early {
  readonly prompter: Prompter;
  readonly name: Promise<string | undefined>;
  readonly cancel: AbortController;
}

async function interview(options: AssessOptions, start: Start, early: Early | undefined): Promise<AssessResult> {
  const prompter = early?.prompter ?? (await options.prompter());
  const startedAt = start.draft?.draft.startedAt ?? options.now.toISOString();
  let prospect = options.prospect ?? start.prospect;
  let answers: ReadonlyMap<string, Answer> = start.answers;
  let path: string | undefined = start.draft?.path;
  const dir = draftsDir(options.env);
  const { program, storeFlag } = options.hints;
  const resumeCommand = (): string => `${program} run --resume${path === undefined ? '' : ` ${safe(draftId(path))}`}${storeFlag}`;

  const snapshot = (complete: boolean): Draft => ({
    schemaVersion: 1,
    kind: 'clientfit-draft',
    bank: { id: start.bank.id, path: start.bankPath, contentHash: start.contentHash },
    prospect: prospect ?? null,
    startedAt,
    updatedAt: new Date().toISOString(),
    answers: answersRecord(answers),
    complete,
  });
  let savedOnce = start.draft !== undefined;
  // A draft is written once there is something in it: a name or an answer. Stopped before either, nothing is left behind.
  const somethingToKeep = (): boolean => savedOnce || prospect !== undefined || answers.size > 0;
  const save = (complete = false): void => {
    if (!somethingToKeep()) return;
    path ??= newDraftPath(dir, options.now, prospect ?? null);
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
    somethingToKeep() ? `\n${how}: the interview is paused; ${kept()}.\nResume with:  ${resumeCommand()}\n` : `\n${how}: ${kept()}.\n`;

  // Signals arrive between two awaits: the last answer is already on disk, so a
  // synchronous save of the same state and a message are all that is left to do.
  const removeHandler = options.onInterrupt((signal) => {
    try {
      save();
    } finally {
      options.writeNow(paused(signal === 'SIGHUP' ? 'The terminal closed' : `Stopped by ${signal}`));
    }
  });
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
  const report = assessAnswers({ bank: start.bank, contentHash: start.contentHash, answers, prospect }, options);
  const stored: StoredDraft | undefined = path === undefined ? undefined : { id: draftId(path), path, draft: snapshot(true) };
  return { report, answers, bankPath: start.bankPath, draft: stored };
}
