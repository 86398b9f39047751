import { dirname, resolve } from 'node:path';
import { outputFormats } from '../core/config';
import type { Settings } from '../core/config';
import { buildRecord } from '../core/records/record';
import { usageError, UserError } from '../errors';
import { ExitCode, VerdictExitCode } from '../exit-codes';
import type { StoredDraft } from '../io/drafts';
import { discardDraft, keepAsNewDraft } from '../io/drafts';
import type { SaveOutcome } from '../io/store';
import { newRecordId, prepareStore, saveAssessment } from '../io/store';
import { reportRenderers } from '../render/report';
import type { Style } from '../render/style';
import { plainStyle } from '../render/style';
import { safe } from '../render/terminal-safe';
import { version } from '../version';
import type { AssessResult } from '../use-cases/assess-prospect';
import { assessProspect } from '../use-cases/assess-prospect';
import type { CommandContext, MainIO } from './context';
import { canPrompt, uninterrupted } from './context';
import { defineCommand, type CommandOptions } from './define-command';
import { briefFlag, reportFormat, textLayout } from './text-layout';
import type { HintWords } from './program-name';
import { hintWords } from './program-name';

const runFlags = [
  {
    flags: '--answers <file>',
    description: 'answers file (YAML or JSON); "-" reads standard input',
  },
  {
    flags: '--answer <id=value>',
    description:
      'change one answer of the file or draft, as an interviewer would (repeatable; id= clears it)',
    repeatable: true,
  },
  { flags: '--prospect <name>', description: "the prospect's name, for the report" },
  {
    flags: '--bank <path>',
    description: 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)',
  },
  {
    flags: '--allow-partial',
    description: 'count missing answers as unknown instead of asking or failing',
  },
  {
    flags: '--format <format>',
    description: 'output format (default: config or text)',
    choices: outputFormats,
  },
  { flags: '--json', description: 'shorthand for --format json' },
  {
    flags: '--output <file>',
    description: 'write the report to a file (atomically) instead of standard output',
  },
  { flags: '--force', description: 'with --output: replace an existing file' },
  {
    flags: '--exit-code',
    description:
      'exit with the recommendation: take 0, take-with-conditions 10, decline 20, undecided 30',
  },
  {
    flags: '--resume [draft]',
    description: 'continue an interrupted interview (default: the most recent unfinished draft)',
  },
  {
    flags: '--take-over',
    description:
      'with --resume: take the draft from a clientfit that holds it but is no longer running, or runs on another machine',
  },
  {
    flags: '--store <dir>',
    description:
      'where records are saved (default: config, $CLIENTFIT_STORE or the XDG data folder)',
  },
  { flags: '--no-save', description: 'do not save a record of this assessment' },
  {
    flags: '--edit <record>',
    description:
      'correct a saved assessment: its answers for review on a terminal, or changed by --answer; saves a record that replaces it',
  },
  {
    flags: '--no-review',
    description: 'go to the verdict without the review of every answer (config: "review: false")',
  },
  briefFlag,
  {
    flags: '--by <name>',
    description:
      'who assessed, for the record (default: "by" in the config file, git user.name, or the login name)',
  },
] as const;

type RunFlags = CommandOptions<typeof runFlags, []>;

/** The time a report is stamped with: SOURCE_DATE_EPOCH when set, else the clock. */
function reportTime(io: MainIO): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return io.now();
}

/** The command that shows a record again, with its whole id (a cut one reads like a whole one, and may stop being unambiguous). */
function showAgain(hints: HintWords, recordId: string): string {
  return `\`${hints.program} show ${safe(recordId)}${hints.storeFlag}\``;
}

/** The line that says where the assessment was saved (and which record it corrects: `edited`, or the correction of it saved meanwhile). */
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
  return `Saved as record ${safe(recordId)}${correcting} — ${showAgain(hints, recordId)} shows it again.\n`;
}

/** The line that says an assessment repeats a record (so it was not saved again), or that a correction changed nothing. */
function repeatedLine(recordedAs: string, corrects: string | undefined, hints: HintWords): string {
  if (corrects !== undefined) {
    const latest = corrects === recordedAs ? '' : ` (the latest correction of ${safe(corrects)})`;
    return `Nothing changed: the same prospect, answers and bank as record ${safe(recordedAs)}${latest}; no correction saved.\n`;
  }
  return `Already recorded as record ${safe(recordedAs)} (the same prospect, answers and bank): not saved again — ${showAgain(hints, recordedAs)} shows it.\n`;
}

/**
 * The error for a draft that cannot be held because its folder cannot be
 * written: no record is saved (a record saved without holding the draft could
 * be saved again by every other resume of it), and the draft stays.
 */
function holdBlocked(draft: StoredDraft, why: string, hints: HintWords): UserError {
  const folder = dirname(draft.path);
  return new UserError(
    `the assessment was not saved as a record: the draft ${draft.id} cannot be taken from ${folder} (${why}), and without that a second resume of it could save it again`,
    {
      exitCode: ExitCode.invalidInput,
      hint: `the answers stay in the draft; make ${folder} writable for you, then \`${hints.program} run --resume ${draft.id}${hints.storeFlag}\` saves them (or copy the draft to a folder you can write and resume that path)`,
    },
  );
}

/** What became of the record: saved, already recorded, or not saved and why (`final`: the error says all, hint included). */
interface SaveStep {
  readonly recordId?: string;
  /** The record the saved one corrects (the latest of its chain at the time of the save). */
  readonly corrects?: string | undefined;
  readonly recordedAs?: string;
  readonly failed?: Error;
  readonly final?: true;
}

/** The context a run's steps share. */
interface RunSteps {
  readonly options: RunFlags;
  readonly settings: Settings;
  readonly context: CommandContext;
  readonly assessed: AssessResult;
  readonly now: Date;
  readonly hints: HintWords;
  readonly writeNow: (text: string) => void;
}

/** Says where a saved assessment is when a signal stops clientfit before the "Saved as record" line. */
function savedNotice(steps: RunSteps, id: string, signal: string): void {
  steps.writeNow(
    `\nStopped by ${signal}; the assessment is saved as record ${safe(id)} (${showAgain(steps.hints, id)}).\n`,
  );
}

/**
 * Saves the record (see saveAssessment): once, even for identical runs at
 * the same moment, and never from a draft this clientfit does not hold.
 * Failures are returned, so the report is shown all the same.
 */
async function saveStep(steps: RunSteps): Promise<SaveStep> {
  const { options, settings, context, assessed, hints } = steps;
  const { io } = context;
  const { report, draft, answers, bankPath, hold, corrects } = assessed;
  if (draft !== undefined && hold?.kind === 'blocked')
    return { failed: holdBlocked(draft, hold.reason, hints), final: true };
  const box: { outcome?: SaveOutcome } = {};
  try {
    const { name: assessedBy } = context.assessor(options.by);
    const record = buildRecord(
      newRecordId(steps.now, report.prospect),
      io.now(),
      resolve(io.cwd, bankPath),
      answers,
      report,
      assessedBy,
      corrects ?? null,
    );
    // The folder first, while a signal still ends clientfit at once: one that cannot be made (a file, /proc) fails here.
    prepareStore(settings.store.value);
    // A resumed draft or an answers file that repeats the prospect's latest record is that record (a correction: the record
    // it corrects); a new interview is always saved.
    const checkLatest = draft === undefined || options.resume !== undefined;
    const draftLock = hold?.kind === 'held' ? hold.lock : undefined;
    await uninterrupted(
      io,
      async () => {
        box.outcome = await saveAssessment(settings.store.value, record, {
          checkLatest,
          corrects,
          draft,
          draftLock,
        });
      },
      (signal) => {
        if (box.outcome?.kind === 'saved') savedNotice(steps, box.outcome.recordId, signal);
      },
    );
  } catch (error) {
    return { failed: error instanceof Error ? error : new Error(String(error)) };
  }
  const outcome = box.outcome;
  if (outcome === undefined) return {};
  if (outcome.kind === 'recorded') return { recordedAs: outcome.recordId };
  if (outcome.kind === 'saved') return { recordId: outcome.recordId, corrects: outcome.corrects };
  if (draft === undefined) return {};
  // Another clientfit took the draft over while this one ran: these answers become a draft of their own, never lost.
  try {
    const kept = keepAsNewDraft(draft, answers, io.now());
    const failed = new UserError(
      `the draft ${draft.id} was taken over by another clientfit while this one ran, so this assessment was not saved as a record`,
      {
        exitCode: ExitCode.invalidInput,
        hint: `these answers are kept as the draft ${kept}: \`${hints.program} run --resume ${kept}${hints.storeFlag}\` saves them`,
      },
    );
    return { failed, final: true };
  } catch (error) {
    return { failed: error instanceof Error ? error : new Error(String(error)) };
  }
}

/**
 * `clientfit run`: assesses the prospect (from answers, or by interview),
 * saves the record, then writes the report. The record is written before the
 * report, so a report that cannot be written (the --output file exists, the
 * disk is full) loses nothing. A resumed draft is held until then.
 */
async function run(options: RunFlags, settings: Settings, context: CommandContext): Promise<void> {
  const { io } = context;
  // Before any question is asked: --brief with another format is a mistake.
  const format = reportFormat(settings, options.brief);
  if (options.takeOver === true && options.resume === undefined)
    throw usageError('--take-over goes with --resume', 'add --resume DRAFT');
  const errStyle = context.styleFor(settings, io.stderr);
  const writeNow = io.writeErrNow ?? ((text: string) => io.stderr.write(text));
  const now = reportTime(io);
  const hints = hintWords(io.env, options, io.cwd);
  const assessed = await assessProspect({
    cwd: io.cwd,
    env: io.env,
    bankPath: settings.bank.value,
    bankFlag: options.bank,
    answersPath: options.answers,
    answerArgs: options.answer ?? [],
    prospect: options.prospect,
    allowPartial: options.allowPartial === true,
    now,
    toolVersion: version,
    canPrompt: canPrompt(io),
    resume: options.resume,
    takeOver: options.takeOver === true,
    edit: options.edit,
    review: options.review && context.config().review !== false,
    warn: context.warn,
    store: settings.store.value,
    hints,
    style: errStyle,
    writeNow,
    onInterrupt: io.onInterrupt ?? (() => () => undefined),
    prompter: async () => {
      const streams = io.promptStreams;
      if (streams === undefined) throw new Error('prompts need a terminal');
      const { inquirerPrompter } = await import('../interview/inquirer-prompter');
      return inquirerPrompter(streams);
    },
  });
  try {
    await saveAndReport(
      { options, settings, context, assessed, now, hints, writeNow },
      format,
      errStyle,
    );
  } finally {
    if (assessed.hold?.kind === 'held') assessed.hold.lock.release();
  }
  if (options.exitCode === true)
    context.setExitCode(VerdictExitCode[assessed.report.recommendation]);
}

/** Saves the record (unless --no-save), then writes the report and says what became of the assessment. */
async function saveAndReport(
  steps: RunSteps,
  format: ReturnType<typeof reportFormat>,
  errStyle: Style,
): Promise<void> {
  const { options, settings, context, assessed, hints, writeNow } = steps;
  const { io } = context;
  const { report, draft } = assessed;
  const saved: SaveStep = options.save ? await saveStep(steps) : {};
  const { recordId, recordedAs } = saved;
  const saveFailed = saved.failed;
  // Until the "Saved as record" line is written, a signal still says where the assessment is.
  const releaseNotice =
    recordId === undefined
      ? () => undefined
      : (io.onInterrupt?.((signal) => {
          savedNotice(steps, recordId, signal);
        }) ?? (() => undefined));
  try {
    const style = options.output === undefined ? context.styleFor(settings, io.stdout) : plainStyle;
    const text = reportRenderers[format](report, style, textLayout(io, options));
    if (draft !== undefined && options.output === undefined && io.stdout.isTTY === true)
      io.stdout.write('\n');
    try {
      await context.emit(text, options.output, options.force === true, 'Report');
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // When the record could not be saved either, both are said.
      const alsoLost =
        saveFailed === undefined
          ? ''
          : `; and the record was not saved either: ${saveFailed.message}`;
      const kept =
        recordId !== undefined
          ? `the assessment is saved as record ${recordId}: \`${hints.program} show ${recordId}${hints.storeFlag} --output FILE\` writes it`
          : draft !== undefined
            ? `the answers are kept in draft ${draft.id}: \`${hints.program} run --resume ${draft.id}${hints.storeFlag}\` shows the report again${saveFailed === undefined ? '' : ' and saves it (add --store DIR to save it elsewhere)'}`
            : undefined;
      if (kept === undefined && alsoLost === '') throw error;
      throw new UserError(`${error.message}${alsoLost}`, {
        exitCode: error.exitCode,
        diagnostics: error.diagnostics,
        hint: [error.hint, kept].filter((h): h is string => h !== undefined).join('; '),
      });
    }
    if (saveFailed !== undefined) {
      if (saveFailed instanceof UserError && draft !== undefined && saved.final !== true)
        throw new UserError(saveFailed.message, {
          exitCode: saveFailed.exitCode,
          hint: `the answers are kept in draft ${draft.id}; \`${hints.program} run --resume ${draft.id} --store DIR\` saves them elsewhere`,
        });
      throw saveFailed;
    }
    if (recordId !== undefined)
      writeNow(errStyle.dim(savedLine(recordId, saved.corrects, assessed.corrects, hints)));
    else if (recordedAs !== undefined)
      writeNow(errStyle.dim(repeatedLine(recordedAs, assessed.corrects, hints)));
    else if (draft !== undefined && !options.save) {
      // The report is out: a finished --no-save interview leaves nothing behind (an interrupted one keeps its draft).
      let gone = 'its draft is deleted';
      try {
        discardDraft(draft);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        gone = `its draft could not be deleted (${error.message}); \`${hints.program} drafts --discard ${safe(draft.id)}\` deletes it`;
      }
      writeNow(errStyle.dim(`Not saved as a record (--no-save); ${gone}.\n`));
    }
  } finally {
    releaseNotice();
  }
}

/** `clientfit run`: the interview, or an assessment from answers; saves the record, then writes the report. */
export const runCommand = defineCommand({
  name: 'run',
  description:
    'assess a prospect: the interview on a terminal, or from an answers file; recommends take, take with conditions, or decline',
  flags: runFlags,
  help: `
  On a terminal, questions without an answer are asked one by one (prompts go to
  standard error); each answer is saved to a draft at once. Without a terminal,
  nothing is asked: every required answer must come from --answers or --answer.
  Every finished assessment is saved as a record (see history, show, rescore).

  Examples:
    clientfit run                             # the interview
    clientfit template > acme.yaml            # an intake form to fill in
    clientfit run --answers acme.yaml --prospect "Acme Ltd"
    clientfit run --answers acme.yaml --json --output acme.json
    clientfit run --answers acme.yaml --answer needs-endorsement=yes --exit-code --no-save
    clientfit run --edit "Acme Ltd"           # correct a saved assessment (review its answers)
    clientfit run --edit "Acme Ltd" --answer needs-endorsement=no`,
  async action(options, context) {
    await run(options, context.settingsFor(options), context);
  },
});
