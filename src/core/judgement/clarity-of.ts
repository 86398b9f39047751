import type { Bank, Question } from '../bank/bank';
import { choicesAndBands } from '../bank/bank';
import { testsIn } from '../bank/visit-condition';
import { round2 } from '../text/round';
import { isUnknown } from './answers';
import type { DegreeScore } from './assessment';
import { undecided } from './decide';
import type { Flow } from './flow';

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
  // Which flags each question's condition tests, so a question's potential can be added to
  // those flags once it is known.
  const testedBy = new Map<string, string[]>();
  for (const [flag, nodes] of graph.flags)
    for (const node of nodes)
      testedBy.set(node.slice(2), [...(testedBy.get(node.slice(2)) ?? []), flag]);
  for (let i = bank.questions.length - 1; i >= 0; i--) {
    const q = bank.questions[i] as Question;
    // Every later question is done, and each flag holds the sum over the later questions
    // that test it: all that a flag raised here can reach.
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

/** The most an answer to this degree question could take from `top`'s lead over another degree. */
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
export function clarityOf(
  bank: Bank,
  flow: Flow,
  scores: readonly DegreeScore[],
  degree: string,
): number {
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
