import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedBankDir } from '../helpers/paths';
import { copyDir, tempDir } from '../helpers/temp';
import { runCli } from '../helpers/run-cli';

// The bank load cache ($XDG_CACHE_HOME/clientfit/banks): a bank that loaded
// cleanly is served from it while every file keeps its stamp (size, inode,
// modification and change times). These tests prove that it is used, and that
// no change to a file can make clientfit use a stale bank.

/** Copies of the shipped bank, written more than two seconds before the tests run (younger files are not cached). */
const banks: string[] = [];
beforeAll(async () => {
  for (let i = 0; i < 5; i++) banks.push(copyDir(shippedBankDir));
  await new Promise((resolve) => setTimeout(resolve, 2100));
});

function bank(i: number): string {
  const dir = banks[i];
  if (dir === undefined) throw new Error('no bank copy');
  return dir;
}

function entries(cache: string): string[] {
  const dir = join(cache, 'clientfit', 'banks');
  try {
    return readdirSync(dir).map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function validateTitle(bankDir: string, cache: string, env: Record<string, string> = {}): string {
  const r = runCli(['validate', bankDir, '--format', 'json'], { env: { XDG_CACHE_HOME: cache, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as { banks: { bank: { title: string } }[] };
  return report.banks[0]?.bank.title ?? '';
}

/** Marks the cached copy of the bank, so a run served from the cache can be told from one that read the files. */
function markEntry(cache: string): void {
  const [entry] = entries(cache);
  if (entry === undefined) throw new Error('no cache entry');
  const text = readFileSync(entry, 'utf8');
  expect(text).toContain('"title":"Three degrees of clients"');
  writeFileSync(entry, text.replace('"title":"Three degrees of clients"', '"title":"served from the cache"'));
}

describe('the bank load cache', () => {
  it('serves a bank that loaded once, as long as no file changes', () => {
    const cache = tempDir();
    expect(validateTitle(bank(0), cache)).toBe('Three degrees of clients');
    expect(entries(cache)).toHaveLength(1);
    markEntry(cache);
    expect(validateTitle(bank(0), cache)).toBe('served from the cache');
    // The same answers give the same report whether the bank came from the cache or not.
    const args = ['run', '--answers', 'questions/samples/northwind-bakery.yaml', '--format', 'json', '--no-save'];
    const cached = runCli([...args, '--bank', bank(1)], { env: { XDG_CACHE_HOME: cache } });
    const again = runCli([...args, '--bank', bank(1)], { env: { XDG_CACHE_HOME: cache } });
    const uncached = runCli([...args, '--bank', bank(1)], { env: { CLIENTFIT_NO_CACHE: '1' } });
    expect(cached.status).toBe(0);
    expect(entries(cache)).toHaveLength(2);
    expect(cached.stdout).toBe(uncached.stdout);
    expect(again.stdout).toBe(uncached.stdout);
  });

  it('misses after an edit that keeps the size and puts the old modification time back', () => {
    const cache = tempDir();
    const dir = bank(2);
    validateTitle(dir, cache);
    markEntry(cache);
    const file = join(dir, '10-request.yaml');
    const before = statSync(file);
    // A reference with the same times to the nanosecond, as tools that restore times keep one.
    execFileSync('cp', ['-p', file, join(dir, 'times.ref')]);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('What is the request based on?', 'What is this request based on');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    execFileSync('touch', ['-r', join(dir, 'times.ref'), file]);
    expect(statSync(file).size).toBe(before.size);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    // Only the change time (set by the system, never by tools) tells: the cache is not used.
    expect(validateTitle(dir, cache)).toBe('Three degrees of clients');
  });

  it('misses when a file is replaced by renaming another over it, as editors save', () => {
    const cache = tempDir();
    const dir = bank(3);
    validateTitle(dir, cache);
    markEntry(cache);
    const file = join(dir, '20-first-why.yaml');
    const before = statSync(file);
    execFileSync('cp', ['-p', file, `${file}.new`]);
    renameSync(`${file}.new`, file);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(file).ino).not.toBe(before.ino);
    expect(validateTitle(dir, cache)).toBe('Three degrees of clients');
  });

  it('does not cache a bank whose files were written in the last two seconds', () => {
    const cache = tempDir();
    const fresh = copyDir(shippedBankDir);
    validateTitle(fresh, cache);
    expect(entries(cache)).toHaveLength(0);
  });

  it('ignores a damaged entry and writes a good one in its place', () => {
    const cache = tempDir();
    validateTitle(bank(4), cache);
    const [entry] = entries(cache);
    if (entry === undefined) throw new Error('no cache entry');
    for (const junk of ['', '{"cache":3', '{"cache":3,"build":"other"}', 'null', '[]', '{"__proto__":{"polluted":true}}']) {
      writeFileSync(entry, junk);
      expect(validateTitle(bank(4), cache)).toBe('Three degrees of clients');
      expect(JSON.parse(readFileSync(entry, 'utf8'))).toMatchObject({ cache: 3 });
    }
  });

  it('is not used with CLIENTFIT_NO_CACHE=1', () => {
    const cache = tempDir();
    validateTitle(bank(0), cache, { CLIENTFIT_NO_CACHE: '1' });
    expect(entries(cache)).toHaveLength(0);
  });
});
