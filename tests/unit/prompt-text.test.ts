import { describe, expect, it } from 'vitest';
import { promptAnswer, promptChoice, promptMessage } from '../../src/interview/prompt-text';
import { displayWidth } from '../../src/render/wrap-text';

const question =
  'When something went wrong on a past project with another agency, how did they describe it, and who did they say was responsible for fixing it? (Enter to skip, < to go back)';
const label = 'Hopstead Brewing Co. explained that the competitor seems to do well with it, so theirs must work too';
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w !== '');

describe.each([60, 80, 120])('prompt text at %i columns', (columns) => {
  it('the message fits after the "? " mark, and every word is whole', () => {
    const shown = promptMessage(question, columns);
    const lines = shown.split('\n');
    expect(2 + displayWidth(lines[0] ?? '')).toBeLessThanOrEqual(columns);
    for (const line of lines.slice(1)) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    expect(words(shown)).toEqual(words(question));
    if (columns < 120) expect(lines.length).toBeGreaterThan(1);
  });

  it('a long answer goes under the message, wrapped; a short one stays on its last line', () => {
    const shown = promptMessage(question, columns);
    const answer = promptAnswer(shown, label, columns);
    const last = shown.split('\n').at(-1) ?? '';
    // As the prompt shows it: "✔ message answer".
    const screen = `✔ ${shown} ${answer}`.split('\n');
    for (const line of screen) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    expect(words(answer)).toEqual(words(label));
    expect(promptAnswer(shown, 'Yes', columns)).toBe(displayWidth(last) + 4 <= columns ? 'Yes' : '\n  Yes');
  });

  it('a long choice wraps under its first word, past the cursor', () => {
    const shown = promptChoice(label, columns, 3);
    const lines = `❯◯ ${shown}`.split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    for (const line of lines.slice(1)) expect(line.startsWith('   ')).toBe(true);
    expect(words(shown)).toEqual(words(label));
  });
});
