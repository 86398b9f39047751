import type { Report } from '../core/report/report-schema';
import { changeWords, outcomeWords } from './report-words';
import { flagMark, flagWords, weightLeads } from './evidence-text';
import { inTheirWords, isFreeText, quoted, theirWords } from './in-their-words';
import { reportSummary } from './report-summary';
import type { Style } from './style';
import { safe, safeLines } from './terminal-safe';
import type { TextLines } from './text-lines';

/** How many degree-evidence lines the brief form names, and how many flags of each kind. */
const briefItems = 3;
const briefFlags = 2;

/**
 * The short form, for a quick look before or after a call: the summary, the
 * free-text answers, the strongest evidence each way (degree evidence, then
 * red and green flags, so a good sign is not crowded out by bad ones), what
 * must be put in writing when the work is taken, and the first answer that
 * would change the call.
 */
export function briefReport(report: Report, style: Style, out: TextLines): void {
  reportSummary(report, style, out);
  theirWords(style, out, inTheirWords(report).filter(isFreeText));
  const evidence = report.evidence.slice(0, briefItems);
  const red = report.flags.filter((f) => f.kind === 'red');
  const green = report.flags.filter((f) => f.kind === 'green');
  const flags = [...red.slice(0, briefFlags), ...green.slice(0, briefFlags)];
  if (evidence.length + flags.length > 0) {
    out.heading('Key evidence', style);
    const { leads, rest } = weightLeads(evidence, style, out.width);
    evidence.forEach((e, i) => {
      out.add(
        `${safe(e.label)}${e.note === undefined ? '' : ` — ${quoted(e.note)}`}`,
        leads[i],
        rest,
      );
    });
    for (const f of flags) out.add(flagWords(f, style), `  ${flagMark(f.kind, style)} `, '    ');
    const more = report.flags.length - flags.length;
    if (more > 0)
      out.add(
        style.dim(
          `and ${more} more flag${more === 1 ? '' : 's'} ` +
            `(${red.length} red, ${green.length} green in all)`,
        ),
        '    ',
      );
  }
  if (report.recommendation !== 'decline')
    out.bullets('Put in writing', report.advice.conditions.map(safeLines), style);
  const change = report.counterfactuals[0];
  if (change !== undefined) {
    out.heading('What would change the call', style);
    out.add(
      `${safe(change.prompt)} ${style.dim('—')} ${style.dim('if:')} ${safe(changeWords(change))}`,
      '  • ',
      '    ',
    );
    out.add(`→ ${safe(outcomeWords(change))}`, '    ', '      ');
  }
  out.blank();
  out.add(
    style.dim(
      'The short form (--brief); without it the report shows every answer, the advice ' +
        'and every answer that would change the call.',
    ),
  );
}
