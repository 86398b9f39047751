import { Command } from '@commander-js/extra-typings';
import { wrapLines } from '../render/wrap-text';
import { reportWidth } from './text-layout';
import {
  dateBeforeAssessment,
  maxNoteLength,
  newOutcomeChange,
  outcomeValues,
  parseOutcomeDate,
  parseOutcomeValue,
  utcDay,
} from '../core/records/outcome';
import { usageError } from '../errors';
import { prepareOutcomeFolder, saveOutcome } from '../io/outcomes';
import { randomHex } from '../io/random-hex';
import { renderRecorded, renderTimeline } from '../render/outcome';
import type { CommandContext } from './context';
import { uninterrupted } from './context';
import { storeOption } from './record-filter-flags';
import { defineCommand } from './define-command';
import { importOutcomes } from './import-outcomes';
import { hintWords } from './program-name';
import { findRecord } from '../use-cases/find-record';
import { filesWithId, outcomesOfChain } from '../use-cases/store-records';

/** The printed command that lists the records, carrying --store as given. */
function listCommand(context: CommandContext, store: string | undefined): string {
  const { program, storeFlag } = hintWords(context.io.env, { store }, context.io.cwd);
  return `${program} history${storeFlag}`;
}

interface OutcomeFlags {
  readonly store?: string | undefined;
  readonly record?: string | undefined;
  readonly value?: string | undefined;
  readonly note?: string | undefined;
  readonly date?: string | undefined;
  readonly by?: string | undefined;
}

/** Records one outcome for one record: every check first, then one atomic write. */
async function recordOne(
  options: OutcomeFlags & { readonly record: string; readonly value: string },
  store: string,
  context: CommandContext,
): Promise<void> {
  const { io, warn } = context;
  const value = parseOutcomeValue(options.value);
  if ('problem' in value) throw usageError(value.problem, value.hint);
  const now = io.now();
  const date = parseOutcomeDate(options.date ?? utcDay(now), utcDay(now));
  if ('problem' in date)
    throw usageError(
      `--date: ${date.problem}`,
      'give the day it happened, like 2026-05-31 (today or earlier)',
    );
  const note = options.note?.trim();
  if (note !== undefined && note.length > maxNoteLength)
    throw usageError(
      `--note is ${note.length} characters; an outcome keeps at most ${maxNoteLength}`,
    );
  const record = findRecord(store, options.record, warn, listCommand(context, options.store), {
    uniqueName: true,
  });
  const holders = filesWithId(store, record.id);
  if (holders.length > 1)
    throw usageError(
      `the record ${record.id} is in ${holders.length} files of the store (${holders.join(', ')}): an outcome recorded for it would count for each`,
      'move the copy out of the store (keep the file named after the id), then record the outcome again',
    );
  const early = dateBeforeAssessment(date.date, record.report.assessedAt);
  if (early !== undefined)
    throw usageError(`--date: ${early}`, 'give the day the outcome happened');
  const previous = outcomesOfChain(store, record, warn).at(-1);
  const { name } = context.assessor(options.by);
  const change = newOutcomeChange(
    record.id,
    value.value,
    date.date,
    now,
    name,
    note === '' ? undefined : note,
    randomHex(8),
  );
  prepareOutcomeFolder(store);
  await uninterrupted(io, async () => {
    await saveOutcome(store, change);
  });
  const recorded = renderRecorded(
    change,
    record.report.prospect,
    previous,
    context.styleFor(context.settingsFor(), io.stdout),
  );
  io.stdout.write(wrapLines(recorded, reportWidth(io, true)));
}

/** `clientfit outcome`: what became of an assessed prospect. */
export const outcomeCommand = defineCommand(
  () =>
    new Command('outcome')
      .description(
        'record what became of an assessed prospect (did they sign, how it went); ' +
          'corrections keep every earlier value',
      )
      .argument(
        '[record]',
        'a record id, an unambiguous id prefix, or a prospect name (one record only)',
      )
      .argument(
        '[value]',
        `the outcome: ${outcomeValues.join(', ')}; without it, the record's outcomes are listed`,
      )
      .option('--note <text>', 'what happened, in a few words')
      .option(
        '--date <date>',
        'the day it happened (YYYY-MM-DD; default today, never in the future)',
      )
      .option(
        '--by <name>',
        'who records it (default: "by" in the config file, git user.name, or the login name)',
      )
      .option(
        '--from <file>',
        'record many at once from a CSV or YAML file (columns: record or prospect, outcome, ' +
          'date, note)',
      )
      .option(
        '--dry-run',
        'with --from: check the file and say what would be recorded, without writing anything',
      )
      .addOption(storeOption())
      .addHelpText(
        'after',
        `
  Outcomes:
    not-signed   they did not become a client (whoever decided it)
    signed       they signed; too early to say how it is going
    went-well    they signed, and the engagement went well
    mixed        they signed; some of it went well, some of it did not
    went-badly   they signed, and the engagement went badly

  Each outcome is kept as a file of its own under outcomes/ in the store; a
  later one corrects it and the earlier ones stay, with their dates.

  Examples:
    clientfit outcome acme went-badly --date 2026-05-31 --note "scope fights from week two"
    clientfit outcome 20260101T093000Z-acme       # every outcome recorded for it
    clientfit outcome --from crm-export.csv --dry-run`,
      ),
  async (recordArgument, valueArgument, flags, context) => {
    const options = { ...flags, record: recordArgument, value: valueArgument };
    const settings = context.settingsFor({ store: options.store });
    const store = settings.store.value;
    if (options.from !== undefined) {
      if (options.record !== undefined)
        throw usageError('give either --from FILE or a record and an outcome, not both');
      await importOutcomes({
        file: options.from,
        store,
        dryRun: options.dryRun === true,
        by: options.by,
        context,
      });
      return;
    }
    if (options.dryRun === true) throw usageError('--dry-run goes with --from FILE');
    if (options.record === undefined)
      throw usageError(
        'name a record and an outcome, or give --from FILE',
        `the outcomes: ${outcomeValues.join(', ')}`,
      );
    if (options.value === undefined) {
      if (options.note !== undefined || options.date !== undefined)
        throw usageError(`--note and --date need an outcome: ${outcomeValues.join(', ')}`);
      // A name that several records share is refused, as when recording: the latest of them may not be the one meant.
      const record = findRecord(
        store,
        options.record,
        context.warn,
        listCommand(context, options.store),
        { uniqueName: true },
      );
      const timeline = renderTimeline(
        outcomesOfChain(store, record, context.warn),
        context.styleFor(settings, context.io.stdout),
      );
      context.io.stdout.write(wrapLines(timeline, reportWidth(context.io, true)));
      return;
    }
    await recordOne({ ...options, record: options.record, value: options.value }, store, context);
  },
);
