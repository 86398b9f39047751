import { readSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostic';
import type { ParseYamlResult, YamlSource } from '../core/yaml/text';
import { positionAt, yamlText } from '../core/yaml/text';
import { readPlainYamlSource } from '../core/yaml/plain-yaml';
import { defaultYamlLimits, formatBytes } from '../core/limits';
import { yamlTextParser } from './yaml-parser';
import { displayPath } from './load-bank';
import type { ReadResult } from './read-input';
import { readInputFile } from './read-input';
import { resolve } from 'node:path';

/** Reads all of standard input, up to the size limit. */
export function readStdin(maxBytes: number = defaultYamlLimits.maxBytes): ReadResult {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.alloc(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // Standard input was left non-blocking by whoever started us: wait a moment instead of spinning.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      return {
        ok: false,
        diagnostic: {
          severity: 'error',
          code: 'unreadable',
          file: '<stdin>',
          path: [],
          message: `standard input cannot be read (${code ?? 'unknown error'})`,
          hint: 'pass a file with --answers FILE instead',
        },
      };
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes)
      return {
        ok: false,
        diagnostic: {
          severity: 'error',
          code: 'file-too-large',
          file: '<stdin>',
          path: [],
          message: `standard input holds more than ${formatBytes(maxBytes)}`,
          hint: 'an answers file is a few kilobytes: check what is piped in',
        },
      };
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/** An answers file, read. */
export interface AnswersSource {
  readonly source: YamlSource;
  /**
   * The same bytes read by the full YAML reader, when `source` came from the
   * plain reader: its locate answers undefined for the few paths it cannot
   * place exactly, and messages about those need the full reader's line and
   * column. Undefined when `source` is the full reader's already.
   */
  readonly precise: (() => Promise<YamlSource>) | undefined;
}

/**
 * Reads and parses an answers file (YAML or JSON; "-" is standard input).
 * The plain shape most answers files have (see plain-yaml.ts) is read without
 * loading the YAML library at all; anything else goes to the full reader.
 * Returns the parsed source, or every problem found in it.
 */
export async function readAnswersSource(
  path: string,
  cwd: string,
  stdin: () => ReadResult = readStdin,
): Promise<AnswersSource | { diagnostics: readonly Diagnostic[] }> {
  const shown = path === '-' ? '<stdin>' : displayPath(path, cwd);
  const read = path === '-' ? stdin() : readInputFile(resolve(cwd, path), shown, defaultYamlLimits.maxBytes);
  if (!read.ok) return { diagnostics: [read.diagnostic] };
  const text = yamlText(read.bytes, shown, defaultYamlLimits);
  if (!text.ok) return { diagnostics: text.diagnostics };
  const full = async (): Promise<ParseYamlResult> => (await yamlTextParser())(text.text, text.starts, shown);
  const plain = readPlainYamlSource(text.text);
  if (plain !== undefined) {
    const precise = async (): Promise<YamlSource> => {
      const parsed = await full();
      // The plain reader only takes what the full one reads the same (tests/unit/plain-yaml.test.ts).
      if (!parsed.ok) throw new Error('the full YAML reader refused a file the plain reader read');
      return parsed.source;
    };
    const locate: YamlSource['locate'] = (at, options) => {
      const offset = plain.offset(at, options);
      return offset === undefined ? undefined : positionAt(text.starts, offset);
    };
    return { source: { file: shown, data: plain.data, locate }, precise };
  }
  const parsed = await full();
  return parsed.ok ? { source: parsed.source, precise: undefined } : { diagnostics: parsed.diagnostics };
}
