import type { Bank, Question } from '../bank/bank';
import { unknownAnswer } from '../bank/schema';
import type { Answer, Answers, AnswerValue } from './answers';
import { answerLabel, isUnknown } from './answers';
import type { Assessment, Verdict } from './assess';
import { assess, verdictOf } from './assess';

/** One answer that, changed on its own, would change the degree or the recommendation. */
export interface Counterfactual {
  readonly questionId: string;
  readonly prompt: string;
  /** The answer given ("unknown" when it did not come up). */
  readonly from: AnswerValue;
  readonly fromLabel: string;
  readonly to: AnswerValue;
  readonly toLabel: string;
  readonly degree: string;
  readonly recommendation: Verdict;
}

/** The other answers worth trying for a question: each option, or one point per band. ("Unknown" is not an answer one could have got.) */
function alternatives(question: Question, current: AnswerValue): AnswerValue[] {
  const out: AnswerValue[] = [];
  switch (question.type) {
    case 'single':
    case 'yes-no':
      out.push(...question.choices.map((c) => c.value));
      break;
    case 'multiple': {
      // Toggle one option at a time: the smallest changes of a multiple choice.
      const chosen: readonly string[] = Array.isArray(current) ? current : [];
      for (const choice of question.choices) {
        const next = chosen.includes(choice.value) ? chosen.filter((v) => v !== choice.value) : [...chosen, choice.value];
        out.push(question.choices.map((c) => c.value).filter((v) => next.includes(v)));
      }
      break;
    }
    case 'scale':
      out.push(...question.bands.map((b) => b.from));
      break;
    case 'text':
      return [];
  }
  const key = (v: AnswerValue): string => JSON.stringify(v);
  const seen = new Set([key(current)]);
  return out.filter((v) => {
    if (seen.has(key(v))) return false;
    seen.add(key(v));
    // A scale answer in the same band changes nothing.
    if (question.type === 'scale' && typeof current === 'number' && typeof v === 'number') {
      return question.bands.findIndex((b) => current >= b.from && current <= b.to) !== question.bands.findIndex((b) => v >= b.from && v <= b.to);
    }
    return true;
  });
}

/**
 * Which single answer, changed on its own, would change the degree or the
 * recommendation — including questions left unknown. Answers that the change
 * takes out of the flow no longer count, as in an interview.
 * Deterministic; the most useful first (see the end of the function).
 */
export function counterfactuals(bank: Bank, answers: Answers, base: Assessment = assess(bank, answers)): Counterfactual[] {
  const out: Counterfactual[] = [];
  for (const step of base.steps) {
    const question = step.question;
    const current = step.answer?.value ?? unknownAnswer;
    for (const value of alternatives(question, current)) {
      // Answers the change takes out of the flow need no removing: assess reads only the questions it reaches.
      const changed = new Map<string, Answer>(answers);
      changed.set(question.id, { value });
      const result = verdictOf(bank, changed);
      if (result.degree === base.degree && result.recommendation === base.recommendation) continue;
      out.push({
        questionId: question.id,
        prompt: question.prompt,
        from: current,
        fromLabel: answerLabel(question, current),
        to: value,
        toLabel: answerLabel(question, value),
        degree: result.degree,
        recommendation: result.recommendation,
      });
    }
  }
  // Most useful first: changes to the recommendation before changes to the degree
  // alone, and questions still unknown (worth asking on the call) before answered
  // ones; otherwise in interview order. Array.prototype.sort is stable.
  const rank = (c: Counterfactual): number => (c.recommendation === base.recommendation ? 2 : 0) + (isUnknown(c.from) ? 0 : 1);
  return out.sort((a, b) => rank(a) - rank(b));
}
