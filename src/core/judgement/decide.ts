import type { Bank, Question, Rule } from '../bank/bank';
import type { AdviceItemData, Degree, Recommendation, Severity } from '../bank/schema';
import { recommendations, severities, unknownFitLevel } from '../bank/schema';
import type { AnswerValue } from './answers';
import type { ConditionContext } from './conditions';
import { evaluate } from './conditions';
import type { FitResult } from './fit';
import { countingFlags, fitOf, flagIndex } from './fit';
import type { OpenDegrees } from './open-degrees';

export const undecided = 'undecided';

export type Verdict = Recommendation | typeof undecided;

/**
 * What set the recommendation: a rule, the fit level, the degree's default,
 * the most cautious call the open degree questions allow (`open`), or nothing (undecided).
 */
export type DecidedBy =
  | { readonly kind: 'rule'; readonly rule: Rule }
  | { readonly kind: 'fit' }
  | { readonly kind: 'degree' }
  | { readonly kind: 'open'; readonly degree: string; readonly ask: Question | undefined }
  | { readonly kind: 'undecided' };

export interface Decision {
  readonly rulesFired: Rule[];
  readonly recommendation: Verdict;
  readonly decidedBy: DecidedBy;
  readonly degreeInfo: Degree | undefined;
}

/** Whether `a` is less favourable than `b` (take > take-with-conditions > decline). */
const worse = (a: Recommendation, b: Recommendation): boolean =>
  recommendations.indexOf(a) > recommendations.indexOf(b);

/** What rules and advice see: the answers, the flags that count, the degree, the fit level and flag counts. */
export function callContext(
  bank: Bank,
  answerOf: (id: string) => AnswerValue | undefined,
  flagIds: ReadonlySet<string>,
  degree: string,
  fit: string,
): ConditionContext {
  const index = flagIndex(bank);
  return {
    answerOf,
    hasFlag: (id) => flagIds.has(id),
    degree,
    fit,
    countFlags: (kind: 'red' | 'green', minSeverity: Severity) => {
      const least = severities.indexOf(minSeverity);
      let n = 0;
      for (const id of flagIds) {
        const flag = index.get(id);
        if (flag !== undefined && flag.kind === kind && severities.indexOf(flag.severity) >= least)
          n++;
      }
      return n;
    },
  };
}

/**
 * The recommendation at one degree, with one precedence (README, "How the call is made"):
 * 1. a rule that declines wins, whatever else (a decisive flag, the right-customer test);
 * 2. then a fit level that declines;
 * 3. then, when the degree is undecided, the recommendation is undecided;
 * 4. otherwise the least favourable of the degree's default, the fit level's
 *    recommendation and every other rule that fires (on a tie: rule, then degree, then fit).
 */
export function decide(
  bank: Bank,
  answerOf: (id: string) => AnswerValue | undefined,
  flagIds: ReadonlySet<string>,
  degree: string,
  fit: FitResult,
): Decision {
  const context = callContext(bank, answerOf, flagIds, degree, fit.level.id);
  const rulesFired = bank.rules.filter((rule) => evaluate(rule.when, context));
  const degreeInfo = bank.degrees.find((d) => d.id === degree);
  const decline = rulesFired.find((rule) => rule.recommendation === 'decline');
  if (decline !== undefined)
    return {
      rulesFired,
      recommendation: 'decline',
      decidedBy: { kind: 'rule', rule: decline },
      degreeInfo,
    };
  if (fit.level.recommendation === 'decline')
    return { rulesFired, recommendation: 'decline', decidedBy: { kind: 'fit' }, degreeInfo };
  if (degreeInfo === undefined)
    return { rulesFired, recommendation: undecided, decidedBy: { kind: 'undecided' }, degreeInfo };
  let recommendation: Recommendation = degreeInfo.recommendation;
  let decidedBy: DecidedBy = { kind: 'degree' };
  for (const rule of rulesFired) {
    if (worse(rule.recommendation, recommendation)) {
      recommendation = rule.recommendation;
      decidedBy = { kind: 'rule', rule };
    }
  }
  if (fit.level.recommendation !== undefined && worse(fit.level.recommendation, recommendation)) {
    recommendation = fit.level.recommendation;
    decidedBy = { kind: 'fit' };
  }
  return { rulesFired, recommendation, decidedBy, degreeInfo };
}

/** The call at one degree: the flags that count there, the fit they give, and the decision. */
export interface Call {
  readonly degree: string;
  readonly flags: ReadonlySet<string>;
  readonly fit: FitResult;
  readonly decision: Decision;
}

/** The call as if the degree were `degree`, from the flags raised and the number of fit questions answered. */
export function callAt(
  bank: Bank,
  answerOf: (id: string) => AnswerValue | undefined,
  raised: ReadonlySet<string>,
  fitAnswered: number,
  degree: string,
): Call {
  const flags = countingFlags(bank, raised, { answerOf, degree });
  const fit = fitOf(bank, flags, fitAnswered);
  return { degree, flags, fit, decision: decide(bank, answerOf, flags, degree, fit) };
}

/** Whether the call at `degree` declines: `callAt`'s decline, without building the rest of the decision. */
export function declinesAt(
  bank: Bank,
  answerOf: (id: string) => AnswerValue | undefined,
  raised: ReadonlySet<string>,
  fitAnswered: number,
  degree: string,
): boolean {
  const flags = countingFlags(bank, raised, { answerOf, degree });
  const fit = fitOf(bank, flags, fitAnswered);
  if (fit.level.recommendation === 'decline') return true;
  const context = callContext(bank, answerOf, flags, degree, fit.level.id);
  return bank.rules.some(
    (rule) => rule.recommendation === 'decline' && evaluate(rule.when, context),
  );
}

/**
 * The call while the degree is undecided. `calls` are the calls at each
 * degree the open questions could reach, with the answers given;
 * `openFitCouldFail` whether some way of answering the open fit questions
 * together would decline there (see openFitCompletions). It stays undecided when
 * nothing about the fit is known either, or when any of those would decline
 * (or stay undecided). Otherwise every answer still to come leads to a
 * workable call, and the most cautious of `calls` is given: the least
 * favourable, the later degree on a tie.
 */
export function settleOpen(
  base: Call,
  calls: readonly Call[],
  openFitCouldFail: boolean,
  open: OpenDegrees,
): Call {
  if (calls.length === 0 || base.fit.level.id === unknownFitLevel || openFitCouldFail) return base;
  const unworkable = (c: Call): boolean =>
    c.decision.recommendation === 'decline' || c.decision.recommendation === undecided;
  if (calls.some(unworkable)) return base;
  let cautious = calls[0] as Call;
  for (const c of calls) {
    const r = c.decision.recommendation as Recommendation;
    if (!worse(cautious.decision.recommendation as Recommendation, r)) cautious = c;
  }
  const decision: Decision = {
    ...cautious.decision,
    decidedBy: { kind: 'open', degree: cautious.degree, ask: open.next },
  };
  return { ...base, decision };
}

/** The text of the advice items whose condition holds. */
export function adviceText(items: readonly AdviceItemData[], context: ConditionContext): string[] {
  return items.flatMap((item) =>
    typeof item === 'string' ? [item] : evaluate(item.when, context) ? [item.text] : [],
  );
}
