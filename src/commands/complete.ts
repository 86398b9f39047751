import type { CommandUnknownOpts, Option } from '@commander-js/extra-typings';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Bank } from '../core/bank/bank';
import { unknownAnswer } from '../core/bank/schema';
import { draftsDir } from '../io/drafts';
import { loadBank } from '../io/load-bank';
import { readRecord } from '../io/read-record';
import { recordFiles } from '../io/record-files';
import { recordPart } from '../core/records/record';
import { slugify } from '../core/text/slug';
import { safe } from '../render/terminal-safe';
import type { CommandContext } from './context';

/** What the shell should offer for the word under the cursor. */
export type Completion =
  | {
      readonly kind: 'words';
      readonly words: readonly { readonly value: string; readonly description?: string }[];
    }
  | { readonly kind: 'files' };

/** Where the dynamic values come from; each is asked only when the word needs it. */
export interface CompletionSources {
  /** The ids of the saved drafts. */
  readonly drafts: () => Promise<readonly string[]>;
  /**
   * The ids of the records in the store (`--store` from the command line when
   * given), and their prospects' names as `show` also takes them (slugs, so
   * they hold no space for the shell to split).
   */
  readonly records: (
    storeFlag: string | undefined,
  ) => readonly (string | { readonly value: string; readonly description?: string })[];
  /** The bank in use (`--bank` from the command line when given). */
  readonly bank: (bankFlag: string | undefined) => Bank | undefined;
}

const files: Completion = { kind: 'files' };
const words = (
  list: readonly (string | { value: string; description?: string })[],
  prefix: string,
): Completion => ({
  kind: 'words',
  words: list
    .map((w) => (typeof w === 'string' ? { value: w } : w))
    .filter((w) => w.value.startsWith(prefix)),
});

/**
 * The name a flag's or argument's value goes by: `--store <dir>` → dir,
 * `<record>` → record, `[paths...]` → paths.
 */
function placeholder(text: string): string {
  return /[<[]([^>\]]*?)(\.\.\.)?[>\]]/.exec(text)?.[1] ?? '';
}
const pathNames = new Set(['file', 'path', 'dir', 'paths']);

/** The value a flag was given earlier on the line (the last one wins). */
function flagValue(args: readonly string[], flag: string): string | undefined {
  let value: string | undefined;
  args.forEach((word, i) => {
    if (word === flag && i + 1 < args.length) value = args[i + 1];
    else if (word.startsWith(`${flag}=`)) value = word.slice(flag.length + 1);
  });
  return value;
}

/**
 * `--answer` values: first `id=` for every question, then `id=value` for the
 * answers that question takes.
 */
function answerWords(bank: Bank | undefined, current: string): Completion {
  if (bank === undefined) return words([], current);
  const equals = current.indexOf('=');
  if (equals < 0)
    return words(
      bank.questions.map((q) => ({ value: `${q.id}=`, description: q.prompt })),
      current,
    );
  const question = bank.questions.find((q) => q.id === current.slice(0, equals));
  if (question === undefined || question.type === 'text') return words([], current);
  const scale = question.type === 'scale' ? question.scale : undefined;
  const values =
    scale !== undefined
      ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => ({
          value: String(scale.min + i),
        }))
      : question.choices.map((c) => ({ value: c.value, description: c.label }));
  return words(
    [...values, { value: unknownAnswer, description: "didn't come up" }].map((v) => ({
      ...v,
      value: `${question.id}=${v.value}`,
    })),
    current,
  );
}

/**
 * The value of a flag: drafts, answers, choices, files, or nothing to offer
 * (free text such as a name or a date).
 */
async function flagValueWords(
  option: Option,
  args: readonly string[],
  current: string,
  sources: CompletionSources,
): Promise<Completion> {
  if (option.long === '--resume' || option.long === '--discard')
    return words(await sources.drafts(), current);
  if (option.long === '--edit') return words(sources.records(flagValue(args, '--store')), current);
  if (option.long === '--answer')
    return answerWords(sources.bank(flagValue(args, '--bank')), current);
  if (option.argChoices !== undefined) return words(option.argChoices, current);
  return pathNames.has(placeholder(option.flags)) ? files : words([], current);
}

/**
 * Which positional argument the word under the cursor is (the words after the
 * command, less flags and their values).
 */
function positionalIndex(command: CommandUnknownOpts, args: readonly string[]): number {
  let index = 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (!word.startsWith('-')) {
      index++;
      continue;
    }
    const option = command.options.find((o) => o.long === word || o.short === word);
    const next = args[i + 1];
    if (
      option?.required === true ||
      (option?.optional === true && next !== undefined && !next.startsWith('-'))
    )
      i++;
  }
  return index;
}

/**
 * What to offer for the last word of a command line (`line` as typed up to
 * the cursor, starting with the program's name): commands, flags, the
 * choices of a flag or argument, draft ids after --resume and --discard,
 * question ids and then `id=value` after --answer, record ids and prospect
 * names (as slugs) for show and forget and after --edit, or
 * file names where a path is expected. Pure apart from the sources it asks.
 */
export async function completeLine(
  program: CommandUnknownOpts,
  line: string,
  sources: CompletionSources,
): Promise<Completion> {
  const all = line.split(/\s+/);
  const current = all[all.length - 1] ?? '';
  const before = all.slice(1, -1);
  const commandAt = before.findIndex((w) => !w.startsWith('-'));
  const commands = program.commands.map((c) => ({ value: c.name(), description: c.description() }));
  if (commandAt < 0) {
    if (current.startsWith('-'))
      return words(['--help', '--version', '--color', '--no-color'], current);
    return words([...commands, { value: 'help', description: 'every flag of a command' }], current);
  }
  const name = before[commandAt] ?? '';
  const args = before.slice(commandAt + 1);
  if (name === 'help') return args.length === 0 ? words(commands, current) : words([], current);
  const command = program.commands.find((c) => c.name() === name);
  if (command === undefined) return words([], current);

  const previous = args[args.length - 1];
  const valued = command.options.find((o) => o.long === previous && (o.required || o.optional));
  // An optional value (--resume [draft]) gives way to flags.
  if (valued !== undefined && !(valued.optional && current.startsWith('-')))
    return flagValueWords(valued, args, current, sources);
  if (current.startsWith('-'))
    return words(
      [
        ...command.options
          .filter((o) => o.long !== undefined && !o.hidden)
          .map((o) => ({ value: o.long ?? '', description: o.description })),
        '--help',
      ],
      current,
    );

  // The argument the word fills; the last takes the rest when it is variadic (validate's paths).
  const index = positionalIndex(command, args);
  const declared = command.registeredArguments;
  const argument =
    declared[index] ??
    (declared[declared.length - 1]?.variadic === true ? declared[declared.length - 1] : undefined);
  if (argument === undefined) return words([], current);
  if (argument.argChoices !== undefined) return words(argument.argChoices, current);
  if (argument.name() === 'record' || argument.name() === 'prospect')
    return words(sources.records(flagValue(args, '--store')), current);
  return pathNames.has(argument.name()) ? files : words([], current);
}

/** How many records completion reads the names of, newest first: enough for a Tab, fast anyway. */
const namesRead = 2000;

/** What reading a record's prospect needs. */
const named = recordPart([], ['prospect']);

/** The store's record ids, newest first, then the prospects of the newest records, as slugs. */
function recordsAndNames(store: string): { value: string; description?: string }[] {
  const names = recordFiles(store).reverse();
  const slugs = new Map<string, string>();
  for (const name of names.slice(0, namesRead)) {
    const entry = readRecord(store, name, named);
    const prospect = entry.ok ? entry.record.report.prospect : null;
    const slug = prospect === null ? '' : slugify(prospect);
    if (slug !== '' && !slugs.has(slug))
      slugs.set(slug, `${prospect ?? ''}, the latest assessment`);
  }
  return [
    ...names.map((n) => ({ value: n.slice(0, -'.json'.length) })),
    ...[...slugs].map(([value, description]) => ({ value, description })),
  ];
}

/** The name of the hidden command the completion scripts call: `clientfit __complete LINE`. */
export const completeCommandName = '__complete';

/**
 * The answer to `clientfit __complete LINE`, for a completion script to read:
 * `:files` alone when the shell should offer file names, else one candidate
 * a line, its description (if any) after the first space. Values with a
 * space or anything a terminal would act on are left out; descriptions are
 * made one safe line.
 */
export function completionText(completion: Completion): string {
  if (completion.kind === 'files') return ':files\n';
  const lines = completion.words
    .filter(
      (w) =>
        w.value !== '' &&
        !/\s/.test(w.value) &&
        safe(w.value) === w.value &&
        !w.value.startsWith(':'),
    )
    .map((w) => {
      const about =
        w.description === undefined ? '' : safe(w.description.replace(/\s+/g, ' ')).trim();
      return about === ''
        ? w.value
        : `${w.value} ${about.length > 70 ? `${about.slice(0, 69)}…` : about}`;
    });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The draft ids in the drafts folder, newest first; none when it cannot be read. */
function draftIds(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .map((n) => n.slice(0, -'.json'.length))
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

/**
 * `clientfit __complete LINE`: writes what to offer for LINE's last word.
 * It reads the drafts folder, the store and the bank in use, and writes
 * nothing else anywhere.
 * Any failure (a bank that does not load, an unreadable store) means
 * nothing to offer: the caller swallows every error, so the shell never
 * sees a message.
 */
export async function writeCompletions(
  program: CommandUnknownOpts,
  context: CommandContext,
  line: string,
): Promise<void> {
  const { io } = context;
  const completion = await completeLine(program, line, {
    drafts: () => Promise.resolve(draftIds(draftsDir(io.env))),
    records: (store) => {
      const settings = context.settingsFor({ store });
      return recordsAndNames(resolve(io.cwd, settings.store.value));
    },
    bank: (bank) => {
      const settings = context.settingsFor({ bank });
      const loaded = loadBank(settings.bank.value, io.cwd, { examples: false });
      return loaded.bank;
    },
  });
  io.stdout.write(completionText(completion));
}
