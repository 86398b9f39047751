import { Command } from '@commander-js/extra-typings';
import { reportWidth } from './text-layout';
import { callSheet } from '../core/report/call-sheet';
import type { CallSheet } from '../core/report/call-sheet';
import { callSheetJson, callSheetMarkdown } from '../render/call-sheet';
import { callSheetHtml } from '../render/call-sheet-html';
import { questionsTree } from '../render/questions-tree';
import { plainStyle } from '../render/style';
import { version } from '../version';
import { choiceOption, defineCommand } from './define-command';
import { loadBankOrFail } from '../use-cases/load-bank-or-fail';

/** The call sheet in each of its formats. */
const callSheetRenderers = {
  html: callSheetHtml,
  markdown: callSheetMarkdown,
  json: callSheetJson,
} satisfies Record<string, (sheet: CallSheet) => string>;

/** `clientfit questions`: the bank as the interviewer meets it, as a tree or as a call sheet. */
export const questionsCommand = defineCommand(
  () =>
    new Command('questions')
      .description(
        'show the bank as the interviewer meets it: questions in order, follow-ups under the ' +
          'answers that open them',
      )
      .option(
        '--bank <path>',
        'the question bank (default: config, $CLIENTFIT_BANK or the shipped bank)',
      )
      .addOption(
        choiceOption(
          '--format <format>',
          'text: the tree with every weight; html or markdown: a call sheet to print; json: ' +
            'the call sheet as data (default: text)',
          ['text', 'html', 'markdown', 'json'],
        ),
      )
      .option('--json', 'shorthand for --format json')
      .option('--output <file>', 'write it to a file (atomically) instead of standard output')
      .option('--force', 'with --output: replace an existing file')
      .option(
        '--weights',
        "on the call sheet: each answer's weights toward the degrees and the flags it raises",
      )
      .addHelpText(
        'after',
        `
  The text tree is for the bank's author and always shows the weights. The
  call sheet (--format html or markdown) is for the interviewer: prompts, what
  to listen for, a box to tick for each answer with the id an answers file
  writes, an "unknown" box, room for their words, follow-ups under the
  question whose answer opens them; no weights unless --weights is given.
  The HTML page prints on A4 or US Letter (the browser's Print).

  Examples:
    clientfit questions --format html --output call-sheet.html
    clientfit questions --format markdown > call-sheet.md
    clientfit questions --format json --weights`,
      ),
  async (options, { io, settingsFor, styleFor, emit, programName }) => {
    // The format setting (config, CLIENTFIT_FORMAT) is for reports: this command has its own flag.
    const settings = settingsFor({ bank: options.bank });
    const { bank } = loadBankOrFail(settings.bank.value, io.cwd, programName);
    const format = options.json === true ? 'json' : (options.format ?? 'text');
    if (format === 'text') {
      const style = options.output === undefined ? styleFor(settings, io.stdout) : plainStyle;
      await emit(
        questionsTree(bank, style, reportWidth(io, options.output === undefined)),
        options.output,
        options.force === true,
        'Questions',
      );
      return;
    }
    const sheet = callSheet(bank, { toolVersion: version, weights: options.weights === true });
    await emit(
      callSheetRenderers[format](sheet),
      options.output,
      options.force === true,
      'Call sheet',
    );
  },
);
