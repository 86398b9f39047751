import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bank, Question } from '../../src/core/bank/bank';
import { references } from '../../src/core/judgement/conditions';
import type { Answer, Answers, AnswerValue } from '../../src/core/judgement/answers';
import { isUnknown, readAnswers } from '../../src/core/judgement/answers';
import { renamedNote } from '../../src/core/judgement/apply-replaces';
import { assess } from '../../src/core/judgement/assess';
import { counterfactuals } from '../../src/core/judgement/counterfactuals';
import { callAt } from '../../src/core/judgement/decide';
import { walkFlow } from '../../src/core/judgement/flow';
import { buildReport } from '../../src/core/report/report';
import { undecidedWords } from '../../src/render/report-words';
import { shippedBank } from '../helpers/examples';
import { randomAnswers } from '../helpers/random-answers';

/** How the call is made (README): properties over generated answers to the shipped bank, and the cases behind them. */

const shipped = shippedBank();
const seed = fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), {
  minLength: 5,
  maxLength: 60,
});
const favour = { take: 0, 'take-with-conditions': 1, undecided: 1.5, decline: 2 } as const;
const question = (id: string): Question => {
  const q = shipped.questions.find((x) => x.id === id);
  if (q === undefined) throw new Error(`no question ${id}`);
  return q;
};

/** The answers with some entries replaced; entries set to undefined are taken out. */
function withAnswers(
  answers: Answers,
  changes: Record<string, AnswerValue | undefined>,
): Map<string, Answer> {
  const out = new Map(answers);
  for (const [id, value] of Object.entries(changes)) {
    if (value === undefined) out.delete(id);
    else out.set(id, { value });
  }
  return out;
}

/** Every way of answering the open degree questions of the shipped bank's chain, answers given kept. */
function completions(bank: Bank, answers: Answers): Map<string, Answer>[] {
  const out: Map<string, Answer>[] = [];
  const stack = [new Map(answers)];
  for (let given = stack.pop(); given !== undefined; given = stack.pop()) {
    const open = walkFlow(bank, given).steps.find(
      (s) =>
        s.question.evidence === 'degree' && (s.answer === undefined || isUnknown(s.answer.value)),
    );
    if (open === undefined) out.push(given);
    else
      for (const c of open.question.choices)
        stack.push(new Map(given).set(open.question.id, { value: c.value }));
  }
  return out;
}

describe('decisive red flags and the right-customer test decline on their own', () => {
  const decisive: [string, Record<string, AnswerValue>][] = [
    ['dismissive or rude to our team', { 'team-treatment': 'dismissive' }],
    ['needs us to endorse their choice', { 'needs-endorsement': 'yes' }],
    [
      'a pattern of blame: every agency and every mistake',
      { 'last-agency': ['blamed-every'], mistakes: ['blame'] },
    ],
    [
      'fails every test of the right customer',
      { valued: ['price'], 'accepts-process': 'impatient', exchange: 'squeeze' },
    ],
  ];
  it.each(decisive)(
    '%s: declines whatever else was answered, the degree undecided included',
    (_name, changes) => {
      fc.assert(
        fc.property(seed, (s) => {
          const a = assess(shipped, withAnswers(randomAnswers(shipped, s, []), changes));
          expect(a.recommendation).toBe('decline');
        }),
        { numRuns: 300 },
      );
    },
  );

  it('"fit: good" never stands beside a red flag of high severity', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const a = assess(shipped, randomAnswers(shipped, s, []));
        if (a.flags.some((f) => f.flag.kind === 'red' && f.flag.severity === 'high'))
          expect(a.fit.level.id).not.toBe('good');
      }),
      { numRuns: 500 },
    );
  });

  it('curt once and apologised adds a condition; it does not decline', () => {
    const chain = {
      'request-source': 'convenience',
      'why-convenience': 'explained',
      'challenge-convenience': 'light-bulb',
    };
    const a = assess(shipped, withAnswers(new Map(), { ...chain, 'team-treatment': 'curt-once' }));
    expect(a.recommendation).toBe('take-with-conditions');
    expect(a.advice.conditions).toContain(
      'One named contact on each side, and an agreed way of giving feedback that the whole team can see.',
    );
  });
});

describe('flags mean something only where they apply', () => {
  it('taking away "holds us responsible" from a first- or second-degree client never makes the call worse, and it never declines them', () => {
    fc.assert(
      fc.property(
        seed,
        fc.constantFrom('ours-advice', 'ours-insisted'),
        fc.constantFrom('theirs', 'shared'),
        (s, ours, other) => {
          const answers = randomAnswers(shipped, s, []);
          const holding = assess(shipped, withAnswers(answers, { 'outcome-owner': ours }));
          if (holding.degree !== 'first' && holding.degree !== 'second') return;
          const not = assess(shipped, withAnswers(answers, { 'outcome-owner': other }));
          expect(not.degree).toBe(holding.degree);
          expect(favour[not.recommendation]).toBeLessThanOrEqual(favour[holding.recommendation]);
          if (not.recommendation === 'take') expect(holding.recommendation).not.toBe('decline');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('no green flag turns a decline into a take unless a rule (or a flag) names it', () => {
    const green = shipped.flags.filter((f) => f.kind === 'green').map((f) => f.id);
    const named = new Set(
      [
        ...shipped.rules.map((r) => r.when),
        ...shipped.flags.flatMap((f) => (f.when === undefined ? [] : [f.when])),
      ].flatMap((c) => references(c).flags),
    );
    const degrees = ['first', 'second', 'third', 'undecided'];
    fc.assert(
      fc.property(
        fc.subarray(shipped.flags.map((f) => f.id)),
        fc.constantFrom(...degrees),
        fc.nat({ max: 10 }),
        fc.constantFrom(...green),
        (raised, degree, n, g) => {
          const before = callAt(shipped, () => undefined, new Set(raised), n, degree);
          if (before.decision.recommendation !== 'decline') return;
          const after = callAt(shipped, () => undefined, new Set([...raised, g]), n, degree);
          if (after.decision.recommendation !== 'decline') expect(named.has(g)).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('"owns their choices" counts only for a third-degree client', () => {
    const owns = { 'outcome-owner': 'theirs' };
    const first = assess(
      shipped,
      withAnswers(new Map(), { 'request-source': 'research', ...owns }),
    );
    expect(first.flags.map((f) => f.flag.id)).not.toContain('owns-choices');
    const third = assess(
      shipped,
      withAnswers(new Map(), {
        'request-source': 'competitor',
        'why-competitor': 'explained',
        'challenge-competitor': 'insists',
        ...owns,
      }),
    );
    expect(third.flags.map((f) => f.flag.id)).toContain('owns-choices');
  });

  it('"decides from evidence" is not earned by an open brief they then refuse to research', () => {
    const a = assess(
      shipped,
      withAnswers(new Map(), { 'request-source': 'open-brief', 'accepts-process': 'impatient' }),
    );
    expect(a.flags.map((f) => f.flag.id)).not.toContain('research-minded');
  });
});

describe('undecided only while an open question could still decline', () => {
  it('a call given while the degree is open is at least as cautious as every way the open questions could go, none of which declines', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const answers = randomAnswers(shipped, s, []);
        const a = assess(shipped, answers);
        if (a.degree !== 'undecided') return;
        const outcomes = completions(shipped, answers).map(
          (c) => assess(shipped, c).recommendation,
        );
        if (a.decidedBy.kind === 'open') {
          for (const r of outcomes) {
            expect(r).not.toBe('decline');
            expect(favour[r]).toBeLessThanOrEqual(favour[a.recommendation]);
          }
          expect(a.advice.conditions[0]).toMatch(/^Before signing: /);
        }
        if (outcomes.includes('decline'))
          expect(['undecided', 'decline']).toContain(a.recommendation);
      }),
      { numRuns: 400 },
    );
  });

  it('the chain cut short before the challenge: the most cautious workable call, and the challenge to ask before signing', () => {
    const a = assess(
      shipped,
      withAnswers(new Map(), {
        'request-source': 'competitor',
        'why-competitor': 'explained',
        'outcome-owner': 'theirs',
        'needs-endorsement': 'no',
        valued: ['our-thinking'],
        'accepts-process': 'yes',
        exchange: 'fair',
        'last-agency': ['parted-well'],
        mistakes: ['repair'],
        'team-treatment': 'respectful',
      }),
    );
    expect(a.degree).toBe('undecided');
    expect(a.recommendation).toBe('take-with-conditions');
    expect(a.decidedBy).toMatchObject({ kind: 'open', degree: 'third' });
    expect(a.advice.conditions[0]).toBe(
      `Before signing: ${question('challenge-competitor').prompt}`,
    );
  });
});

describe('the fit has its own evidence', () => {
  it('below the bank\'s minimum of fit answers the fit is "unknown", never "good", and names the fit questions to ask', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const a = assess(shipped, randomAnswers(shipped, s, []));
        if (a.fit.answered < shipped.fit.minimumAnswered) expect(a.fit.level.id).not.toBe('good');
      }),
      { numRuns: 400 },
    );
    const answers = withAnswers(new Map(), { 'request-source': 'research', valued: ['speed'] });
    const a = assess(shipped, answers);
    expect(a.fit.level.id).toBe('unknown');
    const report = buildReport(shipped, answers, a, counterfactuals(shipped, answers, a), {
      toolVersion: 'test',
      contentHash: 'x',
      prospect: undefined,
      assessedAt: new Date(0),
    });
    expect(report.fit?.toAsk).toContain(question('team-treatment').prompt);
    expect(report.fit?.toAsk).not.toContain(question('valued').prompt);
  });
});

describe('advice follows the answers', () => {
  const paid = 'Discovery is part of the scope and is paid for.';
  it('never asks for paid discovery from a client who brings their own research, or buys on price', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const answers = randomAnswers(shipped, s, []);
        const a = assess(shipped, answers);
        const ids = new Set(a.flags.map((f) => f.flag.id));
        if (ids.has('own-research') || ids.has('price-only'))
          expect(a.advice.conditions).not.toContain(paid);
      }),
      { numRuns: 400 },
    );
  });

  it('offers a review of their own research, and a fixed scope and price to a price-only client', () => {
    const research = assess(
      shipped,
      withAnswers(new Map(), { 'request-source': 'research', 'accepts-process': 'reasoned-skip' }),
    );
    expect(research.advice.conditions.join('\n')).toMatch(/review their own research/);
    expect(research.advice.talkingPoints.join('\n')).toMatch(/walk us through their own research/);
    const price = assess(
      shipped,
      withAnswers(new Map(), { 'request-source': 'open-brief', valued: ['price'] }),
    );
    expect(price.advice.conditions).toContain(
      'A fixed scope at a fixed price; discovery only if they ask for it.',
    );
    expect(price.advice.conditions).not.toContain(paid);
    const open = assess(shipped, withAnswers(new Map(), { 'request-source': 'open-brief' }));
    expect(open.advice.conditions).toContain(paid);
  });
});

describe('"would settle it" names only open questions', () => {
  it('a call cut short after the first "why?": the challenge, not the answered questions before it', () => {
    const answers = withAnswers(new Map(), {
      'request-source': 'competitor',
      'why-competitor': 'explained',
      'challenge-competitor': 'unknown',
    });
    const a = assess(shipped, answers);
    expect(a.recommendation).toBe('undecided');
    const report = buildReport(shipped, answers, a, counterfactuals(shipped, answers, a), {
      toolVersion: 'test',
      contentHash: 'x',
      prospect: undefined,
      assessedAt: new Date(0),
    });
    const words = undecidedWords(report);
    expect(words).toContain(`Would settle it: ${question('challenge-competitor').prompt}`);
    expect(words).not.toContain(question('why-competitor').prompt);
    expect(words).not.toContain(question('request-source').prompt);
  });
});

describe('values the bank renamed or split', () => {
  it('are read as the option that replaces them, and named in one line', () => {
    const raw = new Map<string, unknown>([
      ['outcome-owner', { value: 'ours', note: 'On you.' }],
      ['accepts-process', 'no'],
      ['last-agency', 'blamed-every'],
    ]);
    const { answers, problems, renamed } = readAnswers(shipped, raw);
    expect(problems).toEqual([]);
    expect(answers.get('outcome-owner')).toEqual({ value: 'ours-insisted', note: 'On you.' });
    expect(answers.get('accepts-process')).toEqual({ value: 'impatient' });
    // A single answer to a question that is now a multiple choice reads as that one option.
    expect(answers.get('last-agency')).toEqual({ value: ['blamed-every'] });
    expect(renamedNote(renamed)).toBe(
      "read under the bank's new names (the old values still work): outcome-owner: ours → ours-insisted, accepts-process: no → impatient",
    );
  });
});

describe('undecided only while the open fit questions, answered together, could decline', () => {
  // The chain stops after the first "why?" (the degree is open); every other fit question is favourable.
  const favourable = {
    'request-source': 'competitor',
    'why-competitor': 'explained',
    'outcome-owner': 'theirs',
    'needs-endorsement': 'no',
    standards: 'exacting-informed',
    'product-knowledge': 8,
    'last-agency': ['parted-well'],
    mistakes: ['repair'],
    'team-treatment': 'respectful',
  };

  it('stays undecided when the three right-customer questions are open: together they could decline', () => {
    const a = assess(shipped, withAnswers(new Map(), favourable));
    expect(a.recommendation).toBe('undecided');
    expect(a.open?.couldDecline).toBe(true);
    expect(a.advice.conditions.some((c) => c.startsWith('Before signing:'))).toBe(false);
  });

  it('gives the most cautious workable call, asked before signing, when they cannot decline together', () => {
    const a = assess(
      shipped,
      withAnswers(new Map(), { ...favourable, valued: ['our-thinking'], 'accepts-process': 'yes' }),
    );
    expect(a.recommendation).toBe('take-with-conditions');
    expect(a.decidedBy.kind).toBe('open');
    expect(a.open?.couldDecline).toBe(false);
    expect(a.advice.conditions[0]).toMatch(/^Before signing: /);
  });

  it('a workable call given while the degree is open: no completion of the open fit questions declines', () => {
    const pick = fc.array(fc.nat(), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(seed, fc.array(pick, { minLength: 3, maxLength: 3 }), (s, picks) => {
        const answers = randomAnswers(shipped, s, []);
        const a = assess(shipped, answers);
        // A call given while the degree is open (a decided degree gives its own call: not this property's concern).
        if (a.decidedBy.kind !== 'open') return;
        const open = a.steps.filter(
          ({ question, answer }) =>
            question.evidence === 'fit' &&
            question.type !== 'text' &&
            (answer === undefined || isUnknown(answer.value)),
        );
        for (const p of picks) {
          const changes: Record<string, AnswerValue> = {};
          open.forEach(({ question: q }, i) => {
            const n = p[i] ?? 0;
            if (q.type === 'scale')
              changes[q.id] = q.bands[n % Math.max(q.bands.length, 1)]?.from ?? 'unknown';
            else if (q.type === 'multiple')
              changes[q.id] = q.choices.filter((_, j) => ((n >> j) & 1) === 1).map((c) => c.value);
            else changes[q.id] = q.choices[n % q.choices.length]?.value ?? 'unknown';
          });
          const b = assess(shipped, withAnswers(answers, changes));
          expect(b.recommendation).not.toBe('decline');
          expect(b.open?.couldDecline ?? false).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
