import { dirname, resolve } from 'node:path';
import { outputFormats } from '../core/config';
import type { Settings } from '../core/config';
import { buildRecord, sameAssessment } from '../core/record';
import { UserError } from '../errors';
import { ExitCode, VerdictExitCode } from '../exit-codes';
import type { StoredDraft } from '../io/drafts';
import { discardDraft } from '../io/drafts';
import { latestRecordOf, newRecordId, prepareStore, saveAssessment } from '../io/store';
import { reportRenderers } from '../render/report';
import { plainStyle } from '../render/style';
import { safe } from '../render/terminal-safe';
import { version } from '../version';
import { assessProspect } from './assess-prospect';
import type { CommandContext, MainIO } from './context';
import { canPrompt, uninterrupted } from './context';
import { defineCommand, type CommandOptions } from './define-command';
import { briefFlag, reportFormat, textLayout } from './text-layout';
import type { HintWords } from './program-name';
import { hintWords } from './program-name';

const runFlags = [
  { flags: '--answers <file>', description: 'answers file (YAML or JSON); "-" reads standard input' },
  {
    flags: '--answer <id=value>',
    description: 'change one answer of the file or draft, as an interviewer would (repeatable; id= clears it)',
    repeatable: true,
  },
  { flags: '--prospect <name>', description: "the prospect's name, for the report" },
  { flags: '--bank <path>', description: 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)' },
  { flags: '--allow-partial', description: 'count missing answers as unknown instead of asking or failing' },
  { flags: '--format <format>', description: 'output format (default: config or text)', choices: outputFormats },
  { flags: '--json', description: 'shorthand for --format json' },
  { flags: '--output <file>', description: 'write the report to a file (atomically) instead of standard output' },
  { flags: '--force', description: 'with --output: replace an existing file' },
  { flags: '--exit-code', description: 'exit with the recommendation: take 0, take-with-conditions 10, decline 20, undecided 30' },
  { flags: '--resume [draft]', description: 'continue an interrupted interview (default: the most recent unfinished draft)' },
  { flags: '--store <dir>', description: 'where records are saved (default: config, $CLIENTFIT_STORE or the XDG data folder)' },
  { flags: '--no-save', description: 'do not save a record of this assessment' },
  briefFlag,
  { flags: '--by <name>', description: 'who assessed, for the record (default: "by" in the config file, git user.name, or the login name)' },
] as const;

type RunFlags = CommandOptions<typeof runFlags, []>;

/** The time a report is stamped with: SOURCE_DATE_EPOCH when set, else the clock. */
function reportTime(io: MainIO): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return io.now();
}

/** The command that shows a record again, with enough of its id to be unambiguous. */
function showAgain(hints: HintWords, recordId: string): string {
  return `\`${hints.program} show ${safe(recordId.slice(0, 24))}${hints.storeFlag}\``;
}

/**
 * The error for a draft that cannot be claimed because its folder cannot be
 * written: no record is saved (a record saved without the claim could be
 * saved again by every other resume of the draft), and the draft stays.
 */
function claimBlocked(draft: StoredDraft, why: string, hints: HintWords): UserError {
  const folder = dirname(draft.path);
  return new UserError(
    `the assessment was not saved as a record: the draft ${draft.id} cannot be taken from ${folder} (${why}), and without that a second resume of it could save it again`,
    {
      exitCode: ExitCode.invalidInput,
      hint: `the answers stay in the draft; make ${folder} writable for you, then \`${hints.program} run --resume ${draft.id}${hints.storeFlag}\` saves them (or copy the draft to a folder you can write and resume that path)`,
    },
  );
}

/**
 * `clientfit run`: assesses the prospect (from answers, or by interview),
 * saves the record, then writes the report. The record is written before the
 * report, so a report that cannot be written (the --output file exists, the
 * disk is full) loses nothing.
 */
async function run(options: RunFlags, settings: Settings, context: CommandContext): Promise<void> {
  const { io } = context;
  // Before any question is asked: --brief with another format is a mistake.
  const format = reportFormat(settings, options.brief);
  const errStyle = context.styleFor(settings, io.stderr);
  const writeNow = io.writeErrNow ?? ((text: string) => io.stderr.write(text));
  const now = reportTime(io);
  const hints = hintWords(io.env, options, io.cwd);
  const { report, draft, answers, bankPath } = await assessProspect({
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
  // The record is written before the report, so a report that cannot be
  // written (the --output file exists, the disk is full) loses nothing.
  let recordId: string | undefined;
  let saved: Awaited<ReturnType<typeof saveAssessment>> | undefined;
  let saveFailed: Error | undefined;
  let claimWasBlocked = false;
  // The same answers file run again for the same prospect and bank: the record it made then is this one.
  let recordedAs: string | undefined;
  let releaseNotice: () => void = () => undefined;
  const savedNotice = (id: string, signal: string): void => {
    writeNow(`\nStopped by ${signal}; the assessment is saved as record ${safe(id)} (${showAgain(hints, id)}).\n`);
  };
  if (options.save) {
    const { name: assessedBy } = context.assessor(options.by);
    const record = buildRecord(newRecordId(now, report.prospect), io.now(), resolve(io.cwd, bankPath), answers, report, assessedBy);
    try {
      // The folder first, while a signal still ends clientfit at once: one that cannot be made (a file, /proc) fails here.
      prepareStore(settings.store.value);
      // A resumed draft that repeats the prospect's latest record was saved before (by a save that stopped before it could
      // say so, or from a copy of the draft): not again. A new interview is always saved.
      const last = draft === undefined || options.resume !== undefined ? latestRecordOf(settings.store.value, report.prospect) : undefined;
      if (last !== undefined && sameAssessment(last, record)) recordedAs = last.id;
      else
        await uninterrupted(
          io,
          async () => {
            // The draft is claimed, the record saved, the draft retired (see saveAssessment).
            saved = await saveAssessment(settings.store.value, record, draft);
            if (saved.saved) recordId = saved.recordId;
          },
          (signal) => {
            if (recordId !== undefined) savedNotice(recordId, signal);
          },
        );
    } catch (error) {
      // Show the report all the same, then say what could not be kept.
      saveFailed = error instanceof Error ? error : new Error(String(error));
    }
    const outcome = saved;
    if (outcome !== undefined && 'blocked' in outcome && draft !== undefined) {
      saveFailed = claimBlocked(draft, outcome.blocked, hints);
      claimWasBlocked = true;
    }
    // Until the "Saved as record" line is written, a signal still says where the assessment is.
    const id = recordId;
    if (id !== undefined)
      releaseNotice =
        io.onInterrupt?.((signal) => {
          savedNotice(id, signal);
        }) ?? releaseNotice;
  }
  try {
    const style = options.output === undefined ? context.styleFor(settings, io.stdout) : plainStyle;
    const text = reportRenderers[format](report, style, textLayout(io, options));
    if (draft !== undefined && options.output === undefined && io.stdout.isTTY === true) io.stdout.write('\n');
    try {
      await context.emit(text, options.output, options.force === true, 'Report');
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // When the record could not be saved either, both are said.
      const alsoLost = saveFailed === undefined ? '' : `; and the record was not saved either: ${saveFailed.message}`;
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
      if (saveFailed instanceof UserError && draft !== undefined && !claimWasBlocked)
        throw new UserError(saveFailed.message, {
          exitCode: saveFailed.exitCode,
          hint: `the answers are kept in draft ${draft.id}; \`${hints.program} run --resume ${draft.id} --store DIR\` saves them elsewhere`,
        });
      throw saveFailed;
    }
    const outcome = saved;
    if (outcome !== undefined && 'savedAs' in outcome)
      // Another clientfit finished this draft first (two resumes at once): its record holds these answers.
      writeNow(
        outcome.savedAs === undefined
          ? `This draft was already saved as a record by another clientfit (\`${hints.program} history${hints.storeFlag}\` lists it); it was not saved again.\n`
          : `This draft ${outcome.saving ? 'is being saved' : 'was already saved'} as record ${safe(outcome.savedAs)} by another clientfit${outcome.saving ? ' at this moment' : ''} (${showAgain(hints, outcome.savedAs)}); it was not saved again.\n`,
      );
    if (outcome !== undefined && 'besides' in outcome)
      writeNow(
        `Another clientfit saved this draft as record ${safe(outcome.besides)} with other answers while this one ran; these answers are saved as a record of their own.\n`,
      );
    if (outcome !== undefined && 'draftGone' in outcome)
      writeNow(`This draft was deleted by another clientfit while this one ran (discarded, or finished with --no-save); its answers are saved all the same.\n`);
    if (recordId !== undefined) writeNow(errStyle.dim(`Saved as record ${safe(recordId)} — ${showAgain(hints, recordId)} shows it again.\n`));
    else if (recordedAs !== undefined) {
      // Its draft is done with: the record holds its answers. One that cannot be deleted is met again, and settled, on the next resume.
      if (draft !== undefined)
        try {
          discardDraft(draft);
        } catch (error) {
          if (!(error instanceof UserError)) throw error;
        }
      writeNow(
        errStyle.dim(
          `Already recorded as record ${safe(recordedAs)} (the same prospect, answers and bank): not saved again — ${showAgain(hints, recordedAs)} shows it.\n`,
        ),
      );
    } else if (draft !== undefined && !options.save) {
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
  if (options.exitCode === true) context.setExitCode(VerdictExitCode[report.recommendation]);
}

/** `clientfit run`: the interview, or an assessment from answers; saves the record, then writes the report. */
export const runCommand = defineCommand({
  name: 'run',
  description: 'assess a prospect: the interview on a terminal, or from an answers file; recommends take, take with conditions, or decline',
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
    clientfit run --answers acme.yaml --answer needs-endorsement=yes --exit-code --no-save`,
  async action(options, context) {
    await run(options, context.settingsFor(options), context);
  },
});
