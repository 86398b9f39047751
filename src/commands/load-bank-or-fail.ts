import type { Bank } from '../core/bank/bank';
import { hasErrors } from '../core/diagnostic';
import { inputError } from '../errors';
import { displayPath, loadBank } from '../io/load-bank';
import { shellWord } from './program-name';

/** A bank ready for assessments, or the reason it is not (`program` is how the hint calls clientfit, see programName). */
export function loadBankOrFail(bankPath: string, cwd: string, program: string): { bank: Bank; contentHash: string } {
  // Assessments do not need the bank's examples; validate runs them.
  const loaded = loadBank(bankPath, cwd, { examples: false });
  if (loaded.bank === undefined || hasErrors(loaded.diagnostics) || loaded.contentHash === undefined) {
    throw inputError(
      `the bank ${displayPath(bankPath, cwd)} is invalid`,
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      `run \`${program} validate ${shellWord(displayPath(bankPath, cwd))}\` for the full report`,
    );
  }
  return { bank: loaded.bank, contentHash: loaded.contentHash };
}
