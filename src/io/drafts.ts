import { readdirSync, unlinkSync } from 'node:fs';
import { homeDir } from './home-dir';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { randomHex } from './random-hex';
import { fileSlug } from '../core/slug';
import type { Draft } from '../core/draft';
import { draftSchema } from '../core/draft';
import type { Answer } from '../core/engine/answers';
import { defaultYamlLimits } from '../core/limits';
import { yamlParser } from './yaml-parser';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { readInputFile } from './read-input';
import { ensureFolder, fsPromises, reason, writeFileAtomic } from './write-file';

/** Where drafts live: $XDG_STATE_HOME/clientfit/drafts, else ~/.local/state/clientfit/drafts. */
export function draftsDir(env: Readonly<Record<string, string | undefined>>): string {
  const state = env.XDG_STATE_HOME;
  const base = state !== undefined && isAbsolute(state) ? state : join(homeDir(), '.local', 'state');
  return join(base, 'clientfit', 'drafts');
}

/** A draft file read back: its id (the file name without .json), path and content. */
export interface StoredDraft {
  readonly id: string;
  readonly path: string;
  readonly draft: Draft;
}

/** A new, unique draft path: time stamp, prospect and a random tail, so two people never collide. */
export function newDraftPath(dir: string, now: Date, prospect: string | null): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return join(dir, `${stamp}-${fileSlug(prospect)}-${randomHex(6)}.json`);
}

/** A draft's id: its file name without .json. */
export function draftId(path: string): string {
  return basename(path, '.json');
}

/** Writes a draft atomically, readable only by its owner. */
export function saveDraft(path: string, draft: Draft): void {
  ensureFolder(resolve(path, '..'), 0o700, 'drafts folder');
  writeFileAtomic(path, `${JSON.stringify(draft, null, 2)}\n`, {
    overwrite: true,
    mode: 0o600,
    hint: 'free some space or fix the drafts folder (or point XDG_STATE_HOME elsewhere)',
  });
}

/** Reads one draft file; every problem becomes a message, never an exception. */
export async function readDraft(path: string): Promise<StoredDraft | { path: string; problem: string }> {
  const read = readInputFile(path, basename(path), defaultYamlLimits.maxBytes);
  if (!read.ok) return { path, problem: read.diagnostic.message };
  const parsed = (await yamlParser())(read.bytes, basename(path));
  if (!parsed.ok) return { path, problem: parsed.diagnostics[0]?.message ?? 'not valid JSON' };
  const checked = draftSchema().safeParse(parsed.source.data);
  if (!checked.success) return { path, problem: 'not a clientfit draft, or written by a newer clientfit' };
  return { id: draftId(path), path, draft: checked.data };
}

/** Every draft in the folder, newest first, and the files that could not be read. */
export async function listDrafts(dir: string): Promise<{ drafts: StoredDraft[]; skipped: { path: string; problem: string }[] }> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    return { drafts: [], skipped: [] };
  }
  const drafts: StoredDraft[] = [];
  const skipped: { path: string; problem: string }[] = [];
  for (const name of names) {
    const result = await readDraft(join(dir, name));
    if ('draft' in result) drafts.push(result);
    else skipped.push(result);
  }
  drafts.sort((a, b) => (a.draft.updatedAt < b.draft.updatedAt ? 1 : a.draft.updatedAt > b.draft.updatedAt ? -1 : a.id < b.id ? 1 : -1));
  return { drafts, skipped };
}

/** Deletes a draft. One that is already gone (another clientfit got there first) is no error. */
export function discardDraft(draft: StoredDraft): void {
  try {
    unlinkSync(draft.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    throw new UserError(`cannot delete the draft ${draft.path}: ${reason(code)}`, {
      exitCode: ExitCode.invalidInput,
      hint: 'fix the permissions of the drafts folder, or delete the file yourself',
    });
  }
}

// Saving a finished draft as a record happens once per draft, however many
// clientfits try at the same moment: each first renames the draft to a hidden
// claim named after the record it is about to save. Only one rename can
// succeed; the others find the draft gone, and the claim's name tells them
// which record holds it. After the save, the claim is emptied (it kept the
// answers until then) and stays as a marker, removed after a week.
const claimInfix = '.saved-as.';
const markerLifetimeMs = 7 * 24 * 3600 * 1000;

/** The outcome of claiming a draft for a record. */
export type DraftClaim =
  | { readonly kind: 'claimed'; readonly draft: StoredDraft; readonly claim: string }
  /** Another clientfit claimed it first; `savedAs` is its record, when the marker is still there. */
  | { readonly kind: 'gone'; readonly savedAs: string | undefined }
  /** The drafts folder cannot be written (read-only, not ours): the record is saved, the draft stays. */
  | { readonly kind: 'kept'; readonly reason: string };

/** Claims a draft before its record is saved: an atomic rename, so two resumes of one draft save one record. */
export async function claimDraft(draft: StoredDraft, recordId: string): Promise<DraftClaim> {
  const dir = dirname(draft.path);
  const claim = join(dir, `.${draft.id}${claimInfix}${recordId}`);
  const { rename } = await fsPromises();
  try {
    await rename(draft.path, claim);
    return { kind: 'claimed', draft, claim };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return { kind: 'kept', reason: reason(code) };
    return { kind: 'gone', savedAs: savedRecordOf(dir, draft.id) };
  }
}

/** The record a draft was saved as, from its marker (for a week after), or undefined. */
export function savedRecordOf(dir: string, draftId: string): string | undefined {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // The folder went too: nothing tells which record.
  }
  const marker = names.find((n) => n.startsWith(`.${draftId}${claimInfix}`));
  return marker?.slice(draftId.length + 1 + claimInfix.length);
}

/** The record could not be saved: the draft goes back where it was, to be resumed. */
export async function releaseDraft(claim: DraftClaim & { kind: 'claimed' }): Promise<void> {
  const { rename } = await fsPromises();
  try {
    await rename(claim.claim, claim.draft.path);
  } catch {
    // The claim still holds the answers; nothing more can be done from here.
  }
}

/** The record is saved: the claim keeps only its name (which names the record); old markers are removed. */
export async function finishClaim(claim: DraftClaim & { kind: 'claimed' }, now: number = Date.now()): Promise<void> {
  const { readdir, stat, truncate, unlink } = await fsPromises();
  try {
    await truncate(claim.claim, 0);
  } catch {
    await unlink(claim.claim).catch(() => undefined);
  }
  const dir = dirname(claim.claim);
  try {
    for (const name of await readdir(dir)) {
      if (!name.startsWith('.') || !name.includes(claimInfix)) continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info !== undefined && info.size === 0 && now - info.mtimeMs > markerLifetimeMs) await unlink(path).catch(() => undefined);
    }
  } catch {
    // Markers are only for messages: one left behind costs nothing.
  }
}

/** Draft answers as a plain object (the shape an answers file has). */
export function answersRecord(answers: ReadonlyMap<string, Answer>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, a] of answers) out[id] = a.note === undefined ? { value: a.value } : { value: a.value, note: a.note };
  return out;
}
