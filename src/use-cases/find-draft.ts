import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputError, usageError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import type { DraftHold, StoredDraft } from '../io/drafts';
import type { LockHolder } from '../io/lock';
import { liveHere } from '../io/lock';
import { processIsClientfit } from '../io/process-alive';
import { draftLockLimitMs, holdDraft, listDrafts, readDraft } from '../io/drafts';
import { safe } from '../render/terminal-safe';
import type { HintWords } from './hint-words';

/**
 * Finds a draft by path, id or unambiguous id prefix (as git does with
 * commits); with no reference, the most recent unfinished one. The hints
 * call clientfit as `hints.program` (see programName), and add
 * `hints.storeFlag` (the `--store DIR` given, if any) where a record is named.
 */
export async function findDraft(
  dir: string,
  ref: string | undefined,
  cwd: string,
  hints: Pick<HintWords, 'program' | 'storeFlag'>,
): Promise<StoredDraft> {
  const { program } = hints;
  if (ref !== undefined && (ref.includes('/') || ref.endsWith('.json'))) {
    const path = resolve(cwd, ref);
    if (statSync(path, { throwIfNoEntry: false }) !== undefined) {
      const result = await readDraft(path);
      if ('draft' in result) return result;
      throw inputError(`${ref} cannot be resumed: ${result.problem}`);
    }
  }
  const { drafts } = await listDrafts(dir);
  if (ref === undefined) {
    const open = drafts.find((d) => !d.draft.complete);
    if (open === undefined)
      throw usageError(
        `there is no unfinished draft in ${dir}`,
        `start a new interview with \`${program} run\`, or list drafts with \`${program} drafts\``,
      );
    return open;
  }
  const matches = drafts.filter((d) => d.id === ref || d.id.startsWith(ref));
  const exact = matches.find((d) => d.id === ref);
  if (exact !== undefined) return exact;
  const only = matches[0];
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length === 0) {
    throw usageError(
      `no draft matches "${ref}"`,
      `\`${program} drafts\` lists them (a draft saved as a record is deleted: \`${program} ` +
        `history${hints.storeFlag}\` lists the records)`,
    );
  }
  throw usageError(
    `"${ref}" matches ${matches.length} drafts: ${matches.map((d) => d.id).join(', ')}`,
    'give more of the id',
  );
}

/**
 * Finds the draft to resume and holds it for this clientfit: one held by
 * another stops this one at once (exit 3, see draftHeldError). The draft is
 * read again once held, as its holder until now may have changed or saved it.
 * The caller gives the hold up.
 */
export async function findAndHoldDraft(
  dir: string,
  ref: string | undefined,
  options: {
    readonly cwd: string;
    readonly takeOver: boolean;
    readonly hints: Pick<HintWords, 'program' | 'storeFlag'>;
  },
): Promise<{ stored: StoredDraft; hold: DraftHold }> {
  const { hints } = options;
  const found = await findDraft(dir, ref, options.cwd, hints);
  const hold = holdDraft(found.path, options.takeOver);
  if (hold.kind === 'busy')
    throw options.takeOver
      ? stillRunningError(found.id, hold.holder)
      : draftHeldError(found.id, hold.holder, hints);
  try {
    if (!existsSync(found.path))
      throw usageError(
        `the draft ${found.id} was saved or discarded by another clientfit a moment ago`,
        `\`${hints.program} history${hints.storeFlag}\` lists the records`,
      );
    const stored = await readDraft(found.path);
    if (!('draft' in stored))
      throw inputError(`the draft ${found.id} cannot be resumed: ${stored.problem}`);
    return { stored, hold };
  } catch (error) {
    if (hold.kind === 'held') hold.lock.release();
    throw error;
  }
}

/**
 * Whether the holder is a live process of this machine that does not look like clientfit (its id
 * reused after a crash).
 */
function maybeNotClientfit(holder: LockHolder): boolean {
  return liveHere(holder) && holder.pid !== undefined && processIsClientfit(holder.pid) === false;
}

/** Who holds a draft, in words: "process 1234 on host-a, since 2026-12-07 15:02:11 UTC". */
export function holderWords(holder: LockHolder): string {
  const maybe = maybeNotClientfit(holder) ? ' (which may not be clientfit)' : '';
  const who = holder.pid === undefined ? 'an unknown process' : `process ${holder.pid}${maybe}`;
  const where = holder.host === undefined ? '' : ` on ${safe(holder.host)}`;
  return `${who}${where}, since ${holder.since.slice(0, 19).replace('T', ' ')} UTC`;
}

/**
 * "is in use by another clientfit (process …)", or "is locked by process N (which may not be
 * clientfit) …".
 */
export function heldBy(holder: LockHolder): string {
  return maybeNotClientfit(holder)
    ? `is locked by ${holderWords(holder)}`
    : `is in use by another clientfit (${holderWords(holder)})`;
}

/**
 * --take-over of a draft whose holder runs on this machine: refused (exit 3), as two interviews
 * would follow.
 */
function stillRunningError(id: string, holder: LockHolder): UserError {
  return new UserError(
    `the draft ${safe(id)} is still held by a running process of this machine ` +
      `(${holderWords(holder)}); it was not taken over`,
    {
      exitCode: ExitCode.invalidInput,
      hint:
        `finish or stop the interview in process ${holder.pid ?? '?'} (Ctrl+C there keeps its ` +
        `answers in the draft), then resume it; ` +
        `--take-over takes a draft only from a process that has ended, from another machine, or ` +
        `after ${draftLockLimitMs / 3_600_000} hours`,
    },
  );
}

/**
 * The error for a draft that another holds: exit 3, with what to do: wait
 * for (or stop) a holder running here, take over one that is not.
 */
export function draftHeldError(
  id: string,
  holder: LockHolder,
  hints: Pick<HintWords, 'program' | 'storeFlag'>,
): UserError {
  const hours = draftLockLimitMs / 3_600_000;
  const held = heldBy(holder);
  const takeOver = `\`${hints.program} run --resume ${safe(id)}${hints.storeFlag} --take-over\``;
  return new UserError(`the draft ${safe(id)} ${held}`, {
    exitCode: ExitCode.invalidInput,
    hint: liveHere(holder)
      ? `let that one finish (it saves every answer as it goes) or stop it (Ctrl+C there keeps ` +
        `its answers), then resume; ` +
        `a draft held over ${hours} hours is free to take with ${takeOver}`
      : `let that one finish (it saves every answer as it goes); if it is no longer running, ` +
        `take the draft over with ` +
        `${takeOver} (a draft held over ${hours} hours is free to take anyway)`,
  });
}
