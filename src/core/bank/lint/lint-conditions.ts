import type { PathSegment } from '../../diagnostics/diagnostic';
import { suggestion } from '../../diagnostics/did-you-mean';
import type { Condition } from '../schema';
import { unknownFitLevel } from '../schema';
import { visitCondition } from '../visit-condition';
import { endConditions } from './end-conditions';
import type { ConditionSite, LintContext } from './lint-context';
import { lintQuestionTest } from './lint-question-test';

/**
 * Conditions: known ids, earlier questions only, values the question accepts.
 * Questions' conditions first, then those of rules, flags and advice, which
 * are judged at the end and so may test the degree, the fit and any flag.
 */
export function lintConditions(ctx: LintContext): void {
  for (const question of ctx.bank.questions)
    if (question.when !== undefined)
      lintCondition(ctx, question.when, { at: question.at, path: ['when'], owner: question });
  for (const c of endConditions(ctx.bank, ctx.manifestAt))
    lintCondition(ctx, c.condition, { at: c.at, path: c.path, owner: undefined });
}

function lintCondition(ctx: LintContext, condition: Condition, site: ConditionSite): void {
  visitCondition(
    condition,
    (c, path) => {
      if ('question' in c) lintQuestionTest(ctx, c, site, path);
      else if ('flag' in c) lintFlagTest(ctx, c.flag, site, path);
      else if ('degree' in c) lintDegreeTest(ctx, c.degree, site, path);
      else if ('fit' in c || 'flagCount' in c) lintEndOnlyTest(ctx, c, site, path);
    },
    site.path,
  );
}

function lintFlagTest(
  ctx: LintContext,
  flag: string,
  { at, owner }: ConditionSite,
  path: readonly PathSegment[],
): void {
  const { bank, position, questionById } = ctx;
  const raisers = ctx.raisedBy.get(flag) ?? [];
  if (!ctx.isFlag(flag)) {
    ctx.report(
      'error',
      at,
      [...path, 'flag'],
      'unknown-flag',
      `the flag "${flag}" is not declared in the manifest`,
      suggestion(flag, ctx.flagIds),
    );
  } else if (
    owner?.evidence === 'degree' &&
    bank.formatVersion !== 1 &&
    raisers.some((id) => questionById.get(id)?.evidence !== 'degree')
  ) {
    ctx.report(
      'error',
      at,
      [...path, 'flag'],
      'degree-depends-on-fit',
      `the degree question "${owner.id}" depends on the flag "${flag}", ` +
        'which a fit question raises',
      'the degree must come from the degree evidence alone: test a degree question instead',
    );
  } else if (owner !== undefined && (ctx.broken?.questions.size ?? 0) === 0) {
    // (With questions left out, the one that raises the flag may be among them.)
    const ownerPos = position.get(owner.id) ?? 0;
    if (!raisers.some((id) => (position.get(id) ?? Infinity) < ownerPos))
      ctx.report(
        'error',
        at,
        [...path, 'flag'],
        'forward-reference',
        `the condition on "${owner.id}" tests the flag "${flag}", ` +
          'which no earlier question raises',
        'a condition may only look at flags raised by earlier questions',
      );
  }
}

function lintDegreeTest(
  ctx: LintContext,
  degree: string,
  { at, owner }: ConditionSite,
  path: readonly PathSegment[],
): void {
  if (owner !== undefined)
    ctx.report(
      'error',
      at,
      [...path, 'degree'],
      'degree-in-question',
      `a question's condition cannot test the degree: it is known only at the end`,
      'test the degree in a rule instead',
    );
  else if (degree !== 'undecided' && !ctx.isDegree(degree))
    ctx.report(
      'error',
      at,
      [...path, 'degree'],
      'unknown-degree',
      `"${degree}" is not a degree of this bank`,
      suggestion(degree, ctx.degreeIds) ?? `degrees: ${ctx.degreeIds.join(', ')}`,
    );
}

/** The fit and flag counts are known only at the end: a question's condition cannot test them. */
function lintEndOnlyTest(
  ctx: LintContext,
  c: Condition,
  { at, owner }: ConditionSite,
  path: readonly PathSegment[],
): void {
  const key = 'fit' in c ? 'fit' : 'flagCount';
  if (owner !== undefined)
    ctx.report(
      'error',
      at,
      [...path, key],
      `${key === 'fit' ? 'fit' : 'flag-count'}-in-question`,
      `a question's condition cannot test ` +
        `${key === 'fit' ? 'the fit' : 'how many flags are raised'}: it is known only at the end`,
      'test it in a rule instead',
      true,
    );
  else if ('fit' in c && c.fit !== unknownFitLevel && !ctx.isFitLevel(c.fit))
    ctx.report(
      'error',
      at,
      [...path, 'fit'],
      'unknown-fit-level',
      `"${c.fit}" is not a fit level of this bank`,
      suggestion(c.fit, ctx.fitIds) ?? `fit levels: ${ctx.fitIds.join(', ')}`,
    );
}
