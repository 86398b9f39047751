import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { Bank } from '../core/bank/bank';
import type { BankSource } from '../core/bank/assemble-bank';
import type { Locate } from '../core/bank/lint-bank';
import type { ExampleResult } from '../core/validate/run-examples';
import { checkBank } from '../core/validate/check-bank';
import type { Diagnostic } from '../core/diagnostics/diagnostic';
import { compareDiagnostics } from '../core/diagnostics/diagnostic';
import type { YamlSource } from '../core/yaml/text';
import { defaultYamlLimits } from '../core/yaml/limits';
import { parseYaml } from '../core/yaml/parse-yaml';
import { readInputFile } from './read-input';

/** The manifest's file name inside a bank folder. */
export const manifestNames = ['bank.yaml', 'bank.yml'] as const;
const maxSectionFiles = 100;

/** A bank read from disk: the bank (when it is usable), every problem found, and how to locate paths in its files. */
export interface LoadedBank {
  readonly bank: Bank | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Finds a path's line and column in the bank's files. */
  readonly locate: Locate;
  /** sha256 over the bank's file names and bytes, in load order. */
  readonly contentHash: string | undefined;
  /** The bank's own examples, run (empty when the bank has errors). */
  readonly examples: readonly ExampleResult[];
}

export interface LoadBankOptions {
  /** Whether the bank's own examples are run (validate shows them; assessments skip them). */
  readonly examples?: boolean | undefined;
}

interface BankFile {
  readonly path: string;
  readonly shown: string;
  readonly role: BankSource['role'];
}

interface ReadFile extends BankFile {
  readonly bytes: Uint8Array;
}

/** sha256 over the bank's file names and bytes, in load order: the bank's identity in reports and drafts. */
function contentHashOf(files: readonly ReadFile[]): string {
  const hash = createHash('sha256');
  for (const file of files)
    hash.update(`${basename(file.path)}\0${file.bytes.length}\0`).update(file.bytes);
  return `sha256:${hash.digest('hex')}`;
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
function listBankFiles(
  dir: string,
  display: string,
): { files: { path: string; role: BankSource['role'] }[]; diagnostics: Diagnostic[] } {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    return {
      files: [],
      diagnostics: [
        problem(
          display,
          'unreadable',
          `this folder cannot be read (${code})`,
          'check the path and permissions',
        ),
      ],
    };
  }
  const yamlNames = names
    .filter((n) => !n.startsWith('.') && (n.endsWith('.yaml') || n.endsWith('.yml')))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
    files: [
      { path: join(dir, manifest), role: 'manifest' },
      ...sections.map((n) => ({ path: join(dir, n), role: 'section' as const })),
    ],
    diagnostics: [],
  };
}

/**
 * Reads a bank from a folder (bank.yaml plus section files) or a single YAML
 * file, checks it against the format and lints it. Never throws for a bad
 * bank: every problem in every file comes back as a located diagnostic.
 */
export function loadBank(path: string, cwd: string, options: LoadBankOptions = {}): LoadedBank {
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
  const listed = isDirectory
    ? listBankFiles(absolute, display)
    : { files: [{ path: absolute, role: 'manifest' as const }], diagnostics: [] };
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
  const contentHash = contentHashOf(read);

  const sources: BankSource[] = [];
  for (const file of read) {
    const parsed = parseYaml(file.bytes, file.shown);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    sourcesByFile.set(file.shown, parsed.source);
    sources.push({
      source: parsed.source,
      role: file.role,
      name: basename(file.path, extname(file.path)),
    });
  }
  // With a file that did not parse, the others are still checked, so one run reports every file's problems.
  const checked = checkBank(sources, locate, diagnostics, { examples: options.examples !== false });
  if (checked.bank === undefined) return fail(checked.diagnostics);
  return {
    bank: checked.bank,
    diagnostics: checked.diagnostics,
    locate,
    contentHash,
    examples: checked.examples,
  };
}
