import { Argument, Command, CommanderError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ColorMode, Config, OutputFormat, Settings } from './core/config';
import type { RecordFilter } from './core/record-filter';
import { UserError, usageError } from './errors';
import type { InterruptSignal } from './exit-codes';
import { ExitCode, VerdictExitCode } from './exit-codes';
import { renderDiagnostic } from './render/diagnostics';
import type { Style } from './render/style';
import { colorOn } from './core/color';
import { colorStyle, plainStyle, wantsColor } from './render/style';
import { safe, safeLines, terminalSafeStream, terminalText } from './render/terminal-safe';
import { version } from './version';

/** A stream clientfit writes to. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything main needs from the outside world, so tests can pass their own. */
export interface MainIO {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly stdin: { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** The clock; SOURCE_DATE_EPOCH (seconds) overrides it for reproducible reports. */
  readonly now: () => Date;
  /** The real streams for prompts, when there are any (the bin passes process.stdin and process.stderr). */
  readonly promptStreams?: { readonly input: NodeJS.ReadStream; readonly output: NodeJS.WriteStream };
  /** Writes to standard error synchronously (safe while the process is exiting). */
  readonly writeErrNow?: (text: string) => void;
  /** Registers a synchronous handler for SIGINT/SIGTERM/SIGHUP; returns its removal. */
  readonly onInterrupt?: (handler: (signal: InterruptSignal) => void) => () => void;
}

/** Prompts are shown only when standard input and standard error (where they are drawn) are terminals. */
export function canPrompt(io: MainIO): boolean {
  // Standard error first: it is open already, standard input may not be.
  return io.stderr.isTTY === true && io.stdin.isTTY === true && io.promptStreams !== undefined;
}

/** The time a report is stamped with: SOURCE_DATE_EPOCH when set, else the clock. */
export function reportTime(io: MainIO): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return io.now();
}

/** Collects every value of a repeatable flag (--answer), in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** clientfit's own folder: the nearest one above this file that holds questions/ (dist/ when built, src/ in tests). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4 && !existsSync(join(dir, 'questions', 'three-degrees')); i++) dir = dirname(dir);
  return dir;
}
const root = packageRoot();

/** The bank shipped with clientfit, and the JSON Schemas beside it. */
export const shippedBank = join(root, 'questions', 'three-degrees');
const schemaDir = join(root, 'questions', 'schema');

interface GlobalOptions {
  color?: boolean;
}

interface SettingFlags {
  bank?: string | undefined;
  store?: string | undefined;
  format?: OutputFormat | undefined;
  json?: boolean | undefined;
}

async function styleFromMode(mode: ColorMode, stream: OutputStream): Promise<Style> {
  return colorOn(mode, () => stream.isTTY === true) ? colorStyle() : plainStyle;
}

const historyFormats = ['text', 'json', 'csv', 'markdown'];
const reportFormatChoices = ['text', 'json', 'markdown'];

/** The commands' code: its modules run only when a command does (not for --help or --version). */
const load = () => import('./commands/index');

/** The commands, by name: `main` builds only the one being run when the arguments name it. */
const commandNames = ['run', 'history', 'show', 'rescore', 'drafts', 'template', 'questions', 'validate', 'config', 'init', 'completion'] as const;

/**
 * The command line. With `only`, just that command is built (with the global
 * options): a run does not pay for setting up the other ten. Help for the
 * whole program, completion scripts and suggestions for a mistyped command
 * need them all, and get them.
 */
function buildProgram(io: MainIO, setExit: (code: number) => void, only?: (typeof commandNames)[number]): Command {
  const program = new Command('clientfit');
  const wanted = (name: (typeof commandNames)[number]): boolean => only === undefined || only === name;
  const globalColor = (): boolean | undefined => program.opts<GlobalOptions>().color;
  let configCache: { file: string; config: Config } | undefined;

  /** Effective settings for a command: flags, environment, config file, defaults (the config is read once). */
  const settingsFor = async (flags: SettingFlags): Promise<Settings> => {
    const { configPath, readConfig, defaultStore, resolveSettings } = await load();
    if (configCache === undefined) {
      const file = configPath(io.env);
      configCache = { file, config: await readConfig(file) };
    }
    return resolveSettings({
      flags: { bank: flags.bank, store: flags.store, format: flags.json === true ? 'json' : flags.format, color: globalColor() },
      env: io.env,
      config: configCache.config,
      configFile: configCache.file,
      defaults: { bank: shippedBank, store: defaultStore(io.env) },
    });
  };
  const styleWith = (settings: Settings, stream: OutputStream): Promise<Style> => styleFromMode(settings.color.value, stream);
  const warn = (text: string): void => {
    io.stderr.write(text);
  };

  program
    .description('Find out, before the sales call, which of the three degrees of clients a prospect is, and whether to take the work.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--color', 'force colour output')
    .option('--no-color', 'turn colour output off (NO_COLOR is honoured too)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => {
        write(`clientfit: ${safeLines(s.replace(/^error: /, ''))}`);
        write('Run `clientfit --help` for the commands and flags.\n');
      },
    })
    .addHelpText(
      'after',
      `
Run with no command on a terminal to interview a prospect.
Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid input,
4 rescore --exit-code found changes, 130/143/129 interrupted (Ctrl+C / SIGTERM / SIGHUP).`,
    );

  if (wanted('run')) {
    program
      .command('run')
      .description('assess a prospect: the interview on a terminal, or from an answers file; recommends take, take with conditions, or decline')
      .option('--answers <file>', 'answers file (YAML or JSON); "-" reads standard input')
      .option('--answer <id=value>', 'an answer on the command line (repeatable; wins over the file)', collect)
      .option('--prospect <name>', "the prospect's name, for the report")
      .option('--bank <path>', 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)')
      .option('--allow-partial', 'count missing answers as unknown instead of asking or failing')
      .addOption(new Option('--format <format>', 'output format (default: config or text)').choices(reportFormatChoices))
      .option('--json', 'shorthand for --format json')
      .option('--output <file>', 'write the report to a file (atomically) instead of standard output')
      .option('--force', 'with --output: replace an existing file')
      .option('--exit-code', 'exit with the recommendation: take 0, take-with-conditions 10, decline 20, undecided 30')
      .option('--resume [draft]', 'continue an interrupted interview (default: the most recent unfinished draft)')
      .option('--store <dir>', 'where records are saved (default: config, $CLIENTFIT_STORE or the XDG data folder)')
      .option('--no-save', 'do not save a record of this assessment')
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
    clientfit run --answers acme.yaml --answer needs-endorsement=yes --exit-code --no-save`,
      )
      .action(async (options: RunFlags) => {
        const settings = await settingsFor(options);
        await runAction(options, settings, io, setExit, (stream) => styleWith(settings, stream));
      });
  }

  if (wanted('history')) {
    program
      .command('history')
      .description('list saved assessments, newest first')
      .option('--prospect <text>', 'only prospects whose name contains this (any case)')
      .option('--since <date>', 'only from this date (YYYY-MM-DD, or an ISO time)')
      .option('--until <date>', 'only up to this date, inclusive')
      .addOption(new Option('--recommendation <verdict>', 'only this recommendation').choices(['take', 'take-with-conditions', 'decline', 'undecided']))
      .addOption(new Option('--format <format>', 'output format').choices(historyFormats))
      .option('--json', 'shorthand for --format json')
      .option('--store <dir>', 'the record store (default: config, $CLIENTFIT_STORE or the XDG data folder)')
      .action(async (options: FilterFlags & { format?: string; json?: boolean; store?: string }) => {
        const settings = await settingsFor({ store: options.store });
        const { history } = await load();
        const chosen = options.json === true ? 'json' : (options.format ?? (historyFormats.includes(settings.format.value) ? settings.format.value : 'text'));
        for (const chunk of history({
          store: settings.store.value,
          filter: await filterFrom(options),
          format: chosen as 'text',
          style: await styleWith(settings, io.stdout),
          warn,
        }))
          io.stdout.write(chunk);
      });
  }

  if (wanted('show')) {
    program
      .command('show')
      .description('show one saved assessment again, in any output format')
      .argument('<record>', 'a record id, an unambiguous id prefix, or a prospect name (its latest assessment)')
      .addOption(new Option('--format <format>', 'output format (default: config or text)').choices(reportFormatChoices))
      .option('--json', 'shorthand for --format json')
      .option('--output <file>', 'write it to a file (atomically) instead of standard output')
      .option('--force', 'with --output: replace an existing file')
      .option('--store <dir>', 'the record store (default: config, $CLIENTFIT_STORE or the XDG data folder)')
      .action(async (ref: string, options: { format?: OutputFormat; json?: boolean; store?: string; output?: string; force?: boolean }) => {
        const settings = await settingsFor(options);
        const { findRecord, reportRenderers } = await load();
        const record = findRecord(settings.store.value, ref, warn);
        await emit(
          reportRenderers[settings.format.value](record.report, options.output === undefined ? await styleWith(settings, io.stdout) : plainStyle),
          options.output,
          options.force === true,
          io,
        );
      });
  }

  if (wanted('rescore')) {
    program
      .command('rescore')
      .description('score saved assessments again with a bank, and show which verdicts change and why')
      .option('--bank <path>', 'the bank to score with (default: config, $CLIENTFIT_BANK or the shipped bank)')
      .option('--prospect <text>', 'only prospects whose name contains this (any case)')
      .option('--since <date>', 'only from this date (YYYY-MM-DD, or an ISO time)')
      .option('--until <date>', 'only up to this date, inclusive')
      .addOption(
        new Option('--recommendation <verdict>', 'only records with this recommendation').choices(['take', 'take-with-conditions', 'decline', 'undecided']),
      )
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']))
      .option('--json', 'shorthand for --format json')
      .option('--exit-code', 'exit 4 when any verdict changed (for CI on a bank kept in git)')
      .option('--store <dir>', 'the record store (default: config, $CLIENTFIT_STORE or the XDG data folder)')
      .action(async (options: FilterFlags & { bank?: string; format?: 'text' | 'json'; json?: boolean; exitCode?: boolean; store?: string }) => {
        const settings = await settingsFor({ bank: options.bank, store: options.store });
        const { rescore, loadBankOrFail, bankCacheDir } = await load();
        const { bank } = await loadBankOrFail(settings.bank.value, io.cwd, bankCacheDir(io.env));
        const summary = { value: { scored: 0, changed: 0, skipped: 0 } };
        const format = options.json === true ? 'json' : (options.format ?? (settings.format.value === 'json' ? 'json' : 'text'));
        for (const chunk of rescore(
          { store: settings.store.value, bank, filter: await filterFrom(options), format, style: await styleWith(settings, io.stdout), warn },
          summary,
        ))
          io.stdout.write(chunk);
        if (options.exitCode === true && summary.value.changed > 0) setExit(ExitCode.verdictsChanged);
      });
  }

  if (wanted('drafts')) {
    program
      .command('drafts')
      .description('list interviews saved as drafts (unfinished first), or discard one')
      .option('--discard <draft>', 'delete a draft (id, unambiguous id prefix, or path)')
      .option('--json', 'list as JSON')
      .action(async (options: { discard?: string; json?: boolean }) => {
        const settings = await settingsFor({});
        const { drafts } = await load();
        io.stdout.write(
          await drafts({ env: io.env, cwd: io.cwd, discard: options.discard, json: options.json === true, style: await styleWith(settings, io.stdout) }),
        );
      });
  }

  if (wanted('template')) {
    program
      .command('template')
      .description('print an answers-file skeleton with every question, its options and help, to fill in')
      .addOption(new Option('--format <format>', 'yaml (with comments) or json').choices(['yaml', 'json']).default('yaml'))
      .option('--bank <path>', 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)')
      .option('--output <file>', 'write it to a file (atomically) instead of standard output')
      .option('--force', 'with --output: replace an existing file')
      .action(async (options: { format: 'yaml' | 'json'; bank?: string; output?: string; force?: boolean }) => {
        const settings = await settingsFor({ bank: options.bank });
        const { loadBankOrFail, template, bankCacheDir } = await load();
        const { bank } = await loadBankOrFail(settings.bank.value, io.cwd, bankCacheDir(io.env));
        await emit(template(bank, options.format), options.output, options.force === true, io);
      });
  }

  if (wanted('questions')) {
    program
      .command('questions')
      .description('show the bank as the interviewer meets it: questions in order, follow-ups under the answers that open them')
      .option('--bank <path>', 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)')
      .action(async (options: { bank?: string }) => {
        const settings = await settingsFor(options);
        const { loadBankOrFail, questionsTree, bankCacheDir } = await load();
        const { bank } = await loadBankOrFail(settings.bank.value, io.cwd, bankCacheDir(io.env));
        io.stdout.write(questionsTree(bank, await styleWith(settings, io.stdout)));
      });
  }

  if (wanted('validate')) {
    program
      .command('validate')
      .description('check question banks: format, logic and their own examples')
      .argument('[paths...]', 'bank folders or files (default: the bank in use)')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']))
      .option('--json', 'shorthand for --format json')
      .option('--strict', 'fail on warnings too')
      .option('--bank <path>', 'the bank in use when no path is given (default: config, $CLIENTFIT_BANK or the shipped bank)')
      .addHelpText('after', '\nExit status: 0 when every bank is valid and its examples pass, 3 otherwise.')
      .action(async (paths: string[], options: { format?: 'text' | 'json'; json?: boolean; strict?: boolean; bank?: string }) => {
        const settings = await settingsFor({ bank: options.bank });
        const { validate, validateRenderers, bankCacheDir } = await load();
        const { report, exitCode } = await validate({
          paths,
          cwd: io.cwd,
          defaultBank: settings.bank.value,
          strict: options.strict === true,
          cacheDir: bankCacheDir(io.env),
        });
        const format = options.json === true ? 'json' : (options.format ?? (settings.format.value === 'json' ? 'json' : 'text'));
        io.stdout.write(validateRenderers[format](report, await styleWith(settings, io.stdout)));
        setExit(exitCode);
      });
  }

  if (wanted('config')) {
    program
      .command('config')
      .description('show each effective setting and where it came from (flag, environment, config file, default)')
      .option('--json', 'as JSON')
      .action(async (options: { json?: boolean }) => {
        const settings = await settingsFor({});
        const { showConfig, configPath } = await load();
        io.stdout.write(showConfig(settings, configPath(io.env), options.json === true, await styleWith(settings, io.stdout)));
      });
  }

  if (wanted('init')) {
    program
      .command('init')
      .description("copy the shipped bank into a folder, as the start of your agency's own bank")
      .argument('[dir]', 'the folder to create', 'clientfit-bank')
      .action(async (dir: string) => {
        const { init } = await load();
        io.stdout.write(init({ dir, cwd: io.cwd, shippedBank, schemaDir }));
      });
  }

  if (wanted('completion')) {
    program
      .command('completion')
      .description('print a shell completion script (see the README for installing it)')
      .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
      .action(async (shell: 'bash' | 'zsh' | 'fish') => {
        const { completion } = await load();
        io.stdout.write(completion(program, shell));
      });
  }

  return program;
}

interface FilterFlags {
  prospect?: string;
  since?: string;
  until?: string;
  recommendation?: string;
}

async function filterFrom(flags: FilterFlags): Promise<RecordFilter> {
  const { parseDateBound } = await load();
  const bound = (flag: '--since' | '--until', text: string | undefined): Date | undefined => {
    if (text === undefined) return undefined;
    const date = parseDateBound(text, flag === '--until');
    if (date === undefined) throw usageError(`${flag} takes a date like 2026-11-22 or an ISO time like 2026-11-22T09:30:00Z, not ${JSON.stringify(text)}`);
    return date;
  };
  const since = bound('--since', flags.since);
  const until = bound('--until', flags.until);
  return {
    ...(flags.prospect === undefined ? {} : { prospect: flags.prospect }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(flags.recommendation === undefined ? {} : { recommendation: flags.recommendation }),
  };
}

async function runAction(
  options: RunFlags,
  settings: Settings,
  io: MainIO,
  setExit: (code: number) => void,
  styleFor: (stream: OutputStream) => Promise<Style>,
): Promise<void> {
  const { assessProspect, bankCacheDir } = await load();
  const errStyle = await styleFor(io.stderr);
  const writeNow = io.writeErrNow ?? ((text: string) => io.stderr.write(text));
  const now = reportTime(io);
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
    cacheDir: bankCacheDir(io.env),
    canPrompt: canPrompt(io),
    resume: options.resume,
    style: errStyle,
    writeNow,
    onInterrupt: io.onInterrupt ?? (() => () => undefined),
    prompter: async () => {
      const streams = io.promptStreams;
      if (streams === undefined) throw new Error('prompts need a terminal');
      const { inquirerPrompter } = await import('./interview/inquirer-prompter');
      return inquirerPrompter(streams);
    },
  });
  const { reportRenderers, buildRecord, newRecordId, prepareStore, saveAssessment } = await load();
  // The record is written before the report, so a report that cannot be
  // written (the --output file exists, the disk is full) loses nothing.
  let recordId: string | undefined;
  let saved: Awaited<ReturnType<typeof saveAssessment>> | undefined;
  let saveFailed: Error | undefined;
  let releaseNotice: () => void = () => undefined;
  const savedNotice = (id: string, signal: InterruptSignal): void => {
    writeNow(`\nStopped by ${signal}; the assessment is saved as record ${safe(id)} (${showCommand(id)}).\n`);
  };
  if (options.save) {
    const record = buildRecord(newRecordId(now, report.prospect), io.now(), resolve(io.cwd, bankPath), answers, report);
    try {
      // The folder first, while a signal still ends clientfit at once: one that cannot be made (a file, /proc) fails here.
      prepareStore(settings.store.value);
      await uninterrupted(
        io,
        () => {
          // The draft is claimed, the record saved, the draft retired (see saveAssessment).
          saved = saveAssessment(settings.store.value, record, draft);
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
    // Until the "Saved as record" line is written, a signal still says where the assessment is.
    const id = recordId;
    if (id !== undefined)
      releaseNotice =
        io.onInterrupt?.((signal) => {
          savedNotice(id, signal);
        }) ?? releaseNotice;
  }
  try {
    const text = reportRenderers[settings.format.value](report, options.output === undefined ? await styleFor(io.stdout) : plainStyle);
    if (draft !== undefined && options.output === undefined && io.stdout.isTTY === true) io.stdout.write('\n');
    try {
      await emit(text, options.output, options.force === true, io);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // When the record could not be saved either, both are said.
      const alsoLost = saveFailed === undefined ? '' : `; and the record was not saved either: ${saveFailed.message}`;
      const kept =
        recordId !== undefined
          ? `the assessment is saved as record ${recordId}: \`clientfit show ${recordId} --output FILE\` writes it`
          : draft !== undefined
            ? `the answers are kept in draft ${draft.id}: \`clientfit run --resume ${draft.id}\` shows the report again${saveFailed === undefined ? '' : ' and saves it (add --store DIR to save it elsewhere)'}`
            : undefined;
      if (kept === undefined && alsoLost === '') throw error;
      throw new UserError(`${error.message}${alsoLost}`, {
        exitCode: error.exitCode,
        diagnostics: error.diagnostics,
        hint: [error.hint, kept].filter((h): h is string => h !== undefined).join('; '),
      });
    }
    if (options.output !== undefined) writeNow(`Report written to ${safe(options.output)}.\n`);
    if (saveFailed !== undefined) {
      if (saveFailed instanceof UserError && draft !== undefined)
        throw new UserError(saveFailed.message, {
          exitCode: saveFailed.exitCode,
          hint: `the answers are kept in draft ${draft.id}; \`clientfit run --resume ${draft.id} --store DIR\` saves them elsewhere`,
        });
      throw saveFailed;
    }
    const outcome = saved;
    if (outcome !== undefined && !outcome.saved)
      // Another clientfit finished this draft first (two resumes at once): its record holds these answers.
      writeNow(
        outcome.savedAs === undefined
          ? `This draft was already saved as a record by another clientfit (\`clientfit history\` lists it); it was not saved again.\n`
          : `This draft was already saved as record ${safe(outcome.savedAs)} by another clientfit (${showCommand(outcome.savedAs)}); it was not saved again.\n`,
      );
    if (outcome?.saved === true && outcome.draftKept !== undefined && draft !== undefined)
      writeNow(
        `${errStyle.yellow('note:')} the draft ${safe(draft.id)} could not be removed (${outcome.draftKept}); \`clientfit drafts --discard ${safe(draft.id)}\` deletes it once the folder can be written.\n`,
      );
    if (recordId !== undefined) writeNow(errStyle.dim(`Saved as record ${safe(recordId)} — ${showCommand(recordId)} shows it again.\n`));
    else if (draft !== undefined && !options.save) writeNow(errStyle.dim(`Not saved as a record (--no-save); the answers stay in draft ${safe(draft.id)}.\n`));
  } finally {
    releaseNotice();
  }
  if (options.exitCode === true) setExit(VerdictExitCode[report.recommendation]);
}

/** The command that shows a record again, with enough of its id to be unambiguous. */
function showCommand(recordId: string): string {
  return `\`clientfit show ${safe(recordId.slice(0, 24))}\``;
}

interface RunFlags {
  answers?: string;
  answer?: string[];
  prospect?: string;
  bank?: string;
  allowPartial?: boolean;
  format?: OutputFormat;
  json?: boolean;
  output?: string;
  force?: boolean;
  exitCode?: boolean;
  resume?: string | true;
  store?: string;
  save: boolean;
}

/** Writes output to standard output, or atomically to --output. */
async function emit(text: string, output: string | undefined, force: boolean, io: MainIO): Promise<void> {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  const { writeFileAtomic } = await load();
  await uninterrupted(io, () => {
    writeFileAtomic(resolve(io.cwd, output), text, { overwrite: force });
  });
}

/**
 * Runs a synchronous write that a signal must not cut in half (it would leave
 * a temporary file behind): a SIGINT, SIGTERM or SIGHUP that arrives meanwhile
 * waits for it, then is handled — `then` first, and exit 128+n — in the turn
 * of the event loop that follows. Outside such writes a signal ends clientfit
 * at once.
 */
async function uninterrupted(io: MainIO, write: () => void, then: (signal: InterruptSignal) => void = () => undefined): Promise<void> {
  const release = io.onInterrupt?.(then) ?? (() => undefined);
  try {
    write();
  } finally {
    await new Promise((resolve) => setImmediate(resolve));
    release();
  }
}

/**
 * The same outside world, with standard output and standard error (and the
 * synchronous writer) passing every write through terminalText. The other
 * members are read from `io` when asked, as before (some cost a module load).
 */
function terminalSafeIO(io: MainIO): MainIO {
  const writeErrNow = io.writeErrNow;
  return Object.create(io, {
    stdout: { value: terminalSafeStream(io.stdout) },
    stderr: { value: terminalSafeStream(io.stderr) },
    writeErrNow: {
      value:
        writeErrNow === undefined
          ? undefined
          : (text: string) => {
              writeErrNow(terminalText(text));
            },
    },
  }) as MainIO;
}

/**
 * Runs clientfit with the given arguments (without `node` and the script) and
 * returns the exit code. Never calls process.exit and never throws.
 */
export async function main(argv: readonly string[], rawIO: MainIO): Promise<number> {
  // The one place where output is made safe: every write below goes through terminalText.
  const io = terminalSafeIO(rawIO);
  let exitCode: number = ExitCode.ok;
  const named = commandNames.find((name) => name === argv[0] && name !== 'completion');
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    named,
  );
  try {
    if (argv.length === 0) {
      // The main job: the interview. Without a terminal there is no one to ask.
      if (!canPrompt(io)) {
        io.stderr.write(`${program.helpInformation()}\nclientfit: no terminal to run the interview in; pass answers with \`clientfit run --answers FILE\`.\n`);
        return ExitCode.usage;
      }
      await program.parseAsync(['run'], { from: 'user' });
      return exitCode;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return await reportError(error, program, io);
  }
}

async function reportError(error: unknown, program: Command, io: MainIO): Promise<number> {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    // Commander has already printed its message through outputError.
    return ExitCode.usage;
  }
  const style = wantsColor(program.opts<GlobalOptions>().color, io.env, () => io.stderr.isTTY === true) ? await colorStyle() : plainStyle;
  if (error instanceof UserError) {
    const lines = [`clientfit: ${safe(error.message)}`];
    for (const d of error.diagnostics) lines.push(renderDiagnostic(d, style, '  '));
    if (error.hint !== undefined) lines.push(`${style.cyan('hint:')} ${safe(error.hint)}`);
    io.stderr.write(`${lines.join('\n')}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr.write(
    `clientfit: internal error — this is a bug in clientfit, not a mistake of yours.\n  ${safe(detail)}\n` +
      `Please report it to the clientfit maintainers with the command you ran and this message` +
      `${io.env.CLIENTFIT_DEBUG === '1' ? '' : ' (run again with CLIENTFIT_DEBUG=1 to include the stack trace)'}.\n` +
      (io.env.CLIENTFIT_DEBUG === '1' && error instanceof Error && error.stack !== undefined ? `${safeLines(error.stack)}\n` : ''),
  );
  return ExitCode.internal;
}
