import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Bank } from '../core/bank/bank';
import type { BankSource } from '../core/bank/assemble-bank';
import { assembleBank } from '../core/bank/assemble-bank';
import type { Locate } from '../core/bank/lint-bank';
import type { BankJson } from '../core/bank/bank-json';
import { bankFromJson, bankToJson } from '../core/bank/bank-json';
import type { ExampleResult } from '../core/bank/run-examples';
import { runExamples } from '../core/bank/run-examples';
import { writeFileAtomic } from './write-file';
import { lintBank } from '../core/bank/lint-bank';
import type { Diagnostic } from '../core/diagnostic';
import { compareDiagnostics, hasErrors } from '../core/diagnostic';
import type { YamlSource } from '../core/yaml/text';
import { defaultYamlLimits } from '../core/limits';
import { yamlParser } from './yaml-parser';
import { readInputFile } from './read-input';

/** The manifest's file name inside a bank folder. */
export const manifestNames = ['bank.yaml', 'bank.yml'] as const;
const maxSectionFiles = 100;
/** A cache entry holds a bank and its files: a few times their size at most. */
const maxCacheBytes = 16 * 1024 * 1024;

/** A bank read from disk: the bank (when it is usable), every problem found, and how to locate paths in its files. */
export interface LoadedBank {
  readonly bank: Bank | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Finds a path's line and column in the bank's files (a no-op when the bank came from the cache). */
  readonly locate: Locate;
  /** sha256 over the bank's file names and bytes, in load order. */
  readonly contentHash: string | undefined;
  /** The bank's own examples, run (empty when the bank has errors). */
  readonly examples: readonly ExampleResult[];
}

export interface LoadBankOptions {
  /**
   * A folder for the load cache. A bank that loaded cleanly is kept there as
   * JSON, with this build's id and each file's stamp (size, inode, change and
   * modification times, as git's index keeps them), so the next run skips
   * reading the files, the YAML parse, the schema check, the lint and the
   * examples. Any change to a file, or to clientfit, misses the cache.
   */
  readonly cacheDir?: string | undefined;
}

declare const __CLIENTFIT_BUILD__: string | undefined;
/** Identifies the code that built a cache entry; undefined when running from source (tests), which turns the cache off. */
const buildId: string | undefined = typeof __CLIENTFIT_BUILD__ === 'string' ? __CLIENTFIT_BUILD__ : undefined;

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

interface BankFile {
  readonly path: string;
  readonly shown: string;
  readonly role: BankSource['role'];
}

interface ReadFile extends BankFile {
  readonly bytes: Uint8Array;
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

/** sha256 over the bank's file names and bytes, in load order: the bank's identity in reports and drafts. */
async function contentHashOf(files: readonly ReadFile[]): Promise<string> {
  // Loaded here, not at start-up: a bank served from the cache carries its hash.
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${basename(file.path)}\0${file.bytes.length}\0`).update(file.bytes);
  return `sha256:${hash.digest('hex')}`;
}

function readCache(path: string, files: readonly BankFile[], stamps: readonly (FileStamp | undefined)[]): { bank: Bank; diagnostics: Diagnostic[]; examples: ExampleResult[]; contentHash: string } | undefined {
  try {
    // A cache file is only ever ours, but it is read as if it were not.
    const read = readInputFile(path, path, maxCacheBytes);
    if (!read.ok) return undefined;
    const entry = JSON.parse(new TextDecoder().decode(read.bytes)) as Partial<Record<keyof CacheEntry, unknown>>;
    if (entry.cache !== 3 || entry.build !== buildId || typeof entry.contentHash !== 'string' || !Array.isArray(entry.diagnostics) || !Array.isArray(entry.examples)) return undefined;
    const cached = entry.files;
    if (!Array.isArray(cached) || cached.length !== files.length) return undefined;
    for (let i = 0; i < files.length; i++) {
      const file = cached[i] as Partial<CachedFile> | null;
      if (file === null || typeof file !== 'object' || file.shown !== files[i]?.shown || !sameStamp(stamps[i], file)) return undefined;
    }
    return { bank: bankFromJson(entry.bank), diagnostics: entry.diagnostics as Diagnostic[], examples: entry.examples as ExampleResult[], contentHash: entry.contentHash };
  } catch {
    return undefined;
  }
}

function writeCache(path: string, entry: CacheEntry): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // ASCII only (\u escapes): read back as a one-byte string, which is quicker to read and parse.
    writeFileAtomic(path, JSON.stringify(entry).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`), { overwrite: true, mode: 0o600 });
  } catch {
    // The cache only saves time: a read-only or full cache folder changes nothing else.
  }
}

/** How a path is shown in messages: relative to the working folder when inside it, else in full. */
export function displayPath(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const rel = relative(cwd, absolute);
  if (rel === '') return '.';
  // Outside the working folder a chain of ../ is harder to read than the full path.
  return rel.startsWith('..') ? absolute : rel;
}

function problem(file: string, code: string, message: string, hint: string): Diagnostic {
  return { severity: 'error', code, file, path: [], message, hint };
}

/** The files of a bank, in load order: the manifest, then every other .yaml/.yml file sorted by name. */
function listBankFiles(dir: string, display: string): { files: { path: string; role: BankSource['role'] }[]; diagnostics: Diagnostic[] } {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return { files: [], diagnostics: [problem(display, 'unreadable', `this folder cannot be read (${code})`, 'check the path and permissions')] };
  }
  const yamlNames = names.filter((n) => !n.startsWith('.') && (n.endsWith('.yaml') || n.endsWith('.yml'))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const manifest = manifestNames.find((n) => yamlNames.includes(n));
  if (manifest === undefined) {
    return { files: [], diagnostics: [problem(display, 'no-manifest', 'this folder has no bank.yaml, so it is not a question bank', 'a bank folder needs a manifest named bank.yaml: run `clientfit init` for a starting point, or name the right folder')] };
  }
  const sections = yamlNames.filter((n) => !(manifestNames as readonly string[]).includes(n));
  if (sections.length > maxSectionFiles) {
    return { files: [], diagnostics: [problem(display, 'too-many-files', `this bank has ${sections.length} section files; the limit is ${maxSectionFiles}`, 'merge sections into fewer files')] };
  }
  return {
    files: [{ path: join(dir, manifest), role: 'manifest' }, ...sections.map((n) => ({ path: join(dir, n), role: 'section' as const }))],
    diagnostics: [],
  };
}

/**
 * Reads a bank from a folder (bank.yaml plus section files) or a single YAML
 * file, checks it against the format and lints it. Never throws for a bad
 * bank: every problem in every file comes back as a located diagnostic.
 */
export async function loadBank(path: string, cwd: string, options: LoadBankOptions = {}): Promise<LoadedBank> {
  const absolute = resolve(cwd, path);
  const display = displayPath(path, cwd);
  const sourcesByFile = new Map<string, YamlSource>();
  const locate: Locate = (file, p, options) => sourcesByFile.get(file)?.locate(p, options);
  const fail = (diagnostics: Diagnostic[]): LoadedBank => ({ bank: undefined, diagnostics: [...diagnostics].sort(compareDiagnostics), locate, contentHash: undefined, examples: [] });

  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    // readInputFile below reports a missing or unreadable path precisely.
  }
  const listed = isDirectory ? listBankFiles(absolute, display) : { files: [{ path: absolute, role: 'manifest' as const }], diagnostics: [] };
  if (listed.diagnostics.length > 0) return fail(listed.diagnostics);

  const files: BankFile[] = listed.files.map((f) => ({ ...f, shown: displayPath(f.path, cwd) }));
  const cacheFile = buildId !== undefined && options.cacheDir !== undefined ? join(options.cacheDir, `${entryName(files)}.json`) : undefined;
  // Stamped before reading: a file changed while it is read shows a new stamp next time.
  const stamps = cacheFile === undefined ? [] : files.map((f) => stampOf(f.path));
  if (cacheFile !== undefined) {
    const cached = readCache(cacheFile, files, stamps);
    if (cached !== undefined) return { ...cached, locate };
  }

  const diagnostics: Diagnostic[] = [];
  const read: ReadFile[] = [];
  for (const file of files) {
    const result = readInputFile(file.path, file.shown, defaultYamlLimits.maxBytes);
    if (!result.ok) {
      diagnostics.push(result.diagnostic);
      continue;
    }
    read.push({ ...file, bytes: result.bytes });
  }
  const contentHash = await contentHashOf(read);

  const parseYaml = await yamlParser();
  const sources: BankSource[] = [];
  for (const file of read) {
    const parsed = parseYaml(file.bytes, file.shown);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    sourcesByFile.set(file.shown, parsed.source);
    sources.push({ source: parsed.source, role: file.role, name: basename(file.path, extname(file.path)) });
  }
  if (hasErrors(diagnostics)) {
    // Still check the files that did parse, so one run reports every file's problems.
    return fail([...diagnostics, ...assembleBank(sources).diagnostics]);
  }
  const assembled = assembleBank(sources);
  diagnostics.push(...assembled.diagnostics);
  if (assembled.bank === undefined) return fail(diagnostics);
  diagnostics.push(...lintBank(assembled.bank, locate));
  diagnostics.sort(compareDiagnostics);
  const examples = hasErrors(diagnostics) ? [] : runExamples(assembled.bank, locate);
  const now = Date.now();
  if (cacheFile !== undefined && buildId !== undefined && !hasErrors(diagnostics) && stamps.every((stamp) => settled(stamp, now))) {
    const cachedFiles = files.map((f, i) => ({ shown: f.shown, ...(stamps[i] as FileStamp) }));
    writeCache(cacheFile, { cache: 3, build: buildId, files: cachedFiles, bank: bankToJson(assembled.bank), diagnostics, examples, contentHash });
  }
  return { bank: assembled.bank, diagnostics, locate, contentHash, examples };
}

/** The default cache folder: $XDG_CACHE_HOME/clientfit/banks (~/.cache/clientfit/banks); none with CLIENTFIT_NO_CACHE=1. */
export function bankCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.CLIENTFIT_NO_CACHE === '1') return undefined;
  const base = env.XDG_CACHE_HOME;
  return join(base !== undefined && isAbsolute(base) ? base : join(homedir(), '.cache'), 'clientfit', 'banks');
}
