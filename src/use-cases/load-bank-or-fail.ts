import type { Bank } from '../core/bank/bank';
import { hasErrors } from '../core/diagnostics/diagnostic';
import { inputError } from '../errors';
import { displayPath, loadBank } from '../io/load-bank';
import { resolve } from 'node:path';
import { safe } from '../render/terminal-safe';
import { shellWord } from '../core/text/shell-word';

/**
 * A bank ready for assessments, or the reason it is not (`program` is how the hint calls
 * clientfit, see programName).
 */
export function loadBankOrFail(
  bankPath: string,
  cwd: string,
  program: string,
): { bank: Bank; contentHash: string } {
  // Assessments do not need the bank's examples; validate runs them.
  const loaded = loadBank(bankPath, cwd, { examples: false });
  if (
    loaded.bank === undefined ||
    hasErrors(loaded.diagnostics) ||
    loaded.contentHash === undefined
  ) {
    throw inputError(
      `the bank ${displayPath(bankPath, cwd)} is invalid`,
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      `run \`${program} validate ${shellWord(displayPath(bankPath, cwd))}\` for the full report`,
    );
  }
  return { bank: loaded.bank, contentHash: loaded.contentHash };
}

/**
 * A candidate bank (`calibrate --bank`, `rescore --bank`): loaded as for an
 * assessment, with its own examples run; a warning names the bank and the
 * examples it fails, since its verdicts are then suspect. Returns the bank
 * and its absolute path (to tell two banks of one id apart).
 */
export function loadCandidateBank(
  bankPath: string,
  options: {
    readonly cwd: string;
    readonly program: string;
    readonly warn: (text: string) => void;
  },
): { bank: Bank; path: string } {
  const { cwd, program } = options;
  const loaded = loadBank(bankPath, cwd, { examples: true });
  const bank = loaded.bank;
  if (bank === undefined || hasErrors(loaded.diagnostics))
    throw inputError(
      `the bank ${displayPath(bankPath, cwd)} is invalid`,
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      `run \`${program} validate ${shellWord(displayPath(bankPath, cwd))}\` for the full report`,
    );
  const path = resolve(cwd, bankPath);
  const failed = loaded.examples.filter((e) => !e.passed);
  if (failed.length > 0) {
    const names = failed.slice(0, 3).map((e) => `"${safe(e.name)}"`);
    options.warn(
      `warning: the candidate bank ${safe(bank.id)} ${safe(bank.version)} (${safe(path)}) fails ` +
        `${failed.length} of its own ${loaded.examples.length} examples ` +
        `(${names.join(', ')}${failed.length > 3 ? ', …' : ''}): its verdicts below may ` +
        `not be what you meant; ` +
        `\`${program} validate ${shellWord(safe(path))}\` shows why.\n`,
    );
  }
  return { bank, path };
}
