import { suggestion } from '../diagnostics/did-you-mean';
import type { Bank, Question } from '../bank/bank';
import { choiceOf } from '../bank/bank';
import { unknownAnswer } from '../bank/schema';
import type { RenamedAnswer } from './apply-replaces';
import { applyReplaces } from './apply-replaces';
import type { AnswerProblem } from './read-answer';
import { isProblem, problem, readAnswer } from './read-answer';

/**
 * An answer value: an option value, several (multiple choice), a scale point,
 * free text, or "unknown".
 */
export type AnswerValue = string | number | readonly string[];

/** One answer, with the prospect's own words when the interviewer noted them. */
export interface Answer {
  readonly value: AnswerValue;
  readonly note?: string;
}

/** Answers by question id. A Map, so no id can ever reach Object.prototype. */
export type Answers = ReadonlyMap<string, Answer>;

/** Whether a value says nothing: no answer, or "unknown". */
export function isUnknown(value: AnswerValue | undefined): boolean {
  return value === undefined || value === unknownAnswer;
}

/**
 * How an answer reads to a person: the option labels, the scale point and its
 * band, or the text.
 */
export function answerLabel(question: Question, value: AnswerValue): string {
  if (isUnknown(value)) return "unknown / didn't come up";
  if (question.type === 'scale') {
    const band = question.bands.find(
      (b) => typeof value === 'number' && value >= b.from && value <= b.to,
    );
    return band?.label === undefined ? String(value) : `${String(value)} (${band.label})`;
  }
  if (question.type === 'text') return String(value);
  const values = Array.isArray(value) ? value : [value];
  return values
    .map((v) => (typeof v === 'string' ? choiceOf(question, v) : undefined)?.label ?? String(v))
    .join('; ');
}

/**
 * Most keys naming no question reported one by one. A file with more is not a
 * set of typos but the wrong file (a CRM export, another bank's answers):
 * the rest are counted in one problem instead, so such a file costs no more
 * than reading it. The same bound a compiler puts on its error list.
 */
export const maxUnknownQuestions = 1000;

/** The problem for a key that names no question in the bank, with a "did you mean". */
function unknownQuestion(bank: Bank, id: string, ids: Iterable<string>): AnswerProblem {
  return {
    ...problem(
      id,
      [],
      'unknown-question',
      `there is no question "${id}" in the bank "${bank.id}"`,
      suggestion(id, ids) ?? 'run `clientfit questions` to list the question ids',
    ),
    atKey: true,
  };
}

/** The one problem for the keys past maxUnknownQuestions, put on the first of them. */
function tooManyUnknown(bank: Bank, first: string, unknown: number): AnswerProblem {
  const more = unknown - maxUnknownQuestions;
  return {
    ...problem(
      first,
      [],
      'too-many-unknown-questions',
      `this key and ${more - 1} more after it name no question in the bank "${bank.id}" ` +
        `either (${unknown} in all; only the first ${maxUnknownQuestions} are listed)`,
      'check that this is an answers file for this bank: ' +
        '`clientfit template` writes one to fill in',
    ),
    atKey: true,
  };
}

/**
 * Checks raw answers by id against a bank: unknown ids and bad values become
 * problems; old values are read as their new names.
 */
export function readAnswers(
  bank: Bank,
  raw: ReadonlyMap<string, unknown>,
): { answers: Map<string, Answer>; problems: AnswerProblem[]; renamed: RenamedAnswer[] } {
  const renamed: RenamedAnswer[] = [];
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const answers = new Map<string, Answer>();
  const problems: AnswerProblem[] = [];
  let unknown = 0;
  let firstUnreported: string | undefined;
  for (const [id, value] of raw) {
    const question = byId.get(id);
    if (question === undefined) {
      if (++unknown > maxUnknownQuestions) firstUnreported ??= id;
      else problems.push(unknownQuestion(bank, id, byId.keys()));
      continue;
    }
    const swapped = applyReplaces(question, value);
    renamed.push(...swapped.renamed);
    const answer = readAnswer(question, swapped.raw);
    if (isProblem(answer)) problems.push(answer);
    else answers.set(id, answer);
  }
  if (firstUnreported !== undefined) problems.push(tooManyUnknown(bank, firstUnreported, unknown));
  return { answers, problems, renamed };
}
