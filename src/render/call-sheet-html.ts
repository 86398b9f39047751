import type { CallSheet, CallSheetQuestion } from '../core/report/call-sheet';
import {
  bandWords,
  followUpsOf,
  kindWords,
  questionNumbers,
  scaleNumbers,
  thenAsk,
  unknownBox,
  weightParts,
} from './call-sheet';
import { htmlLines, htmlPage, htmlText } from './html';

type Option = CallSheetQuestion['options'][number];
type Band = CallSheetQuestion['bands'][number];

const h = htmlText;

/** A box to tick, its label, and (in small type) the id an answers file writes for it. */
function box(label: string, id: string | null, extra = '', round = false): string {
  const idText = id === null ? '' : ` <span class="id">${h(id)}</span>`;
  return `<li><span class="box${round ? ' round' : ''}"></span><span>${label}${idText}${extra}</span></li>`;
}

function extras(
  answer: Option | Band,
  q: CallSheetQuestion,
  sheet: CallSheet,
  numberOf: ReadonlyMap<string, number>,
): string {
  const parts = weightParts(answer, sheet);
  const weights =
    parts.length === 0 ? '' : ` <span class="weights">${parts.map(h).join(' · ')}</span>`;
  const elsewhere = thenAsk(answer, q, numberOf);
  return `${weights}${elsewhere.length === 0 ? '' : ` <span class="then">→ then ask question ${elsewhere.join(', ')}</span>`}`;
}

/** A scale: a box per number, the end labels under them, and (with --weights) what each band weighs. */
function scaleBoxes(
  q: CallSheetQuestion,
  sheet: CallSheet,
  numberOf: ReadonlyMap<string, number>,
): string {
  const numbers = scaleNumbers(q);
  const scale = q.scale;
  const out: string[] = [];
  if (numbers === null || scale === null)
    out.push('<p class="field"><b>Write the number:</b><span class="blank"></span></p>');
  else {
    out.push(
      `<ul class="boxes scale">${numbers.map((n) => box(String(n), null, '', true)).join('')}</ul>`,
    );
    const ends = [
      scale.minLabel === null ? '' : `<b>${scale.min}</b> = ${h(scale.minLabel)}`,
      scale.maxLabel === null ? '' : `<b>${scale.max}</b> = ${h(scale.maxLabel)}`,
    ].filter((e) => e !== '');
    if (ends.length > 0) out.push(`<p class="ends">${ends.join(' · ')}</p>`);
  }
  const bands = q.bands.filter((b) => extras(b, q, sheet, numberOf) !== '');
  if (bands.length > 0)
    out.push(
      `<ul class="bands">${bands.map((b) => `<li>${h(bandWords(b))}${extras(b, q, sheet, numberOf)}</li>`).join('')}</ul>`,
    );
  return out.join('');
}

/** The boxes of a question: one per option (or per number of a scale), then "unknown". */
function boxes(
  q: CallSheetQuestion,
  sheet: CallSheet,
  numberOf: ReadonlyMap<string, number>,
): string {
  const single = q.type !== 'multiple';
  const items = q.options.map((o) =>
    box(h(o.label), o.value, extras(o, q, sheet, numberOf), single),
  );
  items.push(box(`<span class="unknown">${h(unknownBox.label)}</span>`, unknownBox.id, '', single));
  return `${q.type === 'scale' ? scaleBoxes(q, sheet, numberOf) : ''}<ul class="boxes">${items.join('')}</ul>`;
}

/** One question as a block that a printed page never splits, then its follow-ups indented, each after the answer that opens it. */
function question(
  q: CallSheetQuestion,
  sheet: CallSheet,
  numberOf: ReadonlyMap<string, number>,
): string {
  const parts = [
    `<div class="q" id="q-${h(q.id)}">`,
    `<p class="q-head">${q.number}. ${h(q.prompt)} <span class="kind">(${h(kindWords(q))})</span><span class="qid">${h(q.id)}</span></p>`,
  ];
  if (q.askedWhen !== null)
    parts.push(`<p class="asked-when"><b>Ask only when</b> ${h(q.askedWhen)}</p>`);
  if (q.listenFor !== null)
    parts.push(`<p class="listen lines"><b>Listen for:</b> ${htmlLines(q.listenFor)}</p>`);
  parts.push(boxes(q, sheet, numberOf));
  const rules = '<div class="rule"></div>'.repeat(q.type === 'text' ? 3 : 2);
  parts.push(`<div class="words"><span class="label">Their words</span>${rules}</div>`, '</div>');
  const follow = followUpsOf(q).map(
    ({ onlyIf, question: next }) =>
      `<div class="follow"><p class="only-if">Only if ${h(onlyIf)}:</p>${question(next, sheet, numberOf)}</div>`,
  );
  return [...parts, ...follow].join('\n');
}

/**
 * The call sheet as one self-contained HTML page, to print before the call or
 * keep open beside it: fields for the prospect, the date and who asked; each
 * question with its id, what to listen for, a box per answer with the id an
 * answers file writes, an "unknown" box and room for their words; follow-ups
 * indented under it with the answer that opens them. Every piece of bank text
 * is escaped. Printed, each page after the first is headed with lines for the
 * prospect and the date, and no question is split across pages.
 */
export function callSheetHtml(sheet: CallSheet): string {
  const numberOf = questionNumbers(sheet);
  const field = (label: string): string =>
    `<span class="field"><b>${label}:</b><span class="blank"></span></span>`;
  const body = [
    '<header>',
    `<h1>Call sheet: ${h(sheet.bank.title)}</h1>`,
    `<div class="fields">${field('Prospect')}${field('Date')}${field('Asked by')}</div>`,
    '<p class="how">Tick the answer you hear; the small id beside it is what an answers file writes ' +
      '(<span class="id">question-id: answer-id</span>). An indented question is asked only when the answer named above it is given. ' +
      'Tick <i>unknown</i> when a question did not come up: clientfit counts it as unknown, never as a guess.</p>',
    sheet.weights
      ? '<p class="how">With weights: each answer\'s weight toward a degree, and the flags it raises with their points toward the fit score.</p>'
      : '',
    '</header>',
    '<main>',
    ...sheet.sections.map((s) =>
      [
        `<section>`,
        `<h2>${h(s.title)}</h2>`,
        ...s.questions.map((q) => question(q, sheet, numberOf)),
        '</section>',
      ].join('\n'),
    ),
    '</main>',
    `<p class="footer">Bank ${h(sheet.bank.id)} ${h(sheet.bank.version)}, clientfit ${h(sheet.tool.version)}.</p>`,
  ];
  return htmlPage({
    title: `Call sheet: ${sheet.bank.title}`,
    runningHead: `Call sheet: ${sheet.bank.title}    Prospect: ______________________    Date: ______________`,
    firstPageHead: false,
    body: body.filter((line) => line !== '').join('\n'),
  });
}
