import type { Bank, Question } from '../bank/bank';
import { choicesAndBands } from '../bank/bank';
import { unknownAnswer } from '../bank/schema';
import { testsIn } from '../bank/visit-condition';
import type { Answer, Answers, AnswerValue } from './answers';
import { answerLabel, isUnknown } from './answers';
import type { Assessment } from './assessment';
import type { Verdict } from './decide';
import { assess, verdictOf } from './assess';
import type { Condition } from '../bank/schema';

/** One answer that, changed on its own, would change the degree, the fit level or the recommendation. */
export interface Counterfactual {
  readonly questionId: string;
  readonly prompt: string;
  /** A whole other answer, or (a multiple choice) one option picked or dropped, the rest kept. */
  readonly change: 'answer' | 'pick' | 'drop';
  /** The answer given ("unknown" when it did not come up). */
  readonly from: AnswerValue;
  /** Its label; null for a pick or a drop, whose label is the option's (`toLabel`), not the whole answer's. */
  readonly fromLabel: string | null;
  /** The answer tried: for a pick or a drop, the whole new set. */
  readonly to: AnswerValue;
  /** For a pick or a drop: the option picked or dropped. */
  readonly option: string | undefined;
  /** The label of `to`, or of the option picked or dropped. */
  readonly toLabel: string;
  readonly degree: string;
  /** The fit level the change would give. */
  readonly fit: string;
  readonly recommendation: Verdict;
  /** Labels of the flags the change would take away, and of those it would raise. */
  readonly flagsGone: readonly string[];
  readonly flagsNew: readonly string[];
}

/** What the search found, and whether it tried every alternative (a huge bank stops at the bound). */
export interface CounterfactualSearch {
  readonly items: readonly Counterfactual[];
  readonly complete: boolean;
}

/**
 * How much work one report spends on "what would change the call": at most
 * 300 alternative answers, and at most 100,000 question visits in all (each
 * try walks the whole bank once). The shipped bank needs about 40 tries and
 * 800 visits; a bank of thousands of questions stops at the bound, so the
 * cost stays linear in the bank's size, and the report says the list is
 * incomplete.
 */
export const counterfactualBound = { tries: 300, visits: 100_000 } as const;

/** An answer worth trying; for a multiple choice, the option it picks or drops. */
interface Alternative {
  readonly value: AnswerValue;
  readonly toggled?: { readonly option: string; readonly picked: boolean };
}

/** The other answers worth trying for a question: each option, or one point per band. ("Unknown" is not an answer one could have got.) */
function* alternatives(question: Question, current: AnswerValue): Generator<Alternative> {
  const key = (v: AnswerValue): string => JSON.stringify(v);
  const seen = new Set([key(current)]);
  const fresh = (v: AnswerValue): boolean => {
    if (seen.has(key(v))) return false;
    seen.add(key(v));
    return true;
  };
  switch (question.type) {
    case 'single':
    case 'yes-no':
      for (const c of question.choices) if (fresh(c.value)) yield { value: c.value };
      return;
    case 'multiple': {
      // Toggle one option at a time: the smallest changes of a multiple choice.
      // Made one by one, as the search asks, each in the options' order: a
      // question of thousands of options costs only the tries the bound allows.
      const chosen = new Set(Array.isArray(current) ? (current as readonly string[]) : []);
      for (const toggled of question.choices) {
        const next = question.choices
          .filter((c) => chosen.has(c.value) !== (c === toggled))
          .map((c) => c.value);
        if (fresh(next))
          yield {
            value: next,
            toggled: { option: toggled.value, picked: !chosen.has(toggled.value) },
          };
      }
      return;
    }
    case 'scale': {
      // A scale answer in the same band changes nothing.
      const band = (v: number): number => question.bands.findIndex((b) => v >= b.from && v <= b.to);
      for (const b of question.bands) {
        if (typeof current === 'number' && band(current) === band(b.from)) continue;
        if (fresh(b.from)) yield { value: b.from };
      }
      return;
    }
    case 'text':
      return;
  }
}

const mattersByBank = new WeakMap<Bank, ReadonlySet<string>>();

/** Questions whose answer can change anything: signals, flags, follow-ups, or a condition (of a rule or a question) that names them. Worked out once per bank. */
function questionsThatMatter(bank: Bank): ReadonlySet<string> {
  const known = mattersByBank.get(bank);
  if (known !== undefined) return known;
  const out = new Set<string>();
  const named = (condition: Condition): void => {
    for (const c of testsIn(condition)) if ('question' in c) out.add(c.question);
  };
  for (const q of bank.questions) {
    const effects = choicesAndBands(q);
    if (
      effects.some(
        (e) =>
          e.flags.length > 0 ||
          e.opens.length > 0 ||
          (q.evidence === 'degree' && [...e.signals.values()].some((w) => w !== 0)),
      )
    )
      out.add(q.id);
    if (q.when !== undefined) named(q.when);
  }
  for (const rule of bank.rules) named(rule.when);
  mattersByBank.set(bank, out);
  return out;
}

/**
 * Which single answer, changed on its own, would change the degree, the fit
 * level or the recommendation — including questions left unknown. Answers that
 * the change takes out of the flow no longer count, as in an interview.
 * Questions still unknown are tried first, then the answered ones in interview
 * order, within `counterfactualBound`. Deterministic; the most useful
 * first (see the end of the function).
 */
export function counterfactuals(
  bank: Bank,
  answers: Answers,
  base: Assessment = assess(bank, answers),
): CounterfactualSearch {
  const out: Counterfactual[] = [];
  const matters = questionsThatMatter(bank);
  const labels = new Map(bank.flags.map((f) => [f.id, f.label]));
  const before = new Set(base.flags.map((f) => f.flag.id));
  const steps = base.steps.filter((s) => matters.has(s.question.id));
  const ordered = [
    ...steps.filter((s) => isUnknown(s.answer?.value)),
    ...steps.filter((s) => !isUnknown(s.answer?.value)),
  ];
  let tries = 0;
  let visits = 0;
  let complete = true;
  search: for (const step of ordered) {
    const question = step.question;
    const current = step.answer?.value ?? unknownAnswer;
    for (const { value, toggled } of alternatives(question, current)) {
      if (
        tries >= counterfactualBound.tries ||
        visits + bank.questions.length > counterfactualBound.visits
      ) {
        complete = false;
        break search;
      }
      tries++;
      visits += bank.questions.length;
      // Answers the change takes out of the flow need no removing: the engine reads only the questions it reaches.
      const changed = new Map<string, Answer>(answers);
      changed.set(question.id, { value });
      const result = verdictOf(bank, changed);
      if (
        result.degree === base.degree &&
        result.recommendation === base.recommendation &&
        result.fit.level.id === base.fit.level.id
      )
        continue;
      out.push({
        questionId: question.id,
        prompt: question.prompt,
        change: toggled === undefined ? 'answer' : toggled.picked ? 'pick' : 'drop',
        from: current,
        // A pick or a drop is labelled by its one option: the whole answer's labels, in each entry, would grow with the options squared.
        fromLabel: toggled === undefined ? answerLabel(question, current) : null,
        to: value,
        option: toggled?.option,
        toLabel: answerLabel(question, toggled === undefined ? value : toggled.option),
        degree: result.degree,
        fit: result.fit.level.id,
        recommendation: result.recommendation,
        flagsGone: [...before]
          .filter((id) => !result.flags.has(id))
          .map((id) => labels.get(id) ?? id),
        flagsNew: [...result.flags]
          .filter((id) => !before.has(id))
          .map((id) => labels.get(id) ?? id),
      });
    }
  }
  // Most useful first: changes to the recommendation before changes to the degree
  // or fit alone, and questions still unknown (worth asking on the call) before
  // answered ones; otherwise in interview order. Array.prototype.sort is stable.
  const order = new Map(base.steps.map((s, i) => [s.question.id, i]));
  const rank = (c: Counterfactual): number =>
    (c.recommendation === base.recommendation ? 2 : 0) + (isUnknown(c.from) ? 0 : 1);
  out.sort(
    (a, b) => rank(a) - rank(b) || (order.get(a.questionId) ?? 0) - (order.get(b.questionId) ?? 0),
  );
  return { items: out, complete };
}
