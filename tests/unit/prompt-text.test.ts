import { describe, expect, it } from 'vitest';
import {
  promptAnswer,
  promptChoice,
  promptDescription,
  promptHelp,
  promptMessage,
} from '../../src/interview/prompt-text';
import { displayWidth } from '../../src/render/wrap-text';

const question =
  'When something went wrong on a past project with another agency, how did they describe it, and who did they say was responsible for fixing it? (Enter to skip, < to go back)';
const label =
  'Hopstead Brewing Co. explained that the competitor seems to do well with it, so theirs must work too';
// The shipped fit question's help: at 60 columns it used to break as `how\never well`, `agen\ncy`.
const help =
  'The right client values what we offer and how we offer it. Listen for whether they name our thinking, our craft, or however well we run an agency, and whether that is what they are buying.\nA second paragraph stays a paragraph.';
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
    expect(promptAnswer(shown, 'Yes', columns)).toBe(
      displayWidth(last) + 4 <= columns ? 'Yes' : '\n  Yes',
    );
  });

  it('a long choice wraps under its first word, past the cursor', () => {
    const shown = promptChoice(label, columns, 3);
    const lines = `❯◯ ${shown}`.split('\n');
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    for (const line of lines.slice(1)) expect(line.startsWith('   ')).toBe(true);
    expect(words(shown)).toEqual(words(label));
  });

  it("a question's help fits the terminal, indented, with every word whole and its line breaks kept", () => {
    const shown = promptHelp(help, columns);
    const lines = shown.split('\n');
    for (const line of lines) {
      expect(displayWidth(line)).toBeLessThanOrEqual(Math.min(columns, 74));
      expect(line.startsWith('  ')).toBe(true);
    }
    expect(words(shown)).toEqual(words(help));
    expect(lines.at(-1)).toBe('  A second paragraph stays a paragraph.');
    if (columns === 60) expect(lines.length).toBeGreaterThan(3);
  });

  it("a choice's description fits the terminal, every word whole", () => {
    const description =
      'Counts as no evidence and lowers the confidence, instead of guessing about the agency.';
    const shown = promptDescription(description, columns);
    for (const line of shown.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    expect(words(shown)).toEqual(words(description));
    expect(shown.includes('\n')).toBe(columns < displayWidth(description));
  });
});
