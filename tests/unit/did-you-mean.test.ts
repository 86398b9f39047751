import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/core/did-you-mean';

describe('didYouMean', () => {
  const keys = ['prompt', 'help', 'options', 'required', 'when', 'type', 'id'];
  it.each([
    ['promt', keys, 'prompt'],
    ['optons', keys, 'options'],
    ['valeu', ['value', 'note'], 'value'],
    ['Prompt', keys, 'prompt'],
    ['requ', keys, 'required'],
    ['competiter', ['research', 'competitor', 'convenience'], 'competitor'],
    ['xyz', keys, undefined],
    ['colour', ['when', 'help'], undefined],
    ['', keys, undefined],
  ])('%s → %s', (input, candidates, expected) => {
    expect(didYouMean(input, candidates)).toBe(expected);
  });
});
