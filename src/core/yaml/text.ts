import type { Diagnostic, PathSegment, SourcePosition } from '../diagnostics/diagnostic';
import type { YamlLimits } from './limits';
import { formatBytes } from './limits';
import { LineCounter } from 'yaml';

// What every YAML file goes through before it is parsed (parse-yaml.ts), and
// what a parsed file looks like.

/** A parsed file: its data and a way back from a document path to a line and column. */
export interface YamlSource {
  readonly file: string;
  readonly data: unknown;
  /**
   * The position of the node at `path`, or of its nearest existing ancestor.
   * With `key: true`, the position of the last segment's key instead of its value.
   */
  locate(path: readonly PathSegment[], options?: { key?: boolean }): SourcePosition | undefined;
}

export type ParseYamlResult =
  | { readonly ok: true; readonly source: YamlSource }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** yaml's LineCounter over the text's lines (it turns an offset into a line and column). */
function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1))
    lines.addNewLine(at + 1);
  return lines;
}

/** The 1-based line and column of an offset. */
export function positionAt(lines: LineCounter, offset: number): SourcePosition {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** Byte offset of the first byte that is not part of valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

export function fileDiagnostic(
  file: string,
  code: string,
  message: string,
  hint?: string,
  at?: SourcePosition,
): Diagnostic {
  return {
    severity: 'error',
    code,
    file,
    path: [],
    message,
    ...(at === undefined ? {} : { line: at.line, column: at.column }),
    ...(hint === undefined ? {} : { hint }),
  };
}

/**
 * Decodes a file's bytes as strict UTF-8 (a leading BOM is dropped). UTF-16
 * and UTF-32 files, and files with stray Latin-1 bytes, are refused with the
 * position of the first bad byte instead of being read as garbage.
 */
function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || (b0 === 0 && b1 === 0)) {
    return {
      ok: false,
      diagnostic: fileDiagnostic(
        file,
        'not-utf8',
        'this file is UTF-16 or UTF-32 encoded; clientfit reads UTF-8 only',
        'save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8)',
      ),
    };
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < bad; i++)
      if (bytes[i] === 10) {
        line++;
        lineStart = i + 1;
      }
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      diagnostic: fileDiagnostic(
        file,
        'not-utf8',
        `byte 0x${byte} is not valid UTF-8 ` +
          '(the file looks like Latin-1 or another legacy encoding)',
        'save the file as UTF-8',
        { line, column },
      ),
    };
  }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  return { ok: true, text };
}

/**
 * A file's bytes as text, checked before the YAML parser sees it: the size
 * limit, strict UTF-8 (a BOM dropped), no NUL byte. With the line starts, for
 * positions.
 */
export function yamlText(
  bytes: Uint8Array,
  file: string,
  limits: YamlLimits,
):
  | { readonly ok: true; readonly text: string; readonly starts: LineCounter }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] } {
  if (bytes.length > limits.maxBytes) {
    return {
      ok: false,
      diagnostics: [
        fileDiagnostic(
          file,
          'file-too-large',
          `this file is ${formatBytes(bytes.length)}; the limit is ${formatBytes(limits.maxBytes)}`,
          'a bank or answers file is a few kilobytes: check that this is the right file',
        ),
      ],
    };
  }
  const decoded = decodeUtf8(bytes, file);
  if (!decoded.ok) return { ok: false, diagnostics: [decoded.diagnostic] };
  const text = decoded.text.startsWith('\uFEFF') ? decoded.text.slice(1) : decoded.text;
  const starts = lineStarts(text);
  const nul = text.indexOf('\u0000');
  if (nul >= 0)
    return {
      ok: false,
      diagnostics: [
        fileDiagnostic(
          file,
          'nul-byte',
          'this file contains a NUL byte: it is not a text file',
          'check that this is the right file',
          positionAt(starts, nul),
        ),
      ],
    };
  return { ok: true, text, starts };
}
