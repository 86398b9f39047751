import { suggestion } from '../../diagnostics/did-you-mean';
import type { Effect, Question } from '../bank';
import { choicesAndBands } from '../bank';
import type { LintContext } from './lint-context';

/** What answers do: signals, flags and follow-ups must resolve; follow-ups must come later. */
export function lintEffects(ctx: LintContext): void {
  for (const question of ctx.bank.questions)
    for (const effect of choicesAndBands(question)) {
      lintSignals(ctx, question, effect);
      effect.flags.forEach((flag, i) => {
        if (!ctx.isFlag(flag))
          ctx.report(
            'error',
            effect.at,
            ['flags', i],
            'unknown-flag',
            `the flag "${flag}" is not declared in the manifest`,
            suggestion(flag, ctx.flagIds) ?? 'declare it under "flags:" in bank.yaml',
          );
      });
      effect.opens.forEach((id, i) => {
        lintOpens(ctx, question, effect, id, i);
      });
    }
}

function lintSignals(ctx: LintContext, question: Question, effect: Effect): void {
  if (question.evidence !== 'degree' && [...effect.signals.values()].some((w) => w !== 0))
    ctx.report(
      'error',
      effect.at,
      ['signals'],
      'signals-outside-degree-evidence',
      `"${question.id}" is not degree evidence, so its answers cannot carry signals`,
      `add "evidence: degree" to "${question.id}" if its answers show where the light bulb ` +
        'goes on; otherwise raise flags for the fit instead',
      true,
    );
  for (const degree of effect.signals.keys()) {
    if (!ctx.isDegree(degree))
      ctx.report(
        'error',
        effect.at,
        ['signals', degree],
        'unknown-degree',
        `"${degree}" is not a degree of this bank`,
        suggestion(degree, ctx.degreeIds) ?? `degrees: ${ctx.degreeIds.join(', ')}`,
        true,
      );
  }
}

/**
 * The `i`th follow-up of an answer: it must exist, come later, and not cross from fit to degree.
 */
function lintOpens(
  ctx: LintContext,
  question: Question,
  effect: Effect,
  id: string,
  i: number,
): void {
  const target = ctx.position.get(id);
  const here = ctx.position.get(question.id) ?? 0;
  if (target === undefined && ctx.isBrokenQuestion(id)) return;
  if (target === undefined)
    ctx.report(
      'error',
      effect.at,
      ['opens', i],
      'unknown-question',
      `there is no question "${id}" to open`,
      suggestion(id, ctx.questionIds),
    );
  else if (question.evidence === 'fit' && ctx.questionById.get(id)?.evidence === 'degree')
    ctx.report(
      'error',
      effect.at,
      ['opens', i],
      'fit-opens-degree-question',
      `"${question.id}" is a fit question, so it cannot open the degree question "${id}"`,
      'the degree must come from the degree evidence alone: open it from a degree question, ' +
        `or make "${question.id}" degree evidence`,
    );
  else if (target <= here)
    ctx.report(
      'error',
      effect.at,
      ['opens', i],
      'opens-earlier-question',
      `"${id}" cannot be a follow-up of "${question.id}": it comes ` +
        `${target === here ? 'at the same place' : 'earlier'} in the bank`,
      `move "${id}" after "${question.id}"`,
    );
}
