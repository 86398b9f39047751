// @ts-check
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/**
 * An import fence: a relative import that climbs out of `from` into one of
 * `folders` (siblings under src/) is an error. Imports climb any number of
 * levels (`../io/x` from src/core, `../../io/x` from src/core/bank).
 */
const outOf = (from, folders, why) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message: `${from} may not import src/${folders.join(', src/')}: ${why}.`,
});

// What src/core may not import: Node, colours, prompts, and the folders that do those.
const corePatterns = [
  {
    group: ['node:*', 'fs', 'path', 'os', 'child_process'],
    message: 'src/core is pure: do I/O in src/io or src/commands.',
  },
  {
    group: ['chalk', '@inquirer/*'],
    message: 'src/core is pure: colour and prompts belong to src/render and src/interview.',
  },
  outOf(
    'src/core',
    ['io', 'render', 'commands', 'interview'],
    'it is pure, and everything else builds on it',
  ),
];

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'scratch/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            'esbuild.config.mjs',
            'bin/*.js',
            'scripts/*.mjs',
            'tests/bench/*.mjs',
          ],
        },
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
      'no-restricted-imports': ['error', { patterns: corePatterns }],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
  {
    // The bank's format and lint come first; the judgement that walks and scores a bank builds on them, never the other way.
    files: ['src/core/bank/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...corePatterns,
            {
              regex: '^(\\.\\./)+(core/)?(judgement|validate|records|report)(/|$)',
              message:
                'src/core/bank may not import the rooms that build on it (judgement, validate, records, report): move what both need into src/core/bank.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/render/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            outOf('src/render', ['commands', 'io', 'interview'], 'renderers turn data into text'),
          ],
        },
      ],
    },
  },
  {
    files: ['src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            outOf(
              'src/io',
              ['commands', 'render', 'interview'],
              'it reads and writes files, and knows nothing of the command line',
            ),
          ],
        },
      ],
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
        {
          object: 'process',
          property: 'stdout',
          message: "write through main()'s io.stdout: it makes every write terminal-safe.",
        },
        {
          object: 'process',
          property: 'stderr',
          message:
            "write through main()'s io.stderr or io.writeErrNow: they make every write terminal-safe.",
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.name='writeSync'][arguments.0.type='Literal'][arguments.0.value<3]",
          message:
            "write to standard output or error through main()'s io: it makes every write terminal-safe.",
        },
        {
          selector: "VariableDeclarator[init.name='process'] > ObjectPattern",
          message: 'use process.env and friends by name; the streams belong to src/bin.ts.',
        },
      ],
    },
  },
  {
    // Use cases (assess, save, find a draft, …) return results as values; the
    // commands word them. Only the escaper at the output boundary is shared.
    files: ['src/use-cases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            outOf('src/use-cases', ['commands'], 'use cases return results; commands word them'),
            {
              regex: '^(\\.\\./)+render(?!/terminal-safe$)(/|$)',
              message:
                'src/use-cases may not import src/render (terminal-safe aside): use cases return results; commands render them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/interview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            outOf(
              'src/interview',
              ['commands', 'io'],
              'it asks the questions; saving is handed to it',
            ),
          ],
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
    files: ['tests/**', 'bin/**', 'scripts/**', '*.config.*', 'eslint.config.js'],
    rules: { 'no-console': 'off' },
  },
  {
    // The executable is CommonJS (bin/package.json): it requires the bundle.
    files: ['bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
