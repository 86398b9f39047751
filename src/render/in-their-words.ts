import { unknownAnswer } from '../core/bank/schema';
import type { Report } from '../core/report/report-schema';
import type { Style } from './style';
import { safe, safeLines } from './terminal-safe';
import type { TextLines } from './text-lines';

type Answer = Report['answers'][number];

/** “their words”, made safe; line breaks kept (the wrapper hangs them under the first). */
export const quoted = (text: string): string => `“${safeLines(text)}”`;

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

/** The prospect's own words: free-text answers and notes, each under its question. */
export function theirWords(style: Style, out: TextLines, answers: readonly Answer[]): void {
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
