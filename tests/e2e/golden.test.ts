import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/paths';
import { runCli } from '../helpers/run-cli';

// Rendered reports, byte for byte: NO_COLOR, TZ=UTC, SOURCE_DATE_EPOCH fixed by runCli.
// UPDATE_GOLDEN=1 npx vitest run tests/e2e/golden.test.ts rewrites them; review the diff.
const golden = join(root, 'tests', 'golden');
const samples = join(root, 'questions', 'samples');

const cases = ['northwind-bakery', 'fjord-instruments'];
const formats = [
  ['text', 'txt'],
  ['json', 'json'],
  ['markdown', 'md'],
] as const;

describe('golden reports', () => {
  for (const name of cases) {
    for (const [format, ext] of formats) {
      it(`${name} as ${format}`, () => {
        const r = runCli(['run', '--no-save', '--answers', join(samples, `${name}.yaml`), '--format', format], { cwd: root });
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        const file = join(golden, `${name}.${ext}`);
        if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, r.stdout);
        expect(r.stdout).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});
