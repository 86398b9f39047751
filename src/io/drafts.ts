import { readdirSync, unlinkSync } from 'node:fs';
import { homeDir } from './home-dir';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { randomHex } from './random-hex';
import { fileSlug } from '../core/text/slug';
import type { Draft } from '../core/records/draft';
import { draftSchema } from '../core/records/draft';
import type { Answer } from '../core/judgement/answers';
import { defaultYamlLimits } from '../core/yaml/limits';
import { yamlParser } from './yaml-parser';
import { UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { readInputFile } from './read-input';
import type { HeldLock, LockHolder } from './lock';
import { tryLock } from './lock';
import { writeFileAtomic } from './write-file';
import { ensureFolder } from './ensure-folder';
import { reason, writeHint } from './write-hint';

/** Where drafts live: $XDG_STATE_HOME/clientfit/drafts, else ~/.local/state/clientfit/drafts. */
export function draftsDir(env: Readonly<Record<string, string | undefined>>): string {
  const state = env.XDG_STATE_HOME;
  const base =
    state !== undefined && isAbsolute(state) ? state : join(homeDir(), '.local', 'state');
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
  ensureFolder(
    resolve(path, '..'),
    0o700,
    'drafts folder',
    'point XDG_STATE_HOME at another folder',
  );
  writeFileAtomic(path, `${JSON.stringify(draft, null, 2)}\n`, {
    overwrite: true,
    mode: 0o600,
    folder: 'the drafts folder',
    elsewhere: 'point XDG_STATE_HOME at another folder',
  });
}

/** Reads one draft file; every problem becomes a message, never an exception. */
export async function readDraft(
  path: string,
): Promise<StoredDraft | { path: string; problem: string }> {
  const read = readInputFile(path, basename(path), defaultYamlLimits.maxBytes);
  if (!read.ok) return { path, problem: read.diagnostic.message };
  const parsed = (await yamlParser())(read.bytes, basename(path));
  if (!parsed.ok) return { path, problem: parsed.diagnostics[0]?.message ?? 'not valid JSON' };
  const checked = draftSchema().safeParse(parsed.source.data);
  if (!checked.success)
    return { path, problem: 'not a clientfit draft, or written by a newer clientfit' };
  return { id: draftId(path), path, draft: checked.data };
}

/** Every draft in the folder, newest first, and the files that could not be read. */
export async function listDrafts(
  dir: string,
): Promise<{ drafts: StoredDraft[]; skipped: { path: string; problem: string }[] }> {
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
  drafts.sort((a, b) =>
    a.draft.updatedAt < b.draft.updatedAt
      ? 1
      : a.draft.updatedAt > b.draft.updatedAt
        ? -1
        : a.id < b.id
          ? 1
          : -1,
  );
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

// A draft is held by one clientfit from its resume (or its first save) to the
// save of its record: a lock file beside it, `.ID.lock`, names the process,
// host and time (see lock.ts). A second resume meets the lock and stops.
/** A draft held longer than this is free to take: no interview is left open for half a day. */
export const draftLockLimitMs = 12 * 3600 * 1000;

/** Whether this clientfit holds a draft, or why not. */
export type DraftHold =
  | { readonly kind: 'held'; readonly lock: HeldLock }
  /** Another clientfit holds it (its lock is not stale). */
  | { readonly kind: 'busy'; readonly holder: LockHolder }
  /** The lock cannot be made: the drafts folder cannot be written. */
  | { readonly kind: 'blocked'; readonly reason: string; readonly code: string | undefined };

/** The lock file of the draft at `path`: hidden, beside it. */
export function draftLockPath(path: string): string {
  return join(dirname(path), `.${basename(path, '.json')}.lock`);
}

/**
 * Holds the draft at `path` for this clientfit; `takeOver` takes it from a
 * holder gone from this host or on another. Throws when something that is no
 * lock is in the lock's place.
 */
export function holdDraft(path: string, takeOver = false): DraftHold {
  const attempt = tryLock(draftLockPath(path), { staleAfterMs: draftLockLimitMs, takeOver });
  if (attempt.kind === 'foreign')
    throw foreignLock(attempt.path, attempt.what, `the draft ${draftId(path)}`);
  return attempt.kind === 'blocked'
    ? { kind: 'blocked', reason: reason(attempt.code), code: attempt.code }
    : attempt;
}

/**
 * Something that is no clientfit lock sits where a lock goes (a symlink, a
 * folder): it is neither followed nor removed, and nothing is held without
 * it. Exit 3, naming the path.
 */
export function foreignLock(path: string, what: string, whose: string): UserError {
  return new UserError(
    `the lock file of ${whose}, ${path}, is ${what}, not a lock clientfit made; nothing was done`,
    {
      exitCode: ExitCode.invalidInput,
      hint: `look at it, delete it if nothing needs it (\`rm ${path}\`, or rmdir for a folder), then run this again`,
    },
  );
}

/** Holds a new draft before its first save, creating the drafts folder. */
export function holdNewDraft(path: string): DraftHold {
  ensureFolder(dirname(path), 0o700, 'drafts folder', 'point XDG_STATE_HOME at another folder');
  return holdDraft(path);
}

/**
 * Keeps `answers` as a new draft beside `draft` (when the draft was taken
 * over by another clientfit, these answers are not lost). Returns its id.
 */
export function keepAsNewDraft(
  draft: StoredDraft,
  answers: ReadonlyMap<string, Answer>,
  now: Date,
): string {
  const path = newDraftPath(dirname(draft.path), now, draft.draft.prospect);
  saveDraft(path, {
    ...draft.draft,
    answers: answersRecord(answers),
    updatedAt: now.toISOString(),
  });
  return draftId(path);
}

/** Draft answers as a plain object (the shape an answers file has). */
export function answersRecord(answers: ReadonlyMap<string, Answer>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, a] of answers)
    out[id] = a.note === undefined ? { value: a.value } : { value: a.value, note: a.note };
  return out;
}
