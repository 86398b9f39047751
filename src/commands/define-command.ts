import {
  Argument,
  InvalidArgumentError,
  Option,
  type Command,
  type CommandUnknownOpts,
  type OptionValues,
} from '@commander-js/extra-typings';
import { didYouMean } from '../core/diagnostics/did-you-mean';
import type { CommandContext } from './context';

/** A command, ready to register: builds its commander command, its action bound to `context`. */
export type CommandDefinition = (context: CommandContext) => CommandUnknownOpts;

/** The options a command built by `declare` gives its action, as commander types them. */
export type OptionsOf<C> = C extends Command<unknown[], infer Opts, OptionValues> ? Opts : never;

/**
 * Declares a command: `declare` builds its name, description, arguments,
 * flags and help with commander (which types them); the action receives the
 * arguments, then the options, then the context, as commander gives them.
 * A fresh command is built for each program, so no parse sees another's values.
 */
export function defineCommand<
  Args extends unknown[],
  Opts extends OptionValues,
  Global extends OptionValues,
>(
  declare: () => Command<Args, Opts, Global>,
  action: (...received: [...Args, Opts, CommandContext]) => void | Promise<void>,
): CommandDefinition {
  return (context) => {
    const command = declare();
    return command.action(async (...received) => {
      // Commander passes the arguments, then the options, then the command itself.
      const args = received.slice(0, command.registeredArguments.length) as Args;
      const options = { ...command.opts() };
      // `--output -` is standard output, as without --output (the usual meaning of "-"),
      // never a file named "-".
      if ('output' in options && options.output === '-') delete options.output;
      await action(...args, options, context);
    });
  };
}

/** A flag that takes only `choices`: anything else is refused (exit 2), the closest suggested. */
export function choiceOption<const Usage extends string, const C extends string>(
  flags: Usage,
  description: string,
  choices: readonly C[],
) {
  return new Option(flags, description).choices(choices).argParser(oneOf(choices));
}

/** An argument that takes only `choices`, refused as a flag's are. */
export function choiceArgument<const Usage extends string, const C extends string>(
  name: Usage,
  description: string,
  choices: readonly C[],
) {
  return new Argument(name, description).choices(choices).argParser(oneOf(choices));
}

/** A flag that may be given more than once: its values are collected in order. */
export function repeatableOption<const Usage extends string>(flags: Usage, description: string) {
  return new Option(flags, description).argParser<string[]>(collect);
}

/**
 * Collects every value of a repeatable flag, in order, in one list made for
 * this parse (appending, not copying: 30,000 flags stay linear).
 */
function collect(value: string, previous: string[] | undefined): string[] {
  if (previous === undefined) return [value];
  previous.push(value);
  return previous;
}

/** Commander's check of a value against the flag's choices, with the closest one suggested. */
function oneOf<const C extends string>(choices: readonly C[]): (value: string) => C {
  return (value) => {
    const chosen = choices.find((c) => c === value);
    if (chosen !== undefined) return chosen;
    const close = didYouMean(value, choices);
    const suggestion = close === undefined ? '' : ` Did you mean "${close}"?`;
    throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')}.${suggestion}`);
  };
}

/**
 * Makes two flags a usage error together. Commander's own `.conflicts()`
 * cannot tell `--outcome` from `--no-outcome` (they set one value), so each
 * flag is noticed as it is parsed.
 */
export function refuseTogether<C extends CommandUnknownOpts>(
  command: C,
  flags: `--${string}`,
  other: `--${string}`,
): C {
  const seen = new Set<string>();
  for (const flag of [flags, other])
    command.on(`option:${flag.slice(2)}`, () => {
      seen.add(flag);
      if (seen.size === 2)
        command.error(`error: option '${flags}' cannot be used with option '${other}'`, {
          code: 'commander.conflictingOption',
          exitCode: 2,
        });
    });
  return command;
}
