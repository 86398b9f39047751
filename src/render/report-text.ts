import { unknownAnswer } from '../core/bank/schema';
import type { Report } from '../core/report/report-schema';
import { briefReport } from './brief-report';
import { evidenceText } from './evidence-text';
import { inTheirWords, theirWords } from './in-their-words';
import { reportSummary } from './report-summary';
import { changeWords, fitScore, flagChange, fromWords, outcomeWords } from './report-words';
import type { Style } from './style';
import { safe, safeLines } from './terminal-safe';
import { TextLines } from './text-lines';

/** How the text report is laid out: the width it wraps to, and whether only the short form. */
export interface TextLayout {
  /** Columns to wrap to (the terminal's width, else 80). */
  readonly width: number;
  /** The short form: the verdict, its reason and the key evidence. */
  readonly brief: boolean;
}

export const defaultTextLayout: TextLayout = { width: 80, brief: false };

/** Below this a hanging indent leaves no room for words; narrower terminals get lines this long. */
const narrowest = 30;

/**
 * Each single answer that would change the call, grouped under its question
 * (in the order of the first of each group): what it is now, then each
 * alternative with the recommendation, degree and fit it would give.
 */
function counterfactuals(report: Report, style: Style, out: TextLines): void {
  if (report.counterfactuals.length > 0) {
    out.heading('What would change the call', style);
    // Map.groupBy needs Node 21.
    const byQuestion = new Map<string, Report['counterfactuals']>();
    for (const c of report.counterfactuals)
      byQuestion.set(c.questionId, [...(byQuestion.get(c.questionId) ?? []), c]);
    for (const group of byQuestion.values()) {
      const head = group[0];
      if (head === undefined) continue;
      out.add(safe(head.prompt), '  • ', '    ');
      out.add(`${style.dim('now:')} ${safe(fromWords(report, head))}`, '    ', '         ');
      for (const c of group) {
        out.add(`${style.dim('if:')} ${safe(changeWords(c))}`, '    ', '        ');
        out.add(`→ ${safe(outcomeWords(c))}${safe(flagChange(c))}`, '        ', '          ');
      }
    }
  }
  if (!report.counterfactualsComplete)
    out.add(
      style.dim(
        '(a large bank: only the first answers were tried; ' +
          'see "counterfactualsComplete" in the README)',
      ),
      '  ',
    );
}

function footer(report: Report, style: Style, out: TextLines): void {
  const scores = report.scores.map((s) => `${safe(s.degree)} ${s.score}`).join(' · ');
  const score = fitScore(report);
  const fit = score === undefined ? '' : ` Fit score ${score}.`;
  const { answered, asked } = report.coverage;
  out.blank();
  out.add(
    style.dim(
      `Degree scores: ${scores}.${fit} ` +
        `Answered ${answered} of ${asked} questions that carry weight. ` +
        `Bank ${safe(report.bank.id)} ${safe(report.bank.version)}.`,
    ),
  );
}

/**
 * The report for a terminal: the verdict and its one-line reason first, then
 * the prospect's own words, the evidence, the advice and what would change the
 * call — everything, wrapped to `layout.width` between words with hanging
 * indents. `layout.brief` keeps the verdict, the reason and the key evidence.
 */
export function reportText(
  report: Report,
  style: Style,
  layout: TextLayout = defaultTextLayout,
): string {
  const out = new TextLines(Math.max(narrowest, layout.width));
  const reasonOf = (r: { readonly reason: string }): string => safeLines(r.reason);
  if (layout.brief) {
    briefReport(report, style, out);
    return out.toString();
  }
  reportSummary(report, style, out);
  theirWords(style, out, inTheirWords(report));
  evidenceText(report, style, out);
  out.bullets(
    'Rules that also hold',
    report.rulesFired
      .filter((r) => r.id !== report.decidedBy.ruleId)
      .map((r) => `${safe(r.id)} ${style.dim(`(${safe(r.recommendation)})`)} — ${reasonOf(r)}`),
    style,
  );
  if (report.degree.meaning !== null) {
    out.heading('What it means', style);
    out.add(safeLines(report.degree.meaning), '  ');
  }
  out.bullets('Fit questions to ask', (report.fit?.toAsk ?? []).map(safe), style);
  if (report.recommendation !== 'decline') {
    out.bullets('Put in writing', report.advice.conditions.map(safeLines), style);
    out.bullets('On the call', report.advice.talkingPoints.map(safeLines), style);
  }
  counterfactuals(report, style, out);
  out.bullets(
    'Did not come up',
    report.answers.filter((a) => a.value === unknownAnswer).map((a) => safe(a.prompt)),
    style,
  );
  footer(report, style, out);
  return out.toString();
}
