import type { Bank } from '../core/bank/bank';
import type { RecordFilter } from '../core/record-filter';
import { matchesFilter } from '../core/record-filter';
import { recordPart } from '../core/record';
import { rescoreRecord } from '../core/rescore-record';
import { ExitCode } from '../exit-codes';
import { renderChange } from '../render/rescore';
import type { Style } from '../render/style';
import { safe, safeJson } from '../render/terminal-safe';
import { defineCommand } from './define-command';
import { storedRecords } from './store-records';
import { loadBankOrFail } from './load-bank-or-fail';
import { outcomeFilterFlags, recordFilter, recordFilterFlags, recordRecommendations, storeFlag } from './record-filter-flags';

export interface RescoreOptions {
  readonly store: string;
  readonly bank: Bank;
  readonly filter: RecordFilter;
  readonly format: 'text' | 'json';
  readonly style: Style;
  readonly warn: (text: string) => void;
}

/** How many records were scored, changed and skipped (for --exit-code). */
export interface RescoreSummary {
  readonly scored: number;
  readonly changed: number;
  readonly skipped: number;
}

/** What rescore reads of each record: the answers to score again, what they were scored before, and what the filters test. */
const rescored = recordPart(['answers', 'assessedBy'], ['prospect', 'assessedAt', 'degree', 'fit', 'recommendation', 'evidence', 'rulesFired']);

/**
 * `clientfit rescore`: scores every record (matching the filter) with the
 * given bank and reports each one whose degree or recommendation changes,
 * with the weights and rules that moved it. Streams: one record at a time.
 */
export function* rescore(options: RescoreOptions, summary: { value: RescoreSummary }): Generator<string> {
  let scored = 0;
  let changed = 0;
  let skipped = 0;
  const json = options.format === 'json';
  if (json) yield '{\n  "changes": [';
  const skip = (): void => {
    skipped++;
  };
  for (const { record, outcomes } of storedRecords(options.store, { check: rescored, newestFirst: false, warn: options.warn, skip })) {
    if (!matchesFilter(record, options.filter, outcomes.at(-1)?.value)) continue;
    scored++;
    const change = rescoreRecord(record, options.bank);
    if (change === undefined) continue;
    changed++;
    yield json ? `${changed === 1 ? '' : ','}\n    ${safeJson(change).replace(/\n\s*/g, ' ')}` : renderChange(change, options.style);
  }
  summary.value = { scored, changed, skipped };
  if (json) yield `${changed === 0 ? '' : '\n  '}],\n  "scored": ${scored},\n  "changed": ${changed},\n  "skipped": ${skipped}\n}\n`;
  else
    yield options.style.dim(
      `${scored} record${scored === 1 ? '' : 's'} re-scored with ${safe(options.bank.id)} ${safe(options.bank.version)}: ${changed} changed${skipped > 0 ? `, ${skipped} file${skipped === 1 ? '' : 's'} skipped` : ''}.\n`,
    );
}

/** `clientfit rescore`: which saved verdicts a bank would change, and why. */
export const rescoreCommand = defineCommand({
  name: 'rescore',
  description: 'score saved assessments again with a bank, and show which verdicts change and why',
  flags: [
    { flags: '--bank <path>', description: 'the bank to score with (default: config, $CLIENTFIT_BANK or the shipped bank)' },
    ...recordFilterFlags,
    { flags: '--recommendation <verdict>', description: 'only records with this recommendation', choices: recordRecommendations },
    ...outcomeFilterFlags,
    { flags: '--format <format>', description: 'output format', choices: ['text', 'json'] },
    { flags: '--json', description: 'shorthand for --format json' },
    { flags: '--exit-code', description: 'exit 4 when any verdict changed (for CI on a bank kept in git)' },
    storeFlag,
  ],
  action(options, { io, settingsFor, styleFor, warn, setExitCode, programName }) {
    const settings = settingsFor({ bank: options.bank, store: options.store });
    const { bank } = loadBankOrFail(settings.bank.value, io.cwd, programName);
    const summary = { value: { scored: 0, changed: 0, skipped: 0 } };
    const format = options.json === true ? 'json' : (options.format ?? (settings.format.value === 'json' ? 'json' : 'text'));
    const filter = recordFilter(options);
    for (const chunk of rescore({ store: settings.store.value, bank, filter, format, style: styleFor(settings, io.stdout), warn }, summary))
      io.stdout.write(chunk);
    if (options.exitCode === true && summary.value.changed > 0) setExitCode(ExitCode.verdictsChanged);
  },
});
