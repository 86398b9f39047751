import { callSheet } from '../core/call-sheet';
import { callSheetJson, callSheetMarkdown } from '../render/call-sheet';
import { questionsTree } from '../render/questions-tree';
import { version } from '../version';
import { defineCommand } from './define-command';
import { loadBankOrFail } from './load-bank-or-fail';

/** `clientfit questions`: the bank as the interviewer meets it, as a tree or as a call sheet. */
export const questionsCommand = defineCommand({
  name: 'questions',
  description: 'show the bank as the interviewer meets it: questions in order, follow-ups under the answers that open them',
  flags: [
    { flags: '--bank <path>', description: 'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)' },
    {
      flags: '--format <format>',
      description: 'text: the tree with every weight; markdown: a call sheet to print; json: the call sheet as data (default: text)',
      choices: ['text', 'markdown', 'json'],
    },
    { flags: '--json', description: 'shorthand for --format json' },
    { flags: '--weights', description: "on the call sheet: each answer's weights toward the degrees and the flags it raises" },
  ],
  help: `
  The text tree is for the bank's author and always shows the weights. The
  call sheet (--format markdown) is for the interviewer: prompts, what to
  listen for, a box to tick for each answer, follow-ups under the answers that
  open them, and lines for notes; no weights unless --weights is given.

  Examples:
    clientfit questions --format markdown > call-sheet.md
    clientfit questions --format json --weights`,
  action(options, { io, settingsFor, styleFor, programName }) {
    // The format setting (config, CLIENTFIT_FORMAT) is for reports: this command has its own flag.
    const settings = settingsFor({ bank: options.bank });
    const { bank } = loadBankOrFail(settings.bank.value, io.cwd, programName);
    const format = options.json === true ? 'json' : (options.format ?? 'text');
    if (format === 'text') {
      io.stdout.write(questionsTree(bank, styleFor(settings, io.stdout)));
      return;
    }
    const sheet = callSheet(bank, { toolVersion: version, weights: options.weights === true });
    io.stdout.write(format === 'json' ? callSheetJson(sheet) : callSheetMarkdown(sheet));
  },
});
