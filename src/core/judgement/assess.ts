import type { Bank, Question, Rule } from '../bank/bank';
import { choicesAndBands, effectsOf } from '../bank/bank';
import { testsIn } from '../bank/visit-condition';
import type { Flag } from '../bank/schema';
import { round2 } from '../text/round';
import type { Answer, Answers, AnswerValue } from './answers';
import { answerLabel, isUnknown } from './answers';
import type { Call, DecidedBy, Verdict } from './decide';
import { adviceText, callAt, callContext, settleOpen, undecided } from './decide';
import type { FitResult } from './fit';
import { flagIndex } from './fit';
import type { Flow, FlowStep } from './flow';
import { walkFlow } from './flow';
import type { OpenDegrees } from './open-degrees';
import { openDegrees } from './open-degrees';
import { openFitCouldFail } from './open-fit';

export { decide, undecided } from './decide';
export type { DecidedBy, Verdict } from './decide';
export { fitOf, unknownFit } from './fit';
export type { FitResult } from './fit';

/** One answer's pull toward one degree (degree evidence only). */
export interface Contribution {
  readonly questionId: string;
  readonly prompt: string;
  /** The answer given; for a multiple choice, the one option that carries this weight. */
  readonly answer: AnswerValue;
  /** The label of the chosen option or band, as the interviewer saw it. */
  readonly label: string;
  readonly note: string | undefined;
  readonly degree: string;
  readonly weight: number;
}

/** A flag raised by the answers, with the answers that raised it (the fit evidence). */
export interface RaisedFlag {
  readonly flag: Flag;
  readonly raisedBy: readonly string[];
  /** What it adds to the fit score: its severity's points, positive for red, negative for green. */
  readonly points: number;
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
  readonly fit: FitResult;
  /** In [0, 1]: the share of the questions reached that carry weight (degree evidence or flags) and were answered. */
  readonly completeness: number;
  /** In [0, 1]: how far the degree stands from every other, after allowing for what unanswered degree questions could still change; 0 when undecided. */
  readonly clarity: number;
  /** completeness × clarity, in [0, 1]; see the README. */
  readonly confidence: number;
  readonly coverage: { readonly answered: number; readonly asked: number };
  readonly recommendation: Verdict;
  readonly decidedBy: DecidedBy;
  /** The rule that set the recommendation, if one did. */
  readonly decidingRule: Rule | undefined;
  readonly rulesFired: readonly Rule[];
  /** Degree evidence, strongest first. */
  readonly contributions: readonly Contribution[];
  /** Fit evidence: red flags first, most severe first. */
  readonly flags: readonly RaisedFlag[];
  /**
   * While the degree is undecided: the degrees the open questions could reach,
   * the next one to ask, and whether some answer still to come would decline.
   */
  readonly open: (OpenDegrees & { readonly couldDecline: boolean }) | undefined;
  readonly advice: {
    readonly talkingPoints: readonly string[];
    readonly conditions: readonly string[];
  };
}

const weighsByQuestion = new WeakMap<Question, boolean>();

/** Whether any answer to the question carries weight: a signal (degree evidence) or a flag (fit). Worked out once per question. */
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

/** Degree totals from the degree-evidence answers of a flow; each weight's evidence goes to `evidence` when given. */
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

/** The degree, fit level and recommendation only (what counterfactuals compare): the same result as assess, without the evidence. */
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

/** The degree a set of answers gives, alone. */
const degreeOf = (bank: Bank, answers: Answers): string =>
  rank(bank, tally(bank, walkFlow(bank, answers), undefined)).degree;

/**
 * Both axes and the call for a walked flow: the one path assess and verdictOf
 * share, so they can never disagree. While the degree is undecided, the
 * degrees the open questions could reach are weighed too (see settleOpen).
 */
function judge(bank: Bank, answers: Answers, flow: Flow, evidence: Contribution[] | undefined) {
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

/**
 * Per bank: what hangs on each question's answer — the follow-ups it opens,
 * the questions whose condition names it, and (through the flags it raises)
 * the questions whose condition tests those flags. Flags are nodes of their
 * own, so the graph stays as large as the bank.
 */
interface DependencyGraph {
  readonly questions: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

const graphByBank = new WeakMap<Bank, DependencyGraph>();

function dependencyGraph(bank: Bank): DependencyGraph {
  const known = graphByBank.get(bank);
  if (known !== undefined) return known;
  const questions = new Map<string, string[]>();
  const flags = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, from: string, to: string): void => {
    const list = map.get(from);
    if (list === undefined) map.set(from, [to]);
    else if (!list.includes(to)) list.push(to);
  };
  for (const q of bank.questions) {
    for (const e of choicesAndBands(q)) {
      for (const id of e.opens) add(questions, q.id, `q:${id}`);
      for (const f of e.flags) add(questions, q.id, `f:${f}`);
    }
    if (q.when === undefined) continue;
    for (const c of testsIn(q.when)) {
      if ('question' in c) add(questions, c.question, `q:${q.id}`);
      else if ('flag' in c) add(flags, c.flag, `q:${q.id}`);
    }
  }
  const graph = { questions, flags };
  graphByBank.set(bank, graph);
  return graph;
}

/** Keeps sums over a wide graph finite; a margin this far below zero is zero anyway. */
const potentialCap = 1e6;

/**
 * For one degree: the most that each question's answer, and everything that
 * hangs on it, could take from that degree's lead. Memoised per bank and
 * degree; dependents always come later in the bank, so the work is one pass.
 */
const potentialsByBank = new WeakMap<Bank, Map<string, ReadonlyMap<string, number>>>();

function potentials(bank: Bank, top: string): ReadonlyMap<string, number> {
  let byDegree = potentialsByBank.get(bank);
  if (byDegree === undefined) {
    byDegree = new Map<string, ReadonlyMap<string, number>>();
    potentialsByBank.set(bank, byDegree);
  }
  const known = byDegree.get(top);
  if (known !== undefined) return known;
  const graph = dependencyGraph(bank);
  const out = new Map<string, number>();
  const flagPotential = new Map<string, number>();
  const nodeValue = (node: string): number =>
    node.startsWith('q:') ? (out.get(node.slice(2)) ?? 0) : (flagPotential.get(node.slice(2)) ?? 0);
  // Which flags each question's condition tests, so a question's potential can be added to those flags once it is known.
  const testedBy = new Map<string, string[]>();
  for (const [flag, nodes] of graph.flags)
    for (const node of nodes)
      testedBy.set(node.slice(2), [...(testedBy.get(node.slice(2)) ?? []), flag]);
  for (let i = bank.questions.length - 1; i >= 0; i--) {
    const q = bank.questions[i] as Question;
    // Every later question is done, and each flag holds the sum over the later questions that test it: all that a flag raised here can reach.
    const own = q.evidence === 'degree' ? adverse(q, top) : 0;
    const below = (graph.questions.get(q.id) ?? []).reduce((sum, node) => sum + nodeValue(node), 0);
    const value = Math.min(potentialCap, own + below);
    out.set(q.id, value);
    for (const flag of testedBy.get(q.id) ?? [])
      flagPotential.set(flag, Math.min(potentialCap, (flagPotential.get(flag) ?? 0) + value));
  }
  byDegree.set(top, out);
  return out;
}

/** The most an answer to this degree question could take from `top`'s lead over some other degree. */
function adverse(question: Question, top: string): number {
  const swing = (e: { readonly signals: ReadonlyMap<string, number> }): number => {
    const own = e.signals.get(top) ?? 0;
    let most = -own; // toward a degree the effect does not name (weight 0)
    for (const [d, w] of e.signals) if (d !== top) most = Math.max(most, w - own);
    return Math.max(0, most);
  };
  const effects = choicesAndBands(question);
  if (question.type === 'multiple') return effects.reduce((sum, e) => sum + swing(e), 0);
  return effects.reduce((most, e) => Math.max(most, swing(e)), 0);
}

/**
 * How clear the degree is, in [0, 1]: its lead over the nearest other degree,
 * less the most that the reached but unanswered degree questions (and the
 * questions that hang on them) could still swing, as a share of the minimum
 * evidence. So an "unknown" never makes a degree clearer.
 */
function clarityOf(bank: Bank, flow: Flow, scores: readonly DegreeScore[], degree: string): number {
  if (degree === undecided) return 0;
  const top = scores.find((s) => s.degree === degree)?.score ?? 0;
  const nearest = scores
    .filter((s) => s.degree !== degree)
    .reduce((most, s) => Math.max(most, s.score), -Infinity);
  let margin = top - (Number.isFinite(nearest) ? nearest : 0);
  const potential = potentials(bank, degree);
  for (const { question, answer } of flow.steps) {
    if (answer === undefined || isUnknown(answer.value)) margin -= potential.get(question.id) ?? 0;
  }
  return round2(Math.max(0, Math.min(1, margin / Math.max(bank.minimumEvidence, 1))));
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

/** The flags that count, each with the answers that raised it: red first, most severe first. */
function raisedFlags(bank: Bank, flow: Flow, counting: ReadonlySet<string>): RaisedFlag[] {
  const index = flagIndex(bank);
  const flags: RaisedFlag[] = [];
  for (const [id, raisedBy] of flow.flags) {
    const flag = index.get(id);
    // A green flag is a strength: it adds nothing to the fit score and takes nothing away.
    if (flag && counting.has(id))
      flags.push({
        flag,
        raisedBy,
        points: flag.kind === 'red' ? bank.fit.points[flag.severity] : 0,
      });
  }
  const severityRank = { high: 0, medium: 1, low: 2 } as const;
  flags.sort(
    (a, b) =>
      (a.flag.kind === b.flag.kind ? 0 : a.flag.kind === 'red' ? -1 : 1) ||
      severityRank[a.flag.severity] - severityRank[b.flag.severity],
  );
  return flags;
}

/**
 * The advice of everything that applies — the degree (for an open degree, the
 * most cautious one), the fit level, every rule that fired short of declining —
 * keeping only the items whose `when` holds. Nothing for a prospect we decline.
 */
function adviceOf(
  bank: Bank,
  call: Call,
  answerOf: (id: string) => AnswerValue | undefined,
): Assessment['advice'] {
  const { decision, fit, flags } = call;
  if (decision.recommendation === 'decline') return { talkingPoints: [], conditions: [] };
  const by = decision.decidedBy;
  const degree = by.kind === 'open' ? by.degree : call.degree;
  const context = callContext(bank, answerOf, flags, degree, fit.level.id);
  const info = decision.degreeInfo;
  const conditions = [
    ...(by.kind === 'open' && by.ask !== undefined ? [`Before signing: ${by.ask.prompt}`] : []),
    ...adviceText(info?.advice.conditions ?? [], context),
    ...adviceText(fit.level.conditions, context),
    ...adviceText(
      decision.rulesFired
        .filter((r) => r.recommendation !== 'decline')
        .flatMap((r) => r.conditions),
      context,
    ),
  ];
  return {
    talkingPoints: adviceText(info?.advice.talkingPoints ?? [], context),
    conditions: [...new Set(conditions)],
  };
}

/** Answers from plain entries, for tests and examples. */
export function answersFrom(entries: Readonly<Record<string, AnswerValue>>): Map<string, Answer> {
  return new Map(Object.entries(entries).map(([id, value]) => [id, { value }]));
}
