import type { RecordFilter } from '../core/records/record-filter';
import { parseDateBound } from '../core/records/record-filter';
import type { OutcomeValue } from '../core/records/outcome';
import { outcomeValues } from '../core/records/outcome';
import { usageError } from '../errors';

/** The flag that names the record store, for the commands that read or add to it. */
export const storeFlag = {
  flags: '--store <dir>',
  description: 'the record store (default: config, $CLIENTFIT_STORE or the XDG data folder)',
} as const;

/** The flags `history`, `rescore` and `calibrate` share to pick records (history and rescore add their own --recommendation). */
export const recordFilterFlags = [
  { flags: '--prospect <text>', description: 'only prospects whose name contains this (any case)' },
  { flags: '--since <date>', description: 'only from this date (YYYY-MM-DD, or an ISO time)' },
  { flags: '--until <date>', description: 'only up to this date, inclusive' },
  {
    flags: '--by <name>',
    description: 'only records assessed by someone whose name contains this (any case)',
  },
] as const;

/** --outcome and --no-outcome, for the commands that list records. */
export const outcomeFilterFlags = [
  {
    flags: '--outcome <value>',
    description: 'only records whose latest outcome is this one',
    choices: outcomeValues,
  },
  {
    flags: '--no-outcome',
    description: 'only records with no outcome recorded yet',
    conflicts: '--outcome',
  },
] as const;

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
        `${flag} takes a date like 2026-11-22 or an ISO time like 2026-11-22T09:30:00Z, not ${JSON.stringify(text)}`,
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
