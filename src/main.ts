import { Command, CommanderError, Option } from 'commander';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors';
import { ExitCode, VerdictExitCode } from './exit-codes';
import { renderDiagnostic } from './render/diagnostics';
import type { Style } from './render/style';
import { colorStyle, plainStyle, wantsColor } from './render/style';
import { safe, safeLines } from './render/terminal-safe';
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
  readonly onInterrupt?: (handler: (signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP') => void) => () => void;
}

/** Prompts are shown only when standard input and standard error (where they are drawn) are terminals. */
export function canPrompt(io: MainIO): boolean {
  return io.stdin.isTTY === true && io.stderr.isTTY === true && io.promptStreams !== undefined;
}

/** The time a report is stamped with: SOURCE_DATE_EPOCH when set, else the clock. */
export function reportTime(io: MainIO): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d{1,12}$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return io.now();
}

/** Reads a flag's value as a non-empty string. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** The bank shipped with clientfit. */
export const shippedBank = fileURLToPath(new URL('../questions/three-degrees', import.meta.url));

/** The bank in use: --bank, then CLIENTFIT_BANK, then the shipped bank. */
export function bankInUse(flag: string | undefined, env: MainIO['env']): string {
  if (flag !== undefined && flag !== '') return flag;
  const fromEnv = env.CLIENTFIT_BANK;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : shippedBank;
}

interface GlobalOptions {
  color?: boolean;
}

function styleFor(program: Command, io: MainIO, stream: OutputStream): Style {
  const { color } = program.opts<GlobalOptions>();
  return wantsColor(color, io.env, stream.isTTY === true) ? colorStyle() : plainStyle;
}

function buildProgram(io: MainIO, setExit: (code: number) => void): Command {
  const program = new Command('clientfit');
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
Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid input,
130/143/129 interrupted (Ctrl+C / SIGTERM / SIGHUP).`,
    );

  program
    .command('validate')
    .description('check question banks: format, logic and their own examples')
    .argument('[paths...]', 'bank folders or files (default: the bank in use)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--json', 'shorthand for --format json')
    .option('--strict', 'fail on warnings too')
    .option('--bank <path>', 'the bank in use when no path is given (default: $CLIENTFIT_BANK or the shipped bank)')
    .addHelpText('after', '\nExit status: 0 when every bank is valid and its examples pass, 3 otherwise.')
    .action(async (paths: string[], options: { format: 'text' | 'json'; json?: boolean; strict?: boolean; bank?: string }) => {
      const [{ validate }, { validateRenderers }] = await Promise.all([import('./commands/validate'), import('./render/validate-report')]);
      const { report, exitCode } = validate({ paths, cwd: io.cwd, defaultBank: bankInUse(options.bank, io.env), strict: options.strict === true });
      const format = options.json === true ? 'json' : options.format;
      io.stdout.write(validateRenderers[format](report, styleFor(program, io, io.stdout)));
      setExit(exitCode);
    });

  program
    .command('run')
    .description('assess a prospect from an answers file and flags, and recommend take, take with conditions, or decline')
    .option('--answers <file>', 'answers file (YAML or JSON); "-" reads standard input')
    .option('--answer <id=value>', 'an answer on the command line (repeatable; wins over the file)', collect)
    .option('--prospect <name>', "the prospect's name, for the report")
    .option('--bank <path>', 'the question bank (default: $CLIENTFIT_BANK or the shipped bank)')
    .option('--allow-partial', 'count missing answers as unknown instead of failing')
    .addOption(new Option('--format <format>', 'output format').choices(reportFormatChoices).default('text'))
    .option('--json', 'shorthand for --format json')
    .option('--output <file>', 'write the report to a file (atomically) instead of standard output')
    .option('--force', 'with --output: replace an existing file')
    .option('--exit-code', 'exit with the recommendation: take 0, take-with-conditions 10, decline 20, undecided 30')
    .option('--resume [draft]', 'continue an interrupted interview (default: the most recent unfinished draft)')
    .addHelpText(
      'after',
      `
On a terminal, questions without an answer are asked one by one (prompts go to
standard error); each answer is saved to a draft at once. Without a terminal,
nothing is asked: every required answer must come from --answers or --answer.

Examples:
  clientfit run                             # the interview
  clientfit template > acme.yaml            # an intake form to fill in
  clientfit run --answers acme.yaml --prospect "Acme Ltd"
  clientfit run --answers acme.yaml --json --output acme.json
  clientfit run --answers acme.yaml --answer needs-endorsement=yes --exit-code`,
    )
    .action(async (options: RunFlags) => {
      await runAction(options, program, io, setExit);
    });

  program
    .command('drafts')
    .description('list interviews saved as drafts (unfinished first), or discard one')
    .option('--discard <draft>', 'delete a draft (id, unambiguous id prefix, or path)')
    .option('--json', 'list as JSON')
    .action(async (options: { discard?: string; json?: boolean }) => {
      const { drafts } = await import('./commands/drafts');
      io.stdout.write(drafts({ env: io.env, cwd: io.cwd, discard: options.discard, json: options.json === true, style: styleFor(program, io, io.stdout) }));
    });

  program
    .command('template')
    .description('print an answers-file skeleton with every question, its options and help, to fill in')
    .addOption(new Option('--format <format>', 'yaml (with comments) or json').choices(['yaml', 'json']).default('yaml'))
    .option('--bank <path>', 'the question bank (default: $CLIENTFIT_BANK or the shipped bank)')
    .option('--output <file>', 'write it to a file (atomically) instead of standard output')
    .option('--force', 'with --output: replace an existing file')
    .action(async (options: { format: 'yaml' | 'json'; bank?: string; output?: string; force?: boolean }) => {
      const [{ loadBankOrFail }, { template }] = await Promise.all([import('./commands/run'), import('./commands/template')]);
      const { bank } = loadBankOrFail(bankInUse(options.bank, io.env), io.cwd);
      await emit(template(bank, options.format), options.output, options.force === true, io);
    });

  program
    .command('questions')
    .description('show the bank as the interviewer meets it: questions in order, follow-ups under the answers that open them')
    .option('--bank <path>', 'the question bank (default: $CLIENTFIT_BANK or the shipped bank)')
    .action(async (options: { bank?: string }) => {
      const [{ loadBankOrFail }, { questionsTree }] = await Promise.all([import('./commands/run'), import('./commands/questions')]);
      const { bank } = loadBankOrFail(bankInUse(options.bank, io.env), io.cwd);
      io.stdout.write(questionsTree(bank, styleFor(program, io, io.stdout)));
    });

  return program;
}

const reportFormatChoices = ['text', 'json', 'markdown'];

async function runAction(options: RunFlags, program: Command, io: MainIO, setExit: (code: number) => void): Promise<void> {
  const { assessProspect } = await import('./commands/assess-prospect');
  const errStyle = styleFor(program, io, io.stderr);
  const writeNow = io.writeErrNow ?? ((text: string) => io.stderr.write(text));
  const { report, draft } = await assessProspect({
    cwd: io.cwd,
    env: io.env,
    bankPath: bankInUse(options.bank, io.env),
    bankFlag: options.bank,
    answersPath: options.answers,
    answerArgs: options.answer ?? [],
    prospect: options.prospect,
    allowPartial: options.allowPartial === true,
    now: reportTime(io),
    toolVersion: version,
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
  const { reportRenderers } = await import('./render/report');
  const format = options.json === true ? 'json' : options.format;
  const target = options.output === undefined ? io.stdout : undefined;
  const text = reportRenderers[format](report, target === undefined ? plainStyle : styleFor(program, io, target));
  if (draft !== undefined && options.output === undefined && io.stdout.isTTY === true) io.stdout.write('\n');
  await emit(text, options.output, options.force === true, io);
  if (options.output !== undefined) writeNow(`Report written to ${safe(options.output)}.\n`);
  if (draft !== undefined) writeNow(errStyle.dim(`Answers kept in draft ${safe(draft.id)}: \`clientfit run --resume ${safe(draft.id)} --format markdown\` shows this report again.\n`));
  if (options.exitCode === true) setExit(VerdictExitCode[report.recommendation]);
}

interface RunFlags {
  answers?: string;
  answer?: string[];
  prospect?: string;
  bank?: string;
  allowPartial?: boolean;
  format: 'text' | 'json' | 'markdown';
  json?: boolean;
  output?: string;
  force?: boolean;
  exitCode?: boolean;
  resume?: string | true;
}

/** Writes output to standard output, or atomically to --output. */
async function emit(text: string, output: string | undefined, force: boolean, io: MainIO): Promise<void> {
  if (output === undefined) {
    io.stdout.write(text);
    return;
  }
  const { writeFileAtomic } = await import('./io/write-file');
  writeFileAtomic(resolve(io.cwd, output), text, { overwrite: force });
}

/**
 * Runs clientfit with the given arguments (without `node` and the script) and
 * returns the exit code. Never calls process.exit and never throws.
 */
export async function main(argv: readonly string[], io: MainIO): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
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
    return reportError(error, program, io);
  }
}

function reportError(error: unknown, program: Command, io: MainIO): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return ExitCode.ok;
    // Commander has already printed its message through outputError.
    return ExitCode.usage;
  }
  const style = styleFor(program, io, io.stderr);
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
