import { readSync } from 'node:fs';
import type { Diagnostic } from '../core/diagnostics/diagnostic';
import type { YamlSource } from '../core/yaml/text';
import { defaultYamlLimits, formatBytes } from '../core/yaml/limits';
import { parseYaml } from '../core/yaml/parse-yaml';
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

/**
 * Reads and parses an answers file (YAML or JSON; "-" is standard input) with
 * the one YAML reader every file goes through. Returns the parsed source, or
 * every problem found in it.
 */
export function readAnswersSource(
  path: string,
  cwd: string,
  stdin: () => ReadResult = readStdin,
): { source: YamlSource } | { diagnostics: readonly Diagnostic[] } {
  const shown = path === '-' ? '<stdin>' : displayPath(path, cwd);
  const read =
    path === '-' ? stdin() : readInputFile(resolve(cwd, path), shown, defaultYamlLimits.maxBytes);
  if (!read.ok) return { diagnostics: [read.diagnostic] };
  const parsed = parseYaml(read.bytes, shown, defaultYamlLimits, 'answers');
  return parsed.ok ? { source: parsed.source } : { diagnostics: parsed.diagnostics };
}
