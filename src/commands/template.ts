import { bankCacheDir } from '../io/load-bank';
import { template } from '../render/template';
import { defineCommand } from './define-command';
import { loadBankOrFail } from './load-bank-or-fail';

/** `clientfit template`: an answers file to fill in. */
export const templateCommand = defineCommand({
  name: 'template',
  description: 'print an answers-file skeleton with every question, its options and help, to fill in',
  flags: [
    { flags: '--format <format>', description: 'yaml (with comments) or json', choices: ['yaml', 'json'], default: 'yaml' },
    { flags: '--bank <path>', description: 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)' },
    { flags: '--output <file>', description: 'write it to a file (atomically) instead of standard output' },
    { flags: '--force', description: 'with --output: replace an existing file' },
  ],
  async action(options, { io, settingsFor, emit }) {
    const settings = await settingsFor({ bank: options.bank });
    const { bank } = await loadBankOrFail(settings.bank.value, io.cwd, bankCacheDir(io.env));
    await emit(template(bank, options.format), options.output, options.force === true, 'Answers file');
  },
});
