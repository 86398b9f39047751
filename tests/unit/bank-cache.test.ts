import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/io/load-bank';
import { flipBit, onlyEntry, samplePositions } from '../helpers/bank-cache';
import { shippedBankDir } from '../helpers/paths';
import { copyDir, tempDir } from '../helpers/temp';

// The bank load cache in this process, where hundreds of damaged entries take
// seconds: whatever is flipped, loadBank gives exactly what a fresh load gives.

describe('the bank load cache, bit by bit', () => {
  it('a bit flipped in any of 150 places of an entry gives the same bank, messages and examples as a fresh load', async () => {
    const cacheHome = tempDir();
    const dir = copyDir(shippedBankDir);
    const options = { cacheDir: `${cacheHome}/clientfit/banks`, build: 'test' };
    const fresh = await loadBank(dir, dir, options);
    expect(fresh.bank).toBeDefined();
    const entry = onlyEntry(cacheHome);
    const good = readFileSync(entry);
    const expected = { bank: fresh.bank, diagnostics: fresh.diagnostics, examples: fresh.examples, contentHash: fresh.contentHash };
    // Served from the entry, it is the same load.
    const served = await loadBank(dir, dir, options);
    expect({ bank: served.bank, diagnostics: served.diagnostics, examples: served.examples, contentHash: served.contentHash }).toEqual(expected);
    for (const position of samplePositions(good.length, 150)) {
      writeFileSync(entry, flipBit(good, position));
      const loaded = await loadBank(dir, dir, options);
      expect({ position, bank: loaded.bank, diagnostics: loaded.diagnostics, examples: loaded.examples, contentHash: loaded.contentHash }).toEqual({
        position,
        ...expected,
      });
      // A damaged entry is replaced by a good one.
      expect(readFileSync(entry).equals(good), `byte ${position}`).toBe(true);
    }
  }, 120_000);
});
