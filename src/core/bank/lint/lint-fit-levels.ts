import { round2 } from '../../text/round';
import type { Bank } from '../bank';
import type { Recommendation } from '../schema';
import { recommendations } from '../schema';
import type { Report } from './lint-context';

/**
 * Fit levels go from best to worst: rising thresholds, only the last without
 * one, recommendations never more favourable further down.
 */
export function lintFitLevels(bank: Bank, report: Report): void {
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
        `the last fit level "${level.id}" has "upTo: ${level.upTo}", ` +
          'so a fit score above it has no level',
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
        `the fit level "${level.id}" covers scores up to ${level.upTo}, ` +
          `not above the level before it ("${before.id}", up to ${before.upTo})`,
        'list the levels from best to worst, with rising "upTo"',
      );
    if (before !== undefined && order(level.recommendation) < order(before.recommendation))
      report(
        'error',
        level.at,
        ['recommendation'],
        'fit-levels-out-of-order',
        `the fit level "${level.id}" recommends ${level.recommendation ?? 'nothing'}, ` +
          `more favourable than the better level "${before.id}" ` +
          `(${before.recommendation ?? 'nothing'})`,
        'a worse fit can never make the recommendation more favourable',
      );
  });
}

/**
 * A fit level whose scores no set of flags can produce (all above the most
 * red points there are, or all below the most green).
 */
export function lintFitReach(bank: Bank, raisable: ReadonlySet<string>, report: Report): void {
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
    // The level covers scores in (from, to]; it is reachable when some score
    // between least and most falls there.
    if (from >= most || to < least) {
      const covers =
        (Number.isFinite(from) ? `above ${from}` : 'anything') +
        (Number.isFinite(to) ? ` up to ${to}` : '');
      report(
        'warning',
        level.at,
        ['id'],
        'fit-level-never-met',
        `no set of flags can give the fit level "${level.id}": ` +
          `the fit score runs from ${round2(least)} to ${round2(most)}, ` +
          `and this level covers ${covers}`,
        'change its "upTo" (or the one before it), or the flags\' severities',
      );
    }
  });
}
