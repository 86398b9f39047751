import { readdirSync } from 'node:fs';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { folderProblem } from './ensure-folder';
import { reason } from './write-hint';

/**
 * The record files of a store, oldest first (names start with the time).
 * Hidden and temporary files are left out.
 */
export function recordFiles(store: string): string[] {
  let names: string[];
  try {
    names = readdirSync(store);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    throw unreadableStore(store, code);
  }
  return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
}

/**
 * A store that cannot be listed, with the reason in words: exit 3, like any
 * other file that cannot be read. The hint matches the reason.
 */
export function unreadableStore(
  store: string,
  code: string | undefined,
  what = 'the record store',
): UserError {
  const notAFolder =
    code === 'ENOTDIR' ? (folderProblem(store) ?? 'it is not a folder') : undefined;
  const why = notAFolder ?? reason(code);
  const other =
    'name the folder of records with --store (or CLIENTFIT_STORE, or "store" in the config file)';
  return new UserError(`${what} ${store} cannot be read: ${why}`, {
    exitCode: ExitCode.invalidInput,
    hint:
      code === 'EACCES' || code === 'EPERM'
        ? `make it readable for you (check its permissions and owner), or ${other}`
        : other,
  });
}
