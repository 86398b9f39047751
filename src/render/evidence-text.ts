import type { Report } from '../core/report/report-schema';
import { flagTerms, signed } from './report-words';
import type { Style } from './style';
import { quoted } from './in-their-words';
import { safe } from './terminal-safe';
import type { TextLines } from './text-lines';
import { displayWidth } from './wrap-text';

/**
 * The leads of degree-evidence lines (`  +5 third  `), padded to one width so
 * the text after them lines up, and the hanging indent under it (narrower
 * when a degree's id is very long).
 */
export function weightLeads(
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

export function flagMark(kind: 'red' | 'green', style: Style): string {
  return kind === 'red' ? style.red('✖') : style.green('✔');
}

export function flagWords(f: Report['flags'][number], style: Style): string {
  return `${safe(f.label)} ${style.dim(`(${flagTerms(f)})`)}`;
}

function answerLine(label: string, note: string | undefined, style: Style): string {
  const noted = note === undefined ? '' : ` — ${quoted(note)}`;
  return `${style.dim('answer:')} ${safe(label)}${noted}`;
}

function degreeEvidence(report: Report, style: Style, out: TextLines): void {
  if (report.evidence.length === 0) return;
  out.heading('Degree evidence', style);
  const { leads, rest } = weightLeads(report.evidence, style, out.width);
  report.evidence.forEach((e, i) => {
    out.add(safe(e.prompt), leads[i], rest);
    out.add(answerLine(e.label, e.note, style), rest);
  });
}

function fitEvidence(report: Report, style: Style, out: TextLines): void {
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

/**
 * The evidence on both axes: each degree-evidence answer with its weight,
 * then each flag with the answers that raised it.
 */
export function evidenceText(report: Report, style: Style, out: TextLines): void {
  degreeEvidence(report, style, out);
  fitEvidence(report, style, out);
}
