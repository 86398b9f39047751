import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir } from './paths';

/** The YAML test suite's folder in the shared corpus. */
export const yamlSuiteDir = join(corpusDir, 'yaml-test-suite');

/** Every in.yaml of the YAML test suite, sorted. */
export function yamlSuiteInputs(): string[] {
  const files: string[] = [];
  const stack = [yamlSuiteDir];
  while (stack.length > 0) {
    const dir = stack.pop() ?? '';
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) stack.push(join(dir, entry.name));
      else if (entry.name === 'in.yaml') files.push(join(dir, entry.name));
    }
  }
  return files.sort();
}
