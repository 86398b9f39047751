import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheEntries, flipBit, forgeEntry, onlyEntry, samplePositions } from '../helpers/bank-cache';
import { shippedBankDir } from '../helpers/paths';
import { copyDir, tempDir } from '../helpers/temp';
import { runCli } from '../helpers/run-cli';

// The bank load cache ($XDG_CACHE_HOME/clientfit/banks), through the built
// binary: an entry is used only for the same bytes and the same build, its
// data passes the same checks as a fresh load, and a damaged entry means a
// fresh load — never a different result.

function validateTitle(bankDir: string, cache: string, env: Record<string, string> = {}): string {
  const r = runCli(['validate', bankDir, '--format', 'json'], { env: { XDG_CACHE_HOME: cache, ...env } });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout) as { banks: { bank: { title: string } }[] };
  return report.banks[0]?.bank.title ?? '';
}

/** Changes the bank's title inside the entry (signed again), so a run served from the cache can be told from one that read the files. */
function markEntry(cache: string): void {
  forgeEntry(onlyEntry(cache), (entry) => {
    const [manifest] = entry.files as { data: { title: string } }[];
    if (manifest === undefined) throw new Error('no manifest in the entry');
    expect(manifest.data.title).toBe('Three degrees of clients');
    manifest.data.title = 'served from the cache';
  });
}

const runArgs = ['run', '--answers', 'questions/samples/northwind-bakery.yaml', '--format', 'json', '--no-save'];

describe('the bank load cache', () => {
  it('serves a bank that loaded once while its bytes stay the same, with the same report as a fresh load', () => {
    const cache = tempDir();
    const bank = copyDir(shippedBankDir);
    expect(validateTitle(bank, cache)).toBe('Three degrees of clients');
    const entry = onlyEntry(cache);
    const written = statSync(entry);
    expect(validateTitle(bank, cache)).toBe('Three degrees of clients');
    // Served, not written again (a write replaces the file: a new inode).
    expect(statSync(entry).ino).toBe(written.ino);
    markEntry(cache);
    expect(validateTitle(bank, cache)).toBe('served from the cache');

    const other = copyDir(shippedBankDir);
    const first = runCli([...runArgs, '--bank', other], { env: { XDG_CACHE_HOME: cache } });
    const served = runCli([...runArgs, '--bank', other], { env: { XDG_CACHE_HOME: cache } });
    const uncached = runCli([...runArgs, '--bank', other], { env: { CLIENTFIT_NO_CACHE: '1' } });
    expect(first.status).toBe(0);
    expect(cacheEntries(cache)).toHaveLength(2);
    expect(first.stdout).toBe(uncached.stdout);
    expect(served.stdout).toBe(uncached.stdout);
  });

  it('misses after any edit, even one that keeps the size and puts the old times back', () => {
    const cache = tempDir();
    const dir = copyDir(shippedBankDir);
    validateTitle(dir, cache);
    markEntry(cache);
    const file = join(dir, '10-request.yaml');
    execFileSync('cp', ['-p', file, join(dir, 'times.ref')]);
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('What is the request based on?', 'What is this request based on');
    expect(edited).not.toBe(text);
    expect(edited.length).toBe(text.length);
    writeFileSync(file, edited);
    execFileSync('touch', ['-r', join(dir, 'times.ref'), file]);
    expect(validateTitle(dir, cache)).toBe('Three degrees of clients');
  });

  it('checks every entry as a fresh load is checked: a well-signed entry with wrong data is not used', () => {
    const cache = tempDir();
    const dir = copyDir(shippedBankDir);
    validateTitle(dir, cache);
    const entry = onlyEntry(cache);
    const good = readFileSync(entry);
    type Entry = { files: { data: Record<string, unknown> }[]; diagnostics: unknown[]; examples: { passed: boolean }[] };
    const forgeries: [string, (e: Entry) => unknown][] = [
      ['rules: null', (e) => void ((e.files[0] as { data: Record<string, unknown> }).data.rules = null)],
      [
        'a number beyond any double (read as Infinity)',
        (e) => JSON.parse(JSON.stringify(e).replace('"minimumEvidence":3', '"minimumEvidence":1e999')) as unknown,
      ],
      [
        'a question with no type',
        (e) => {
          delete ((e.files[1]?.data.questions as Record<string, unknown>[])[0] ?? {}).type;
        },
      ],
      ['files in another order', (e) => void e.files.reverse()],
      ['a warning the bank does not have', (e) => void e.diagnostics.push({ severity: 'warning', code: 'x', file: 'x', path: [], message: 'x' })],
      ['an example marked failed', (e) => void ((e.examples[0] ?? { passed: true }).passed = false)],
      ['another build', (e) => void ((e as unknown as { build: string }).build = 'other')],
      ['another content hash', (e) => void ((e as unknown as { contentHash: string }).contentHash = `sha256:${'0'.repeat(64)}`)],
    ];
    for (const [what, change] of forgeries) {
      writeFileSync(entry, good);
      markEntry(cache);
      forgeEntry(entry, (e) => change(e as unknown as Entry));
      expect(validateTitle(dir, cache), what).toBe('Three degrees of clients');
      // The fresh load put a good entry back.
      expect(readFileSync(entry).equals(good), what).toBe(true);
    }
  });

  it('ignores a damaged entry and writes a good one in its place', () => {
    const cache = tempDir();
    const dir = copyDir(shippedBankDir);
    validateTitle(dir, cache);
    const entry = onlyEntry(cache);
    const good = readFileSync(entry);
    for (const junk of ['', '{"cache":4', `${'0'.repeat(64)}\n{}`, 'null', '[]', '{"__proto__":{"polluted":true}}', good.toString('utf8').slice(0, 500)]) {
      writeFileSync(entry, junk);
      expect(validateTitle(dir, cache)).toBe('Three degrees of clients');
      expect(readFileSync(entry).equals(good)).toBe(true);
    }
  });

  it('flipping a bit anywhere in an entry never changes the report: the same output, from a fresh load', () => {
    const cache = tempDir();
    const dir = copyDir(shippedBankDir);
    const args = [...runArgs, '--bank', dir];
    const reference = runCli(args, { env: { XDG_CACHE_HOME: cache } });
    expect(reference.status).toBe(0);
    const entry = onlyEntry(cache);
    const good = readFileSync(entry);
    for (const position of samplePositions(good.length, 12)) {
      writeFileSync(entry, flipBit(good, position));
      const r = runCli(args, { env: { XDG_CACHE_HOME: cache } });
      expect({ position, status: r.status, stderr: r.stderr }).toEqual({ position, status: 0, stderr: reference.stderr });
      expect(r.stdout === reference.stdout, `byte ${position} flipped: the report changed`).toBe(true);
    }
  });

  it('is not used with CLIENTFIT_NO_CACHE=1', () => {
    const cache = tempDir();
    validateTitle(copyDir(shippedBankDir), cache, { CLIENTFIT_NO_CACHE: '1' });
    expect(cacheEntries(cache)).toHaveLength(0);
  });
});
