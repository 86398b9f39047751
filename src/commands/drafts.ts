import { Command } from '@commander-js/extra-typings';
import { discardDraft, draftsDir, holdDraft, listDrafts } from '../io/drafts';
import { draftsRenderers } from '../render/drafts';
import type { Style } from '../render/style';
import { safe } from '../render/terminal-safe';
import { defineCommand } from './define-command';
import { draftHeldError, findDraft } from '../use-cases/find-draft';
import { reportWidth } from './text-layout';

export interface DraftsOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly discard: string | undefined;
  readonly json: boolean;
  readonly style: Style;
  /** The columns the list fits in. */
  readonly width: number;
  /** How printed hints call clientfit (see programName). */
  readonly program: string;
}

/** `clientfit drafts`: the saved interviews, unfinished first; or discards one. */
export async function drafts(options: DraftsOptions): Promise<string> {
  const dir = draftsDir(options.env);
  if (options.discard !== undefined) {
    const hints = { program: options.program, storeFlag: '' };
    const found = await findDraft(dir, options.discard, options.cwd, hints);
    // A draft that another clientfit is interviewing or saving is not pulled from under it.
    const hold = holdDraft(found.path);
    if (hold.kind === 'busy') throw draftHeldError(found.id, hold.holder, hints);
    try {
      discardDraft(found);
    } finally {
      if (hold.kind === 'held') hold.lock.release();
    }
    return `Discarded draft ${safe(found.id)}${found.draft.prospect === null ? '' : ` (${safe(found.draft.prospect)})`}.\n`;
  }
  const { drafts: all, skipped } = await listDrafts(dir);
  const ordered = [...all.filter((d) => !d.draft.complete), ...all.filter((d) => d.draft.complete)];
  return draftsRenderers[options.json ? 'json' : 'text'](
    { folder: dir, drafts: ordered, skipped, program: options.program },
    options.style,
    options.width,
  );
}

/** `clientfit drafts`: the saved interviews, or `--discard` one. */
export const draftsCommand = defineCommand(
  () =>
    new Command('drafts')
      .description('list interviews saved as drafts (unfinished first), or discard one')
      .option('--discard <draft>', 'delete a draft (id, unambiguous id prefix, or path)')
      .option('--json', 'list as JSON'),
  async (options, { io, settingsFor, styleFor, programName }) => {
    const settings = settingsFor();
    const listStyle = styleFor(settings, io.stdout);
    io.stdout.write(
      await drafts({
        env: io.env,
        cwd: io.cwd,
        discard: options.discard,
        json: options.json === true,
        style: listStyle,
        width: reportWidth(io, true),
        program: programName,
      }),
    );
  },
);
