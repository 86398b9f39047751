import type { Diagnostic, PathSegment, SourcePosition } from '../diagnostics/diagnostic';
import { suggestion } from '../diagnostics/did-you-mean';
import { quote } from '../diagnostics/schema-diagnostics';
import type { AdviceItemData, Condition, Recommendation } from './schema';
import { recommendations, severities, unknownAnswer, unknownFitLevel } from './schema';
import { round2 } from '../text/round';
import type { Bank, Effect, Question, SourceRef } from './bank';
import { flagCycleProblems } from './flag-cycles';
import { followUpIds } from './follow-up-ids';
import type { BrokenIds } from './salvage-bank-file';

/** Finds the line and column of a path in one of the bank's files. */
export type Locate = (
  file: string,
  path: readonly PathSegment[],
  options?: { key?: boolean },
) => SourcePosition | undefined;

/** How to lint a bank. */
export interface LintOptions {
  /**
   * Set when the bank is what is left of files that failed the format check:
   * references to the parts left out are not reported, and neither are the
   * warnings, which need the whole bank.
   */
  readonly broken?: BrokenIds | undefined;
}

/**
 * The logic lint that runs on top of the schema: references that do not
 * resolve or point forward, questions nobody can reach, answers with no
 * effect, degrees no answer set can reach, flags never raised and rules that
 * can never fire. Errors make the bank unusable; warnings point at dead weight.
 */
export function lintBank(bank: Bank, locate: Locate, options: LintOptions = {}): Diagnostic[] {
  const broken = options.broken;
  const out: Diagnostic[] = [];
  const report: Report = (severity, at, sub, code, message, hint, key = false) => {
    const path = [...at.path, ...sub];
    const position = locate(at.file, path, { key });
    out.push({
      severity,
      code,
      file: at.file,
      path,
      message,
      ...(position === undefined ? {} : { line: position.line, column: position.column }),
      ...(hint === undefined ? {} : { hint }),
    });
  };
  const manifestFile = bank.files[0] ?? '';
  const manifestAt = (path: readonly PathSegment[]): SourceRef => ({ file: manifestFile, path });

  const degreeIds = bank.degrees.map((d) => d.id);
  const flagIds = bank.flags.map((f) => f.id);
  const fitIds = bank.fit.levels.map((l) => l.id);
  const isDegree = (id: string): boolean =>
    degreeIds.includes(id) || (broken?.degrees.has(id) ?? false);
  const isFlag = (id: string): boolean => flagIds.includes(id) || (broken?.flags.has(id) ?? false);
  const isFitLevel = (id: string): boolean => fitIds.includes(id) || (broken?.fitLevels ?? false);
  const isBrokenQuestion = (id: string): boolean => broken?.questions.has(id) ?? false;
  const questionIds = bank.questions.map((q) => q.id);
  const position = new Map<string, number>();

  // Unique ids.
  const seen = (kind: string, ids: readonly string[], at: (i: number) => SourceRef): void => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      if (first.has(id))
        report(
          'error',
          at(i),
          ['id'],
          `duplicate-${kind.replace(/ /g, '-')}`,
          `the ${kind} id "${id}" is used twice`,
          `ids must be unique: rename one of them`,
        );
      else first.set(id, i);
    });
  };
  seen('degree', degreeIds, (i) => manifestAt(['degrees', i]));
  seen('flag', flagIds, (i) => manifestAt(['flags', i]));
  seen('fit level', fitIds, (i) => bank.fit.levels[i]?.at ?? manifestAt(['fit']));
  bank.fit.levels.forEach((level) => {
    if (level.id === unknownFitLevel)
      report(
        'error',
        level.at,
        ['id'],
        'reserved-value',
        `"unknown" is reserved: it is the fit when nothing about it came up`,
        'give this level another id',
        true,
      );
  });
  lintFitLevels(bank, report);
  seen('question', questionIds, (i) => bank.questions[i]?.at ?? manifestAt([]));
  seen(
    'rule',
    bank.rules.map((r) => r.id),
    (i) => bank.rules[i]?.at ?? manifestAt([]),
  );
  bank.questions.forEach((q, i) => {
    if (!position.has(q.id)) position.set(q.id, i);
  });

  const questionById = new Map(bank.questions.map((q) => [q.id, q]));
  const raisedBy = new Map<string, string[]>();
  for (const q of bank.questions)
    for (const e of [...q.choices, ...q.bands])
      for (const f of e.flags) raisedBy.set(f, [...(raisedBy.get(f) ?? []), q.id]);

  // Effects: signals, flags and follow-ups must resolve; follow-ups must come later.
  const checkEffect = (question: Question, effect: Effect): void => {
    if (question.evidence !== 'degree' && [...effect.signals.values()].some((w) => w !== 0))
      report(
        'error',
        effect.at,
        ['signals'],
        'signals-outside-degree-evidence',
        `"${question.id}" is not degree evidence, so its answers cannot carry signals`,
        `add "evidence: degree" to "${question.id}" if its answers show where the light bulb goes on; otherwise raise flags for the fit instead`,
        true,
      );
    for (const degree of effect.signals.keys()) {
      if (!isDegree(degree))
        report(
          'error',
          effect.at,
          ['signals', degree],
          'unknown-degree',
          `"${degree}" is not a degree of this bank`,
          suggestion(degree, degreeIds) ?? `degrees: ${degreeIds.join(', ')}`,
          true,
        );
    }
    effect.flags.forEach((flag, i) => {
      if (!isFlag(flag))
        report(
          'error',
          effect.at,
          ['flags', i],
          'unknown-flag',
          `the flag "${flag}" is not declared in the manifest`,
          suggestion(flag, flagIds) ?? 'declare it under "flags:" in bank.yaml',
        );
    });
    effect.opens.forEach((id, i) => {
      const target = position.get(id);
      const here = position.get(question.id) ?? 0;
      if (target === undefined && isBrokenQuestion(id)) return;
      if (target === undefined)
        report(
          'error',
          effect.at,
          ['opens', i],
          'unknown-question',
          `there is no question "${id}" to open`,
          suggestion(id, questionIds),
        );
      else if (question.evidence === 'fit' && questionById.get(id)?.evidence === 'degree')
        report(
          'error',
          effect.at,
          ['opens', i],
          'fit-opens-degree-question',
          `"${question.id}" is a fit question, so it cannot open the degree question "${id}"`,
          'the degree must come from the degree evidence alone: open it from a degree question, or make "' +
            question.id +
            '" degree evidence',
        );
      else if (target <= here)
        report(
          'error',
          effect.at,
          ['opens', i],
          'opens-earlier-question',
          `"${id}" cannot be a follow-up of "${question.id}": it comes ${target === here ? 'at the same place' : 'earlier'} in the bank`,
          `move "${id}" after "${question.id}"`,
        );
    });
  };

  // Conditions: known ids, earlier questions only, values the question accepts.
  const checkCondition = (
    condition: Condition,
    at: SourceRef,
    path: readonly PathSegment[],
    owner: Question | undefined,
  ): void => {
    const stack: { c: Condition; path: readonly PathSegment[] }[] = [{ c: condition, path }];
    while (stack.length > 0) {
      const item = stack.pop();
      if (item === undefined) break;
      const { c } = item;
      if ('question' in c) {
        const target = questionById.get(c.question);
        const targetPos = position.get(c.question);
        const ownerPos = owner === undefined ? Infinity : (position.get(owner.id) ?? 0);
        if (target === undefined || targetPos === undefined) {
          if (isBrokenQuestion(c.question)) continue;
          report(
            'error',
            at,
            [...item.path, 'question'],
            'unknown-question',
            `there is no question "${c.question}"`,
            suggestion(c.question, questionIds),
          );
          continue;
        }
        // Format 1 had no axes: a degree question asked only after some other answer meant just that.
        if (
          owner?.evidence === 'degree' &&
          target.evidence !== 'degree' &&
          bank.formatVersion !== 1
        ) {
          report(
            'error',
            at,
            [...item.path, 'question'],
            'degree-depends-on-fit',
            `the degree question "${owner.id}" depends on "${c.question}", which is not degree evidence`,
            'the degree must come from the degree evidence alone: test a degree question instead',
          );
          continue;
        }
        if (targetPos >= ownerPos) {
          report(
            'error',
            at,
            [...item.path, 'question'],
            'forward-reference',
            `the condition on "${owner?.id ?? ''}" refers to "${c.question}", which is ${targetPos === ownerPos ? 'the question itself' : 'asked later'}`,
            'a condition may only look at earlier questions: move the question or change the condition',
          );
          continue;
        }
        const values = 'equals' in c ? [c.equals] : 'in' in c ? c.in : [];
        values.forEach((value, i) => {
          const sub = 'equals' in c ? ['equals'] : ['in', i];
          if (value === unknownAnswer) {
            report(
              'error',
              at,
              [...item.path, ...sub],
              'condition-on-unknown',
              `a condition cannot test for "unknown"`,
              `use { question: ${c.question}, answered: false }`,
            );
            return;
          }
          if (target.type === 'text') {
            report(
              'error',
              at,
              [...item.path, ...sub],
              'condition-on-text',
              `"${c.question}" is a free-text question: its answer cannot be compared with a value`,
              `use { question: ${c.question}, answered: true }`,
            );
          } else if (target.type === 'scale') {
            const min = target.scale?.min ?? 0;
            const max = target.scale?.max ?? 0;
            if (typeof value !== 'number' || value < min || value > max)
              report(
                'error',
                at,
                [...item.path, ...sub],
                'invalid-condition-value',
                `${quote(String(value))} is not a point on the scale of "${c.question}" (${min} to ${max})`,
              );
          } else {
            const allowed = target.choices.map((ch) => ch.value);
            if (typeof value !== 'string' || !allowed.includes(value)) {
              report(
                'error',
                at,
                [...item.path, ...sub],
                'invalid-condition-value',
                `${quote(String(value))} is not an answer to "${c.question}"`,
                (typeof value === 'string' ? suggestion(value, allowed) : undefined) ??
                  `answers: ${allowed.join(', ')}`,
              );
            }
          }
        });
      } else if ('flag' in c) {
        if (!isFlag(c.flag)) {
          report(
            'error',
            at,
            [...item.path, 'flag'],
            'unknown-flag',
            `the flag "${c.flag}" is not declared in the manifest`,
            suggestion(c.flag, flagIds),
          );
        } else if (
          owner?.evidence === 'degree' &&
          bank.formatVersion !== 1 &&
          (raisedBy.get(c.flag) ?? []).some((id) => questionById.get(id)?.evidence !== 'degree')
        ) {
          report(
            'error',
            at,
            [...item.path, 'flag'],
            'degree-depends-on-fit',
            `the degree question "${owner.id}" depends on the flag "${c.flag}", which a fit question raises`,
            'the degree must come from the degree evidence alone: test a degree question instead',
          );
        } else if (owner !== undefined && (broken?.questions.size ?? 0) === 0) {
          // (With questions left out, the one that raises the flag may be among them.)
          const ownerPos = position.get(owner.id) ?? 0;
          const earlier = (raisedBy.get(c.flag) ?? []).some(
            (id) => (position.get(id) ?? Infinity) < ownerPos,
          );
          if (!earlier)
            report(
              'error',
              at,
              [...item.path, 'flag'],
              'forward-reference',
              `the condition on "${owner.id}" tests the flag "${c.flag}", which no earlier question raises`,
              'a condition may only look at flags raised by earlier questions',
            );
        }
      } else if ('degree' in c) {
        if (owner !== undefined)
          report(
            'error',
            at,
            [...item.path, 'degree'],
            'degree-in-question',
            `a question's condition cannot test the degree: it is known only at the end`,
            'test the degree in a rule instead',
          );
        else if (c.degree !== 'undecided' && !isDegree(c.degree))
          report(
            'error',
            at,
            [...item.path, 'degree'],
            'unknown-degree',
            `"${c.degree}" is not a degree of this bank`,
            suggestion(c.degree, degreeIds) ?? `degrees: ${degreeIds.join(', ')}`,
          );
      } else if ('fit' in c || 'flagCount' in c) {
        const key = 'fit' in c ? 'fit' : 'flagCount';
        if (owner !== undefined)
          report(
            'error',
            at,
            [...item.path, key],
            `${key === 'fit' ? 'fit' : 'flag-count'}-in-question`,
            `a question's condition cannot test ${key === 'fit' ? 'the fit' : 'how many flags are raised'}: it is known only at the end`,
            'test it in a rule instead',
            true,
          );
        else if ('fit' in c && c.fit !== unknownFitLevel && !isFitLevel(c.fit))
          report(
            'error',
            at,
            [...item.path, 'fit'],
            'unknown-fit-level',
            `"${c.fit}" is not a fit level of this bank`,
            suggestion(c.fit, fitIds) ?? `fit levels: ${fitIds.join(', ')}`,
          );
      } else if ('not' in c) stack.push({ c: c.not, path: [...item.path, 'not'] });
      else if ('all' in c)
        c.all.forEach((inner, i) => stack.push({ c: inner, path: [...item.path, 'all', i] }));
      else c.any.forEach((inner, i) => stack.push({ c: inner, path: [...item.path, 'any', i] }));
    }
  };

  for (const question of bank.questions) {
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
    if (question.type === 'scale' && question.scale !== undefined) {
      const { min, max } = question.scale;
      if (min >= max)
        report(
          'error',
          question.at,
          ['scale'],
          'bad-scale',
          `the scale of "${question.id}" runs from ${min} to ${max}: min must be below max`,
        );
      const sorted = [...question.bands].sort((a, b) => a.from - b.from);
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
    for (const effect of [...question.choices, ...question.bands]) checkEffect(question, effect);
    if (question.when !== undefined) checkCondition(question.when, question.at, ['when'], question);
  }
  // Rules, flags and advice are judged at the end: their conditions may test the degree, the fit and any flag.
  for (const c of endConditions(bank, manifestAt))
    checkCondition(c.condition, c.at, c.path, undefined);
  for (const example of bank.examples) {
    const { degree, fit } = example.expect;
    if (degree !== 'undecided' && !isDegree(degree))
      report(
        'error',
        example.at,
        ['expect', 'degree'],
        'unknown-degree',
        `"${degree}" is not a degree of this bank`,
        suggestion(degree, degreeIds) ?? `degrees: ${degreeIds.join(', ')}`,
      );
    if (fit !== undefined && fit !== unknownFitLevel && !isFitLevel(fit))
      report(
        'error',
        example.at,
        ['expect', 'fit'],
        'unknown-fit-level',
        `"${fit}" is not a fit level of this bank`,
        suggestion(fit, fitIds) ?? `fit levels: ${fitIds.join(', ')}`,
      );
  }

  // Flags whose conditions test each other: each counts only with the other, which is never what was meant.
  for (const c of flagCycleProblems(bank.flags))
    report('error', manifestAt(['flags', c.flag]), ['when'], 'flag-cycle', c.message, c.hint);

  // Degrees and flags declared but unusable.
  const hasErrorsSoFar = out.some((d) => d.severity === 'error');
  if (!hasErrorsSoFar && broken === undefined) lintReachability(bank, report, manifestAt);

  return out;
}

type Report = (
  severity: Diagnostic['severity'],
  at: SourceRef,
  sub: readonly PathSegment[],
  code: string,
  message: string,
  hint?: string,
  key?: boolean,
) => void;

/** Every condition judged at the end, with where it is written: rules, flags, and advice with `when`. */
function endConditions(bank: Bank, manifestAt: (path: readonly PathSegment[]) => SourceRef) {
  const out: { condition: Condition; at: SourceRef; path: readonly PathSegment[] }[] = [];
  const advice = (
    items: readonly AdviceItemData[],
    at: SourceRef,
    path: readonly PathSegment[],
  ): void => {
    items.forEach((item, i) => {
      if (typeof item !== 'string')
        out.push({ condition: item.when, at, path: [...path, i, 'when'] });
    });
  };
  for (const rule of bank.rules) {
    out.push({ condition: rule.when, at: rule.at, path: ['when'] });
    advice(rule.conditions, rule.at, ['conditions']);
  }
  bank.flags.forEach((flag, i) => {
    if (flag.when !== undefined)
      out.push({ condition: flag.when, at: manifestAt(['flags', i]), path: ['when'] });
  });
  bank.degrees.forEach((degree, i) => {
    advice(degree.advice.talkingPoints, manifestAt(['degrees', i]), ['advice', 'talkingPoints']);
    advice(degree.advice.conditions, manifestAt(['degrees', i]), ['advice', 'conditions']);
  });
  for (const level of bank.fit.levels) advice(level.conditions, level.at, ['conditions']);
  return out;
}

/** The warnings that need a coherent bank: dead questions, answers, degrees, flags and rules. */
function lintReachability(
  bank: Bank,
  report: Report,
  manifestAt: (path: readonly PathSegment[]) => SourceRef,
): void {
  const followUps = followUpIds(bank);
  const reachable = new Set<string>();
  const raisable = new Set<string>();
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  /**
   * Abstract evaluation: can the condition be true, can it be false, given what
   * can be reached before it? Answers to one single-choice question in an `all`
   * are intersected, so `source = a` and `source = b` together are caught.
   */
  const outcomes = (c: Condition): { canBeTrue: boolean; canBeFalse: boolean } => {
    if ('question' in c) {
      if (!reachable.has(c.question))
        return 'answered' in c && !c.answered
          ? { canBeTrue: true, canBeFalse: false }
          : { canBeTrue: false, canBeFalse: true };
      return { canBeTrue: true, canBeFalse: true };
    }
    if ('flag' in c) return { canBeTrue: raisable.has(c.flag), canBeFalse: true };
    if ('flagCount' in c) {
      const { kind = 'red', minSeverity = 'low', atLeast } = c.flagCount;
      const least = severities.indexOf(minSeverity);
      const most = bank.flags.filter(
        (f) => f.kind === kind && raisable.has(f.id) && severities.indexOf(f.severity) >= least,
      ).length;
      return { canBeTrue: most >= atLeast, canBeFalse: true };
    }
    if ('degree' in c || 'fit' in c) return { canBeTrue: true, canBeFalse: true };
    if ('not' in c) {
      const inner = outcomes(c.not);
      return { canBeTrue: inner.canBeFalse, canBeFalse: inner.canBeTrue };
    }
    if ('all' in c) {
      const parts = c.all.map(outcomes);
      return {
        canBeTrue: parts.every((p) => p.canBeTrue) && !contradictory(c.all),
        canBeFalse: parts.some((p) => p.canBeFalse),
      };
    }
    const parts = c.any.map(outcomes);
    return {
      canBeTrue: parts.some((p) => p.canBeTrue),
      canBeFalse: parts.every((p) => p.canBeFalse),
    };
  };
  const contradictory = (conditions: readonly Condition[]): boolean => {
    const allowed = new Map<string, Set<string | number>>();
    for (const c of conditions) {
      if (!('question' in c) || 'answered' in c) continue;
      const question = byId.get(c.question);
      if (question === undefined || question.type === 'multiple') continue;
      const values = new Set<string | number>('equals' in c ? [c.equals] : c.in);
      const before = allowed.get(c.question);
      const next =
        before === undefined ? values : new Set([...before].filter((v) => values.has(v)));
      if (next.size === 0) return true;
      allowed.set(c.question, next);
    }
    return false;
  };
  const possible = (c: Condition): boolean => outcomes(c).canBeTrue;
  const opensFrom = new Map<string, string[]>();
  for (const q of bank.questions)
    for (const e of [...q.choices, ...q.bands])
      for (const id of e.opens) opensFrom.set(id, [...(opensFrom.get(id) ?? []), q.id]);

  for (const question of bank.questions) {
    const openedByReachable =
      !followUps.has(question.id) ||
      (opensFrom.get(question.id) ?? []).some((id) => reachable.has(id));
    const ok = openedByReachable && (question.when === undefined || possible(question.when));
    if (!ok) {
      report(
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
    for (const effect of [...question.choices, ...question.bands])
      for (const flag of effect.flags) raisable.add(flag);

    const effects = [...question.choices, ...question.bands];
    if (question.type !== 'text') {
      for (const effect of effects) {
        const none =
          [...effect.signals.values()].every((w) => w === 0) &&
          effect.flags.length === 0 &&
          effect.opens.length === 0;
        if (none && !effect.neutral) {
          const name = 'value' in effect ? `the answer "${effect.value}"` : 'this band';
          report(
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
        report(
          'warning',
          question.at,
          ['id'],
          'no-effect',
          `the scale question "${question.id}" has no bands, so its answer has no effect`,
          'add bands with signals or flags',
        );
    }
  }

  // A degree can only win if some reachable answer pulls toward it by at least the minimum evidence.
  bank.degrees.forEach((degree, i) => {
    let best = 0;
    for (const q of bank.questions) {
      if (!reachable.has(q.id)) continue;
      const weights = [...q.choices, ...q.bands].map((e) => e.signals.get(degree.id) ?? 0);
      best +=
        q.type === 'multiple'
          ? weights.filter((w) => w > 0).reduce((a, b) => a + b, 0)
          : Math.max(0, ...weights);
    }
    if (best < bank.minimumEvidence || best <= 0) {
      report(
        'warning',
        manifestAt(['degrees', i]),
        ['id'],
        'unreachable-degree',
        `no set of answers can reach the degree "${degree.id}": at most ${best} of the ${bank.minimumEvidence} needed`,
        'give some answers positive signals toward it, or lower scoring.minimumEvidence',
      );
    }
  });

  bank.flags.forEach((flag, i) => {
    if (!raisable.has(flag.id))
      report(
        'warning',
        manifestAt(['flags', i]),
        ['id'],
        'flag-never-raised',
        `the flag "${flag.id}" is never raised by any reachable answer`,
        'list it under "flags:" of an option, or remove it',
      );
  });

  if (bank.fit.declared) lintFitReach(bank, raisable, report);

  const reachableDegrees = new Set(bank.degrees.map((d) => d.id));
  for (const rule of bank.rules) {
    const degreeOk = (c: Condition): boolean =>
      !('degree' in c) || c.degree === 'undecided' || reachableDegrees.has(c.degree);
    if (!possible(rule.when) || !degreeOk(rule.when))
      report(
        'warning',
        rule.at,
        ['id'],
        'rule-never-fires',
        `the rule "${rule.id}" can never fire`,
        'its condition needs a question, flag or degree that can never be reached',
      );
  }
}

/** Fit levels go from best to worst: rising thresholds, only the last without one, recommendations never more favourable further down. */
function lintFitLevels(bank: Bank, report: Report): void {
  const levels = bank.fit.levels;
  const order = (r: Recommendation | undefined): number =>
    r === undefined ? 0 : recommendations.indexOf(r);
  levels.forEach((level, i) => {
    const last = i === levels.length - 1;
    if (last && level.upTo !== undefined)
      report(
        'error',
        level.at,
        ['upTo'],
        'fit-last-level-bounded',
        `the last fit level "${level.id}" has "upTo: ${level.upTo}", so a fit score above it has no level`,
        'remove "upTo" from the last level: it takes every score above the one before',
        true,
      );
    if (!last && level.upTo === undefined)
      report(
        'error',
        level.at,
        ['id'],
        'fit-level-unbounded',
        `the fit level "${level.id}" has no "upTo", but levels follow it`,
        'give it "upTo", or make it the last level',
        true,
      );
    const before = levels[i - 1];
    if (before?.upTo !== undefined && level.upTo !== undefined && level.upTo <= before.upTo)
      report(
        'error',
        level.at,
        ['upTo'],
        'fit-levels-out-of-order',
        `the fit level "${level.id}" covers scores up to ${level.upTo}, not above the level before it ("${before.id}", up to ${before.upTo})`,
        'list the levels from best to worst, with rising "upTo"',
      );
    if (before !== undefined && order(level.recommendation) < order(before.recommendation))
      report(
        'error',
        level.at,
        ['recommendation'],
        'fit-levels-out-of-order',
        `the fit level "${level.id}" recommends ${level.recommendation ?? 'nothing'}, more favourable than the better level "${before.id}" (${before.recommendation ?? 'nothing'})`,
        'a worse fit can never make the recommendation more favourable',
      );
  });
}

/** A fit level whose scores no set of flags can produce (all above the most red points there are, or all below the most green). */
function lintFitReach(bank: Bank, raisable: ReadonlySet<string>, report: Report): void {
  let most = 0;
  const least = 0;
  for (const flag of bank.flags) {
    if (!raisable.has(flag.id)) continue;
    const points = bank.fit.points[flag.severity];
    // Green flags take nothing away: the fit score runs from 0 to the sum of the red points.
    if (flag.kind === 'red') most += points;
  }
  bank.fit.levels.forEach((level, i) => {
    const from = i === 0 ? -Infinity : (bank.fit.levels[i - 1]?.upTo ?? Infinity);
    const to = level.upTo ?? Infinity;
    // The level covers scores in (from, to]; it is reachable when some score between least and most falls there.
    if (from >= most || to < least)
      report(
        'warning',
        level.at,
        ['id'],
        'fit-level-never-met',
        `no set of flags can give the fit level "${level.id}": the fit score runs from ${round2(least)} to ${round2(most)}, and this level covers ${Number.isFinite(from) ? `above ${from}` : 'anything'}${Number.isFinite(to) ? ` up to ${to}` : ''}`,
        'change its "upTo" (or the one before it), or the flags\' severities',
      );
  });
}
