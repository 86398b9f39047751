import { Command } from '@commander-js/extra-typings';
import { wrapLines, wrapText } from '../render/wrap-text';
import { reportWidth } from './text-layout';
import type { Bank } from '../core/bank/bank';
import type { RenamedAnswer } from '../core/judgement/apply-replaces';
import { renamedNote } from '../core/judgement/apply-replaces';
import type { RecordFilter } from '../core/records/record-filter';
import { matchesFilter } from '../core/records/record-filter';
import { recordPart } from '../core/records/record';
import { rescoreRecord } from '../core/records/rescore-record';
import { bankTally } from '../core/records/calibrate';
import { ExitCode } from '../exit-codes';
import { renderChange } from '../render/rescore';
import type { Style } from '../render/style';
import { safe, safeJson } from '../render/terminal-safe';
import { choiceOption, defineCommand } from './define-command';
import { storedRecords } from '../use-cases/store-records';
import { loadBankOrFail, loadCandidateBank } from '../use-cases/load-bank-or-fail';
import {
  recordFilter,
  recordRecommendations,
  storeOption,
  withOutcomeFilters,
  withRecordFilters,
} from './record-filter-flags';

export interface RescoreOptions {
  readonly store: string;
  readonly bank: Bank;
  /** Where the bank was read from: named when a record's bank has the same id. */
  readonly bankPath?: string | undefined;
  readonly filter: RecordFilter;
  readonly format: 'text' | 'json';
  readonly style: Style;
  /** The columns the text form wraps to. */
  readonly width: number;
  readonly warn: (text: string) => void;
  /** Said once, at the end: which old values the records hold were read under the bank's new names. */
  readonly note: (text: string) => void;
}

/** How many records were scored, changed and skipped (for --exit-code). */
export interface RescoreSummary {
  readonly scored: number;
  readonly changed: number;
  readonly skipped: number;
}

/** What rescore reads of each record: the answers to score again, what they were scored before, and what the filters test. */
const rescored = recordPart(
  ['answers', 'assessedBy'],
  ['prospect', 'assessedAt', 'degree', 'fit', 'recommendation', 'evidence', 'rulesFired', 'bank'],
);

/** The banks records were assessed with, by id and version, with how many records each. */
type BankCounts = ReturnType<typeof bankTally>;

/** The last line of the text form: both banks named so they can be told apart (the path too when their ids are the same). */
function summaryLine(options: RescoreOptions, banks: BankCounts, counts: RescoreSummary): string {
  const { bank, bankPath } = options;
  const sameId = banks.list().some((b) => b.id === bank.id);
  const candidate = `${safe(bank.id)} ${safe(bank.version)}${sameId && bankPath !== undefined ? ` at ${safe(bankPath)}` : ''}`;
  const before = banks
    .list()
    .map((b) => `${safe(b.id)} ${safe(b.version)} (${b.records})`)
    .join(', ');
  const { scored, changed, skipped } = counts;
  return (
    `${scored} record${scored === 1 ? '' : 's'} re-scored with ${candidate}${before === '' ? '' : `; assessed with ${before}`}: ` +
    `${changed} changed${skipped > 0 ? `, ${skipped} file${skipped === 1 ? '' : 's'} skipped` : ''}.\n`
  );
}

/**
 * `clientfit rescore`: scores every record (matching the filter) with the
 * given bank and reports each one whose degree, fit level or recommendation changes,
 * with the weights and rules that moved it. Streams: one record at a time.
 */
export function* rescore(
  options: RescoreOptions,
  summary: { value: RescoreSummary },
): Generator<string> {
  let scored = 0;
  let changed = 0;
  let skipped = 0;
  const banks = bankTally();
  const json = options.format === 'json';
  if (json) yield '{\n  "changes": [';
  const skip = (): void => {
    skipped++;
  };
  // Each old value once, however many records hold it.
  const renamed = new Map<string, RenamedAnswer>();
  let withRenamed = 0;
  const onRenamed = (each: readonly RenamedAnswer[]): void => {
    withRenamed++;
    for (const r of each) renamed.set(`${r.questionId}\u0000${r.from}`, r);
  };
  for (const { record, outcomes } of storedRecords(options.store, {
    check: rescored,
    newestFirst: false,
    warn: options.warn,
    skip,
  })) {
    if (!matchesFilter(record, options.filter, outcomes.at(-1)?.value)) continue;
    scored++;
    banks.add(record.report.bank);
    const change = rescoreRecord(record, options.bank, onRenamed);
    if (change === undefined) continue;
    changed++;
    yield json
      ? `${changed === 1 ? '' : ','}\n    ${safeJson(change).replace(/\n\s*/g, ' ')}`
      : wrapLines(renderChange(change, options.style), options.width);
  }
  summary.value = { scored, changed, skipped };
  if (renamed.size > 0)
    options.note(
      `${renamedNote([...renamed.values()])} (in ${withRenamed} of ${scored} record${scored === 1 ? '' : 's'})`,
    );
  if (json)
    yield `${changed === 0 ? '' : '\n  '}],\n  "scored": ${scored},\n  "changed": ${changed},\n  "skipped": ${skipped}\n}\n`;
  else
    yield `${wrapText(summaryLine(options, banks, summary.value).trimEnd(), {
      width: options.width,
    })
      .map(options.style.dim)
      .join('\n')}\n`;
}

/** `clientfit rescore`: which saved verdicts a bank would change, and why. */
export const rescoreCommand = defineCommand(
  () =>
    withOutcomeFilters(
      withRecordFilters(
        new Command('rescore')
          .description(
            'score saved assessments again with a bank, and show which verdicts change and why',
          )
          .option(
            '--bank <path>',
            'the bank to score with (default: config, $CLIENTFIT_BANK or the shipped bank)',
          ),
      ).addOption(
        choiceOption(
          '--recommendation <verdict>',
          'only records with this recommendation',
          recordRecommendations,
        ),
      ),
    )
      .addOption(choiceOption('--format <format>', 'output format', ['text', 'json']))
      .option('--json', 'shorthand for --format json')
      .option('--exit-code', 'exit 4 when any verdict changed (for CI on a bank kept in git)')
      .addOption(storeOption()),
  (options, { io, settingsFor, styleFor, warn, setExitCode, programName }) => {
    const settings = settingsFor({ bank: options.bank, store: options.store });
    // A bank named here is a candidate: its own examples are run, and a failing one is said.
    const { bank, path: bankPath } =
      options.bank === undefined
        ? { ...loadBankOrFail(settings.bank.value, io.cwd, programName), path: undefined }
        : loadCandidateBank(options.bank, { cwd: io.cwd, program: programName, warn });
    const summary = { value: { scored: 0, changed: 0, skipped: 0 } };
    const format =
      options.json === true
        ? 'json'
        : (options.format ?? (settings.format.value === 'json' ? 'json' : 'text'));
    const filter = recordFilter(options);
    const noteStyle = styleFor(settings, io.stderr);
    const note = (text: string): void => {
      io.stderr.write(`${noteStyle.yellow('note:')} ${text}\n`);
    };
    const style = styleFor(settings, io.stdout);
    const width = reportWidth(io, true);
    for (const chunk of rescore(
      { store: settings.store.value, bank, bankPath, filter, format, style, width, warn, note },
      summary,
    ))
      io.stdout.write(chunk);
    if (options.exitCode === true && summary.value.changed > 0)
      setExitCode(ExitCode.verdictsChanged);
  },
);
