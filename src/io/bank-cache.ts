import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExampleResult } from '../core/run-examples';
import type { Diagnostic } from '../core/diagnostic';
import { readInputFile } from './read-input';
import { folderProblem, writeFileAtomic } from './write-file';

// The bank load cache: for a bank that loaded cleanly, the data of each of its
// files as the YAML reader gave it, with the messages and example results the
// load produced (their lines and columns included). The next run with the same
// bytes skips the YAML library and the parse; the data still goes through the
// same schema, lint and examples as a fresh load (see loadBank), and anything
// that does not come out exactly as cached means a fresh load.
//
// An entry is keyed by content: the sha256 of the bank's files (read anew on
// every run) and the clientfit build must both match. The entry's own bytes
// carry a sha256 too, so a damaged entry is never read as a different one.

/** A cache entry holds a bank's data and its results: a few times the bank's size at most. */
const maxCacheBytes = 16 * 1024 * 1024;
const entryVersion = 4;

/** A bank file as the cache knows it: where it is, and its name as messages show it. */
interface BankFile {
  readonly path: string;
  readonly shown: string;
}

/** What an entry holds: each file's parsed data, and what the fresh load reported. */
export interface CachedLoad {
  readonly files: readonly { readonly shown: string; readonly data: unknown }[];
  readonly diagnostics: readonly Diagnostic[];
  readonly examples: readonly ExampleResult[];
}

/** The hash function the cache uses (node:crypto's sha256, hex), passed in: it is loaded only when a bank is. */
export type Sha256 = (text: string) => string;

/** The cache for one bank: the entry that matches its content and this build (if any), and how to keep a fresh load. */
export interface BankCache {
  readonly cached: CachedLoad | undefined;
  keep(load: CachedLoad): void;
}

/**
 * The entry's file name: a short non-cryptographic hash (cyrb53) of the
 * bank's paths, so each bank location has one entry, which the next change
 * replaces. It only names the entry; whether the entry applies is decided by
 * the content hash and build inside it.
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

/** Whether JSON keeps this value exactly: no NaN, no infinity, no -0 (JSON writes them as null or 0). */
function jsonExact(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return false;
    if (v !== null && typeof v === 'object') stack.push(...(Object.values(v) as unknown[]));
  }
  return true;
}

function readEntry(path: string, files: readonly BankFile[], key: { contentHash: string; build: string }, sha256: Sha256): CachedLoad | undefined {
  try {
    const read = readInputFile(path, path, maxCacheBytes);
    if (!read.ok) return undefined;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    const newline = text.indexOf('\n');
    const payload = text.slice(newline + 1);
    if (newline !== 64 || text.slice(0, 64) !== sha256(payload)) return undefined;
    const entry = JSON.parse(payload) as Record<string, unknown> | null;
    if (entry === null || typeof entry !== 'object') return undefined;
    if (entry.cache !== entryVersion || entry.build !== key.build || entry.contentHash !== key.contentHash) return undefined;
    const { files: cached, diagnostics, examples } = entry;
    if (!Array.isArray(cached) || !Array.isArray(diagnostics) || !Array.isArray(examples) || cached.length !== files.length) return undefined;
    const data: { shown: string; data: unknown }[] = [];
    for (const [i, file] of (cached as unknown[]).entries()) {
      const { shown, data: fileData } = (file ?? {}) as { shown?: unknown; data?: unknown };
      if (typeof shown !== 'string' || shown !== files[i]?.shown) return undefined;
      data.push({ shown, data: fileData });
    }
    // What the data holds, and what the results say, is checked by loadBank against a run of the same checks.
    return { files: data, diagnostics: diagnostics as Diagnostic[], examples: examples as ExampleResult[] };
  } catch {
    return undefined;
  }
}

/**
 * Opens the cache entry of the bank made of these files, whose bytes hash to
 * `contentHash`; `build` names the clientfit build (an entry made by another
 * is never used).
 */
export function openBankCache(dir: string, build: string, files: readonly BankFile[], contentHash: string, sha256: Sha256): BankCache {
  const path = join(dir, `${entryName(files)}.json`);
  return {
    cached: readEntry(path, files, { contentHash, build }, sha256),
    keep(load) {
      if (!load.files.every((f) => jsonExact(f.data))) return;
      // A cache folder on /proc or /sys, or through a file, is not used (mkdir would spin there for ever).
      if (folderProblem(dirname(path)) !== undefined) return;
      const payload = JSON.stringify({ cache: entryVersion, build, contentHash, ...load });
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        writeFileAtomic(path, `${sha256(payload)}\n${payload}`, { overwrite: true, mode: 0o600 });
      } catch {
        // The cache only saves time: a read-only or full cache folder changes nothing else.
      }
    },
  };
}
