import type { Bank } from '../bank/bank';
import type { Answer } from '../judgement/answers';
import type { RenamedAnswer } from '../judgement/apply-replaces';
import { readAnswers } from '../judgement/answers';
import type { Assessment } from '../judgement/assessment';
import { assess } from '../judgement/assess';
import { walkFlow } from '../judgement/flow';
import { fitTally } from '../report/report';
import type { RecordPart } from './record';

/** One record whose verdict the new bank changes, and why. */
export interface Change {
  readonly id: string;
  readonly prospect: string | null;
  /** The fit level is null for records made before clientfit measured fit. */
  readonly before: {
    readonly degree: string;
    readonly fit: string | null;
    readonly recommendation: string;
  };
  readonly after: {
    readonly degree: string;
    readonly fit: string | null;
    readonly recommendation: string;
  };
  /** What sets the recommendation now, in words: a rule, the fit level or the degree. */
  readonly decidedBy: string;
  /** Weights that moved: per question and degree, old → new (0 when absent). */
  readonly moved: readonly {
    readonly questionId: string;
    readonly label: string;
    readonly degree: string;
    readonly before: number;
    readonly after: number;
    /**
     * The question no longer counts toward the degree in this bank: its answers only raise flags
     * for the fit.
     */
    readonly nowFitEvidence: boolean;
  }[];
  readonly rulesFired: { readonly before: readonly string[]; readonly after: readonly string[] };
  /** Answers the new bank no longer accepts (they count as unknown now). */
  readonly ignored: readonly string[];
}

/** What rescoring reads of a record: its answers, and the verdict and reasons they had. */
export type RescoredRecord = RecordPart<
  'answers',
  'prospect' | 'degree' | 'fit' | 'recommendation' | 'evidence' | 'rulesFired'
>;

/**
 * A record's answers assessed with a bank: answers it no longer accepts, or no longer reaches,
 * count as unknown and are named.
 */
export function assessWith(
  record: RecordPart<'answers', never>,
  bank: Bank,
): {
  readonly result: Assessment;
  readonly ignored: readonly string[];
  readonly renamed: readonly RenamedAnswer[];
} {
  const raw = new Map<string, unknown>(Object.entries(record.answers));
  const { answers, problems, renamed } = readAnswers(bank, raw);
  const reached = new Set(walkFlow(bank, answers).steps.map((s) => s.question.id));
  const kept = new Map<string, Answer>([...answers].filter(([id]) => reached.has(id)));
  const ignored = [
    ...problems.map((p) => p.questionId),
    ...[...answers.keys()].filter((id) => !reached.has(id)),
  ];
  return { result: assess(bank, kept), ignored, renamed };
}

/** Scores one record's answers with a bank; answers that no longer fit are dropped and named. */
export function rescoreRecord(
  record: RescoredRecord,
  bank: Bank,
  onRenamed?: (renamed: readonly RenamedAnswer[]) => void,
): Change | undefined {
  const { result, ignored, renamed } = assessWith(record, bank);
  if (renamed.length > 0) onRenamed?.(renamed);
  const before = {
    degree: record.report.degree.id,
    fit: record.report.fit?.level ?? null,
    recommendation: record.report.recommendation,
  };
  const after = {
    degree: result.degree,
    fit: result.fit.level.id,
    recommendation: result.recommendation,
  };
  // A fit level is compared only where the record measured one (records from before fit have none).
  const fitChanged = before.fit !== null && before.fit !== after.fit;
  if (
    before.degree === after.degree &&
    before.recommendation === after.recommendation &&
    !fitChanged
  )
    return undefined;

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
    const nowFitEvidence =
      b === 0 &&
      !ignored.includes(questionId) &&
      bank.questions.find((q) => q.id === questionId)?.evidence === 'fit';
    moved.push({
      questionId,
      degree,
      label: now.get(k)?.label ?? old.get(k)?.label ?? '',
      before: a,
      after: b,
      nowFitEvidence,
    });
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
            : result.decidedBy.kind === 'open'
              ? 'the most cautious call the open questions allow'
              : 'nothing: the degree is undecided',
    moved,
    rulesFired: {
      before: record.report.rulesFired.map((r) => r.id),
      after: result.rulesFired.map((r) => r.id),
    },
    ignored,
  };
}
