import type { Stats } from 'node:fs';
import {
  closeSync,
  constants,
  linkSync,
  openSync,
  lstatSync,
  readFileSync,
  renameSync,
  unlinkSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { processAlive } from './process-alive';
import { randomHex } from './random-hex';
import { removeStaleTemps, unlinkQuietly, writeTemp } from './temp-file';

// One exclusive lock file per thing held (a draft, a record store). It is
// created whole or not at all: written to a temporary file, then linked to
// its name, which fails with EEXIST while another holds it. It names the
// holder (process, host, since when). A lock is stale, and taken over, when
// its process is gone from this host, or it is older than the limit its
// caller gives; the holder is removed from the lock by the kernel only with
// the process, so a lock left by a kill is met stale by the next one.
// A lock's text is written whole before it is linked into place, so a lock
// file whose text names no holder (empty, garbage) is never a live holder's:
// it is what a crash left between creating a temporary file and writing it,
// or a stranger's file, and it is stale once older than a short grace.
// Anything else at the lock's path (a symlink, a folder, a device) is no
// lock clientfit made: it is refused, never followed nor removed.
// No library does this: proper-lockfile keeps a lock fresh by touching it
// every few seconds (stale after 10 s, so a laptop that sleeps through an
// interview loses it), and names no holder to tell the user about.

/** Who holds a lock, as its file says. */
export interface LockHolder {
  readonly pid: number | undefined;
  readonly host: string | undefined;
  /** When it was taken (ISO 8601). */
  readonly since: string;
  /** Whether the lock's text names its holder (false: empty or garbage, see unreadableGraceMs). */
  readonly named?: boolean;
}

/** A lock whose text names no holder is stale once older than this (by its file's time). */
export const unreadableGraceMs = 10_000;

/** A lock this process holds. */
export interface HeldLock {
  readonly path: string;
  /** Whether the lock is still this process's (not taken over meanwhile). */
  readonly stillHeld: () => boolean;
  /** Gives the lock up (a lock taken over meanwhile is left to its new holder). */
  readonly release: () => void;
}

export type LockAttempt =
  | { readonly kind: 'held'; readonly lock: HeldLock }
  /** Held by another, whose lock is not stale. */
  | { readonly kind: 'busy'; readonly holder: LockHolder }
  /** The lock cannot be made: its folder cannot be written (EACCES, EROFS, ENOSPC…). */
  | { readonly kind: 'blocked'; readonly code: string | undefined }
  /** Something that is no lock file is at the lock's path (a symlink, a folder…): `what` says which. */
  | { readonly kind: 'foreign'; readonly path: string; readonly what: string };

export interface LockOptions {
  /** A lock older than this is stale, whoever holds it. */
  readonly staleAfterMs: number;
  /** Take the lock from a holder gone from this host, or on another host (the user said so); never from a live one here. */
  readonly takeOver?: boolean;
  readonly now?: () => number;
}

/** Locks this process holds: removed when it exits, however it exits short of a kill. */
const heldHere = new Set<HeldLock>();
let exitHook = false;

/** Tries once to take the lock at `path`, taking over a stale one. Never waits. */
export function tryLock(path: string, options: LockOptions): LockAttempt {
  const now = options.now ?? Date.now;
  removeStaleTemps(dirname(path));
  for (let attempt = 0; ; attempt++) {
    const made = create(path, now());
    if (made !== 'exists') return made;
    const seen = readHolder(path);
    if (typeof seen === 'string') return { kind: 'foreign', path, what: seen };
    // Released between our try and our look: try again (a few times: a lock taken and given back at this pace is busy).
    if (seen === undefined) {
      if (attempt >= 3)
        return {
          kind: 'busy',
          holder: { pid: undefined, host: undefined, since: new Date(now()).toISOString() },
        };
      continue;
    }
    const stale =
      isStale(seen.holder, now(), options.staleAfterMs) ||
      (options.takeOver === true && !liveHere(seen.holder));
    if (!stale || attempt >= 3) return { kind: 'busy', holder: seen.holder };
    if (!breakLock(path, seen.text)) {
      const newer = readHolder(path);
      return { kind: 'busy', holder: typeof newer === 'object' ? newer.holder : seen.holder };
    }
  }
}

/** Creates the lock file, or finds one there. */
function create(path: string, now: number): LockAttempt | 'exists' {
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    since: new Date(now).toISOString(),
  };
  // The text is this lock's alone (a new file may reuse a removed one's inode number).
  const text = `${JSON.stringify({ ...holder, nonce: randomHex(8) })}\n`;
  let temp: string;
  try {
    temp = writeTemp(path, text, 0o600);
  } catch (error) {
    return { kind: 'blocked', code: (error as NodeJS.ErrnoException).code };
  }
  try {
    linkSync(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'EEXIST' ? 'exists' : { kind: 'blocked', code };
  } finally {
    unlinkQuietly(temp);
  }
  const lock: HeldLock = {
    path,
    stillHeld: () => textOf(path) === text,
    release: () => {
      heldHere.delete(lock);
      if (lock.stillHeld()) unlinkQuietly(path);
    },
  };
  heldHere.add(lock);
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const held of [...heldHere]) held.release();
    });
  }
  return { kind: 'held', lock };
}

/** A file's text, never through a symlink (ELOOP then). */
function readNoFollow(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** A lock file's text, or undefined when there is none. */
function textOf(path: string): string | undefined {
  try {
    return readNoFollow(path);
  } catch {
    return undefined;
  }
}

/** What is at a lock's path that is no lock file, in words. */
function foreignKind(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/**
 * The holder a lock file names, and its text; undefined when there is no
 * lock; a string (what it is) when something else is in its place. Never
 * follows a symlink: lstat, then open with O_NOFOLLOW.
 */
function readHolder(path: string): { holder: LockHolder; text: string } | string | undefined {
  let text: string;
  let info: Stats;
  try {
    info = lstatSync(path);
    if (!info.isFile()) return foreignKind(info);
    text = readNoFollow(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Replaced by a symlink between the two looks.
    return code === 'ELOOP' ? 'a symbolic link' : undefined;
  }
  const since = new Date(info.mtimeMs).toISOString();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { holder: { pid: undefined, host: undefined, since, named: false }, text };
  }
  const field = (key: string): unknown =>
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
  const pid = field('pid');
  const host = field('host');
  const at = field('since');
  const named =
    typeof pid === 'number' && Number.isSafeInteger(pid) && pid > 0 && typeof host === 'string';
  if (!named) return { holder: { pid: undefined, host: undefined, since, named: false }, text };
  return {
    holder: {
      pid,
      host,
      since:
        typeof at === 'string' && !Number.isNaN(Date.parse(at))
          ? new Date(at).toISOString()
          : since,
      named: true,
    },
    text,
  };
}

/**
 * Stale: its process is gone from this host, or it is older than the limit,
 * or its text names no holder and it is older than unreadableGraceMs.
 */
export function isStale(holder: LockHolder, now: number, staleAfterMs: number): boolean {
  const age = now - Date.parse(holder.since);
  if (age > staleAfterMs || (holder.named === false && age > unreadableGraceMs)) return true;
  return holder.host === hostname() && holder.pid !== undefined && !processAlive(holder.pid);
}

/** Whether the holder is a running process of this host. */
export function liveHere(holder: LockHolder): boolean {
  return holder.host === hostname() && holder.pid !== undefined && processAlive(holder.pid);
}

/**
 * Removes the stale lock seen (its text `seen`), and only that one: it is moved
 * aside first, so of two clientfits that found it stale only one removes it;
 * a lock that turns out to be a newer one is put back. Returns false when a
 * live lock was met.
 */
function breakLock(path: string, seen: string): boolean {
  const aside = `${path}.${process.pid}.0.tmp`;
  try {
    renameSync(path, aside);
  } catch {
    // Gone already (another clientfit broke it): try to create ours.
    return true;
  }
  if (textOf(aside) === seen) {
    unlinkQuietly(aside);
    return true;
  }
  try {
    linkSync(aside, path);
  } catch {
    // Someone made a lock meanwhile: theirs stands; the one moved aside is lost to its holder, who finds out before saving.
  }
  try {
    unlinkSync(aside);
  } catch {
    // Already gone.
  }
  return false;
}

/**
 * Takes the lock at `path`, waiting while another holds it (for locks held a
 * moment, around a check and a write), `waitMs` at most. A lock still busy
 * after that is returned as busy: the caller says who holds it.
 */
export async function waitForLock(
  path: string,
  options: LockOptions & { readonly waitMs: number },
): Promise<LockAttempt> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const attempt = tryLock(path, options);
    if (attempt.kind !== 'busy' || Date.now() >= deadline) return attempt;
    // A few milliseconds, spread so that waiting clientfits do not retry in step.
    await new Promise((resume) => setTimeout(resume, 2 + Math.floor(Math.random() * 8)));
  }
}
