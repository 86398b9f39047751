/**
 * The one place where text from files (banks, answers, records) is made safe
 * for a terminal. Every control character, escape sequence introducer, bidi
 * override and invisible character is shown visibly instead of being sent:
 * C0 controls and DEL in caret notation (`^[` for ESC), everything else as
 * `\u{202E}`. Printable text, including any script and emoji, passes as is.
 */

/* eslint-disable no-control-regex, no-misleading-character-class -- matching these characters is the point */
// C0 controls, DEL, C1 controls; bidi embeddings/overrides/isolates and marks;
// zero-width and invisible formatting characters; line/paragraph separators;
// the BOM; interlinear annotation and object replacement controls.
const unsafe =
  /[\u0000-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/gu;
const unsafeKeepLines =
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/gu;

function visible(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  return `\\u{${code.toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** Makes one line of untrusted text safe to print: newlines and tabs are escaped too. */
export function safe(text: string): string {
  return text.replace(unsafe, visible);
}

/** Like `safe`, but keeps line breaks (for multi-line help texts and notes). */
export function safeLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(unsafeKeepLines, visible);
}

/**
 * JSON text that keeps every value exactly but never carries a raw control,
 * bidi or invisible character: those are written as \uXXXX escapes, which
 * JSON.stringify leaves raw for C1 controls and bidi overrides.
 */
export function safeJson(value: unknown): string {
  // JSON.stringify already escapes C0 controls inside strings; the newlines left are the layout's own.
  return JSON.stringify(value, null, 2).replace(unsafeKeepLines, (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
