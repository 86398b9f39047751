import * as z from 'zod/mini';
import type { Bank, Question } from './bank/bank';
import { unknownAnswer } from './bank/schema';
import type { Diagnostic, PathSegment } from './diagnostic';
import type { Answer, AnswerProblem } from './engine/answers';
import { readAnswers } from './engine/answers';
import type { AnswerFlowProblem } from './engine/flow';
import { checkAnswerFlow, walkFlow } from './engine/flow';
import { schemaDiagnostics } from './schema-diagnostics';
import type { YamlSource } from './yaml/text';
import { once } from './once';

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
    /** Written by `clientfit template --format json` to describe the questions; ignored when reading. */
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

export interface CheckedAnswers {
  readonly answers: ReadonlyMap<string, Answer>;
  readonly prospect: string | undefined;
  /** Mistakes in the answers: unknown ids, bad values, answers to questions never reached. */
  readonly diagnostics: readonly Diagnostic[];
  /** Required questions the flow reaches that have no answer (not an error with allowPartial). */
  readonly missing: readonly AnswerFlowProblem[];
}

/**
 * Questions that some valid replacement of the invalid answers would reach.
 * An answer to such a question is not reported as "never reached": the user
 * may well mean it, and the invalid answer before it is the real mistake.
 * Tries every combination of the invalid questions' options, up to a bound;
 * beyond it, everything after the first invalid question counts as reachable.
 */
function reachableWhateverTheInvalidAnswers(bank: Bank, answers: ReadonlyMap<string, Answer>, invalidIds: readonly string[]): Set<string> {
  const reachable = new Set<string>();
  const invalidSet = new Set(invalidIds);
  const invalid = bank.questions.filter((q) => invalidSet.has(q.id));
  if (invalid.length === 0) return reachable;
  const choices = invalid.map((q) => [...q.choices.map((c) => c.value), ...q.bands.map((b) => b.from), unknownAnswer]);
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

/** Where most answers come from: one shared value, not an object per answer (a file may hold 80,000 keys). */
const fromFile = { kind: 'file' } as const;

/** Splits `id=value`; undefined when there is no `=` or no id. */
export function parseOverride(arg: string): AnswerOverride | undefined {
  const at = arg.indexOf('=');
  if (at <= 0) return undefined;
  return { arg, questionId: arg.slice(0, at).trim(), raw: arg.slice(at + 1) };
}

/** Turns the text of `--answer id=value` into a raw value of the question's type. */
function overrideValue(question: Question | undefined, raw: string): unknown {
  const text = raw.trim();
  if (question === undefined || text === unknownAnswer) return text;
  if (question.type === 'multiple') return text === '' ? [] : text.split(',').map((v) => v.trim());
  if (question.type === 'scale' && /^-?\d+$/.test(text)) return Number(text);
  if (question.type === 'text') return raw;
  return text;
}

/**
 * Checks answers from a file (already parsed) and from `--answer` flags
 * against a bank and its flow. Every mistake comes back located — in the file
 * by line and column, or by the flag that carried it — all in one go.
 */
export function checkAnswers(
  bank: Bank,
  source: YamlSource | undefined,
  overrides: readonly AnswerOverride[],
  options: { allowPartial: boolean },
): CheckedAnswers {
  const diagnostics: Diagnostic[] = [];
  const raw = new Map<string, unknown>();
  const origin = new Map<string, { kind: 'file' } | { kind: 'flag'; arg: string }>();
  let prospect: string | undefined;

  if (source !== undefined) {
    const schema = answersFileSchema();
    const parsed = schema.safeParse(source.data);
    if (!parsed.success) {
      for (const d of schemaDiagnostics(parsed.error.issues, { source, schema, what: 'answers file' })) diagnostics.push(d);
    } else {
      const named = parsed.data.prospect?.trim();
      prospect = named === undefined || named === '' ? undefined : named;
      if (parsed.data.bank !== undefined && parsed.data.bank !== bank.id) {
        const at = source.locate(['bank']);
        diagnostics.push({
          severity: 'error',
          code: 'wrong-bank',
          file: source.file,
          path: ['bank'],
          message: `these answers were written for the bank "${parsed.data.bank}", but the bank in use is "${bank.id}"`,
          hint: 'pass --bank with the bank they were written for, or remove the "bank:" line',
          ...(at === undefined ? {} : { line: at.line, column: at.column }),
        });
      }
      for (const [id, value] of Object.entries(parsed.data.answers ?? {})) {
        // An empty entry (`id:` with nothing after it, as a template leaves it) is not an answer yet.
        if (value === null) continue;
        raw.set(id, value);
        origin.set(id, fromFile);
      }
    }
  }
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  for (const o of overrides) {
    raw.set(o.questionId, overrideValue(byId.get(o.questionId), o.raw));
    origin.set(o.questionId, { kind: 'flag', arg: o.arg });
  }

  const place = (questionId: string, path: readonly PathSegment[], atKey: boolean): Pick<Diagnostic, 'file' | 'line' | 'column' | 'path'> => {
    const from = origin.get(questionId);
    if (from?.kind === 'flag' || source === undefined) return { file: from?.kind === 'flag' ? `--answer ${from.arg}` : '--answer', path: [questionId] };
    const full = ['answers', questionId, ...path];
    const at = source.locate(full, { key: atKey });
    return { file: source.file, path: full, ...(at === undefined ? {} : { line: at.line, column: at.column }) };
  };
  const toDiagnostic = (p: AnswerProblem | AnswerFlowProblem): Diagnostic => ({
    severity: 'error',
    code: p.code,
    message: p.message,
    ...(p.hint === undefined ? {} : { hint: p.hint }),
    ...place(p.questionId, 'path' in p ? p.path : [], 'atKey' in p && (p.atKey ?? false)),
  });

  const { answers, problems } = readAnswers(bank, raw);
  // A loop, not push(...all): a file may hold 80,000 mistakes, more than a call takes arguments.
  for (const p of problems) diagnostics.push(toDiagnostic(p));
  const flow = checkAnswerFlow(bank, answers, { allowPartial: options.allowPartial });
  const reachable = reachableWhateverTheInvalidAnswers(
    bank,
    answers,
    problems.map((p) => p.questionId),
  );
  for (const p of flow) if (p.code === 'not-asked' && !reachable.has(p.questionId)) diagnostics.push(toDiagnostic(p));
  return { answers, prospect, diagnostics, missing: flow.filter((p) => p.code === 'missing-answer') };
}
