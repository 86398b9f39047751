import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess, verdictOf } from '../../src/core/judgement/assess';
import { counterfactuals } from '../../src/core/judgement/counterfactuals';
import { walkFlow } from '../../src/core/judgement/flow';
import { buildReport } from '../../src/core/report/report';
import { reportSchema } from '../../src/core/report/report-schema';
import { reportRenderers } from '../../src/render/report';
import { shippedBank } from '../helpers/examples';
import { randomAnswers } from '../helpers/random-answers';

const bank = shippedBank();

// Each run of the first property builds two full reports with their counterfactuals (about 30 ms
// each on a quiet machine): 300 runs take 10 s alone, more beside another worker or under load.
describe(
  'the engine over random valid answer sets of the shipped bank',
  { timeout: 120_000 },
  () => {
    it('never throws, keeps confidence in [0, 1], recommends one of four, and is deterministic to the byte', () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), {
            minLength: 5,
            maxLength: 60,
          }),
          fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }),
          (seed, notes) => {
            const answers = randomAnswers(bank, seed, notes);
            const a = assess(bank, answers);
            expect(a.confidence).toBeGreaterThanOrEqual(0);
            expect(a.confidence).toBeLessThanOrEqual(1);
            expect(['take', 'take-with-conditions', 'decline', 'undecided']).toContain(
              a.recommendation,
            );
            expect(['first', 'second', 'third', 'undecided']).toContain(a.degree);
            const meta = {
              toolVersion: '0.0.0',
              contentHash: 'sha256:x',
              prospect: 'P',
              assessedAt: new Date(0),
            };
            const json1 = reportRenderers.json(
              buildReport(bank, answers, a, counterfactuals(bank, answers, a), meta),
            );
            const again = new Map([...answers].reverse());
            const b = assess(bank, again);
            const json2 = reportRenderers.json(
              buildReport(bank, again, b, counterfactuals(bank, again, b), meta),
            );
            expect(json2).toBe(json1);
            expect(reportSchema().safeParse(JSON.parse(json1)).success).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('verdictOf (what counterfactuals compare) always agrees with the full assessment', () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), {
            minLength: 5,
            maxLength: 60,
          }),
          (seed) => {
            const answers = randomAnswers(bank, seed, []);
            const full = assess(bank, answers);
            const quick = verdictOf(bank, answers);
            expect({
              degree: quick.degree,
              fit: quick.fit,
              recommendation: quick.recommendation,
            }).toEqual({
              degree: full.degree,
              fit: full.fit,
              recommendation: full.recommendation,
            });
            expect([...quick.flags].sort()).toEqual(full.flags.map((f) => f.flag.id).sort());
          },
        ),
        { numRuns: 300 },
      );
    });

    it('each counterfactual really changes the verdict when applied', () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), {
            minLength: 5,
            maxLength: 40,
          }),
          (seed) => {
            const answers = randomAnswers(bank, seed, []);
            const base = assess(bank, answers);
            for (const c of counterfactuals(bank, answers, base).items.slice(0, 5)) {
              const changed = new Map(answers);
              changed.set(c.questionId, { value: c.to });
              const reached = new Set(walkFlow(bank, changed).steps.map((s) => s.question.id));
              for (const id of [...changed.keys()]) if (!reached.has(id)) changed.delete(id);
              const after = assess(bank, changed);
              expect(
                after.degree !== base.degree ||
                  after.recommendation !== base.recommendation ||
                  after.fit.level.id !== base.fit.level.id,
              ).toBe(true);
              expect(after.degree).toBe(c.degree);
              expect(after.fit.level.id).toBe(c.fit);
              expect(after.recommendation).toBe(c.recommendation);
            }
          },
        ),
        { numRuns: 100 },
      );
    });
  },
);
