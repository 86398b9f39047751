import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import type { RecordFilter } from '../core/records/record-filter';
import { parseDateBound } from '../core/records/record-filter';
import type { OutcomeValue } from '../core/records/outcome';
import { outcomeValues } from '../core/records/outcome';
import { usageError } from '../errors';
import { choiceOption, refuseTogether } from './define-command';

/** The flag that names the record store, for the commands that read or add to it. */
export function storeOption() {
  return new Option(
    '--store <dir>',
    'the record store (default: config, $CLIENTFIT_STORE or the XDG data folder)',
  );
}

/**
 * Adds the flags `history`, `rescore` and `calibrate` share to pick records
 * (history and rescore add their own --recommendation).
 */
export function withRecordFilters<
  Args extends unknown[],
  Opts extends OptionValues,
  Global extends OptionValues,
>(command: Command<Args, Opts, Global>) {
  return command
    .option('--prospect <text>', 'only prospects whose name contains this (any case)')
    .option('--since <date>', 'only from this date (YYYY-MM-DD, or an ISO time)')
    .option('--until <date>', 'only up to this date, inclusive')
    .option('--by <name>', 'only records assessed by someone whose name contains this (any case)');
}

/** Adds --outcome and --no-outcome, for the commands that list records (both: a usage error). */
export function withOutcomeFilters<
  Args extends unknown[],
  Opts extends OptionValues,
  Global extends OptionValues,
>(command: Command<Args, Opts, Global>) {
  const added = command
    .addOption(
      choiceOption(
        '--outcome <value>',
        'only records whose latest outcome is this one',
        outcomeValues,
      ),
    )
    .option('--no-outcome', 'only records with no outcome recorded yet');
  return refuseTogether(added, '--no-outcome', '--outcome');
}

/** The verdicts a record can hold, for --recommendation. */
export const recordRecommendations = [
  'take',
  'take-with-conditions',
  'decline',
  'undecided',
] as const;

/** Those flags as given. */
export interface RecordFilterFlags {
  readonly prospect?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly recommendation?: string | undefined;
  readonly by?: string | undefined;
  /** `--outcome VALUE` gives the value, `--no-outcome` false. */
  readonly outcome?: OutcomeValue | boolean | undefined;
}

/** The filter the flags ask for; a date that cannot be read is a usage error (exit 2). */
export function recordFilter(flags: RecordFilterFlags): RecordFilter {
  const bound = (flag: '--since' | '--until', text: string | undefined): Date | undefined => {
    if (text === undefined) return undefined;
    const date = parseDateBound(text, flag === '--until');
    if (date === undefined)
      throw usageError(
        `${flag} takes a date like 2026-11-22 or an ISO time like 2026-11-22T09:30:00Z, ` +
          `not ${JSON.stringify(text)}`,
      );
    return date;
  };
  const since = bound('--since', flags.since);
  const until = bound('--until', flags.until);
  return {
    ...(flags.prospect === undefined ? {} : { prospect: flags.prospect }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(flags.recommendation === undefined ? {} : { recommendation: flags.recommendation }),
    ...(flags.by === undefined ? {} : { by: flags.by }),
    ...(flags.outcome === false
      ? { outcome: null }
      : typeof flags.outcome === 'string'
        ? { outcome: flags.outcome }
        : {}),
  };
}
