import { Command, CommanderError } from '@commander-js/extra-typings';
import { commands } from './commands';
import { completeCommandName, writeCompletions } from './commands/complete';
import type { MainIO, Program } from './commands/context';
import { canPrompt, commandContext } from './commands/context';
import { programName } from './commands/program-name';
import { UserError } from './errors';
import { ExitCode } from './exit-codes';
import { renderDiagnostic } from './render/diagnostics';
import { colorStyle, plainStyle, wantsColor } from './render/style';
import { safe, safeLines, terminalSafeStream, terminalText } from './render/terminal-safe';
import { version } from './version';

export type { MainIO, OutputStream } from './commands/context';

/** The command line: the global flags, then every command from its own module. */
function buildProgram(io: MainIO, setExitCode: (code: number) => void): Program {
  const program = new Command('clientfit')
    .description(
      'Find out, before the sales call, which of the three degrees of clients a prospect is, ' +
        'and whether to take the work.',
    )
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
        if (/'--format <format>' argument 'html' is invalid/.test(s))
          write(
            'html is a page for people to read or print: the call sheet (questions) and the report (run, show) have it.\n',
          );
        write(`Run \`${programName(io.env)} --help\` for the commands and flags.\n`);
      },
    })
    .addHelpText(
      'after',
      `
Run with no command on a terminal to interview a prospect; the flags of
\`run\` work without the command too (\`clientfit --prospect "Acme Ltd"\`).
Exit codes: 0 ok, 1 internal error, 2 usage error, 3 invalid input,
4 rescore --exit-code found changes, 130/143/129 interrupted (Ctrl+C / SIGTERM / SIGHUP);
with run --exit-code, the verdict: 0 take, 10 take with conditions, 20 decline, 30 undecided.`,
    );
  const context = commandContext(io, program, setExitCode);
  // Each command takes the program's output, error and help settings, as program.command() would.
  for (const command of commands)
    program.addCommand(command(context).copyInheritedSettings(program));
  return program;
}

/**
 * The same outside world, with standard output and standard error (and the
 * synchronous writer) passing every write through terminalText. The other
 * members are read from `io` when asked.
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

const colorFlags: readonly string[] = ['--color', '--no-color'];
const programFlags: readonly string[] = [...colorFlags, '-h', '--help', '-V', '--version'];

/**
 * The arguments with `run` put in where no command is named: `clientfit` and
 * `clientfit --prospect X` are `clientfit run` and `clientfit run --prospect X`.
 * The program's own flags (colour, help, version) stay before it.
 */
export function withDefaultCommand(argv: readonly string[]): string[] {
  const first = argv.findIndex((a) => !colorFlags.includes(a));
  if (first === -1) return [...argv, 'run'];
  const word = argv[first] ?? '';
  if (!word.startsWith('-') || programFlags.includes(word)) return [...argv];
  return [...argv.slice(0, first), 'run', ...argv.slice(first)];
}

/**
 * Runs clientfit with the given arguments (without `node` and the script) and
 * returns the exit code. Never calls process.exit and never throws.
 */
export async function main(argv: readonly string[], rawIO: MainIO): Promise<number> {
  // The one place where output is made safe: every write below goes through terminalText.
  const io = terminalSafeIO(rawIO);
  let exitCode: number = ExitCode.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  if (argv[0] === completeCommandName) {
    // Shell completion: whatever happens, not a word to the shell but the candidates, and exit 0.
    try {
      await writeCompletions(
        program,
        commandContext(io, program, () => undefined),
        argv.slice(1).join(' '),
      );
    } catch {
      // Nothing to offer.
    }
    return ExitCode.ok;
  }
  try {
    if (argv.every((a) => colorFlags.includes(a))) {
      // The main job: the interview. Without a terminal there is no one to ask.
      if (!canPrompt(io)) {
        io.stderr.write(
          `${program.helpInformation()}\nclientfit: no terminal to run the interview in; pass answers with \`${programName(io.env)} run --answers FILE\`.\n`,
        );
        return ExitCode.usage;
      }
    }
    await program.parseAsync(withDefaultCommand(argv), { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, program, io);
  }
}

/** The exit code for what went wrong, after saying so on standard error: a mistake of the user's plainly, a bug as a bug. */
function reportError(error: unknown, program: Program, io: MainIO): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return ExitCode.ok;
    // Commander has already printed its message through outputError.
    return ExitCode.usage;
  }
  const style = wantsColor(program.opts().color, io.env, () => io.stderr.isTTY === true)
    ? colorStyle()
    : plainStyle;
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
      (io.env.CLIENTFIT_DEBUG === '1' && error instanceof Error && error.stack !== undefined
        ? `${safeLines(error.stack)}\n`
        : ''),
  );
  return ExitCode.internal;
}
