import type { OutcomeChange } from '../core/records/outcome';
import type { OutputFormat } from '../core/config';
import type { Report } from '../core/report/report-schema';
import { markdownText } from './markdown-text';
import { reportRenderers } from './report';
import { reportHtml } from './report-html';
import type { TextLayout } from './report-text';
import type { Style } from './style';
import { safe, safeJson } from './terminal-safe';

/** One change in words: `went-badly (2026-05-31, by Ada) — "the note"`. */
export function describeChange(change: OutcomeChange, style: Style): string {
  const by = change.recordedBy === null ? '' : `, by ${safe(change.recordedBy)}`;
  const note = change.note === undefined ? '' : ` — ${style.dim(`"${safe(change.note)}"`)}`;
  return `${style.bold(change.value)} (${change.date}${by})${note}`;
}

/** What `clientfit outcome` says once a change is saved, naming the value it replaces. */
export function renderRecorded(
  change: OutcomeChange,
  prospect: string | null,
  previous: OutcomeChange | undefined,
  style: Style,
): string {
  const before =
    previous === undefined ? '' : `; before, it was ${describeChange(previous, style)}`;
  return `Recorded ${describeChange(change, style)} for ${safe(prospect ?? '(no name)')} ${style.dim(`(record ${safe(change.recordId)})`)}${before}.\n`;
}

/** A record's outcome changes, oldest first, as `clientfit outcome RECORD` and `show` list them. */
export function renderTimeline(changes: readonly OutcomeChange[], style: Style): string {
  if (changes.length === 0) return `${style.dim('No outcome recorded yet.')}\n`;
  const latest = changes.at(-1) as OutcomeChange;
  const lines = [`Outcome: ${describeChange(latest, style)}`];
  if (changes.length > 1) {
    lines.push(style.dim(`  earlier (oldest first; recorded at, in UTC):`));
    for (const c of changes.slice(0, -1))
      lines.push(
        `  ${style.dim(c.recordedAt.slice(0, 16).replace('T', ' '))}  ${describeChange(c, style)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A report with its record's outcome, as `show` prints it: a section after
 * the text or Markdown report; in JSON, the report object with the keys
 * `outcome` (the latest change) and `outcomes` (every change, oldest first)
 * added. A record without an outcome shows exactly the report `run` printed.
 */
export const reportWithOutcomeRenderers = {
  text: (report, changes, style, layout) =>
    `${reportRenderers.text(report, style, layout)}${changes.length === 0 ? '' : `\n${renderTimeline(changes, style)}`}`,
  markdown: (report, changes) => {
    const rows = changes.map(
      (c) =>
        `| ${[c.value, c.date, c.recordedBy ?? '', c.recordedAt, c.note ?? ''].map((x) => markdownText(x)).join(' | ')} |`,
    );
    const latest = changes.at(-1);
    return latest === undefined
      ? reportRenderers.markdown(report)
      : `${reportRenderers.markdown(report)}\n## Outcome\n\n**${markdownText(latest.value)}**\n\n| Outcome | Date | By | Recorded at | Note |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`;
  },
  html: (report, changes) => reportHtml(report, changes),
  json: (report, changes) =>
    changes.length === 0
      ? reportRenderers.json(report)
      : `${safeJson({ ...report, outcome: changes.at(-1), outcomes: changes })}\n`,
} satisfies Record<
  OutputFormat,
  (report: Report, changes: readonly OutcomeChange[], style: Style, layout?: TextLayout) => string
>;
