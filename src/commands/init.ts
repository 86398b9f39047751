import { Command } from '@commander-js/extra-typings';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { idPattern } from '../core/bank/schema';
import { inputError, usageError, UserError } from '../errors';
import type { InterruptSignal } from '../exit-codes';
import { processAlive } from '../io/process-alive';
import { randomHex } from '../io/random-hex';
import { ensureFolder, folderProblem, reason, writeFileAtomic, writeHint } from '../io/write-file';
import { safe } from '../render/terminal-safe';
import { schemaDir, shippedBank } from './context';
import { defineCommand } from './define-command';
import { shellWord } from './program-name';

export interface InitOptions {
  readonly dir: string;
  /** The copy's bank id (`--id`); by default made from the folder's name. */
  readonly id?: string | undefined;
  readonly cwd: string;
  /** The shipped bank folder and the folder of JSON Schemas beside it. */
  readonly shippedBank: string;
  readonly schemaDir: string;
  /** How the next steps call clientfit: `clientfit` or `node BIN` (see programName). */
  readonly program: string;
  /**
   * Registers a handler for SIGINT, SIGTERM and SIGHUP, run before clientfit
   * exits 128+n; returns its removal. Without it a signal ends init at once.
   */
  readonly onInterrupt?: ((handler: (signal: InterruptSignal) => void) => () => void) | undefined;
  /** Writes to standard error at once (from a signal handler). */
  readonly writeNow?: ((text: string) => void) | undefined;
}

/**
 * The first of DIR-2, DIR-3, … that does not exist yet, as the user wrote DIR
 * (a suggestion for a folder that is taken) — only where it would work: DIR
 * ends in a real name (not `.` or `..`) and the folder above it is an
 * ordinary folder the user can write to. Otherwise undefined.
 */
export function freeName(target: string, dir: string): string | undefined {
  const base = dir.replace(/[\\/]+$/, '');
  const name = basename(base);
  if (name === '' || name === '.' || name === '..') return undefined;
  const parent = dirname(target);
  try {
    if (!statSync(parent).isDirectory()) return undefined;
    accessSync(parent, constants.W_OK);
  } catch {
    return undefined;
  }
  if (folderProblem(parent) !== undefined) return undefined;
  for (let n = 2; ; n++) if (!existsSync(`${target}-${n}`)) return `${base}-${n}`;
}

/** The hidden folder a copy is built in: inside DIR (`init .`) or beside it, named after this process. */
function buildingName(target: string, inside: boolean, pid: number, hex: string): string {
  const tail = `${pid}.${hex}.tmp`;
  return inside
    ? join(target, `.clientfit-init.${tail}`)
    : join(dirname(target), `.${basename(target)}.${tail}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the build folders an init stopped by SIGKILL or a crash left behind
 * (named as buildingName names them, by a process that is gone), in `folder`;
 * returns the names of the entries left. An init still running keeps its own.
 */
export function withoutStaleBuilds(
  folder: string,
  entries: readonly string[],
  prefix: string,
): string[] {
  const pattern = new RegExp(`^${escapeRegExp(prefix)}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`);
  return entries.filter((name) => {
    const pid = pattern.exec(name)?.[1];
    if (pid === undefined || processAlive(Number(pid))) return true;
    try {
      rmSync(join(folder, name), { recursive: true, force: true });
      return false;
    } catch {
      return true;
    }
  });
}

/** Lets a signal that arrived meanwhile be handled (its handler removes the copy and exits). */
function signalsMayAct(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/** The version a new copy starts at. */
export const copyVersion = '0.1.0';

/**
 * The copy's bank id: `--id` when given (it must be a valid id), else one
 * made from the folder's name (lower case, other characters as hyphens),
 * else `my-bank`.
 */
export function copyId(target: string, flag: string | undefined): string {
  if (flag !== undefined) {
    if (idPattern.test(flag) && flag.length <= 64) return flag;
    throw usageError(
      `--id "${flag}" is not a bank id`,
      'an id is lower-case letters, digits and single hyphens, starting with a letter (e.g. --id acme-bank)',
    );
  }
  const made = basename(target)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return made === '' ? 'my-bank' : made;
}

/**
 * Rewrites what a shipped file says about its neighbours for the copy: the
 * schema line points into DIR/schema/, and the format guide (../README.md
 * beside the shipped bank, not copied) is named where it is.
 */
function forTheCopy(text: string, name: string, id: string): string {
  const own =
    name === 'bank.yaml'
      ? text
          .replace(/^id: *(\S+) *$/m, `id: ${id}\nbasedOn: $1`)
          .replace(/^version: *.*$/m, `version: ${copyVersion}`)
      : text;
  return own
    .replace(
      /^# yaml-language-server: \$schema=\.\.\/schema\//,
      '# yaml-language-server: $schema=./schema/',
    )
    .replace(/\.\.\/README\.md/g, "questions/README.md in clientfit's folder");
}

/**
 * Builds the copy in a hidden folder beside DIR and renames it into place
 * once every file is written, so a copy that fails half-way (a full disk, no
 * permission) leaves nothing behind: neither a half-made bank nor the
 * folders made for it. Exit 3 with the reason. An empty DIR that exists
 * already (the current folder, say) is not replaced: the copy is built in a
 * hidden folder inside it, and its entries moved up at the end.
 */
async function copyAllOrNothing(
  target: string,
  options: InitOptions,
  files: readonly string[],
  id: string,
): Promise<void> {
  const where = 'choose another folder';
  const inside = existsSync(target);
  const building = buildingName(target, inside, process.pid, randomHex(8));
  const moved: string[] = [];
  let made: string | undefined;
  const removeAll = (): void => {
    for (const path of [...moved, made ?? building]) rmSync(path, { recursive: true, force: true });
  };
  // A signal during the copy removes what was made, says so, and clientfit exits 128+n.
  // Registered before any folder is made: folderProblem has refused /proc and the like, where making one could hang.
  const removeHandler = options.onInterrupt?.((signal) => {
    try {
      removeAll();
    } finally {
      options.writeNow?.(
        `\nclientfit: init stopped by ${signal}; nothing was created in ${safe(options.dir)}.\n`,
      );
    }
  });
  try {
    // The parents first; the first folder made (if any) is removed again on failure.
    made = inside ? undefined : makeParents(dirname(target), where);
    try {
      mkdirSync(building, { mode: 0o755 });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw inputError(
        `cannot create the bank in ${options.dir}: ${reason(code)}`,
        [],
        writeHint(code, 'the folder above it', where),
      );
    }
    ensureFolder(join(building, 'schema'), 0o755, 'bank folder', where);
    const write = (path: string, text: string): void => {
      writeFileAtomic(path, text, { overwrite: false, folder: 'that folder', elsewhere: where });
    };
    for (const name of readdirSync(options.schemaDir).filter((n) => n.endsWith('.schema.json'))) {
      write(join(building, 'schema', name), readFileSync(join(options.schemaDir, name), 'utf8'));
      await signalsMayAct();
    }
    for (const name of files) {
      write(
        join(building, name),
        forTheCopy(readFileSync(join(options.shippedBank, name), 'utf8'), name, id),
      );
      await signalsMayAct();
    }
    // From here to the end nothing awaits: a signal is handled once the copy is whole and in place, or not at all.
    try {
      if (inside) {
        for (const name of readdirSync(building)) {
          renameSync(join(building, name), join(target, name));
          moved.push(join(target, name));
        }
        rmSync(building, { recursive: true, force: true });
      }
      // Never replaces anything: rename refuses a folder that was made (and filled) meanwhile.
      else renameSync(building, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOTEMPTY' || code === 'EEXIST'
          ? 'something was written into it meanwhile'
          : reason(code);
      throw inputError(
        `cannot create the bank in ${options.dir}: ${why}`,
        [],
        writeHint(code, 'the folder above it', where),
      );
    }
  } catch (error) {
    removeAll();
    // The message names the file that failed as it would have been in DIR.
    if (error instanceof UserError)
      throw inputError(
        `${error.message.split(building).join(target)} (nothing was copied)`,
        [],
        error.hint,
      );
    throw error;
  } finally {
    removeHandler?.();
  }
}

/** Creates the folders above the bank; returns the first one made (to remove on failure), or undefined. */
function makeParents(dir: string, where: string): string | undefined {
  try {
    return mkdirSync(dir, { recursive: true, mode: 0o755 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      `cannot create the folder ${dir}: ${reason(code)}`,
      [],
      writeHint(code, 'the folder above it', where),
    );
  }
}

/**
 * `clientfit init [DIR]`: copies the shipped bank into DIR as the start of an
 * agency's own bank, with the JSON Schemas in DIR/schema/ and each file's
 * schema line pointing there, so editors keep completing and checking.
 * Refuses a DIR that exists and is not empty.
 */
export async function init(options: InitOptions): Promise<string> {
  const target = resolve(options.cwd, options.dir);
  const { program } = options;
  const id = copyId(target, options.id);
  const free = freeName(target, options.dir);
  const hint =
    free === undefined
      ? 'name a new folder in a place you can write to'
      : `name a new folder: ${program} init ${shellWord(free)}`;
  // Every way the folder can be wrong is said with its reason (exit 3), before anything is written.
  const problem = folderProblem(target);
  if (problem !== undefined)
    throw inputError(`cannot create the bank in ${options.dir}: ${problem}`, [], hint);
  let entries: string[] = [];
  try {
    entries = readdirSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw inputError(`cannot create the bank in ${options.dir}: ${reason(code)}`, [], hint);
  }
  // Build folders left by an init that was killed (SIGKILL, a crash) do not count, and go.
  if (entries.length > 0) entries = withoutStaleBuilds(target, entries, '.clientfit-init');
  if (existsSync(dirname(target)))
    try {
      withoutStaleBuilds(dirname(target), readdirSync(dirname(target)), `.${basename(target)}`);
    } catch {
      // An unreadable folder above: nothing to tidy there.
    }
  if (entries.length > 0) throw usageError(`${options.dir} already exists and is not empty`, hint);
  const files = readdirSync(options.shippedBank)
    .filter((n) => n.endsWith('.yaml'))
    .sort();
  await copyAllOrNothing(target, options, files, id);
  return nextSteps(target, id, files.length, options);
}

/**
 * What init says once the copy is made. Every path is absolute, so each step
 * works as printed from any folder, the config file's `bank:` line included
 * (a relative path there is read from the config file's folder).
 */
function nextSteps(target: string, id: string, count: number, options: InitOptions): string {
  const { program } = options;
  const shown = safe(target);
  const word = shellWord(shown);
  const guide = safe(join(dirname(options.shippedBank), 'README.md'));
  return [
    `Created ${shown}: the bank "${id}" ${copyVersion}, with ${count} files (bank.yaml, the section files, and the examples) and schema/ for your editor.`,
    `Answers files written for the shipped bank run on it as they are (bank.yaml says "basedOn").`,
    '',
    'Next:',
    `  1. Edit the questions, weights and rules in ${shown}/`,
    `     (the format: ${guide}).`,
    `  2. Check it:  ${program} validate ${word}`,
    `  3. Use it:    ${program} run --bank ${word}`,
    `     or for every run, this line in the config file (\`${program} config\` shows where it is):`,
    `       bank: ${yamlScalar(shown)}`,
    `     or in the environment: export CLIENTFIT_BANK=${word}`,
    `  4. Before committing a change, see which past verdicts it changes:`,
    `               ${program} rescore --bank ${word} --exit-code`,
    '',
  ].join('\n');
}

/** A path as a YAML scalar: plain when that reads back the same, else double-quoted. */
function yamlScalar(text: string): string {
  return /^[A-Za-z0-9_/.~-][A-Za-z0-9_/. ~-]*$/.test(text) && !text.endsWith(' ')
    ? text
    : JSON.stringify(text);
}

/** `clientfit init [DIR]`: a copy of the shipped bank to start from. */
export const initCommand = defineCommand(
  () =>
    new Command('init')
      .description("copy the shipped bank into a folder, as the start of your agency's own bank")
      .argument('[dir]', 'the folder to create', 'clientfit-bank')
      .option('--id <id>', "the copy's bank id (default: made from the folder's name)"),
  async (dir, flags, { io, programName }) => {
    const options = { ...flags, dir };
    const writeNow = io.writeErrNow ?? ((text: string) => io.stderr.write(text));
    io.stdout.write(
      await init({
        dir: options.dir,
        id: options.id,
        cwd: io.cwd,
        shippedBank,
        schemaDir,
        program: programName,
        onInterrupt: io.onInterrupt,
        writeNow,
      }),
    );
  },
);
