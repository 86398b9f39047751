import { readdirSync, unlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { randomHex } from './random-hex';
import { fileSlug } from '../core/slug';
import type { Draft } from '../core/draft';
import { draftSchema } from '../core/draft';
import type { Answer } from '../core/engine/answers';
import { defaultYamlLimits } from '../core/limits';
import { yamlParser } from './yaml-parser';
import { readInputFile } from './read-input';
import { ensureFolder, writeFileAtomic } from './write-file';

/** Where drafts live: $XDG_STATE_HOME/clientfit/drafts, else ~/.local/state/clientfit/drafts. */
export function draftsDir(env: Readonly<Record<string, string | undefined>>): string {
  const state = env.XDG_STATE_HOME;
  const base = state !== undefined && isAbsolute(state) ? state : join(homedir(), '.local', 'state');
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
  writeFileAtomic(path, `${JSON.stringify(draft, null, 2)}\n`, { overwrite: true, mode: 0o600 });
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

export function discardDraft(draft: StoredDraft): void {
  unlinkSync(draft.path);
}

/** Draft answers as a plain object (the shape an answers file has). */
export function answersRecord(answers: ReadonlyMap<string, Answer>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, a] of answers) out[id] = a.note === undefined ? { value: a.value } : { value: a.value, note: a.note };
  return out;
}
