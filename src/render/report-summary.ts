import type { Report } from '../core/report/report-schema';
import { clarityWords, completenessWords } from '../core/report/report';
import {
  decidedByWords,
  degreeTitle,
  fitScore,
  fitWords,
  undecidedWords,
  verdictWords,
} from './report-words';
import type { Style } from './style';
import { safe, safeLines } from './terminal-safe';
import type { TextLines } from './text-lines';

/** The label column of the summary block ("Confidence: " and its text). */
const labelWidth = 12;

function badge(report: Report, style: Style): string {
  const text = `[ ${verdictWords[report.recommendation]} ]`;
  switch (report.recommendation) {
    case 'take':
      return style.bold(style.green(text));
    case 'take-with-conditions':
      return style.bold(style.yellow(text));
    case 'decline':
      return style.bold(style.red(text));
    case 'undecided':
      return style.bold(style.cyan(text));
  }
}

/**
 * The top of every text report: the verdict and its reason, then the degree,
 * the fit and the confidence, one labelled line each.
 */
export function reportSummary(report: Report, style: Style, out: TextLines): void {
  const labelled = (label: string, text: string): void => {
    out.add(
      text,
      style.bold(`${label}:`) + ' '.repeat(Math.max(1, labelWidth - label.length - 1)),
      ' '.repeat(labelWidth),
    );
  };
  const badgeText = badge(report, style);
  out.add(
    report.prospect === null ? badgeText : `${badgeText}  ${style.bold(safe(report.prospect))}`,
    '',
    '  ',
  );
  const by =
    report.decidedBy.kind === 'undecided'
      ? decidedByWords(report)
      : `decided by ${decidedByWords(report)}`;
  labelled('Why', `${safeLines(report.decidedBy.reason)} ${style.dim(`(${safe(by)})`)}`);
  const runnerUp =
    report.degree.runnerUp === null
      ? ''
      : style.dim(` · runner-up: ${safe(report.degree.runnerUp)}`);
  const about =
    report.degree.summary !== null
      ? safeLines(report.degree.summary)
      : report.degree.undecidedReason !== null
        ? safe(undecidedWords(report))
        : '';
  labelled(
    'Degree',
    `${style.bold(safe(degreeTitle(report)))}${runnerUp}${about === '' ? '' : `\n${about}`}`,
  );
  const score = fitScore(report);
  labelled(
    'Fit',
    `${safe(fitWords(report))}${score === undefined ? '' : style.dim(` (fit score ${score})`)}`,
  );
  // Warning signs belong in the headline whatever the call: an undecided degree must not hide them.
  const warnings = report.flags.filter((f) => f.kind === 'red').map((f) => safe(f.label));
  if (warnings.length > 0) labelled('Warnings', style.red(warnings.join(' · ')));
  const clarity = report.clarity === null ? 'clarity not measured' : clarityWords(report.clarity);
  const { answered, asked } = report.coverage;
  const evidence = `${completenessWords(report.completeness)} (${answered} of ${asked} answered)`;
  labelled(
    'Confidence',
    `${report.confidence.toFixed(2)} ${style.dim(`— degree ${clarity}, evidence ${evidence}`)}`,
  );
}
