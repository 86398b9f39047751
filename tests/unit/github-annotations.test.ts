import { describe, expect, it } from 'vitest';
import { githubData, githubProperty } from '../../src/render/validate-report';

describe('GitHub workflow command escaping', () => {
  it.each([
    ['plain', 'plain', 'plain'],
    ['100%', '100%25', '100%25'],
    ['a\nb', 'a%0Ab', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['key: value, more', 'key: value, more', 'key%3A value%2C more'],
    ['%0A', '%250A', '%250A'],
    ['::error::forged', '::error::forged', '%3A%3Aerror%3A%3Aforged'],
  ])('%j → data %j, property %j', (input, data, property) => {
    expect(githubData(input)).toBe(data);
    expect(githubProperty(input)).toBe(property);
  });

  it('a message can never start a second command: no line break survives', () => {
    expect(githubData('first\n::error::second')).not.toMatch(/[\r\n]/);
  });
});
