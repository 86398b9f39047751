import type { RecordFilter } from '../core/record-filter';
import { parseDateBound } from '../core/record-filter';
import { usageError } from '../errors';

/** The flags `history` and `rescore` share to pick records (each adds its own --recommendation). */
export const recordFilterFlags = [
  { flags: '--prospect <text>', description: 'only prospects whose name contains this (any case)' },
  { flags: '--since <date>', description: 'only from this date (YYYY-MM-DD, or an ISO time)' },
  { flags: '--until <date>', description: 'only up to this date, inclusive' },
] as const;

/** The verdicts a record can hold, for --recommendation. */
export const recordRecommendations = ['take', 'take-with-conditions', 'decline', 'undecided'] as const;

/** Those flags as given. */
export interface RecordFilterFlags {
  readonly prospect?: string | undefined;
  readonly since?: string | undefined;
  readonly until?: string | undefined;
  readonly recommendation?: string | undefined;
}

/** The filter the flags ask for; a date that cannot be read is a usage error (exit 2). */
export function recordFilter(flags: RecordFilterFlags): RecordFilter {
  const bound = (flag: '--since' | '--until', text: string | undefined): Date | undefined => {
    if (text === undefined) return undefined;
    const date = parseDateBound(text, flag === '--until');
    if (date === undefined) throw usageError(`${flag} takes a date like 2026-11-22 or an ISO time like 2026-11-22T09:30:00Z, not ${JSON.stringify(text)}`);
    return date;
  };
  const since = bound('--since', flags.since);
  const until = bound('--until', flags.until);
  return {
    ...(flags.prospect === undefined ? {} : { prospect: flags.prospect }),
    ...(since === undefined ? {} : { since }),
    ...(until === undefined ? {} : { until }),
    ...(flags.recommendation === undefined ? {} : { recommendation: flags.recommendation }),
  };
}
