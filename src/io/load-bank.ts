import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve } from 'node:path';
import type { Bank } from '../core/bank/bank';
import type { BankSource } from '../core/bank/assemble-bank';
import { assembleBank } from '../core/bank/assemble-bank';
import type { Locate } from '../core/bank/lint-bank';
import { lintBank } from '../core/bank/lint-bank';
import type { Diagnostic } from '../core/diagnostic';
import { compareDiagnostics, hasErrors } from '../core/diagnostic';
import type { YamlSource } from '../core/yaml/parse-yaml';
import { defaultYamlLimits, parseYaml } from '../core/yaml/parse-yaml';
import { readInputFile } from './read-input';

/** The manifest's file name inside a bank folder. */
export const manifestNames = ['bank.yaml', 'bank.yml'] as const;
const maxSectionFiles = 100;

/** A bank read from disk: the bank (when it is usable), every problem found, and how to locate paths in its files. */
export interface LoadedBank {
  readonly bank: Bank | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly locate: Locate;
  /** sha256 over the bank's file names and bytes, in load order. */
  readonly contentHash: string | undefined;
}

/** How a path is shown in messages: relative to the working folder. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel === '' ? '.' : rel;
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
export function loadBank(path: string, cwd: string): LoadedBank {
  const absolute = resolve(cwd, path);
  const display = displayPath(path, cwd);
  const sourcesByFile = new Map<string, YamlSource>();
  const locate: Locate = (file, p, options) => sourcesByFile.get(file)?.locate(p, options);
  const fail = (diagnostics: Diagnostic[]): LoadedBank => ({ bank: undefined, diagnostics: [...diagnostics].sort(compareDiagnostics), locate, contentHash: undefined });

  let isDirectory = false;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch {
    // readInputFile below reports a missing or unreadable path precisely.
  }
  const listed = isDirectory ? listBankFiles(absolute, display) : { files: [{ path: absolute, role: 'manifest' as const }], diagnostics: [] };
  if (listed.diagnostics.length > 0) return fail(listed.diagnostics);

  const diagnostics: Diagnostic[] = [];
  const sources: BankSource[] = [];
  const hash = createHash('sha256');
  for (const file of listed.files) {
    const shown = displayPath(file.path, cwd);
    const read = readInputFile(file.path, shown, defaultYamlLimits.maxBytes);
    if (!read.ok) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    hash.update(`${basename(file.path)}\0${read.bytes.length}\0`).update(read.bytes);
    const parsed = parseYaml(read.bytes, shown);
    if (!parsed.ok) {
      diagnostics.push(...parsed.diagnostics);
      continue;
    }
    sourcesByFile.set(shown, parsed.source);
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
  return { bank: assembled.bank, diagnostics: diagnostics.sort(compareDiagnostics), locate, contentHash: `sha256:${hash.digest('hex')}` };
}
