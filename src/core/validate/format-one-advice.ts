import type { Bank } from '../bank/bank';
import type { Locate } from '../bank/lint-bank';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { references } from '../judgement/conditions';

/**
 * What `validate` says about a bank in format 1: a warning, not an error (it
 * loads and runs with its original meaning), that says what format 2 changes
 * and, for this bank, what to write to move it. Nothing for a format 2 bank.
 */
export function formatOneAdvice(bank: Bank, locate: Locate): Diagnostic[] {
  if (bank.formatVersion !== 1) return [];
  const file = bank.files[0] ?? '';
  const path = ['clientfit'];
  const position = locate(file, path);
  const degree = bank.questions.filter((q) => q.evidence === 'degree');
  const isDegree = new Set(degree.map((q) => q.id));
  // In format 2 a degree question may not depend on a fit answer: name each one that does.
  const tied = degree.flatMap((q) => {
    const fit =
      q.when === undefined ? [] : references(q.when).questions.filter((id) => !isDegree.has(id));
    return fit.length === 0
      ? []
      : [`"${q.id}" is asked only after ${fit.map((id) => `"${id}"`).join(', ')}`];
  });
  const steps = [
    'set `clientfit: 2`',
    degree.length === 0
      ? undefined
      : `add \`evidence: degree\` to ${degree.map((q) => `"${q.id}"`).join(', ')}`,
    tied.length === 0
      ? undefined
      : `${tied.join('; ')}, which is not degree evidence: make its condition test a degree question, ` +
        'or mark that question `evidence: degree` too',
    'declare `fit:` levels if the red flags should add conditions or decline',
  ].filter((s): s is string => s !== undefined);
  return [
    {
      severity: 'warning',
      code: 'format-1',
      file,
      path,
      ...(position === undefined ? {} : { line: position.line, column: position.column }),
      message:
        'this bank is in format 1: it runs with its original meaning (every question with signals counts toward the degree' +
        `${bank.fit.declared ? '' : '; the fit never changes the call'}). ` +
        'Format 2 makes each question say whether it is degree or fit evidence',
      hint: `to move it to format 2: ${steps.join('; ')}; then run validate again`,
    },
  ];
}
