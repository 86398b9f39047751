import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bank, Choice, FitLevel, Question, Rule } from '../../src/core/bank/bank';
import type { Condition, Flag, Recommendation } from '../../src/core/bank/schema';
import type { Answer } from '../../src/core/judgement/answers';
import { isUnknown } from '../../src/core/judgement/answers';
import { assess } from '../../src/core/judgement/assess';
import { decide } from '../../src/core/judgement/decide';
import { fitOf } from '../../src/core/judgement/fit';
import { counterfactualBound, counterfactuals } from '../../src/core/judgement/counterfactuals';
import { walkFlow } from '../../src/core/judgement/flow';
import { shippedBank } from '../helpers/examples';
import { randomAnswers } from '../helpers/random-answers';

/** The method's properties of the verdict, on the shipped bank and on generated banks. */

const shipped = shippedBank();
const seed = fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), {
  minLength: 5,
  maxLength: 60,
});
const at = { file: 'generated.yaml', path: [] };

/** How favourable a verdict is: take is the most, decline the least; undecided sits between conditions and decline. */
const favour = { take: 0, 'take-with-conditions': 1, undecided: 1.5, decline: 2 } as const;

function choice(
  value: string,
  signals: Record<string, number>,
  flags: string[],
  opens: string[] = [],
): Choice {
  return {
    value,
    label: value,
    signals: new Map(Object.entries(signals)),
    flags,
    opens,
    neutral: false,
    replaces: [],
    at,
  };
}

function question(
  id: string,
  evidence: 'degree' | 'fit',
  choices: Choice[],
  when?: Condition,
): Question {
  return {
    id,
    prompt: id,
    help: undefined,
    type: 'single',
    required: false,
    when,
    evidence,
    choices,
    scale: undefined,
    bands: [],
    section: 's',
    at,
  };
}

/**
 * Generated banks: three degrees, a chain of degree questions (each may open
 * the next), fit questions raising flags of every kind and severity, fit
 * levels with rising thresholds, and rules over flags, flag counts, the worst
 * fit level and the degree — the monotone forms the README recommends.
 */
const generatedBank: fc.Arbitrary<Bank> = fc
  .record({
    minimumEvidence: fc.integer({ min: 1, max: 4 }),
    degreeQuestions: fc.array(
      fc.record({
        options: fc.array(
          fc.record({
            degree: fc.constantFrom('d1', 'd2', 'd3'),
            weight: fc.integer({ min: -2, max: 5 }),
            opensNext: fc.boolean(),
          }),
          {
            minLength: 2,
            maxLength: 3,
          },
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    flags: fc.array(
      fc.record({
        kind: fc.constantFrom('red', 'green'),
        severity: fc.constantFrom('low', 'medium', 'high'),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    fitQuestions: fc.array(
      fc.array(fc.array(fc.nat({ max: 5 }), { maxLength: 2 }), { minLength: 2, maxLength: 3 }),
      { minLength: 1, maxLength: 5 },
    ),
    thresholds: fc.uniqueArray(fc.integer({ min: -6, max: 10 }), { minLength: 1, maxLength: 3 }),
    levelRecs: fc.array(
      fc.constantFrom<Recommendation | undefined>(undefined, 'take-with-conditions', 'decline'),
      { minLength: 4, maxLength: 4 },
    ),
    rules: fc.array(
      fc.record({
        kind: fc.constantFrom('flag', 'count', 'worst-fit', 'degree'),
        n: fc.nat({ max: 5 }),
        recommendation: fc.constantFrom<Recommendation>('take', 'take-with-conditions', 'decline'),
      }),
      { maxLength: 3 },
    ),
  })
  .map((g): Bank => {
    const flags: Flag[] = g.flags.map((f, i) => ({
      id: `f${i}`,
      kind: f.kind,
      label: `flag ${i}`,
      severity: f.severity,
      explanation: 'x',
    }));
    const questions: Question[] = [];
    g.degreeQuestions.forEach((q, i) => {
      const next = `dq${i + 1}`;
      const hasNext = i + 1 < g.degreeQuestions.length;
      questions.push(
        question(
          `dq${i}`,
          'degree',
          q.options.map((o, j) =>
            choice(`o${j}`, { [o.degree]: o.weight }, [], hasNext && o.opensNext ? [next] : []),
          ),
        ),
      );
    });
    g.fitQuestions.forEach((options, i) => {
      questions.push(
        question(
          `fq${i}`,
          'fit',
          options.map((raised, j) =>
            choice(`o${j}`, {}, [
              ...new Set(raised.map((n) => flags[n % flags.length]?.id ?? 'f0')),
            ]),
          ),
        ),
      );
    });
    const sorted = [...g.thresholds].sort((a, b) => a - b);
    // Recommendations never more favourable further down, as lint requires.
    let worst = -1;
    const order: (Recommendation | undefined)[] = [
      undefined,
      'take',
      'take-with-conditions',
      'decline',
    ];
    const levels: FitLevel[] = [...sorted, undefined].map((upTo, i) => {
      const wanted = g.levelRecs[i];
      const rank = Math.max(worst, order.indexOf(wanted));
      worst = rank;
      return {
        id: `l${i}`,
        name: `level ${i}`,
        upTo,
        recommendation: order[rank],
        reason: undefined,
        conditions: [],
        at,
      };
    });
    const worstLevel = levels[levels.length - 1]?.id ?? 'l0';
    const rules: Rule[] = g.rules.map((r, i) => {
      const when: Condition =
        r.kind === 'flag'
          ? { flag: flags[r.n % flags.length]?.id ?? 'f0' }
          : r.kind === 'count'
            ? { flagCount: { kind: 'red', minSeverity: 'medium', atLeast: 1 + (r.n % 3) } }
            : r.kind === 'worst-fit'
              ? { fit: worstLevel }
              : { degree: ['d1', 'd2', 'd3'][r.n % 3] ?? 'd1' };
      return {
        id: `r${i}`,
        when,
        recommendation: r.recommendation,
        reason: 'because',
        conditions: [],
        at,
      };
    });
    const degree = (id: string, recommendation: Recommendation) => ({
      id,
      name: id,
      summary: id,
      meaning: id,
      recommendation,
      advice: { talkingPoints: [], conditions: [] },
    });
    return {
      formatVersion: 2,
      id: 'generated',
      title: 'generated',
      version: '1',
      description: 'generated',
      degrees: [degree('d1', 'take'), degree('d2', 'take'), degree('d3', 'take-with-conditions')],
      flags,
      minimumEvidence: g.minimumEvidence,
      fit: { points: { low: 1, medium: 2, high: 4 }, minimumAnswered: 0, levels, declared: true },
      questions,
      rules,
      examples: [],
      files: ['generated.yaml'],
    };
  });

/** Every bank the properties run on: the shipped one and generated ones. */
const anyBank = fc.oneof(fc.constant(shipped), generatedBank);

/** Questions reached and answered (not unknown). */
function answeredSteps(bank: Bank, answers: Map<string, Answer>) {
  return walkFlow(bank, answers).steps.filter(
    (s) => s.answer !== undefined && !isUnknown(s.answer.value),
  );
}

describe('the verdict follows the method', () => {
  it('changing a light-bulb answer to an explanation never moves the degree toward first (shipped bank)', () => {
    const rank = new Map(shipped.degrees.map((d, i) => [d.id, i]));
    fc.assert(
      fc.property(
        seed,
        fc.constantFrom('light-bulb', 'insists', 'unknown'),
        (s, challengeAnswer) => {
          const answers = randomAnswers(shipped, s, []);
          for (const step of answeredSteps(shipped, answers)) {
            if (step.answer?.value !== 'light-bulb') continue;
            const before = assess(shipped, answers).degree;
            const changed = new Map(answers);
            const explanation =
              step.question.choices.find((c) => c.value !== 'light-bulb')?.value ?? 'explained';
            changed.set(step.question.id, { value: explanation });
            // Explaining at the first "why?" opens the challenge: try each way it could go.
            for (const opened of step.question.choices.flatMap((c) => c.opens))
              changed.set(opened, { value: challengeAnswer });
            const after = assess(shipped, changed).degree;
            if (after === 'first') expect(before).toBe('first');
            if (before !== 'undecided' && after !== 'undecided')
              expect(rank.get(after) ?? 0).toBeGreaterThanOrEqual(rank.get(before) ?? 0);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('adding a red flag never makes the recommendation more favourable', () => {
    fc.assert(
      fc.property(anyBank, seed, fc.nat(), (bank, s, pickFlag) => {
        const answers = randomAnswers(bank, s, []);
        const base = assess(bank, answers);
        const raised = new Set(base.flags.map((f) => f.flag.id));
        const red = bank.flags.filter((f) => f.kind === 'red' && !raised.has(f.id));
        const flag = red[pickFlag % Math.max(1, red.length)];
        if (flag === undefined) return;
        const more = new Set([...raised, flag.id]);
        const asked = new Map(base.steps.map((st) => [st.question.id, st.answer?.value]));
        const after = decide(
          bank,
          (id) => asked.get(id),
          more,
          base.degree,
          fitOf(bank, more, base.fit.answered),
        );
        expect(favour[after.recommendation]).toBeGreaterThanOrEqual(favour[base.recommendation]);
      }),
      { numRuns: 600 },
    );
  });

  it('answering a question "unknown" instead never raises confidence, completeness or clarity', () => {
    fc.assert(
      fc.property(anyBank, seed, fc.nat(), (bank, s, pickStep) => {
        const answers = randomAnswers(bank, s, []);
        const steps = answeredSteps(bank, answers);
        const step = steps[pickStep % Math.max(1, steps.length)];
        if (step === undefined) return;
        const before = assess(bank, answers);
        const changed = new Map(answers);
        changed.set(step.question.id, { value: 'unknown' });
        const after = assess(bank, changed);
        expect(after.confidence).toBeLessThanOrEqual(before.confidence);
        expect(after.completeness).toBeLessThanOrEqual(before.completeness);
        expect(after.clarity).toBeLessThanOrEqual(before.clarity);
      }),
      { numRuns: 600 },
    );
  });

  it('changing only fit answers never changes the degree', () => {
    fc.assert(
      fc.property(anyBank, seed, seed, (bank, s, other) => {
        const answers = randomAnswers(bank, s, []);
        const changed = new Map(answers);
        let i = 0;
        for (const q of bank.questions) {
          if (q.evidence !== 'fit' || q.type === 'text') continue;
          const roll = other[i++ % other.length] ?? 0;
          const option = q.choices[Math.floor(roll * q.choices.length)];
          if (q.type === 'scale') changed.set(q.id, { value: q.scale?.min ?? 0 });
          else if (q.type === 'multiple')
            changed.set(q.id, { value: roll < 0.5 ? [] : q.choices.map((c) => c.value) });
          else if (option !== undefined)
            changed.set(q.id, { value: roll < 0.1 ? 'unknown' : option.value });
        }
        const before = assess(bank, answers);
        const after = assess(bank, changed);
        expect(after.degree).toBe(before.degree);
        expect(after.scores).toEqual(before.scores);
      }),
      { numRuns: 500 },
    );
  });

  it('is deterministic: the same answers in another order give the same assessment', () => {
    fc.assert(
      fc.property(anyBank, seed, (bank, s) => {
        const answers = randomAnswers(bank, s, []);
        const reversed = new Map([...answers].reverse());
        expect(
          JSON.stringify(assess(bank, reversed), (_k, v: unknown) =>
            v instanceof Map ? [...v] : v,
          ),
        ).toBe(
          JSON.stringify(assess(bank, answers), (_k, v: unknown) =>
            v instanceof Map ? [...v] : v,
          ),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('fit answers alone can decline, and then the fit is named as the reason', () => {
    const answers = new Map<string, Answer>([
      ['request-source', { value: 'opinions' }],
      ['why-opinions', { value: 'explained' }],
      ['challenge-opinions', { value: 'light-bulb' }],
      ['valued', { value: ['price'] }],
      ['exchange', { value: 'squeeze' }],
      ['last-agency', { value: ['blamed-every'] }],
      ['mistakes', { value: ['repair'] }],
      ['standards', { value: 'exacting-taste' }],
      ['team-treatment', { value: 'demanding-fair' }],
    ]);
    const a = assess(shipped, answers);
    expect(a.degree).toBe('second');
    expect(a.fit.level.id).toBe('poor');
    expect(a.recommendation).toBe('decline');
    expect(a.decidedBy.kind).toBe('fit');
  });
});

describe('what would change the call, on a huge bank', () => {
  it('stops at the documented bound and says the list is incomplete', () => {
    const questions = Array.from({ length: 3000 }, (_, i) =>
      question(`q${i}`, 'degree', [choice('x', { d1: 1 }, []), choice('y', { d2: 1 }, [])]),
    );
    const bank: Bank = {
      ...shipped,
      id: 'huge',
      degrees: shipped.degrees,
      questions,
      rules: [],
      flags: [],
      examples: [],
    };
    const answers = new Map<string, Answer>(
      questions.map((q, i) => [q.id, { value: i % 3 === 0 ? 'y' : 'x' }]),
    );
    expect(assess(bank, answers).steps).toHaveLength(3000);
    const small = new Map<string, Answer>([...answers].slice(0, 10));
    const smallBank = { ...bank, questions: questions.slice(0, 10) };
    expect(counterfactuals(smallBank, small).complete).toBe(true);
    const found = counterfactuals(bank, answers);
    expect(found.complete).toBe(false);
    // 100,000 visits of a 3,000-question bank: at most 33 tries, each a question's other answer.
    expect(found.items.length).toBeLessThanOrEqual(Math.floor(counterfactualBound.visits / 3000));
  });
});

describe('the fit when too little about it came up', () => {
  it("is unknown, not good, and changes nothing; the bank's minimum of fit answers makes it known", () => {
    const chain = new Map<string, Answer>([
      ['request-source', { value: 'competitor' }],
      ['why-competitor', { value: 'explained' }],
      ['challenge-competitor', { value: 'light-bulb' }],
    ]);
    const a = assess(shipped, chain);
    expect(a.degree).toBe('second');
    expect(a.fit.level.id).toBe('unknown');
    expect(a.recommendation).toBe('take');
    const one = assess(
      shipped,
      new Map([...chain, ['team-treatment', { value: 'demanding-fair' }]]),
    );
    expect(one.fit.level.id).toBe('unknown');
    const four: [string, Answer][] = [
      ['team-treatment', { value: 'demanding-fair' }],
      ['valued', { value: ['our-craft'] }],
      ['exchange', { value: 'fair' }],
      ['standards', { value: 'relaxed' }],
    ];
    expect(shipped.fit.minimumAnswered).toBe(4);
    expect(assess(shipped, new Map([...chain, ...four])).fit.level.id).toBe('good');
  });
});
