import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Bank } from '../core/bank/bank';
import type { BankJson } from '../core/bank/bank-json';
import { bankFromJson, bankToJson } from '../core/bank/bank-json';
import type { ExampleResult } from '../core/bank/run-examples';
import type { Diagnostic } from '../core/diagnostic';
import { readInputFile } from './read-input';
import { folderProblem, writeFileAtomic } from './write-file';

// The bank load cache: a bank that loaded cleanly, kept as JSON with the
// clientfit build that made it and each file's stamp, so the next run skips
// reading the files, the YAML parse, the schema check, the lint and the
// examples. Any change to a file, or to clientfit, misses it.

/** A bank file: where it is, and its name as messages show it (kept in the entry with its stamp). */
interface BankFile {
  readonly path: string;
  readonly shown: string;
}

/** A cache entry holds a bank and its examples: a few times the bank's size at most. */
const maxCacheBytes = 16 * 1024 * 1024;

/**
 * What tells one version of a file from another without reading it, as git's
 * index does: size, inode, and modification and change times. The change time
 * is set by the system on every write and cannot be set back by tools that
 * restore modification times, and a file saved by renaming gets a new inode.
 */
interface FileStamp {
  readonly size: number;
  readonly ino: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

/** One file as the cache entry keeps it: its name as shown and its stamp. */
interface CachedFile extends FileStamp {
  readonly shown: string;
}

interface CacheEntry {
  readonly cache: 3;
  readonly build: string;
  readonly files: readonly CachedFile[];
  readonly bank: BankJson;
  readonly diagnostics: Diagnostic[];
  readonly examples: ExampleResult[];
  readonly contentHash: string;
}

/** What the cache gives back: a bank as loadBank would make it, without positions. */
export interface CachedBank {
  readonly bank: Bank;
  readonly diagnostics: Diagnostic[];
  readonly examples: ExampleResult[];
  readonly contentHash: string;
}

function stampOf(path: string): FileStamp | undefined {
  try {
    const s = statSync(path);
    return s.isFile() ? { size: s.size, ino: s.ino, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs } : undefined;
  } catch {
    return undefined;
  }
}

function sameStamp(a: FileStamp | undefined, b: Partial<FileStamp>): boolean {
  return a !== undefined && a.size === b.size && a.ino === b.ino && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/**
 * A file written in the last two seconds could be written again within the
 * same time stamp (some file systems keep whole seconds, FAT two) and look
 * unchanged: such a bank is not cached until its files settle.
 */
function settled(stamp: FileStamp | undefined, now: number): stamp is FileStamp {
  return stamp !== undefined && stamp.mtimeMs < now - 2000 && stamp.ctimeMs < now - 2000;
}

/**
 * The cache entry's file name: a short non-cryptographic hash (cyrb53) of the
 * bank's paths, so each bank has one entry, which the next clientfit build
 * replaces. It only names the entry; whether the entry applies is decided by
 * the build and the files' names and stamps inside it, so a collision costs a
 * reload, never a wrong bank, and start-up does not pay for node:crypto.
 */
function entryName(files: readonly BankFile[]): string {
  const text = JSON.stringify(files.map((f) => [f.path, f.shown]));
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
}

function readEntry(path: string, files: readonly BankFile[], stamps: readonly (FileStamp | undefined)[], build: string): CachedBank | undefined {
  try {
    // A cache file is only ever ours, but it is read as if it were not.
    const read = readInputFile(path, path, maxCacheBytes);
    if (!read.ok) return undefined;
    const entry = JSON.parse(new TextDecoder().decode(read.bytes)) as Partial<Record<keyof CacheEntry, unknown>>;
    if (
      entry.cache !== 3 ||
      entry.build !== build ||
      typeof entry.contentHash !== 'string' ||
      !Array.isArray(entry.diagnostics) ||
      !Array.isArray(entry.examples)
    )
      return undefined;
    const cached = entry.files;
    if (!Array.isArray(cached) || cached.length !== files.length) return undefined;
    for (let i = 0; i < files.length; i++) {
      const file = cached[i] as Partial<CachedFile> | null;
      if (file === null || typeof file !== 'object' || file.shown !== files[i]?.shown || !sameStamp(stamps[i], file)) return undefined;
    }
    return {
      bank: bankFromJson(entry.bank),
      diagnostics: entry.diagnostics as Diagnostic[],
      examples: entry.examples as ExampleResult[],
      contentHash: entry.contentHash,
    };
  } catch {
    return undefined;
  }
}

function writeEntry(path: string, entry: CacheEntry): void {
  // A cache folder on /proc or /sys, or through a file, is not used (mkdir would spin there for ever).
  if (folderProblem(dirname(path)) !== undefined) return;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileAtomic(path, JSON.stringify(entry), { overwrite: true, mode: 0o600 });
  } catch {
    // The cache only saves time: a read-only or full cache folder changes nothing else.
  }
}

/** The cache for one bank: what it holds (if it still applies), and how to keep a fresh load. */
export interface BankCache {
  readonly cached: CachedBank | undefined;
  keep(loaded: CachedBank): void;
}

/**
 * Opens the cache entry of the bank made of these files, stamping them now,
 * before they are read: a file changed while it is read shows a new stamp
 * next time. `build` names the clientfit build: an entry made by another
 * is never used.
 */
export function openBankCache(dir: string, build: string, files: readonly BankFile[]): BankCache {
  const path = join(dir, `${entryName(files)}.json`);
  const stamps = files.map((f) => stampOf(f.path));
  return {
    cached: readEntry(path, files, stamps, build),
    keep(loaded) {
      const now = Date.now();
      if (!stamps.every((stamp) => settled(stamp, now))) return;
      const cachedFiles = files.map((f, i) => ({ shown: f.shown, ...(stamps[i] as FileStamp) }));
      writeEntry(path, {
        cache: 3,
        build,
        files: cachedFiles,
        bank: bankToJson(loaded.bank),
        diagnostics: loaded.diagnostics,
        examples: loaded.examples,
        contentHash: loaded.contentHash,
      });
    },
  };
}
