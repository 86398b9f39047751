import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/io/load-bank';
import { parseYaml } from '../../src/core/yaml/parse-yaml';
import { readFileSync } from 'node:fs';
import { yamlSuiteDir, yamlSuiteInputs } from '../helpers/corpus';

const suite = yamlSuiteDir;

describe('the YAML test suite, every input in one process', () => {
  const files = yamlSuiteInputs();

  it('is there (../shared/corpus/yaml-test-suite)', () => {
    expect(files.length).toBeGreaterThanOrEqual(400);
  });

  it('as a bank: each input ends loaded or with located diagnostics, never an exception', async () => {
    let loaded = 0;
    let refused = 0;
    for (const file of files) {
      const result = await loadBank(file, suite);
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
    for (const file of files) {
      const invalid = existsSync(join(file, '..', 'error'));
      const result = parseYaml(readFileSync(file), file);
      if (!invalid) continue;
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
