import { bankCacheDir } from '../io/load-bank';
import { questionsTree } from '../render/questions-tree';
import { defineCommand } from './define-command';
import { loadBankOrFail } from './load-bank-or-fail';

/** `clientfit questions`: the bank as the interviewer meets it. */
export const questionsCommand = defineCommand({
  name: 'questions',
  description: 'show the bank as the interviewer meets it: questions in order, follow-ups under the answers that open them',
  flags: [{ flags: '--bank <path>', description: 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)' }],
  async action(options, { io, settingsFor, styleFor, programName }) {
    const settings = await settingsFor(options);
    const { bank } = await loadBankOrFail(settings.bank.value, io.cwd, bankCacheDir(io.env), programName);
    io.stdout.write(questionsTree(bank, await styleFor(settings, io.stdout)));
  },
});
