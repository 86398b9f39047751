import { unknownAnswer, unknownFitLevel } from '../core/bank/schema';
import type { Report } from '../core/report/report-schema';
import { clarityWords, completenessWords, fitTally } from '../core/report/report';

/** The phrases the text and Markdown reports share. None is made terminal-safe here: the renderer does that. */

type Verdict = Report['recommendation'];
type Counterfactual = Report['counterfactuals'][number];

export const verdictWords: Readonly<Record<Verdict, string>> = {
  take: 'TAKE',
  'take-with-conditions': 'TAKE WITH CONDITIONS',
  decline: 'DECLINE',
  undecided: 'UNDECIDED',
};

/** `+3`, `-2`, `0`. */
export const signed = (n: number): string => (n > 0 ? `+${n}` : `${n}`);

/**
 * A flag's terms in brackets' words: `high, +3` for a red flag that counts
 * points, `high` for a green flag (a strength: it takes no points away, so
 * none are shown) or a flag from a record that kept no points.
 */
export function flagTerms(f: Report['flags'][number]): string {
  return f.points === null || f.kind === 'green'
    ? f.severity
    : `${f.severity}, ${signed(f.points)}`;
}

/** The degree's name, or "Degree undecided". */
export function degreeTitle(report: Report): string {
  return report.degree.name ?? 'Degree undecided';
}

/** "poor — 5 red flags, 1 green", or a word for reports from before the fit axis. */
export function fitWords(report: Report): string {
  if (report.fit === null) return 'not assessed (an older record)';
  if (report.fit.level === unknownFitLevel) {
    const { answered, required } = report.fit;
    if (answered === undefined || required === undefined) return 'not enough known';
    return `not enough known — ${answered} of the ${required} fit questions needed ${answered === 1 ? 'was' : 'were'} answered`;
  }
  return `${report.fit.name} — ${fitTally(report.fit.red, report.fit.green)}`;
}

/** The fit score, when it stands for a level: none while not enough is known (a score of no answers means nothing). */
export function fitScore(report: Report): number | undefined {
  return report.fit === null || report.fit.level === unknownFitLevel ? undefined : report.fit.score;
}

/** "fit: poor — 5 red flags, 1 green" */
export function fitLine(report: Report): string {
  return `fit: ${fitWords(report)}`;
}

/** "degree clear · evidence mostly complete (9 of 11) · confidence 0.82" */
export function confidenceLine(report: Report): string {
  return `degree ${report.clarity === null ? 'clarity not measured' : clarityWords(report.clarity)} · evidence ${completenessWords(report.completeness)} (${report.coverage.answered} of ${report.coverage.asked}) · confidence ${report.confidence.toFixed(2)}`;
}

/** What made the call: "rule endorsement-required", "the fit", "the degree". */
export function decidedByWords(report: Report): string {
  switch (report.decidedBy.kind) {
    case 'rule':
      return `rule ${report.decidedBy.ruleId ?? ''}`;
    case 'fit':
      return 'the fit';
    case 'degree':
      return 'the degree';
    case 'open':
      return 'the most cautious call the open questions allow';
    case 'undecided':
      return 'the degree is undecided';
  }
}

/** What a counterfactual would give, each part named: "recommendation: take with conditions · degree: second · fit: fair". */
export function outcomeWords(c: Counterfactual): string {
  const fit =
    c.fit === null ? '' : ` · fit: ${c.fit === unknownFitLevel ? 'not enough known' : c.fit}`;
  return `recommendation: ${verdictWords[c.recommendation].toLowerCase()} · degree: ${c.degree}${fit}`;
}

/** The answer a counterfactual tries: the other answer's label, or "also X" / "not X" for one option of a multiple choice picked or dropped. */
export function changeWords(c: Counterfactual): string {
  return c.change === 'pick'
    ? `also ${c.toLabel}`
    : c.change === 'drop'
      ? `not ${c.toLabel}`
      : c.toLabel;
}

/** The answer a counterfactual starts from: its own label, or (a pick or a drop) the question's answer in the report. */
export function fromWords(report: Report, c: Counterfactual): string {
  return (
    c.fromLabel ??
    report.answers.find((a) => a.questionId === c.questionId)?.label ??
    "unknown / didn't come up"
  );
}

/** The flags a counterfactual takes away or raises: " (without X; with Y)", or nothing. */
export function flagChange(c: Counterfactual): string {
  const parts: string[] = [];
  if (c.flagsGone.length > 0) parts.push(`without ${c.flagsGone.join(', ')}`);
  if (c.flagsNew.length > 0) parts.push(`with ${c.flagsNew.join(', ')}`);
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

/** The undecided line under the title: why, and which questions would settle it (the first `limit` of them). */
export function undecidedWords(report: Report, limit = Infinity): string {
  // Only questions still open: an answered one is not what a second call would settle.
  const open = report.counterfactuals.filter(
    (c) => c.degree !== 'undecided' && c.from === unknownAnswer,
  );
  const deciding = [...new Set(open.map((c) => c.prompt))];
  const which =
    deciding.length === 0 ? '' : ` Would settle it: ${deciding.slice(0, limit).join(' / ')}`;
  const why =
    report.degree.undecidedReason === 'tie'
      ? 'The degree evidence is split.'
      : 'Too little degree evidence to place them.';
  return `${why}${which}`;
}
