/**
 * The one place where text is made safe for a terminal. Every control
 * character, escape sequence introducer, bidi control, zero-width, tag and
 * other invisible character is shown visibly instead of being sent: C0
 * controls and DEL in caret notation (`^[` for ESC), everything else as
 * `\u{202E}`. Printable text, including any script and emoji, passes as is.
 *
 * `terminalText` is applied to every write to standard output and standard
 * error, whatever the text's source (main() wraps both streams once); `safe`
 * and `safeLines` make single fields safe (and one line) where they are
 * formatted; `yamlCommentText` makes text safe inside a `#` comment of a
 * generated YAML file.
 */

// C0 controls, DEL, C1 controls; the soft hyphen and other invisible letters;
// bidi embeddings/overrides/isolates and marks; zero-width and invisible
// formatting characters; line/paragraph separators; the BOM; interlinear
// annotation and object replacement controls; lone surrogates; invisible
// formatting in the supplementary planes (shorthand, musical); every other
// format character (\p{Cf}: Arabic and Syriac marks, Egyptian hieroglyph
// controls, …); tag characters and the rest of plane 14 (U+E0000–U+E0FFF),
// with the variation selectors supplement. The sixteen basic variation
// selectors (U+FE00–U+FE0F) pass: they only pick a glyph's form, and emoji
// depend on them.
/* eslint-disable no-misleading-character-class -- matching these characters is the point */
const invisible =
  '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\u3164\\uD800-\\uDFFF\\uFEFF\\uFFA0\\uFFF0-\\uFFFB' +
  '\\u{1BCA0}-\\u{1BCA3}\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E0FFF}\\p{Cf}';
const unsafe = new RegExp(`[\\u0000-\\u001F\\u007F-\\u009F${invisible}]`, 'gu');
const unsafeKeepLines = new RegExp(
  `[\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F${invisible}]`,
  'gu',
);
const anyUnsafe = new RegExp(`[\\u0000-\\u0009\\u000B-\\u001F\\u007F-\\u009F${invisible}]`, 'u');

/** Printable ASCII only (and, for text kept in lines, line feeds): nothing to do, found far faster than by the full class. */
const plainAscii = /^[\x20-\x7E]*$/;
const plainAsciiLines = /^[\x20-\x7E\n]*$/;

function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** Makes one line of untrusted text safe to print: newlines and tabs are escaped too. */
export function safe(text: string): string {
  return plainAscii.test(text) ? text : text.replace(unsafe, visible);
}

/** Like `safe`, but keeps line breaks (for multi-line help texts and notes). */
export function safeLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(unsafeKeepLines, visible);
}

/**
 * Text for a `#` comment in a generated YAML file: one line whatever it holds
 * (every YAML line break — LF, CR, NEL, LS, PS — is shown visibly, so a
 * newline in a bank's title cannot end the comment and add keys), runs of
 * spaces and tabs made one space, and terminal-safe.
 */
export function yamlCommentText(text: string): string {
  return safe(text.replace(/[ \t]+/g, ' ')).trim();
}

/**
 * JSON text that keeps every value exactly but never carries a raw control,
 * bidi or invisible character: those are written as \uXXXX escapes, which
 * JSON.stringify leaves raw for C1 controls and bidi overrides.
 */
export function safeJson(value: unknown): string {
  // JSON.stringify already escapes C0 controls inside strings; the newlines left are the layout's own.
  return JSON.stringify(value, null, 2).replace(unsafeKeepLines, (ch) => {
    const code = ch.codePointAt(0) ?? 0;
    // Outside the basic plane, JSON needs the surrogate pair, each as \uXXXX.
    return code > 0xffff
      ? ch
          .split('')
          .map((unit) => `\\u${unit.charCodeAt(0).toString(16)}`)
          .join('')
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// Colour: the only escape sequences let through are those chalk writes for
// our styles (SGR reset, bold, dim, normal weight, foreground colours).
// Conceal, blink, cursor moves, erases, OSC, DCS and the rest are shown.
// eslint-disable-next-line no-control-regex -- matching the colour sequences is the point
const colorSgr = /\u001B\[(?:0|1|2|22|3[0-9]|9[0-7])m/g;

/**
 * What is written to a terminal (or to standard output and error, wherever
 * they lead): every control, escape, bidi, zero-width and tag character shown
 * visibly — only line feeds and chalk's colour sequences pass.
 */
export function terminalText(text: string): string {
  if (plainAsciiLines.test(text) || !anyUnsafe.test(text)) return text;
  let out = '';
  let last = 0;
  for (const match of text.matchAll(colorSgr)) {
    out += text.slice(last, match.index).replace(unsafeKeepLines, visible) + match[0];
    last = match.index + match[0].length;
  }
  return out + text.slice(last).replace(unsafeKeepLines, visible);
}

/** An output stream whose every write goes through terminalText. */
export interface SafeOutput {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** The terminal's width, when the stream is one. */
  readonly columns?: number | undefined;
}

/** Wraps a stream so that nothing unsafe reaches it; `isTTY` and `columns` are still asked of the stream itself, when asked. */
export function terminalSafeStream(stream: SafeOutput): SafeOutput {
  return {
    write: (chunk: string) => stream.write(terminalText(chunk)),
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.columns;
    },
  };
}
