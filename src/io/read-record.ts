import { join } from 'node:path';
import type { AssessmentRecord, RecordCheck } from '../core/records/record';
import { checkRecord } from '../core/records/record';
import { formatBytes } from '../core/yaml/limits';
import { readInputText } from './read-input';

/** Records are a few kilobytes; anything far larger is not one. */
const maxRecordBytes = 4 * 1024 * 1024;

export type StoreEntry<T = AssessmentRecord> =
  | { readonly ok: true; readonly name: string; readonly record: T }
  | { readonly ok: false; readonly name: string; readonly problem: string };

/**
 * Reads one file of the store, checked whole, or in the part a command reads
 * (`check`, see recordPart). Never throws and never modifies the file.
 */
export function readRecord(store: string, name: string): StoreEntry;
export function readRecord<T>(store: string, name: string, check: RecordCheck<T>): StoreEntry<T>;
export function readRecord(
  store: string,
  name: string,
  check: RecordCheck<unknown> = checkRecord,
): StoreEntry<unknown> {
  const read = readInputText(join(store, name), name, maxRecordBytes);
  if (!read.ok) {
    const { code, message } = read.diagnostic;
    return {
      ok: false,
      name,
      problem:
        code === 'file-too-large'
          ? `larger than ${formatBytes(maxRecordBytes)}`
          : code === 'not-utf8'
            ? 'not JSON'
            : message,
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch {
    return {
      ok: false,
      name,
      problem: endsEarly(read.text) ? 'truncated (the JSON ends too early)' : 'not JSON',
    };
  }
  const checked = check(data);
  if ('problem' in checked) return { ok: false, name, problem: checked.problem };
  return { ok: true, name, record: checked.record };
}

/** The record of that id, when the store holds it as `<id>.json` and it is usable. */
export function readRecordById(store: string, id: string): AssessmentRecord | undefined {
  const entry = readRecord(store, `${id}.json`);
  return entry.ok && entry.record.id === id ? entry.record : undefined;
}

/**
 * Whether JSON text stops inside a string or before every object and list
 * it opened is closed: a write cut short, wherever the cut fell (the
 * parser's own message depends on what the cut left last).
 */
function endsEarly(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}
