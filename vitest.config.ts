import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const common = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  env: { NO_COLOR: '1', TZ: 'UTC' },
  setupFiles: ['tests/setup-file.ts'],
};

// Files that replace a module with vi.mock need a module graph of their own;
// every other file shares its worker's graph (isolate: false), which saves
// importing the sources again for each file.
const mocksModules = ['tests/unit/write-file.test.ts'];

export default defineConfig({
  test: {
    // One worker per core, at least two: vitest's default (one fewer than the cores) runs the
    // files one at a time on a two-core machine and leaves a core idle. Forks (the default pool):
    // node-pty is a native module, loaded in the main thread of each worker.
    maxWorkers: Math.max(2, availableParallelism()),
    // Once for the whole run: builds dist/ when stale, and gives the run an
    // empty home that must stay empty (see the file).
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      {
        test: {
          ...common,
          name: 'shared',
          include: ['tests/**/*.test.ts'],
          exclude: mocksModules,
          isolate: false,
        },
      },
      { test: { ...common, name: 'isolated', include: mocksModules } },
    ],
  },
});
