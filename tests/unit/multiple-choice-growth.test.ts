import { describe, expect, it } from 'vitest';
import type { Bank, Choice, Question } from '../../src/core/bank/bank';
import type { Answer } from '../../src/core/judgement/answers';
import { assess } from '../../src/core/judgement/assess';
import { counterfactualBound, counterfactuals } from '../../src/core/judgement/counterfactuals';
import { buildReport } from '../../src/core/report/report';
import { reportSchema } from '../../src/core/report/report-schema';
import { shippedBank } from '../helpers/examples';

// A multiple choice of n options, all picked: the work of assessing it, finding
// what would change the call and building the report, and the report itself,
// must grow with n, not n². Work is counted as reads of the options and of the
// answer's values (through a Proxy), so the check never depends on the clock.

const shipped = shippedBank();
const at = { file: 'generated.yaml', path: [] };
let reads = 0;
const counted = <T>(items: T[]): T[] =>
  new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });

function run(n: number) {
  const choices: Choice[] = Array.from({ length: n }, (_, i) => ({
    value: `o${i}`,
    label: `Option ${i}`,
    replaces: [],
    // Half toward each degree: a tie, so dropping any one option changes the degree.
    signals: new Map([[i % 2 === 0 ? 'first' : 'third', 1]]),
    flags: [],
    opens: [],
    neutral: false,
    at,
  }));
  const question: Question = {
    id: 'many',
    prompt: 'Which of these?',
    help: undefined,
    type: 'multiple',
    required: false,
    when: undefined,
    evidence: 'degree',
    choices: counted(choices),
    scale: undefined,
    bands: [],
    section: 's',
    at,
  };
  const bank: Bank = {
    ...shipped,
    id: 'many-options',
    questions: [question],
    rules: [],
    flags: [],
    examples: [],
  };
  const answers = new Map<string, Answer>([
    ['many', { value: counted(choices.map((c) => c.value)) }],
  ]);
  reads = 0;
  const assessment = assess(bank, answers);
  const search = counterfactuals(bank, answers, assessment);
  const report = buildReport(bank, answers, assessment, search, {
    toolVersion: '0',
    contentHash: 'x',
    prospect: undefined,
    assessedAt: new Date(0),
  });
  return { reads, report, json: JSON.stringify(report) };
}

describe('a multiple choice of thousands of options, all picked', () => {
  // Both sizes are past the bound of tries, so each does the same number of them.
  const small = run(2 * counterfactualBound.tries);
  const large = run(4 * counterfactualBound.tries);

  it('costs about twice the work for twice the options', () => {
    expect(large.reads / small.reads).toBeLessThan(2.3);
  });

  it('gives a report about twice as large for twice the options, valid against the schema', () => {
    expect(large.json.length / small.json.length).toBeLessThan(2.3);
    expect(() => reportSchema().parse(large.report)).not.toThrow();
  });

  it('names one option in each piece of evidence and each counterfactual, not the whole answer', () => {
    const { report } = large;
    expect(report.evidence).toHaveLength(4 * counterfactualBound.tries);
    for (const e of report.evidence) expect(typeof e.answer).toBe('string');
    expect(report.counterfactuals.length).toBeGreaterThan(0);
    for (const c of report.counterfactuals) {
      expect(c.change).toBe('drop');
      expect(c.from).toBeNull();
      expect(c.to).toMatch(/^o\d+$/);
      expect(c.toLabel).toMatch(/^Option \d+$/);
    }
  });
});
