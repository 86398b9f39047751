import type { Bank, Question } from '../core/bank/bank';
import type { Answer } from '../core/judgement/answers';
import { answerLabel } from '../core/judgement/answers';
import { walkFlow } from '../core/judgement/flow';
import { safe } from '../render/terminal-safe';
import { displayWidth } from '../render/wrap-text';
import type { PromptChoice, Prompter } from './prompter';

/** What the owner chose on the review screen. */
export type ReviewChoice =
  | { readonly kind: 'confirm' }
  /** Go through every question again, each answer offered as the default. */
  | { readonly kind: 'all' }
  | { readonly kind: 'change'; readonly question: Question };

/** The values of the two choices that are not a question (ids cannot contain a colon). */
const confirmValue = ':confirm';
const allValue = ':all';
/** The columns a review line leaves free: the cursor before it, and a spare one at the edge. */
const margin = 4;
/** A review line is never cut shorter than this (a narrower terminal wraps it). */
const narrowest = 40;

/** Cuts text to `width` columns, marking the cut. */
function cut(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let kept = '';
  for (const ch of text) {
    if (displayWidth(kept + ch) > width - 1) break;
    kept += ch;
  }
  return `${kept}…`;
}

/** One answer as a review line: the question, then the answer (their words are the line's description). */
function reviewChoice(
  n: number,
  question: Question,
  answer: Answer | undefined,
  lineWidth: number,
): PromptChoice {
  // The answer is what is reviewed: it keeps up to half the line, the question takes what is left.
  const said = cut(
    safe(answer === undefined ? '(no answer)' : answerLabel(question, answer.value)),
    Math.floor(lineWidth / 2),
  );
  const lead = `${n}. `;
  const name = `${lead}${cut(safe(question.prompt), lineWidth - lead.length - 3 - displayWidth(said))} → ${said}`;
  const note =
    answer?.note === undefined
      ? 'Change this answer.'
      : `Their words: ${safe(answer.note)} (change this answer)`;
  return { value: question.id, name, description: note };
}

/**
 * The review before the verdict: every answer the flow reached, on one
 * screen (a line each, cut to the terminal's width), the cursor on "confirm". Picking an answer changes it; "every
 * question again" walks the whole interview with each answer preselected.
 */
export async function reviewAnswers(
  bank: Bank,
  answers: ReadonlyMap<string, Answer>,
  prompter: Prompter,
): Promise<ReviewChoice> {
  const steps = walkFlow(bank, answers).steps;
  // One line each on the terminal (76 columns of an 80-column one).
  const lineWidth = Math.max(narrowest, (prompter.columns ?? 80) - margin);
  const choices: PromptChoice[] = [
    { value: confirmValue, name: '✓ Confirm these answers and see the verdict' },
    ...steps.map((s, i) => reviewChoice(i + 1, s.question, s.answer, lineWidth)),
    { value: allValue, name: 'Go through every question again (answers preselected)' },
  ];
  const picked = await prompter.select({
    message: `Review: ${steps.length} answer${steps.length === 1 ? '' : 's'}; pick one to change it, or confirm`,
    choices,
    default: confirmValue,
    pageSize: choices.length,
  });
  if (picked === confirmValue) return { kind: 'confirm' };
  if (picked === allValue) return { kind: 'all' };
  const question = steps.find((s) => s.question.id === picked)?.question;
  return question === undefined ? { kind: 'confirm' } : { kind: 'change', question };
}
