import type { PathSegment } from '../../diagnostics/diagnostic';
import { suggestion } from '../../diagnostics/did-you-mean';
import { quote } from '../../diagnostics/describe-value';
import type { Question } from '../bank';
import type { Condition } from '../schema';
import { unknownAnswer } from '../schema';
import type { ConditionSite, LintContext } from './lint-context';

type QuestionTest = Extract<Condition, { readonly question: string }>;

/** A test of an answer: a known question, asked earlier, compared with values it accepts. */
export function lintQuestionTest(
  ctx: LintContext,
  c: QuestionTest,
  site: ConditionSite,
  path: readonly PathSegment[],
): void {
  const target = ctx.questionById.get(c.question);
  if (lintReference(ctx, c.question, target, site, path) && target !== undefined) {
    const values = 'equals' in c ? [c.equals] : 'in' in c ? c.in : [];
    values.forEach((value, i) => {
      const sub = 'equals' in c ? ['equals'] : ['in', i];
      lintValue(ctx, target, value, site, [...path, ...sub]);
    });
  }
}

/** Whether the question a condition names can be tested there; reports why not. */
function lintReference(
  ctx: LintContext,
  id: string,
  target: Question | undefined,
  { at, owner }: ConditionSite,
  path: readonly PathSegment[],
): boolean {
  const targetPos = ctx.position.get(id);
  const ownerPos = owner === undefined ? Infinity : (ctx.position.get(owner.id) ?? 0);
  if (target === undefined || targetPos === undefined) {
    if (!ctx.isBrokenQuestion(id))
      ctx.report(
        'error',
        at,
        [...path, 'question'],
        'unknown-question',
        `there is no question "${id}"`,
        suggestion(id, ctx.questionIds),
      );
    return false;
  }
  // Format 1 had no axes: a degree question asked only after some other answer meant just that.
  if (
    owner?.evidence === 'degree' &&
    target.evidence !== 'degree' &&
    ctx.bank.formatVersion !== 1
  ) {
    ctx.report(
      'error',
      at,
      [...path, 'question'],
      'degree-depends-on-fit',
      `the degree question "${owner.id}" depends on "${id}", which is not degree evidence`,
      'the degree must come from the degree evidence alone: test a degree question instead',
    );
    return false;
  }
  if (targetPos >= ownerPos) {
    ctx.report(
      'error',
      at,
      [...path, 'question'],
      'forward-reference',
      `the condition on "${owner?.id ?? ''}" refers to "${id}", which is ` +
        (targetPos === ownerPos ? 'the question itself' : 'asked later'),
      'a condition may only look at earlier questions: move the question or change the condition',
    );
    return false;
  }
  return true;
}

/**
 * One value a condition compares an answer with: never "unknown", never for text, one the question
 * accepts.
 */
function lintValue(
  ctx: LintContext,
  target: Question,
  value: string | number,
  { at }: ConditionSite,
  path: readonly PathSegment[],
): void {
  const id = target.id;
  if (value === unknownAnswer)
    ctx.report(
      'error',
      at,
      path,
      'condition-on-unknown',
      `a condition cannot test for "unknown"`,
      `use { question: ${id}, answered: false }`,
    );
  else if (target.type === 'text')
    ctx.report(
      'error',
      at,
      path,
      'condition-on-text',
      `"${id}" is a free-text question: its answer cannot be compared with a value`,
      `use { question: ${id}, answered: true }`,
    );
  else if (target.type === 'scale') {
    const min = target.scale?.min ?? 0;
    const max = target.scale?.max ?? 0;
    if (typeof value !== 'number' || value < min || value > max)
      ctx.report(
        'error',
        at,
        path,
        'invalid-condition-value',
        `${quote(String(value))} is not a point on the scale of "${id}" (${min} to ${max})`,
      );
  } else {
    const allowed = target.choices.map((ch) => ch.value);
    if (typeof value !== 'string' || !allowed.includes(value))
      ctx.report(
        'error',
        at,
        path,
        'invalid-condition-value',
        `${quote(String(value))} is not an answer to "${id}"`,
        (typeof value === 'string' ? suggestion(value, allowed) : undefined) ??
          `answers: ${allowed.join(', ')}`,
      );
  }
}
