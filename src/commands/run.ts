import { Command } from '@commander-js/extra-typings';
import type { OutputFormat, Settings } from '../core/config';
import { outputFormats } from '../core/config';
import type { Report } from '../core/report/report-schema';
import { usageError, UserError } from '../errors';
import { VerdictExitCode } from '../exit-codes';
import { reportRenderers } from '../render/report';
import { plainStyle } from '../render/style';
import type { Style } from '../render/style';
import type { AssessOptions, AssessResult } from '../use-cases/assess-prospect';
import { assessProspect } from '../use-cases/assess-prospect';
import type { SaveResult } from '../use-cases/save-assessed';
import { discardFinished, saveAssessed } from '../use-cases/save-assessed';
import { version } from '../version';
import type { CommandContext, MainIO } from './context';
import { canPrompt, uninterrupted } from './context';
import { choiceOption, defineCommand, repeatableOption, type OptionsOf } from './define-command';
import type { HintWords } from '../use-cases/hint-words';
import { hintWords } from './program-name';
import {
  notSavedLine,
  reportLost,
  saveFailedError,
  saveFailure,
  savedWords,
  stoppedAfterSaveLine,
} from './run-messages';
import { briefOption, reportFormat, textLayout } from './text-layout';

/** `run`'s flags, as commander declares and types them; its description and help end the file. */
function runFlags() {
  return new Command('run')
    .option('--answers <file>', 'answers file (YAML or JSON); "-" reads standard input')
    .addOption(
      repeatableOption(
        '--answer <id=value>',
        'change one answer of the file or draft, as an interviewer would (repeatable; id= ' +
          'clears it)',
      ),
    )
    .option('--prospect <name>', "the prospect's name, for the report")
    .option(
      '--bank <path>',
      'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)',
    )
    .option('--allow-partial', 'count missing answers as unknown instead of asking or failing')
    .addOption(
      choiceOption('--format <format>', 'output format (default: config or text)', outputFormats),
    )
    .option('--json', 'shorthand for --format json')
    .option('--output <file>', 'write the report to a file (atomically) instead of standard output')
    .option('--force', 'with --output: replace an existing file')
    .option(
      '--exit-code',
      'exit with the recommendation: take 0, take-with-conditions 10, decline 20, undecided 30',
    )
    .option(
      '--resume [draft]',
      'continue an interrupted interview (default: the most recent unfinished draft)',
    )
    .option(
      '--take-over',
      'with --resume: take the draft from a clientfit that holds it but is no longer ' +
        'running, or runs on another machine',
    )
    .option(
      '--store <dir>',
      'where records are saved (default: config, $CLIENTFIT_STORE or the XDG data folder)',
    )
    .option('--no-save', 'do not save a record of this assessment')
    .option(
      '--edit <record>',
      'correct a saved assessment: its answers for review on a terminal, or changed by ' +
        '--answer; saves a record that replaces it',
    )
    .option(
      '--no-review',
      'go to the verdict without the review of every answer (config: "review: false")',
    )
    .addOption(briefOption())
    .option(
      '--by <name>',
      'who assessed, for the record (default: "by" in the config file, git user.name, or the ' +
        'login name)',
    );
}

type RunFlags = OptionsOf<ReturnType<typeof runFlags>>;

/** The time a report is stamped with: SOURCE_DATE_EPOCH when set, else the clock. */
function reportTime(io: MainIO): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return io.now();
}

/** What the four steps of a run share. */
interface RunSteps {
  readonly options: RunFlags;
  readonly settings: Settings;
  readonly context: CommandContext;
  /** The time the report is stamped with. */
  readonly now: Date;
  readonly hints: HintWords;
  /** The colours of standard error. */
  readonly errStyle: Style;
  /** Writes to standard error at once (safe while clientfit is exiting). */
  readonly writeNow: (text: string) => void;
}

/**
 * `clientfit run`: assess → save → render → print. The record is saved
 * before the report is written, so a report that cannot be written (the
 * --output file exists, the disk is full) loses nothing. A resumed draft is
 * held until then.
 */
async function run(options: RunFlags, settings: Settings, context: CommandContext): Promise<void> {
  const { io } = context;
  // Before any question is asked: --brief with another format is a mistake.
  const format = reportFormat(settings, options.brief);
  if (options.takeOver === true && options.resume === undefined)
    throw usageError('--take-over goes with --resume', 'add --resume DRAFT');
  const steps: RunSteps = {
    options,
    settings,
    context,
    errStyle: context.styleFor(settings, io.stderr),
    writeNow: io.writeErrNow ?? ((text: string) => io.stderr.write(text)),
    now: reportTime(io),
    hints: hintWords(io.env, options, io.cwd),
  };
  const assessed = await assessProspect(assessOptions(steps));
  try {
    const saved: SaveResult = options.save ? await save(steps, assessed) : { kind: 'not-saved' };
    const text = render(steps, assessed.report, format);
    await print(steps, assessed, saved, text);
  } finally {
    if (assessed.hold?.kind === 'held') assessed.hold.lock.release();
  }
  if (options.exitCode === true)
    context.setExitCode(VerdictExitCode[assessed.report.recommendation]);
}

/** What the assessment is given: the flags, the settings, and the ways to ask and to say. */
function assessOptions(steps: RunSteps): AssessOptions {
  const { options, settings, context, errStyle, writeNow } = steps;
  const { io } = context;
  return {
    cwd: io.cwd,
    env: io.env,
    bankPath: settings.bank.value,
    bankFlag: options.bank,
    answersPath: options.answers,
    answerArgs: options.answer ?? [],
    prospect: options.prospect,
    allowPartial: options.allowPartial === true,
    now: steps.now,
    toolVersion: version,
    canPrompt: canPrompt(io),
    resume: options.resume,
    takeOver: options.takeOver === true,
    edit: options.edit,
    review: options.review && context.config().review !== false,
    warn: context.warn,
    store: settings.store.value,
    hints: steps.hints,
    style: errStyle,
    writeNow,
    note: (text) => {
      writeNow(`${errStyle.yellow('note:')} ${text}\n`);
    },
    onInterrupt: io.onInterrupt ?? (() => () => undefined),
    prompter: async () => {
      const streams = io.promptStreams;
      if (streams === undefined) throw new Error('prompts need a terminal');
      const { inquirerPrompter } = await import('../interview/inquirer-prompter');
      return inquirerPrompter(streams);
    },
  };
}

/** Saves the record of the assessment; what became of it is said once the report is out. */
async function save(steps: RunSteps, assessed: AssessResult): Promise<SaveResult> {
  const { options, settings, context, hints, writeNow } = steps;
  const { io } = context;
  return saveAssessed(assessed, {
    store: settings.store.value,
    now: steps.now,
    clock: io.now,
    cwd: io.cwd,
    assessedBy: () => context.assessor(options.by).name,
    resumed: options.resume !== undefined,
    uninterrupted: (write, then) => uninterrupted(io, write, then),
    stoppedAfterSave: (id, signal) => {
      writeNow(stoppedAfterSaveLine(hints, id, signal));
    },
  });
}

/** The report in the chosen format: coloured only for a terminal, never in an --output file. */
function render(steps: RunSteps, report: Report, format: OutputFormat): string {
  const { options, settings, context } = steps;
  const { io } = context;
  const style = options.output === undefined ? context.styleFor(settings, io.stdout) : plainStyle;
  return reportRenderers[format](report, style, textLayout(io, options));
}

/**
 * Writes the report (to standard output or the --output file), then says
 * what became of the assessment: saved, already recorded, not saved and why.
 */
async function print(
  steps: RunSteps,
  assessed: AssessResult,
  saved: SaveResult,
  text: string,
): Promise<void> {
  const { options, context, hints, writeNow, errStyle } = steps;
  const { io } = context;
  const { draft } = assessed;
  const savedAs = saved.kind === 'saved' ? saved.recordId : undefined;
  const failure = saveFailure(saved, hints);
  // Until the "Saved as record" line is written, a signal still says where the assessment is.
  const releaseNotice =
    savedAs === undefined
      ? () => undefined
      : (io.onInterrupt?.((signal) => {
          writeNow(stoppedAfterSaveLine(hints, savedAs, signal));
        }) ?? (() => undefined));
  try {
    if (draft !== undefined && options.output === undefined && io.stdout.isTTY === true)
      io.stdout.write('\n');
    try {
      await context.emit(text, options.output, options.force === true, 'Report');
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      throw reportLost(error, savedAs, draft, failure, hints);
    }
    if (failure !== undefined) throw saveFailedError(failure, draft, hints);
    const words = savedWords(saved, assessed.corrects, hints);
    if (words !== undefined) writeNow(errStyle.dim(words));
    else if (draft !== undefined && saved.kind === 'not-saved')
      // The report is out: a finished --no-save interview leaves nothing behind (an interrupted
      // one keeps its draft).
      writeNow(errStyle.dim(notSavedLine(draft, discardFinished(draft), hints)));
  } finally {
    releaseNotice();
  }
}

/**
 * `clientfit run`: the interview, or an assessment from answers; saves the record, then writes the
 * report.
 */
export const runCommand = defineCommand(
  () =>
    runFlags()
      .description(
        'assess a prospect: the interview on a terminal, or from an answers file; recommends ' +
          'take, take with conditions, or decline',
      )
      .addHelpText(
        'after',
        `
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
      ),
  async (options, context) => {
    await run(options, context.settingsFor(options), context);
  },
);
