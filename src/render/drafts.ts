import type { Draft } from '../core/draft';
import type { Style } from './style';
import { safe, safeJson } from './terminal-safe';

/** The drafts of a folder, unfinished first, and the files that are not drafts. */
export interface DraftList {
  readonly folder: string;
  readonly drafts: readonly { readonly id: string; readonly path: string; readonly draft: Draft }[];
  readonly skipped: readonly { readonly path: string; readonly problem: string }[];
  /** How the hint under the list calls clientfit (`clientfit` or `npx clientfit`). */
  readonly program: string;
}

function renderText(list: DraftList, style: Style): string {
  if (list.drafts.length === 0 && list.skipped.length === 0) return `No drafts in ${safe(list.folder)}.\n`;
  const lines = [style.dim(`Drafts in ${safe(list.folder)}`)];
  for (const d of list.drafts) {
    const status = d.draft.complete ? style.green('finished') : style.yellow('unfinished');
    const n = Object.keys(d.draft.answers).length;
    lines.push(
      `  ${style.bold(safe(d.id))}  ${status}  ${safe(d.draft.prospect ?? '(no name)')}  ${n} answer${n === 1 ? '' : 's'}  updated ${safe(d.draft.updatedAt.slice(0, 16).replace('T', ' '))}`,
    );
  }
  for (const s of list.skipped) lines.push(`  ${style.red('skipped')} ${safe(s.path)}: ${safe(s.problem)}`);
  lines.push('', style.dim(`Resume one with \`${list.program} run --resume ID\`; discard one with \`${list.program} drafts --discard ID\`.`));
  return `${lines.join('\n')}\n`;
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
  text: (list: DraftList, style: Style) => renderText(list, style),
  json: (list: DraftList) => renderJson(list),
} satisfies Record<'text' | 'json', (list: DraftList, style: Style) => string>;
