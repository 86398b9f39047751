import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { recordPart } from '../core/records/record';
import { UserError, usageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { listDrafts } from '../io/drafts';
import type { HeldLock } from '../io/lock';
import { outcomeIndex, outcomesFolder } from '../io/outcomes';
import { readRecord } from '../io/read-record';
import { recordFiles } from '../io/record-files';
import { safe } from '../render/terminal-safe';
import { draftsOf, holdAll, slugNames } from './forget-drafts';
import { findRecord, namesProspect, prospectKey } from './find-record';
import { skippedWarning } from './store-records';

/** One file forget removes, with what it is. */
export interface ForgetFile {
  readonly path: string;
  /**
   * Why it goes when that is not plain from its kind (a draft matched by name only, a file that
   * cannot be read).
   */
  readonly note?: string;
}

/** The files that hold what clientfit keeps of a prospect, by kind. */
export interface ForgetPlan {
  /**
   * The prospect's name as recorded (null: a record without a name, forgotten alone with its
   * corrections).
   */
  readonly prospect: string | null;
  /**
   * In the order they are removed: those that find the prospect again come last, so a forget cut
   * short can be run again.
   */
  readonly records: readonly ForgetFile[];
  readonly outcomes: readonly ForgetFile[];
  /** Drafts, and the files beside them that name them (claims, locks). */
  readonly drafts: readonly ForgetFile[];
  /** Folders that are symbolic links (or not folders): not followed, so what is in them stays. */
  readonly notFollowed: readonly { readonly path: string; readonly why: string }[];
  /** The drafts of the prospect, held by this clientfit until they are removed. */
  readonly locks: readonly HeldLock[];
}

const linking = recordPart(['corrects'], ['prospect']);

/**
 * A folder forget may look into: 'folder', 'missing', or why not (a symbolic link is never
 * followed).
 */
function folderCheck(path: string): string {
  const info = lstatSync(path, { throwIfNoEntry: false });
  if (info === undefined) return 'missing';
  if (info.isDirectory()) return 'folder';
  if (!info.isSymbolicLink()) return 'it is not a folder';
  let target = 'a missing folder';
  try {
    target = realpathSync(path);
  } catch {
    // A dangling link: said as such.
  }
  return `it is a symbolic link (to ${target}), which forget does not follow`;
}

interface StoreMatch {
  /** The ids of the prospect's records (and of damaged files named for them). */
  readonly ids: Set<string>;
  /** Every readable record's id in the store. */
  readonly known: Set<string>;
  /** The prospect's names along the chain of corrections (as prospectKey gives them). */
  readonly names: Set<string>;
  readonly records: ForgetFile[];
}

/**
 * Every file of the store holding a record of the prospect, with every record
 * a correction links to them, either way, and every copy of each (two files
 * may hold one id); and files that cannot be read but are named for the prospect.
 */
function recordsOf(
  store: string,
  prospect: string | null,
  startId: string,
  warn: (text: string) => void,
): StoreMatch {
  const all: { id: string; name: string; corrects: string | null; prospect: string | null }[] = [];
  const slug = slugNames(prospect);
  const damaged: ForgetFile[] = [];
  const ids = new Set([startId]);
  for (const name of recordFiles(store)) {
    const entry = readRecord(store, name, linking);
    if (entry.ok)
      all.push({
        id: entry.record.id,
        name,
        corrects: entry.record.corrects,
        prospect: entry.record.report.prospect,
      });
    else {
      const id = slug?.record.exec(name)?.[1];
      if (id === undefined) warn(skippedWarning(entry));
      else {
        ids.add(id);
        damaged.push({
          path: join(store, name),
          note: `cannot be read (${safe(entry.problem)}); named for this prospect`,
        });
      }
    }
  }
  for (const r of all)
    if (
      prospect !== null &&
      r.prospect !== null &&
      prospectKey(r.prospect) === prospectKey(prospect)
    )
      ids.add(r.id);
  // A correction may have renamed the prospect: the whole chain goes.
  for (let grew = true; grew;) {
    grew = false;
    for (const r of all) {
      if (!ids.has(r.id) && !(r.corrects !== null && ids.has(r.corrects))) continue;
      for (const id of [r.id, r.corrects])
        if (id !== null && !ids.has(id)) {
          ids.add(id);
          grew = true;
        }
    }
  }
  const mine = all.filter((r) => ids.has(r.id));
  const names = new Set(
    mine.flatMap((r) => (r.prospect === null ? [] : [prospectKey(r.prospect)])),
  );
  // Removed last: the records that find the prospect again (by the name or id given), so running
  // forget again finishes.
  const finds = (r: (typeof all)[number]): number =>
    r.id === startId ? 2 : prospect !== null && names.has(prospectKey(r.prospect ?? '')) ? 1 : 0;
  const ordered = [...mine]
    .sort((a, b) => finds(a) - finds(b))
    .map((r) => ({ path: join(store, r.name) }));
  return { ids, known: new Set(all.map((r) => r.id)), names, records: [...damaged, ...ordered] };
}

/**
 * The outcome files of those records, and those named for the prospect whose record is gone or
 * cannot be read.
 */
function outcomesOf(store: string, match: StoreMatch, prospect: string | null): ForgetFile[] {
  const idOfProspect = slugNames(prospect)?.record;
  const files: ForgetFile[] = [];
  for (const [id, names] of outcomeIndex(store)) {
    const byName = !match.known.has(id) && idOfProspect?.test(`${id}.json`) === true;
    if (match.ids.has(id) || byName)
      for (const n of names) files.push({ path: join(outcomesFolder(store), n) });
  }
  return files;
}

/**
 * What `forget` removes for RECORD or PROSPECT: every record of that
 * prospect (matched by its exact name, case aside, by its slug or by record
 * id, then along corrections), their outcome files, the drafts that name the
 * prospect or correct one of those records with every file in the drafts
 * folder that names one of them, and files named for the prospect that
 * cannot be read. Symbolic links to folders are not followed. The drafts are
 * held on return (see ForgetPlan.locks).
 */
export async function planForget(options: {
  readonly store: string;
  readonly drafts: string;
  readonly ref: string;
  readonly warn: (text: string) => void;
  readonly listCommand: string;
}): Promise<ForgetPlan> {
  const { store, ref } = options;
  if (ref.trim() === '')
    throw usageError(
      'PROSPECT is empty: it names no one, and forget removes nothing for it',
      `give a record id or a prospect's full name (\`${options.listCommand}\` lists them)`,
    );
  const notFollowed: { path: string; why: string }[] = [];
  const usable = (path: string): boolean => {
    const state = folderCheck(path);
    if (state !== 'missing' && state !== 'folder') notFollowed.push({ path, why: state });
    return state === 'folder';
  };
  const storeOk = usable(store);
  const outcomesOk = storeOk && usable(outcomesFolder(store));
  const draftsOk = usable(options.drafts);
  let prospect: string | null;
  let match: StoreMatch = { ids: new Set(), known: new Set(), names: new Set(), records: [] };
  try {
    if (notFollowed.some((f) => f.path === store))
      throw new UserError(
        `the record store ${safe(store)} cannot be looked into: ` +
          (notFollowed[0]?.why ?? 'it is not a folder'),
        {
          exitCode: ExitCode.invalidInput,
          hint: 'name the real folder with --store',
        },
      );
    const record = findRecord(store, ref, options.warn, options.listCommand, { exactName: true });
    prospect = record.report.prospect;
    match = recordsOf(store, prospect, record.id, options.warn);
  } catch (error) {
    // A prospect known only from an unfinished interview is forgotten all the same.
    const drafts = draftsOk ? (await listDrafts(options.drafts)).drafts : [];
    if (
      !(error instanceof UserError) ||
      !drafts.some((d) => d.draft.prospect !== null && namesProspect(d.draft.prospect, ref))
    )
      throw error;
    prospect = ref.trim();
  }
  const outcomes = outcomesOk ? outcomesOf(store, match, prospect) : [];
  const drafts = draftsOk
    ? await draftsOf(options.drafts, match, prospect)
    : { files: [], found: [] };
  const locks = holdAll(
    drafts.found,
    prospect === null ? 'the record without a prospect name' : safe(prospect),
  );
  return { prospect, records: match.records, outcomes, drafts: drafts.files, notFollowed, locks };
}
