import { Command, CommanderError } from 'commander';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CommandContext } from '../../src/commands/context';
import { addCommand, defineCommand, type CommandOptions } from '../../src/commands/define-command';

// argv → options: what an action receives from commander, for every kind of
// flag and argument a command can declare.

function parse(argv: string[]): Promise<Record<string, unknown>> {
  let received: Record<string, unknown> | undefined;
  const probe = defineCommand({
    name: 'probe',
    description: 'a command that keeps what it is given',
    arguments: [
      { name: '<record>', description: 'required' },
      { name: '[paths...]', description: 'any number' },
    ],
    flags: [
      { flags: '--answer <id=value>', description: 'repeatable', repeatable: true },
      { flags: '--allow-partial', description: 'a switch with a two-word name' },
      {
        flags: '--format <format>',
        description: 'with choices and a default',
        choices: ['yaml', 'json'],
        default: 'yaml',
      },
      { flags: '--resume [draft]', description: 'an optional value' },
      { flags: '--no-save', description: 'a negated switch' },
    ],
    action: (options) => {
      received = { ...options };
      return Promise.resolve();
    },
  });
  const program = new Command('clientfit')
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  addCommand(program, probe, {} as CommandContext);
  return program.parseAsync(['probe', ...argv], { from: 'user' }).then(() => received ?? {});
}

describe('addCommand', () => {
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
  ])('clientfit probe %j gives %j', async (argv, expected) => {
    expect(await parse(argv)).toEqual(expected);
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
});

describe('CommandOptions', () => {
  it('types each option from its flag or argument (checked by tsc)', () => {
    type Flags = readonly [
      { flags: '--answer <id=value>'; description: ''; repeatable: true },
      { flags: '--allow-partial'; description: '' },
      {
        flags: '--format <format>';
        description: '';
        choices: readonly ['yaml', 'json'];
        default: 'yaml';
      },
      { flags: '--resume [draft]'; description: '' },
      { flags: '--no-save'; description: '' },
      { flags: '--store <dir>'; description: '' },
    ];
    type Args = readonly [
      { name: '<record>'; description: '' },
      { name: '[paths...]'; description: '' },
      { name: '[dir]'; description: ''; default: 'x' },
      { name: '<shell>'; description: ''; choices: readonly ['bash', 'zsh'] },
    ];
    expectTypeOf<CommandOptions<Flags, Args>>().toEqualTypeOf<
      {
        answer?: string[];
        allowPartial?: boolean;
        resume?: string | true;
        store?: string;
      } & { format: 'yaml' | 'json'; save: boolean } & {
        record: string;
        paths: string[];
        dir: string;
        shell: 'bash' | 'zsh';
      }
    >();
  });
});
