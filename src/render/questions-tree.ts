import { plural } from '../core/text/plural';
import type { Bank, Question } from '../core/bank/bank';
import { followUpIds } from '../core/bank/follow-up-ids';
import type { Style } from './style';
import { safe, safeLines } from './terminal-safe';
import { describeCondition } from '../core/bank/describe-condition';
import { displayWidth, wrapText } from './wrap-text';

const typeWords: Readonly<Record<Question['type'], string>> = {
  single: 'one choice',
  multiple: 'several choices',
  'yes-no': 'yes / no',
  text: 'free text',
  scale: 'scale',
};

function effectWords(effect: {
  signals: ReadonlyMap<string, number>;
  flags: readonly string[];
}): string {
  const parts = [...effect.signals]
    .filter(([, w]) => w !== 0)
    .map(([d, w]) => `${d} ${w > 0 ? '+' : ''}${w}`);
  for (const f of effect.flags) parts.push(`flag ${f}`);
  return parts.join(' · ');
}

/**
 * The bank as the interviewer meets it: sections, questions in order, and
 * each follow-up nested under the answer that opens it.
 */
export function questionsTree(bank: Bank, style: Style, width = 80): string {
  const followUps = followUpIds(bank);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const out: string[] = [];
  /** Adds wrapped text: `first` before its first line, `rest` before the others (never more than half the width). */
  const add = (text: string, first: string, rest: string): void => {
    const hang =
      displayWidth(rest) <= width / 2 ? rest : ' '.repeat(Math.min(displayWidth(first), 4));
    out.push(...wrapText(text, { width, first, rest: hang, keepSpaces: true }));
  };
  add(
    `${style.bold(safe(bank.title))} ${style.dim(`(${bank.id} ${safe(bank.version)})`)} — ${plural(bank.questions.length, 'question')}`,
    '',
    '  ',
  );
  let number = 0;
  const shown = new Set<string>();

  const render = (q: Question, indent: string): void => {
    if (shown.has(q.id)) return;
    shown.add(q.id);
    number++;
    const kind =
      q.type === 'scale' && q.scale ? `scale ${q.scale.min}–${q.scale.max}` : typeWords[q.type];
    const pad = `${indent}${' '.repeat(`${number}. `.length)}`;
    add(
      `${safe(q.prompt)} ${style.dim(`[${q.id}; ${kind}${q.required ? '' : '; optional'}${q.evidence === 'degree' ? '; degree evidence' : ''}]`)}`,
      `${indent}${style.bold(`${number}.`)} `,
      pad,
    );
    const when = q.when === undefined ? undefined : describeCondition(q.when);
    if (when !== undefined) add(`${style.cyan('asked when')} ${safe(when)}`, pad, `${pad}  `);
    if (q.help !== undefined)
      for (const line of safeLines(q.help).split('\n')) add(style.dim(line), pad, pad);
    const valueWidth = Math.max(0, ...q.choices.map((c) => c.value.length));
    for (const c of q.choices) {
      const effect = effectWords(c);
      const lead = `${pad}• ${c.value.padEnd(valueWidth)}  `;
      add(
        `${safe(c.label)}${effect === '' ? '' : `  ${style.dim(effect)}`}`,
        lead,
        ' '.repeat(displayWidth(lead)),
      );
      for (const id of c.opens) {
        const next = byId.get(id);
        if (next) render(next, `${pad}    `);
      }
    }
    for (const b of q.bands) {
      const effect = effectWords(b);
      add(
        `${b.from}–${b.to}${b.label === undefined ? '' : `  ${safe(b.label)}`}${effect === '' ? '' : `  ${style.dim(effect)}`}`,
        `${pad}• `,
        `${pad}  `,
      );
      for (const id of b.opens) {
        const next = byId.get(id);
        if (next) render(next, `${pad}    `);
      }
    }
  };

  let section = '';
  for (const q of bank.questions) {
    if (followUps.has(q.id) || shown.has(q.id)) continue;
    if (q.section !== section) {
      section = q.section;
      out.push('');
      add(style.bold(safe(section)), '', '  ');
    }
    render(q, '  ');
  }
  out.push('');
  add(style.dim('Every question also accepts "unknown" (it did not come up).'), '', '');
  return `${out.join('\n')}\n`;
}
