import type { Bank } from '../bank/bank';
import type { AnswerValue } from './answers';
import type { Assessment } from './assessment';
import type { Call } from './decide';
import { adviceText, callContext } from './decide';

/**
 * The advice of everything that applies — the degree (for an open degree, the
 * most cautious one), the fit level, every rule that fired short of declining —
 * keeping only the items whose `when` holds. Nothing for a prospect we decline.
 */
export function adviceOf(
  bank: Bank,
  call: Call,
  answerOf: (id: string) => AnswerValue | undefined,
): Assessment['advice'] {
  const { decision, fit, flags } = call;
  if (decision.recommendation === 'decline') return { talkingPoints: [], conditions: [] };
  const by = decision.decidedBy;
  const degree = by.kind === 'open' ? by.degree : call.degree;
  const context = callContext(bank, answerOf, flags, degree, fit.level.id);
  const info = decision.degreeInfo;
  const conditions = [
    ...(by.kind === 'open' && by.ask !== undefined ? [`Before signing: ${by.ask.prompt}`] : []),
    ...adviceText(info?.advice.conditions ?? [], context),
    ...adviceText(fit.level.conditions, context),
    ...adviceText(
      decision.rulesFired
        .filter((r) => r.recommendation !== 'decline')
        .flatMap((r) => r.conditions),
      context,
    ),
  ];
  return {
    talkingPoints: adviceText(info?.advice.talkingPoints ?? [], context),
    conditions: [...new Set(conditions)],
  };
}
