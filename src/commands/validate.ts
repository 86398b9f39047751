import { Command } from '@commander-js/extra-typings';
import { wrapLines } from '../render/wrap-text';
import { reportWidth } from './text-layout';
import { hasErrors } from '../core/diagnostics/diagnostic';
import { ExitCode } from '../exit-codes';
import type { BankValidation, ValidateReport } from '../core/validate/validation-report';
import { validationReport } from '../core/validate/validation-report';
import { displayPath, loadBank } from '../io/load-bank';
import { validateRenderers } from '../render/validate-report';
import { choiceOption, defineCommand } from './define-command';

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
export const validateCommand = defineCommand(
  () =>
    new Command('validate')
      .description('check question banks: format, logic and their own examples')
      .argument('[paths...]', 'bank folders or files (default: the bank in use)')
      .addOption(
        choiceOption(
          '--format <format>',
          'output format (github: workflow annotations for GitHub Actions)',
          ['text', 'json', 'github'],
        ),
      )
      .option('--json', 'shorthand for --format json')
      .option('--strict', 'fail on warnings too')
      .option(
        '--bank <path>',
        'the bank in use when no path is given (default: config, $CLIENTFIT_BANK or the ' +
          'shipped bank)',
      )
      .addHelpText(
        'after',
        '\nExit status: 0 when every bank is valid and its examples pass, 3 otherwise.',
      ),
  (paths, flags, { io, settingsFor, styleFor, setExitCode }) => {
    const options = { ...flags, paths };
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
);
