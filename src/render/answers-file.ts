import type { Bank } from '../core/bank/bank';
import { checkAnswerMap } from '../core/records/answers-file';
import type { Answer } from '../core/judgement/answers';
import type { AssessmentRecord } from '../core/records/record';
import { safeJson, yamlCommentText } from './terminal-safe';

/** A value as one line of YAML: JSON is YAML, and safeJson escapes what a terminal must not see, keeping the value exact. */
function inline(value: string | number | readonly string[]): string {
  return Array.isArray(value) ? `[${value.map((v) => safeJson(v)).join(', ')}]` : safeJson(value);
}

/** An answer as a record holds it. */
type Recorded = AssessmentRecord['answers'][string];

/** One answer as a line of the `answers:` map. */
function answerLine(id: string, answer: Answer | Recorded): string {
  const key =
    /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id) && !/^(true|false|null|~)$/i.test(id)
      ? id
      : safeJson(id);
  return answer.note === undefined
    ? `  ${key}: ${inline(answer.value)}`
    : `  ${key}: { value: ${inline(answer.value)}, note: ${safeJson(answer.note)} }`;
}

/**
 * The record's answers as the bank reads them now: old values under their
 * new names (the bank's `replaces`), and apart, with why, the answers it no
 * longer accepts. Without a bank (or another bank), the answers as recorded.
 */
function answersForBank(
  record: AssessmentRecord,
  bank: Bank | undefined,
): { kept: [string, Answer | Recorded][]; left: [string, Recorded, string][] } {
  const recorded = Object.entries(record.answers);
  if (
    bank === undefined ||
    (bank.id !== record.report.bank.id && bank.basedOn !== record.report.bank.id)
  )
    return { kept: recorded, left: [] };
  const checked = checkAnswerMap(bank, new Map(recorded), new Map(), { allowPartial: true });
  const why = new Map(checked.problems.map((p) => [p.questionId, p.message]));
  const kept: [string, Answer | Recorded][] = [];
  const left: [string, Recorded, string][] = [];
  for (const [id, answer] of recorded) {
    const now = checked.answers.get(id);
    if (now !== undefined) kept.push([id, now]);
    else left.push([id, answer, why.get(id) ?? 'the bank no longer accepts it']);
  }
  return { kept, left };
}

/**
 * A record's answers as an answers file (`show --format answers`): the bank
 * id, the prospect's name and every answer with its note, in a form that
 * `run --answers` reads back to the same report (with the same bank). With
 * the bank at hand, renamed values are written under their new names, and
 * answers the bank no longer accepts are written as comments, said in the
 * header, so the file still runs.
 */
export function answersFileOf(record: AssessmentRecord, bank?: Bank): string {
  const { report } = record;
  const { kept, left } = answersForBank(record, bank);
  const lines = [
    `# The answers of record ${yamlCommentText(record.id)}, assessed ${report.assessedAt.slice(0, 10)}.`,
    `# Scored with the bank ${yamlCommentText(report.bank.id)} ${yamlCommentText(report.bank.version)}${record.bankPath === null ? '' : ` at ${yamlCommentText(record.bankPath)}`}.`,
  ];
  if (left.length > 0)
    lines.push(
      `# Left out, as the bank ${yamlCommentText(bank?.id ?? '')} ${yamlCommentText(bank?.version ?? '')} no longer accepts them: ${left.map(([id]) => yamlCommentText(id)).join(', ')}.`,
      '# They are kept as comments at the end; answer them again (or run with --allow-partial).',
    );
  lines.push(
    '# Change any answer, then: clientfit run --answers THIS-FILE',
    `bank: ${safeJson(report.bank.id)}`,
  );
  lines.push(
    `prospect: ${report.prospect === null ? 'null' : safeJson(report.prospect)}`,
    kept.length === 0 ? 'answers: {}' : 'answers:',
  );
  for (const [id, answer] of kept) lines.push(answerLine(id, answer));
  if (left.length > 0) {
    lines.push('# Recorded, but no longer accepted by the bank:');
    for (const [id, answer, why] of left)
      lines.push(`#${answerLine(id, answer)}`, `#    (${yamlCommentText(why)})`);
  }
  return `${lines.join('\n')}\n`;
}
