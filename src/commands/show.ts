import { Command } from '@commander-js/extra-typings';
import { existsSync } from 'node:fs';
import type { AssessmentRecord } from '../core/records/record';
import { loadBankOrFail } from './load-bank-or-fail';
import { inputError, usageError } from '../errors';
import { outputFormats } from '../core/config';
import { readRecord, recordFiles } from '../io/store';
import { didYouMean } from '../core/diagnostics/did-you-mean';
import { slugify } from '../core/text/slug';
import { answersFileOf } from '../render/answers-file';
import { reportWithOutcomeRenderers } from '../render/outcome';
import { plainStyle } from '../render/style';
import { storeOption } from './record-filter-flags';
import { choiceOption, defineCommand } from './define-command';
import { hintWords } from './program-name';
import { outcomesOfChain, skippedWarning } from './store-records';
import { briefOption, reportFormat, textLayout } from './text-layout';

/** A record whose prospect a name matches: what is needed to choose among them, and to read the one chosen. */
interface Match {
  readonly name: string;
  readonly id: string;
  readonly prospect: string;
  readonly assessedAt: string;
}

/** A name means the prospect's assessment as it stands: records another corrects are passed over (unless all are). */
function standing(matches: readonly Match[], corrected: ReadonlySet<string>): readonly Match[] {
  const current = matches.filter((m) => !corrected.has(m.id));
  return current.length > 0 ? current : matches;
}

/** A prospect's name as compared: Unicode NFC, trimmed, case aside ("Café " and "CAFÉ" are one name). */
export function prospectKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

/** Whether `ref` names the prospect `shown`: its name (see prospectKey) or its slug (`harbour-dental`, as shell completion offers it). */
export function namesProspect(shown: string, ref: string): boolean {
  const wanted = prospectKey(ref);
  return shown !== '' && (prospectKey(shown) === wanted || slugify(shown) === wanted);
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
  const only = byId[0];
  if (only !== undefined) {
    const entry = readRecord(store, only);
    if (!entry.ok) throw inputError(`the record ${only} cannot be shown: ${entry.problem}`);
    return entry.record;
  }
  const wanted = prospectKey(ref);
  // Only what is needed to choose is kept of each match (a store of 100,000 records may all match); the one chosen is then read again.
  const exactName: Match[] = [];
  const corrected = new Set<string>();
  const partial = new Map<string, Match[]>();
  const prospects = new Set<string>();
  for (const name of names) {
    const entry = readRecord(store, name);
    if (!entry.ok) {
      warn(skippedWarning(entry));
      continue;
    }
    const { id, report, corrects } = entry.record;
    if (corrects !== null) corrected.add(corrects);
    const shown = report.prospect ?? '';
    const prospect = prospectKey(shown);
    if (prospects.size < 10_000 && shown !== '') prospects.add(shown);
    // Names sort by time, so the last match is the most recent.
    const match = { name, id, prospect: shown, assessedAt: report.assessedAt };
    if (namesProspect(shown, ref)) exactName.push(match);
    else if (options.exactName !== true && prospect.includes(wanted)) {
      const list = partial.get(prospect);
      if (list === undefined) partial.set(prospect, [match]);
      else list.push(match);
    }
  }
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
  if (latest !== undefined) {
    const entry = readRecord(store, latest.name);
    if (!entry.ok) throw inputError(`the record ${latest.name} cannot be shown: ${entry.problem}`);
    return entry.record;
  }
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

/** `clientfit show RECORD`: one saved assessment again. */
export const showCommand = defineCommand(
  () =>
    new Command('show')
      .description('show one saved assessment again, in any output format')
      .argument(
        '<record>',
        'a record id, an unambiguous id prefix, or a prospect name (its latest assessment)',
      )
      .addOption(
        choiceOption(
          '--format <format>',
          'output format (default: config or text); "answers": an answers file that run ' +
            '--answers takes',
          [...outputFormats, 'answers'],
        ),
      )
      .option('--json', 'shorthand for --format json')
      .option('--output <file>', 'write it to a file (atomically) instead of standard output')
      .option('--force', 'with --output: replace an existing file')
      .addOption(storeOption())
      .addOption(briefOption()),
  async (recordArgument, flags, { io, settingsFor, styleFor, emit, warn }) => {
    const options = { ...flags, record: recordArgument };
    if (options.format === 'answers') {
      if (options.brief === true)
        throw usageError(
          '--brief is the short text report; it cannot be combined with --format answers',
          'drop --brief',
        );
      const settings = settingsFor({ store: options.store });
      const { program, storeFlag } = hintWords(io.env, options, io.cwd);
      const record = findRecord(
        settings.store.value,
        options.record,
        warn,
        `${program} history${storeFlag}`,
      );
      // Checked against the bank it was scored with (else the bank in use), so that the file runs on it.
      const bankPath =
        record.bankPath !== null && existsSync(record.bankPath)
          ? record.bankPath
          : settings.bank.value;
      const { bank } = loadBankOrFail(bankPath, io.cwd, program);
      await emit(
        answersFileOf(record, bank),
        options.output,
        options.force === true,
        'Answers file',
      );
      return;
    }
    const settings = settingsFor({ ...options, format: options.format });
    const format = reportFormat(settings, options.brief);
    const { program, storeFlag } = hintWords(io.env, options, io.cwd);
    const record = findRecord(
      settings.store.value,
      options.record,
      warn,
      `${program} history${storeFlag}`,
    );
    const changes = outcomesOfChain(settings.store.value, record, warn);
    const renderStyle = options.output === undefined ? styleFor(settings, io.stdout) : plainStyle;
    await emit(
      reportWithOutcomeRenderers[format](
        record.report,
        changes,
        renderStyle,
        textLayout(io, options),
      ),
      options.output,
      options.force === true,
      'Report',
    );
  },
);
