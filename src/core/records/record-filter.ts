import type { RecordPart } from './record';
import type { OutcomeValue } from './outcome';

/** Filters shared by `history`, `rescore` and `calibrate`. */
export interface RecordFilter {
  /** Case-insensitive substring of the prospect's name. */
  readonly prospect?: string;
  /** Inclusive bounds on the assessment time. */
  readonly since?: Date;
  readonly until?: Date;
  readonly recommendation?: string;
  /** Who assessed: case-insensitive substring of `assessedBy`. */
  readonly by?: string;
  /** The record's latest outcome is this one; `null`: it has none. */
  readonly outcome?: OutcomeValue | null;
}

/**
 * Reads a --since/--until value: a date (YYYY-MM-DD, a whole day in UTC) or a
 * full ISO 8601 time. `end` makes a bare date mean the end of that day.
 */
export function parseDateBound(text: string, end: boolean): Date | undefined {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const date = new Date(`${text}T00:00:00.000Z`);
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return undefined;
    return end ? new Date(date.getTime() + 86_400_000 - 1) : date;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** What the filters read of a record. */
export type FilteredRecord = RecordPart<'assessedBy', 'prospect' | 'assessedAt' | 'recommendation'>;

/** Whether a record, with its latest outcome (undefined: none), passes the filter. */
export function matchesFilter(
  record: FilteredRecord,
  filter: RecordFilter,
  outcome?: OutcomeValue,
): boolean {
  const report = record.report;
  if (filter.outcome !== undefined && (outcome ?? null) !== filter.outcome) return false;
  if (
    filter.by !== undefined &&
    !(record.assessedBy ?? '').toLowerCase().includes(filter.by.toLowerCase())
  )
    return false;
  if (
    filter.prospect !== undefined &&
    !(report.prospect ?? '').toLowerCase().includes(filter.prospect.toLowerCase())
  )
    return false;
  const at = new Date(report.assessedAt).getTime();
  if (filter.since !== undefined && !(at >= filter.since.getTime())) return false;
  if (filter.until !== undefined && !(at <= filter.until.getTime())) return false;
  if (filter.recommendation !== undefined && report.recommendation !== filter.recommendation)
    return false;
  return true;
}
