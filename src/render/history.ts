import type { OutcomeChange } from '../core/records/outcome';
import type { RecordPart } from '../core/records/record';
import { markdownText } from './markdown-text';
import type { Style } from './style';
import type { Column, TableLayout } from './table';
import { fitCell, layoutTable, tableHeader, tableRow } from './table';
import { safe, safeJson } from './terminal-safe';
import { wrapText } from './wrap-text';

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
export type ListedRecord = RecordPart<
  'assessedBy' | 'corrects',
  'assessedAt' | 'prospect' | 'degree' | 'recommendation' | 'confidence'
>;

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

/**
 * The text table's columns. Narrow terminals drop the least kept first:
 * confidence, then the record id, then the outcome; the prospect,
 * recommendation, date and degree stay down to 60 columns (an owner reads
 * the date first; any unambiguous start of an id, or the prospect's name,
 * works with show and outcome). The prospect and a kept id are cut to fit.
 */
const textColumns: readonly Column<HistoryRow>[] = [
  { header: 'date (UTC)', cell: (r) => safe(r.date), width: 16, min: 16, keep: 6 },
  {
    header: 'prospect',
    cell: (r) => safe(r.prospect === '' ? '(no name)' : r.prospect),
    width: 24,
    min: 12,
    keep: 8,
  },
  { header: 'degree', cell: (r) => safe(r.degree), width: 10, min: 6, keep: 5 },
  { header: 'recommendation', cell: (r) => safe(r.recommendation), width: 20, min: 20, keep: 7 },
  { header: 'conf.', cell: (r) => r.confidence.toFixed(2), width: 5, min: 5, keep: 1 },
  {
    header: 'outcome',
    cell: (r) => (r.outcome === null ? '—' : safe(r.outcome)),
    width: 10,
    min: 10,
    keep: 4,
    paint: (text, r, style) => (r.outcome === null ? style.dim(text) : text),
  },
  {
    header: 'record',
    cell: (r) => safe(r.id),
    width: 46,
    min: 24,
    keep: 3,
    paint: (text, _r, style) => style.dim(text),
  },
];

/** The narrowest table that shows the record ids (every column kept longer than they are, at its narrowest). */
const idsShownFrom = ((): number => {
  const record = textColumns.find((c) => c.header === 'record');
  const kept = textColumns.filter((c) => c.keep >= (record?.keep ?? 0));
  return kept.reduce((sum, c) => sum + c.min, 0) + 2 * (kept.length - 1);
})();

const layouts = new Map<number, TableLayout<HistoryRow>>();
function layoutFor(width: number): TableLayout<HistoryRow> {
  let layout = layouts.get(width);
  if (layout === undefined) layouts.set(width, (layout = layoutTable(textColumns, width)));
  return layout;
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
  /** `width`: the columns the text table fits in (the other formats ignore it). */
  readonly head: (style: Style, width: number) => string;
  /** `first` is true for the first row listed. */
  readonly row: (row: HistoryRow, style: Style, first: boolean, width: number) => string;
  readonly end: (totals: HistoryTotals, style: Style, width: number) => string;
}

/** The history in each format. Colour appears only in the text format. */
export const historyRenderers = {
  text: {
    head: (style, width) => style.bold(tableHeader(layoutFor(width))) + '\n',
    row: (r, style, _first, width) => {
      // A correction names the record it replaces on a line of its own, cut to the width like the ids above.
      const chain =
        r.corrects === null
          ? ''
          : `${style.dim(fitCell(`  ↳ corrects ${safe(r.corrects)}`, width).trimEnd())}\n`;
      return `${tableRow(layoutFor(width), r, style)}\n${chain}`;
    },
    end: ({ count, skippedCount, store }, style, width) => {
      const cut = layoutFor(width).columns.find((c) => c.column.header === 'record');
      const idsCut =
        cut === undefined
          ? ` (record ids: --format csv, or COLUMNS=${idsShownFrom} or wider)`
          : cut.width < cut.column.width
            ? ' (ids cut: any unambiguous start of one works)'
            : '';
      const text = `${count} record${count === 1 ? '' : 's'}${skippedCount > 0 ? `; ${skippedCount} file${skippedCount === 1 ? '' : 's'} skipped` : ''} in ${safe(store)}${count > 0 ? idsCut : ''}`;
      return `${wrapText(text, { width }).map(style.dim).join('\n')}\n`;
    },
  },
  json: {
    head: () => '{\n  "records": [',
    row: (r, _style, first) => `${first ? '' : ','}\n    ${safeJson(r).replace(/\n\s*/g, ' ')}`,
    end: ({ count, skipped }) =>
      `${count === 0 ? '' : '\n  '}],\n  "skipped": ${safeJson(skipped).replace(/\n/g, '\n  ')}\n}\n`,
  },
  csv: {
    head: () =>
      'id,date,prospect,degree,recommendation,confidence,assessed_by,outcome,outcome_date,outcome_note,corrects\n',
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
