import type { Bank, Question } from '../bank/bank';
import { choicesAndBands } from '../bank/bank';
import type { Condition } from '../bank/schema';
import { testsIn } from '../bank/visit-condition';
import type { AnswerValue } from './answers';
import { isUnknown } from './answers';
import { declinesAt } from './decide';
import { flagIndex } from './fit';
import type { Flow } from './flow';

/** One way the open fit questions could all be answered together: the answers and the flags they raise. */
export interface OpenFitCompletion {
  readonly answers: ReadonlyMap<string, AnswerValue>;
  readonly flags: readonly string[];
}

/** The ways the open fit questions could be answered together, and whether there were too many to try. */
export interface OpenFitCompletions {
  readonly completions: readonly OpenFitCompletion[];
  /**
   * More than `openFitBound` ways: none is listed, and the caller must take
   * the cautious answer (some way could decline, so the call stays undecided).
   */
  readonly bounded: boolean;
}

/** At most this many ways of answering the open fit questions together are tried. */
export const openFitBound = 4_096;

/** What the bank's conditions can react to: the questions and flags they name, and whether any counts green flags. */
interface Watched {
  readonly questions: ReadonlySet<string>;
  readonly flags: ReadonlySet<string>;
  readonly greenCounted: boolean;
}

const watchedByBank = new WeakMap<Bank, Watched>();

/** The questions and flags named by a declining rule's or a flag's condition (what can make a call decline), once per bank. */
function watched(bank: Bank): Watched {
  const known = watchedByBank.get(bank);
  if (known !== undefined) return known;
  const questions = new Set<string>();
  const flags = new Set<string>();
  let greenCounted = false;
  // Only a decline matters here, so only declining rules (and the flags' own conditions) are read.
  const declining = bank.rules.filter((r) => r.recommendation === 'decline');
  const conditions: Condition[] = [
    ...declining.map((r) => r.when),
    ...bank.flags.flatMap((f) => (f.when ? [f.when] : [])),
  ];
  for (const c of conditions.flatMap(testsIn)) {
    if ('question' in c) questions.add(c.question);
    else if ('flag' in c) flags.add(c.flag);
    else if ('flagCount' in c) greenCounted ||= c.flagCount.kind === 'green';
  }
  const out = { questions, flags, greenCounted };
  watchedByBank.set(bank, out);
  return out;
}

/**
 * The answers worth trying for one open fit question, each with its flags:
 * none (it stays open, or gets an answer that raises nothing), each option or
 * band alone, and for a multiple choice every option together. Picking more
 * options does not always only add to a decline (a condition may say `not`),
 * so the single options and the full set are tried, not every subset.
 */
function tries(question: Question): OpenFitCompletion[] {
  const one = (value: AnswerValue, flags: readonly string[]): OpenFitCompletion => ({
    answers: new Map([[question.id, value]]),
    flags,
  });
  const out: OpenFitCompletion[] = [{ answers: new Map(), flags: [] }];
  for (const c of question.choices)
    out.push(one(question.type === 'multiple' ? [c.value] : c.value, c.flags));
  for (const b of question.bands) out.push(one(b.from, b.flags));
  if (question.type === 'multiple' && question.choices.length > 1) {
    out.push(
      one(
        question.choices.map((c) => c.value),
        [...new Set(question.choices.flatMap((c) => c.flags))],
      ),
    );
  }
  return out;
}

/**
 * The tries that could differ: where no condition names the question, two
 * answers raising the same flags are one try (the flags are all a call sees).
 */
function distinct(options: OpenFitCompletion[], named: boolean): OpenFitCompletion[] {
  if (named) return options;
  const seen = new Map<string, OpenFitCompletion>();
  for (const o of options) {
    const key = [...new Set(o.flags)].sort().join(' ');
    if (!seen.has(key)) seen.set(key, { answers: new Map(), flags: o.flags });
  }
  return [...seen.values()];
}

/** Whether any answer to the question could change a call: a red flag (fit points), or a flag or the question itself named by a condition. */
function matters(bank: Bank, question: Question): boolean {
  const { questions, flags, greenCounted } = watched(bank);
  if (questions.has(question.id)) return true;
  const index = flagIndex(bank);
  return choicesAndBands(question).some((e) =>
    e.flags.some((id) => flags.has(id) || greenCounted || index.get(id)?.kind !== 'green'),
  );
}

/**
 * Every way the open fit questions of a flow (reached, not yet answered, able
 * to change a call) could be answered together: a decline that needs several
 * of them at once (a rule on three flags, a count of flags, a fit level
 * reached by red points from several questions) is foreseen, not only what
 * one answer alone would do. Past `openFitBound` ways, `bounded` is set.
 */
export function openFitCompletions(bank: Bank, flow: Flow): OpenFitCompletions {
  let combos: OpenFitCompletion[] = [{ answers: new Map(), flags: [] }];
  for (const { question, answer } of flow.steps) {
    if (question.evidence !== 'fit' || (answer !== undefined && !isUnknown(answer.value))) continue;
    if (!matters(bank, question)) continue;
    const options = distinct(tries(question), watched(bank).questions.has(question.id));
    if (combos.length * options.length > openFitBound) return { completions: [], bounded: true };
    combos = combos.flatMap((c) =>
      options.map((o) => ({
        answers: new Map([...c.answers, ...o.answers]),
        flags: [...c.flags, ...o.flags],
      })),
    );
  }
  return { completions: combos, bounded: false };
}

/**
 * Whether some way of answering the open fit questions together, at some
 * degree still reachable, declines. Too many ways to try (`openFitBound`)
 * counts as "could decline": the cautious answer, so the call stays undecided.
 */
export function openFitCouldFail(
  bank: Bank,
  flow: Flow,
  answerOf: (id: string) => AnswerValue | undefined,
  given: { raised: ReadonlySet<string>; answered: number; degrees: readonly string[] },
): boolean {
  const { completions, bounded } = openFitCompletions(bank, flow);
  if (bounded) return true;
  return completions.some(({ answers, flags }) => {
    const raisedThen = new Set([...given.raised, ...flags]);
    const answerThen = (id: string): AnswerValue | undefined => answers.get(id) ?? answerOf(id);
    return given.degrees.some((d) =>
      declinesAt(bank, answerThen, raisedThen, given.answered + answers.size, d),
    );
  });
}
