import type { Draft } from '../core/records/draft';
import type { Style } from './style';
import type { Column } from './table';
import { layoutTable, tableHeader, tableRow } from './table';
import { safe, safeJson } from './terminal-safe';
import { wrapLines } from './wrap-text';

/** The drafts of a folder, unfinished first, and the files that are not drafts. */
export interface DraftList {
  readonly folder: string;
  readonly drafts: readonly { readonly id: string; readonly path: string; readonly draft: Draft }[];
  readonly skipped: readonly { readonly path: string; readonly problem: string }[];
  /** How the hint under the list calls clientfit (`clientfit` or `node BIN`, see programName). */
  readonly program: string;
}

type Listed = DraftList['drafts'][number];

/** The table's columns, most kept first: id, status, prospect, answers, updated. Ids are cut only on very narrow terminals. */
const columns: readonly Column<Listed>[] = [
  {
    header: 'draft',
    cell: (d) => safe(d.id),
    width: 44,
    min: 24,
    keep: 9,
    paint: (text, _d, style) => style.bold(text),
  },
  {
    header: 'status',
    cell: (d) => (d.draft.complete ? 'finished' : 'unfinished'),
    width: 10,
    min: 10,
    keep: 8,
    paint: (text, d, style) => (d.draft.complete ? style.green(text) : style.yellow(text)),
  },
  {
    header: 'prospect',
    cell: (d) => safe(d.draft.prospect ?? '(no name)'),
    width: 24,
    min: 10,
    keep: 7,
  },
  {
    header: 'answers',
    cell: (d) => String(Object.keys(d.draft.answers).length),
    width: 7,
    min: 7,
    keep: 5,
    align: 'right',
  },
  {
    header: 'updated (UTC)',
    cell: (d) => safe(d.draft.updatedAt.slice(0, 16).replace('T', ' ')),
    width: 16,
    min: 16,
    keep: 3,
  },
];

function renderText(list: DraftList, style: Style, width: number): string {
  if (list.drafts.length === 0 && list.skipped.length === 0)
    return wrapLines(`No drafts in ${safe(list.folder)}.\n`, width);
  const lines = [style.dim(`Drafts in ${safe(list.folder)}`)];
  if (list.drafts.length > 0) {
    const layout = layoutTable(columns, width - 2);
    lines.push(
      `  ${style.bold(tableHeader(layout))}`,
      ...list.drafts.map((d) => `  ${tableRow(layout, d, style)}`),
    );
  }
  for (const s of list.skipped)
    lines.push(`  ${style.red('skipped')} ${safe(s.path)}: ${safe(s.problem)}`);
  lines.push(
    '',
    style.dim(
      `Resume one with \`${list.program} run --resume ID\`; discard one with \`${list.program} drafts --discard ID\`.`,
    ),
  );
  return wrapLines(`${lines.join('\n')}\n`, width);
}

function renderJson(list: DraftList): string {
  return `${safeJson({
    folder: list.folder,
    drafts: list.drafts.map((d) => ({
      id: d.id,
      path: d.path,
      prospect: d.draft.prospect,
      bank: d.draft.bank.id,
      startedAt: d.draft.startedAt,
      updatedAt: d.draft.updatedAt,
      answers: Object.keys(d.draft.answers).length,
      complete: d.draft.complete,
    })),
    skipped: list.skipped,
  })}\n`;
}

/** The list of drafts as text or JSON. */
export const draftsRenderers = {
  text: (list: DraftList, style: Style, width: number) => renderText(list, style, width),
  json: (list: DraftList) => renderJson(list),
} satisfies Record<'text' | 'json', (list: DraftList, style: Style, width: number) => string>;
