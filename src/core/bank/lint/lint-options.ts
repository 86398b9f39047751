import type { Question } from '../bank';
import { unknownAnswer } from '../schema';
import type { LintContext, Report } from './lint-context';

/**
 * Options unique and not "unknown"; scales that run upward, with bands inside them that do not
 * overlap.
 */
export function lintOptions(ctx: LintContext): void {
  for (const question of ctx.bank.questions) {
    lintChoices(question, ctx.report);
    if (question.type === 'scale' && question.scale !== undefined)
      lintScale(question, question.scale, ctx.report);
  }
}

function lintChoices(question: Question, report: Report): void {
  const values = new Set<string>();
  question.choices.forEach((choice) => {
    if (choice.value === unknownAnswer)
      report(
        'error',
        choice.at,
        ['value'],
        'reserved-value',
        `"unknown" is reserved: every question already accepts it`,
        'remove this option, or give it another value',
      );
    else if (values.has(choice.value))
      report(
        'error',
        choice.at,
        ['value'],
        'duplicate-option',
        `the option "${choice.value}" appears twice in "${question.id}"`,
        'option values must be unique within a question',
      );
    values.add(choice.value);
  });
}

function lintScale(
  question: Question,
  { min, max }: { readonly min: number; readonly max: number },
  report: Report,
): void {
  if (min >= max)
    report(
      'error',
      question.at,
      ['scale'],
      'bad-scale',
      `the scale of "${question.id}" runs from ${min} to ${max}: min must be below max`,
    );
  for (const band of question.bands) {
    if (band.from > band.to)
      report(
        'error',
        band.at,
        ['from'],
        'bad-band',
        `this band runs from ${band.from} to ${band.to}: "from" must not be above "to"`,
      );
    if (band.from < min || band.to > max)
      report(
        'error',
        band.at,
        [],
        'bad-band',
        `this band (${band.from}–${band.to}) goes outside the scale (${min}–${max})`,
      );
  }
  const sorted = [...question.bands].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a && b && b.from <= a.to)
      report(
        'error',
        b.at,
        ['from'],
        'overlapping-bands',
        `bands ${a.from}–${a.to} and ${b.from}–${b.to} of "${question.id}" overlap`,
        'each scale point may belong to one band',
      );
  }
}
