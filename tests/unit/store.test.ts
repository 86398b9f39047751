import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/judgement/answers';
import type { AssessmentRecord } from '../../src/core/records/record';
import {
  buildRecord,
  checkRecord,
  recordPart,
  sameAssessment,
} from '../../src/core/records/record';
import type { Report } from '../../src/core/report/report-schema';
import { latestRecordOf } from '../../src/io/latest-record';
import { readRecord } from '../../src/io/read-record';
import { root } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

describe('readRecord', () => {
  // Record-shaped JSON as the store writes it (two-space indent, nested objects and lists, escapes).
  const report = JSON.parse(
    readFileSync(join(root, 'tests', 'golden', 'northwind-bakery.json'), 'utf8'),
  ) as unknown;
  const text = `${JSON.stringify({ schemaVersion: 2, kind: 'clientfit-record', note: 'a "quoted" \\ word', report }, null, 2)}\n`;

  it('calls a record cut short at any point truncated, whatever the parser says', () => {
    const store = tempDir();
    for (let cut = 1; cut < text.length - 2; cut += 13) {
      writeFileSync(join(store, 'cut.json'), text.slice(0, cut));
      const entry = readRecord(store, 'cut.json');
      expect(entry.ok ? 'read' : entry.problem, `cut at ${cut}`).toBe(
        'truncated (the JSON ends too early)',
      );
    }
  });

  it.each([
    ['this is not json at all', 'not JSON'],
    ['{"a": 1}}', 'not JSON'],
    ['[1, 2] x', 'not JSON'],
  ])('calls %j %s', (content, problem) => {
    const store = tempDir();
    writeFileSync(join(store, 'x.json'), content);
    const entry = readRecord(store, 'x.json');
    expect(entry.ok ? 'read' : entry.problem).toBe(problem);
  });

  it('calls bytes that are not UTF-8 not JSON', () => {
    const store = tempDir();
    writeFileSync(join(store, 'x.json'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    const entry = readRecord(store, 'x.json');
    expect(entry.ok ? 'read' : entry.problem).toBe('not JSON');
  });
});

describe('sameAssessment and latestRecordOf', () => {
  const report = JSON.parse(
    readFileSync(join(root, 'tests', 'golden', 'northwind-bakery.json'), 'utf8'),
  ) as Report;
  const answers = new Map<string, Answer>([
    ['request-source', { value: 'competitor' }],
    ['valued', { value: ['price', 'our-craft'], note: 'cheap and good' }],
  ]);
  const base = buildRecord(
    '20260101T000000Z-northwind-bakery-00000001',
    new Date(0),
    '/bank',
    answers,
    report,
  );

  it.each<[string, (r: AssessmentRecord) => AssessmentRecord, boolean]>([
    [
      'another id, time and bank path',
      (r) => ({ ...r, id: 'x', savedAt: 'y', bankPath: '/elsewhere' }),
      true,
    ],
    [
      'the answers in another key order',
      (r) => ({ ...r, answers: Object.fromEntries(Object.entries(r.answers).reverse()) }),
      true,
    ],
    [
      'another report time',
      (r) => ({ ...r, report: { ...r.report, assessedAt: '2030-01-01T00:00:00.000Z' } }),
      true,
    ],
    [
      'another answer',
      (r) => ({ ...r, answers: { ...r.answers, 'request-source': { value: 'research' } } }),
      false,
    ],
    [
      'another note',
      (r) => ({
        ...r,
        answers: { ...r.answers, valued: { value: ['price', 'our-craft'], note: 'cheap' } },
      }),
      false,
    ],
    [
      'a choice list in another order',
      (r) => ({
        ...r,
        answers: {
          ...r.answers,
          valued: { value: ['our-craft', 'price'], note: 'cheap and good' },
        },
      }),
      false,
    ],
    ['one answer more', (r) => ({ ...r, answers: { ...r.answers, notes: { value: 'x' } } }), false],
    [
      'another prospect',
      (r) => ({ ...r, report: { ...r.report, prospect: 'Northwind Bakery Ltd' } }),
      false,
    ],
    [
      'another bank version',
      (r) => ({ ...r, report: { ...r.report, bank: { ...r.report.bank, version: '9' } } }),
      false,
    ],
    [
      'another bank content',
      (r) => ({
        ...r,
        report: { ...r.report, bank: { ...r.report.bank, contentHash: 'sha256:0' } },
      }),
      false,
    ],
    [
      'another clientfit',
      (r) => ({ ...r, report: { ...r.report, tool: { name: 'clientfit', version: '9.9.9' } } }),
      false,
    ],
  ])('%s: same = %s', (_, change, same) => {
    expect(sameAssessment(base, change(base))).toBe(same);
  });

  it('finds the newest record of exactly that prospect, passing over damaged files and other prospects', () => {
    const store = tempDir();
    const write = (id: string, prospect: string | null): void => {
      writeFileSync(
        join(store, `${id}.json`),
        JSON.stringify({ ...base, id, report: { ...base.report, prospect } }),
      );
    };
    expect(latestRecordOf(store, 'Northwind Bakery')).toBeUndefined();
    write('20260101T000000Z-northwind-bakery-00000001', 'Northwind Bakery');
    write('20260102T000000Z-northwind-bakery-00000002', 'Northwind Bakery');
    write('20260103T000000Z-northwind-bakery-00000003', 'northwind bakery'); // the same slug, another name
    write('20260104T000000Z-prospect-00000004', null);
    writeFileSync(join(store, '20260105T000000Z-northwind-bakery-00000005.json'), '{"cut');
    expect(latestRecordOf(store, 'Northwind Bakery')?.id).toBe(
      '20260102T000000Z-northwind-bakery-00000002',
    );
    expect(latestRecordOf(store, 'northwind bakery')?.id).toBe(
      '20260103T000000Z-northwind-bakery-00000003',
    );
    expect(latestRecordOf(store, null)?.id).toBe('20260104T000000Z-prospect-00000004');
    expect(latestRecordOf(join(store, 'none'), 'Northwind Bakery')).toBeUndefined();
  });
});

describe('recordPart', () => {
  // A whole current record, as JSON.parse gives it back from the store.
  const report = JSON.parse(
    readFileSync(join(root, 'tests', 'golden', 'northwind-bakery.json'), 'utf8'),
  ) as Report;
  const answers = new Map<string, Answer>([['request-source', { value: 'competitor' }]]);
  const whole = JSON.parse(
    JSON.stringify(
      buildRecord(
        '20260101T000000Z-northwind-bakery-00000001',
        new Date(0),
        '/bank',
        answers,
        report,
        'Ada',
      ),
    ),
  ) as unknown;
  type Loose = Record<string, unknown> & {
    report: Record<string, unknown> & { counterfactuals: Record<string, unknown>[] };
  };
  const damaged = (change: (r: Loose) => void): unknown => {
    const copy = structuredClone(whole) as Loose;
    change(copy);
    return copy;
  };
  // What history reads.
  const listed = recordPart(
    ['assessedBy'],
    ['assessedAt', 'prospect', 'degree', 'recommendation', 'confidence'],
  );

  it('gives a sound record back as it is', () => {
    expect(checkRecord(whole)).toEqual({ record: whole });
    expect(listed(whole)).toEqual({ record: whole });
  });

  it.each<[string, (r: Loose) => void, string]>([
    [
      'the confidence it lists',
      (r) => (r.report.confidence = 'high'),
      'damaged: report.confidence is not valid',
    ],
    [
      'the degree it lists',
      (r) => (r.report.degree = { id: 'third' }),
      'damaged: report.degree.name is not valid',
    ],
    ['the id', (r) => (r.id = '../../etc/passwd'), 'damaged: id is not valid'],
    ['who assessed', (r) => (r.assessedBy = 7), 'damaged: assessedBy is not valid'],
    [
      'the report itself',
      (r) => (r.report = [] as unknown as Loose['report']),
      'damaged: report is not valid',
    ],
    [
      'its kind',
      (r) => (r.kind = 'something-else'),
      'not a clientfit record (no "kind": "clientfit-record")',
    ],
    [
      'its version',
      (r) => (r.schemaVersion = 9),
      'written by a newer clientfit (record schema 9; this one reads 1 to 5)',
    ],
  ])(
    'refuses a record damaged in %s with the same words as the whole check',
    (_, change, problem) => {
      const data = damaged(change);
      expect(listed(data)).toEqual({ problem });
      expect(checkRecord(data)).toEqual({ problem });
    },
  );

  it.each<[string, (r: Loose) => void, string]>([
    [
      'its counterfactuals',
      (r) => ((r.report.counterfactuals[0] as Record<string, unknown>).prompt = 5),
      'damaged: report.counterfactuals.0.prompt is not valid',
    ],
    ['the answers as given', (r) => (r.answers = 'none'), 'damaged: answers is not valid'],
    ['a field no version has', (r) => (r.report.extra = true), 'damaged: report is not valid'],
  ])('leaves damage in %s, which it does not read, to the whole check', (_, change, problem) => {
    const data = damaged(change);
    expect(listed(data)).toEqual({ record: data });
    expect(checkRecord(data)).toEqual({ problem });
  });

  it('reads a record of version 4 (before corrections) as one that corrects nothing, and refuses it with a `corrects`', () => {
    // Record schema 4 held reports of schemaVersion 3.
    const v4 = damaged((r) => {
      delete r.corrects;
      r.schemaVersion = 4;
      r.report.schemaVersion = 3;
    });
    const upgraded = checkRecord(v4);
    expect('record' in upgraded && upgraded.record).toMatchObject({
      schemaVersion: 5,
      corrects: null,
      report: { schemaVersion: 4 },
    });
    expect(
      checkRecord(
        damaged((r) => {
          r.schemaVersion = 4;
          r.report.schemaVersion = 3;
        }),
      ),
    ).toEqual({ problem: 'damaged: record is not valid' });
    expect(checkRecord(damaged((r) => (r.corrects = '../x')))).toEqual({
      problem: 'damaged: corrects is not valid',
    });
  });

  it('checks a record of an older version whole, and upgrades it', () => {
    // Record schema 3: a report of schemaVersion 2, whose counterfactuals are whole answers without `change`.
    const old = damaged((r) => {
      delete r.corrects;
      r.schemaVersion = 3;
      r.report.schemaVersion = 2;
      r.report.counterfactuals = r.report.counterfactuals
        .filter((c) => c.change === 'answer')
        .map((c) => Object.fromEntries(Object.entries(c).filter(([key]) => key !== 'change')));
    });
    const upgraded = checkRecord(old);
    expect('record' in upgraded && upgraded.record.schemaVersion).toBe(5);
    expect('record' in upgraded && upgraded.record.corrects).toBeNull();
    expect(listed(old)).toEqual(upgraded);
    const broken = structuredClone(old) as Loose;
    (broken.report.counterfactuals[0] as Record<string, unknown>).prompt = 5;
    expect(listed(broken)).toEqual({
      problem: 'damaged: report.counterfactuals.0.prompt is not valid',
    });
  });
});
