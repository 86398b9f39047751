import { Command } from '@commander-js/extra-typings';
import type { Bank } from '../core/bank/bank';
import type { Calibration } from '../core/records/calibrate';
import { calibrator } from '../core/records/calibrate';
import type { RecordFilter } from '../core/records/record-filter';
import { matchesFilter } from '../core/records/record-filter';
import { recordPart } from '../core/records/record';
import { assessWith } from '../core/records/rescore-record';
import { calibrateFormats, calibrateRenderers } from '../render/calibrate';
import { choiceOption, defineCommand } from './define-command';
import { loadBankOrFail, loadCandidateBank } from '../use-cases/load-bank-or-fail';
import { recordFilter, storeOption, withRecordFilters } from './record-filter-flags';
import { storedRecords } from '../use-cases/store-records';
import { reportWidth } from './text-layout';

export interface CalibrateOptions {
  readonly store: string;
  /** The bank in use: its rules tell which flags and answers nothing acts on yet. */
  readonly bank: Bank;
  /** A candidate bank to re-score the same records with, and its path. */
  readonly candidate: { readonly bank: Bank; readonly path: string } | undefined;
  readonly filter: RecordFilter;
  readonly warn: (text: string) => void;
}

/** What calibrate reads of each record: the verdict, flags and answers it counts, the answers a candidate bank scores, and what the filters test. */
const counted = recordPart(
  ['answers', 'assessedBy', 'corrects'],
  ['prospect', 'assessedAt', 'degree', 'recommendation', 'flags', 'answers', 'bank'],
);

/**
 * `clientfit calibrate`: how the records' verdicts, flags and answers went
 * with the outcomes recorded since. Reads the store one record at a time and
 * keeps only counts, so memory does not grow with the store.
 */
export function calibrate(options: CalibrateOptions): Calibration {
  const { candidate } = options;
  const counter = calibrator({
    bank: options.bank,
    ...(candidate === undefined
      ? {}
      : {
          rescore: {
            bank: candidate.bank,
            path: candidate.path,
            verdict: (record) => assessWith(record, candidate.bank).result.recommendation,
          },
        }),
  });
  for (const { record, outcomes } of storedRecords(options.store, {
    check: counted,
    newestFirst: true,
    latestOnly: true,
    warn: options.warn,
  })) {
    const outcome = outcomes.at(-1)?.value;
    if (outcome === undefined || !matchesFilter(record, options.filter, outcome)) continue;
    counter.add(record, outcome);
  }
  return counter.result();
}

/** `clientfit calibrate`: did the advice work? */
export const calibrateCommand = defineCommand(
  () =>
    withRecordFilters(
      new Command('calibrate')
        .description(
          'compare saved verdicts, flags and answers with the outcomes recorded since; with ' +
            '--bank, how a candidate bank would have done',
        )
        .option(
          '--bank <path>',
          'a candidate bank: re-score the same records with it and compare what each bank ' +
            'would have declined',
        ),
    )
      .addOption(choiceOption('--format <format>', 'output format', calibrateFormats))
      .option('--json', 'shorthand for --format json')
      .addOption(storeOption())
      .addHelpText(
        'after',
        `
  Counts only records with an outcome (clientfit outcome). An engagement "went
  badly" when its latest outcome is went-badly; shares are taken over signed
  engagements with a known result (went-well, mixed, went-badly), and a share
  resting on fewer than 5 of them is shown as "too few to tell".

  Examples:
    clientfit calibrate
    clientfit calibrate --since 2026-01-01 --format markdown > calibration.md
    clientfit init my-bank && $EDITOR my-bank/bank.yaml && clientfit calibrate --bank my-bank`,
      ),
  (options, { io, settingsFor, styleFor, warn, programName }) => {
    const settings = settingsFor({ store: options.store });
    const { bank } = loadBankOrFail(settings.bank.value, io.cwd, programName);
    const candidate =
      options.bank === undefined
        ? undefined
        : loadCandidateBank(options.bank, { cwd: io.cwd, program: programName, warn });
    const configured: string = settings.format.value;
    const format =
      options.json === true
        ? 'json'
        : (options.format ?? calibrateFormats.find((f) => f === configured) ?? 'text');
    const filter = recordFilter(options);
    const result = calibrate({ store: settings.store.value, bank, candidate, filter, warn });
    if (result.records === 0 && format === 'text') {
      // Nothing to count: say why, and what to do, in the words the user runs clientfit with.
      const filtered = Object.keys(filter).length > 0;
      io.stdout.write(
        filtered
          ? 'No record with an outcome matches these filters: `' +
              programName +
              ' history --outcome VALUE` lists those that have one.\n'
          : 'No record has an outcome yet: `' +
              programName +
              ' outcome RECORD VALUE` records one, `' +
              programName +
              ' outcome --from FILE` many.\n',
      );
      return;
    }
    io.stdout.write(
      calibrateRenderers[format](result, styleFor(settings, io.stdout), reportWidth(io, true)),
    );
  },
);
