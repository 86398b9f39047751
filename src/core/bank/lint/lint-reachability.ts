import type { Question } from '../bank';
import { choicesAndBands } from '../bank';
import { followUpIds } from '../follow-up-ids';
import type { Condition } from '../schema';
import type { Reach } from './condition-can-hold';
import { conditionCanHold } from './condition-can-hold';
import { lintFitReach } from './lint-fit-levels';
import type { LintContext } from './lint-context';

/**
 * The warnings that need a coherent bank: questions never asked, answers with
 * no effect, degrees no answers reach, flags never raised, fit levels never
 * met and rules that never fire.
 */
export function lintReachability(ctx: LintContext): void {
  const reach = lintQuestionReach(ctx);
  for (const question of ctx.bank.questions)
    if (reach.reachable.has(question.id)) lintNoEffect(ctx, question);
  lintDegreeReach(ctx, reach);
  ctx.bank.flags.forEach((flag, i) => {
    if (!reach.raisable.has(flag.id))
      ctx.report(
        'warning',
        ctx.manifestAt(['flags', i]),
        ['id'],
        'flag-never-raised',
        `the flag "${flag.id}" is never raised by any reachable answer`,
        'list it under "flags:" of an option, or remove it',
      );
  });
  if (ctx.bank.fit.declared) lintFitReach(ctx.bank, reach.raisable, ctx.report);
  lintRuleReach(ctx, reach);
}

/** Walks the questions in order: which can be asked, and which flags their answers can raise. */
function lintQuestionReach(ctx: LintContext): Reach {
  const followUps = followUpIds(ctx.bank);
  const reachable = new Set<string>();
  const raisable = new Set<string>();
  const reach = { reachable, raisable };
  const opensFrom = new Map<string, string[]>();
  for (const q of ctx.bank.questions)
    for (const e of choicesAndBands(q))
      for (const id of e.opens) opensFrom.set(id, [...(opensFrom.get(id) ?? []), q.id]);
  for (const question of ctx.bank.questions) {
    const openedByReachable =
      !followUps.has(question.id) ||
      (opensFrom.get(question.id) ?? []).some((id) => reachable.has(id));
    const canHold = question.when === undefined || conditionCanHold(ctx, reach, question.when);
    if (!openedByReachable || !canHold) {
      ctx.report(
        'warning',
        question.at,
        ['id'],
        'unreachable-question',
        `the question "${question.id}" can never be asked`,
        openedByReachable
          ? 'its condition can never hold with the questions and flags before it'
          : 'no reachable answer opens it',
      );
      continue;
    }
    reachable.add(question.id);
    for (const effect of choicesAndBands(question))
      for (const flag of effect.flags) raisable.add(flag);
  }
  return reach;
}

/** Answers of a question that can be asked and that do nothing, unless marked neutral. */
function lintNoEffect(ctx: LintContext, question: Question): void {
  if (question.type === 'text') return;
  for (const effect of choicesAndBands(question)) {
    const none =
      [...effect.signals.values()].every((w) => w === 0) &&
      effect.flags.length === 0 &&
      effect.opens.length === 0;
    if (none && !effect.neutral) {
      const name = 'value' in effect ? `the answer "${effect.value}"` : 'this band';
      ctx.report(
        'warning',
        effect.at,
        [],
        'no-effect',
        `${name} of "${question.id}" has no effect: no signals, flags or follow-ups`,
        'give it signals, flags or a follow-up, or mark it "neutral: true" if that is intended',
      );
    }
  }
  if (question.type === 'scale' && question.bands.length === 0)
    ctx.report(
      'warning',
      question.at,
      ['id'],
      'no-effect',
      `the scale question "${question.id}" has no bands, so its answer has no effect`,
      'add bands with signals or flags',
    );
}

/**
 * A degree can only win if some reachable answers pull toward it by at least the minimum evidence.
 */
function lintDegreeReach(ctx: LintContext, { reachable }: Reach): void {
  const { bank } = ctx;
  bank.degrees.forEach((degree, i) => {
    let best = 0;
    for (const q of bank.questions) {
      if (!reachable.has(q.id)) continue;
      const weights = choicesAndBands(q).map((e) => e.signals.get(degree.id) ?? 0);
      best +=
        q.type === 'multiple'
          ? weights.filter((w) => w > 0).reduce((a, b) => a + b, 0)
          : Math.max(0, ...weights);
    }
    if (best < bank.minimumEvidence || best <= 0)
      ctx.report(
        'warning',
        ctx.manifestAt(['degrees', i]),
        ['id'],
        'unreachable-degree',
        `no set of answers can reach the degree "${degree.id}": ` +
          `at most ${best} of the ${bank.minimumEvidence} needed`,
        'give some answers positive signals toward it, or lower scoring.minimumEvidence',
      );
  });
}

function lintRuleReach(ctx: LintContext, reach: Reach): void {
  const reachableDegrees = new Set(ctx.degreeIds);
  // Only a rule that tests the degree itself, at the top, is checked against the degrees.
  const degreeOk = (c: Condition): boolean =>
    !('degree' in c) || c.degree === 'undecided' || reachableDegrees.has(c.degree);
  for (const rule of ctx.bank.rules)
    if (!conditionCanHold(ctx, reach, rule.when) || !degreeOk(rule.when))
      ctx.report(
        'warning',
        rule.at,
        ['id'],
        'rule-never-fires',
        `the rule "${rule.id}" can never fire`,
        'its condition needs a question, flag or degree that can never be reached',
      );
}
