/**
 * Word wrapping for the terminal renderers, on fast-wrap-ansi and
 * fast-string-width (the measure @inquirer/prompts itself uses, so text
 * wrapped here is not wrapped again by a prompt): lines break only between
 * words, continuation lines hang under the first, and widths are measured as
 * a terminal shows the text (wide East Asian characters and emoji take two
 * columns, combining marks none, colour none).
 */
import stringWidth from 'fast-string-width';
import { wrapAnsi } from 'fast-wrap-ansi';

// A colour as chalk writes it: invisible once written, and known to both libraries.
// In rendered text a raw ESC can only start a colour: safe() shows any other one as `^[`.
// eslint-disable-next-line no-control-regex -- matching the colour sequences is the point
const colour = /\u001B\[[0-9;]*m/g;

/**
 * How many columns `text` takes on a terminal. Meant for rendered text (made
 * safe first): it holds no control characters, and colours count zero.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** How one block of text is laid out: the total width, and what starts its first and its other lines. */
export interface WrapOptions {
  readonly width: number;
  /** Written before the first line (a bullet, a label). */
  readonly first?: string;
  /** Written before every other line: the hanging indent. */
  readonly rest?: string;
  /** Keep runs of spaces inside a line (the columns of a listing); by default they become one. */
  readonly keepSpaces?: boolean;
}

/**
 * Wraps one paragraph to `room` columns. chalk's colours count nothing, and
 * a colour open at a break is closed and opened again by the library. Safe
 * text holds no escape of its own: every ESC in it is one of chalk's.
 */
function wrapParagraph(text: string, room: number): string[] {
  return wrapAnsi(text, room, { hard: false, trim: true, wordWrap: true }).split('\n');
}

/**
 * Wraps text to `width` columns at spaces, never inside a word: a word too
 * long for any line (a URL, an id) stands on a line of its own and runs over.
 * Line breaks in the text are kept (each starts a line with `rest`); runs of
 * spaces become one. Returns the lines, without trailing spaces.
 */
export function wrapText(text: string, options: WrapOptions): string[] {
  const first = options.first ?? '';
  const rest = options.rest ?? '';
  const restRoom = Math.max(1, options.width - displayWidth(rest));
  return text.split('\n').flatMap((paragraph, index) => {
    const lead = index === 0 ? first : rest;
    const words =
      options.keepSpaces === true
        ? [paragraph.trim()].filter((w) => w !== '')
        : paragraph.split(' ').filter((w) => w !== '');
    if (words.length === 0) return [lead.trimEnd()];
    // The library has no hanging indent: the first line is wrapped to its own room, the rest again to theirs
    // (joined as the library left them, so a colour open across the break stays open).
    const firstRoom = Math.max(1, options.width - displayWidth(lead));
    const [head = '', ...tail] = wrapParagraph(words.join(' '), firstRoom);
    const others =
      tail.length === 0
        ? []
        : firstRoom === restRoom
          ? tail
          : wrapParagraph(tail.join(' '), restRoom);
    return [`${lead}${head}`.trimEnd(), ...others.map((line) => `${rest}${line}`.trimEnd())];
  });
}

/** Prose is not wrapped wider than this, however wide the terminal: long lines are hard to read. */
export const proseWidth = 100;

/**
 * Wraps each line of rendered text to `width` (lines that fit are kept as
 * they are): a continuation hangs under the line's text, past its indent and
 * any bullet or number (`• `, `12. `, `- `) it starts with.
 */
export function wrapLines(text: string, width: number): string {
  const ending = text.endsWith('\n') ? '\n' : '';
  const lines = (ending === '' ? text : text.slice(0, -1)).split('\n');
  return (
    lines
      .flatMap((line) => {
        if (displayWidth(line) <= width) return [line];
        const lead = /^ *(?:(?:[•\-*✔✘]|\d{1,4}\.) )?/.exec(line.replace(colour, ''))?.[0] ?? '';
        const indent = /^ */.exec(line)?.[0] ?? '';
        return wrapText(line.slice(indent.length), {
          width,
          first: indent,
          rest: ' '.repeat(displayWidth(lead)),
          keepSpaces: true,
        });
      })
      .join('\n') + ending
  );
}
