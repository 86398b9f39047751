import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { recordPart } from '../core/record';
import { plural } from '../core/plural';
import { UserError, usageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { draftsDir, listDrafts } from '../io/drafts';
import { outcomeIndex, outcomesFolder } from '../io/outcomes';
import { readRecord, recordFiles } from '../io/store';
import { reason } from '../io/write-file';
import { safe } from '../render/terminal-safe';
import type { CommandContext } from './context';
import { canPrompt } from './context';
import { defineCommand } from './define-command';
import { hintWords, shellWord } from './program-name';
import { isPromptExit } from '../interview/prompter';
import { storeFlag } from './record-filter-flags';
import { findRecord } from './show';
import { skippedWarning } from './store-records';

/** The files that hold what clientfit keeps of a prospect, by kind. */
export interface ForgetPlan {
  /** The prospect's name as recorded (null: a record without a name, forgotten alone with its corrections). */
  readonly prospect: string | null;
  readonly records: readonly string[];
  readonly outcomes: readonly string[];
  /** Drafts, and the files beside them that name them (claims, locks). */
  readonly drafts: readonly string[];
}

const nameOf = (prospect: string | null | undefined): string | undefined => prospect?.trim().toLowerCase();
const linking = recordPart(['corrects'], ['prospect']);

/** The ids of the store's records of the prospect, with every record a correction links to them, either way. */
function recordsOf(store: string, prospect: string | null, startId: string, warn: (text: string) => void): Map<string, string> {
  const wanted = nameOf(prospect);
  const all: { id: string; name: string; corrects: string | null; prospect: string | null }[] = [];
  for (const name of recordFiles(store)) {
    const entry = readRecord(store, name, linking);
    if (entry.ok) all.push({ id: entry.record.id, name, corrects: entry.record.corrects, prospect: entry.record.report.prospect });
    else warn(skippedWarning(entry));
  }
  const ids = new Set(all.filter((r) => r.id === startId || (wanted !== undefined && nameOf(r.prospect) === wanted)).map((r) => r.id));
  // A correction may have renamed the prospect: the whole chain goes.
  for (let grew = true; grew;) {
    grew = false;
    for (const r of all) {
      const linked = ids.has(r.id) || (r.corrects !== null && ids.has(r.corrects));
      if (!linked) continue;
      for (const id of [r.id, r.corrects])
        if (id !== null && !ids.has(id)) {
          ids.add(id);
          grew = true;
        }
    }
  }
  return new Map(all.filter((r) => ids.has(r.id)).map((r) => [r.id, join(store, r.name)]));
}

/**
 * What `forget` removes for RECORD or PROSPECT: every record of that
 * prospect (matched by name, case aside, and along corrections), their
 * outcome files, and the drafts that name the prospect or correct one of
 * those records, with every file in the drafts folder that names one of them.
 */
export async function planForget(options: {
  readonly store: string;
  readonly drafts: string;
  readonly ref: string;
  readonly warn: (text: string) => void;
  readonly listCommand: string;
}): Promise<ForgetPlan> {
  const { store } = options;
  let prospect: string | null;
  let records = new Map<string, string>();
  const { drafts } = await listDrafts(options.drafts);
  try {
    const record = findRecord(store, options.ref, options.warn, options.listCommand);
    prospect = record.report.prospect;
    records = recordsOf(store, prospect, record.id, options.warn);
  } catch (error) {
    // A prospect known only from an unfinished interview is forgotten all the same.
    if (!(error instanceof UserError) || !drafts.some((d) => nameOf(d.draft.prospect) === nameOf(options.ref))) throw error;
    prospect = options.ref.trim();
  }
  const index = outcomeIndex(store);
  const outcomes = [...records.keys()].flatMap((id) => (index.get(id) ?? []).map((n) => join(outcomesFolder(store), n)));
  const draftIds = drafts
    .filter((d) => (prospect !== null && nameOf(d.draft.prospect) === nameOf(prospect)) || records.has(d.draft.corrects ?? ''))
    .map((d) => d.id);
  const names = [...draftIds, ...records.keys()];
  let beside: string[] = [];
  try {
    beside = readdirSync(options.drafts).filter((n) => names.some((id) => n.includes(id)));
  } catch {
    // No drafts folder: no drafts.
  }
  return { prospect, records: [...records.values()], outcomes, drafts: beside.map((n) => join(options.drafts, n)) };
}

/** Removes the plan's files: outcomes and drafts first, records last (so a forget cut short can be run again). */
function removeAll(plan: ForgetPlan): void {
  const failed: string[] = [];
  for (const path of [...plan.outcomes, ...plan.drafts, ...plan.records])
    try {
      unlinkSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') failed.push(`${safe(path)} (${reason(code)})`);
    }
  if (failed.length > 0)
    throw new UserError(`${plural(failed.length, 'file')} could not be removed: ${failed.join(', ')}`, {
      exitCode: ExitCode.invalidInput,
      hint: 'make them writable for you (check the folder permissions), then run forget again',
    });
}

/** Each file of the plan, one line each, with its kind. */
function fileLines(plan: ForgetPlan): string {
  const lines = [
    ...plan.records.map((p) => `  record   ${safe(p)}\n`),
    ...plan.outcomes.map((p) => `  outcome  ${safe(p)}\n`),
    ...plan.drafts.map((p) => `  draft    ${safe(p)}\n`),
  ];
  return lines.join('');
}

/** What forget did, or would do, in words: one line, then each file. */
function describe(plan: ForgetPlan, done: boolean): string {
  const who = plan.prospect === null ? 'the record without a prospect name' : safe(plan.prospect);
  const counts = [plural(plan.records.length, 'record'), plural(plan.outcomes.length, 'outcome change'), plural(plan.drafts.length, 'draft file')];
  const head = `${done ? 'Forgot' : 'Would forget'} ${who}: ${done ? 'removed' : 'would remove'} ${counts.join(', ')}.\n`;
  return `${head}${fileLines(plan)}${done ? '' : 'Nothing was removed (--dry-run).\n'}`;
}

/** On a terminal, asks before removing anything; the cursor starts on "no". */
async function confirmed(plan: ForgetPlan, context: CommandContext): Promise<boolean> {
  const streams = context.io.promptStreams;
  if (streams === undefined) return false;
  const { inquirerPrompter } = await import('../interview/inquirer-prompter');
  const files = plan.records.length + plan.outcomes.length + plan.drafts.length;
  const asked = inquirerPrompter(streams).select({
    message: `Remove ${files === 1 ? 'this file' : `these ${files} files`} for good? This cannot be undone.`,
    choices: [
      { value: 'no', name: 'No, keep everything' },
      { value: 'yes', name: 'Yes, remove them' },
    ],
    default: 'no',
  });
  try {
    return (await asked) === 'yes';
  } catch (error) {
    if (isPromptExit(error)) throw new UserError('stopped: nothing was removed', { exitCode: ExitCode.interrupt });
    throw error;
  }
}

/** `clientfit forget RECORD|PROSPECT`: removes what clientfit keeps of a prospect. */
export const forgetCommand = defineCommand({
  name: 'forget',
  description: "remove a prospect's records, outcomes and drafts for good (asks first on a terminal)",
  arguments: [{ name: '<prospect>', description: 'a record id, an unambiguous id prefix, or a prospect name: every record of that prospect goes' }],
  flags: [
    { flags: '--yes', description: 'remove without asking (for scripts; needed without a terminal)' },
    { flags: '--dry-run', description: 'list what would be removed, and remove nothing' },
    storeFlag,
  ],
  help: `
  Removes every record of the prospect (corrections included), the outcomes
  recorded for them, and the drafts of interviews with them, then lists what
  it removed. Without a terminal, --yes is needed (else exit 2).

  Examples:
    clientfit forget "Northwind Bakery" --dry-run
    clientfit forget "Northwind Bakery" --yes`,
  async action(options, context) {
    const { io } = context;
    const settings = context.settingsFor({ store: options.store });
    const { program, storeFlag: flag } = hintWords(io.env, options, io.cwd);
    const plan = await planForget({
      store: settings.store.value,
      drafts: draftsDir(io.env),
      ref: options.prospect,
      warn: context.warn,
      listCommand: `${program} history${flag}`,
    });
    if (options.dryRun === true) {
      io.stdout.write(describe(plan, false));
      return;
    }
    if (options.yes !== true) {
      if (!canPrompt(io))
        throw usageError(
          'forget removes records for good: without a terminal to ask on, it needs --yes',
          `check the list with \`${program} forget ${safe(shellWord(options.prospect))} --dry-run${flag}\`, then add --yes`,
        );
      io.stderr.write(fileLines(plan));
      if (!(await confirmed(plan, context))) {
        io.stderr.write('Nothing was removed.\n');
        return;
      }
    }
    removeAll(plan);
    io.stdout.write(describe(plan, true));
  },
});
