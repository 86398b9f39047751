import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileSlug } from '../core/text/slug';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import type { StoredDraft } from '../io/drafts';
import { holdDraft, listDrafts } from '../io/drafts';
import type { HeldLock } from '../io/lock';
import { safe } from '../render/terminal-safe';
import { heldBy } from './find-draft';
import { namesProspect, prospectKey } from './find-record';
import type { ForgetFile } from './forget-plan';

// The drafts forget removes with a prospect, and the names that carry a prospect's slug.

/**
 * File names that carry the prospect's slug, as records (`STAMP-SLUG-HEX8`) and drafts
 * (`STAMP-SLUG-HEX6`) are named; a sync tool's copy too.
 */
export function slugNames(prospect: string | null): { record: RegExp; draft: RegExp } | undefined {
  if (prospect === null || prospect.trim() === '') return undefined;
  const slug = fileSlug(prospect); // [a-z0-9-] only: safe in a pattern.
  return {
    record: new RegExp(`^(\\d{8}T\\d{6}Z-${slug}-[0-9a-f]{8})(?:[ .(].*)?\\.json$`),
    draft: new RegExp(
      `^\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\d-\\d{3}Z-${slug}-[0-9a-f]{6}(?:[ .(].*)?\\.json$`,
    ),
  };
}

/**
 * The drafts of the prospect (by name, or correcting one of its records), damaged ones named for
 * it, and every file beside that names one of them.
 */
export async function draftsOf(
  dir: string,
  match: { readonly ids: ReadonlySet<string>; readonly names: ReadonlySet<string> },
  prospect: string | null,
): Promise<{ files: ForgetFile[]; found: StoredDraft[] }> {
  const { drafts, skipped } = await listDrafts(dir);
  const named = (d: StoredDraft): boolean =>
    d.draft.prospect !== null &&
    (match.names.has(prospectKey(d.draft.prospect)) ||
      (prospect !== null && namesProspect(d.draft.prospect, prospect)));
  const found = drafts.filter((d) => match.ids.has(d.draft.corrects ?? '') || named(d));
  const byName = new Set(
    found.filter((d) => !match.ids.has(d.draft.corrects ?? '')).map((d) => d.id),
  );
  const draftName = slugNames(prospect)?.draft;
  const damaged = skipped.filter((s) => draftName?.test(s.path.slice(dir.length + 1)) === true);
  const ids = [...found.map((d) => d.id), ...match.ids];
  let beside: string[] = [];
  try {
    beside = readdirSync(dir).filter((n) => ids.some((id) => n.includes(id)));
  } catch {
    // No drafts folder: no drafts.
  }
  const files: ForgetFile[] = beside.map((n) => {
    const id = found.find((d) => n === `${d.id}.json`)?.id;
    return id !== undefined && byName.has(id)
      ? { path: join(dir, n), note: 'prospect name match' }
      : { path: join(dir, n) };
  });
  for (const s of damaged)
    files.push({
      path: s.path,
      note: `cannot be read (${safe(s.problem)}); named for this prospect`,
    });
  return { files, found };
}

/**
 * Holds every draft of the prospect, or none: one held by a running interview stops forget before
 * anything is removed (exit 3).
 */
export function holdAll(found: readonly StoredDraft[], prospect: string): HeldLock[] {
  const locks: HeldLock[] = [];
  for (const d of found) {
    let hold;
    try {
      hold = holdDraft(d.path);
    } catch (error) {
      // Something that is no lock in a lock's place: the drafts held so far are let go, nothing is
      // removed.
      for (const lock of locks) lock.release();
      throw error;
    }
    if (hold.kind === 'held') locks.push(hold.lock);
    if (hold.kind !== 'busy') continue;
    for (const lock of locks) lock.release();
    throw new UserError(
      `the draft ${safe(d.id)} of ${prospect} ${heldBy(hold.holder)}: nothing was removed`,
      {
        exitCode: ExitCode.invalidInput,
        hint: 'finish that interview (or stop it), then run forget again',
      },
    );
  }
  return locks;
}
