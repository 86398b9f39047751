import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { inputError, usageError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import type { StoredDraft } from '../io/drafts';
import { claimOfDraft, listDrafts, readDraft } from '../io/drafts';
import type { HintWords } from './program-name';

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
  store: string,
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
  const { drafts } = await listDrafts(dir, store);
  if (ref === undefined) {
    const open = drafts.find((d) => !d.draft.complete);
    if (open === undefined)
      throw usageError(`there is no unfinished draft in ${dir}`, `start a new interview with \`${program} run\`, or list drafts with \`${program} drafts\``);
    return open;
  }
  const matches = drafts.filter((d) => d.id === ref || d.id.startsWith(ref));
  const exact = matches.find((d) => d.id === ref);
  if (exact !== undefined) return exact;
  const only = matches[0];
  if (matches.length === 1 && only !== undefined) return only;
  if (matches.length === 0) {
    // Saved as a record a moment ago, or being saved now (another resume of it won the claim): say where, and count it done.
    const claim = claimOfDraft(dir, store, ref);
    if (claim?.state === 'stopped')
      throw inputError(
        `the draft ${ref} was being saved as record ${claim.recordId} when that clientfit stopped, and cannot be made a draft again here`,
        [],
        `its answers are kept in ${claim.path}; make ${dir} writable for you, then run this again`,
      );
    if (claim !== undefined)
      throw new UserError(
        claim.state === 'saving'
          ? `the draft ${ref} is being saved as record ${claim.recordId} by another clientfit at this moment`
          : `the draft ${ref} was already saved as record ${claim.recordId} by another clientfit`,
        { exitCode: ExitCode.ok, hint: `\`${program} show ${claim.recordId}${hints.storeFlag}\` shows it` },
      );
    throw usageError(`no draft matches "${ref}"`, `\`${program} drafts\` lists them`);
  }
  throw usageError(`"${ref}" matches ${matches.length} drafts: ${matches.map((d) => d.id).join(', ')}`, 'give more of the id');
}
