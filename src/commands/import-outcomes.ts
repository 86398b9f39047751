import { extname, resolve } from 'node:path';
import type { Diagnostic } from '../core/diagnostics/diagnostic';
import type { OutcomeChange } from '../core/records/outcome';
import { dateBeforeAssessment, newOutcomeChange, utcDay } from '../core/records/outcome';
import { randomHex } from '../io/random-hex';
import type { OutcomeRow, OutcomeRows } from '../core/records/outcome-rows';
import { outcomeRowsFromCsv, outcomeRowsFromData } from '../core/records/outcome-rows';
import { checkRecord } from '../core/records/record';
import { inputError, usageError } from '../errors';
import { prepareOutcomeFolder, saveOutcome } from '../io/outcomes';
import { readInputFile } from '../io/read-input';
import { parseYaml } from '../core/yaml/parse-yaml';
import { describeChange } from '../render/outcome';
import { safe } from '../render/terminal-safe';
import type { CommandContext } from './context';
import { uninterrupted } from './context';
import { outcomesOf, storedRecords } from '../use-cases/store-records';
import { outcomeIndex } from '../io/outcomes';
import { plural } from '../core/text/plural';

/** A CRM export of many thousand rows is still far below this. */
const maxImportBytes = 16 * 1024 * 1024;

export interface ImportOutcomesOptions {
  readonly file: string;
  readonly store: string;
  readonly dryRun: boolean;
  readonly by: string | undefined;
  readonly context: CommandContext;
}

/** What the store holds, for naming records: each id with its prospect and day, and the ids per prospect name. */
interface StoreIndex {
  /** Record ids, sorted: those that start with a prefix are next to each other. */
  readonly ids: string[];
  readonly records: Map<string, { readonly prospect: string | null; readonly assessedAt: string }>;
  readonly byProspect: Map<string, string[]>;
}

function indexStore(store: string, warn: (text: string) => void): StoreIndex {
  const records: StoreIndex['records'] = new Map();
  const byProspect = new Map<string, string[]>();
  // Checked whole, as `outcome RECORD` checks the one it names: an outcome is never recorded for a damaged record.
  for (const { record } of storedRecords(store, {
    check: checkRecord,
    newestFirst: false,
    warn,
    withOutcomes: false,
  })) {
    records.set(record.id, {
      prospect: record.report.prospect,
      assessedAt: record.report.assessedAt,
    });
    const key = (record.report.prospect ?? '').trim().toLowerCase();
    if (key === '') continue;
    const list = byProspect.get(key);
    if (list === undefined) byProspect.set(key, [record.id]);
    else list.push(record.id);
  }
  return { ids: [...records.keys()].sort(), records, byProspect };
}

/** The ids that start with `prefix`: a binary search for the first, then the run of them. */
function idsStartingWith(ids: readonly string[], prefix: string): string[] {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ids[mid] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  const found: string[] = [];
  for (let i = lo; i < ids.length && (ids[i] ?? '').startsWith(prefix); i++)
    found.push(ids[i] ?? '');
  return found;
}

/** The record a row names, or the problem with how it names one. */
function resolveRow(
  row: OutcomeRow,
  index: StoreIndex,
  program: string,
): { readonly id: string } | { readonly problem: string; readonly hint: string } {
  if (row.ref.by === 'record') {
    if (index.records.has(row.ref.text)) return { id: row.ref.text };
    const matches = idsStartingWith(index.ids, row.ref.text);
    if (matches.length === 1 && matches[0] !== undefined) return { id: matches[0] };
    if (matches.length > 1)
      return {
        problem: `"${row.ref.text}" is the start of ${matches.length} record ids: ${matches.slice(0, 5).join(', ')}`,
        hint: 'give more of the id',
      };
    return {
      problem: `no record has the id "${row.ref.text}"`,
      hint: `\`${program} history\` lists the records and their ids`,
    };
  }
  const ids = index.byProspect.get(row.ref.text.toLowerCase()) ?? [];
  if (ids.length === 1 && ids[0] !== undefined) return { id: ids[0] };
  if (ids.length > 1)
    return {
      problem: `"${row.ref.text}" names ${ids.length} records: ${ids
        .slice(0, 10)
        .map((id) => `${id} (${index.records.get(id)?.assessedAt.slice(0, 10) ?? '?'})`)
        .join(', ')}`,
      hint: 'put the record id in a "record" column for this row',
    };
  return {
    problem: `no record is of a prospect named "${row.ref.text}"`,
    hint: `the name must match the one assessed (any case); \`${program} history\` lists them`,
  };
}

/** Reads and checks the file: its rows and every problem in it. */
function readRows(path: string, shown: string, today: string): OutcomeRows {
  const ext = extname(path).toLowerCase();
  if (ext !== '.csv' && ext !== '.yaml' && ext !== '.yml' && ext !== '.json')
    throw usageError(
      `--from ${shown}: clientfit reads outcomes from a .csv, .yaml, .yml or .json file`,
      'name the file by what it holds',
    );
  const read = readInputFile(path, shown, maxImportBytes);
  if (!read.ok) throw inputError(`the outcomes file ${shown} cannot be read`, [read.diagnostic]);
  if (ext === '.csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
    } catch {
      throw inputError(
        `the outcomes file ${shown} is not UTF-8 text`,
        [],
        'export it from the spreadsheet as "CSV UTF-8"',
      );
    }
    return outcomeRowsFromCsv(text, shown, today);
  }
  const parsed = parseYaml(read.bytes, shown);
  if (!parsed.ok) return { rows: [], problems: [...parsed.diagnostics] };
  return outcomeRowsFromData(parsed.source.data, shown, today, (p, o) =>
    parsed.source.locate(p, o),
  );
}

/**
 * `clientfit outcome --from FILE`: records the outcomes a CSV or YAML file
 * lists. Every problem in the file and every record it cannot name (unknown,
 * or one name for several records) is reported in one run with its line, and
 * then nothing is written; with `dryRun` nothing is written either way.
 */
export async function importOutcomes(options: ImportOutcomesOptions): Promise<void> {
  const { context, store } = options;
  const { io, warn, programName: program } = context;
  const now = io.now();
  const today = utcDay(now);
  const path = resolve(io.cwd, options.file);
  const { rows, problems } = readRows(path, options.file, today);
  const index = indexStore(store, warn);
  const planned: { row: OutcomeRow; id: string }[] = [];
  const seen = new Map<string, number>();
  const located = (row: OutcomeRow, message: string, hint: string): Diagnostic => ({
    severity: 'error',
    code: 'outcome-row',
    file: options.file,
    path: [],
    line: row.line,
    column: 1,
    message,
    hint,
  });
  for (const row of rows) {
    const found = resolveRow(row, index, program);
    if ('problem' in found) {
      problems.push(located(row, found.problem, found.hint));
      continue;
    }
    const earlier = seen.get(found.id);
    if (earlier !== undefined) {
      problems.push(
        located(
          row,
          `line ${earlier} names the same record (${found.id})`,
          `keep one row per record; record a correction later with \`${program} outcome\``,
        ),
      );
      continue;
    }
    seen.set(found.id, row.line);
    const record = index.records.get(found.id);
    const early =
      record === undefined ? undefined : dateBeforeAssessment(row.date ?? today, record.assessedAt);
    if (early !== undefined) {
      problems.push(located(row, early, 'give the day the outcome happened'));
      continue;
    }
    planned.push({ row, id: found.id });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw inputError(
      `the outcomes file ${options.file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was recorded`,
      problems,
      'fix them and run it again (--dry-run checks without writing)',
    );
  }
  await recordPlanned(planned, index, options);
}

/**
 * Whether a row says again what a record's latest outcome already says: the
 * same value and note, and the same day when the row gives one. Importing
 * the same file twice then records nothing new.
 */
function alreadyRecorded(row: OutcomeRow, latest: OutcomeChange | undefined): boolean {
  return (
    latest !== undefined &&
    latest.value === row.value &&
    (row.date === undefined || latest.date === row.date) &&
    (latest.note ?? '') === (row.note ?? '')
  );
}

/** Records (or, with --dry-run, lists) the planned changes that are new, and says how many rows were already recorded. */
async function recordPlanned(
  planned: readonly { row: OutcomeRow; id: string }[],
  index: StoreIndex,
  options: ImportOutcomesOptions,
): Promise<void> {
  const { context, store } = options;
  const { io, warn } = context;
  const now = io.now();
  const today = utcDay(now);
  const outcomes = outcomeIndex(store);
  const fresh = planned.filter(
    ({ row, id }) => !alreadyRecorded(row, outcomesOf(store, id, warn, outcomes).at(-1)),
  );
  const repeated = planned.length - fresh.length;
  const { name } = context.assessor(options.by);
  const style = context.styleFor(context.settingsFor(), io.stdout);
  const changes: OutcomeChange[] = fresh.map(({ row, id }) =>
    newOutcomeChange(id, row.value, row.date ?? today, now, name, row.note, randomHex(8)),
  );
  const lines = fresh.map(
    ({ row, id }, i) =>
      `  line ${row.line}: ${safe(index.records.get(id)?.prospect ?? '(no name)')} ${style.dim(`(${safe(id)})`)}: ${describeChange(changes[i] as OutcomeChange, style)}\n`,
  );
  const file = safe(options.file);
  const already =
    repeated === 0
      ? ''
      : ` ${plural(repeated, 'row')} of it ${repeated === 1 ? 'is' : 'are'} already recorded (the same outcome, day and note) and ${repeated === 1 ? 'is' : 'are'} not recorded again.`;
  if (changes.length === 0) {
    io.stdout.write(
      `Nothing new: every outcome in ${file} is already recorded; nothing was written.\n`,
    );
    return;
  }
  if (options.dryRun) {
    io.stdout.write(
      `${lines.join('')}Would record ${plural(changes.length, 'outcome')} from ${file} (--dry-run: nothing written).${already}\n`,
    );
    return;
  }
  prepareOutcomeFolder(store);
  await uninterrupted(io, async () => {
    for (const change of changes) await saveOutcome(store, change);
  });
  io.stdout.write(
    `${lines.join('')}Recorded ${plural(changes.length, 'outcome')} from ${file}.${already}\n`,
  );
}
