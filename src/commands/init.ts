import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inputError, usageError, UserError } from '../errors';
import { randomHex } from '../io/random-hex';
import { ensureFolder, folderProblem, reason, writeFileAtomic, writeHint } from '../io/write-file';
import { safe } from '../render/terminal-safe';
import { schemaDir, shippedBank } from './context';
import { defineCommand } from './define-command';
import { shellWord } from './program-name';

export interface InitOptions {
  readonly dir: string;
  readonly cwd: string;
  /** The shipped bank folder and the folder of JSON Schemas beside it. */
  readonly shippedBank: string;
  readonly schemaDir: string;
  /** How the next steps call clientfit: `clientfit` or `npx clientfit` (see programName). */
  readonly program: string;
}

/** The first of DIR-2, DIR-3, … that does not exist yet, as the user wrote DIR (a suggestion for a folder that is taken). */
function freeName(target: string, dir: string): string {
  const base = dir.replace(/[\\/]+$/, '');
  for (let n = 2; ; n++) if (!existsSync(`${target}-${n}`)) return `${base}-${n}`;
}

/**
 * Rewrites what a shipped file says about its neighbours for the copy: the
 * schema line points into DIR/schema/, and the format guide (../README.md
 * beside the shipped bank, not copied) is named where it is.
 */
function forTheCopy(text: string): string {
  return text
    .replace(/^# yaml-language-server: \$schema=\.\.\/schema\//, '# yaml-language-server: $schema=./schema/')
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
function copyAllOrNothing(target: string, options: InitOptions, files: readonly string[]): void {
  const where = 'choose another folder';
  const inside = existsSync(target);
  // The parents first; the first folder made (if any) is removed again on failure.
  const made = inside ? undefined : makeParents(dirname(target), where);
  const tail = `${process.pid}.${randomHex(8)}.tmp`;
  const building = inside ? join(target, `.clientfit-init.${tail}`) : join(dirname(target), `.${basename(target)}.${tail}`);
  const moved: string[] = [];
  try {
    ensureFolder(join(building, 'schema'), 0o755, 'bank folder', where);
    const write = (path: string, text: string): void => {
      writeFileAtomic(path, text, { overwrite: false, folder: 'that folder', elsewhere: where });
    };
    for (const name of readdirSync(options.schemaDir).filter((n) => n.endsWith('.schema.json')))
      write(join(building, 'schema', name), readFileSync(join(options.schemaDir, name), 'utf8'));
    for (const name of files) write(join(building, name), forTheCopy(readFileSync(join(options.shippedBank, name), 'utf8')));
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
      const why = code === 'ENOTEMPTY' || code === 'EEXIST' ? 'something was written into it meanwhile' : reason(code);
      throw inputError(`cannot create the bank in ${options.dir}: ${why}`, [], writeHint(code, 'the folder above it', where));
    }
  } catch (error) {
    for (const path of [...moved, made ?? building]) rmSync(path, { recursive: true, force: true });
    // The message names the file that failed as it would have been in DIR.
    if (error instanceof UserError) throw inputError(`${error.message.split(building).join(target)} (nothing was copied)`, [], error.hint);
    throw error;
  }
}

/** Creates the folders above the bank; returns the first one made (to remove on failure), or undefined. */
function makeParents(dir: string, where: string): string | undefined {
  try {
    return mkdirSync(dir, { recursive: true, mode: 0o755 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(`cannot create the folder ${dir}: ${reason(code)}`, [], writeHint(code, 'the folder above it', where));
  }
}

/**
 * `clientfit init [DIR]`: copies the shipped bank into DIR as the start of an
 * agency's own bank, with the JSON Schemas in DIR/schema/ and each file's
 * schema line pointing there, so editors keep completing and checking.
 * Refuses a DIR that exists and is not empty.
 */
export function init(options: InitOptions): string {
  const target = resolve(options.cwd, options.dir);
  const { program } = options;
  const hint = `name a new folder: ${program} init ${shellWord(freeName(target, options.dir))}`;
  // Every way the folder can be wrong is said with its reason (exit 3), before anything is written.
  const problem = folderProblem(target);
  if (problem !== undefined) throw inputError(`cannot create the bank in ${options.dir}: ${problem}`, [], hint);
  let entries: string[] = [];
  try {
    entries = readdirSync(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw inputError(`cannot create the bank in ${options.dir}: ${reason(code)}`, [], hint);
  }
  if (entries.length > 0) throw usageError(`${options.dir} already exists and is not empty`, hint);
  const files = readdirSync(options.shippedBank)
    .filter((n) => n.endsWith('.yaml'))
    .sort();
  copyAllOrNothing(target, options, files);
  const shown = safe(options.dir);
  const word = shellWord(shown);
  return [
    `Created ${shown} with ${files.length} files (bank.yaml, the section files, and the examples) and schema/ for your editor.`,
    '',
    'Next:',
    `  1. Edit the questions, weights and rules in ${shown}/ (the format: questions/README.md in clientfit).`,
    `  2. Check it:                 ${program} validate ${word}`,
    `  3. Use it:                   ${program} run --bank ${word}   (or set "bank: ${shown}" in the config file, or CLIENTFIT_BANK)`,
    `  4. Before committing a change, see which past verdicts it changes:`,
    `                               ${program} rescore --bank ${word} --exit-code`,
    '',
  ].join('\n');
}

/** `clientfit init [DIR]`: a copy of the shipped bank to start from. */
export const initCommand = defineCommand({
  name: 'init',
  description: "copy the shipped bank into a folder, as the start of your agency's own bank",
  arguments: [{ name: '[dir]', description: 'the folder to create', default: 'clientfit-bank' }],
  action(options, { io, programName }) {
    io.stdout.write(init({ dir: options.dir, cwd: io.cwd, shippedBank, schemaDir, program: programName }));
    return Promise.resolve();
  },
});
