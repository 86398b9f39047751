import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord, recordSchema } from '../../src/core/records/record';
import { recordSchemaVersion } from '../../src/core/records/record-upgrade';
import type { Report } from '../../src/core/report/report-schema';
import { reportSchema, reportSchemaVersion } from '../../src/core/report/report-schema';
import { root } from '../helpers/paths';

// Today's report of a sample, and the same report as record schema 3 stored it
// (report schemaVersion 2: counterfactuals with whole answers and no `change`).
const current = JSON.parse(
  readFileSync(join(root, 'tests', 'golden', 'northwind-bakery.json'), 'utf8'),
) as Report;
const asV2 = {
  ...current,
  schemaVersion: 2,
  counterfactuals: current.counterfactuals
    .filter((c) => c.change === 'answer')
    .map((c) => Object.fromEntries(Object.entries(c).filter(([key]) => key !== 'change'))),
};
const record = (schemaVersion: number, report: unknown, extra: object = {}) => ({
  schemaVersion,
  kind: 'clientfit-record',
  id: '20260101T000000Z-northwind-bakery-00000000',
  savedAt: '2026-01-01T00:00:00.000Z',
  bankPath: null,
  answers: {},
  report,
  ...extra,
});

describe('records whose report is schemaVersion 2 (record schemas 2 and 3)', () => {
  it.each([
    ['record schema 3', record(3, asV2, { assessedBy: 'Ann' }), 'Ann'],
    ['record schema 2', record(2, asV2), null],
  ])(
    '%s is read and its report upgraded: every counterfactual is a whole answer',
    (_name, data, assessedBy) => {
      const checked = checkRecord(data);
      if (!('record' in checked)) throw new Error(checked.problem);
      expect(checked.record.schemaVersion).toBe(recordSchemaVersion);
      expect(checked.record.assessedBy).toBe(assessedBy);
      const report = reportSchema().parse(checked.record.report);
      expect(report.schemaVersion).toBe(reportSchemaVersion);
      expect(report.counterfactuals).toEqual(
        asV2.counterfactuals.map((c) => ({ ...c, change: 'answer' })),
      );
    },
  );

  it('a record schema 3 holding a report of today’s shape is damaged, not misread', () => {
    const checked = checkRecord(record(3, current, { assessedBy: null }));
    expect('problem' in checked && checked.problem).toMatch(/^damaged: report\./);
  });
});

describe('records whose report is schemaVersion 3 (record schema 4, and record schema 5 saved before the bump)', () => {
  // Version 3 reports written after issue 19 may already say "open" and carry the fit's counts:
  // read as they are.
  const asV3 = {
    ...current,
    schemaVersion: 3,
    decidedBy: {
      kind: 'open',
      ruleId: null,
      reason: 'whichever way "whose-problem" goes, the call is workable',
    },
  };

  it.each([
    ['record schema 5', record(5, asV3, { assessedBy: 'Ann', corrects: null })],
    ['record schema 4', record(4, asV3, { assessedBy: 'Ann' })],
  ])('%s is read and its report upgraded to today’s version, every field kept', (_name, data) => {
    const checked = checkRecord(data);
    if (!('record' in checked)) throw new Error(checked.problem);
    expect(checked.record.schemaVersion).toBe(recordSchemaVersion);
    expect(checked.record.corrects).toBeNull();
    const report = reportSchema().parse(checked.record.report);
    expect(reportSchemaVersion).toBe(4);
    expect(report).toEqual({ ...asV3, schemaVersion: 4 });
  });

  it('a record schema 5 holding a report of schemaVersion 2 is damaged, not misread', () => {
    const checked = checkRecord(record(5, asV2, { assessedBy: null, corrects: null }));
    expect('problem' in checked && checked.problem).toMatch(/^damaged: report\./);
  });
});

describe('an upgraded record of any older version passes today’s schema', () => {
  // Records as old builds wrote them: store-v1 holds records of version 1; later
  // versions are made from today's report as the tests above make them.
  const store = join(root, 'tests', 'fixtures', 'store-v1');
  const v1 = readdirSync(store).map(
    (f) => JSON.parse(readFileSync(join(store, f), 'utf8')) as ReturnType<typeof record>,
  );
  const text = fc.string({ maxLength: 20 });
  const subset = <T>(list: readonly T[]) => fc.subarray([...list]);

  it('whatever the flags, counterfactuals, coverage, notes and call an old record holds', () => {
    const old = fc.oneof(
      fc
        .record({
          base: fc.constantFrom(...v1),
          flags: fc.boolean(),
          cut: fc.nat(),
          asked: fc.nat({ max: 40 }),
          kind: fc.constantFrom('rule', 'degree', 'undecided'),
        })
        .map(({ base, flags, cut, asked, kind }) => {
          const report = base.report as Record<string, unknown> & {
            flags: unknown[];
            counterfactuals: unknown[];
            decidedBy: object;
          };
          return {
            ...base,
            report: {
              ...report,
              flags: flags ? report.flags : report.flags.slice(cut % (report.flags.length + 1)),
              counterfactuals: report.counterfactuals.slice(cut % 3),
              coverage: { answered: cut % (asked + 1), asked },
              decidedBy: { ...report.decidedBy, kind },
            },
          };
        }),
      fc
        .record({
          version: fc.constantFrom(2, 3),
          counterfactuals: subset(asV2.counterfactuals),
          by: fc.option(text, { nil: null }),
          prospect: fc.option(text, { nil: undefined }),
        })
        .map(({ version, counterfactuals, by, prospect }) =>
          record(
            version,
            { ...asV2, counterfactuals, ...(prospect === undefined ? {} : { prospect }) },
            version === 3 ? { assessedBy: by } : {},
          ),
        ),
      fc
        .record({ version: fc.constantFrom(4, 5), by: fc.option(text, { nil: null }) })
        .map(({ version, by }) =>
          record(
            version,
            { ...current, schemaVersion: 3 },
            version === 5 ? { assessedBy: by, corrects: null } : { assessedBy: by },
          ),
        ),
    );
    fc.assert(
      fc.property(old, (data) => {
        const checked = checkRecord(structuredClone(data));
        if (!('record' in checked)) throw new Error(checked.problem);
        expect(recordSchema().safeParse(checked.record).success).toBe(true);
        expect(checked.record.report.schemaVersion).toBe(reportSchemaVersion);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });
});

describe('records of schema 1 (reports from before the fit axis)', () => {
  it('read back with each counterfactual in the key order earlier builds printed', () => {
    const dir = join(root, 'tests', 'fixtures', 'store-v1');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const checked = checkRecord(JSON.parse(readFileSync(join(dir, name), 'utf8')));
      if (!('record' in checked)) throw new Error(`${name}: ${JSON.stringify(checked)}`);
      for (const c of checked.record.report.counterfactuals) {
        const keys = Object.keys(c);
        // `show --json` of an old record prints the same bytes as before the upgrade was one function.
        expect(keys.slice(keys.indexOf('change'))).toEqual([
          'change',
          'fit',
          'flagsGone',
          'flagsNew',
        ]);
      }
    }
  });
});
