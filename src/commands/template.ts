import { template } from '../render/template';
import { defineCommand } from './define-command';
import { loadBankOrFail } from '../use-cases/load-bank-or-fail';
import { hintWords } from './program-name';

/** `clientfit template`: an answers file to fill in. */
export const templateCommand = defineCommand({
  name: 'template',
  description:
    'print an answers-file skeleton with every question, its options and help, to fill in',
  flags: [
    {
      flags: '--format <format>',
      description: 'yaml (with comments) or json',
      choices: ['yaml', 'json'],
      default: 'yaml',
    },
    {
      flags: '--bank <path>',
      description: 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)',
    },
    {
      flags: '--output <file>',
      description: 'write it to a file (atomically) instead of standard output',
    },
    { flags: '--force', description: 'with --output: replace an existing file' },
  ],
  async action(options, { io, settingsFor, emit, programName }) {
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
});
