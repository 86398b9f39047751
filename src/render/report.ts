import type { OutputFormat as ReportFormat } from '../core/config';
import type { Report } from '../core/report/report-schema';
import { markdownText } from './markdown-text';
import { reportHtml } from './report-html';
import type { TextLayout } from './report-text';
import { defaultTextLayout, reportText } from './report-text';
import {
  confidenceLine,
  decidedByWords,
  degreeTitle,
  fitLine,
  fitScore,
  flagChange,
  fromWords,
  outcomeWords,
  flagTerms,
  signed,
  undecidedWords,
  verdictWords,
} from './report-words';
import type { Style } from './style';
import { safeJson } from './terminal-safe';

/** How many counterfactuals the Markdown report lists; the JSON report has all of them. */
const markdownCounterfactuals = 8;

function renderMarkdown(report: Report): string {
  const md = markdownText;
  const out: string[] = [];
  out.push(
    `# ${report.prospect === null ? 'Prospect' : md(report.prospect)}: ${md(degreeTitle(report))} · ${md(fitLine(report))}`,
  );
  out.push('');
  out.push(
    `**Recommendation: ${verdictWords[report.recommendation].toLowerCase()}** · ${md(confidenceLine(report))}${report.degree.runnerUp === null ? '' : ` · runner-up: ${md(report.degree.runnerUp)}`}`,
  );
  out.push('');
  if (report.degree.summary !== null) out.push(md(report.degree.summary), '');
  else if (report.degree.undecidedReason !== null) out.push(md(undecidedWords(report, 3)), '');
  out.push(`*Decided by ${md(decidedByWords(report))}:* ${md(report.decidedBy.reason)}`);
  if (report.evidence.length > 0) {
    out.push('', '## Degree evidence', '');
    for (const e of report.evidence)
      out.push(
        `- **${signed(e.weight)} ${md(e.degree)}** — ${md(e.prompt)} *${md(e.label)}*${e.note === undefined ? '' : ` — “${md(e.note)}”`}`,
      );
  }
  const section = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push('', `## ${title}`, '');
    for (const item of items) out.push(`- ${item}`);
  };
  section(
    'Fit evidence',
    report.flags.map((f) => {
      const answers = report.fitEvidence
        .filter((e) => e.flagId === f.id)
        .map((e) => ` *${md(e.label)}*${e.note === undefined ? '' : ` — “${md(e.note)}”`}`)
        .join(';');
      return `${f.kind === 'red' ? '✖' : '✔'} **${md(f.label)}** (${flagTerms(f)}) — ${md(f.explanation)}${answers === '' ? '' : ` Answer:${answers}`}`;
    }),
  );
  section(
    'Rules that also hold',
    report.rulesFired
      .filter((r) => r.id !== report.decidedBy.ruleId)
      .map((r) => `**${md(r.id)}** (${md(r.recommendation)}) — ${md(r.reason)}`),
  );
  if (report.recommendation !== 'decline') {
    section('Put in writing', report.advice.conditions.map(md));
    section('On the call', report.advice.talkingPoints.map(md));
  }
  section(
    'What would change the call',
    report.counterfactuals.slice(0, markdownCounterfactuals).map((c) => {
      const tried =
        c.change === 'answer'
          ? `*${md(c.toLabel)}* instead of *${md(fromWords(report, c))}*`
          : `${c.change === 'pick' ? 'also' : 'not'} *${md(c.toLabel)}*`;
      return `${md(c.prompt)} ${tried}${md(flagChange(c))} → ${md(outcomeWords(c))}`;
    }),
  );
  if (report.counterfactuals.length > markdownCounterfactuals)
    out.push(
      '',
      `*… and ${report.counterfactuals.length - markdownCounterfactuals} more (see --format json).*`,
    );
  if (!report.counterfactualsComplete)
    out.push(
      '',
      '*A large bank: only the first answers were tried for what would change the call.*',
    );
  out.push('', '## Answers', '', '| Question | Answer | Their words |', '| --- | --- | --- |');
  for (const a of report.answers)
    out.push(`| ${md(a.prompt)} | ${md(a.label)} | ${a.note === undefined ? '' : md(a.note)} |`);
  const scores = report.scores.map((s) => `${md(s.degree)} ${s.score}`).join(' · ');
  out.push(
    '',
    `<sub>Degree scores: ${scores}.${fitScore(report) === undefined ? '' : ` Fit score ${fitScore(report)}.`} clientfit ${md(report.tool.version)} · bank ${md(report.bank.id)} ${md(report.bank.version)} · ${md(report.assessedAt)}</sub>`,
  );
  return `${out.join('\n')}\n`;
}

/** The report in each output format. Colour appears only in the text renderer, and only with a colour style. */
export const reportRenderers = {
  text: (report: Report, style: Style, layout: TextLayout = defaultTextLayout) =>
    reportText(report, style, layout),
  json: (report: Report) => `${safeJson(report)}\n`,
  markdown: (report: Report) => renderMarkdown(report),
  html: (report: Report) => reportHtml(report),
} satisfies Record<ReportFormat, (report: Report, style: Style, layout?: TextLayout) => string>;
