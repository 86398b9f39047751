import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bank } from '../../src/core/bank/bank';
import { assess } from '../../src/core/judgement/assess';
import { newOutcomeChange, type OutcomeValue } from '../../src/core/records/outcome';
import { buildRecord } from '../../src/core/records/record';
import { buildReport } from '../../src/core/report/report';
import { randomAnswers } from './random-answers';

/** A small seeded random source (mulberry32): the same store on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the generated store holds, counted as it was written: engagements with a known result, with and without the risky answer. */
export interface GeneratedStore {
  readonly store: string;
  readonly risky: { readonly bad: number; readonly of: number };
  readonly others: { readonly bad: number; readonly of: number };
}

/**
 * A store of `count` records of random interviews with the bank, each with an
 * outcome drawn from a known model: an engagement with `riskyAnswer` goes
 * badly 70% of the time, any other 10%; one prospect in ten does not sign.
 */
export function generateStore(
  bank: Bank,
  store: string,
  count: number,
  riskyAnswer: { questionId: string; value: string },
  seed = 14,
): GeneratedStore {
  const r = seeded(seed);
  mkdirSync(join(store, 'outcomes'), { recursive: true });
  const risky = { bad: 0, of: 0 };
  const others = { bad: 0, of: 0 };
  for (let i = 0; i < count; i++) {
    const numbers = Array.from({ length: 64 }, r);
    const answers = randomAnswers(bank, numbers, []);
    const at = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000);
    const report = buildReport(
      bank,
      answers,
      assess(bank, answers),
      { items: [], complete: true },
      {
        toolVersion: 'test',
        contentHash: 'generated',
        prospect: `Prospect ${i}`,
        assessedAt: at,
      },
    );
    const id = `${at
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z')}-prospect-${String(i).padStart(8, '0')}`;
    writeFileSync(
      join(store, `${id}.json`),
      JSON.stringify(buildRecord(id, at, null, answers, report, `Assessor ${i % 3}`)),
    );
    // A multiple choice holds the risky answer when it is among the options picked.
    const given = answers.get(riskyAnswer.questionId)?.value;
    const isRisky = Array.isArray(given)
      ? given.includes(riskyAnswer.value)
      : given === riskyAnswer.value;
    const roll = r();
    const outcome: OutcomeValue =
      roll < 0.1
        ? 'not-signed'
        : r() < (isRisky ? 0.7 : 0.1)
          ? 'went-badly'
          : r() < 0.3
            ? 'mixed'
            : 'went-well';
    if (outcome !== 'not-signed') {
      const tally = isRisky ? risky : others;
      tally.of++;
      if (outcome === 'went-badly') tally.bad++;
    }
    const change = newOutcomeChange(
      id,
      outcome,
      '2026-01-01',
      new Date(Date.UTC(2026, 0, 1)),
      'Generator',
      undefined,
      String(i).padStart(8, '0'),
    );
    writeFileSync(join(store, 'outcomes', `${id}.${change.id}.json`), JSON.stringify(change));
  }
  return { store, risky, others };
}
