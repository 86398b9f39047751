import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { root } from '../helpers/paths';

// The folders' import fences, as `npx eslint .` applies them: the project's own
// eslint.config.js lints a file that exists only in memory, placed where the
// fence applies. Type information is off (the file is not on disk, and the
// fences do not need it).
const eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });

async function fenceErrors(file: string, importPath: string): Promise<string[]> {
  const [result] = await eslint.lintText(
    `import { x } from '${importPath}';\nexport const y = x;\n`,
    { filePath: `${root}/${file}` },
  );
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('ESLint import fences', () => {
  it.each([
    ['src/core/fence-probe.ts', '../io/load-bank', 'src/core may not import src/io'],
    ['src/core/bank/fence-probe.ts', '../../io/load-bank', 'src/core may not import src/io'],
    ['src/core/fence-probe.ts', '../render/report', 'src/core may not import'],
    ['src/core/judgement/fence-probe.ts', '../../commands/run', 'src/core may not import'],
    ['src/core/fence-probe.ts', '../interview/interview', 'src/core may not import'],
    ['src/core/fence-probe.ts', 'node:fs', 'src/core is pure'],
    ['src/core/fence-probe.ts', 'chalk', 'src/core is pure'],
    [
      'src/core/bank/fence-probe.ts',
      '../judgement/flow',
      'src/core/bank may not import the rooms that build on it',
    ],
    ['src/render/fence-probe.ts', '../commands/validate', 'src/render may not import'],
    ['src/render/fence-probe.ts', '../io/save-record', 'src/render may not import'],
    ['src/io/fence-probe.ts', '../render/report', 'src/io may not import'],
    ['src/io/fence-probe.ts', '../commands/run', 'src/io may not import'],
    ['src/interview/fence-probe.ts', '../io/drafts', 'src/interview may not import'],
    ['src/use-cases/fence-probe.ts', '../commands/context', 'src/use-cases may not import'],
    ['src/use-cases/fence-probe.ts', '../render/report', 'src/use-cases may not import'],
  ])('%s importing %s fails lint', async (file, importPath, message) => {
    const errors = await fenceErrors(file, importPath);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it.each([
    ['src/core/fence-probe.ts', './diagnostics/diagnostic'],
    ['src/core/bank/fence-probe.ts', '../diagnostics/diagnostic'],
    ['src/core/judgement/fence-probe.ts', '../bank/bank'],
    ['src/render/fence-probe.ts', '../core/report/report'],
    ['src/io/fence-probe.ts', '../core/yaml/limits'],
    ['src/commands/fence-probe.ts', '../io/save-record'],
    ['src/commands/fence-probe.ts', '../use-cases/assess-prospect'],
    ['src/use-cases/fence-probe.ts', '../io/save-record'],
    ['src/use-cases/fence-probe.ts', '../render/terminal-safe'],
  ])('%s importing %s passes', async (file, importPath) => {
    expect(await fenceErrors(file, importPath)).toEqual([]);
  });
});
