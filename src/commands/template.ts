import { Command } from '@commander-js/extra-typings';
import { template } from '../render/template';
import { choiceOption, defineCommand } from './define-command';
import { loadBankOrFail } from '../use-cases/load-bank-or-fail';
import { hintWords } from './program-name';

/** `clientfit template`: an answers file to fill in. */
export const templateCommand = defineCommand(
  () =>
    new Command('template')
      .description(
        'print an answers-file skeleton with every question, its options and help, to fill in',
      )
      .addOption(
        choiceOption('--format <format>', 'yaml (with comments) or json', ['yaml', 'json']).default(
          'yaml',
        ),
      )
      .option(
        '--bank <path>',
        'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)',
      )
      .option('--output <file>', 'write it to a file (atomically) instead of standard output')
      .option('--force', 'with --output: replace an existing file'),
  async (options, { io, settingsFor, emit, programName }) => {
    const settings = settingsFor({ bank: options.bank });
    const { bank } = loadBankOrFail(settings.bank.value, io.cwd, programName);
    const { program, bankFlag } = hintWords(io.env, { bank: options.bank }, io.cwd);
    const runCommand = `${program} run --answers THIS-FILE${bankFlag}`;
    await emit(
      template(bank, options.format, runCommand),
      options.output,
      options.force === true,
      'Answers file',
    );
  },
);
