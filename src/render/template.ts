import type { Bank, Question } from '../core/bank/bank';
import { choicesAndBands } from '../core/bank/bank';
import { describeCondition } from '../core/bank/describe-condition';
import { followUpIds } from '../core/bank/follow-up-ids';
import { safe, safeJson, yamlCommentText } from './terminal-safe';

export type TemplateFormat = 'yaml' | 'json';

const typeWords: Readonly<Record<Question['type'], string>> = {
  single: 'pick one',
  multiple: 'pick any, as a list: [a, b]',
  'yes-no': 'yes or no',
  text: 'free text',
  scale: 'a whole number',
};

/** When a question is asked, in words, or undefined when it always is. */
export function askedWhen(
  bank: Bank,
  question: Question,
  followUps: ReadonlySet<string> = followUpIds(bank),
): string | undefined {
  const parts: string[] = [];
  if (followUps.has(question.id)) {
    const openers = bank.questions.flatMap((q) =>
      choicesAndBands(q)
        .filter((e) => e.opens.includes(question.id))
        .map((e) => `${q.id} is ${'value' in e ? e.value : `${e.from}–${e.to}`}`),
    );
    parts.push(openers.join(' or '));
  }
  if (question.when !== undefined) parts.push(describeCondition(question.when));
  return parts.length === 0 ? undefined : parts.join(', and ');
}

/**
 * Comment lines: `lead` then the text, wrapped to about 78 columns, each
 * line starting with `# `; continuation lines are indented by `hang`.
 */
function comment(text: string, indent: string, lead = '', hang = '  '): string[] {
  // safe() first: it shows control characters (and YAML line breaks such as NEL) visibly.
  // Every YAML line break (LF, CR, NEL, LS, PS) is shown visibly: the comment stays one comment.
  const words = yamlCommentText(text.replace(/\s+/g, ' ')).split(' ');
  const lines: string[] = [];
  let line = lead;
  let fresh = true;
  for (const word of words) {
    if (!fresh && line.length + word.length + 1 > 74) {
      lines.push(line);
      line = hang;
      fresh = true;
    }
    line += fresh ? word : ` ${word}`;
    fresh = false;
  }
  lines.push(line);
  return lines.map((l) => `${indent}# ${l}`.trimEnd());
}

function yamlTemplate(bank: Bank, runCommand: string): string {
  const followUps = followUpIds(bank);
  const out: string[] = [
    `# Answers for the bank "${bank.id}" (${yamlCommentText(`${bank.title} ${bank.version}`)}).`,
    '#',
    '# Fill in each answer after its colon; write "unknown" when it did not come up.',
    '# Keep the prospect\'s own words with:  id: { value: <answer>, note: "their words" }',
    '# Leave follow-ups empty unless the answer before them opens them.',
    `# Then run:  ${yamlCommentText(runCommand)}`,
    `bank: ${bank.id}`,
    'prospect: ""',
    'answers:',
  ];
  let section = '';
  for (const q of bank.questions) {
    if (q.section !== section) {
      section = q.section;
      out.push('', `  # ── ${yamlCommentText(section.replace(/\s+/g, ' '))} ──`);
    }
    out.push('');
    const kind =
      q.type === 'scale' && q.scale
        ? `${typeWords.scale} from ${q.scale.min} to ${q.scale.max}`
        : typeWords[q.type];
    out.push(...comment(`${q.prompt} (${kind}${q.required ? '' : ', optional'})`, '  '));
    const when = askedWhen(bank, q, followUps);
    if (when !== undefined) out.push(...comment(`Asked only when ${when}.`, '  '));
    if (q.help !== undefined) out.push(...comment(q.help, '  '));
    const width = Math.max(0, ...q.choices.map((c) => c.value.length));
    for (const c of q.choices) {
      const lead = `  ${safe(c.value).padEnd(width)}  `;
      out.push(
        ...comment(
          `${c.label}${c.opens.length > 0 ? ` (then: ${c.opens.join(', ')})` : ''}`,
          '  ',
          lead,
          ' '.repeat(lead.length),
        ),
      );
    }
    if (q.type === 'scale' && q.scale) {
      if (q.scale.minLabel !== undefined)
        out.push(...comment(q.scale.minLabel, '  ', `  ${q.scale.min} = `));
      if (q.scale.maxLabel !== undefined)
        out.push(...comment(q.scale.maxLabel, '  ', `  ${q.scale.max} = `));
    }
    out.push(`  ${q.id}:`);
  }
  return `${out.join('\n')}\n`;
}

function jsonTemplate(bank: Bank): string {
  const followUps = followUpIds(bank);
  const guide: Record<string, unknown> = {};
  const answers: Record<string, null> = {};
  for (const q of bank.questions) {
    answers[q.id] = null;
    guide[q.id] = {
      prompt: q.prompt,
      type: q.type,
      required: q.required,
      ...(q.help === undefined ? {} : { help: q.help }),
      ...(askedWhen(bank, q, followUps) === undefined
        ? {}
        : { askedWhen: askedWhen(bank, q, followUps) }),
      ...(q.choices.length > 0
        ? { options: Object.fromEntries(q.choices.map((c) => [c.value, c.label])) }
        : {}),
      ...(q.scale === undefined ? {} : { scale: { min: q.scale.min, max: q.scale.max } }),
    };
  }
  return `${safeJson({ bank: bank.id, prospect: '', answers, guide })}\n`;
}

/**
 * An answers-file skeleton with every question, to fill in and pass to `run
 * --answers`; the YAML form names `runCommand`, the command that does so.
 */
export function template(bank: Bank, format: TemplateFormat, runCommand: string): string {
  return format === 'json' ? jsonTemplate(bank) : yamlTemplate(bank, runCommand);
}
