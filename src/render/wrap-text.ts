/**
 * Word wrapping for the terminal renderers: lines break only between words,
 * continuation lines hang under the first, and widths are measured as a
 * terminal shows the text (wide East Asian characters and emoji take two
 * columns, combining marks none, colour marks none).
 */

// A colour mark (see colorMark in terminal-safe.ts): invisible once written.
// In rendered text a raw ESC can only start a colour: safe() shows any other one as `^[`.
// eslint-disable-next-line no-control-regex -- matching the colour sequences is the point
const colourMark = /\u001B\[[0-9;]*m/g;
const printableAscii = /^[\x20-\x7E]*$/;
// Combining and enclosing marks, format characters, Hangul medial and final jamo, variation selectors: they join the character before them.
// eslint-disable-next-line no-misleading-character-class -- these are the characters that combine: matching them alone is the point
const zeroWidth = /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11FF\uD7B0-\uD7FF\uFE00-\uFE0F]$/u;
// East Asian Wide and Fullwidth (Unicode's EastAsianWidth W and F), by block, and emoji shown as pictures by default.
const wide =
  /^(?:[\u1100-\u115F\u2329\u232A\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{16FE0}-\u{18AFF}\u{1B000}-\u{1B16F}\u{20000}-\u{2FFFD}\u{30000}-\u{3FFFD}]|\p{Emoji_Presentation})$/u;
// A character shown as text by default that VS16 (U+FE0F) turns into a two-column picture: ☺ ❤ and keycap digits.
const emoji = /^\p{Emoji}$/u;
// Skin tones: part of the emoji before them. Flags are pairs of regional indicators: one column each, two together.
const modifier = /^\p{Emoji_Modifier}$/u;
const regional = /^\p{Regional_Indicator}$/u;

/**
 * How many columns `text` takes on a terminal. Meant for rendered text (made
 * safe first): it holds no control characters, and colour marks count zero.
 * Character by character rather than by grapheme cluster: Intl.Segmenter
 * costs 30 to 70 ms to create here, more than the whole report.
 */
export function displayWidth(text: string): number {
  const plain = text.includes('\u001B') ? text.replace(colourMark, '') : text;
  if (printableAscii.test(plain)) return plain.length;
  let width = 0;
  let previous = '';
  for (const ch of plain) {
    const code = ch.codePointAt(0) ?? 0;
    // Latin letters and the common punctuation (dashes, quotes, bullets, ellipsis): one column, without a Unicode-property test.
    if (code < 0x300 || (code >= 0x2010 && code <= 0x2027)) {
      width += 1;
      previous = ch;
      continue;
    }
    if (ch === '\uFE0F' && emoji.test(previous) && !wide.test(previous)) width += 1;
    else if (regional.test(ch)) width += 1;
    else if (zeroWidth.test(ch) || (modifier.test(ch) && wide.test(previous))) width += 0;
    else width += wide.test(ch) ? 2 : 1;
    previous = ch;
  }
  return width;
}

/** How one block of text is laid out: the total width, and what starts its first and its other lines. */
export interface WrapOptions {
  readonly width: number;
  /** Written before the first line (a bullet, a label). */
  readonly first?: string;
  /** Written before every other line: the hanging indent. */
  readonly rest?: string;
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
  const lines: string[] = [];
  text.split('\n').forEach((paragraph, index) => {
    const lead = index === 0 ? first : rest;
    let line = lead;
    let used = displayWidth(lead);
    let empty = true;
    for (const word of paragraph.split(' ')) {
      if (word === '') continue;
      const size = displayWidth(word);
      if (!empty && used + 1 + size > options.width) {
        lines.push(line);
        line = rest;
        used = displayWidth(rest);
        empty = true;
      }
      line += empty ? word : ` ${word}`;
      used += empty ? size : size + 1;
      empty = false;
    }
    lines.push(line.trimEnd());
  });
  return lines;
}
