import type { AssessmentRecord } from '../core/records/record';
import { didYouMean } from '../core/diagnostics/did-you-mean';
import { slugify } from '../core/text/slug';
import { inputError, usageError } from '../errors';
import { readRecord } from '../io/read-record';
import { recordFiles } from '../io/record-files';
import { skippedWarning } from './store-records';

/**
 * A record whose prospect a name matches: what is needed to choose among them, and to read the one
 * chosen.
 */
interface Match {
  readonly name: string;
  readonly id: string;
  readonly prospect: string;
  readonly assessedAt: string;
}

/**
 * How a name matched the store's records: exactly, in part (by prospect), and what else was seen.
 */
interface NameMatches {
  readonly exactName: Match[];
  readonly partial: Map<string, Match[]>;
  /** Records another one corrects. */
  readonly corrected: Set<string>;
  /** Prospects' names, for "did you mean". */
  readonly prospects: Set<string>;
}

/**
 * A name means the prospect's assessment as it stands: records another corrects are passed over
 * (unless all are).
 */
function standing(matches: readonly Match[], corrected: ReadonlySet<string>): readonly Match[] {
  const current = matches.filter((m) => !corrected.has(m.id));
  return current.length > 0 ? current : matches;
}

/**
 * A prospect's name as compared: Unicode NFC, trimmed, case aside ("Café " and "CAFÉ" are one
 * name).
 */
export function prospectKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/**
 * Whether `ref` names the prospect `shown`: its name (see prospectKey) or its slug
 * (`harbour-dental`, as shell completion offers it).
 */
export function namesProspect(shown: string, ref: string): boolean {
  const wanted = prospectKey(ref);
  return shown !== '' && (prospectKey(shown) === wanted || slugify(shown) === wanted);
}

/** The record a file of the store holds, or the error that says it cannot be shown. */
function readChosen(store: string, name: string): AssessmentRecord {
  const entry = readRecord(store, name);
  if (!entry.ok) throw inputError(`the record ${name} cannot be shown: ${entry.problem}`);
  return entry.record;
}

/** The record files whose name is `ref` or starts with it (more than one is refused). */
function byIdPrefix(names: readonly string[], ref: string): string | undefined {
  const exact = names.find((n) => n === `${ref}.json`);
  const byId = exact === undefined ? names.filter((n) => n.startsWith(ref)) : [exact];
  if (byId.length > 1)
    throw usageError(
      `"${ref}" matches ${byId.length} records: ${byId
        .slice(0, 5)
        .map((n) => n.slice(0, -5))
        .join(', ')}${byId.length > 5 ? ', …' : ''}`,
      'give more of the id',
    );
  return byId[0];
}

/**
 * Every record whose prospect `ref` names, or (unless `exactName`) whose
 * prospect's name holds it. Only what is needed to choose is kept of each
 * match (a store of 100,000 records may all match); the one chosen is then
 * read again.
 */
function matchNames(
  store: string,
  names: readonly string[],
  ref: string,
  warn: (text: string) => void,
  exactOnly: boolean,
): NameMatches {
  const wanted = prospectKey(ref);
  const found: NameMatches = {
    exactName: [],
    partial: new Map(),
    corrected: new Set(),
    prospects: new Set(),
  };
  for (const name of names) {
    const entry = readRecord(store, name);
    if (!entry.ok) {
      warn(skippedWarning(entry));
      continue;
    }
    const { id, report, corrects } = entry.record;
    if (corrects !== null) found.corrected.add(corrects);
    const shown = report.prospect ?? '';
    const prospect = prospectKey(shown);
    if (found.prospects.size < 10_000 && shown !== '') found.prospects.add(shown);
    // Names sort by time, so the last match is the most recent.
    const match = { name, id, prospect: shown, assessedAt: report.assessedAt };
    if (namesProspect(shown, ref)) found.exactName.push(match);
    else if (!exactOnly && prospect.includes(wanted)) {
      const list = found.partial.get(prospect);
      if (list === undefined) found.partial.set(prospect, [match]);
      else list.push(match);
    }
  }
  return found;
}

/**
 * Finds one record by id, unambiguous id prefix (as git does with commits),
 * or prospect name (see namesProspect; the most recent assessment of that
 * prospect, or with `uniqueName` only when one record has that name). Unless
 * `exactName`, a part of one prospect's name will do too. A blank RECORD is
 * refused (exit 2). Files that are not records are passed over. No match
 * says what was closest. `listCommand` is the command line, as printed,
 * that lists the records.
 */
export function findRecord(
  store: string,
  ref: string,
  warn: (text: string) => void,
  listCommand: string,
  options: { readonly uniqueName?: boolean; readonly exactName?: boolean } = {},
): AssessmentRecord {
  if (ref.trim() === '')
    throw usageError(
      'RECORD is empty: it names no record',
      `give a record id or a prospect name (\`${listCommand}\` lists them)`,
    );
  const names = recordFiles(store);
  const only = byIdPrefix(names, ref);
  if (only !== undefined) return readChosen(store, only);
  const { exactName, partial, corrected, prospects } = matchNames(
    store,
    names,
    ref,
    warn,
    options.exactName === true,
  );
  const named = standing(
    exactName.length > 0 ? exactName : partial.size === 1 ? ([...partial.values()][0] ?? []) : [],
    corrected,
  );
  if (named.length > 1 && options.uniqueName === true)
    throw usageError(
      `"${ref}" names ${named.length} records: ${named
        .slice(-5)
        .map((r) => `${r.id} (${r.assessedAt.slice(0, 10)})`)
        .join(', ')}`,
      'name the record by its id (or an unambiguous start of it)',
    );
  const latest = named.at(-1);
  if (latest !== undefined) return readChosen(store, latest.name);
  if (partial.size > 1)
    throw usageError(
      `"${ref}" matches ${partial.size} prospects: ${[...partial.values()]
        .slice(0, 5)
        .map((r) => r[0]?.prospect ?? '')
        .join(', ')}`,
      'give the full name or a record id',
    );
  const close = didYouMean(ref, [...names.map((n) => n.slice(0, -5)), ...prospects]);
  throw usageError(
    `no record matches "${ref}" in ${store}`,
    close === undefined
      ? `\`${listCommand}\` lists the records and their ids`
      : `did you mean "${close}"? (\`${listCommand}\` lists the records)`,
  );
}
