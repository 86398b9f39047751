import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Condition } from '../../src/core/bank/schema';
import type { Answer } from '../../src/core/judgement/answers';
import { assess } from '../../src/core/judgement/assess';
import { evaluate } from '../../src/core/judgement/conditions';
import { counterfactuals } from '../../src/core/judgement/counterfactuals';
import { walkFlow } from '../../src/core/judgement/flow';
import { buildReport } from '../../src/core/report/report';
import { loadBank } from '../../src/io/load-bank';
import { reportRenderers } from '../../src/render/report';
import { plainStyle } from '../../src/render/style';
import { rawControl } from '../helpers/in-process';
import { writeTree } from '../helpers/temp';

const id = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const value = fc.oneof(fc.constantFrom('x', 'y', 'z', 'unknown'), fc.integer({ min: -2, max: 7 }));

const condition: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ question: id, equals: value }),
    fc.record({ question: id, in: fc.array(value, { minLength: 1, maxLength: 3 }) }),
    fc.record({ question: id, answered: fc.boolean() }),
    fc.record({ flag: id }),
    fc.record({ degree: id }),
    fc.record({ not: tie('c') }),
    fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
  ),
})).c;

describe('fuzzing', () => {
  it('a condition always evaluates to a boolean, whatever the answers and flags', () => {
    fc.assert(
      fc.property(
        condition,
        fc.dictionary(id, fc.oneof(value, fc.array(fc.constantFrom('x', 'y')))),
        fc.array(id),
        fc.option(id),
        (c, answers, flags, degree) => {
          const result = evaluate(c, {
            answerOf: (q) => answers[q],
            hasFlag: (f) => (flags as string[]).includes(f),
            ...(degree === null ? {} : { degree }),
          });
          expect(typeof result).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('random banks built from the format load or explain why, and score, explain and render random interviews without throwing', () => {
    // Seeded, so a failure is reproducible; bounded so CI stays fast.
    const degreeIds = ['d1', 'd2', 'd3'];
    const bankArb = fc
      .record({
        degrees: fc.integer({ min: 2, max: 3 }),
        minimumEvidence: fc.integer({ min: 0, max: 4 }),
        questions: fc.array(
          fc.record({
            type: fc.constantFrom('single', 'multiple', 'yes-no', 'scale', 'text'),
            options: fc.array(
              fc.record({
                weight: fc.integer({ min: -3, max: 5 }),
                degree: fc.integer({ min: 0, max: 2 }),
                opensNext: fc.boolean(),
                flag: fc.boolean(),
                label: fc.string({ minLength: 1, maxLength: 12 }),
              }),
              { minLength: 2, maxLength: 4 },
            ),
            when: fc.option(
              fc.record({
                back: fc.integer({ min: 1, max: 3 }),
                kind: fc.constantFrom('answered', 'flag', 'not'),
              }),
            ),
            prompt: fc.string({ minLength: 1, maxLength: 30 }),
          }),
          { minLength: 1, maxLength: 7 },
        ),
        rule: fc.option(fc.constantFrom('take', 'take-with-conditions', 'decline')),
      })
      .map((spec) => {
        const degrees = degreeIds.slice(0, spec.degrees).map((d) => ({
          id: d,
          name: d,
          summary: 's',
          meaning: 'm',
          recommendation: 'take',
          advice: { talkingPoints: ['t'], conditions: ['c'] },
        }));
        const questions = spec.questions.map((q, i) => {
          const base: Record<string, unknown> = {
            id: `q${i}`,
            type: q.type,
            prompt: q.prompt.trim() === '' ? 'p' : q.prompt,
          };
          const effect = (o: (typeof q.options)[number]) => ({
            signals: { [degreeIds[o.degree % spec.degrees] ?? 'd1']: o.weight },
            ...(o.flag ? { flags: ['f'] } : {}),
            ...(o.opensNext && i + 1 < spec.questions.length ? { opens: [`q${i + 1}`] } : {}),
          });
          if (q.type === 'single' || q.type === 'multiple')
            base.options = q.options.map((o, k) => ({
              value: `o${k}`,
              label: o.label,
              ...effect(o),
            }));
          if (q.type === 'yes-no')
            base.options = q.options
              .slice(0, 2)
              .map((o, k) => ({ value: k === 0 ? 'yes' : 'no', ...effect(o) }));
          if (q.type === 'scale') {
            base.scale = { min: 1, max: 5 };
            base.bands = [
              {
                from: 1,
                to: 2,
                ...effect(
                  q.options[0] ?? {
                    weight: 1,
                    degree: 0,
                    opensNext: false,
                    flag: false,
                    label: 'x',
                  },
                ),
              },
              {
                from: 3,
                to: 5,
                ...effect(
                  q.options[1] ?? {
                    weight: 1,
                    degree: 1,
                    opensNext: false,
                    flag: false,
                    label: 'y',
                  },
                ),
              },
            ];
          }
          if (q.when !== null && i >= q.when.back) {
            const target = `q${i - q.when.back}`;
            base.when =
              q.when.kind === 'answered'
                ? { question: target, answered: true }
                : q.when.kind === 'flag'
                  ? { flag: 'f' }
                  : { not: { question: target, answered: false } };
          }
          return base;
        });
        return {
          clientfit: 1,
          id: 'random',
          title: 'Random',
          version: '1',
          description: 'generated',
          scoring: { minimumEvidence: spec.minimumEvidence },
          degrees,
          flags: [{ id: 'f', kind: 'red', label: 'F', severity: 'high', explanation: 'e' }],
          ...(spec.rule === null
            ? {}
            : {
                rules: [
                  { id: 'r', when: { flag: 'f' }, recommendation: spec.rule, reason: 'because' },
                ],
              }),
          questions,
        };
      });
    let loaded = 0;
    fc.assert(
      fc.property(
        bankArb,
        fc.array(fc.double({ min: 0, max: 0.999, noNaN: true }), { minLength: 10, maxLength: 30 }),
        (data, rolls) => {
          const dir = writeTree({ 'bank.yaml': stringify(data) });
          const result = loadBank(dir, dir);
          if (result.bank === undefined) {
            expect(result.diagnostics.length).toBeGreaterThan(0);
            return;
          }
          loaded++;
          const bank = result.bank;
          let k = 0;
          const roll = (): number => rolls[k++ % rolls.length] ?? 0;
          const answers = new Map<string, Answer>();
          for (let guard = 0; guard < 50; guard++) {
            const next = walkFlow(bank, answers).next;
            if (next === undefined) break;
            const values: Answer['value'][] =
              next.type === 'scale'
                ? [1, 2, 3, 4, 5]
                : next.type === 'text'
                  ? ['words']
                  : next.choices.map((c) => c.value);
            const picked =
              roll() < 0.2 ? 'unknown' : (values[Math.floor(roll() * values.length)] ?? 'unknown');
            answers.set(next.id, {
              value: next.type === 'multiple' && picked !== 'unknown' ? [String(picked)] : picked,
            });
          }
          const a = assess(bank, answers);
          expect(a.confidence).toBeGreaterThanOrEqual(0);
          expect(a.confidence).toBeLessThanOrEqual(1);
          const report = buildReport(bank, answers, a, counterfactuals(bank, answers, a), {
            toolVersion: '0',
            contentHash: 'x',
            prospect: 'P',
            assessedAt: new Date(0),
          });
          for (const render of [
            reportRenderers.text,
            reportRenderers.markdown,
            reportRenderers.json,
          ]) {
            const text = render(report, plainStyle);
            expect(typeof text).toBe('string');
            expect(rawControl.test(text)).toBe(false);
          }
        },
      ),
      { numRuns: 150, seed: 20261122 },
    );
    expect(loaded).toBeGreaterThan(20);
  }, 60_000);
});
