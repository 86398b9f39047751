import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserRequired, browserRequiredMessage, findBrowser } from './helpers/browser';
import { loadNodePty, ptyRequired, ptyRequiredMessage } from './helpers/node-pty';

// Once per test run, before any test file:
// - dist/ is built again when any source is newer than it (or it is missing),
//   so the end-to-end tests never run a stale build;
// - the run gets an empty home folder of its own (HOME, and no XDG_* folders
//   inherited), which must still be empty at the end: a test that starts
//   clientfit without isolatedEnv() fails the run instead of writing into
//   the real home of whoever runs the tests;
// - the run gets a temporary folder of its own (TMPDIR), which must be empty
//   at the end: each test file removes the folders it made (tests/setup-file.ts),
//   and anything left fails the run;
// - dist/ is built here and only here: a test that rewrote it while other
//   files spawn it would fail them, so a bundle changed during the run fails it;
// - a missing node-pty (optional: see tests/helpers/node-pty.ts) or browser
//   (tests/helpers/browser.ts) is said once, or stops the run when CI is set.

const root = fileURLToPath(new URL('../', import.meta.url));

/** The newest modification time among the files the build reads. */
function newestSource(): number {
  let newest = 0;
  const stack = [join(root, 'src')];
  for (const file of ['package.json', 'package-lock.json', 'esbuild.config.mjs'])
    newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  while (stack.length > 0) {
    const dir = stack.pop() ?? '';
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

/** Every file and folder under a folder, relative to it. */
function contents(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

export default function setup(): () => void {
  const pty = loadNodePty();
  if ('missing' in pty) {
    if (ptyRequired()) throw new Error(ptyRequiredMessage(pty.missing));
    console.log(
      `\nnotice: node-pty is not installed (${pty.missing}); 'npm install --no-save node-pty@1.1.0' adds it (building it needs python, make and a C++ compiler).\n` +
        '        The tests in a real terminal are SKIPPED (marked skipped below). CI=1 requires them.\n',
    );
  }
  const browser = findBrowser();
  if ('missing' in browser) {
    if (browserRequired()) throw new Error(browserRequiredMessage(browser.missing));
    console.log(
      `\nnotice: the browser tests need chromium and poppler-utils, and ${browser.missing}.\n` +
        '        The tests that print the HTML call sheet and report are SKIPPED (marked skipped below). CI=1 requires them.\n',
    );
  }
  const bundle = join(root, 'dist', 'clientfit.cjs');
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource()) {
    console.log('global set-up: dist/ is older than src/ (or missing): building it');
    execFileSync(process.execPath, ['esbuild.config.mjs', '--silent'], {
      cwd: root,
      stdio: 'inherit',
    });
  }

  const inherited = { ...process.env };
  const builtHash = hashOf(bundle);
  // A build of the same sources gives the same bytes, but deletes the file and writes it again.
  const builtAt = statSync(bundle).mtimeMs;
  const temp = mkdtempSync(join(tmpdir(), 'clientfit-tests-'));
  const home = mkdtempSync(join(temp, 'home-'));
  // Open to others, as the system's temporary folder is (each folder in it is the test's own, 0700), so that the
  // tests that run clientfit as another user can reach their folders (tests/helpers/unprivileged.ts).
  chmodSync(temp, 0o755);
  process.env.TMPDIR = temp;
  process.env.HOME = home;
  for (const key of Object.keys(process.env))
    if (key.startsWith('XDG_') || key.startsWith('CLIENTFIT_'))
      Reflect.deleteProperty(process.env, key);

  return () => {
    const written = contents(home);
    rmSync(home, { recursive: true, force: true });
    // Node's own compile cache (bin/clientfit.js turns it on, Node 22.1+) lives in the temporary folder by design.
    const left = readdirSync(temp).filter((name) => name !== 'node-compile-cache');
    rmSync(temp, { recursive: true, force: true });
    process.env = inherited;
    // Thrown here, vitest only logs the error: the exit status must say it too.
    const fail = (message: string): void => {
      console.error(`\nFAIL: ${message}\n`);
      process.exitCode = 1;
    };
    if (written.length > 0)
      fail(
        `the tests wrote into the home folder (use isolatedEnv() for every clientfit a test starts): ${written.slice(0, 20).join(', ')}`,
      );
    if (left.length > 0)
      fail(
        `the tests left ${left.length} entries in the temporary folder (use tempDir()): ${left.slice(0, 20).join(', ')}`,
      );
    if (hashOf(bundle) !== builtHash || !existsSync(bundle) || statSync(bundle).mtimeMs !== builtAt)
      fail('dist/clientfit.cjs changed during the run: only the global set-up may build it');
  };
}

/** The SHA-256 of a file, or '' when it is missing. */
function hashOf(path: string): string {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : '';
}
