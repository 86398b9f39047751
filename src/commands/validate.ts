import { wrapLines } from '../render/wrap-text';
import { reportWidth } from './text-layout';
import { hasErrors } from '../core/diagnostics/diagnostic';
import { ExitCode } from '../exit-codes';
import type { BankValidation, ValidateReport } from '../core/validate/validation-report';
import { validationReport } from '../core/validate/validation-report';
import { displayPath, loadBank } from '../io/load-bank';
import { validateRenderers } from '../render/validate-report';
import { defineCommand } from './define-command';

export interface ValidateOptions {
  /** Bank folders or files; empty means the bank in use. */
  readonly paths: readonly string[];
  readonly cwd: string;
  /** Where the bank in use is (from --bank, CLIENTFIT_BANK or the shipped bank). */
  readonly defaultBank: string;
  /** Warnings fail too. */
  readonly strict: boolean;
}

/** Checks banks: format, logic lint, then each bank's own examples. */
export function validate(options: ValidateOptions): { report: ValidateReport; exitCode: number } {
  const paths = options.paths.length > 0 ? options.paths : [options.defaultBank];
  const banks: BankValidation[] = [];
  for (const path of paths) {
    const loaded = loadBank(path, options.cwd);
    const examples = loaded.examples;
    const failing =
      hasErrors(loaded.diagnostics) ||
      examples.some((e) => !e.passed) ||
      (options.strict && loaded.diagnostics.length > 0);
    const bank = loaded.bank;
    banks.push({
      path: displayPath(path, options.cwd),
      bank:
        bank === undefined
          ? undefined
          : {
              id: bank.id,
              title: bank.title,
              version: bank.version,
              questions: bank.questions.length,
              rules: bank.rules.length,
              files: bank.files,
            },
      diagnostics: loaded.diagnostics,
      examples,
      ok: !failing,
    });
  }
  const report = validationReport(banks, options.strict);
  return { report, exitCode: report.ok ? ExitCode.ok : ExitCode.invalidInput };
}

/** `clientfit validate [PATH…]`: checks banks; exit 3 when one fails. */
export const validateCommand = defineCommand({
  name: 'validate',
  description: 'check question banks: format, logic and their own examples',
  arguments: [
    { name: '[paths...]', description: 'bank folders or files (default: the bank in use)' },
  ],
  flags: [
    {
      flags: '--format <format>',
      description: 'output format (github: workflow annotations for GitHub Actions)',
      choices: ['text', 'json', 'github'],
    },
    { flags: '--json', description: 'shorthand for --format json' },
    { flags: '--strict', description: 'fail on warnings too' },
    {
      flags: '--bank <path>',
      description:
        'the bank in use when no path is given (default: config, $CLIENTFIT_BANK or the shipped bank)',
    },
  ],
  help: '\nExit status: 0 when every bank is valid and its examples pass, 3 otherwise.',
  action(options, { io, settingsFor, styleFor, setExitCode }) {
    const settings = settingsFor({ bank: options.bank });
    const { report, exitCode } = validate({
      paths: options.paths,
      cwd: io.cwd,
      defaultBank: settings.bank.value,
      strict: options.strict === true,
    });
    const format =
      options.json === true
        ? 'json'
        : (options.format ?? (settings.format.value === 'json' ? 'json' : 'text'));
    const text = validateRenderers[format](report, styleFor(settings, io.stdout));
    io.stdout.write(format === 'text' ? wrapLines(text, reportWidth(io, true)) : text);
    setExitCode(exitCode);
  },
});
