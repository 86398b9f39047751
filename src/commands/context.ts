import type { Command } from '@commander-js/extra-typings';
import { join, resolve } from 'node:path';
import { colorOn } from '../core/color';
import type { Config, OutputFormat, Settings } from '../core/config';
import { environmentProblems, resolveSettings } from '../core/config';
import { inputError } from '../errors';
import type { InterruptSignal } from '../exit-codes';
import type { Assessor } from '../io/assessor';
import { resolveAssessor } from '../io/assessor';
import { configPath, defaultStore, readConfig } from '../io/config-file';
import { writeFileAtomicAsync } from '../io/write-file';
import { packageRoot } from './package-root';
import { programName } from './program-name';
import type { Style } from '../render/style';
import { colorStyle, plainStyle } from '../render/style';
import { safe } from '../render/terminal-safe';

/** A stream clientfit writes to. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width in columns, when the stream is a terminal. */
  readonly columns?: number | undefined;
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
  readonly promptStreams?: {
    readonly input: NodeJS.ReadStream;
    readonly output: NodeJS.WriteStream;
  };
  /** Writes to standard error synchronously (safe while the process is exiting). */
  readonly writeErrNow?: (text: string) => void;
  /** Registers a synchronous handler for SIGINT/SIGTERM/SIGHUP; returns its removal. */
  readonly onInterrupt?: (handler: (signal: InterruptSignal) => void) => () => void;
  /**
   * Like onInterrupt, for a save under way: a signal waits until the returned
   * release is called (then the handler runs and clientfit exits 128+n), but
   * not longer than a second and a half.
   */
  readonly holdInterrupts?: (handler: (signal: InterruptSignal) => void) => () => void;
}

/** Prompts are shown only when standard input and standard error (where they are drawn) are terminals. */
export function canPrompt(io: MainIO): boolean {
  // Standard error first: it is open already, standard input may not be.
  return io.stderr.isTTY === true && io.stdin.isTTY === true && io.promptStreams !== undefined;
}

const root = packageRoot;

/** The bank shipped with clientfit. */
export const shippedBank = join(root, 'questions', 'three-degrees');
/** The JSON Schemas beside it (init copies them). */
export const schemaDir = join(root, 'questions', 'schema');

/** The program as main builds it: its own flags are --color and --no-color. */
export type Program = Command<[], { color?: boolean }>;

/** The flags that override a setting, as a command received them. */
export interface SettingFlags {
  readonly bank?: string | undefined;
  readonly store?: string | undefined;
  readonly format?: OutputFormat | undefined;
  readonly json?: boolean | undefined;
}

/** What every command's action is given besides its own options. */
export interface CommandContext {
  readonly io: MainIO;
  /** Effective settings: flags, environment, config file, defaults (the config file is read once). */
  readonly settingsFor: (flags?: SettingFlags) => Settings;
  /** Who is assessing or recording: `--by` (given here), else `by` in the config file, else git's user.name, else the login name. */
  readonly assessor: (flag: string | undefined) => Assessor;
  /** The config file's contents (read once; empty when there is none). */
  readonly config: () => Config;
  /** The colours for a stream under those settings. */
  readonly styleFor: (settings: Settings, stream: OutputStream) => Style;
  /**
   * Writes text to standard output, or atomically to the --output file
   * (replacing one only with --force) and then says so on standard error:
   * "`what` written to FILE."
   */
  readonly emit: (
    text: string,
    output: string | undefined,
    force: boolean,
    what: string,
  ) => Promise<void>;
  /** Names a file that was skipped, or anything else worth a line on standard error. */
  readonly warn: (text: string) => void;
  /** Sets the exit status the command ends with. */
  readonly setExitCode: (code: number) => void;
  /** The whole program (the completion scripts describe it). */
  readonly program: Program;
  /** How command lines printed as hints call clientfit: `clientfit` or `node BIN` (see programName). */
  readonly programName: string;
}

/** The context for the commands of one run of `main`. */
export function commandContext(
  io: MainIO,
  program: Program,
  setExitCode: (code: number) => void,
): CommandContext {
  let configCache: { file: string; config: Config } | undefined;
  const loadConfig = (): { file: string; config: Config } => {
    if (configCache === undefined) {
      const [problem] = environmentProblems(io.env);
      if (problem !== undefined)
        throw inputError(
          `${problem.variable} is "${problem.value}", which is not one of: ${problem.allowed.join(', ')}`,
          [],
          `set ${problem.variable} to one of those, or unset it`,
        );
      const file = configPath(io.env);
      configCache = { file, config: readConfig(file, io.env) };
    }
    return configCache;
  };
  return {
    io,
    program,
    programName: programName(io.env),
    setExitCode,
    config: () => loadConfig().config,
    assessor: (flag) =>
      resolveAssessor({ flag, config: loadConfig().config.by, cwd: io.cwd, env: io.env }),
    settingsFor: (flags = {}) => {
      const configCache = loadConfig();
      return resolveSettings({
        flags: {
          bank: flags.bank,
          store: flags.store,
          format: flags.json === true ? 'json' : flags.format,
          color: program.opts().color,
        },
        env: io.env,
        config: configCache.config,
        configFile: configCache.file,
        defaults: { bank: shippedBank, store: defaultStore(io.env) },
      });
    },
    styleFor: (settings, stream) =>
      colorOn(settings.color.value, () => stream.isTTY === true) ? colorStyle() : plainStyle,
    emit: async (text, output, force, what) => {
      if (output === undefined) {
        io.stdout.write(text);
        return;
      }
      await uninterrupted(io, () =>
        writeFileAtomicAsync(resolve(io.cwd, output), text, { overwrite: force }),
      );
      io.stderr.write(`${what} written to ${safe(output)}.\n`);
    },
    warn: (text) => {
      io.stderr.write(text);
    },
  };
}

/**
 * Runs a save that a signal must not cut in half (it would leave a temporary
 * file behind, or a record saved without a word): a SIGINT, SIGTERM or SIGHUP
 * that arrives meanwhile waits for it — a second and a half at most, since the
 * save is asynchronous — then is handled: `then` first, and exit 128+n.
 * Outside such saves a signal ends clientfit at once.
 */
export async function uninterrupted(
  io: MainIO,
  write: () => Promise<void>,
  then: (signal: InterruptSignal) => void = () => undefined,
): Promise<void> {
  const release = (io.holdInterrupts ?? io.onInterrupt)?.(then) ?? (() => undefined);
  try {
    await write();
  } finally {
    release();
  }
}
