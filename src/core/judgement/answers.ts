import type { PathSegment } from '../diagnostics/diagnostic';
import { suggestion } from '../diagnostics/did-you-mean';
import { describeValue, quote } from '../diagnostics/describe-value';
import type { Bank, Question } from '../bank/bank';
import { choiceOf } from '../bank/bank';
import { unknownAnswer } from '../bank/schema';

/** An answer value: an option value, several (multiple choice), a scale point, free text, or "unknown". */
export type AnswerValue = string | number | readonly string[];

/** One answer, with the prospect's own words when the interviewer noted them. */
export interface Answer {
  readonly value: AnswerValue;
  readonly note?: string;
}

/** Answers by question id. A Map, so no id can ever reach Object.prototype. */
export type Answers = ReadonlyMap<string, Answer>;

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

export const maxTextLength = 5000;

export function isUnknown(value: AnswerValue | undefined): boolean {
  return value === undefined || value === unknownAnswer;
}

/** How an answer reads to a person: the option labels, the scale point and its band, or the text. */
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

/** The values a question accepts, as shown in messages. */
export function allowedValues(question: Question): string[] {
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

function problem(
  questionId: string,
  path: readonly PathSegment[],
  code: string,
  message: string,
  hint?: string,
): AnswerProblem {
  return { questionId, path, code, message, ...(hint === undefined ? {} : { hint }) };
}

/** Checks one raw value against its question; returns the value or a problem. */
function readValue(
  question: Question,
  raw: unknown,
  path: readonly PathSegment[],
): AnswerValue | AnswerProblem {
  const id = question.id;
  if (raw === unknownAnswer) return unknownAnswer;
  const allowed = allowedValues(question);
  const choiceValues = question.choices.map((c) => c.value);
  const badChoice = (value: unknown, at: readonly PathSegment[]): AnswerProblem => {
    const shown = typeof value === 'string' ? quote(value) : describeValue(value);
    const hint = typeof value === 'string' ? suggestion(value, choiceValues) : undefined;
    return problem(
      id,
      at,
      'invalid-answer',
      `${shown} is not an answer to "${id}"; allowed: ${allowed.join(', ')}`,
      hint ?? `use one of: ${allowed.join(', ')}`,
    );
  };
  switch (question.type) {
    case 'single':
    case 'yes-no':
      if (typeof raw === 'boolean' && question.type === 'yes-no') {
        return problem(
          id,
          path,
          'invalid-answer',
          `"${id}" is a yes/no question: write yes or no, not ${String(raw)}`,
          `write: ${raw ? 'yes' : 'no'}`,
        );
      }
      if (typeof raw === 'string' && choiceValues.includes(raw)) return raw;
      if (Array.isArray(raw))
        return problem(
          id,
          path,
          'invalid-answer',
          `"${id}" takes one answer, but a list was given`,
          `pick one of: ${allowed.join(', ')}`,
        );
      return badChoice(raw, path);
    case 'multiple': {
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
              `write the list in brackets: ${id}: [${items.join(', ')}] (or each item on its own line after "- ")`,
            );
        }
        if (typeof item !== 'string' || !choiceValues.includes(item)) return badChoice(item, at);
        if (!values.includes(item)) values.push(item);
      }
      // Bank order, so the same choices always give the same record.
      return choiceValues.filter((v) => values.includes(v));
    }
    case 'scale': {
      const min = question.scale?.min ?? 0;
      const max = question.scale?.max ?? 0;
      if (typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max) return raw;
      return problem(
        id,
        path,
        'invalid-answer',
        `${typeof raw === 'string' ? quote(raw) : describeValue(raw)} is not an answer to "${id}": it takes a whole number from ${min} to ${max}, or unknown`,
        `write a number from ${min} to ${max}`,
      );
    }
    case 'text':
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
}

/** Checks one raw entry (a value, or `{ value, note }`) against its question. */
export function readAnswer(question: Question, raw: unknown): Answer | AnswerProblem {
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const entry = raw as Record<string, unknown>;
    const extra = Object.keys(entry).filter((k) => k !== 'value' && k !== 'note');
    const firstExtra = extra[0];
    if (firstExtra !== undefined) {
      return {
        ...problem(
          question.id,
          [firstExtra],
          'unknown-key',
          `unknown key "${firstExtra}" in the answer to "${question.id}"`,
          suggestion(firstExtra, ['value', 'note']) ??
            'an answer with a note is written { value: …, note: "…" }',
        ),
        atKey: true,
      };
    }
    if (!Object.hasOwn(entry, 'value'))
      return problem(
        question.id,
        [],
        'missing-key',
        `the answer to "${question.id}" is missing "value"`,
        'write { value: …, note: "…" }',
      );
    const note = entry.note;
    if (note !== undefined && typeof note !== 'string')
      return problem(
        question.id,
        ['note'],
        'invalid-note',
        `the note on "${question.id}" should be text, but it is ${describeValue(note)}`,
        'put the note in quotes',
      );
    if (typeof note === 'string' && note.length > maxTextLength)
      return problem(
        question.id,
        ['note'],
        'answer-too-long',
        `the note on "${question.id}" is ${note.length} characters long; the limit is ${maxTextLength}`,
        'shorten it',
      );
    const value = readValue(question, entry.value, ['value']);
    if (typeof value === 'object' && !Array.isArray(value)) return value as AnswerProblem;
    return note === undefined || note === ''
      ? { value: value as AnswerValue }
      : { value: value as AnswerValue, note };
  }
  const value = readValue(question, raw, []);
  if (typeof value === 'object' && !Array.isArray(value)) return value as AnswerProblem;
  return { value: value as AnswerValue };
}

export function isProblem(x: Answer | AnswerProblem): x is AnswerProblem {
  return 'code' in x;
}

/**
 * Most keys naming no question reported one by one. A file with more is not a
 * set of typos but the wrong file (a CRM export, another bank's answers):
 * the rest are counted in one problem instead, so such a file costs no more
 * than reading it. The same bound a compiler puts on its error list.
 */
export const maxUnknownQuestions = 1000;

/** An old value read as the option that replaces it (the bank renamed or split it). */
export interface RenamedAnswer {
  readonly questionId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A raw entry with every old value the bank's options `replaces` swapped for
 * the new one, and the swaps made. Values that are options today are left alone.
 */
function applyReplaces(
  question: Question,
  raw: unknown,
): { raw: unknown; renamed: RenamedAnswer[] } {
  if (question.choices.every((c) => c.replaces.length === 0)) return { raw, renamed: [] };
  const renamed: RenamedAnswer[] = [];
  const swap = (v: unknown): unknown => {
    if (typeof v !== 'string' || question.choices.some((c) => c.value === v)) return v;
    const by = question.choices.find((c) => c.replaces.includes(v));
    if (by === undefined) return v;
    renamed.push({ questionId: question.id, from: v, to: by.value });
    return by.value;
  };
  const swapValue = (v: unknown): unknown => (Array.isArray(v) ? v.map(swap) : swap(v));
  if (
    raw !== null &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    Object.hasOwn(raw, 'value')
  ) {
    const entry = raw as Record<string, unknown>;
    return { raw: { ...entry, value: swapValue(entry.value) }, renamed };
  }
  return { raw: swapValue(raw), renamed };
}

/** The one-line notice for answers read under a value's new name. */
export function renamedNote(renamed: readonly RenamedAnswer[]): string {
  const each = renamed.map((r) => `${r.questionId}: ${r.from} → ${r.to}`).join(', ');
  return `read under the bank's new names (the old values still work): ${each}`;
}

/** Checks raw answers by id against a bank: unknown ids and bad values become problems; old values are read as their new names. */
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
      if (++unknown > maxUnknownQuestions) {
        firstUnreported ??= id;
        continue;
      }
      problems.push({
        ...problem(
          id,
          [],
          'unknown-question',
          `there is no question "${id}" in the bank "${bank.id}"`,
          suggestion(id, byId.keys()) ?? 'run `clientfit questions` to list the question ids',
        ),
        atKey: true,
      });
      continue;
    }
    const swapped = applyReplaces(question, value);
    renamed.push(...swapped.renamed);
    const answer = readAnswer(question, swapped.raw);
    if (isProblem(answer)) problems.push(answer);
    else answers.set(id, answer);
  }
  if (firstUnreported !== undefined) {
    const more = unknown - maxUnknownQuestions;
    problems.push({
      ...problem(
        firstUnreported,
        [],
        'too-many-unknown-questions',
        `this key and ${more - 1} more after it name no question in the bank "${bank.id}" either (${unknown} in all; only the first ${maxUnknownQuestions} are listed)`,
        'check that this is an answers file for this bank: `clientfit template` writes one to fill in',
      ),
      atKey: true,
    });
  }
  return { answers, problems, renamed };
}
