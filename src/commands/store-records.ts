import { UserError } from '../errors';
import { recordFiles } from '../io/store';

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
