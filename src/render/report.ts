import type { OutputFormat as ReportFormat } from '../core/config';
import type { Report } from '../core/report/report';
import type { Style } from './style';
import { safe, safeJson, safeLines } from './terminal-safe';

type Verdict = Report['recommendation'];

const verdictWords: Readonly<Record<Verdict, string>> = {
  take: 'TAKE',
  'take-with-conditions': 'TAKE WITH CONDITIONS',
  decline: 'DECLINE',
  undecided: 'UNDECIDED',
};

/** How many reasons the summary shows; the JSON report has all of them. */
const topReasons = 6;
const topCounterfactuals = 4;

function badge(verdict: Verdict, style: Style): string {
  const text = `[ ${verdictWords[verdict]} ]`;
  switch (verdict) {
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

const signed = (n: number): string => (n > 0 ? `+${n}` : `${n}`);

function degreeTitle(report: Report): string {
  return report.degree.name ?? 'Undecided';
}

function quoteNote(note: string | undefined): string {
  return note === undefined ? '' : ` — “${safe(note)}”`;
}

function renderText(report: Report, style: Style): string {
  const out: string[] = [];
  const who = report.prospect === null ? '' : `${style.bold(safe(report.prospect))} — `;
  out.push(`${who}${style.bold(safe(degreeTitle(report)))}`);
  if (report.degree.summary !== null) out.push(safe(report.degree.summary));
  else if (report.degree.undecidedReason !== null) out.push(safe(report.decidedBy.reason));
  out.push('');
  const runnerUp = report.degree.runnerUp === null ? '' : `, runner-up: ${safe(report.degree.runnerUp)}`;
  out.push(`${badge(report.recommendation, style)}  confidence ${report.confidence.toFixed(2)}${runnerUp}`);
  if (report.decidedBy.kind === 'rule')
    out.push(`${style.bold('Why this call:')} ${safeLines(report.decidedBy.reason)} ${style.dim(`(rule ${safe(report.decidedBy.ruleId ?? '')})`)}`);
  if (report.degree.meaning !== null) out.push(style.dim(safeLines(report.degree.meaning)));

  if (report.evidence.length > 0) {
    out.push('', style.bold('Reasons'));
    for (const e of report.evidence.slice(0, topReasons)) {
      const weight = e.weight > 0 ? style.green(signed(e.weight)) : style.red(signed(e.weight));
      out.push(`  ${weight} ${safe(e.degree)}  ${safe(e.prompt)}`);
      out.push(`       ${style.dim('answer:')} ${safe(e.label)}${quoteNote(e.note)}`);
    }
    if (report.evidence.length > topReasons) out.push(style.dim(`  … and ${report.evidence.length - topReasons} more (see --format json)`));
  }

  const red = report.flags.filter((f) => f.kind === 'red');
  const green = report.flags.filter((f) => f.kind === 'green');
  if (red.length > 0) {
    out.push('', style.bold('Red flags'));
    for (const f of red) out.push(`  ${style.red('✖')} ${safe(f.label)} ${style.dim(`(${f.severity})`)} — ${safe(f.explanation)}`);
  }
  if (green.length > 0) {
    out.push('', style.bold('Green flags'));
    for (const f of green) out.push(`  ${style.green('✔')} ${safe(f.label)} ${style.dim(`(${f.severity})`)} — ${safe(f.explanation)}`);
  }
  if (report.advice.conditions.length > 0 && report.recommendation !== 'decline') {
    out.push('', style.bold('Put in writing'));
    for (const c of report.advice.conditions) out.push(`  • ${safe(c)}`);
  }
  if (report.advice.talkingPoints.length > 0 && report.recommendation !== 'decline') {
    out.push('', style.bold('On the call'));
    for (const t of report.advice.talkingPoints) out.push(`  • ${safe(t)}`);
  }
  if (report.counterfactuals.length > 0) {
    out.push('', style.bold('What would change the call'));
    for (const c of report.counterfactuals.slice(0, topCounterfactuals)) {
      out.push(`  • ${safe(c.prompt)}`);
      out.push(`    ${safe(c.toLabel)} instead of ${safe(c.fromLabel)} → ${safe(c.degree)} / ${verdictWords[c.recommendation].toLowerCase()}`);
    }
    if (report.counterfactuals.length > topCounterfactuals)
      out.push(style.dim(`  … and ${report.counterfactuals.length - topCounterfactuals} more (see --format json)`));
  }
  const scores = report.scores.map((s) => `${safe(s.degree)} ${s.score}`).join(' · ');
  out.push(
    '',
    style.dim(
      `Scores: ${scores}. Answered ${report.coverage.answered} of ${report.coverage.asked} scored questions. Bank ${safe(report.bank.id)} ${safe(report.bank.version)}.`,
    ),
  );
  return `${out.join('\n')}\n`;
}

/**
 * Escapes untrusted text for inline Markdown: emphasis, code, links, tables
 * and raw HTML all come out as literal characters. Text is made terminal-safe
 * first, so it is always one line and never starts a block of its own.
 */
export function markdownText(text: string): string {
  return safe(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#]/g, (ch) => `\\${ch}`);
}

function renderMarkdown(report: Report): string {
  const md = markdownText;
  const out: string[] = [];
  out.push(`# ${report.prospect === null ? 'Prospect' : md(report.prospect)}: ${md(degreeTitle(report))}`);
  out.push('');
  out.push(
    `**Recommendation: ${verdictWords[report.recommendation].toLowerCase()}** · confidence ${report.confidence.toFixed(2)}${report.degree.runnerUp === null ? '' : ` · runner-up: ${md(report.degree.runnerUp)}`}`,
  );
  out.push('');
  if (report.degree.summary !== null) out.push(md(report.degree.summary), '');
  out.push(
    `*Decided by ${report.decidedBy.kind === 'rule' ? `the rule ${md(report.decidedBy.ruleId ?? '')}` : report.decidedBy.kind === 'degree' ? 'the degree' : 'too little or tied evidence'}:* ${md(report.decidedBy.reason)}`,
  );
  if (report.evidence.length > 0) {
    out.push('', '## Reasons', '');
    for (const e of report.evidence)
      out.push(`- **${signed(e.weight)} ${md(e.degree)}** — ${md(e.prompt)} *${md(e.label)}*${e.note === undefined ? '' : ` — “${md(e.note)}”`}`);
  }
  const section = (title: string, items: readonly string[]): void => {
    if (items.length === 0) return;
    out.push('', `## ${title}`, '');
    for (const item of items) out.push(`- ${item}`);
  };
  section(
    'Red flags',
    report.flags.filter((f) => f.kind === 'red').map((f) => `**${md(f.label)}** (${f.severity}) — ${md(f.explanation)}`),
  );
  section(
    'Green flags',
    report.flags.filter((f) => f.kind === 'green').map((f) => `**${md(f.label)}** (${f.severity}) — ${md(f.explanation)}`),
  );
  if (report.recommendation !== 'decline') {
    section('Put in writing', report.advice.conditions.map(md));
    section('On the call', report.advice.talkingPoints.map(md));
  }
  section(
    'What would change the call',
    report.counterfactuals
      .slice(0, topCounterfactuals * 2)
      .map((c) => `${md(c.prompt)} *${md(c.toLabel)}* instead of *${md(c.fromLabel)}* → ${md(c.degree)} / ${verdictWords[c.recommendation].toLowerCase()}`),
  );
  out.push('', '## Answers', '', '| Question | Answer | Their words |', '| --- | --- | --- |');
  for (const a of report.answers) out.push(`| ${md(a.prompt)} | ${md(a.label)} | ${a.note === undefined ? '' : md(a.note)} |`);
  out.push('', `<sub>clientfit ${md(report.tool.version)} · bank ${md(report.bank.id)} ${md(report.bank.version)} · ${md(report.assessedAt)}</sub>`);
  return `${out.join('\n')}\n`;
}

/** The report in each output format. Colour appears only in the text renderer, and only with a colour style. */
export const reportRenderers = {
  text: (report: Report, style: Style) => renderText(report, style),
  json: (report: Report) => `${safeJson(report)}\n`,
  markdown: (report: Report) => renderMarkdown(report),
} satisfies Record<ReportFormat, (report: Report, style: Style) => string>;
