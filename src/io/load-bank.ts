import { readdirSync, statSync } from 'node:fs';
import { homeDir } from './home-dir';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Bank } from '../core/bank/bank';
import type { BankSource } from '../core/bank/assemble-bank';
import type { Locate } from '../core/bank/lint-bank';
import type { ExampleResult } from '../core/run-examples';
import { type CachedLoad, openBankCache } from './bank-cache';
import { checkBank } from '../core/check-bank';
import type { Diagnostic } from '../core/diagnostic';
import { compareDiagnostics, hasErrors } from '../core/diagnostic';
import type { YamlSource } from '../core/yaml/text';
import { defaultYamlLimits } from '../core/limits';
import { yamlParser } from './yaml-parser';
import { readInputFile } from './read-input';

/** The manifest's file name inside a bank folder. */
export const manifestNames = ['bank.yaml', 'bank.yml'] as const;
const maxSectionFiles = 100;

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
  /** A folder for the bank load cache (see bank-cache.ts); none, no cache. */
  readonly cacheDir?: string | undefined;
  /** Names the code that writes and reads cache entries: the bundle's build by default; running from source (tests) there is none, and no cache unless one is given. */
  readonly build?: string | undefined;
  /**
   * Whether the bank's own examples are wanted (validate shows them). A bank
   * from the cache skips them when not: they were run, and their results
   * kept, when the entry was written. A fresh load always runs them.
   */
  readonly examples?: boolean | undefined;
  /** Use a cache entry that fits, but never write one (shell completion writes nothing). */
  readonly readOnly?: boolean | undefined;
}

declare const __CLIENTFIT_BUILD__: string | undefined;
/** The build of the bundle (set by esbuild.config.mjs); undefined when running from source. */
const bundleBuild: string | undefined = typeof __CLIENTFIT_BUILD__ === 'string' ? __CLIENTFIT_BUILD__ : undefined;

interface BankFile {
  readonly path: string;
  readonly shown: string;
  readonly role: BankSource['role'];
}

interface ReadFile extends BankFile {
  readonly bytes: Uint8Array;
}

type CreateHash = typeof import('node:crypto').createHash;

/** sha256 over the bank's file names and bytes, in load order: the bank's identity in reports and drafts, and its key in the load cache. */
function contentHashOf(files: readonly ReadFile[], createHash: CreateHash): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${basename(file.path)}\0${file.bytes.length}\0`).update(file.bytes);
  return `sha256:${hash.digest('hex')}`;
}

/**
 * A value as canonical JSON (keys sorted) without its positions (line and
 * column): what a check of cached data gives, which has none, against what
 * the cache kept. A position that is not a whole number from 1 stays in, so
 * it never matches.
 */
function withoutPositions(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(withoutPositions).join(',')}]`;
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).filter(
    ([k, v]) => v !== undefined && !((k === 'line' || k === 'column') && Number.isSafeInteger(v) && (v as number) >= 1),
  );
  return `{${entries
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${JSON.stringify(k)}:${withoutPositions(v)}`)
    .join(',')}}`;
}

/** A bank from a cache entry, when its data passes every check of a fresh load and gives exactly the results the entry kept; else undefined. */
function fromCache(
  cached: CachedLoad,
  files: readonly BankFile[],
  examples: boolean,
): { bank: Bank; diagnostics: Diagnostic[]; examples: ExampleResult[] } | undefined {
  const noPositions = () => undefined;
  const sources = cached.files.map((f, i) => ({
    source: { file: f.shown, data: f.data, locate: noPositions },
    role: files[i]?.role ?? 'section',
    name: basename(files[i]?.path ?? '', extname(files[i]?.path ?? '')),
  }));
  const checked = checkBank(sources, noPositions, [], { examples });
  if (checked.bank === undefined || hasErrors(checked.diagnostics)) return undefined;
  const sorted = (list: readonly unknown[]) => list.map(withoutPositions).sort().join('\n');
  if (sorted(checked.diagnostics) !== sorted(cached.diagnostics)) return undefined;
  if (!examples) return { bank: checked.bank, diagnostics: [...cached.diagnostics], examples: [] };
  if (withoutPositions(checked.examples) !== withoutPositions(cached.examples)) return undefined;
  return { bank: checked.bank, diagnostics: [...cached.diagnostics], examples: [...cached.examples] };
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
    return {
      files: [],
      diagnostics: [
        problem(
          display,
          'no-manifest',
          'this folder has no bank.yaml, so it is not a question bank',
          'a bank folder needs a manifest named bank.yaml: name the right folder, or start a new bank with the init command',
        ),
      ],
    };
  }
  const sections = yamlNames.filter((n) => !(manifestNames as readonly string[]).includes(n));
  if (sections.length > maxSectionFiles) {
    return {
      files: [],
      diagnostics: [
        problem(
          display,
          'too-many-files',
          `this bank has ${sections.length} section files; the limit is ${maxSectionFiles}`,
          'merge sections into fewer files',
        ),
      ],
    };
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
  const fail = (diagnostics: Diagnostic[]): LoadedBank => ({
    bank: undefined,
    diagnostics: [...diagnostics].sort(compareDiagnostics),
    locate,
    contentHash: undefined,
    examples: [],
  });

  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    // readInputFile below reports a missing or unreadable path precisely.
  }
  const listed = isDirectory ? listBankFiles(absolute, display) : { files: [{ path: absolute, role: 'manifest' as const }], diagnostics: [] };
  if (listed.diagnostics.length > 0) return fail(listed.diagnostics);

  const files: BankFile[] = listed.files.map((f) => ({ ...f, shown: displayPath(f.path, cwd) }));
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
  const { createHash } = await import('node:crypto');
  const contentHash = contentHashOf(read, createHash);

  const build = options.build ?? bundleBuild;
  const cache =
    build !== undefined && options.cacheDir !== undefined && read.length === files.length
      ? openBankCache(options.cacheDir, build, files, contentHash, (text) => createHash('sha256').update(text).digest('hex'))
      : undefined;
  const served = cache?.cached === undefined ? undefined : fromCache(cache.cached, files, options.examples !== false);
  if (served !== undefined) return { ...served, locate, contentHash };

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
  // With a file that did not parse, the others are still checked, so one run reports every file's problems.
  // The examples are skipped only when unwanted and no cache entry will be written (an entry keeps their results).
  const checked = checkBank(sources, locate, diagnostics, { examples: options.readOnly !== true || options.examples !== false });
  if (checked.bank === undefined) return fail(checked.diagnostics);
  if (!hasErrors(checked.diagnostics) && options.readOnly !== true) {
    cache?.keep({ files: sources.map((s) => ({ shown: s.source.file, data: s.source.data })), diagnostics: checked.diagnostics, examples: checked.examples });
  }
  return { bank: checked.bank, diagnostics: checked.diagnostics, locate, contentHash, examples: checked.examples };
}

/** The default cache folder: $XDG_CACHE_HOME/clientfit/banks (~/.cache/clientfit/banks); none with CLIENTFIT_NO_CACHE=1. */
export function bankCacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.CLIENTFIT_NO_CACHE === '1') return undefined;
  const base = env.XDG_CACHE_HOME;
  return join(base !== undefined && isAbsolute(base) ? base : join(homeDir(), '.cache'), 'clientfit', 'banks');
}
