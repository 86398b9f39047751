import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/core/report/report-schema';
import { root } from '../helpers/paths';
import { expectNoStackTrace } from '../helpers/run-cli';
import { cli } from '../helpers/in-process';
import { tempDir } from '../helpers/temp';

/**
 * A store written by the release before the fit axis (record and report
 * schemaVersion 1, bank three-degrees 1.0.0): five prospects, among them the
 * two the issue describes — a pleasant third-degree client the old engine
 * called undecided, and one with seven red flags it took on conditions.
 */
function oldStore(): string {
  const dir = join(tempDir('clientfit-v1-'), 'records');
  cpSync(join(root, 'tests', 'fixtures', 'store-v1'), dir, { recursive: true });
  return dir;
}

describe('records from the previous release (schemaVersion 1)', () => {
  it('history lists them as they were, without a warning', async () => {
    const store = oldStore();
    const r = await cli(['history', '--store', store]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Harbour Dental +undecided +undecided/);
    expect(r.stdout).toMatch(/Copperline Logistics +third +take-with-conditions/);
    expect(r.stdout).toMatch(/^5 records in /m);
  });

  it('show renders an old record in text and as a current report (fit null: never measured), leaving the file untouched', async () => {
    const store = oldStore();
    const before = readdirSync(store).map((f) => readFileSync(join(store, f), 'utf8'));
    const text = await cli(['show', 'Harbour Dental', '--store', store]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^\[ UNDECIDED \] Harbour Dental\n/);
    expect(text.stdout).toMatch(/^Degree: {5}Degree undecided$/m);
    expect(text.stdout).toMatch(/^Fit: {8}not assessed \(an older record\)$/m);
    const json = await cli(['show', 'Harbour Dental', '--store', store, '--format', 'json']);
    expect(json.status).toBe(0);
    const report = reportSchema().parse(JSON.parse(json.stdout));
    expect(report.schemaVersion).toBe(4);
    expect(report.counterfactuals.every((c) => c.change === 'answer')).toBe(true);
    expect(report.fit).toBeNull();
    expect(report.clarity).toBeNull();
    expect(report.recommendation).toBe('undecided');
    expect(
      (await cli(['show', 'Copperline', '--store', store, '--format', 'markdown'])).status,
    ).toBe(0);
    expect(readdirSync(store).map((f) => readFileSync(join(store, f), 'utf8'))).toEqual(before);
  });

  it('rescore with the new shipped bank names each changed verdict and why, and exits 4 with --exit-code', async () => {
    const store = oldStore();
    const r = await cli(['rescore', '--store', store, '--exit-code']);
    expectNoStackTrace(r.stderr);
    // Two of the old records hold a value the bank has since renamed: said once.
    expect(r.stderr).toBe(
      "note: read under the bank's new names (the old values still work): accepts-process: no → impatient (in 2 of 5 records)\n",
    );
    expect(r.status).toBe(4);
    // The pleasant third-degree client: only the degree evidence decides now.
    expect(r.stdout).toMatch(
      /^Harbour Dental \S+\n {2}undecided \/ undecided → third \/ take-with-conditions \(fit good\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}valued \(.*\): first 1 → 0 \(now fit evidence, not degree\)$/m);
    // Seven red flags, one of them decisive (dismissive to the team): declined by that rule, and the old answer the bank split in two is named.
    expect(r.stdout).toMatch(
      /^Copperline Logistics \S+\n {2}third \/ take-with-conditions → first \/ decline \(fit poor\)$/m,
    );
    expect(r.stdout).toMatch(/^ {2}now decided by the rule team-treated-badly$/m);
    expect(r.stdout).toMatch(
      /^ {2}answers that no longer fit the bank, now unknown: last-agency$/m,
    );
    expect(r.stdout).toMatch(
      /^5 records re-scored with three-degrees 3\.0\.0; assessed with \S+ \S+ \(5\): 2 changed\.$/m,
    );
    const json = JSON.parse((await cli(['rescore', '--store', store, '--json'])).stdout) as {
      changes: { prospect: string; after: { fit: string } }[];
    };
    expect(json.changes.map((c) => [c.prospect, c.after.fit])).toEqual([
      ['Copperline Logistics', 'poor'],
      ['Harbour Dental', 'good'],
    ]);
  });
});
