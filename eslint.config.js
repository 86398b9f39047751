// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'scratch/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'esbuild.config.mjs', 'bin/*.js', 'tests/bench/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': 'error',
    },
  },
  {
    // The core is pure: no file system, no process, no colours, no prompts.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'child_process'], message: 'src/core is pure: do I/O in src/io or src/commands.' },
            { group: ['chalk', '@inquirer/*'], message: 'src/core is pure: colour and prompts belong to the renderers and src/prompt.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
  {
    // One writer: standard output and standard error are reached only through
    // main()'s io, which passes every write through terminalText
    // (src/render/terminal-safe.ts). src/bin.ts hands the real streams to main.
    files: ['src/**/*.ts'],
    ignores: ['src/bin.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'stdout', message: "write through main()'s io.stdout: it makes every write terminal-safe." },
        { object: 'process', property: 'stderr', message: "write through main()'s io.stderr or io.writeErrNow: they make every write terminal-safe." },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='writeSync'][arguments.0.type='Literal'][arguments.0.value<3]",
          message: "write to standard output or error through main()'s io: it makes every write terminal-safe.",
        },
        {
          selector: "VariableDeclarator[init.name='process'] > ObjectPattern",
          message: 'use process.env and friends by name; the streams belong to src/bin.ts.',
        },
      ],
    },
  },
  {
    // Plain JavaScript scripts: no type information, Node's globals.
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['tests/**', 'bin/**', '*.config.*', 'eslint.config.js'],
    rules: { 'no-console': 'off' },
  },
  {
    // The executable is CommonJS (bin/package.json): it loads the bundle with a V8 code cache.
    files: ['bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
