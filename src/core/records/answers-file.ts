import * as z from 'zod/mini';
import type { Bank, Question } from '../bank/bank';
import { unknownAnswer } from '../bank/schema';
import type { Diagnostic, PathSegment } from '../diagnostics/diagnostic';
import type { Answer } from '../judgement/answers';
import type { AnswerProblem } from '../judgement/read-answer';
import type { RenamedAnswer } from '../judgement/apply-replaces';
import { readAnswers } from '../judgement/answers';
import type { AnswerFlowProblem } from '../judgement/flow';
import { checkAnswerFlow, walkFlow } from '../judgement/flow';
import { schemaDiagnostics } from '../diagnostics/schema-diagnostics';
import type { YamlSource } from '../yaml/text';
import { once } from '../once';

/**
 * An answers file: the answers by question id, and optionally the prospect's
 * name and the id of the bank they were written for. YAML or JSON.
 */
function buildAnswersFileSchema() {
  return z.strictObject({
    $schema: z.optional(z.string()),
    bank: z.optional(z.string().check(z.maxLength(64))),
    prospect: z.optional(z.nullable(z.string().check(z.maxLength(200)))),
    answers: z.nullable(z.record(z.string(), z.unknown())),
    /** Written by `clientfit template --format json` to describe the questions; not read. */
    guide: z.optional(z.unknown()),
  });
}

/** The answers-file schema, built on first use (only when answers are checked). */
export const answersFileSchema = once(buildAnswersFileSchema);

/** One `--answer id=value` from the command line. */
export interface AnswerOverride {
  /** The argument as given, for messages. */
  readonly arg: string;
  readonly questionId: string;
  readonly raw: string;
}

/**
 * Questions that some valid replacement of the invalid answers would reach.
 * An answer to such a question is not reported as "never reached": the user
 * may well mean it, and the invalid answer before it is the real mistake.
 * Tries every combination of the invalid questions' options, up to a bound;
 * beyond it, everything after the first invalid question counts as reachable.
 */
function reachableWhateverTheInvalidAnswers(
  bank: Bank,
  answers: ReadonlyMap<string, Answer>,
  invalidIds: readonly string[],
): Set<string> {
  const reachable = new Set<string>();
  const invalidSet = new Set(invalidIds);
  const invalid = bank.questions.filter((q) => invalidSet.has(q.id));
  if (invalid.length === 0) return reachable;
  const choices = invalid.map((q) => [
    ...q.choices.map((c) => c.value),
    ...q.bands.map((b) => b.from),
    unknownAnswer,
  ]);
  const combinations = choices.reduce((n, c) => n * c.length, 1);
  if (combinations > 512) {
    const first = bank.questions.findIndex((q) => invalidSet.has(q.id));
    bank.questions.slice(first).forEach((q) => reachable.add(q.id));
    return reachable;
  }
  for (let k = 0; k < combinations; k++) {
    const trial = new Map(answers);
    let rest = k;
    invalid.forEach((q, i) => {
      const options = choices[i] ?? [unknownAnswer];
      trial.set(q.id, { value: options[rest % options.length] ?? unknownAnswer });
      rest = Math.floor(rest / options.length);
    });
    for (const step of walkFlow(bank, trial).steps) reachable.add(step.question.id);
  }
  return reachable;
}

/** Splits `id=value`; undefined when there is no `=` or no id. */
export function parseOverride(arg: string): AnswerOverride | undefined {
  const at = arg.indexOf('=');
  if (at <= 0) return undefined;
  return { arg, questionId: arg.slice(0, at).trim(), raw: arg.slice(at + 1) };
}

/** What `--answer id=` (an empty value) stands for: take the answer away, as if never given. */
export const clearedAnswer: unique symbol = Symbol('cleared');

/** The text of `--answer id=value` as a raw value of the question's type; empty: cleared. */
function overrideValue(question: Question | undefined, raw: string): unknown {
  const text = raw.trim();
  if (text === '') return clearedAnswer;
  if (question === undefined || text === unknownAnswer) return text;
  // "[]": none of the options (an option value can never be written so).
  if (question.type === 'multiple')
    return text === '[]' ? [] : text.split(',').map((v) => v.trim());
  if (question.type === 'scale' && /^-?\d+$/.test(text)) return Number(text);
  if (question.type === 'text') return raw;
  return text;
}

/** A problem with the answers, before it is located in a file or on a flag. */
export type AnswerMapProblem = AnswerProblem | AnswerFlowProblem;

/** A run's answers checked against the bank and its flow, and what `--answer` changes did. */
export interface AnswerMapCheck {
  /** The valid answers that the flow reaches. */
  readonly answers: Map<string, Answer>;
  /** Unknown question ids, values that are not answers, and answers that the flow never reaches. */
  readonly problems: readonly AnswerMapProblem[];
  /** Required questions reached with no answer, that the answers before the changes reached too. */
  readonly missing: readonly AnswerFlowProblem[];
  /** Required questions with no answer that only the changes reached (a new follow-up, say). */
  readonly opened: readonly string[];
  /** Answers reached before the changes and no longer after: set aside, as an interviewer would. */
  readonly setAside: readonly string[];
  /** Old values read under the bank's new names (an option's `replaces`). */
  readonly renamed: readonly RenamedAnswer[];
}

/**
 * Checks answers by question id against a bank and its flow, the way an
 * interviewer changes answers: `base` is what was answered (a file, a
 * draft), `changes` are answers given on top of it (`--answer`, where
 * `clearedAnswer` takes one away). An answer from `base` that the changed
 * path no longer reaches is set aside, not refused; one that `base` itself
 * never reached, or a change that is not reached even after all the
 * changes, is a `not-asked` problem. Every problem comes back at once: an
 * invalid value does not hide a `not-asked` after it (a question that some
 * valid value of the invalid answers would reach is not reported).
 */
export function checkAnswerMap(
  bank: Bank,
  base: ReadonlyMap<string, unknown>,
  changes: ReadonlyMap<string, unknown>,
  options: { allowPartial: boolean },
): AnswerMapCheck {
  const problems: AnswerMapProblem[] = [];
  const merged = new Map(base);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  for (const [id, value] of changes) {
    if (value !== clearedAnswer) merged.set(id, value);
    else if (byId.has(id)) merged.delete(id);
    else merged.set(id, value); // an unknown id: readAnswers names it
  }
  const read = readAnswers(bank, merged);
  // A loop, not push(...all): a file may hold 80,000 mistakes, more than a call takes arguments.
  for (const p of read.problems) problems.push(p);
  const answers = read.answers;
  const reached = new Set(walkFlow(bank, answers).steps.map((s) => s.question.id));
  const mayReach = reachableWhateverTheInvalidAnswers(
    bank,
    answers,
    read.problems.map((p) => p.questionId),
  );
  // What the answers reached before the changes: only then can a change set one aside or open one.
  let baseReached = reached;
  let baseMayReach = mayReach;
  if (changes.size > 0) {
    const before = readAnswers(bank, base);
    baseReached = new Set(walkFlow(bank, before.answers).steps.map((s) => s.question.id));
    baseMayReach = reachableWhateverTheInvalidAnswers(
      bank,
      before.answers,
      before.problems.map((p) => p.questionId),
    );
  }
  const setAside: string[] = [];
  const flow = checkAnswerFlow(bank, answers, { allowPartial: options.allowPartial });
  for (const p of flow) {
    if (p.code !== 'not-asked' || mayReach.has(p.questionId)) continue;
    if (
      !changes.has(p.questionId) &&
      (baseReached.has(p.questionId) || baseMayReach.has(p.questionId))
    )
      setAside.push(p.questionId);
    else problems.push(p);
  }
  for (const id of setAside) answers.delete(id);
  const missing: AnswerFlowProblem[] = [];
  const opened: string[] = [];
  for (const p of flow) {
    if (p.code !== 'missing-answer') continue;
    if (baseReached.has(p.questionId)) missing.push(p);
    else opened.push(p.questionId);
  }
  return { answers, problems, missing, opened, setAside, renamed: read.renamed };
}

/** A run's answers, checked and located: in the file by line and column, or by their flag. */
export interface CheckedAnswers extends Omit<AnswerMapCheck, 'problems'> {
  readonly prospect: string | undefined;
  /** Mistakes in the answers: unknown ids, bad values, answers to questions never reached. */
  readonly diagnostics: readonly Diagnostic[];
}

/** The answers an answers file gives (empty entries left out), its prospect, and its mistakes. */
function readAnswersFile(
  bank: Bank,
  source: YamlSource,
): { base: Map<string, unknown>; prospect: string | undefined; diagnostics: Diagnostic[] } {
  const schema = answersFileSchema();
  const parsed = schema.safeParse(source.data);
  const base = new Map<string, unknown>();
  if (!parsed.success) {
    const what = 'answers file';
    const diagnostics = schemaDiagnostics(parsed.error.issues, { source, schema, what });
    return { base, prospect: undefined, diagnostics };
  }
  const diagnostics: Diagnostic[] = [];
  const prospect = parsed.data.prospect?.trim() || undefined;
  const { bank: written } = parsed.data;
  const at = source.locate(['bank']);
  if (written !== undefined && written !== bank.id && written !== bank.basedOn)
    diagnostics.push({
      severity: 'error',
      code: 'wrong-bank',
      file: source.file,
      path: ['bank'],
      message:
        `these answers were written for the bank "${written}", ` +
        `but the bank in use is "${bank.id}"`,
      hint: 'pass --bank with the bank they were written for, or remove the "bank:" line',
      ...(at === undefined ? {} : { line: at.line, column: at.column }),
    });
  for (const [id, value] of Object.entries(parsed.data.answers ?? {})) {
    // An empty entry (`id:` with nothing after it, as a template leaves it) is not an answer yet.
    if (value !== null) base.set(id, value);
  }
  return { base, prospect, diagnostics };
}

/**
 * Checks answers from a file (already parsed) and from `--answer` flags
 * against a bank and its flow (see `checkAnswerMap`). Every mistake comes
 * back located — in the file by line and column, or by the flag that
 * carried it — all in one go.
 */
export function checkAnswers(
  bank: Bank,
  source: YamlSource | undefined,
  overrides: readonly AnswerOverride[],
  options: { allowPartial: boolean },
): CheckedAnswers {
  const { base, prospect, diagnostics } =
    source === undefined
      ? { base: new Map<string, unknown>(), prospect: undefined, diagnostics: [] }
      : readAnswersFile(bank, source);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const changes = new Map<string, unknown>();
  const flagOf = new Map<string, string>();
  for (const o of overrides) {
    changes.set(o.questionId, overrideValue(byId.get(o.questionId), o.raw));
    flagOf.set(o.questionId, o.arg);
  }
  const place = (
    questionId: string,
    path: readonly PathSegment[],
    atKey: boolean,
  ): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> => {
    const arg = flagOf.get(questionId);
    if (arg !== undefined || source === undefined)
      return { file: arg === undefined ? '--answer' : `--answer ${arg}`, path: [questionId] };
    const full = ['answers', questionId, ...path];
    const at = source.locate(full, { key: atKey });
    return {
      file: source.file,
      path: full,
      ...(at === undefined ? {} : { line: at.line, column: at.column }),
    };
  };
  // Without a file there is nothing to change: every answer is given, every unanswered one missing.
  const checked =
    source === undefined
      ? checkAnswerMap(
          bank,
          new Map([...changes].filter(([id, value]) => value !== clearedAnswer || !byId.has(id))),
          new Map(),
          options,
        )
      : checkAnswerMap(bank, base, changes, options);
  for (const p of checked.problems) {
    diagnostics.push({
      severity: 'error',
      code: p.code,
      message: p.message,
      ...(p.hint === undefined ? {} : { hint: p.hint }),
      ...place(p.questionId, 'path' in p ? p.path : [], 'atKey' in p && (p.atKey ?? false)),
    });
  }
  return {
    answers: checked.answers,
    prospect,
    diagnostics,
    missing: checked.missing,
    opened: checked.opened,
    setAside: checked.setAside,
    renamed: checked.renamed,
  };
}
