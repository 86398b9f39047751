import type { OutputFormat as ReportFormat } from '../core/config';
import { unknownFitLevel } from '../core/bank/schema';
import type { Report } from '../core/report/report';
import { clarityWords, completenessWords, fitTally } from '../core/report/report';
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
  return report.degree.name ?? 'Degree undecided';
}

function quoteNote(note: string | undefined): string {
  return note === undefined ? '' : ` — “${safe(note)}”`;
}

/** "fit: poor — 5 red flags, 1 green", or a word for reports from before the fit axis. */
function fitLine(report: Report): string {
  if (report.fit === null) return 'fit: not assessed (an older record)';
  if (report.fit.level === unknownFitLevel) return 'fit: unknown — no fit question answered';
  return `fit: ${report.fit.name} — ${fitTally(report.fit.red, report.fit.green)}`;
}

/** "degree clear · evidence mostly complete (9 of 11) · confidence 0.82" */
function confidenceLine(report: Report): string {
  return `degree ${report.clarity === null ? 'clarity not measured' : clarityWords(report.clarity)} · evidence ${completenessWords(report.completeness)} (${report.coverage.answered} of ${report.coverage.asked}) · confidence ${report.confidence.toFixed(2)}`;
}

function decidedByWords(report: Report): string {
  switch (report.decidedBy.kind) {
    case 'rule':
      return `rule ${report.decidedBy.ruleId ?? ''}`;
    case 'fit':
      return 'the fit';
    case 'degree':
      return 'the degree';
    case 'undecided':
      return 'the degree is undecided';
  }
}

/** What a counterfactual would give: "second degree · fit fair / take with conditions". */
function outcomeWords(report: Report, c: Report['counterfactuals'][number]): string {
  const fitName = c.fit === null ? '' : ` · fit ${c.fit}`;
  const degree = c.degree === 'undecided' ? 'degree undecided' : `${c.degree} degree`;
  return `${degree}${fitName} / ${verdictWords[c.recommendation].toLowerCase()}`;
}

function flagChange(c: Report['counterfactuals'][number]): string {
  const parts: string[] = [];
  if (c.flagsGone.length > 0) parts.push(`without ${c.flagsGone.join(', ')}`);
  if (c.flagsNew.length > 0) parts.push(`with ${c.flagsNew.join(', ')}`);
  return parts.length === 0 ? '' : ` (${parts.join('; ')})`;
}

function renderText(report: Report, style: Style): string {
  const out: string[] = [];
  const who = report.prospect === null ? '' : `${style.bold(safe(report.prospect))} — `;
  out.push(`${who}${style.bold(safe(degreeTitle(report)))} · ${safe(fitLine(report))}`);
  if (report.degree.summary !== null) out.push(safe(report.degree.summary));
  else if (report.degree.undecidedReason !== null) out.push(safe(undecidedWords(report)));
  out.push('');
  const runnerUp = report.degree.runnerUp === null ? '' : ` · runner-up: ${safe(report.degree.runnerUp)}`;
  out.push(`${badge(report.recommendation, style)}  ${confidenceLine(report)}${runnerUp}`);
  out.push(`${style.bold('Why this call:')} ${safeLines(report.decidedBy.reason)} ${style.dim(`(${safe(decidedByWords(report))})`)}`);
  if (report.degree.meaning !== null) out.push(style.dim(safeLines(report.degree.meaning)));

  if (report.evidence.length > 0) {
    out.push('', style.bold('Degree evidence'));
    for (const e of report.evidence.slice(0, topReasons)) {
      const weight = e.weight > 0 ? style.green(signed(e.weight)) : style.red(signed(e.weight));
      out.push(`  ${weight} ${safe(e.degree)}  ${safe(e.prompt)}`);
      out.push(`       ${style.dim('answer:')} ${safe(e.label)}${quoteNote(e.note)}`);
    }
    if (report.evidence.length > topReasons) out.push(style.dim(`  … and ${report.evidence.length - topReasons} more (see --format json)`));
  }

  if (report.flags.length > 0) {
    out.push('', style.bold('Fit evidence'));
    for (const f of report.flags) {
      const mark = f.kind === 'red' ? style.red('✖') : style.green('✔');
      const points = f.points === null ? '' : `, ${signed(f.points)}`;
      out.push(`  ${mark} ${safe(f.label)} ${style.dim(`(${f.severity}${points})`)} — ${safe(f.explanation)}`);
      for (const e of report.fitEvidence.filter((x) => x.flagId === f.id)) out.push(`       ${style.dim('answer:')} ${safe(e.label)}${quoteNote(e.note)}`);
    }
  }
  const others = report.rulesFired.filter((r) => r.id !== report.decidedBy.ruleId);
  if (others.length > 0) {
    out.push('', style.bold('Rules that also hold'));
    for (const r of others) out.push(`  • ${safe(r.id)} ${style.dim(`(${safe(r.recommendation)})`)} — ${safe(r.reason)}`);
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
      out.push(`    ${safe(c.toLabel)} instead of ${safe(c.fromLabel)}${safe(flagChange(c))} → ${safe(outcomeWords(report, c))}`);
    }
    if (report.counterfactuals.length > topCounterfactuals)
      out.push(style.dim(`  … and ${report.counterfactuals.length - topCounterfactuals} more (see --format json)`));
  }
  if (!report.counterfactualsComplete) out.push(style.dim('  (a large bank: only the first answers were tried; see "counterfactualsComplete" in the README)'));
  const scores = report.scores.map((s) => `${safe(s.degree)} ${s.score}`).join(' · ');
  const fitScore = report.fit === null ? '' : ` Fit score ${report.fit.score}.`;
  out.push(
    '',
    style.dim(
      `Degree scores: ${scores}.${fitScore} Answered ${report.coverage.answered} of ${report.coverage.asked} questions that carry weight. Bank ${safe(report.bank.id)} ${safe(report.bank.version)}.`,
    ),
  );
  return `${out.join('\n')}\n`;
}

/** The undecided line under the title: why, and which questions would settle it. */
function undecidedWords(report: Report): string {
  const deciding = [...new Set(report.counterfactuals.filter((c) => c.degree !== 'undecided').map((c) => c.prompt))];
  const which = deciding.length === 0 ? '' : ` Would settle it: ${deciding.slice(0, 3).join(' / ')}`;
  const why = report.degree.undecidedReason === 'tie' ? 'The degree evidence is split.' : 'Too little degree evidence to place them.';
  return `${why}${which}`;
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
  out.push(`# ${report.prospect === null ? 'Prospect' : md(report.prospect)}: ${md(degreeTitle(report))} · ${md(fitLine(report))}`);
  out.push('');
  out.push(
    `**Recommendation: ${verdictWords[report.recommendation].toLowerCase()}** · ${md(confidenceLine(report))}${report.degree.runnerUp === null ? '' : ` · runner-up: ${md(report.degree.runnerUp)}`}`,
  );
  out.push('');
  if (report.degree.summary !== null) out.push(md(report.degree.summary), '');
  else if (report.degree.undecidedReason !== null) out.push(md(undecidedWords(report)), '');
  out.push(`*Decided by ${md(decidedByWords(report))}:* ${md(report.decidedBy.reason)}`);
  if (report.evidence.length > 0) {
    out.push('', '## Degree evidence', '');
    for (const e of report.evidence)
      out.push(`- **${signed(e.weight)} ${md(e.degree)}** — ${md(e.prompt)} *${md(e.label)}*${e.note === undefined ? '' : ` — “${md(e.note)}”`}`);
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
      const points = f.points === null ? '' : `, ${signed(f.points)}`;
      return `${f.kind === 'red' ? '✖' : '✔'} **${md(f.label)}** (${f.severity}${points}) — ${md(f.explanation)}${answers === '' ? '' : ` Answer:${answers}`}`;
    }),
  );
  section(
    'Rules that also hold',
    report.rulesFired.filter((r) => r.id !== report.decidedBy.ruleId).map((r) => `**${md(r.id)}** (${md(r.recommendation)}) — ${md(r.reason)}`),
  );
  if (report.recommendation !== 'decline') {
    section('Put in writing', report.advice.conditions.map(md));
    section('On the call', report.advice.talkingPoints.map(md));
  }
  section(
    'What would change the call',
    report.counterfactuals
      .slice(0, topCounterfactuals * 2)
      .map((c) => `${md(c.prompt)} *${md(c.toLabel)}* instead of *${md(c.fromLabel)}*${md(flagChange(c))} → ${md(outcomeWords(report, c))}`),
  );
  if (report.counterfactuals.length > topCounterfactuals * 2)
    out.push('', `*… and ${report.counterfactuals.length - topCounterfactuals * 2} more (see --format json).*`);
  if (!report.counterfactualsComplete) out.push('', '*A large bank: only the first answers were tried for what would change the call.*');
  out.push('', '## Answers', '', '| Question | Answer | Their words |', '| --- | --- | --- |');
  for (const a of report.answers) out.push(`| ${md(a.prompt)} | ${md(a.label)} | ${a.note === undefined ? '' : md(a.note)} |`);
  const scores = report.scores.map((s) => `${md(s.degree)} ${s.score}`).join(' · ');
  out.push(
    '',
    `<sub>Degree scores: ${scores}.${report.fit === null ? '' : ` Fit score ${report.fit.score}.`} clientfit ${md(report.tool.version)} · bank ${md(report.bank.id)} ${md(report.bank.version)} · ${md(report.assessedAt)}</sub>`,
  );
  return `${out.join('\n')}\n`;
}

/** The report in each output format. Colour appears only in the text renderer, and only with a colour style. */
export const reportRenderers = {
  text: (report: Report, style: Style) => renderText(report, style),
  json: (report: Report) => `${safeJson(report)}\n`,
  markdown: (report: Report) => renderMarkdown(report),
} satisfies Record<ReportFormat, (report: Report, style: Style) => string>;
