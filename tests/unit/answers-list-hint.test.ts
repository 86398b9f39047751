import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../src/core/judgement/read-answer';
import { shippedBank } from '../helpers/examples';

const bank = shippedBank();
const valued = bank.questions.find((q) => q.id === 'valued');
if (valued === undefined) throw new Error('the shipped bank asks "valued"');

describe('a list written as one piece of text', () => {
  it.each(['price, speed', 'price,speed', 'price; speed'])(
    '%j is refused with the list syntax in the hint',
    (text) => {
      const read = readAnswer(valued, text);
      expect(read).toMatchObject({
        code: 'invalid-answer',
        message: `"valued" takes a list, and "${text}" is one piece of text`,
      });
      expect('hint' in read ? read.hint : '').toContain('valued: [price, speed]');
    },
  );

  it('a list in brackets is read, in bank order', () => {
    expect(readAnswer(valued, ['price', 'speed'])).toEqual({ value: ['speed', 'price'] });
  });

  it('text with a comma that names no options gets the ordinary message', () => {
    expect(readAnswer(valued, 'cheap, fast')).toMatchObject({
      message: expect.stringContaining('is not an answer to "valued"') as unknown,
    });
  });
});
