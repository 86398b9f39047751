import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { inputError, UserError } from '../errors';
import type { InterruptSignal } from '../exit-codes';
import { processAlive } from '../io/process-alive';
import { randomHex } from '../io/random-hex';
import { writeFileAtomic } from '../io/write-file';
import { ensureFolder } from '../io/ensure-folder';
import { reason, writeHint } from '../io/write-hint';
import { safe } from '../render/terminal-safe';

// `clientfit init`'s use case: the shipped bank copied into a new folder, all or nothing.

/** The version a new copy starts at. */
export const copyVersion = '0.1.0';

/** What copying the bank needs of init's options. */
export interface CopyOptions {
  /** DIR as the user wrote it, for messages. */
  readonly dir: string;
  /** The shipped bank folder and the folder of JSON Schemas beside it. */
  readonly shippedBank: string;
  readonly schemaDir: string;
  /**
   * Registers a handler for SIGINT, SIGTERM and SIGHUP, run before clientfit
   * exits 128+n; returns its removal. Without it a signal ends init at once.
   */
  readonly onInterrupt?: ((handler: (signal: InterruptSignal) => void) => () => void) | undefined;
  /** Writes to standard error at once (from a signal handler). */
  readonly writeNow?: ((text: string) => void) | undefined;
}

const where = 'choose another folder';

/**
 * Builds the copy in a hidden folder beside DIR and renames it into place
 * once every file is written, so a copy that fails half-way (a full disk, no
 * permission) leaves nothing behind: neither a half-made bank nor the
 * folders made for it. Exit 3 with the reason. An empty DIR that exists
 * already (the current folder, say) is not replaced: the copy is built in a
 * hidden folder inside it, and its entries moved up at the end.
 */
export async function copyBank(
  target: string,
  options: CopyOptions,
  files: readonly string[],
  id: string,
): Promise<void> {
  const inside = existsSync(target);
  const building = buildingName(target, inside, process.pid, randomHex(8));
  const moved: string[] = [];
  let made: string | undefined;
  const removeAll = (): void => {
    for (const path of [...moved, made ?? building]) rmSync(path, { recursive: true, force: true });
  };
  // A signal during the copy removes what was made, says so, and clientfit exits 128+n.
  // Registered before any folder is made: folderProblem has refused /proc and the like, where
  // making one could hang.
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
    made = inside ? undefined : makeParents(dirname(target));
    await writeCopy(building, options, files, id);
    // From here to the end nothing awaits: a signal is handled once the copy is whole and in
    // place, or not at all.
    placeCopy(building, target, inside, moved, options.dir);
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

/** Makes the hidden folder and writes the schemas and the bank's files into it. */
async function writeCopy(
  building: string,
  options: CopyOptions,
  files: readonly string[],
  id: string,
): Promise<void> {
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
}

/** Moves the whole copy into place: renamed as DIR, or its entries moved up into an empty DIR. */
function placeCopy(
  building: string,
  target: string,
  inside: boolean,
  moved: string[],
  dir: string,
): void {
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
      `cannot create the bank in ${dir}: ${why}`,
      [],
      writeHint(code, 'the folder above it', where),
    );
  }
}

/** Creates the folders above the bank; returns the first one made (to remove on failure), or undefined. */
function makeParents(dir: string): string | undefined {
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
