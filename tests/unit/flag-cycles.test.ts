import { describe, expect, it } from 'vitest';
import { flagCycles } from '../../src/core/bank/flag-cycles';
import type { Condition } from '../../src/core/bank/schema';

const flag = (id: string, when?: Condition) =>
  when === undefined ? { id, when: undefined } : { id, when };

describe('flagCycles', () => {
  const cases: [string, ReturnType<typeof flag>[], string[][]][] = [
    ['no conditions', [flag('a'), flag('b')], []],
    ['a chain is no cycle', [flag('a', { flag: 'b' }), flag('b', { flag: 'c' }), flag('c')], []],
    [
      'a flag on itself, inside not/any',
      [flag('a', { not: { any: [{ degree: 'first' }, { flag: 'a' }] } })],
      [['a', 'a']],
    ],
    [
      'two flags on each other',
      [
        flag('research-minded', { flag: 'owns-choices' }),
        flag('owns-choices', { flag: 'research-minded' }),
      ],
      [['research-minded', 'owns-choices', 'research-minded']],
    ],
    [
      'three in a ring, one reported from the first declared',
      [flag('c', { flag: 'a' }), flag('a', { flag: 'b' }), flag('b', { all: [{ flag: 'c' }] })],
      [['c', 'a', 'b', 'c']],
    ],
    [
      'two separate knots',
      [
        flag('a', { flag: 'b' }),
        flag('b', { flag: 'a' }),
        flag('c', { flag: 'c' }),
        flag('d', { flag: 'a' }),
      ],
      [
        ['a', 'b', 'a'],
        ['c', 'c'],
      ],
    ],
    ['an undeclared flag is left to unknown-flag', [flag('a', { flag: 'zz' })], []],
  ];
  it.each(cases)('%s', (_, flags, expected) => {
    expect(flagCycles(flags)).toEqual(expected);
  });

  it('2,000 flags each testing the next and the last testing the first: one cycle, found at once', () => {
    const n = 2000;
    const flags = Array.from({ length: n }, (_, i) =>
      flag(`f${i}`, { any: [{ flag: `f${(i + 1) % n}` }, { flag: `f${(i + 7) % n}` }] }),
    );
    const [cycle, ...rest] = flagCycles(flags);
    expect(rest).toEqual([]);
    expect(cycle?.[0]).toBe('f0');
    expect(cycle?.at(-1)).toBe('f0');
  });
});
