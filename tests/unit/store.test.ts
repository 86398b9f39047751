import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecord } from '../../src/io/store';
import { root } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

describe('readRecord', () => {
  // Record-shaped JSON as the store writes it (two-space indent, nested objects and lists, escapes).
  const report = JSON.parse(readFileSync(join(root, 'tests', 'golden', 'northwind-bakery.json'), 'utf8')) as unknown;
  const text = `${JSON.stringify({ schemaVersion: 2, kind: 'clientfit-record', note: 'a "quoted" \\ word', report }, null, 2)}\n`;

  it('calls a record cut short at any point truncated, whatever the parser says', () => {
    const store = tempDir();
    for (let cut = 1; cut < text.length - 2; cut += 13) {
      writeFileSync(join(store, 'cut.json'), text.slice(0, cut));
      const entry = readRecord(store, 'cut.json');
      expect(entry.ok ? 'read' : entry.problem, `cut at ${cut}`).toBe('truncated (the JSON ends too early)');
    }
  });

  it.each([
    ['this is not json at all', 'not JSON'],
    ['{"a": 1}}', 'not JSON'],
    ['[1, 2] x', 'not JSON'],
  ])('calls %j %s', (content, problem) => {
    const store = tempDir();
    writeFileSync(join(store, 'x.json'), content);
    const entry = readRecord(store, 'x.json');
    expect(entry.ok ? 'read' : entry.problem).toBe(problem);
  });

  it('calls bytes that are not UTF-8 not JSON', () => {
    const store = tempDir();
    writeFileSync(join(store, 'x.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    const entry = readRecord(store, 'x.json');
    expect(entry.ok ? 'read' : entry.problem).toBe('not JSON');
  });
});
