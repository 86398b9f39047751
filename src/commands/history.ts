import type { RecordFilter } from '../core/record-filter';
import { matchesFilter } from '../core/record-filter';
import type { AssessmentRecord } from '../core/record';
import { readRecord, recordFiles, skippedWarning } from '../io/store';
import { markdownText } from '../render/report';
import type { Style } from '../render/style';
import { safe, safeJson } from '../render/terminal-safe';

export type HistoryFormat = 'text' | 'json' | 'csv' | 'markdown';

export interface HistoryOptions {
  readonly store: string;
  readonly filter: RecordFilter;
  readonly format: HistoryFormat;
  readonly style: Style;
  /** Where files that are not usable records are named (standard error). */
  readonly warn: (text: string) => void;
}

interface Row {
  readonly id: string;
  readonly date: string;
  readonly prospect: string;
  readonly degree: string;
  readonly recommendation: string;
  readonly confidence: number;
}

function row(record: AssessmentRecord): Row {
  const r = record.report;
  return {
    id: record.id,
    date: r.assessedAt.slice(0, 16).replace('T', ' '),
    prospect: r.prospect ?? '',
    degree: r.degree.id,
    recommendation: r.recommendation,
    confidence: r.confidence,
  };
}

/**
 * A CSV cell: control and invisible characters shown visibly (CSV has no
 * escapes; --json keeps exact values), quoted when needed, and never read as
 * a formula by a spreadsheet.
 */
export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : safe(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function fit(text: string, width: number): string {
  const shown = safe(text);
  return shown.length > width ? `${shown.slice(0, width - 1)}…` : shown.padEnd(width);
}

/**
 * `clientfit history`: the store's records, newest first, as a stream of
 * output chunks — one record file in memory at a time, so a store of any size
 * lists in constant memory. Files that are not usable records are named with
 * the reason through `warn`, and skipped; they are never modified.
 */
export function* history(options: HistoryOptions): Generator<string> {
  const { format, style } = options;
  const names = recordFiles(options.store).reverse();
  let count = 0;
  let skipped = 0;
  let first = true;
  if (format === 'csv') yield 'id,date,prospect,degree,recommendation,confidence\n';
  if (format === 'markdown') yield '| Date (UTC) | Prospect | Degree | Recommendation | Confidence | Record |\n| --- | --- | --- | --- | --- | --- |\n';
  if (format === 'json') yield '{\n  "records": [';
  if (format === 'text')
    yield style.bold(`${'date (UTC)'.padEnd(16)}  ${'prospect'.padEnd(28)}  ${'degree'.padEnd(10)}  ${'recommendation'.padEnd(20)}  conf.  record`) + '\n';
  const skippedList: { file: string; reason: string }[] = [];
  let chunk: string[] = [];
  for (const name of names) {
    const entry = readRecord(options.store, name);
    if (!entry.ok) {
      skipped++;
      options.warn(skippedWarning(entry));
      if (format === 'json' && skippedList.length < 1000) skippedList.push({ file: entry.name, reason: entry.problem });
      continue;
    }
    if (!matchesFilter(entry.record, options.filter)) continue;
    count++;
    const r = row(entry.record);
    switch (format) {
      case 'text':
        chunk.push(
          `${fit(r.date, 16)}  ${fit(r.prospect === '' ? '(no name)' : r.prospect, 28)}  ${fit(r.degree, 10)}  ${fit(r.recommendation, 20)}  ${r.confidence.toFixed(2)}   ${style.dim(safe(r.id))}\n`,
        );
        break;
      case 'csv':
        chunk.push(`${[r.id, r.date, r.prospect, r.degree, r.recommendation, r.confidence].map(csvCell).join(',')}\n`);
        break;
      case 'markdown':
        chunk.push(`| ${[r.date, r.prospect, r.degree, r.recommendation, r.confidence.toFixed(2), r.id].map((c) => markdownText(c)).join(' | ')} |\n`);
        break;
      case 'json':
        chunk.push(`${first ? '' : ','}\n    ${safeJson(r).replace(/\n\s*/g, ' ')}`);
        first = false;
        break;
    }
    if (chunk.length >= 256) {
      yield chunk.join('');
      chunk = [];
    }
  }
  yield chunk.join('');
  if (format === 'json') yield `${count === 0 ? '' : '\n  '}],\n  "skipped": ${safeJson(skippedList).replace(/\n/g, '\n  ')}\n}\n`;
  if (format === 'text')
    yield style.dim(
      `${count} record${count === 1 ? '' : 's'}${skipped > 0 ? `; ${skipped} file${skipped === 1 ? '' : 's'} skipped` : ''} in ${safe(options.store)}\n`,
    );
}
