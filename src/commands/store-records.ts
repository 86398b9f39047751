import { UserError } from '../errors';
import { recordFiles } from '../io/store';
import { safe } from '../render/terminal-safe';

/** The record files of the store, oldest first; a store that cannot be read says how to name another. */
export function storeRecords(store: string): string[] {
  try {
    return recordFiles(store);
  } catch (error) {
    if (error instanceof UserError && error.hint === undefined)
      throw new UserError(error.message, { exitCode: error.exitCode, hint: 'check --store, CLIENTFIT_STORE or the "store" in the config file' });
    throw error;
  }
}

/**
 * The one warning for a store file that is not a usable record, as `history`,
 * `show` and `rescore` print it on standard error before skipping the file.
 * The name and the reason come from the file: both are made terminal-safe.
 */
export function skippedWarning(entry: { readonly name: string; readonly problem: string }): string {
  return `clientfit: skipped ${safe(entry.name)}: ${safe(entry.problem)}\n`;
}
