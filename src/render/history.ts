import type { OutcomeChange } from '../core/outcome';
import type { RecordPart } from '../core/record';
import { markdownText } from './markdown-text';
import type { Style } from './style';
import { safe, safeJson } from './terminal-safe';

/** The formats `history` lists records in. */
export const historyFormats = ['text', 'json', 'csv', 'markdown'] as const;
export type HistoryFormat = (typeof historyFormats)[number];

/** One line of the history: what each format shows of a record. */
export interface HistoryRow {
  readonly id: string;
  readonly date: string;
  readonly prospect: string;
  readonly degree: string;
  readonly recommendation: string;
  readonly confidence: number;
  /** Who assessed; null in records from before clientfit recorded it. */
  readonly assessedBy: string | null;
  /** The latest outcome, the day it happened, and its note; null when none was recorded. */
  readonly outcome: string | null;
  readonly outcomeDate: string | null;
  readonly outcomeNote: string | null;
  /** The record this one corrects (`run --edit`), which it replaces in the listing; null when none. */
  readonly corrects: string | null;
}

/** What a history row shows of a record. */
export type ListedRecord = RecordPart<'assessedBy' | 'corrects', 'assessedAt' | 'prospect' | 'degree' | 'recommendation' | 'confidence'>;

/** The history row of a record and its latest outcome. */
export function historyRow(record: ListedRecord, outcome: OutcomeChange | undefined): HistoryRow {
  const r = record.report;
  return {
    id: record.id,
    date: r.assessedAt.slice(0, 16).replace('T', ' '),
    prospect: r.prospect ?? '',
    degree: r.degree.id,
    recommendation: r.recommendation,
    confidence: r.confidence,
    assessedBy: record.assessedBy,
    outcome: outcome?.value ?? null,
    outcomeDate: outcome?.date ?? null,
    outcomeNote: outcome?.note ?? null,
    corrects: record.corrects,
  };
}

/**
 * A CSV cell: control and invisible characters shown visibly (CSV has no
 * escapes; --json keeps exact values), quoted when needed, and never read as
 * a formula by a spreadsheet.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? String(value) : safe(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fit(text: string, width: number): string {
  const shown = safe(text);
  return shown.length > width ? `${shown.slice(0, width - 1)}…` : shown.padEnd(width);
}

/** What the listing ends with: how many records were listed, which files were skipped. */
export interface HistoryTotals {
  readonly count: number;
  readonly store: string;
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  /** How many files were skipped in all (the list above holds at most the first thousand). */
  readonly skippedCount: number;
}

/** The history in one format, in three parts so a store of any size streams: the head, each row, the end. */
export interface HistoryRenderer {
  readonly head: (style: Style) => string;
  /** `first` is true for the first row listed. */
  readonly row: (row: HistoryRow, style: Style, first: boolean) => string;
  readonly end: (totals: HistoryTotals, style: Style) => string;
}

/** The history in each format. Colour appears only in the text format. */
export const historyRenderers = {
  text: {
    head: (style) =>
      style.bold(
        `${'date (UTC)'.padEnd(16)}  ${'prospect'.padEnd(28)}  ${'degree'.padEnd(10)}  ${'recommendation'.padEnd(20)}  conf.  ${'outcome'.padEnd(10)}  record`,
      ) + '\n',
    row: (r, style) =>
      `${fit(r.date, 16)}  ${fit(r.prospect === '' ? '(no name)' : r.prospect, 28)}  ${fit(r.degree, 10)}  ${fit(r.recommendation, 20)}  ${r.confidence.toFixed(2)}   ${r.outcome === null ? style.dim('—'.padEnd(10)) : fit(r.outcome, 10)}  ${style.dim(safe(r.id))}\n${r.corrects === null ? '' : style.dim(`  ↳ corrects ${safe(r.corrects)}\n`)}`,
    end: ({ count, skippedCount, store }, style) =>
      style.dim(
        `${count} record${count === 1 ? '' : 's'}${skippedCount > 0 ? `; ${skippedCount} file${skippedCount === 1 ? '' : 's'} skipped` : ''} in ${safe(store)}\n`,
      ),
  },
  json: {
    head: () => '{\n  "records": [',
    row: (r, _style, first) => `${first ? '' : ','}\n    ${safeJson(r).replace(/\n\s*/g, ' ')}`,
    end: ({ count, skipped }) => `${count === 0 ? '' : '\n  '}],\n  "skipped": ${safeJson(skipped).replace(/\n/g, '\n  ')}\n}\n`,
  },
  csv: {
    head: () => 'id,date,prospect,degree,recommendation,confidence,assessed_by,outcome,outcome_date,outcome_note,corrects\n',
    row: (r) =>
      `${[r.id, r.date, r.prospect, r.degree, r.recommendation, r.confidence, r.assessedBy, r.outcome, r.outcomeDate, r.outcomeNote, r.corrects].map(csvCell).join(',')}\n`,
    end: () => '',
  },
  markdown: {
    head: () =>
      '| Date (UTC) | Prospect | Degree | Recommendation | Confidence | Assessed by | Outcome | Record |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n',
    row: (r) =>
      `| ${[r.date, r.prospect, r.degree, r.recommendation, r.confidence.toFixed(2), r.assessedBy ?? '', r.outcome === null ? '' : `${r.outcome} (${r.outcomeDate ?? ''})`, r.corrects === null ? r.id : `${r.id} (corrects ${r.corrects})`].map((c) => markdownText(c)).join(' | ')} |\n`,
    end: () => '',
  },
} satisfies Record<HistoryFormat, HistoryRenderer>;
