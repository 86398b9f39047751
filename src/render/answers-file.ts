import type { AssessmentRecord } from '../core/record';
import { safeJson, yamlCommentText } from './terminal-safe';

/** A value as one line of YAML: JSON is YAML, and safeJson escapes what a terminal must not see, keeping the value exact. */
function inline(value: string | number | readonly string[]): string {
  return Array.isArray(value) ? `[${value.map((v) => safeJson(v)).join(', ')}]` : safeJson(value);
}

/**
 * A record's answers as an answers file (`show --format answers`): the bank
 * id, the prospect's name and every answer with its note, in a form that
 * `run --answers` reads back to the same report (with the same bank).
 */
export function answersFileOf(record: AssessmentRecord): string {
  const { report } = record;
  const lines = [
    `# The answers of record ${yamlCommentText(record.id)}, assessed ${report.assessedAt.slice(0, 10)}.`,
    `# Scored with the bank ${yamlCommentText(report.bank.id)} ${yamlCommentText(report.bank.version)}${record.bankPath === null ? '' : ` at ${yamlCommentText(record.bankPath)}`}.`,
    '# Change any answer, then: clientfit run --answers THIS-FILE',
    `bank: ${safeJson(report.bank.id)}`,
    `prospect: ${report.prospect === null ? 'null' : safeJson(report.prospect)}`,
    'answers:',
  ];
  for (const [id, answer] of Object.entries(record.answers)) {
    const key = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id) && !/^(true|false|null|~)$/i.test(id) ? id : safeJson(id);
    lines.push(
      answer.note === undefined ? `  ${key}: ${inline(answer.value)}` : `  ${key}: { value: ${inline(answer.value)}, note: ${safeJson(answer.note)} }`,
    );
  }
  if (Object.keys(record.answers).length === 0) lines[lines.length - 1] = 'answers: {}';
  return `${lines.join('\n')}\n`;
}
