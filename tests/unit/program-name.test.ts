import { describe, expect, it } from 'vitest';
import { hintWords, programName } from '../../src/commands/program-name';
import { shellWord } from '../../src/core/text/shell-word';
import { withDefaultCommand } from '../../src/main';

describe('programName', () => {
  const bin = '/home/ann/clientfit/bin/clientfit.js';
  it.each<[string, Record<string, string>, string]>([
    ['a shell (installed on the PATH)', {}, 'clientfit'],
    [
      'npx clientfit (npm 7 and later)',
      {
        npm_command: 'exec',
        npm_lifecycle_event: 'npx',
        npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      },
      `node ${bin}`,
    ],
    ['npm exec clientfit', { npm_command: 'exec' }, `node ${bin}`],
    ['only the lifecycle event says npx', { npm_lifecycle_event: 'npx' }, `node ${bin}`],
    [
      'an npm script calling clientfit',
      { npm_command: 'run-script', npm_lifecycle_event: 'onboard' },
      'clientfit',
    ],
    ['npm test', { npm_command: 'test', npm_lifecycle_event: 'test' }, 'clientfit'],
  ])('%s: %j → %s', (_, env, expected) => {
    expect(programName(env, bin)).toBe(expected);
  });

  it('through npx, never `npx clientfit` (from any other folder npx asks the public registry); a path is quoted', () => {
    expect(programName({ npm_command: 'exec' })).toMatch(/^node \/\S+\/bin\/clientfit\.js$/);
    expect(
      programName({ npm_command: 'exec' }, '/home/ann/my tools/clientfit/bin/clientfit.js'),
    ).toBe("node '/home/ann/my tools/clientfit/bin/clientfit.js'");
  });
});

describe('shellWord', () => {
  it.each([
    ['20261130T141357Z-acme-ltd', '20261130T141357Z-acme-ltd'],
    ['/home/ann/records', '/home/ann/records'],
    ['/home/ann/team records', "'/home/ann/team records'"],
    ["/tmp/o'brien", "'/tmp/o'\\''brien'"],
    ['$HOME/x', "'$HOME/x'"],
    ['a;rm -rf b', "'a;rm -rf b'"],
    ['', "''"],
  ])('%j → %s', (word, expected) => {
    expect(shellWord(word)).toBe(expected);
  });
});

describe('hintWords', () => {
  it('carries --bank and --store only when given, absolute', () => {
    expect(hintWords({}, {}, '/work')).toEqual({
      program: 'clientfit',
      bankFlag: '',
      storeFlag: '',
    });
    expect(
      hintWords(
        { npm_command: 'exec' },
        { store: 'my records', bank: '../bank' },
        '/work/acme',
        '/opt/cf/bin/clientfit.js',
      ),
    ).toEqual({
      program: 'node /opt/cf/bin/clientfit.js',
      bankFlag: ' --bank /work/bank',
      storeFlag: " --store '/work/acme/my records'",
    });
  });
});

describe('withDefaultCommand', () => {
  it.each<[string[], string[]]>([
    [[], ['run']],
    [['--no-color'], ['--no-color', 'run']],
    [
      ['--prospect', 'Acme Ltd'],
      ['run', '--prospect', 'Acme Ltd'],
    ],
    [
      ['--color', '--answers', 'a.yaml', '--json'],
      ['--color', 'run', '--answers', 'a.yaml', '--json'],
    ],
    [['--answers=a.yaml'], ['run', '--answers=a.yaml']],
    [['--bogus'], ['run', '--bogus']],
    [
      ['history', '--json'],
      ['history', '--json'],
    ],
    [['--help'], ['--help']],
    [['-V'], ['-V']],
    [
      ['--no-color', 'help', 'run'],
      ['--no-color', 'help', 'run'],
    ],
    [['typo'], ['typo']],
  ])('%j → %j', (argv, expected) => {
    expect(withDefaultCommand(argv)).toEqual(expected);
  });
});
