// A generated record store for the store rows of `npm run bench` (and for
// profiling by hand: `node tests/bench/make-store.mjs DIR N [SEED-RECORD]`):
// N copies of one real record, an hour apart, each with one outcome.
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Writes `n` records made from `seed` (a saved record, parsed) into the new
 * folder `dir`, each with an outcome in `dir/outcomes`; returns `dir`.
 */
export function makeStore(dir, n, seed) {
  mkdirSync(join(dir, 'outcomes'), { recursive: true });
  for (let i = 0; i < n; i++) {
    const at = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000);
    const id = `${at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(
        /\.\d+Z$/,
        'Z',
      )}-prospect-${i}-${(Math.imul(i, 2654435761) >>> 0).toString(16).padStart(8, '0')}`;
    const record = {
      ...seed,
      id,
      savedAt: at.toISOString(),
      report: { ...seed.report, prospect: `Prospect ${i}`, assessedAt: at.toISOString() },
    };
    writeFileSync(join(dir, `${id}.json`), `${JSON.stringify(record, null, 2)}\n`);
    const changeId = `20260101T000000000Z-${(i >>> 0).toString(16).padStart(8, '0')}`;
    const outcome = {
      kind: 'clientfit-outcome',
      schemaVersion: 1,
      id: changeId,
      recordId: id,
      value: ['went-well', 'mixed', 'went-badly', 'not-signed', 'went-well'][i % 5],
      date: '2026-01-01',
      recordedAt: '2026-01-01T00:00:00.000Z',
      recordedBy: 'Bench',
    };
    writeFileSync(
      join(dir, 'outcomes', `${id}.${changeId}.json`),
      `${JSON.stringify(outcome, null, 2)}\n`,
    );
  }
  return dir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, n, seedFile] = process.argv.slice(2);
  if (dir === undefined || !/^\d+$/.test(n ?? '') || seedFile === undefined) {
    console.error('make-store: node tests/bench/make-store.mjs DIR N SEED-RECORD.json');
    process.exit(2);
  }
  makeStore(dir, Number(n), JSON.parse(readFileSync(seedFile, 'utf8')));
}
