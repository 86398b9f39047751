/**
 * Word wrapping for the terminal renderers: lines break only between words,
 * continuation lines hang under the first, and widths are measured as a
 * terminal shows the text (wide East Asian characters and emoji take two
 * columns, combining marks none, colour marks none).
 */

// A colour mark (see colorMark in terminal-safe.ts): invisible once written.
// In rendered text a raw U+FFF9 can only be a mark: safe() shows any other one as `\u{FFF9}`.
const colourMark = /\uFFF9[^\uFFFB]*\uFFFB/g;
const printableAscii = /^[\x20-\x7E]*$/;
// Combining marks, enclosing marks, format characters, Hangul medial and final jamo: they join the character before them.
const zeroWidth = /^[\p{Mn}\p{Me}\p{Cf}\u1160-\u11FF\uD7B0-\uD7FF]/u;
// East Asian Wide and Fullwidth (Unicode's EastAsianWidth W and F), by block.
const wide =
  /^[\u1100-\u115F\u2329\u232A\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF00-\uFF60\uFFE0-\uFFE6\u{16FE0}-\u{18AFF}\u{1B000}-\u{1B16F}\u{20000}-\u{2FFFD}\u{30000}-\u{3FFFD}]/u;
// Emoji shown as pictures: by default, or asked for with VS16 (U+FE0F) or a keycap; flags are pairs of regional indicators.
const emoji = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Emoji}\uFE0F?\u20E3|\p{Regional_Indicator}/u;

let graphemes: Intl.Segmenter | undefined;

/** Columns one user-perceived character (a grapheme cluster) takes on a terminal: 0, 1 or 2. */
function clusterWidth(cluster: string): number {
  if (emoji.test(cluster) || wide.test(cluster)) return 2;
  return zeroWidth.test(cluster) ? 0 : 1;
}

/**
 * How many columns `text` takes on a terminal. Meant for rendered text (made
 * safe first): it holds no control characters, and colour marks count zero.
 */
export function displayWidth(text: string): number {
  const plain = text.includes('\uFFF9') ? text.replace(colourMark, '') : text;
  if (printableAscii.test(plain)) return plain.length;
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let width = 0;
  for (const { segment } of graphemes.segment(plain)) width += clusterWidth(segment);
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
