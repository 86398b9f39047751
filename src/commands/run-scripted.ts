import type { Bank } from '../core/bank/bank';
import type { AnswerOverride } from '../core/answers-file';
import { checkAnswers, parseOverride } from '../core/answers-file';
import { compareDiagnostics } from '../core/diagnostic';
import type { Answer } from '../core/engine/answers';
import { assess } from '../core/engine/assess';
import { counterfactuals } from '../core/engine/counterfactuals';
import type { Report } from '../core/report/report';
import { buildReport } from '../core/report/report';
import type { YamlSource } from '../core/yaml/text';
import { inputError, usageError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { displayPath } from '../io/load-bank';
import { loadBankOrFail } from './load-bank-or-fail';
import type { ReadResult } from '../io/read-input';
import { readAnswersSource } from '../io/read-answers';
import type { HintWords } from './program-name';

export interface RunOptions {
  readonly cwd: string;
  readonly bankPath: string;
  /** An answers file, or "-" for standard input. */
  readonly answersPath: string | undefined;
  /** Each `--answer id=value`, in order; later ones win. */
  readonly answerArgs: readonly string[];
  readonly prospect: string | undefined;
  readonly allowPartial: boolean;
  readonly now: Date;
  readonly toolVersion: string;
  readonly readStdin?: () => ReadResult;
  /** The bank load cache, if any. */
  readonly cacheDir?: string | undefined;
  /** How the command lines in hints are written. */
  readonly hints: HintWords;
}

/** The answers of a run, checked: from the file, then the flags on top. */
export interface GatheredAnswers {
  readonly bank: Bank;
  readonly contentHash: string;
  readonly answers: ReadonlyMap<string, Answer>;
  readonly prospect: string | undefined;
  /** Required questions still without an answer (empty with --allow-partial). */
  readonly missing: readonly string[];
}

/** Loads the bank and the answers, and reports every mistake in them at once. */
export async function gatherAnswers(options: RunOptions): Promise<GatheredAnswers> {
  const { bank, contentHash } = await loadBankOrFail(options.bankPath, options.cwd, options.cacheDir, options.hints.program);
  const overrides: AnswerOverride[] = [];
  for (const arg of options.answerArgs) {
    const parsed = parseOverride(arg);
    if (parsed === undefined) throw usageError(`--answer takes id=value, but got ${JSON.stringify(arg)}`, 'write e.g. --answer request-source=competitor');
    overrides.push(parsed);
  }
  let source: YamlSource | undefined;
  if (options.answersPath !== undefined) {
    const read = await readAnswersSource(options.answersPath, options.cwd, options.readStdin);
    if ('diagnostics' in read)
      throw inputError(
        `the answers in ${options.answersPath === '-' ? 'standard input' : displayPath(options.answersPath, options.cwd)} cannot be read`,
        read.diagnostics,
      );
    source = read.source;
  }
  const checked = checkAnswers(bank, source, overrides, { allowPartial: options.allowPartial });
  if (checked.diagnostics.length > 0) {
    const n = checked.diagnostics.length;
    const missing = checked.missing.length;
    const also = missing === 0 ? '' : `; ${missing} required question${missing === 1 ? ' is' : 's are'} also still unanswered (or pass --allow-partial)`;
    throw inputError(
      `${n} problem${n === 1 ? '' : 's'} with the answers`,
      [...checked.diagnostics].sort(compareDiagnostics),
      `fix them and run again${also}; \`${options.hints.program} questions${options.hints.bankFlag}\` lists every question and its answers`,
    );
  }
  return {
    bank,
    contentHash,
    answers: checked.answers,
    prospect: options.prospect ?? checked.prospect,
    missing: checked.missing.map((m) => m.questionId),
  };
}

/** Scores complete answers and builds the report. */
export function assessAnswers(
  gathered: Pick<GatheredAnswers, 'bank' | 'contentHash' | 'answers' | 'prospect'>,
  options: Pick<RunOptions, 'now' | 'toolVersion'>,
): Report {
  const { bank, answers } = gathered;
  const assessment = assess(bank, answers);
  return buildReport(bank, answers, assessment, counterfactuals(bank, answers, assessment), {
    toolVersion: options.toolVersion,
    contentHash: gathered.contentHash,
    prospect: gathered.prospect,
    assessedAt: options.now,
  });
}

/** Required answers are missing and no one can be asked: exit 2, naming them and the ways to give them. */
export function missingAnswersError(missing: readonly string[]): UserError {
  const n = missing.length;
  return new UserError(`${n} required question${n === 1 ? ' has' : 's have'} no answer, and there is no terminal to ask them: ${missing.join(', ')}`, {
    exitCode: ExitCode.usage,
    hint: 'run it in a terminal, add them to the file given with --answers ("unknown" when they did not come up), give them with --answer id=value, or pass --allow-partial to count them as unknown',
  });
}

/**
 * `clientfit run` from an answers file and flags, without prompts: every
 * required question must be answered (or --allow-partial given).
 */
export async function runScripted(options: RunOptions): Promise<{ report: Report; answers: ReadonlyMap<string, Answer> }> {
  if (options.answersPath === undefined && options.answerArgs.length === 0) {
    throw usageError(
      'no answers given, and no terminal to ask the questions',
      `pass --answers FILE (start from \`${options.hints.program} template${options.hints.bankFlag}\`), or --answer id=value, or run clientfit in a terminal`,
    );
  }
  const gathered = await gatherAnswers(options);
  if (gathered.missing.length > 0) throw missingAnswersError(gathered.missing);
  return { report: assessAnswers(gathered, options), answers: gathered.answers };
}
