import type { AssessmentRecord } from '../core/record';
import { inputError, usageError } from '../errors';
import { outputFormats } from '../core/config';
import { readRecord } from '../io/store';
import { reportRenderers } from '../render/report';
import { plainStyle } from '../render/style';
import { defineCommand } from './define-command';
import { hintWords } from './program-name';
import { skippedWarning, storeRecords } from './store-records';

/**
 * Finds one record by id, unambiguous id prefix (as git does with commits),
 * or prospect name (case-insensitive; the most recent assessment of that
 * prospect). Files that are not records are passed over. `listCommand` is
 * the command line, as printed, that lists the records.
 */
export function findRecord(store: string, ref: string, warn: (text: string) => void, listCommand: string): AssessmentRecord {
  const names = storeRecords(store);
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
  const wanted = ref.trim().toLowerCase();
  let exactName: AssessmentRecord | undefined;
  const partial = new Map<string, AssessmentRecord>();
  for (const name of names) {
    const entry = readRecord(store, name);
    if (!entry.ok) {
      warn(skippedWarning(entry));
      continue;
    }
    const prospect = (entry.record.report.prospect ?? '').toLowerCase();
    // Names sort by time, so the last match is the most recent.
    if (prospect === wanted) exactName = entry.record;
    else if (prospect.includes(wanted)) partial.set(prospect, entry.record);
  }
  if (exactName !== undefined) return exactName;
  if (partial.size === 1) return [...partial.values()][0] as AssessmentRecord;
  if (partial.size > 1)
    throw usageError(
      `"${ref}" matches ${partial.size} prospects: ${[...partial.values()]
        .slice(0, 5)
        .map((r) => r.report.prospect ?? '')
        .join(', ')}`,
      'give the full name or a record id',
    );
  throw usageError(`no record matches "${ref}" in ${store}`, `\`${listCommand}\` lists the records and their ids`);
}

/** `clientfit show RECORD`: one saved assessment again. */
export const showCommand = defineCommand({
  name: 'show',
  description: 'show one saved assessment again, in any output format',
  arguments: [{ name: '<record>', description: 'a record id, an unambiguous id prefix, or a prospect name (its latest assessment)' }],
  flags: [
    { flags: '--format <format>', description: 'output format (default: config or text)', choices: outputFormats },
    { flags: '--json', description: 'shorthand for --format json' },
    { flags: '--output <file>', description: 'write it to a file (atomically) instead of standard output' },
    { flags: '--force', description: 'with --output: replace an existing file' },
    { flags: '--store <dir>', description: 'the record store (default: config, $CLIENTFIT_STORE or the XDG data folder)' },
  ],
  async action(options, { io, settingsFor, styleFor, emit, warn }) {
    const settings = await settingsFor(options);
    const { program, storeFlag } = hintWords(io.env, options, io.cwd);
    const record = findRecord(settings.store.value, options.record, warn, `${program} history${storeFlag}`);
    const renderStyle = options.output === undefined ? await styleFor(settings, io.stdout) : plainStyle;
    await emit(reportRenderers[settings.format.value](record.report, renderStyle), options.output, options.force === true, 'Report');
  },
});
