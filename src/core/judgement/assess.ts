import type { Bank, Question } from '../bank/bank';
import { choicesAndBands } from '../bank/bank';
import { round2 } from '../text/round';
import type { Answer, Answers, AnswerValue } from './answers';
import { isUnknown } from './answers';
import { adviceOf } from './advice-of';
import type { Assessment, Contribution } from './assessment';
import { clarityOf } from './clarity-of';
import { undecided } from './decide';
import type { Verdict } from './decide';
import type { FitResult } from './fit';
import { walkFlow } from './flow';
import { judge } from './judge';
import { raisedFlags } from './raised-flags';

const weighsByQuestion = new WeakMap<Question, boolean>();

/**
 * Whether any answer to the question carries weight: a signal (degree
 * evidence) or a flag (fit). Worked out once per question.
 */
function carriesWeight(question: Question): boolean {
  let known = weighsByQuestion.get(question);
  if (known === undefined) {
    known = choicesAndBands(question).some(
      (e) =>
        e.flags.length > 0 ||
        (question.evidence === 'degree' && [...e.signals.values()].some((w) => w !== 0)),
    );
    weighsByQuestion.set(question, known);
  }
  return known;
}

/**
 * The degree, fit level and recommendation only (what counterfactuals
 * compare): the same result as assess, without the evidence.
 */
export function verdictOf(
  bank: Bank,
  answers: Answers,
): {
  readonly degree: string;
  readonly fit: FitResult;
  readonly recommendation: Verdict;
  readonly flags: ReadonlySet<string>;
} {
  const { degree, call } = judge(bank, answers, walkFlow(bank, answers), undefined);
  return { degree, fit: call.fit, flags: call.flags, recommendation: call.decision.recommendation };
}

/**
 * Scores a set of answers against a bank on two axes: the degree (from the
 * degree-evidence questions only) and the fit (from the flags), then the
 * recommendation that combines them, with the evidence and the advice.
 * Pure and total.
 */
export function assess(bank: Bank, answers: Answers): Assessment {
  const flow = walkFlow(bank, answers);
  const contributions: Contribution[] = [];
  const { scores, degree, undecidedReason, call, open, answerOf } = judge(
    bank,
    answers,
    flow,
    contributions,
  );
  const { fit, decision } = call;
  const { rulesFired, recommendation, decidedBy } = decision;
  const second = scores[1];

  let weighed = 0;
  let answered = 0;
  for (const { question, answer } of flow.steps) {
    if (!carriesWeight(question)) continue;
    weighed++;
    if (answer !== undefined && !isUnknown(answer.value)) answered++;
  }
  const completeness = weighed === 0 ? 0 : round2(answered / weighed);
  const clarity = clarityOf(bank, flow, scores, degree);
  contributions.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));

  return {
    steps: flow.steps,
    scores,
    degree,
    // A runner-up with no evidence at all is not a runner-up.
    runnerUp:
      degree === undecided || second === undefined || second.score <= 0 ? undefined : second.degree,
    undecidedReason,
    fit,
    completeness,
    clarity,
    confidence: round2(completeness * clarity),
    coverage: { answered, asked: weighed },
    recommendation,
    decidedBy,
    decidingRule: decidedBy.kind === 'rule' ? decidedBy.rule : undefined,
    rulesFired,
    contributions,
    flags: raisedFlags(bank, flow, call.flags),
    open,
    advice: adviceOf(bank, call, answerOf),
  };
}

/** Answers from plain entries, for tests and examples. */
export function answersFrom(entries: Readonly<Record<string, AnswerValue>>): Map<string, Answer> {
  return new Map(Object.entries(entries).map(([id, value]) => [id, { value }]));
}
