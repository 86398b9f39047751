import { Command } from '@commander-js/extra-typings';
import type { RecordFilter } from '../core/records/record-filter';
import { matchesFilter } from '../core/records/record-filter';
import { recordPart } from '../core/records/record';
import type { HistoryFormat } from '../render/history';
import { historyFormats, historyRenderers, historyRow } from '../render/history';
import type { Style } from '../render/style';
import { choiceOption, defineCommand } from './define-command';
import { storedRecords } from '../use-cases/store-records';
import { reportWidth } from './text-layout';
import {
  recordFilter,
  recordRecommendations,
  storeOption,
  withOutcomeFilters,
  withRecordFilters,
} from './record-filter-flags';

export interface HistoryOptions {
  readonly store: string;
  readonly filter: RecordFilter;
  readonly format: HistoryFormat;
  readonly style: Style;
  /** The columns the text table fits in. */
  readonly width: number;
  /** Where files that are not usable records are named (standard error). */
  readonly warn: (text: string) => void;
}

/** What history reads of each record: what its rows show and its filters test, and nothing more. */
const listed = recordPart(
  ['assessedBy', 'corrects'],
  ['assessedAt', 'prospect', 'degree', 'recommendation', 'confidence'],
);

/**
 * `clientfit history`: the store's records, newest first, as a stream of
 * output chunks — one record file in memory at a time, so a store of any size
 * lists in constant memory. Files that are not usable records are named with
 * the reason through `warn`, and skipped; they are never modified.
 */
export function* history(options: HistoryOptions): Generator<string> {
  const { format, style, width } = options;
  const render = historyRenderers[format];
  let count = 0;
  let skippedCount = 0;
  yield render.head(style, width);
  const skipped: { file: string; reason: string }[] = [];
  const skip = (entry: { name: string; problem: string }): void => {
    skippedCount++;
    if (skipped.length < 1000) skipped.push({ file: entry.name, reason: entry.problem });
  };
  let chunk: string[] = [];
  for (const { record, outcomes } of storedRecords(options.store, {
    check: listed,
    newestFirst: true,
    latestOnly: true,
    warn: options.warn,
    skip,
  })) {
    const outcome = outcomes.at(-1);
    if (!matchesFilter(record, options.filter, outcome?.value)) continue;
    chunk.push(render.row(historyRow(record, outcome), style, count === 0, width));
    count++;
    if (chunk.length >= 256) {
      yield chunk.join('');
      chunk = [];
    }
  }
  yield chunk.join('');
  yield render.end({ count, store: options.store, skipped, skippedCount }, style, width);
}

/** `clientfit history`: the saved assessments, newest first. */
export const historyCommand = defineCommand(
  () =>
    withOutcomeFilters(
      withRecordFilters(
        new Command('history').description('list saved assessments, newest first'),
      ).addOption(
        choiceOption(
          '--recommendation <verdict>',
          'only this recommendation',
          recordRecommendations,
        ),
      ),
    )
      .addOption(choiceOption('--format <format>', 'output format', historyFormats))
      .option('--json', 'shorthand for --format json')
      .addOption(storeOption()),
  (options, { io, settingsFor, styleFor, warn }) => {
    const settings = settingsFor({ store: options.store });
    const configured: string = settings.format.value;
    const format =
      options.json === true
        ? 'json'
        : (options.format ?? historyFormats.find((f) => f === configured) ?? 'text');
    for (const chunk of history({
      store: settings.store.value,
      filter: recordFilter(options),
      format,
      style: styleFor(settings, io.stdout),
      width: reportWidth(io, true),
      warn,
    }))
      io.stdout.write(chunk);
  },
);
