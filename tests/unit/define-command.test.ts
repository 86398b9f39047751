import { Command, CommanderError } from '@commander-js/extra-typings';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context';
import {
  choiceArgument,
  choiceOption,
  defineCommand,
  refuseTogether,
  repeatableOption,
  type OptionsOf,
} from '../../src/commands/define-command';

// argv → options: what an action receives from commander, for every kind of
// flag and argument a command can declare.

/** A command with one flag or argument of each kind. */
function declareProbe() {
  const probe = new Command('probe')
    .description('a command that keeps what it is given')
    .argument('<record>', 'required')
    .argument('[paths...]', 'any number')
    .addOption(repeatableOption('--answer <id=value>', 'repeatable'))
    .option('--allow-partial', 'a switch with a two-word name')
    .addOption(
      choiceOption('--format <format>', 'with choices and a default', ['yaml', 'json']).default(
        'yaml',
      ),
    )
    .option('--resume [draft]', 'an optional value')
    .option('--no-save', 'a negated switch')
    .option('--output <file>', 'a file, or "-" for standard output')
    .option('--outcome <value>', 'a value')
    .option('--no-outcome', 'its negation');
  return refuseTogether(probe, '--no-outcome', '--outcome');
}

interface Parsed {
  readonly received: Record<string, unknown>;
  readonly stderr: string;
}

async function parseWith(
  declare: () => Command<unknown[], Record<string, unknown>>,
  argv: string[],
): Promise<Parsed> {
  let received: Record<string, unknown> = {};
  let stderr = '';
  const probe = defineCommand(declare, (...values) => {
    received = { values };
  });
  const program = new Command('clientfit')
    .exitOverride()
    .configureOutput({ writeErr: (s) => (stderr += s), writeOut: () => undefined });
  program.addCommand(probe({} as CommandContext).copyInheritedSettings(program));
  try {
    await program.parseAsync(['probe', ...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) throw Object.assign(error, { stderr });
    throw error;
  }
  return { received, stderr };
}

/** The arguments by name and the options, as the probe's action received them. */
async function parse(argv: string[]): Promise<Record<string, unknown>> {
  const { received } = await parseWith(declareProbe, argv);
  const [record, paths, options] = received.values as [unknown, unknown, object];
  return { record, paths, ...options };
}

describe('defineCommand', () => {
  it.each<[string[], Record<string, unknown>]>([
    [['r1'], { record: 'r1', paths: [], format: 'yaml', save: true }],
    [['r1', 'a', 'b'], { record: 'r1', paths: ['a', 'b'], format: 'yaml', save: true }],
    [
      ['r1', '--answer', 'x=1', '--answer', 'y=2'],
      { record: 'r1', paths: [], answer: ['x=1', 'y=2'], format: 'yaml', save: true },
    ],
    [
      ['r1', '--allow-partial', '--no-save', '--format', 'json'],
      { record: 'r1', paths: [], allowPartial: true, format: 'json', save: false },
    ],
    [['r1', '--resume'], { record: 'r1', paths: [], resume: true, format: 'yaml', save: true }],
    [
      ['r1', '--resume', 'd1'],
      { record: 'r1', paths: [], resume: 'd1', format: 'yaml', save: true },
    ],
    [['r1', '--output', '-'], { record: 'r1', paths: [], format: 'yaml', save: true }],
    [
      ['r1', '--output', 'out.txt'],
      { record: 'r1', paths: [], output: 'out.txt', format: 'yaml', save: true },
    ],
    [
      ['r1', '--no-outcome'],
      { record: 'r1', paths: [], outcome: false, format: 'yaml', save: true },
    ],
  ])('clientfit probe %j gives %j', async (argv, expected) => {
    expect(await parse(argv)).toEqual(expected);
  });

  it('passes the context to the action after the options', async () => {
    const { received } = await parseWith(() => new Command('probe').argument('<x>', 'x'), ['1']);
    expect(received.values).toEqual(['1', {}, {}]);
  });

  it('collects 20,000 values of a repeatable flag, all of them, in order', async () => {
    const values = Array.from({ length: 20_000 }, (_, i) => `q${i}=a`);
    const options = await parse(['r1', ...values.flatMap((v) => ['--answer', v])]);
    expect(options.answer).toEqual(values);
  });

  it.each([[['r1', '--format', 'xml']], [[]], [['r1', '--unknown']]])(
    'clientfit probe %j is a usage error',
    async (argv) => {
      await expect(parse(argv)).rejects.toBeInstanceOf(CommanderError);
    },
  );

  it.each([
    [['r1', '--format', 'jsn'], 'Allowed choices are yaml, json. Did you mean "json"?'],
    [['r1', '--format', 'xml'], 'Allowed choices are yaml, json.\n'],
  ])('clientfit probe %j names the choices (exit 2)', async (argv, message) => {
    const error: unknown = await parse(argv).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommanderError);
    expect((error as CommanderError).code).toBe('commander.invalidArgument');
    expect((error as { stderr: string }).stderr).toContain(message);
  });

  it('refuses an argument outside its choices, with the closest one', async () => {
    const declare = () =>
      new Command('probe').addArgument(choiceArgument('<shell>', 'the shell', ['bash', 'zsh']));
    const error: unknown = await parseWith(declare, ['bsh']).catch((e: unknown) => e);
    expect((error as { stderr: string }).stderr).toContain(
      'Allowed choices are bash, zsh. Did you mean "bash"?',
    );
  });

  it.each([[['r1', '--outcome', 'x', '--no-outcome']], [['r1', '--no-outcome', '--outcome', 'x']]])(
    'clientfit probe %j: both of two refused flags is a usage error (exit 2)',
    async (argv) => {
      const error: unknown = await parse(argv).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CommanderError);
      expect((error as CommanderError).exitCode).toBe(2);
      expect((error as { stderr: string }).stderr).toContain(
        "option '--no-outcome' cannot be used with option '--outcome'",
      );
    },
  );

  it('types the options of the helpers from their flags (checked by tsc)', () => {
    expectTypeOf<OptionsOf<ReturnType<typeof declareProbe>>>().toEqualTypeOf<{
      answer?: string[];
      allowPartial?: true;
      format: 'yaml' | 'json';
      resume?: string | true;
      save: boolean;
      output?: string;
      outcome?: string | false;
    }>();
  });
});
