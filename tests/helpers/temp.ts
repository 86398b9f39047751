import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Removed after each test file by tests/setup-file.ts: a hook registered here,
// at import, would run for the first file of a worker only (the files of a
// worker share their modules), and the other files' folders piled up.
const made: string[] = [];

/** Removes every folder tempDir() made so far. */
export function removeTempDirs(): void {
  const failed: string[] = [];
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      // Something still writes there (a process a test started and did not wait for): the others go all the same.
      failed.push(`${dir}: ${String(error)}`);
    }
  }
  if (failed.length > 0)
    throw new Error(`temporary folders could not be removed:\n${failed.join('\n')}`);
}

/** A fresh temporary folder, removed after the test file. */
export function tempDir(prefix = 'clientfit-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Writes files (name → content) into a fresh folder and returns it. */
export function writeTree(
  files: Readonly<Record<string, string | Uint8Array>>,
  dir = tempDir(),
): string {
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** A copy of a folder in a fresh temporary folder. */
export function copyDir(from: string): string {
  const dir = join(tempDir(), 'copy');
  cpSync(from, dir, { recursive: true });
  return dir;
}
