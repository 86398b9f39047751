import type { Bank, Question } from '../bank/bank';
import { choicesAndBands, effectsOf } from '../bank/bank';
import { followUpIds } from '../bank/follow-up-ids';
import type { Answer, Answers, AnswerValue } from './answers';
import { isUnknown } from './answers';
import type { ConditionContext } from './conditions';
import { evaluate } from './conditions';

/** A question the interview reaches, with its answer when one has been given. */
export interface FlowStep {
  readonly question: Question;
  readonly answer: Answer | undefined;
}

/** The interview as the answers so far shape it. */
export interface Flow {
  /** The questions asked, in order. */
  readonly steps: readonly FlowStep[];
  /** The first question still without an answer, if any. */
  readonly next: Question | undefined;
  /** Flags raised, each with the ids of the questions whose answers raised it, in order. */
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

/**
 * Walks the bank in order and decides which questions are asked, given the
 * answers: a follow-up only when an earlier answer opened it, a question with
 * `when` only when its condition holds over earlier answers and flags. The
 * live interview and the answers-file path both use this one function.
 */
export function walkFlow(bank: Bank, answers: Answers): Flow {
  const followUps = followUpIds(bank);
  const opened = new Set<string>();
  const asked = new Map<string, AnswerValue | undefined>();
  const flags = new Map<string, string[]>();
  const steps: FlowStep[] = [];
  const context: ConditionContext = {
    answerOf: (id) => asked.get(id),
    hasFlag: (id) => flags.has(id),
  };
  for (const question of bank.questions) {
    if (followUps.has(question.id) && !opened.has(question.id)) continue;
    if (question.when !== undefined && !evaluate(question.when, context)) continue;
    const answer = answers.get(question.id);
    steps.push({ question, answer });
    asked.set(question.id, answer?.value);
    if (answer === undefined || isUnknown(answer.value)) continue;
    for (const effect of effectsOf(question, answer.value)) {
      for (const flag of effect.flags) {
        const by = flags.get(flag);
        // Each question is visited once, so a repeat can only be the question just added (two options of a multiple choice).
        if (by === undefined) flags.set(flag, [question.id]);
        else if (by[by.length - 1] !== question.id) by.push(question.id);
      }
      for (const id of effect.opens) opened.add(id);
    }
  }
  return { steps, next: steps.find((s) => s.answer === undefined)?.question, flags };
}

/**
 * Why a question is not asked, in words, for messages about answers given to
 * it. Who opens which question is indexed once per bank check, not searched
 * for every such answer (a file may hold thousands).
 */
function notAskedReasons(bank: Bank): (question: Question) => string {
  let openers: Map<string, Question[]> | undefined;
  let followUps: ReadonlySet<string> | undefined;
  return (question) => {
    if (openers === undefined) {
      openers = new Map();
      for (const q of bank.questions)
        for (const id of new Set(choicesAndBands(q).flatMap((e) => e.opens))) {
          const list = openers.get(id);
          if (list === undefined) openers.set(id, [q]);
          else list.push(q);
        }
    }
    followUps ??= followUpIds(bank);
    const by = openers.get(question.id) ?? [];
    if (by.length > 0 && followUps.has(question.id)) {
      return `it is a follow-up, asked only after certain answers to ${by.map((q) => `"${q.id}"`).join(' or ')}`;
    }
    return 'its condition ("when") does not hold with these answers';
  };
}

/**
 * Checks answers against the flow: an answer to a question that these answers
 * never reach is a mistake, and so is a required question left without an
 * answer (unless missing answers are allowed, when they count as unknown).
 */
export function checkAnswerFlow(
  bank: Bank,
  answers: Answers,
  options: { allowPartial: boolean },
): AnswerFlowProblem[] {
  const flow = walkFlow(bank, answers);
  const asked = new Set(flow.steps.map((s) => s.question.id));
  const problems: AnswerFlowProblem[] = [];
  const whyNotAsked = notAskedReasons(bank);
  for (const question of bank.questions) {
    if (answers.has(question.id) && !asked.has(question.id)) {
      problems.push({
        questionId: question.id,
        code: 'not-asked',
        message: `"${question.id}" is answered, but these answers never reach it: ${whyNotAsked(question)}`,
        hint: 'remove this answer, or change the earlier answer that leads to it',
      });
    }
  }
  if (!options.allowPartial) {
    for (const step of flow.steps) {
      if (step.answer === undefined && step.question.required) {
        problems.push({
          questionId: step.question.id,
          code: 'missing-answer',
          message: `the required question "${step.question.id}" has no answer`,
          hint: `add "${step.question.id}: unknown" if it did not come up, or pass --allow-partial`,
        });
      }
    }
  }
  return problems;
}

export interface AnswerFlowProblem {
  readonly questionId: string;
  readonly code: 'not-asked' | 'missing-answer';
  readonly message: string;
  readonly hint: string;
}
