import type { Bank, Question, Rule } from '../bank/bank';
import { effectsOf } from '../bank/bank';
import type { Degree, Flag, Recommendation } from '../bank/schema';
import type { Answer, Answers, AnswerValue } from './answers';
import { answerLabel, isUnknown } from './answers';
import { evaluate } from './conditions';
import type { Flow, FlowStep } from './flow';
import { walkFlow } from './flow';

export const undecided = 'undecided';

export type Verdict = Recommendation | typeof undecided;

/** One answer's pull toward one degree. */
export interface Contribution {
  readonly questionId: string;
  readonly prompt: string;
  readonly answer: AnswerValue;
  /** The label of the chosen option or band, as the interviewer saw it. */
  readonly label: string;
  readonly note: string | undefined;
  readonly degree: string;
  readonly weight: number;
}

export interface RaisedFlag {
  readonly flag: Flag;
  readonly raisedBy: readonly string[];
}

export interface DegreeScore {
  readonly degree: string;
  readonly score: number;
}

/** Why the degree is undecided, when it is. */
export type UndecidedReason = 'too-little-evidence' | 'tie';

/** The full result for one set of answers. Deterministic: same bank and answers, same assessment. */
export interface Assessment {
  readonly steps: readonly FlowStep[];
  readonly scores: readonly DegreeScore[];
  readonly degree: string;
  readonly runnerUp: string | undefined;
  readonly undecidedReason: UndecidedReason | undefined;
  /** In [0, 1]: coverage × strength × (½ + ½ × separation); see the README. */
  readonly confidence: number;
  readonly coverage: { readonly answered: number; readonly asked: number };
  readonly recommendation: Verdict;
  /** The rule that set the recommendation, if one did (else it is the degree's default). */
  readonly decidingRule: Rule | undefined;
  readonly rulesFired: readonly Rule[];
  readonly contributions: readonly Contribution[];
  readonly flags: readonly RaisedFlag[];
  readonly advice: { readonly talkingPoints: readonly string[]; readonly conditions: readonly string[] };
}

const signalsByQuestion = new WeakMap<Question, boolean>();

/** Whether any answer to the question carries weight. Worked out once per question. */
function hasSignals(question: Question): boolean {
  let known = signalsByQuestion.get(question);
  if (known === undefined) {
    known = [...question.choices, ...question.bands].some((e) => [...e.signals.values()].some((w) => w !== 0));
    signalsByQuestion.set(question, known);
  }
  return known;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The flow the answers take and what they add up to, per degree; each weight's evidence goes to `evidence` when given. */
function tally(
  bank: Bank,
  answers: Answers,
  evidence: Contribution[] | undefined,
): { flow: Flow; totals: Map<string, number>; signalQuestions: number; signalAnswered: number } {
  const flow = walkFlow(bank, answers);
  const totals = new Map<string, number>(bank.degrees.map((d) => [d.id, 0]));
  let signalQuestions = 0;
  let signalAnswered = 0;
  for (const { question, answer } of flow.steps) {
    const weighted = hasSignals(question);
    if (weighted) signalQuestions++;
    if (answer === undefined || isUnknown(answer.value)) continue;
    if (weighted) signalAnswered++;
    for (const effect of effectsOf(question, answer.value)) {
      for (const [degree, weight] of effect.signals) {
        if (weight === 0 || !totals.has(degree)) continue;
        totals.set(degree, (totals.get(degree) ?? 0) + weight);
        evidence?.push({
          questionId: question.id,
          prompt: question.prompt,
          answer: answer.value,
          // For a multiple choice, the label of the option that carries this weight.
          label: 'value' in effect ? effect.label : answerLabel(question, answer.value),
          note: answer.note,
          degree,
          weight,
        });
      }
    }
  }
  return { flow, totals, signalQuestions, signalAnswered };
}

/** The scores, highest first (ties in the bank's order), and the degree they decide. */
function rank(bank: Bank, totals: ReadonlyMap<string, number>): { scores: DegreeScore[]; degree: string; undecidedReason: UndecidedReason | undefined } {
  const order = new Map(bank.degrees.map((d, i) => [d.id, i]));
  const scores: DegreeScore[] = [...totals].map(([degree, score]) => ({ degree, score: round2(score) }));
  scores.sort((a, b) => b.score - a.score || (order.get(a.degree) ?? 0) - (order.get(b.degree) ?? 0));
  const topScore = scores[0]?.score ?? 0;
  const secondScore = scores[1]?.score ?? 0;
  let undecidedReason: UndecidedReason | undefined;
  if (topScore < bank.minimumEvidence || topScore <= 0) undecidedReason = 'too-little-evidence';
  else if (topScore === secondScore) undecidedReason = 'tie';
  const degree = undecidedReason === undefined && scores[0] ? scores[0].degree : undecided;
  return { scores, degree, undecidedReason };
}

/** The recommendation for a degree: the rules that fire, the one that decides, else the degree's own. */
function recommend(
  bank: Bank,
  flow: Flow,
  degree: string,
): { rulesFired: Rule[]; decline: Rule | undefined; decidingRule: Rule | undefined; degreeInfo: Degree | undefined; recommendation: Verdict } {
  const asked = new Map(flow.steps.map((s) => [s.question.id, s.answer?.value]));
  const context = { answerOf: (id: string): AnswerValue | undefined => asked.get(id), hasFlag: (id: string) => flow.flags.has(id), degree };
  const rulesFired = bank.rules.filter((rule) => evaluate(rule.when, context));
  const decline = rulesFired.find((rule) => rule.recommendation === 'decline');
  // Decline rules always win; other rules apply only once a degree is decided.
  const decidingRule = decline ?? (degree === undecided ? undefined : rulesFired[0]);
  const degreeInfo = bank.degrees.find((d) => d.id === degree);
  return { rulesFired, decline, decidingRule, degreeInfo, recommendation: decidingRule?.recommendation ?? degreeInfo?.recommendation ?? undecided };
}

/** Only the degree and the recommendation (what counterfactuals compare): the same result as assess, without the evidence. */
export function verdictOf(bank: Bank, answers: Answers): { readonly degree: string; readonly recommendation: Verdict } {
  const { flow, totals } = tally(bank, answers, undefined);
  const { degree } = rank(bank, totals);
  return { degree, recommendation: recommend(bank, flow, degree).recommendation };
}

/**
 * Scores a set of answers against a bank: the flow, the degree with its
 * runner-up and confidence, the recommendation with the rule behind it, the
 * evidence and the advice. Pure and total.
 */
export function assess(bank: Bank, answers: Answers): Assessment {
  const contributions: Contribution[] = [];
  const { flow, totals, signalQuestions, signalAnswered } = tally(bank, answers, contributions);
  const { scores, degree, undecidedReason } = rank(bank, totals);
  const topScore = scores[0]?.score ?? 0;
  const second = scores[1];
  const secondScore = second?.score ?? 0;

  const coverage = signalQuestions === 0 ? 0 : signalAnswered / signalQuestions;
  const strength = topScore <= 0 ? 0 : Math.min(1, topScore / Math.max(bank.minimumEvidence, Number.EPSILON));
  const separation = topScore <= 0 ? 0 : Math.max(0, Math.min(1, (topScore - Math.max(0, secondScore)) / topScore));
  const confidence = round2(Math.max(0, Math.min(1, coverage * strength * (0.5 + 0.5 * separation))));

  const { rulesFired, decline, decidingRule, degreeInfo, recommendation } = recommend(bank, flow, degree);

  const flagById = new Map(bank.flags.map((f) => [f.id, f]));
  const flags: RaisedFlag[] = [];
  for (const [id, raisedBy] of flow.flags) {
    const flag = flagById.get(id);
    if (flag) flags.push({ flag, raisedBy });
  }
  const severityRank = { high: 0, medium: 1, low: 2 } as const;
  flags.sort((a, b) => (a.flag.kind === b.flag.kind ? 0 : a.flag.kind === 'red' ? -1 : 1) || severityRank[a.flag.severity] - severityRank[b.flag.severity]);

  contributions.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));

  const applied = decidingRule === undefined ? [] : decline === undefined ? [decidingRule] : rulesFired.filter((r) => r.recommendation === 'decline');
  const conditions = [...(degreeInfo?.advice.conditions ?? []), ...applied.flatMap((r) => r.conditions)];

  return {
    steps: flow.steps,
    scores,
    degree,
    // A runner-up with no evidence at all is not a runner-up.
    runnerUp: degree === undecided || second === undefined || second.score <= 0 ? undefined : second.degree,
    undecidedReason,
    confidence,
    coverage: { answered: signalAnswered, asked: signalQuestions },
    recommendation,
    decidingRule,
    rulesFired,
    contributions,
    flags,
    advice: { talkingPoints: degreeInfo?.advice.talkingPoints ?? [], conditions: [...new Set(conditions)] },
  };
}

/** Answers from plain entries, for tests and examples. */
export function answersFrom(entries: Readonly<Record<string, AnswerValue>>): Map<string, Answer> {
  return new Map(Object.entries(entries).map(([id, value]) => [id, { value }]));
}
