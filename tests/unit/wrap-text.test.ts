import { stripVTControlCharacters } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { colorStyle, plainStyle } from '../../src/render/style';
import { terminalText } from '../../src/render/terminal-safe';
import { displayWidth, wrapText } from '../../src/render/wrap-text';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['plain text', 10],
    ['日本語', 6], // wide
    ['ｈｉ', 4], // fullwidth
    ['한국어', 6],
    ['e\u0301te\u0301', 3], // combining acute accents take no column
    ['\u0301', 0],
    ['👍', 2],
    ['🇳🇴', 2], // a flag: two regional indicators, one picture
    ['1\uFE0F\u20E3', 2], // keycap
    ['👍\u{1F3FD}', 2], // a skin tone is part of the emoji before it
    ['☺', 1], // text presentation by default
    ['☺\uFE0F', 2], // emoji presentation asked for
    ['—“”…', 4],
    ['\\u{202E}', 8], // a sanitised bidi override is printed as these eight characters
  ])('%j takes %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });

  it('counts colour marks as nothing', () => {
    const style = colorStyle();
    expect(displayWidth(style.bold(style.red('abc')))).toBe(3);
    expect(displayWidth(plainStyle.bold('abc'))).toBe(3);
  });
});

describe('wrapText', () => {
  it.each([
    ['short', 20, '• ', '  ', ['• short']],
    ['one two three four five', 10, '', '', ['one two', 'three four', 'five']],
    ['one two three four five', 11, '• ', '  ', ['• one two', '  three', '  four five']],
    // A word longer than the line stands alone and runs over; it is never cut.
    [
      'see https://example.com/a/very/long/path/to/somewhere now',
      20,
      '',
      '  ',
      ['see', '  https://example.com/a/very/long/path/to/somewhere', '  now'],
    ],
    // Line breaks in the text are kept, and hang like wrapped lines.
    ['first line\nsecond line', 40, '> ', '  ', ['> first line', '  second line']],
    // Wide characters count two columns each.
    ['日本語 日本語 日本語', 14, '', '', ['日本語 日本語', '日本語']],
    ['a   b', 10, '', '', ['a b']],
    ['', 10, '  ', '  ', ['']],
  ])('%j at %i columns', (text, width, first, rest, lines) => {
    expect(wrapText(text, { width, first, rest })).toEqual(lines);
  });

  const word = fc.stringMatching(/^(?:[a-zé日]|👍){1,14}$/u);
  it('keeps every word whole and in order, and fits every line of more than one word (property)', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 8, max: 60 }),
        (words, width) => {
          const lines = wrapText(words.join(' '), { width, first: '• ', rest: '  ' });
          const wordsOf = (line: string): string[] =>
            line.split(' ').filter((w) => w !== '' && w !== '•');
          expect(lines.flatMap(wordsOf)).toEqual(words);
          for (const line of lines)
            if (wordsOf(line).length > 1) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        },
      ),
    );
  });

  it('closes a colour at each break and opens it again, and the writer lets it through', () => {
    const style = colorStyle();
    const lines = wrapText(`${style.red('one two three')} four five`, {
      width: 12,
      first: '• ',
      rest: '  ',
    });
    // The same breaks as without colour; the red ends on each line it starts on, so none runs into the next.
    expect(lines.map((line) => stripVTControlCharacters(line))).toEqual(
      wrapText('one two three four five', { width: 12, first: '• ', rest: '  ' }),
    );
    expect(lines).toEqual([
      '• \u001B[31mone two\u001B[39m',
      '  \u001B[31mthree\u001B[39m four',
      '  five',
    ]);
    expect(terminalText(lines.join('\n'))).toBe(lines.join('\n'));
  });
});
