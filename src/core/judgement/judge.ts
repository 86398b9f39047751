import type { Bank } from '../bank/bank';
import { choicesAndBands, effectsOf } from '../bank/bank';
import { round2 } from '../text/round';
import type { Answers, AnswerValue } from './answers';
import { answerLabel, isUnknown } from './answers';
import type { Contribution, DegreeScore, UndecidedReason } from './assessment';
import type { Call } from './decide';
import { callAt, settleOpen, undecided } from './decide';
import type { Flow } from './flow';
import { walkFlow } from './flow';
import type { OpenDegrees } from './open-degrees';
import { openDegrees } from './open-degrees';
import { openFitCouldFail } from './open-fit';

/** How many fit questions that can raise a flag got an answer other than "unknown". */
function fitAnswered(flow: Flow): number {
  return flow.steps.filter(
    ({ question, answer }) =>
      question.evidence === 'fit' &&
      answer !== undefined &&
      !isUnknown(answer.value) &&
      choicesAndBands(question).some((e) => e.flags.length > 0),
  ).length;
}

/**
 * Degree totals from the degree-evidence answers of a flow; each weight's
 * evidence goes to `evidence` when given.
 */
function tally(bank: Bank, flow: Flow, evidence: Contribution[] | undefined): Map<string, number> {
  const totals = new Map<string, number>(bank.degrees.map((d) => [d.id, 0]));
  for (const { question, answer } of flow.steps) {
    if (question.evidence !== 'degree' || answer === undefined || isUnknown(answer.value)) continue;
    for (const effect of effectsOf(question, answer.value)) {
      for (const [degree, weight] of effect.signals) {
        if (weight === 0 || !totals.has(degree)) continue;
        totals.set(degree, (totals.get(degree) ?? 0) + weight);
        evidence?.push({
          questionId: question.id,
          prompt: question.prompt,
          // For a multiple choice, the one option that carries this weight, not the whole set:
          // n options picked would otherwise repeat the set n times in the report.
          answer: question.type === 'multiple' && 'value' in effect ? effect.value : answer.value,
          label: 'value' in effect ? effect.label : answerLabel(question, answer.value),
          note: answer.note,
          degree,
          weight,
        });
      }
    }
  }
  return totals;
}

/** The scores, highest first (ties in the bank's order), and the degree they decide. */
function rank(
  bank: Bank,
  totals: ReadonlyMap<string, number>,
): { scores: DegreeScore[]; degree: string; undecidedReason: UndecidedReason | undefined } {
  const order = new Map(bank.degrees.map((d, i) => [d.id, i]));
  const scores: DegreeScore[] = [...totals].map(([degree, score]) => ({
    degree,
    score: round2(score),
  }));
  scores.sort(
    (a, b) => b.score - a.score || (order.get(a.degree) ?? 0) - (order.get(b.degree) ?? 0),
  );
  const topScore = scores[0]?.score ?? 0;
  const secondScore = scores[1]?.score ?? 0;
  let undecidedReason: UndecidedReason | undefined;
  if (topScore < bank.minimumEvidence || topScore <= 0) undecidedReason = 'too-little-evidence';
  else if (topScore === secondScore) undecidedReason = 'tie';
  const degree = undecidedReason === undefined && scores[0] ? scores[0].degree : undecided;
  return { scores, degree, undecidedReason };
}

/** The degree a set of answers gives, alone. */
const degreeOf = (bank: Bank, answers: Answers): string =>
  rank(bank, tally(bank, walkFlow(bank, answers), undefined)).degree;

/** The ranked degrees, the call on both axes, and the answers it read. */
export interface Judged {
  readonly scores: DegreeScore[];
  readonly degree: string;
  readonly undecidedReason: UndecidedReason | undefined;
  readonly call: Call;
  readonly open: (OpenDegrees & { readonly couldDecline: boolean }) | undefined;
  readonly answerOf: (id: string) => AnswerValue | undefined;
}

/**
 * Both axes and the call for a walked flow: the one path assess and verdictOf
 * share, so they can never disagree. While the degree is undecided, the
 * degrees the open questions could reach are weighed too (see settleOpen).
 */
export function judge(
  bank: Bank,
  answers: Answers,
  flow: Flow,
  evidence: Contribution[] | undefined,
): Judged {
  const ranked = rank(bank, tally(bank, flow, evidence));
  const raised = new Set(flow.flags.keys());
  const answered = fitAnswered(flow);
  const asked = new Map(flow.steps.map((s) => [s.question.id, s.answer?.value]));
  const answerOf = (id: string): AnswerValue | undefined => asked.get(id);
  let call = callAt(bank, answerOf, raised, answered, ranked.degree);
  let open: (OpenDegrees & { couldDecline: boolean }) | undefined;
  if (call.decision.recommendation === undecided) {
    const reach = openDegrees(bank, answers, (a) => degreeOf(bank, a));
    const degrees = reach.degrees;
    const calls = degrees.map((d) => callAt(bank, answerOf, raised, answered, d));
    const declines = calls.some((c) => c.decision.recommendation === 'decline');
    const fitFails =
      declines || openFitCouldFail(bank, flow, answerOf, { raised, answered, degrees });
    call = settleOpen(call, calls, fitFails, reach);
    open = { ...reach, couldDecline: fitFails };
  }
  return { ...ranked, call, open, answerOf };
}
