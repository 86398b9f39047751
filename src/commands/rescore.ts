import type { Bank } from '../core/bank/bank';
import type { Answer } from '../core/engine/answers';
import { readAnswers } from '../core/engine/answers';
import { assess } from '../core/engine/assess';
import { fitTally } from '../core/report/report';
import { walkFlow } from '../core/engine/flow';
import type { RecordFilter } from '../core/record-filter';
import { matchesFilter } from '../core/record-filter';
import type { AssessmentRecord } from '../core/record';
import { readRecord, recordFiles, skippedWarning } from '../io/store';
import type { Style } from '../render/style';
import { safe, safeJson } from '../render/terminal-safe';

export interface RescoreOptions {
  readonly store: string;
  readonly bank: Bank;
  readonly filter: RecordFilter;
  readonly format: 'text' | 'json';
  readonly style: Style;
  readonly warn: (text: string) => void;
}

/** One record whose verdict the new bank changes, and why. */
export interface Change {
  readonly id: string;
  readonly prospect: string | null;
  /** The fit level is null for records made before clientfit measured fit. */
  readonly before: { readonly degree: string; readonly fit: string | null; readonly recommendation: string };
  readonly after: { readonly degree: string; readonly fit: string | null; readonly recommendation: string };
  /** What sets the recommendation now, in words: a rule, the fit level or the degree. */
  readonly decidedBy: string;
  /** Weights that moved: per question and degree, old → new (0 when absent). */
  readonly moved: readonly {
    readonly questionId: string;
    readonly label: string;
    readonly degree: string;
    readonly before: number;
    readonly after: number;
    /** The question no longer counts toward the degree in this bank: its answers only raise flags for the fit. */
    readonly nowFitEvidence: boolean;
  }[];
  readonly rulesFired: { readonly before: readonly string[]; readonly after: readonly string[] };
  /** Answers the new bank no longer accepts (they count as unknown now). */
  readonly ignored: readonly string[];
}

export interface RescoreSummary {
  readonly scored: number;
  readonly changed: number;
  readonly skipped: number;
}

/** Scores one record's answers with a bank; answers that no longer fit are dropped and named. */
export function rescoreRecord(record: AssessmentRecord, bank: Bank): Change | undefined {
  const raw = new Map<string, unknown>(Object.entries(record.answers));
  const { answers, problems } = readAnswers(bank, raw);
  const reached = new Set(walkFlow(bank, answers).steps.map((s) => s.question.id));
  const kept = new Map<string, Answer>([...answers].filter(([id]) => reached.has(id)));
  const ignored = [...problems.map((p) => p.questionId), ...[...answers.keys()].filter((id) => !reached.has(id))];
  const result = assess(bank, kept);
  const before = { degree: record.report.degree.id, fit: record.report.fit?.level ?? null, recommendation: record.report.recommendation };
  const after = { degree: result.degree, fit: result.fit.level.id, recommendation: result.recommendation };
  if (before.degree === after.degree && before.recommendation === after.recommendation) return undefined;

  const key = (q: string, d: string): string => `${q}\u0000${d}`;
  const old = new Map<string, { weight: number; label: string }>();
  for (const e of record.report.evidence) {
    const k = key(e.questionId, e.degree);
    old.set(k, { weight: (old.get(k)?.weight ?? 0) + e.weight, label: e.label });
  }
  const now = new Map<string, { weight: number; label: string }>();
  for (const c of result.contributions) {
    const k = key(c.questionId, c.degree);
    now.set(k, { weight: (now.get(k)?.weight ?? 0) + c.weight, label: c.label });
  }
  const moved: Change['moved'][number][] = [];
  for (const k of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(k)?.weight ?? 0;
    const b = now.get(k)?.weight ?? 0;
    if (a === b) continue;
    const [questionId = '', degree = ''] = k.split('\u0000');
    const nowFitEvidence = b === 0 && !ignored.includes(questionId) && bank.questions.find((q) => q.id === questionId)?.evidence === 'fit';
    moved.push({ questionId, degree, label: now.get(k)?.label ?? old.get(k)?.label ?? '', before: a, after: b, nowFitEvidence });
  }
  moved.sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before));
  return {
    id: record.id,
    prospect: record.report.prospect,
    before,
    after,
    decidedBy:
      result.decidedBy.kind === 'rule'
        ? `the rule ${result.decidedBy.rule.id}`
        : result.decidedBy.kind === 'fit'
          ? `the fit (${result.fit.level.name}: ${fitTally(result.fit.red, result.fit.green)}, score ${result.fit.score})`
          : result.decidedBy.kind === 'degree'
            ? 'the degree'
            : 'nothing: the degree is undecided',
    moved,
    rulesFired: { before: record.report.rulesFired.map((r) => r.id), after: result.rulesFired.map((r) => r.id) },
    ignored,
  };
}

function describe(change: Change, style: Style): string {
  const lines = [`${style.bold(safe(change.prospect ?? '(no name)'))} ${style.dim(safe(change.id))}`];
  lines.push(
    `  ${safe(change.before.degree)} / ${safe(change.before.recommendation)} → ${style.bold(`${safe(change.after.degree)} / ${safe(change.after.recommendation)}`)} (fit ${safe(change.after.fit ?? 'not measured')})`,
  );
  for (const m of change.moved.slice(0, 5))
    lines.push(
      `  ${safe(m.questionId)} ${style.dim(`(${safe(m.label)})`)}: ${safe(m.degree)} ${m.before} → ${m.after}${m.nowFitEvidence ? style.dim(' (now fit evidence, not degree)') : ''}`,
    );
  const started = change.rulesFired.after.filter((r) => !change.rulesFired.before.includes(r));
  const stopped = change.rulesFired.before.filter((r) => !change.rulesFired.after.includes(r));
  if (started.length > 0) lines.push(`  rule now fires: ${started.map(safe).join(', ')}`);
  if (stopped.length > 0) lines.push(`  rule no longer fires: ${stopped.map(safe).join(', ')}`);
  if (change.after.recommendation !== change.before.recommendation) lines.push(`  now decided by ${safe(change.decidedBy)}`);
  if (change.ignored.length > 0) lines.push(style.yellow(`  answers that no longer fit the bank, now unknown: ${change.ignored.map(safe).join(', ')}`));
  return `${lines.join('\n')}\n`;
}

/**
 * `clientfit rescore`: scores every record (matching the filter) with the
 * given bank and reports each one whose degree or recommendation changes,
 * with the weights and rules that moved it. Streams: one record at a time.
 */
export function* rescore(options: RescoreOptions, summary: { value: RescoreSummary }): Generator<string> {
  let scored = 0;
  let changed = 0;
  let skipped = 0;
  const json = options.format === 'json';
  if (json) yield '{\n  "changes": [';
  for (const name of recordFiles(options.store)) {
    const entry = readRecord(options.store, name);
    if (!entry.ok) {
      skipped++;
      options.warn(skippedWarning(entry));
      continue;
    }
    if (!matchesFilter(entry.record, options.filter)) continue;
    scored++;
    const change = rescoreRecord(entry.record, options.bank);
    if (change === undefined) continue;
    changed++;
    yield json ? `${changed === 1 ? '' : ','}\n    ${safeJson(change).replace(/\n\s*/g, ' ')}` : describe(change, options.style);
  }
  summary.value = { scored, changed, skipped };
  if (json) yield `${changed === 0 ? '' : '\n  '}],\n  "scored": ${scored},\n  "changed": ${changed},\n  "skipped": ${skipped}\n}\n`;
  else
    yield options.style.dim(
      `${scored} record${scored === 1 ? '' : 's'} re-scored with ${safe(options.bank.id)} ${safe(options.bank.version)}: ${changed} changed${skipped > 0 ? `, ${skipped} file${skipped === 1 ? '' : 's'} skipped` : ''}.\n`,
    );
}
