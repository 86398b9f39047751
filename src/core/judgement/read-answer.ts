import type { PathSegment } from '../diagnostics/diagnostic';
import { suggestion } from '../diagnostics/did-you-mean';
import { describeValue, quote } from '../diagnostics/describe-value';
import type { Question } from '../bank/bank';
import { unknownAnswer } from '../bank/schema';
import type { Answer, AnswerValue } from './answers';

/** A problem with one answer, located by question id and a path inside that answer. */
export interface AnswerProblem {
  readonly questionId: string;
  /** Path below the answer's own entry (e.g. `['value', 1]`). */
  readonly path: readonly PathSegment[];
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** Point at the key (the question id) rather than the value. */
  readonly atKey?: boolean;
}

/** The longest text answer or note, in characters. */
export const maxTextLength = 5000;

/** The values a question accepts, as shown in messages. */
function allowedValues(question: Question): string[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
    case 'yes-no':
      return [...question.choices.map((c) => c.value), unknownAnswer];
    case 'scale':
      return [
        `a whole number from ${question.scale?.min ?? 0} to ${question.scale?.max ?? 0}`,
        unknownAnswer,
      ];
    case 'text':
      return ['any text', unknownAnswer];
  }
}

/** One answer problem, its hint left out when there is none. */
export function problem(
  questionId: string,
  path: readonly PathSegment[],
  code: string,
  message: string,
  hint?: string,
): AnswerProblem {
  return { questionId, path, code, message, ...(hint === undefined ? {} : { hint }) };
}

/** The problem for a value that is none of a question's choices, with a "did you mean". */
function notAChoice(question: Question, raw: unknown, at: readonly PathSegment[]): AnswerProblem {
  const allowed = allowedValues(question).join(', ');
  const shown = typeof raw === 'string' ? quote(raw) : describeValue(raw);
  const choiceValues = question.choices.map((c) => c.value);
  const hint = typeof raw === 'string' ? suggestion(raw, choiceValues) : undefined;
  return problem(
    question.id,
    at,
    'invalid-answer',
    `${shown} is not an answer to "${question.id}"; allowed: ${allowed}`,
    hint ?? `use one of: ${allowed}`,
  );
}

/** A single choice or yes/no: one of the choices' values. */
function readChoice(
  question: Question,
  raw: unknown,
  path: readonly PathSegment[],
): AnswerValue | AnswerProblem {
  const id = question.id;
  if (typeof raw === 'boolean' && question.type === 'yes-no') {
    return problem(
      id,
      path,
      'invalid-answer',
      `"${id}" is a yes/no question: write yes or no, not ${String(raw)}`,
      `write: ${raw ? 'yes' : 'no'}`,
    );
  }
  if (typeof raw === 'string' && question.choices.some((c) => c.value === raw)) return raw;
  if (Array.isArray(raw))
    return problem(
      id,
      path,
      'invalid-answer',
      `"${id}" takes one answer, but a list was given`,
      `pick one of: ${allowedValues(question).join(', ')}`,
    );
  return notAChoice(question, raw, path);
}

/** A multiple choice: a list of choices' values (one value alone is a list of one). */
function readChoices(
  question: Question,
  raw: unknown,
  path: readonly PathSegment[],
): AnswerValue | AnswerProblem {
  const id = question.id;
  const choiceValues = question.choices.map((c) => c.value);
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const values: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const at = Array.isArray(raw) ? [...path, i] : path;
    if (typeof item === 'string' && !Array.isArray(raw) && /[,;]/.test(item)) {
      // "price, speed" in YAML is one string: a list is written in brackets (or one item a line).
      const items = item.split(/[,;]/).map((v) => v.trim());
      if (items.every((v) => choiceValues.includes(v)))
        return problem(
          id,
          at,
          'invalid-answer',
          `"${id}" takes a list, and ${quote(item)} is one piece of text`,
          `write the list in brackets: ${id}: [${items.join(', ')}]` +
            ' (or each item on its own line after "- ")',
        );
    }
    if (typeof item !== 'string' || !choiceValues.includes(item))
      return notAChoice(question, item, at);
    if (!values.includes(item)) values.push(item);
  }
  // Bank order, so the same choices always give the same record.
  return choiceValues.filter((v) => values.includes(v));
}

/** A scale: a whole number within its ends. */
function readScale(
  question: Question,
  raw: unknown,
  path: readonly PathSegment[],
): AnswerValue | AnswerProblem {
  const min = question.scale?.min ?? 0;
  const max = question.scale?.max ?? 0;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max) return raw;
  const shown = typeof raw === 'string' ? quote(raw) : describeValue(raw);
  return problem(
    question.id,
    path,
    'invalid-answer',
    `${shown} is not an answer to "${question.id}": ` +
      `it takes a whole number from ${min} to ${max}, or unknown`,
    `write a number from ${min} to ${max}`,
  );
}

/** Free text: a string up to maxTextLength (a number or yes/no YAML read as text). */
function readText(
  question: Question,
  raw: unknown,
  path: readonly PathSegment[],
): AnswerValue | AnswerProblem {
  const id = question.id;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (typeof raw !== 'string')
    return problem(
      id,
      path,
      'invalid-answer',
      `"${id}" takes free text, but ${describeValue(raw)} was given`,
      'write the answer as text (quote it if it contains a colon)',
    );
  if (raw.length > maxTextLength)
    return problem(
      id,
      path,
      'answer-too-long',
      `the answer to "${id}" is ${raw.length} characters long; the limit is ${maxTextLength}`,
      'shorten it',
    );
  return raw;
}

/** Checks one raw value against its question; returns the value or a problem. */
function readValue(
  question: Question,
  raw: unknown,
  path: readonly PathSegment[],
): AnswerValue | AnswerProblem {
  if (raw === unknownAnswer) return unknownAnswer;
  switch (question.type) {
    case 'single':
    case 'yes-no':
      return readChoice(question, raw, path);
    case 'multiple':
      return readChoices(question, raw, path);
    case 'scale':
      return readScale(question, raw, path);
    case 'text':
      return readText(question, raw, path);
  }
}

function isValueProblem(value: AnswerValue | AnswerProblem): value is AnswerProblem {
  return typeof value === 'object' && !Array.isArray(value);
}

/** Checks an entry written `{ value, note }`: no other keys, a value, a note that is text. */
function readNoted(question: Question, entry: Record<string, unknown>): Answer | AnswerProblem {
  const id = question.id;
  const firstExtra = Object.keys(entry).find((k) => k !== 'value' && k !== 'note');
  if (firstExtra !== undefined) {
    return {
      ...problem(
        id,
        [firstExtra],
        'unknown-key',
        `unknown key "${firstExtra}" in the answer to "${id}"`,
        suggestion(firstExtra, ['value', 'note']) ??
          'an answer with a note is written { value: …, note: "…" }',
      ),
      atKey: true,
    };
  }
  if (!Object.hasOwn(entry, 'value'))
    return problem(
      id,
      [],
      'missing-key',
      `the answer to "${id}" is missing "value"`,
      'write { value: …, note: "…" }',
    );
  const note = entry.note;
  if (note !== undefined && typeof note !== 'string')
    return problem(
      id,
      ['note'],
      'invalid-note',
      `the note on "${id}" should be text, but it is ${describeValue(note)}`,
      'put the note in quotes',
    );
  if (typeof note === 'string' && note.length > maxTextLength)
    return problem(
      id,
      ['note'],
      'answer-too-long',
      `the note on "${id}" is ${note.length} characters long; the limit is ${maxTextLength}`,
      'shorten it',
    );
  const value = readValue(question, entry.value, ['value']);
  if (isValueProblem(value)) return value;
  return note === undefined || note === '' ? { value } : { value, note };
}

/** Checks one raw entry (a value, or `{ value, note }`) against its question. */
export function readAnswer(question: Question, raw: unknown): Answer | AnswerProblem {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw))
    return readNoted(question, raw as Record<string, unknown>);
  const value = readValue(question, raw, []);
  if (isValueProblem(value)) return value;
  return { value };
}

/** Whether readAnswer gave a problem rather than an answer. */
export function isProblem(x: Answer | AnswerProblem): x is AnswerProblem {
  return 'code' in x;
}
