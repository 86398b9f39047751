import { suggestion } from '../../diagnostics/did-you-mean';
import { unknownFitLevel } from '../schema';
import type { LintContext } from './lint-context';

/** The degree and fit an example expects must be ones of this bank. */
export function lintExamples(ctx: LintContext): void {
  const { degreeIds, fitIds } = ctx;
  for (const example of ctx.bank.examples) {
    const { degree, fit } = example.expect;
    if (degree !== 'undecided' && !ctx.isDegree(degree))
      ctx.report(
        'error',
        example.at,
        ['expect', 'degree'],
        'unknown-degree',
        `"${degree}" is not a degree of this bank`,
        suggestion(degree, degreeIds) ?? `degrees: ${degreeIds.join(', ')}`,
      );
    if (fit !== undefined && fit !== unknownFitLevel && !ctx.isFitLevel(fit))
      ctx.report(
        'error',
        example.at,
        ['expect', 'fit'],
        'unknown-fit-level',
        `"${fit}" is not a fit level of this bank`,
        suggestion(fit, fitIds) ?? `fit levels: ${fitIds.join(', ')}`,
      );
  }
}
