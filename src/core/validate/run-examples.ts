import type { Diagnostic } from '../diagnostics/diagnostic';
import { checkAnswerMap } from '../records/answers-file';
import { assess } from '../judgement/assess';
import type { Verdict } from '../judgement/decide';
import type { Bank, Example } from '../bank/bank';
import type { Locate } from '../bank/lint-bank';

/** The outcome of one of the bank's examples. */
export interface ExampleResult {
  readonly name: string;
  readonly file: string;
  readonly line: number | undefined;
  readonly passed: boolean;
  readonly expected: {
    readonly degree: string;
    readonly fit?: string | undefined;
    readonly recommendation: Verdict;
  };
  /** Absent when the example's answers are themselves invalid. */
  readonly actual:
    | {
        readonly degree: string;
        readonly fit: string;
        readonly recommendation: Verdict;
        readonly confidence: number;
      }
    | undefined;
  /** Problems with the example's answers, if any (the example then fails). */
  readonly diagnostics: readonly Diagnostic[];
}

function runExample(bank: Bank, example: Example, locate: Locate): ExampleResult {
  const diagnostics: Diagnostic[] = [];
  // Checked as an answers file is: every problem at once, an invalid value never hiding a question the answers do not reach.
  const { answers, problems } = checkAnswerMap(bank, example.answers, new Map(), {
    allowPartial: true,
  });
  for (const p of problems) {
    const path = [...example.at.path, 'answers', p.questionId, ...('path' in p ? p.path : [])];
    const at = locate(example.at.file, path, { key: 'atKey' in p && (p.atKey ?? false) });
    diagnostics.push({
      severity: 'error',
      code: p.code,
      file: example.at.file,
      path,
      message: `example "${example.name}": ${p.message}`,
      ...(at === undefined ? {} : { line: at.line, column: at.column }),
      ...(p.hint === undefined ? {} : { hint: p.hint }),
    });
  }
  const line = locate(example.at.file, example.at.path)?.line;
  if (diagnostics.length > 0)
    return {
      name: example.name,
      file: example.at.file,
      line,
      passed: false,
      expected: example.expect,
      actual: undefined,
      diagnostics,
    };
  const result = assess(bank, answers);
  const actual = {
    degree: result.degree,
    fit: result.fit.level.id,
    recommendation: result.recommendation,
    confidence: result.confidence,
  };
  const passed =
    actual.degree === example.expect.degree &&
    actual.recommendation === example.expect.recommendation &&
    (example.expect.fit === undefined || actual.fit === example.expect.fit);
  return {
    name: example.name,
    file: example.at.file,
    line,
    passed,
    expected: example.expect,
    actual,
    diagnostics,
  };
}

/** Runs every example of the bank: its own regression tests. */
export function runExamples(bank: Bank, locate: Locate): ExampleResult[] {
  return bank.examples.map((example) => runExample(bank, example, locate));
}
