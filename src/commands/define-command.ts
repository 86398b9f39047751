import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import { didYouMean } from '../core/diagnostics/did-you-mean';
import type { CommandContext } from './context';

/** A flag in commander's syntax: `--json`, `--store <dir>`, `--resume [draft]`, `--no-save`. */
export interface FlagSpec {
  readonly flags: `--${string}`;
  readonly description: string;
  /** The only values the flag accepts (commander refuses others, exit 2). */
  readonly choices?: readonly string[];
  readonly default?: string;
  /** The flag may be given more than once: its values are collected in order. */
  readonly repeatable?: true;
  /**
   * A flag that cannot be given with this one (`--outcome` for `--no-outcome`):
   * both given is a usage error, rather than the last one silently winning.
   */
  readonly conflicts?: `--${string}`;
}

/** A positional argument in commander's syntax: `<record>`, `[dir]`, `[paths...]`. */
export interface ArgumentSpec {
  readonly name: `<${string}>` | `[${string}]`;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly default?: string;
}

// The options object an action receives, worked out from its flags and
// arguments as commander fills it: `--allow-partial` is `allowPartial`,
// `--no-save` is `save` (always set), `<x>` is a string, `[x]` a string or
// `true`, a flag with choices one of them, `[x...]` a list.
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<Camel<Tail>>}`
  : S;
type LongName<F extends string> = F extends `--${infer Name} ${string}`
  ? Name
  : F extends `--${infer Name}`
    ? Name
    : never;
type FlagKey<F extends string> =
  LongName<F> extends `no-${infer Name}` ? Camel<Name> : Camel<LongName<F>>;
type FlagValue<S extends FlagSpec> = S['flags'] extends `${string}<${string}>`
  ? S extends { repeatable: true }
    ? string[]
    : S extends { choices: readonly (infer C)[] }
      ? C
      : string
  : S['flags'] extends `${string}[${string}]`
    ? string | true
    : boolean;
// `--outcome <v>` beside `--no-outcome`: commander leaves the key unset unless
// one is given, so it is optional, and `false` when the negation is given.
type ValueKeys<T extends readonly FlagSpec[]> = FlagKey<
  Exclude<T[number], { flags: `--no-${string}` }>['flags']
>;
type Paired<S extends FlagSpec, T extends readonly FlagSpec[]> = S['flags'] extends `--no-${string}`
  ? FlagKey<S['flags']> extends ValueKeys<T>
    ? true
    : false
  : false;
type FlagAlwaysSet<S extends FlagSpec, T extends readonly FlagSpec[]> =
  Paired<S, T> extends true
    ? false
    : S['flags'] extends `--no-${string}`
      ? true
      : S extends { default: string }
        ? true
        : false;
type FlagValues<T extends readonly FlagSpec[]> = {
  [S in T[number] as FlagAlwaysSet<S, T> extends true ? FlagKey<S['flags']> : never]: FlagValue<S>;
} & {
  [S in T[number] as FlagAlwaysSet<S, T> extends true ? never : FlagKey<S['flags']>]?: Paired<
    S,
    T
  > extends true
    ? false
    : FlagValue<S>;
};

type ArgKey<N extends string> = N extends `${'<' | '['}${infer Name}${'>' | ']'}`
  ? Name extends `${infer Base}...`
    ? Camel<Base>
    : Camel<Name>
  : never;
type ArgValue<S extends ArgumentSpec> = S['name'] extends `${string}...${string}`
  ? string[]
  : S extends { choices: readonly (infer C)[] }
    ? C
    : S['name'] extends `<${string}`
      ? string
      : S extends { default: string }
        ? string
        : string | undefined;
type ArgValues<T extends readonly ArgumentSpec[]> = {
  [S in T[number] as ArgKey<S['name']>]: ArgValue<S>;
};

/** What an action receives: its flags and arguments by name. */
export type CommandOptions<
  F extends readonly FlagSpec[],
  A extends readonly ArgumentSpec[],
> = FlagValues<F> & ArgValues<A>;

/** A command as it is written in commands/<name>.ts: its name, help, flags, arguments and action, together. */
export interface CommandSpec<F extends readonly FlagSpec[], A extends readonly ArgumentSpec[]> {
  readonly name: string;
  /** One line, for `clientfit --help` and the completion scripts. */
  readonly description: string;
  readonly arguments?: A;
  readonly flags?: F;
  /** Shown after the flags in `clientfit help <name>`. */
  readonly help?: string;
  readonly action: (options: CommandOptions<F, A>, context: CommandContext) => void | Promise<void>;
}

/** A command, ready to register: the same fields, with its action taking what commander parsed. */
export interface CommandDefinition {
  readonly name: string;
  readonly description: string;
  readonly arguments: readonly ArgumentSpec[];
  readonly flags: readonly FlagSpec[];
  readonly help: string | undefined;
  readonly action: (
    options: Record<string, unknown>,
    context: CommandContext,
  ) => void | Promise<void>;
}

/** Declares a command; the action's options are typed from its flags and arguments. */
export function defineCommand<
  const F extends readonly FlagSpec[] = [],
  const A extends readonly ArgumentSpec[] = [],
>(spec: CommandSpec<F, A>): CommandDefinition {
  return {
    name: spec.name,
    description: spec.description,
    arguments: spec.arguments ?? [],
    flags: spec.flags ?? [],
    help: spec.help,
    // The options come from commander, set up from these very flags and arguments.
    action: (options, context) => spec.action(options as CommandOptions<F, A>, context),
  };
}

/**
 * Collects every value of a repeatable flag, in order, in one list made for
 * this parse (appending, not copying: 30,000 flags stay linear). A default
 * from the flag's spec is never appended to.
 */
function collector(
  defaultValue: unknown,
): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    if (previous === undefined || previous === defaultValue) return [...(previous ?? []), value];
    previous.push(value);
    return previous;
  };
}

/** Adds a command to the program: its flags, arguments and help, and an action that runs it with `context`. */
export function addCommand(
  program: Command,
  definition: CommandDefinition,
  context: CommandContext,
): void {
  const command = program.command(definition.name).description(definition.description);
  for (const spec of definition.arguments) {
    const argument = new Argument(spec.name, spec.description);
    if (spec.choices !== undefined) argument.choices(spec.choices).argParser(oneOf(spec.choices));
    if (spec.default !== undefined) argument.default(spec.default);
    command.addArgument(argument);
  }
  for (const spec of definition.flags) {
    const option = new Option(spec.flags, spec.description);
    if (spec.choices !== undefined) option.choices(spec.choices).argParser(oneOf(spec.choices));
    if (spec.default !== undefined) option.default(spec.default);
    if (spec.repeatable === true) option.argParser(collector(spec.default));
    command.addOption(option);
    if (spec.conflicts !== undefined) refuseTogether(command, spec.flags, spec.conflicts);
  }
  if (definition.help !== undefined) command.addHelpText('after', definition.help);
  command.action(async (...received: unknown[]) => {
    const options: Record<string, unknown> = { ...command.opts() };
    // `--output -` is standard output, as without --output (the usual meaning of "-"), never a file named "-".
    if (options.output === '-') delete options.output;
    definition.arguments.forEach((spec, i) => {
      options[argumentKey(spec.name)] = received[i];
    });
    await definition.action(options, context);
  });
}

/** Commander's check of a value against the flag's choices, with the closest one suggested. */
function oneOf(choices: readonly string[]): (value: string) => string {
  return (value) => {
    if (choices.includes(value)) return value;
    const close = didYouMean(value, choices);
    throw new InvalidArgumentError(
      `Allowed choices are ${choices.join(', ')}.${close === undefined ? '' : ` Did you mean "${close}"?`}`,
    );
  };
}

/**
 * Makes two flags a usage error together. Commander's own `.conflicts()`
 * cannot tell `--outcome` from `--no-outcome` (they set one value), so each
 * flag is noticed as it is parsed.
 */
function refuseTogether(command: Command, flags: string, other: string): void {
  const name = (f: string): string => (/^--([\w-]+)/.exec(f)?.[1] ?? f).replace(/^--/, '');
  const seen = new Set<string>();
  for (const flag of [name(flags), name(other)])
    command.on(`option:${flag}`, () => {
      seen.add(flag);
      if (seen.size === 2)
        command.error(
          `error: option '--${name(flags)}' cannot be used with option '--${name(other)}'`,
          { code: 'commander.conflictingOption', exitCode: 2 },
        );
    });
}

/** `[paths...]` → `paths`, `<record>` → `record`. */
function argumentKey(name: string): string {
  return name
    .replace(/^[<[]|(\.\.\.)?[>\]]$/g, '')
    .replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}
