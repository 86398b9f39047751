import { Command } from '@commander-js/extra-typings';
import { unlink } from 'node:fs/promises';
import { plural } from '../core/text/plural';
import { UserError, usageError } from '../errors';
import { ExitCode } from '../exit-codes';
import { draftsDir } from '../io/drafts';
import { reason } from '../io/write-hint';
import { safe } from '../render/terminal-safe';
import type { CommandContext, MainIO } from './context';
import { canPrompt } from './context';
import { defineCommand } from './define-command';
import type { ForgetFile, ForgetPlan } from '../use-cases/forget-plan';
import { planForget } from '../use-cases/forget-plan';
import { hintWords } from './program-name';
import { shellWord } from '../core/text/shell-word';
import { isPromptExit } from '../interview/prompter';
import { storeOption } from './record-filter-flags';

/** Each file of the plan, one line each, with its kind (and why it goes, when that is not plain). */
function fileLines(plan: ForgetPlan, only?: ReadonlySet<string>): string {
  const line = (kind: string) => (f: ForgetFile) =>
    only !== undefined && !only.has(f.path)
      ? []
      : [`  ${kind.padEnd(8)} ${safe(f.path)}${f.note === undefined ? '' : ` (${f.note})`}\n`];
  return [
    ...plan.records.flatMap(line('record')),
    ...plan.outcomes.flatMap(line('outcome')),
    ...plan.drafts.flatMap(line('draft')),
  ].join('');
}

const who = (plan: ForgetPlan): string =>
  plan.prospect === null ? 'the record without a prospect name' : safe(plan.prospect);
const fileCount = (plan: ForgetPlan): number =>
  plan.records.length + plan.outcomes.length + plan.drafts.length;

/** What forget did, or would do, in words: one line, then each file. */
function describe(plan: ForgetPlan, done: boolean): string {
  const counts = [
    plural(plan.records.length, 'record'),
    plural(plan.outcomes.length, 'outcome change'),
    plural(plan.drafts.length, 'draft file'),
  ];
  const head = `${done ? 'Forgot' : 'Would forget'} ${who(plan)}: ${done ? 'removed' : 'would remove'} ${counts.join(', ')}.\n`;
  return `${head}${fileLines(plan)}${done ? '' : 'Nothing was removed (--dry-run).\n'}`;
}

/** Folders forget did not look into, as an error (exit 3): what is in them stays. */
function notFollowedError(plan: ForgetPlan, done: string): UserError {
  const folders = plan.notFollowed.map((f) => `${safe(f.path)} (${safe(f.why)})`).join('; ');
  return new UserError(
    `${done}; not looked into: ${folders}, so what it holds of ${who(plan)} stays`,
    {
      exitCode: ExitCode.invalidInput,
      hint: 'remove those files yourself, or replace the link by the folder it points to and run forget again',
    },
  );
}

/**
 * Removes the plan's files one at a time, outcomes and drafts first, records
 * last. A signal meanwhile (SIGINT, SIGTERM, SIGHUP) says what was removed
 * and that the same command finishes the job, then clientfit exits 128+n.
 */
async function removeAll(
  plan: ForgetPlan,
  io: MainIO,
  again: string,
): Promise<{ removed: Set<string>; failed: string[] }> {
  const removed = new Set<string>();
  const failed: string[] = [];
  let current: string | undefined;
  const order = [...plan.outcomes, ...plan.drafts, ...plan.records].map((f) => f.path);
  const writeNow = io.writeErrNow ?? ((text: string) => io.stderr.write(text));
  const release =
    io.onInterrupt?.((signal) => {
      const listed = fileLines(plan, removed).split('\n').slice(0, 20).join('\n');
      const more = removed.size > 20 ? `  … and ${removed.size - 20} more\n` : '';
      // The removal under way when the signal came may have been done by the system already.
      const maybe = current === undefined ? '' : `  and perhaps ${safe(current)}\n`;
      writeNow(
        `\nclientfit: forget stopped by ${signal} after removing ${removed.size} of ${order.length} files of ${who(plan)}:\n` +
          `${listed}${listed === '' ? '' : '\n'}${more}${maybe}Run \`${again}\` again to remove the rest.\n`,
      );
    }) ?? (() => undefined);
  try {
    for (const path of order)
      try {
        current = path;
        await unlink(path);
        removed.add(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT') failed.push(`${safe(path)} (${reason(code)})`);
      }
  } finally {
    current = undefined;
    release();
    for (const lock of plan.locks) lock.release();
  }
  return { removed, failed };
}

/** On a terminal, asks before removing anything; the cursor starts on "no". */
async function confirmed(plan: ForgetPlan, context: CommandContext): Promise<boolean> {
  const streams = context.io.promptStreams;
  if (streams === undefined) return false;
  const { inquirerPrompter } = await import('../interview/inquirer-prompter');
  const files = fileCount(plan);
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
    if (isPromptExit(error))
      throw new UserError('stopped: nothing was removed', { exitCode: ExitCode.interrupt });
    throw error;
  }
}

/** `clientfit forget RECORD|PROSPECT`: removes what clientfit keeps of a prospect. */
export const forgetCommand = defineCommand(
  () =>
    new Command('forget')
      .description(
        "remove a prospect's records, outcomes and drafts for good (asks first on a terminal)",
      )
      .argument(
        '<prospect>',
        "a record id, an unambiguous id prefix, or the prospect's exact name (or its slug): " +
          'every record of theirs goes',
      )
      .option('--yes', 'remove without asking (for scripts; needed without a terminal)')
      .option('--dry-run', 'list what would be removed, and remove nothing')
      .addOption(storeOption())
      .addHelpText(
        'after',
        `
  Removes every record of the prospect (corrections included), the outcomes
  recorded for them, and the drafts of interviews with them, then lists what
  it removed. Without a terminal, --yes is needed (else exit 2). A draft in
  use by a running interview stops it first (exit 3); files it cannot
  remove, and folders that are symbolic links, are named (exit 3).

  Examples:
    clientfit forget "Northwind Bakery" --dry-run
    clientfit forget "Northwind Bakery" --yes`,
      ),
  async (prospect, flags, context) => {
    const options = { ...flags, prospect };
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
    const command = `${program} forget ${safe(shellWord(options.prospect))}${flag}`;
    let removing = false;
    try {
      if (options.dryRun === true) {
        io.stdout.write(describe(plan, false));
        if (plan.notFollowed.length > 0)
          throw notFollowedError(plan, 'Listed what forget would remove');
        return;
      }
      if (options.yes !== true) {
        if (!canPrompt(io))
          throw usageError(
            'forget removes records for good: without a terminal to ask on, it needs --yes',
            `check the list with \`${command} --dry-run\`, then add --yes`,
          );
        io.stderr.write(fileLines(plan));
        if (!(await confirmed(plan, context))) {
          io.stderr.write('Nothing was removed.\n');
          return;
        }
      }
      removing = true;
    } finally {
      // The drafts stay held until they are removed.
      if (!removing) for (const lock of plan.locks) lock.release();
    }
    await finish(plan, io, `${command} --yes`);
  },
);

/** Removes the plan's files and says what became of them: "Forgot …", or what was removed and what stays (exit 3). */
async function finish(plan: ForgetPlan, io: MainIO, again: string): Promise<void> {
  const { removed, failed } = await removeAll(plan, io, again);
  if (failed.length === 0 && plan.notFollowed.length === 0) {
    io.stdout.write(describe(plan, true));
    return;
  }
  io.stdout.write(
    `Removed ${plural(removed.size, 'file')} of ${who(plan)}:\n${fileLines(plan, removed)}`,
  );
  if (failed.length > 0)
    throw new UserError(
      `${plural(failed.length, 'file')} of ${who(plan)} could not be removed: ${failed.join(', ')}`,
      {
        exitCode: ExitCode.invalidInput,
        hint: `make them writable for you (check the folder permissions), then run \`${again}\` again`,
      },
    );
  throw notFollowedError(plan, `Removed ${plural(removed.size, 'file')}`);
}
