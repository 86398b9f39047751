import { defineConfig } from 'vitest/config';

// In-process runs use the bank cache as the bundle does (src/io/load-bank.ts
// keys it by build); a new key per test run and a fresh cache folder per
// worker (tests/helpers/run-cli.ts) keep runs apart.
const define = { __CLIENTFIT_BUILD__: JSON.stringify(`vitest-${Date.now()}`) };
const common = { testTimeout: 30_000, hookTimeout: 60_000, env: { NO_COLOR: '1', TZ: 'UTC' }, setupFiles: ['tests/setup-file.ts'] };

// Files that replace a module with vi.mock need a module graph of their own;
// every other file shares its worker's graph (isolate: false), which saves
// importing the sources again for each file.
const mocksModules = ['tests/unit/write-file.test.ts'];

export default defineConfig({
  test: {
    // Once for the whole run: builds dist/ when stale, and gives the run an
    // empty home that must stay empty (see the file).
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      { define, test: { ...common, name: 'shared', include: ['tests/**/*.test.ts'], exclude: mocksModules, isolate: false } },
      { define, test: { ...common, name: 'isolated', include: mocksModules } },
    ],
  },
});
