import type { Bank, Question } from '../bank/bank';
import type { Answer, Answers, AnswerValue } from './answers';
import { isUnknown } from './answers';
import { walkFlow } from './flow';

/** The degrees the open degree questions could still lead to, and the first of those questions. */
export interface OpenDegrees {
  /** Degrees some way of answering the open degree questions reaches, in the bank's order. */
  readonly degrees: readonly string[];
  /** The first degree question reached and still without an answer: the next one in the chain. */
  readonly next: Question | undefined;
}

/** At most this many question visits per search; past it every degree of the bank counts as possible. */
export const openDegreesBound = 5_000;

/** The answers worth trying for an open degree question: each option (alone), or one point per band. */
function tries(question: Question): AnswerValue[] {
  switch (question.type) {
    case 'single':
    case 'yes-no':
      return question.choices.map((c) => c.value);
    case 'multiple':
      return [[], ...question.choices.map((c) => [c.value])];
    case 'scale':
      return question.bands.map((b) => b.from);
    case 'text':
      return [];
  }
}

/**
 * Which degrees the open degree questions could still lead to: every way of
 * answering them, follow-ups included, is walked (answers already given stay
 * as they are). `degreeOf` scores one complete set of answers. A bank too large
 * to walk within `openDegreesBound` gives every degree: the cautious answer.
 */
export function openDegrees(
  bank: Bank,
  answers: Answers,
  degreeOf: (answers: Answers) => string,
): OpenDegrees {
  const found = new Set<string>();
  let visits = 0;
  let bounded = false;
  const openIn = (given: Answers): Question | undefined =>
    walkFlow(bank, given).steps.find(
      (s) =>
        s.question.evidence === 'degree' &&
        s.question.type !== 'text' &&
        (s.answer === undefined || isUnknown(s.answer.value)),
    )?.question;
  const next = openIn(answers);
  const stack: Map<string, Answer>[] = [new Map(answers)];
  for (let given = stack.pop(); given !== undefined; given = stack.pop()) {
    visits += bank.questions.length;
    if (visits > openDegreesBound) {
      bounded = true;
      break;
    }
    const open = openIn(given);
    if (open === undefined) {
      found.add(degreeOf(given));
      continue;
    }
    for (const value of tries(open)) stack.push(new Map(given).set(open.id, { value }));
  }
  const degrees = bank.degrees.map((d) => d.id).filter((id) => bounded || found.has(id));
  return { degrees, next };
}
