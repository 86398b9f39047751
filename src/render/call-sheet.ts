import type { CallSheet, CallSheetQuestion } from '../core/call-sheet';
import { markdownText } from './markdown-text';
import { safeJson } from './terminal-safe';

type Option = CallSheetQuestion['options'][number];
type Band = CallSheetQuestion['bands'][number];

/** A line to write in by hand. */
const blank = '________________________________________';

/** Bank text as one line of inline Markdown: line breaks become spaces, then every metacharacter is escaped. */
const md = (text: string): string => markdownText(text.replace(/\s+/g, ' ').trim());

function kindWords(q: CallSheetQuestion): string {
  const optional = q.required ? '' : ', optional';
  switch (q.type) {
    case 'single':
      return `one answer${optional}`;
    case 'multiple':
      return `tick every one that applies${optional}`;
    case 'yes-no':
      return `yes or no${optional}`;
    case 'text':
      return `in their words${optional}`;
    case 'scale':
      return `${q.scale === null ? 'a scale' : `a scale from ${q.scale.min} to ${q.scale.max}`}${optional}`;
  }
}

/** " — *first +3 · red flag: Buying on price (+2)*" with --weights; nothing without. */
function weightWords(answer: Option | Band, sheet: CallSheet): string {
  const parts = Object.entries(answer.signals ?? {}).map(([degree, w]) => `${md(degree)} ${w > 0 ? '+' : ''}${w}`);
  for (const id of answer.flags ?? []) {
    const flag = sheet.flags?.find((f) => f.id === id);
    parts.push(flag === undefined ? `flag ${md(id)}` : `${flag.kind} flag: ${md(flag.label)}${flag.kind === 'red' ? ` (+${flag.points})` : ''}`);
  }
  return parts.length === 0 ? '' : ` — *${parts.join(' · ')}*`;
}

/** Numbers of every question on the sheet, by id: an answer that opens a question placed elsewhere points to it. */
function numbers(sheet: CallSheet): Map<string, number> {
  const found = new Map<string, number>();
  const visit = (q: CallSheetQuestion): void => {
    found.set(q.id, q.number);
    for (const a of [...q.options, ...q.bands]) a.followUps.forEach(visit);
  };
  for (const s of sheet.sections) s.questions.forEach(visit);
  return found;
}

/**
 * The call sheet as Markdown, to print or keep open beside a video call: each
 * question with what to listen for, a box to tick for each answer, the
 * follow-ups indented under the answers that open them, and lines for notes.
 * Every piece of bank text is escaped: it can neither format nor link.
 */
export function callSheetMarkdown(sheet: CallSheet): string {
  const out: string[] = [];
  const numberOf = numbers(sheet);
  const push = (indent: string, line: string): void => {
    out.push(line === '' ? '' : `${indent}${line}`);
  };

  const question = (q: CallSheetQuestion, indent: string): void => {
    push(indent, `**${q.number}. ${md(q.prompt)}** *(${kindWords(q)})*`);
    if (q.askedWhen !== null) push(indent, `*Ask only when* ${md(q.askedWhen)}`);
    push(indent, '');
    if (q.listenFor !== null) {
      push(indent, `*Listen for:* ${md(q.listenFor)}`);
      push(indent, '');
    }
    push(indent, `${q.type === 'text' ? 'Their words' : 'Notes'}: ${blank}`);
    push(indent, '');
    const answers: { label: string; answer: Option | Band }[] = [
      ...q.options.map((o) => ({ label: md(o.label), answer: o })),
      ...q.bands.map((b) => ({ label: `${b.from === b.to ? b.from : `${b.from}–${b.to}`}${b.label === null ? '' : ` (${md(b.label)})`}`, answer: b })),
    ];
    if (q.type === 'scale' && q.bands.length === 0 && q.scale !== null) {
      const { min, max, minLabel, maxLabel } = q.scale;
      const ends = [minLabel === null ? '' : `${min} = ${md(minLabel)}`, maxLabel === null ? '' : `${max} = ${md(maxLabel)}`].filter((e) => e !== '');
      push(
        indent,
        `Circle one: ${Array.from({ length: Math.min(max - min + 1, 21) }, (_, i) => min + i).join(' · ')}${ends.length === 0 ? '' : ` (${ends.join(', ')})`}`,
      );
      push(indent, '');
    }
    for (const { label, answer } of answers) {
      const shownHere = new Set(answer.followUps.map((f) => f.id));
      const elsewhere = answer.opens.filter((id) => !shownHere.has(id) && numberOf.has(id)).map((id) => `${numberOf.get(id) ?? ''}`);
      const then = elsewhere.length === 0 ? '' : ` → then ask question ${elsewhere.join(', ')}`;
      push(indent, `- [ ] ${label}${weightWords(answer, sheet)}${then}`);
      for (const next of answer.followUps) {
        push(indent, '');
        question(next, `${indent}  `);
      }
    }
    if (answers.length > 0) push(indent, '');
  };

  out.push(`# Call sheet: ${md(sheet.bank.title)}`, '');
  out.push(`**Prospect:** ${blank}`, '', `**Date:** ${blank}`, '');
  out.push(
    'Tick the answer you hear. An indented question is asked only when the answer above it is given. ' +
      'Any question may be left as *did not come up*: clientfit counts it as unknown, never as a guess.',
    '',
  );
  if (sheet.weights) out.push("With weights: each answer's weight toward a degree, and the flags it raises with their points toward the fit score.", '');
  for (const section of sheet.sections) {
    out.push(`## ${md(section.title)}`, '');
    for (const q of section.questions) question(q, '');
  }
  out.push(`*Bank ${md(sheet.bank.id)} ${md(sheet.bank.version)}, clientfit ${md(sheet.tool.version)}.*`);
  // No run of blank lines, and one at the very end.
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/** The call sheet as JSON (its shape: questions/schema/call-sheet.schema.json). */
export function callSheetJson(sheet: CallSheet): string {
  return `${safeJson(sheet)}\n`;
}
