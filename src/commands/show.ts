import { Command } from '@commander-js/extra-typings';
import { existsSync } from 'node:fs';
import { loadBankOrFail } from '../use-cases/load-bank-or-fail';
import { usageError } from '../errors';
import { outputFormats } from '../core/config';
import { answersFileOf } from '../render/answers-file';
import { reportWithOutcomeRenderers } from '../render/outcome';
import { plainStyle } from '../render/style';
import { storeOption } from './record-filter-flags';
import { choiceOption, defineCommand } from './define-command';
import { hintWords } from './program-name';
import { findRecord } from '../use-cases/find-record';
import { outcomesOfChain } from '../use-cases/store-records';
import { briefOption, reportFormat, textLayout } from './text-layout';

/** `clientfit show RECORD`: one saved assessment again. */
export const showCommand = defineCommand(
  () =>
    new Command('show')
      .description('show one saved assessment again, in any output format')
      .argument(
        '<record>',
        'a record id, an unambiguous id prefix, or a prospect name (its latest assessment)',
      )
      .addOption(
        choiceOption(
          '--format <format>',
          'output format (default: config or text); "answers": an answers file that run ' +
            '--answers takes',
          [...outputFormats, 'answers'],
        ),
      )
      .option('--json', 'shorthand for --format json')
      .option('--output <file>', 'write it to a file (atomically) instead of standard output')
      .option('--force', 'with --output: replace an existing file')
      .addOption(storeOption())
      .addOption(briefOption()),
  async (recordArgument, flags, { io, settingsFor, styleFor, emit, warn }) => {
    const options = { ...flags, record: recordArgument };
    if (options.format === 'answers') {
      if (options.brief === true)
        throw usageError(
          '--brief is the short text report; it cannot be combined with --format answers',
          'drop --brief',
        );
      const settings = settingsFor({ store: options.store });
      const { program, storeFlag } = hintWords(io.env, options, io.cwd);
      const record = findRecord(
        settings.store.value,
        options.record,
        warn,
        `${program} history${storeFlag}`,
      );
      // Checked against the bank it was scored with (else the bank in use), so that the file runs on it.
      const bankPath =
        record.bankPath !== null && existsSync(record.bankPath)
          ? record.bankPath
          : settings.bank.value;
      const { bank } = loadBankOrFail(bankPath, io.cwd, program);
      await emit(
        answersFileOf(record, bank),
        options.output,
        options.force === true,
        'Answers file',
      );
      return;
    }
    const settings = settingsFor({ ...options, format: options.format });
    const format = reportFormat(settings, options.brief);
    const { program, storeFlag } = hintWords(io.env, options, io.cwd);
    const record = findRecord(
      settings.store.value,
      options.record,
      warn,
      `${program} history${storeFlag}`,
    );
    const changes = outcomesOfChain(settings.store.value, record, warn);
    const renderStyle = options.output === undefined ? styleFor(settings, io.stdout) : plainStyle;
    await emit(
      reportWithOutcomeRenderers[format](
        record.report,
        changes,
        renderStyle,
        textLayout(io, options),
      ),
      options.output,
      options.force === true,
      'Report',
    );
  },
);
