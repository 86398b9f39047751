import { renamedNote } from '../core/judgement/apply-replaces';
import type { Bank } from '../core/bank/bank';
import type { AnswerOverride } from '../core/records/answers-file';
import { checkAnswers, parseOverride } from '../core/records/answers-file';
import { compareDiagnostics } from '../core/diagnostics/diagnostic';
import type { Answer } from '../core/judgement/answers';
import { assess } from '../core/judgement/assess';
import { counterfactuals } from '../core/judgement/counterfactuals';
import type { Report } from '../core/report/report-schema';
import { buildReport } from '../core/report/report';
import type { YamlSource } from '../core/yaml/text';
import { inputError, usageError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { displayPath } from '../io/load-bank';
import { loadBankOrFail } from './load-bank-or-fail';
import type { ReadResult } from '../io/read-input';
import { readAnswersSource } from '../io/read-answers';
import { safe } from '../render/terminal-safe';
import type { HintWords } from './hint-words';

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
  /**
   * Writes a note to standard error, as one line (what the --answer flags set aside, or count as
   * unknown).
   */
  readonly note?: ((text: string) => void) | undefined;
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
  /** Required questions without an answer that only the --answer flags made the flow reach. */
  readonly opened: readonly string[];
}

/** Each `--answer id=value`, split; a flag without `id=` is a usage error. */
export function parseOverrides(args: readonly string[]): AnswerOverride[] {
  return args.map((arg) => {
    const parsed = parseOverride(arg);
    if (parsed === undefined)
      throw usageError(
        `--answer takes id=value, but got ${JSON.stringify(arg)}`,
        'write e.g. --answer request-source=competitor (--answer id= with nothing after "=" ' +
          'clears that answer)',
      );
    return parsed;
  });
}

/**
 * Stored answers (a draft's, a record's) checked against the bank with the --answer flags applied,
 * as a file's would be: a mistake in a flag is refused (exit 3); the stored answers' own problems
 * come back as diagnostics, for the caller to ask again or set aside.
 */
export function checkStoredAnswers(
  bank: Bank,
  file: string,
  answers: unknown,
  answerArgs: readonly string[],
): ReturnType<typeof checkAnswers> {
  const source = { file, data: { answers }, locate: () => undefined };
  const checked = checkAnswers(bank, source, parseOverrides(answerArgs), { allowPartial: false });
  const flagged = checked.diagnostics.filter((d) => d.file.startsWith('--answer'));
  if (flagged.length > 0)
    throw inputError(
      `${flagged.length} problem${flagged.length === 1 ? '' : 's'} with the --answer flags`,
      flagged,
    );
  return checked;
}

/**
 * The note that says which answers the --answer flags set aside: the changed path no longer
 * reaches them.
 */
export function setAsideNote(ids: readonly string[]): string {
  return (
    `set aside, as the changed answers no longer lead to ` +
    `${ids.length === 1 ? 'it' : 'them'}: ${ids.map(safe).join(', ')}`
  );
}

/**
 * The note that says which questions only the changed answers lead to, and that nobody was there
 * to ask: they count as unknown.
 */
export function openedNote(ids: readonly string[]): string {
  return (
    `counted as unknown, as only the changed answers lead to ` +
    `${ids.length === 1 ? 'it' : 'them'} and there is no terminal to ask: ` +
    ids.map(safe).join(', ')
  );
}

/** The notice for a bank in format 1: it runs with its original meaning. */
export const formatOneNote =
  'this bank is in format 1 (clientfit: 1): it runs with its original meaning, every question ' +
  'with signals counting toward the degree; `clientfit validate` says how to move it to format 2';

/** An answers file as its messages name it: "standard input" for "-". */
function answersName(path: string, cwd: string): string {
  return path === '-' ? 'standard input' : displayPath(path, cwd);
}

/** Loads the bank and the answers, and reports every mistake in them at once. */
export function gatherAnswers(options: RunOptions): GatheredAnswers {
  const { bank, contentHash } = loadBankOrFail(
    options.bankPath,
    options.cwd,
    options.hints.program,
  );
  const overrides = parseOverrides(options.answerArgs);
  let source: YamlSource | undefined;
  if (options.answersPath !== undefined) {
    const read = readAnswersSource(options.answersPath, options.cwd, options.readStdin);
    if ('diagnostics' in read)
      throw inputError(
        `the answers in ${answersName(options.answersPath, options.cwd)} cannot be read`,
        read.diagnostics,
      );
    source = read.source;
  }
  const checked = checkAnswers(bank, source, overrides, { allowPartial: options.allowPartial });
  if (checked.diagnostics.length > 0) {
    const n = checked.diagnostics.length;
    const missing = checked.missing.length;
    const also =
      missing === 0
        ? ''
        : `; ${missing} required question${missing === 1 ? ' is' : 's are'} also still ` +
          `unanswered (or pass --allow-partial)`;
    throw inputError(
      `${n} problem${n === 1 ? '' : 's'} with the answers`,
      [...checked.diagnostics].sort(compareDiagnostics),
      `fix them and run again${also}; \`${options.hints.program} ` +
        `questions${options.hints.bankFlag}\` lists every question and its answers`,
    );
  }
  if (checked.setAside.length > 0) options.note?.(setAsideNote(checked.setAside));
  if (checked.renamed.length > 0) options.note?.(renamedNote(checked.renamed));
  if (bank.formatVersion === 1) options.note?.(formatOneNote);
  return {
    bank,
    contentHash,
    answers: checked.answers,
    prospect: options.prospect ?? checked.prospect,
    missing: checked.missing.map((m) => m.questionId),
    opened: checked.opened,
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

/**
 * Required answers are missing and no one can be asked: exit 2, naming them and the ways to give
 * them.
 */
export function missingAnswersError(missing: readonly string[], editing = false): UserError {
  const n = missing.length;
  // --edit takes no --answers file: its answers come from the record and the flags.
  const hint = editing
    ? 'give them with --answer id=value ("unknown" when they did not come up), run the edit in ' +
      'a terminal, or pass --allow-partial to count them as unknown'
    : 'run it in a terminal, add them to the file given with --answers ("unknown" when they did ' +
      'not come up), give them with --answer id=value, or pass --allow-partial to count them as ' +
      'unknown';
  return new UserError(
    `${n} required question${n === 1 ? ' has' : 's have'} no answer, and there is no terminal ` +
      `to ask them: ${missing.join(', ')}`,
    {
      exitCode: ExitCode.usage,
      hint,
    },
  );
}

/**
 * `clientfit run` from an answers file and flags, without prompts: every
 * required question must be answered (or --allow-partial given).
 */
export function runScripted(options: RunOptions): {
  report: Report;
  answers: ReadonlyMap<string, Answer>;
} {
  if (options.answersPath === undefined && options.answerArgs.length === 0) {
    throw usageError(
      'no answers given, and no terminal to ask the questions',
      `pass --answers FILE (start from \`${options.hints.program} ` +
        `template${options.hints.bankFlag}\`), or --answer id=value, or run clientfit in a ` +
        `terminal`,
    );
  }
  const gathered = gatherAnswers(options);
  if (gathered.missing.length > 0) throw missingAnswersError(gathered.missing);
  // What if: a question that only a changed answer reaches counts as unknown, as in the report's
  // "what would change the call".
  const opened = gathered.opened;
  if (opened.length > 0 && !options.allowPartial) options.note?.(openedNote(opened));
  return { report: assessAnswers(gathered, options), answers: gathered.answers };
}
