import { Command } from '@commander-js/extra-typings';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { idPattern } from '../core/bank/schema';
import { inputError, usageError } from '../errors';
import { folderProblem } from '../io/ensure-folder';
import { reason } from '../io/write-hint';
import { safe } from '../render/terminal-safe';
import type { CopyOptions } from '../use-cases/copy-bank';
import { copyBank, copyVersion, withoutStaleBuilds } from '../use-cases/copy-bank';
import { schemaDir, shippedBank } from './context';
import { defineCommand } from './define-command';
import { shellWord } from '../core/text/shell-word';

export interface InitOptions extends CopyOptions {
  /** The copy's bank id (`--id`); by default made from the folder's name. */
  readonly id?: string | undefined;
  readonly cwd: string;
  /** How the next steps call clientfit: `clientfit` or `node BIN` (see programName). */
  readonly program: string;
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
  await copyBank(target, options, files, id);
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
