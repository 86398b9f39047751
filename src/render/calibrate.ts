import type { BankComparison, Calibration, CrossTable, Predictor } from '../core/records/calibrate';
import type { Tally } from '../core/records/calibrate-findings';
import { shareOf } from '../core/records/calibrate-findings';
import { outcomeValues } from '../core/records/outcome';
import { markdownText } from './markdown-text';
import type { Style } from './style';
import type { Column } from './table';
import { fitCell, layoutTable, tableHeader, tableRow } from './table';
import { safe, safeJson } from './terminal-safe';
import { wrapLines } from './wrap-text';

/** The formats calibrate writes. */
export const calibrateFormats = ['text', 'json', 'markdown'] as const;
export type CalibrateFormat = (typeof calibrateFormats)[number];

/** How many flags and answers each list shows in text and Markdown (JSON has them all). */
const shown = 8;

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** `70% (35 of 50)`, or `too few to tell (3)` below the minimum count. */
export function tallyText(t: Tally): string {
  const share = shareOf(t);
  return share === null ? `too few to tell (${t.of})` : `${percent(share)} (${t.bad} of ${t.of})`;
}

/** A bar of `width` characters for a share, in eighths of a character. */
export function bar(share: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, share)) * width * 8);
  const partial = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8] ?? '';
  const full = '█'.repeat(Math.floor(eighths / 8));
  return `${full}${partial}`.padEnd(width, ' ');
}

type CrossRow = CrossTable['rows'][number];

const countCell = (row: CrossRow, o: (typeof outcomeValues)[number]): string =>
  `${row.counts[o]} ${`(${percent(row.total === 0 ? 0 : row.counts[o] / row.total)})`.padStart(6)}`;

/** Which outcome columns go first when the terminal is narrow: went-badly is kept longest. */
const outcomeKeep: Readonly<Record<(typeof outcomeValues)[number], number>> = {
  'went-badly': 8,
  'went-well': 7,
  mixed: 5,
  signed: 4,
  'not-signed': 3,
};

/** The columns of a cross table: the row's key, a count per outcome, and how often it went badly (a bar and the share). */
const crossColumns: readonly Column<CrossRow>[] = [
  { header: '', cell: (r) => safe(r.key), width: 22, min: 16, keep: 10 },
  ...outcomeValues.map((o): Column<CrossRow> => ({
    header: o,
    cell: (r) => countCell(r, o),
    width: 10,
    min: 10,
    keep: outcomeKeep[o],
    align: 'right',
  })),
  {
    header: 'went badly (of a known result)',
    cell: (r) => {
      const share = shareOf(r.bad);
      return share === null
        ? `too few to tell (${r.bad.of})`
        : `${bar(share, 10)} ${tallyText(r.bad)}`;
    },
    width: 30,
    min: 30,
    keep: 9,
    // The bar is the cell's first ten characters (each one UTF-16 unit).
    paint: (text, r, style) =>
      shareOf(r.bad) === null
        ? style.dim(text)
        : `${style.red(text.slice(0, 10))}${text.slice(10)}`,
  },
];

function textTable(title: string, table: CrossTable, style: Style, width: number): string[] {
  const layout = layoutTable(crossColumns, width);
  return [
    style.bold(title),
    tableHeader(layout),
    ...table.rows.map((row) => tableRow(layout, row, style)),
  ];
}

function predictorName(p: Predictor): string {
  return p.kind === 'flag' ? `flag ${p.id}` : `${p.questionId ?? ''} = ${p.value ?? ''}`;
}

function textPredictors(title: string, list: readonly Predictor[], style: Style): string[] {
  const lines = [style.bold(title)];
  const told = list.filter((p) => p.difference !== null);
  for (const p of told.slice(0, shown)) {
    const diff = p.difference ?? 0;
    const points = `${diff >= 0 ? '+' : '−'}${Math.abs(Math.round(diff * 100))} pts`.padStart(9);
    lines.push(
      `  ${points}  ${style.red(bar(Math.max(0, diff), 10))}  ${fitCell(safe(predictorName(p)), 34)}  ${tallyText(p.present)} with it, ${tallyText(p.absent)} without${p.usedByRule ? style.dim('  (a rule uses it)') : ''}`,
    );
    lines.push(style.dim(`             ${safe(p.label)}`));
  }
  const rest = told.length - Math.min(told.length, shown);
  const few = list.length - told.length;
  if (rest > 0 || few > 0)
    lines.push(
      style.dim(
        `  ${rest > 0 ? `${rest} more` : ''}${rest > 0 && few > 0 ? '; ' : ''}${few > 0 ? `${few} too few to tell (seen fewer than 5 times, or almost always)` : ''} — --format json lists all`,
      ),
    );
  if (list.length === 0) lines.push(style.dim('  none seen in engagements with a known result'));
  return lines;
}

function suggestionText(p: Predictor): string {
  const raises =
    p.kind === 'answer'
      ? p.raises.length === 0
        ? 'it raises no flag'
        : `it raises ${p.raises.join(', ')}`
      : `the flag is ${p.raises.join(', ')}`;
  const where =
    p.kind === 'answer'
      ? `a rule on { question: ${p.questionId ?? ''}, equals: ${p.value ?? ''} }`
      : `a rule on { flag: ${p.id} }, or a higher severity`;
  return `${predictorName(p)} — went badly ${tallyText(p.present)} with it against ${tallyText(p.absent)} without; ${raises} and no rule uses it. Consider ${where}.`;
}

/**
 * The two sides of a comparison by name, so they can be told apart: the
 * candidate's id and version, and its path when a bank the records were
 * assessed with has the same id; the assessed banks with their record counts.
 */
export function comparedBanks(c: BankComparison): {
  readonly candidate: string;
  readonly assessed: string;
} {
  const sameId = c.assessedWith.some((b) => b.id === c.candidate.id);
  const path = sameId && c.candidate.path !== null ? ` at ${c.candidate.path}` : '';
  const candidate = `${safe(c.candidate.id)} ${safe(c.candidate.version)}${safe(path)}`;
  const assessed = c.assessedWith
    .map(
      (b) => `${safe(b.id)} ${safe(b.version)}: ${b.records} record${b.records === 1 ? '' : 's'}`,
    )
    .join('; ');
  return { candidate, assessed: assessed === '' ? 'unknown' : assessed };
}

function comparisonText(c: BankComparison): string {
  const part = (side: BankComparison['assessed']): string =>
    `${side['went-badly'].declined} of ${side['went-badly'].of} engagements that went badly and ${side['went-well'].declined} of ${side['went-well'].of} that went well (mixed: ${side.mixed.declined} of ${side.mixed.of})`;
  const names = comparedBanks(c);
  return `The candidate bank ${names.candidate} would have declined ${part(c.rescored)}; the banks the records were assessed with (${names.assessed}) declined ${part(c.assessed)}.`;
}

function renderText(c: Calibration, style: Style, width = 80): string {
  // The calibrate command says what to do about it, in the words clientfit was started with.
  if (c.records === 0) return 'No record has an outcome yet.\n';
  // The tables are laid out to the width; the lists and sentences are wrapped to it.
  const prose = (...lines: string[]): string[] => wrapLines(lines.join('\n'), width).split('\n');
  const counts = outcomeValues.map((o) => `${c.outcomes[o]} ${o}`).join(', ');
  const out = [
    ...prose(
      style.bold(`${c.records} record${c.records === 1 ? '' : 's'} with an outcome`) +
        ` (${counts}); ${c.settled} signed with a known result.`,
    ),
    '',
    ...textTable('Recommendation × outcome', c.byRecommendation, style, width),
    '',
    ...textTable('Degree × outcome', c.byDegree, style, width),
    '',
    ...prose(
      ...textPredictors(
        'Answers: how often it went badly with the answer and without it',
        c.answers,
        style,
      ),
      '',
      ...textPredictors(
        'Flags: how often it went badly with the flag and without it',
        c.flags,
        style,
      ),
      '',
      style.bold('Suggestions: strong signs of trouble that no rule uses'),
      ...(c.suggestions.length === 0
        ? [
            style.dim(
              `  none: no flag or answer seen at least ${c.minimumCount} times went badly 20 points more often, and twice as often, without a rule using it`,
            ),
          ]
        : c.suggestions.map((p, i) => `  ${i + 1}. ${safe(suggestionText(p))}`)),
    ),
  ];
  if (c.comparison !== null)
    out.push(
      '',
      ...prose(style.bold('With the candidate bank'), `  ${safe(comparisonText(c.comparison))}`),
    );
  return `${out.join('\n')}\n`;
}

function markdownTable(title: string, table: CrossTable): string[] {
  return [
    `## ${title}`,
    '',
    `| | ${outcomeValues.join(' | ')} | went badly |`,
    `| --- | ${outcomeValues.map(() => '---:').join(' | ')} | --- |`,
    ...table.rows.map(
      (r) =>
        `| ${markdownText(r.key)} | ${outcomeValues.map((o) => `${r.counts[o]} (${percent(r.total === 0 ? 0 : r.counts[o] / r.total)})`).join(' | ')} | ${tallyText(r.bad)} |`,
    ),
  ];
}

function markdownPredictors(title: string, list: readonly Predictor[]): string[] {
  const told = list.filter((p) => p.difference !== null).slice(0, shown);
  return [
    `## ${title}`,
    '',
    '| | with it | without | difference | a rule uses it |',
    '| --- | --- | --- | ---: | --- |',
    ...told.map(
      (p) =>
        `| ${markdownText(predictorName(p))}: ${markdownText(p.label)} | ${tallyText(p.present)} | ${tallyText(p.absent)} | ${Math.round((p.difference ?? 0) * 100)} pts | ${p.usedByRule ? 'yes' : 'no'} |`,
    ),
    '',
    `${list.length - told.length} more not shown (fewer than ${shown + 1} places, or too few to tell).`,
  ];
}

function renderMarkdown(c: Calibration): string {
  if (c.records === 0) return 'No record has an outcome yet.\n';
  const out = [
    '# Did the advice work?',
    '',
    `${c.records} records with an outcome (${outcomeValues.map((o) => `${c.outcomes[o]} ${o}`).join(', ')}); ${c.settled} signed with a known result. Shares below ${c.minimumCount} engagements are "too few to tell".`,
    '',
    ...markdownTable('Recommendation × outcome', c.byRecommendation),
    '',
    ...markdownTable('Degree × outcome', c.byDegree),
    '',
    ...markdownPredictors('Answers', c.answers),
    '',
    ...markdownPredictors('Flags', c.flags),
    '',
    '## Suggestions',
    '',
    ...(c.suggestions.length === 0
      ? ['None.']
      : c.suggestions.map((p, i) => `${i + 1}. ${markdownText(suggestionText(p))}`)),
  ];
  if (c.comparison !== null)
    out.push('', '## With the candidate bank', '', markdownText(comparisonText(c.comparison)));
  return `${out.join('\n')}\n`;
}

/** The calibration in each format; colour only in text, and only with a colour style. JSON holds every figure. */
export const calibrateRenderers = {
  text: renderText,
  json: (c: Calibration) => `${safeJson({ schemaVersion: 1, ...c })}\n`,
  markdown: (c: Calibration) => renderMarkdown(c),
} satisfies Record<CalibrateFormat, (c: Calibration, style: Style, width: number) => string>;
