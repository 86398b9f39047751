import type { Bank, Question } from '../bank/bank';
import { effectsOf } from '../bank/bank';
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

const followUpsByBank = new WeakMap<Bank, ReadonlySet<string>>();

/** Ids of every question that some answer opens: those are asked only when opened. Worked out once per bank. */
export function followUpIds(bank: Bank): ReadonlySet<string> {
  const known = followUpsByBank.get(bank);
  if (known !== undefined) return known;
  const ids = new Set<string>();
  for (const q of bank.questions) {
    for (const effect of [...q.choices, ...q.bands]) for (const id of effect.opens) ids.add(id);
  }
  followUpsByBank.set(bank, ids);
  return ids;
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

/** Why a question is not asked, in words, for messages about answers given to it. */
function whyNotAsked(bank: Bank, question: Question): string {
  const openers = bank.questions.filter((q) => [...q.choices, ...q.bands].some((e) => e.opens.includes(question.id)));
  if (openers.length > 0 && followUpIds(bank).has(question.id)) {
    return `it is a follow-up, asked only after certain answers to ${openers.map((q) => `"${q.id}"`).join(' or ')}`;
  }
  return 'its condition ("when") does not hold with these answers';
}

/**
 * Checks answers against the flow: an answer to a question that these answers
 * never reach is a mistake, and so is a required question left without an
 * answer (unless missing answers are allowed, when they count as unknown).
 */
export function checkAnswerFlow(bank: Bank, answers: Answers, options: { allowPartial: boolean }): AnswerFlowProblem[] {
  const flow = walkFlow(bank, answers);
  const asked = new Set(flow.steps.map((s) => s.question.id));
  const problems: AnswerFlowProblem[] = [];
  for (const question of bank.questions) {
    if (answers.has(question.id) && !asked.has(question.id)) {
      problems.push({
        questionId: question.id,
        code: 'not-asked',
        message: `"${question.id}" is answered, but these answers never reach it: ${whyNotAsked(bank, question)}`,
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
