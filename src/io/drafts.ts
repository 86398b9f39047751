import { existsSync, lstatSync, readdirSync, renameSync, truncateSync, unlinkSync } from 'node:fs';
import { uptime } from 'node:os';
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
import { ensureFolder, fsPromises, reason, writeFileAtomic, writeHint } from './write-file';

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
  ensureFolder(resolve(path, '..'), 0o700, 'drafts folder', 'point XDG_STATE_HOME at another folder');
  writeFileAtomic(path, `${JSON.stringify(draft, null, 2)}\n`, {
    overwrite: true,
    mode: 0o600,
    folder: 'the drafts folder',
    elsewhere: 'point XDG_STATE_HOME at another folder',
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

/**
 * Every draft in the folder, newest first, and the files that could not be
 * read. Saves stopped half-way are settled first against `store` (see
 * settleClaims), so a draft whose save never finished is listed again.
 */
export async function listDrafts(dir: string, store: string): Promise<{ drafts: StoredDraft[]; skipped: { path: string; problem: string }[] }> {
  // A stopped save that cannot be made a draft again (the folder cannot be written) is said, never hidden: it holds answers.
  const stuck = settleClaims(dir, store)
    .filter((c) => c.state === 'stopped')
    .map((c) => ({
      path: c.path,
      problem: `a save of draft ${c.draftId} stopped half-way, and its answers cannot be made a draft again here: make ${dir} writable, then list the drafts again`,
    }));
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
  } catch {
    return { drafts: [], skipped: stuck };
  }
  const drafts: StoredDraft[] = [];
  const skipped: { path: string; problem: string }[] = [...stuck];
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
      hint: writeHint(code, 'the drafts folder', 'delete the file yourself'),
    });
  }
}

// Saving a finished draft as a record happens once per draft, however many
// clientfits try at the same moment: each first renames the draft to a hidden
// claim, `.DRAFT.saved-as.RECORD.PID`, naming the record it is about to save
// and the process saving it. Only one rename can succeed; the others find the
// draft gone, and the claim tells them which record holds it. After the save
// the claim is emptied (it kept the answers until then) and stays as a
// marker, removed after a week. A claim that still holds the answers, whose
// process is gone, is a save that was stopped half-way: when its record
// exists it is finished, else it becomes the draft again (see settleClaims).
const claimInfix = '.saved-as.';
const markerLifetimeMs = 7 * 24 * 3600 * 1000;
/**
 * The longest a save can be under way: a save takes well under a second, and
 * a signal ends one stuck on the disk after 1.5 s (see src/interrupts.ts).
 * An older claim that still holds the answers is a save that stopped.
 */
const claimGraceMs = 60 * 1000;

/** A claim of a draft found in the drafts folder. */
export interface DraftClaimFile {
  readonly path: string;
  readonly draftId: string;
  readonly recordId: string;
  /**
   * finished: the record is saved (the claim is an empty marker);
   * saving: another clientfit is saving it now;
   * stopped: the answers are still in the claim and no clientfit is saving them.
   */
  readonly state: 'finished' | 'saving' | 'stopped';
  /** When the claim was made (its ctime, in ms). */
  readonly at: number;
}

/** The claims in a drafts folder (names already listed), with their state. */
function claimsIn(dir: string, names: readonly string[], now: number): DraftClaimFile[] {
  const claims: DraftClaimFile[] = [];
  for (const name of names) {
    const at = name.lastIndexOf(claimInfix);
    if (!name.startsWith('.') || at < 2) continue;
    const [recordId = '', pidText] = name.slice(at + claimInfix.length).split('.');
    const pid = pidText !== undefined && /^\d{1,10}$/.test(pidText) ? Number(pidText) : undefined;
    const path = join(dir, name);
    let info;
    try {
      info = lstatSync(path);
    } catch {
      continue;
    }
    // A hard link to some other file is no claim of ours: it is never emptied or moved.
    if (!info.isFile() || info.nlink !== 1) continue;
    claims.push({ path, draftId: name.slice(1, at), recordId, state: claimState(info.size, info.ctimeMs, pid, now), at: info.ctimeMs });
  }
  // The newest first: a draft id used again (a draft restored from a backup) names its latest record.
  return claims.sort((a, b) => b.at - a.at);
}

/**
 * Whether a claim is a finished save (emptied), a save under way, or a save
 * that stopped. Under way means: made less than claimGraceMs ago, since this
 * machine started, by a process that is still running. A process id alone
 * can mislead: after a restart, or in a new container, the same number
 * belongs to another process.
 */
function claimState(size: number, madeAt: number, pid: number | undefined, now: number): DraftClaimFile['state'] {
  if (size === 0) return 'finished';
  const bootedAt = now - uptime() * 1000;
  const recent = now - madeAt < claimGraceMs && madeAt >= bootedAt;
  return recent && (pid === undefined || processAlive(pid)) ? 'saving' : 'stopped';
}

/** Whether a process of this machine is running (another user's counts too). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Settles every claim left by a save that was stopped half-way (killed, or
 * the machine went down): when the record it names is in `store`, the save
 * had finished and the claim becomes the marker it should have become;
 * otherwise the claim is the draft again, to be resumed, nothing lost.
 * Returns the claims still in the folder afterwards. Problems are left for
 * the caller to meet (a claim that cannot be restored stays `stopped`).
 */
export function settleClaims(dir: string, store: string, now: number = Date.now()): DraftClaimFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const left: DraftClaimFile[] = [];
  for (const claim of claimsIn(dir, names, now)) {
    if (claim.state !== 'stopped') {
      left.push(claim);
      continue;
    }
    try {
      if (existsSync(join(store, `${claim.recordId}.json`))) {
        truncateSync(claim.path, 0);
        left.push({ ...claim, state: 'finished' });
        continue;
      }
      const draftPath = join(dir, `${claim.draftId}.json`);
      // A draft of that name is never replaced; the claim then waits for a look by hand.
      if (existsSync(draftPath)) left.push(claim);
      else renameSync(claim.path, draftPath);
    } catch (error) {
      // Another clientfit settled it first (ENOENT), or the folder cannot be written: left as it is.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') left.push(claim);
    }
  }
  return left;
}

/** The claim of one draft, after settling stopped ones: the one under way first. */
export function claimOfDraft(dir: string, store: string, id: string): DraftClaimFile | undefined {
  const claims = settleClaims(dir, store).filter((c) => c.draftId === id);
  return claims.find((c) => c.state === 'saving') ?? claims.find((c) => c.state === 'stopped') ?? claims[0];
}

/** The outcome of claiming a draft for a record. */
export type DraftClaim =
  | { readonly kind: 'claimed'; readonly draft: StoredDraft; readonly claim: string }
  /** Another clientfit claimed it first. */
  | { readonly kind: 'gone' }
  /** The drafts folder cannot be written (read-only, not ours): the draft cannot be claimed, so no record may be saved from it. */
  | { readonly kind: 'blocked'; readonly reason: string; readonly code: string | undefined };

/** Claims a draft before its record is saved: an atomic rename, so two resumes of one draft save one record. */
export async function claimDraft(draft: StoredDraft, recordId: string): Promise<DraftClaim> {
  const claim = join(dirname(draft.path), `.${draft.id}${claimInfix}${recordId}.${process.pid}`);
  const { rename } = await fsPromises();
  try {
    await rename(draft.path, claim);
    return { kind: 'claimed', draft, claim };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { kind: 'gone' } : { kind: 'blocked', reason: reason(code), code };
  }
}

/** The record could not be saved: the draft goes back where it was, to be resumed. */
export async function releaseDraft(claim: DraftClaim & { kind: 'claimed' }): Promise<void> {
  const { rename } = await fsPromises();
  try {
    await rename(claim.claim, claim.draft.path);
  } catch {
    // The claim still holds the answers: once this process is gone, settleClaims makes it the draft again.
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
