import type { SourceRef } from '../bank';
import { unknownFitLevel } from '../schema';
import type { LintContext } from './lint-context';

/** Ids must be unique within their kind; the fit level id "unknown" is reserved. */
export function lintIds(ctx: LintContext): void {
  const { bank, report, manifestAt } = ctx;
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
  seen('degree', ctx.degreeIds, (i) => manifestAt(['degrees', i]));
  seen('flag', ctx.flagIds, (i) => manifestAt(['flags', i]));
  seen('fit level', ctx.fitIds, (i) => bank.fit.levels[i]?.at ?? manifestAt(['fit']));
  for (const level of bank.fit.levels)
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
  seen('question', ctx.questionIds, (i) => bank.questions[i]?.at ?? manifestAt([]));
  seen(
    'rule',
    bank.rules.map((r) => r.id),
    (i) => bank.rules[i]?.at ?? manifestAt([]),
  );
}
