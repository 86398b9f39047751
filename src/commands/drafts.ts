import { discardDraft, draftsDir, findDraft, listDrafts } from '../io/drafts';
import type { Style } from '../render/style';
import { safe, safeJson } from '../render/terminal-safe';

export interface DraftsOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly discard: string | undefined;
  readonly json: boolean;
  readonly style: Style;
}

/** `clientfit drafts`: the saved interviews, unfinished first; or discards one. */
export async function drafts(options: DraftsOptions): Promise<string> {
  const dir = draftsDir(options.env);
  if (options.discard !== undefined) {
    const found = await findDraft(dir, options.discard, options.cwd);
    discardDraft(found);
    return `Discarded draft ${safe(found.id)}${found.draft.prospect === null ? '' : ` (${safe(found.draft.prospect)})`}.\n`;
  }
  const { drafts: all, skipped } = await listDrafts(dir);
  const ordered = [...all.filter((d) => !d.draft.complete), ...all.filter((d) => d.draft.complete)];
  if (options.json) {
    return `${safeJson({
      folder: dir,
      drafts: ordered.map((d) => ({
        id: d.id,
        path: d.path,
        prospect: d.draft.prospect,
        bank: d.draft.bank.id,
        startedAt: d.draft.startedAt,
        updatedAt: d.draft.updatedAt,
        answers: Object.keys(d.draft.answers).length,
        complete: d.draft.complete,
      })),
      skipped,
    })}\n`;
  }
  const { style } = options;
  if (ordered.length === 0 && skipped.length === 0) return `No drafts in ${safe(dir)}.\n`;
  const lines = [style.dim(`Drafts in ${safe(dir)}`)];
  for (const d of ordered) {
    const status = d.draft.complete ? style.green('finished') : style.yellow('unfinished');
    const n = Object.keys(d.draft.answers).length;
    lines.push(
      `  ${style.bold(safe(d.id))}  ${status}  ${safe(d.draft.prospect ?? '(no name)')}  ${n} answer${n === 1 ? '' : 's'}  updated ${safe(d.draft.updatedAt.slice(0, 16).replace('T', ' '))}`,
    );
  }
  for (const s of skipped) lines.push(`  ${style.red('skipped')} ${safe(s.path)}: ${safe(s.problem)}`);
  lines.push('', style.dim('Resume one with `clientfit run --resume ID`; discard one with `clientfit drafts --discard ID`.'));
  return `${lines.join('\n')}\n`;
}
