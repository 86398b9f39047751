import { unknownAnswer } from '../core/bank/schema';
import type { CallSheet, CallSheetQuestion } from '../core/report/call-sheet';
import { markdownText } from './markdown-text';
import { safeJson } from './terminal-safe';

type Option = CallSheetQuestion['options'][number];
type Band = CallSheetQuestion['bands'][number];

/** The box every question has: an answers file writes it as `unknown`. */
export const unknownBox = { label: 'Unknown / didn’t come up', id: unknownAnswer } as const;

/** The widest scale shown as boxes, one per number; a wider one gets a line to write the number on. */
const widestScale = 21;

/** A line to write in by hand. */
const blank = '________________________________________';

/** Bank text as one line of inline Markdown: line breaks become spaces, then every metacharacter is escaped. */
const md = (text: string): string => markdownText(text.replace(/\s+/g, ' ').trim());

/** What kind of answer the question takes, in words: "one answer", "tick every one that applies, optional". */
export function kindWords(q: CallSheetQuestion): string {
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
      return `${q.scale === null ? 'a number' : `one number from ${q.scale.min} to ${q.scale.max}`}${optional}`;
  }
}

/** With --weights, an answer's weights in words (bank text unescaped): "first +3", "green flag: Decides from evidence" (a red one with its points). */
export function weightParts(answer: Option | Band, sheet: CallSheet): string[] {
  const parts = Object.entries(answer.signals ?? {}).map(
    ([degree, w]) => `${degree} ${w > 0 ? '+' : ''}${w}`,
  );
  for (const id of answer.flags ?? []) {
    const flag = sheet.flags?.find((f) => f.id === id);
    parts.push(
      flag === undefined
        ? `flag ${id}`
        : `${flag.kind} flag: ${flag.label}${flag.kind === 'red' ? ` (+${flag.points})` : ''}`,
    );
  }
  return parts;
}

/** A band in words: "1–2 (little)". */
export function bandWords(band: Band): string {
  return `${band.from === band.to ? band.from : `${band.from}–${band.to}`}${band.label === null ? '' : ` (${band.label})`}`;
}

/** The numbers of a scale to tick, or null when there are too many for boxes. */
export function scaleNumbers(q: CallSheetQuestion): number[] | null {
  if (q.scale === null || q.scale.max - q.scale.min + 1 > widestScale) return null;
  const { min, max } = q.scale;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** Numbers of every question on the sheet, by id: an answer that opens a question placed elsewhere points to it. */
export function questionNumbers(sheet: CallSheet): Map<string, number> {
  const found = new Map<string, number>();
  const visit = (q: CallSheetQuestion): void => {
    found.set(q.id, q.number);
    for (const a of [...q.options, ...q.bands]) a.followUps.forEach(visit);
  };
  for (const s of sheet.sections) s.questions.forEach(visit);
  return found;
}

/** The numbers of the questions an answer opens that are placed elsewhere on the sheet (not among the question's follow-ups). */
export function thenAsk(
  answer: Option | Band,
  q: CallSheetQuestion,
  numberOf: ReadonlyMap<string, number>,
): number[] {
  const shownHere = new Set(
    [...q.options, ...q.bands].flatMap((a) => a.followUps.map((f) => f.id)),
  );
  return answer.opens.filter((id) => !shownHere.has(id)).flatMap((id) => numberOf.get(id) ?? []);
}

/**
 * A question's follow-ups, each with the answers that open it in words (bank
 * text unescaped): `2 is “Something a competitor has”`, `2 is “A” or “B”`.
 */
export function followUpsOf(
  q: CallSheetQuestion,
): { onlyIf: string; question: CallSheetQuestion }[] {
  const verb = q.type === 'multiple' ? 'includes' : 'is';
  const opening = (id: string): string =>
    [
      ...q.options.filter((o) => o.opens.includes(id)).map((o) => `“${o.label}”`),
      ...q.bands.filter((b) => b.opens.includes(id)).map(bandWords),
    ].join(' or ');
  return [...q.options, ...q.bands].flatMap((a) =>
    a.followUps.map((question) => ({
      onlyIf: `${q.number} ${verb} ${opening(question.id)}`,
      question,
    })),
  );
}

const sub = (id: string): string => ` <sub>${markdownText(id)}</sub>`;

function markdownBoxes(
  q: CallSheetQuestion,
  sheet: CallSheet,
  numberOf: ReadonlyMap<string, number>,
): string[] {
  const weights = (a: Option | Band): string => {
    const parts = weightParts(a, sheet).map(md);
    return parts.length === 0 ? '' : ` — *${parts.join(' · ')}*`;
  };
  const then = (a: Option | Band): string => {
    const elsewhere = thenAsk(a, q, numberOf);
    return elsewhere.length === 0 ? '' : ` → then ask question ${elsewhere.join(', ')}`;
  };
  const lines = q.options.map((o) => `- [ ] ${md(o.label)}${sub(o.value)}${weights(o)}${then(o)}`);
  if (q.type === 'scale') {
    const numbers = scaleNumbers(q);
    const scale = q.scale;
    if (numbers === null || scale === null) lines.push(`- Write the number: ________`);
    else
      for (const n of numbers) {
        const end = n === scale.min ? scale.minLabel : n === scale.max ? scale.maxLabel : null;
        lines.push(`- [ ] ${n}${end === null ? '' : ` — ${md(end)}`}`);
      }
    for (const b of q.bands)
      if (weights(b) !== '' || then(b) !== '')
        lines.push(`- *${md(bandWords(b))}*${weights(b)}${then(b)}`);
  }
  lines.push(`- [ ] ${unknownBox.label}${sub(unknownBox.id)}`);
  return lines;
}

/**
 * The call sheet as Markdown, to print or keep open beside a video call: each
 * question with its id, what to listen for, a box per answer with the id an
 * answers file writes, an "unknown" box, lines for their words, then its
 * follow-ups indented, each with the answer it is asked after. Every piece of
 * bank text is escaped: it can neither format nor link.
 */
export function callSheetMarkdown(sheet: CallSheet): string {
  const out: string[] = [];
  const numberOf = questionNumbers(sheet);
  const push = (indent: string, ...lines: string[]): void => {
    // A follow-up sits in a block quote (an indent of spaces would make a code block); its blank lines keep the quote.
    for (const line of lines) out.push(line === '' ? indent.trimEnd() : `${indent}${line}`);
  };
  const question = (q: CallSheetQuestion, indent: string): void => {
    push(indent, `**${q.number}. ${md(q.prompt)}** *(${kindWords(q)})*${sub(q.id)}`, '');
    if (q.askedWhen !== null) push(indent, `*Ask only when* ${md(q.askedWhen)}`, '');
    if (q.listenFor !== null) push(indent, `*Listen for:* ${md(q.listenFor)}`, '');
    push(indent, ...markdownBoxes(q, sheet, numberOf), '');
    push(indent, `Their words: ${blank}`, '', blank, '');
    if (q.type === 'text') push(indent, blank, '');
    const follow = followUpsOf(q);
    for (const { onlyIf, question: next } of follow) {
      push(`${indent}> `, `*Only if ${md(onlyIf)}:*`, '');
      question(next, `${indent}> `);
    }
    // A blank line of this question's own depth ends the quote of its follow-ups.
    if (follow.length > 0) push(indent, '');
  };

  out.push(`# Call sheet: ${md(sheet.bank.title)}`, '');
  out.push(`**Prospect:** ${blank}`, '', `**Date:** ${blank}`, '', `**Asked by:** ${blank}`, '');
  out.push(
    'Tick the answer you hear; the small id beside it is what an answers file writes (`question-id: answer-id`). ' +
      'An indented question is asked only when the answer named above it is given. ' +
      'Tick *unknown* when a question did not come up: clientfit counts it as unknown, never as a guess.',
    '',
  );
  if (sheet.weights)
    out.push(
      "With weights: each answer's weight toward a degree, and the flags it raises with their points toward the fit score.",
      '',
    );
  for (const section of sheet.sections) {
    out.push(`## ${md(section.title)}`, '');
    for (const q of section.questions) question(q, '');
  }
  out.push(
    `*Bank ${md(sheet.bank.id)} ${md(sheet.bank.version)}, clientfit ${md(sheet.tool.version)}.*`,
  );
  // No run of blank lines, and one at the very end.
  return `${out
    .join('\n')
    .replace(/\n((?:> )*>?)\n(?:\1\n)+/g, '\n$1\n')
    .trimEnd()}\n`;
}

/** The call sheet as JSON (its shape: questions/schema/call-sheet.schema.json). */
export function callSheetJson(sheet: CallSheet): string {
  return `${safeJson(sheet)}\n`;
}
