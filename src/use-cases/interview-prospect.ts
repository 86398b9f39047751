import type { Answer } from '../core/judgement/answers';
import type { Bank } from '../core/bank/bank';
import { walkFlow } from '../core/judgement/flow';
import type { Draft } from '../core/records/draft';
import { UserError } from '../errors';
import { signalExitCode } from '../exit-codes';
import { askProspect, runInterview } from '../interview/interview';
import type { Prompter } from '../interview/prompter';
import { isPromptExit } from '../interview/prompter';
import type { DraftHold, StoredDraft } from '../io/drafts';
import {
  answersRecord,
  draftId,
  draftsDir,
  holdNewDraft,
  newDraftPath,
  saveDraft,
} from '../io/drafts';
import { safe } from '../render/terminal-safe';
import type { AssessOptions, AssessResult, Start } from './assess-prospect';
import { assessAnswers } from './run-scripted';

/** The prospect prompt already on screen, and how to take it down. */
export interface Early {
  readonly prompter: Prompter;
  readonly name: Promise<string | undefined>;
  readonly cancel: AbortController;
}

/** This clientfit's hold on the interview's draft; whatever stops the assessment gives it up. */
export interface Held {
  hold: DraftHold | undefined;
}

/**
 * What a resumed interview says first: whose it is, how many questions are answered of about how
 * many, and when it was last saved.
 */
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
  return (
    `Resuming ${whose} (draft ${safe(draft.id)}): ${answered} of about ${about} questions ` +
    `answered, last saved ${when} UTC.\n`
  );
}

/**
 * The interview's draft: the prospect and answers so far, saved after every
 * answer. A draft is written once there is something in it (a name or an
 * answer): stopped before either, nothing is left behind. A new draft is held
 * from its first save, as a resumed draft is: a resume of it elsewhere stops.
 */
class InterviewDraft {
  prospect: string | undefined;
  answers: ReadonlyMap<string, Answer>;
  path: string | undefined;
  savedOnce: boolean;
  private readonly startedAt: string;

  constructor(
    private readonly options: AssessOptions,
    private readonly start: Start,
    private readonly held: Held,
  ) {
    this.prospect = options.prospect ?? start.prospect;
    this.answers = start.answers;
    this.path = start.draft?.path;
    this.savedOnce = start.draft !== undefined;
    this.startedAt = start.draft?.draft.startedAt ?? options.now.toISOString();
  }

  snapshot(complete: boolean): Draft {
    const { start } = this;
    return {
      schemaVersion: 1,
      kind: 'clientfit-draft',
      bank: { id: start.bank.id, path: start.bankPath, contentHash: start.contentHash },
      prospect: this.prospect ?? null,
      startedAt: this.startedAt,
      updatedAt: new Date().toISOString(),
      answers: answersRecord(this.answers),
      complete,
      ...(start.corrects === undefined ? {} : { corrects: start.corrects }),
    };
  }

  somethingToKeep(): boolean {
    return this.savedOnce || this.prospect !== undefined || this.answers.size > 0;
  }

  save(complete = false): void {
    if (!this.somethingToKeep()) return;
    if (this.path === undefined) {
      const { env, now } = this.options;
      const path = newDraftPath(draftsDir(env), now, this.prospect ?? null);
      this.held.hold = holdNewDraft(path);
      this.path = path;
    }
    saveDraft(this.path, this.snapshot(complete));
    this.savedOnce = true;
  }

  resumeCommand(): string {
    const { program, storeFlag } = this.options.hints;
    const id = this.path === undefined ? '' : ` ${safe(draftId(this.path))}`;
    return `${program} run --resume${id}${storeFlag}`;
  }

  /** What a stop keeps, in words: every answer, the name alone, or nothing at all. */
  kept(): string {
    if (!this.somethingToKeep()) return 'nothing was answered yet, so there is nothing to save';
    return this.answers.size === 0 && this.start.draft === undefined
      ? "no question was answered yet; the prospect's name is saved in a draft"
      : 'every answer so far is saved in a draft';
  }

  /** What a signal says: the interview is paused, what is kept, and how to resume. */
  paused(how: string): string {
    return this.somethingToKeep()
      ? `\n${how}: the interview is paused; ${this.kept()}.\nResume with:  ` +
          `${this.resumeCommand()}\n`
      : `\n${how}: ${this.kept()}.\n`;
  }
}

/**
 * Asks the prospect's name (unless given) and every missing question, saving the draft as it goes.
 */
async function askAll(
  options: AssessOptions,
  start: Start,
  early: Early | undefined,
  prompter: Prompter,
  draft: InterviewDraft,
): Promise<void> {
  if (early !== undefined) draft.prospect = await early.name;
  // A draft resumed without a name asks for it too (Enter still skips).
  else if (draft.prospect === undefined) draft.prospect = await askProspect(prompter);
  draft.save();
  const which = draft.path === undefined ? '' : ` (draft ${safe(draftId(draft.path))})`;
  options.writeNow(
    options.style.dim(
      `Answers are saved as you go${which}; "← Back" at the first question changes the ` +
        `prospect's name.\n`,
    ),
  );
  draft.answers = await runInterview({
    bank: start.bank,
    answers: draft.answers,
    prompter,
    style: options.style,
    write: options.writeNow,
    ...(start.offered === undefined
      ? { review: options.review }
      : { offered: start.offered, review: options.review }),
    onAnswer: (now) => {
      draft.answers = new Map(now);
      draft.save();
    },
    backAtStart: {
      description: "Change the prospect's name.",
      go: async () => {
        draft.prospect = await askProspect(prompter, { current: draft.prospect });
        draft.save();
      },
    },
  });
  draft.save(true);
}

/** What stops an interview, said with what is kept and how to resume (Ctrl+C: exit 130). */
function stopped(error: unknown, draft: InterviewDraft): unknown {
  if (isPromptExit(error)) {
    draft.save();
    return new UserError(`the interview was stopped; ${draft.kept()}`, {
      exitCode: signalExitCode.SIGINT,
      ...(draft.somethingToKeep() ? { hint: `resume with: ${draft.resumeCommand()}` } : {}),
    });
  }
  // A draft that cannot be saved (the disk is full) stops the interview: say what is kept and how
  // to go on.
  if (error instanceof UserError && draft.savedOnce)
    return new UserError(`${error.message}; the interview stopped`, {
      exitCode: error.exitCode,
      hint:
        `${error.hint ?? 'fix it'}, then resume with: ${draft.resumeCommand()} (the answers ` +
        `before this one are saved)`,
    });
  return error;
}

/**
 * The interview on the terminal: asks what is missing (or, for a correction,
 * reviews every answer), saving a draft after every answer; a signal or
 * Ctrl+C leaves that draft behind with the command that resumes it.
 */
export async function interviewProspect(
  options: AssessOptions,
  start: Start,
  early: Early | undefined,
  held: Held,
): Promise<AssessResult> {
  const prompter = early?.prompter ?? (await options.prompter());
  const draft = new InterviewDraft(options, start, held);
  // Signals arrive between two awaits: the last answer is already on disk, so a
  // synchronous save of the same state and a message are all that is left to do.
  const removeHandler = options.onInterrupt((signal) => {
    try {
      draft.save();
    } finally {
      const how = signal === 'SIGHUP' ? 'The terminal closed' : `Stopped by ${signal}`;
      options.writeNow(draft.paused(how));
    }
  });
  if (start.draft !== undefined)
    options.writeNow(resumedWords(start.draft, draft.prospect, draft.answers, start.bank));
  try {
    await askAll(options, start, early, prompter, draft);
  } catch (error) {
    throw stopped(error, draft);
  } finally {
    removeHandler();
  }
  const { answers, prospect, path } = draft;
  const report = assessAnswers(
    { bank: start.bank, contentHash: start.contentHash, answers, prospect },
    options,
  );
  const stored: StoredDraft | undefined =
    path === undefined ? undefined : { id: draftId(path), path, draft: draft.snapshot(true) };
  return {
    report,
    answers,
    bankPath: start.bankPath,
    draft: stored,
    hold: held.hold,
    corrects: start.corrects,
  };
}
