import { unknownAnswer } from '../core/bank/schema';
import type { Report } from '../core/report/report';
import { clarityWords, completenessWords } from '../core/report/report';
import {
  changeWords,
  decidedByWords,
  degreeTitle,
  fitScore,
  fitWords,
  flagChange,
  fromWords,
  outcomeWords,
  flagTerms,
  signed,
  undecidedWords,
  verdictWords,
} from './report-words';
import type { Style } from './style';
import { safe, safeLines } from './terminal-safe';
import { displayWidth, wrapText } from './wrap-text';

/** How the text report is laid out: the width it wraps to, and whether only the short form is wanted. */
export interface TextLayout {
  /** Columns to wrap to (the terminal's width, else 80). */
  readonly width: number;
  /** The short form: the verdict, its reason and the key evidence. */
  readonly brief: boolean;
}

export const defaultTextLayout: TextLayout = { width: 80, brief: false };

/** Below this a hanging indent leaves no room for words; narrower terminals get lines this long. */
const narrowest = 30;
/** How many degree-evidence lines the brief form names, and how many flags of each kind (red, green). */
const briefItems = 3;
const briefFlags = 2;
/** The label column of the summary block ("Confidence: " and its text). */
const labelWidth = 12;

type Answer = Report['answers'][number];

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

/** “their words”, made safe; their line breaks are kept (the wrapper hangs them under the first). */
const quoted = (text: string): string => `“${safeLines(text)}”`;

/**
 * Answers the report quotes in the prospect's words: free text (a text
 * question's label is the text itself, where a choice's is its option's
 * label) and any note not already quoted as evidence.
 */
export function inTheirWords(report: Report): Answer[] {
  const quotedAsEvidence = new Set([
    ...report.evidence.map((e) => e.questionId),
    ...report.fitEvidence.map((e) => e.questionId),
  ]);
  return report.answers.filter(
    (a) =>
      a.value !== unknownAnswer &&
      !quotedAsEvidence.has(a.questionId) &&
      (isFreeText(a) || a.note !== undefined),
  );
}

export function isFreeText(answer: Answer): boolean {
  return typeof answer.value === 'string' && answer.value === answer.label;
}

/** Lines of wrapped text, collected in order. */
class Lines {
  readonly lines: string[] = [];
  constructor(readonly width: number) {}

  /** A block of text: `first` before its first line, `rest` (the hanging indent) before the others. */
  add(text: string, first = '', rest = first): void {
    this.lines.push(...wrapText(text, { width: this.width, first, rest }));
  }

  blank(): void {
    this.lines.push('');
  }

  /** A section title after a blank line. */
  heading(title: string, style: Style): void {
    this.lines.push('', style.bold(title));
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

/** The top of every text report: the verdict and its reason, then the degree, the fit and the confidence, one labelled line each. */
function summary(report: Report, style: Style, out: Lines): void {
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
  labelled(
    'Confidence',
    `${report.confidence.toFixed(2)} ${style.dim(`— degree ${clarity}, evidence ${completenessWords(report.completeness)} (${report.coverage.answered} of ${report.coverage.asked} answered)`)}`,
  );
}

/** The prospect's own words: free-text answers and notes, each under its question. */
function theirWords(report: Report, style: Style, out: Lines, answers: readonly Answer[]): void {
  if (answers.length === 0) return;
  out.heading('In their words', style);
  for (const a of answers) {
    out.add(style.dim(safe(a.prompt)), '  ');
    const note = a.note === undefined ? '' : ` — ${quoted(a.note)}`;
    // Quoted text hangs inside its opening quote mark.
    if (isFreeText(a)) out.add(`${quoted(a.label)}${note}`, '    ', '     ');
    else out.add(`${safe(a.label)}${note}`, '    ');
  }
}

/**
 * The leads of degree-evidence lines (`  +5 third  `), padded to one width so
 * the text after them lines up, and the hanging indent under it (narrower
 * when a degree's id is very long).
 */
function weightLeads(
  evidence: Report['evidence'],
  style: Style,
  width: number,
): { leads: string[]; rest: string } {
  const plain = evidence.map((e) => `  ${signed(e.weight)} ${safe(e.degree)}`);
  const column = Math.max(0, ...plain.map(displayWidth)) + 2;
  const leads = evidence.map((e, i) => {
    const weight = e.weight > 0 ? style.green(signed(e.weight)) : style.red(signed(e.weight));
    return `  ${weight} ${safe(e.degree)}${' '.repeat(column - displayWidth(plain[i] ?? ''))}`;
  });
  return { leads, rest: ' '.repeat(column <= width / 3 ? column : 6) };
}

function flagMark(kind: 'red' | 'green', style: Style): string {
  return kind === 'red' ? style.red('✖') : style.green('✔');
}

function flagWords(f: Report['flags'][number], style: Style): string {
  return `${safe(f.label)} ${style.dim(`(${flagTerms(f)})`)}`;
}

function answerLine(label: string, note: string | undefined, style: Style): string {
  return `${style.dim('answer:')} ${safe(label)}${note === undefined ? '' : ` — ${quoted(note)}`}`;
}

function degreeEvidence(report: Report, style: Style, out: Lines): void {
  if (report.evidence.length === 0) return;
  out.heading('Degree evidence', style);
  const { leads, rest } = weightLeads(report.evidence, style, out.width);
  report.evidence.forEach((e, i) => {
    out.add(safe(e.prompt), leads[i], rest);
    out.add(answerLine(e.label, e.note, style), rest);
  });
}

function fitEvidence(report: Report, style: Style, out: Lines): void {
  if (report.flags.length === 0) return;
  out.heading('Fit evidence', style);
  for (const f of report.flags) {
    out.add(
      `${flagWords(f, style)} — ${safe(f.explanation)}`,
      `  ${flagMark(f.kind, style)} `,
      '    ',
    );
    for (const e of report.fitEvidence.filter((x) => x.flagId === f.id))
      out.add(answerLine(e.label, e.note, style), '    ');
  }
}

function bullets(title: string, items: readonly string[], style: Style, out: Lines): void {
  if (items.length === 0) return;
  out.heading(title, style);
  for (const item of items) out.add(item, '  • ', '    ');
}

/**
 * Each single answer that would change the call, grouped under its question
 * (in the order of the first of each group): what it is now, then each
 * alternative with the recommendation, degree and fit it would give.
 */
function counterfactuals(report: Report, style: Style, out: Lines): void {
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
        '(a large bank: only the first answers were tried; see "counterfactualsComplete" in the README)',
      ),
      '  ',
    );
}

function footer(report: Report, style: Style, out: Lines): void {
  const scores = report.scores.map((s) => `${safe(s.degree)} ${s.score}`).join(' · ');
  const score = fitScore(report);
  const fit = score === undefined ? '' : ` Fit score ${score}.`;
  out.blank();
  out.add(
    style.dim(
      `Degree scores: ${scores}.${fit} Answered ${report.coverage.answered} of ${report.coverage.asked} questions that carry weight. Bank ${safe(report.bank.id)} ${safe(report.bank.version)}.`,
    ),
  );
}

/**
 * The short form, for a quick look before or after a call: the summary, the
 * free-text answers, the strongest evidence each way (degree evidence, then
 * red and green flags, so a good sign is not crowded out by bad ones), what
 * must be put in writing when the work is taken, and the first answer that
 * would change the call.
 */
function briefReport(report: Report, style: Style, out: Lines): void {
  summary(report, style, out);
  theirWords(report, style, out, inTheirWords(report).filter(isFreeText));
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
          `and ${more} more flag${more === 1 ? '' : 's'} (${red.length} red, ${green.length} green in all)`,
        ),
        '    ',
      );
  }
  if (report.recommendation !== 'decline')
    bullets('Put in writing', report.advice.conditions.map(safeLines), style, out);
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
      'The short form (--brief); without it the report shows every answer, the advice and every answer that would change the call.',
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
  const out = new Lines(Math.max(narrowest, layout.width));
  if (layout.brief) {
    briefReport(report, style, out);
    return out.toString();
  }
  summary(report, style, out);
  theirWords(report, style, out, inTheirWords(report));
  degreeEvidence(report, style, out);
  fitEvidence(report, style, out);
  bullets(
    'Rules that also hold',
    report.rulesFired
      .filter((r) => r.id !== report.decidedBy.ruleId)
      .map(
        (r) => `${safe(r.id)} ${style.dim(`(${safe(r.recommendation)})`)} — ${safeLines(r.reason)}`,
      ),
    style,
    out,
  );
  if (report.degree.meaning !== null) {
    out.heading('What it means', style);
    out.add(safeLines(report.degree.meaning), '  ');
  }
  bullets('Fit questions to ask', (report.fit?.toAsk ?? []).map(safe), style, out);
  if (report.recommendation !== 'decline') {
    bullets('Put in writing', report.advice.conditions.map(safeLines), style, out);
    bullets('On the call', report.advice.talkingPoints.map(safeLines), style, out);
  }
  counterfactuals(report, style, out);
  bullets(
    'Did not come up',
    report.answers.filter((a) => a.value === unknownAnswer).map((a) => safe(a.prompt)),
    style,
    out,
  );
  footer(report, style, out);
  return out.toString();
}
