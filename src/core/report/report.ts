import * as z from 'zod/mini';
import type { Bank } from '../bank/bank';
import { recommendations } from '../bank/schema';
import type { Answers } from '../engine/answers';
import { answerLabel } from '../engine/answers';
import type { Assessment } from '../engine/assess';
import { undecided } from '../engine/assess';
import type { Counterfactual } from '../engine/counterfactuals';
import { once } from '../once';

/** The version of the report object below; bumped on any incompatible change. */
export const reportSchemaVersion = 1;

/**
 * The assessment of one prospect as `run --format json` prints it and as a
 * record stores it. Versioned by `schemaVersion`; documented field by field in
 * the README ("The JSON report") and published as questions/schema/report.schema.json.
 */
function buildReportSchema() {
  const Verdict = z.enum([...recommendations, 'undecided']);
  const AnswerValue = z.union([z.string(), z.number(), z.array(z.string())]);
  return z.strictObject({
    schemaVersion: z.literal(reportSchemaVersion),
    tool: z.strictObject({ name: z.literal('clientfit'), version: z.string() }),
    bank: z.strictObject({ id: z.string(), title: z.string(), version: z.string(), contentHash: z.string() }),
    prospect: z.nullable(z.string()),
    assessedAt: z.string(),
    answers: z.array(
      z.strictObject({
        questionId: z.string(),
        prompt: z.string(),
        value: AnswerValue,
        label: z.string(),
        note: z.optional(z.string()),
      }),
    ),
    degree: z.strictObject({
      id: z.string(),
      name: z.nullable(z.string()),
      summary: z.nullable(z.string()),
      meaning: z.nullable(z.string()),
      runnerUp: z.nullable(z.string()),
      undecidedReason: z.nullable(z.enum(['too-little-evidence', 'tie'])),
    }),
    scores: z.array(z.strictObject({ degree: z.string(), score: z.number() })),
    confidence: z.number().check(z.minimum(0), z.maximum(1)),
    coverage: z.strictObject({ answered: z.int(), asked: z.int() }),
    recommendation: Verdict,
    decidedBy: z.strictObject({ kind: z.enum(['rule', 'degree', 'undecided']), ruleId: z.nullable(z.string()), reason: z.string() }),
    evidence: z.array(
      z.strictObject({
        questionId: z.string(),
        prompt: z.string(),
        answer: AnswerValue,
        label: z.string(),
        note: z.optional(z.string()),
        degree: z.string(),
        weight: z.number(),
      }),
    ),
    flags: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(['red', 'green']),
        label: z.string(),
        severity: z.enum(['low', 'medium', 'high']),
        explanation: z.string(),
        raisedBy: z.array(z.string()),
      }),
    ),
    rulesFired: z.array(z.strictObject({ id: z.string(), recommendation: Verdict, reason: z.string() })),
    counterfactuals: z.array(
      z.strictObject({
        questionId: z.string(),
        prompt: z.string(),
        from: AnswerValue,
        fromLabel: z.string(),
        to: AnswerValue,
        toLabel: z.string(),
        degree: z.string(),
        recommendation: Verdict,
      }),
    ),
    advice: z.strictObject({ talkingPoints: z.array(z.string()), conditions: z.array(z.string()) }),
  });
}

/** The report schema, built on first use (only records and tests need it at run time). */
export const reportSchema = once(buildReportSchema);

export type Report = z.infer<ReturnType<typeof buildReportSchema>>;

/** What a report records besides the assessment itself. */
export interface ReportMeta {
  readonly toolVersion: string;
  readonly contentHash: string;
  readonly prospect: string | undefined;
  readonly assessedAt: Date;
}

/** A plain, mutable copy of an answer value for the report. */
function plain(value: string | number | readonly string[]): string | number | string[] {
  return typeof value === 'string' || typeof value === 'number' ? value : [...value];
}

function undecidedReason(bank: Bank, assessment: Assessment): string {
  const top = assessment.scores[0];
  if (assessment.undecidedReason === 'tie') {
    const tied = assessment.scores.filter((s) => s.score === top?.score).map((s) => s.degree);
    return `the evidence is tied between ${tied.join(' and ')} (${top?.score ?? 0} each)`;
  }
  return `too little evidence: the strongest degree has ${top?.score ?? 0} of the ${bank.minimumEvidence} needed`;
}

/** Turns an assessment into the report object: plain data, ready for JSON and the renderers. */
export function buildReport(bank: Bank, answers: Answers, assessment: Assessment, counterfactuals: readonly Counterfactual[], meta: ReportMeta): Report {
  const degree = bank.degrees.find((d) => d.id === assessment.degree);
  const rule = assessment.decidingRule;
  const decidedBy: Report['decidedBy'] =
    rule !== undefined
      ? { kind: 'rule', ruleId: rule.id, reason: rule.reason }
      : degree !== undefined
        ? { kind: 'degree', ruleId: null, reason: `the default for ${degree.name}` }
        : { kind: 'undecided', ruleId: null, reason: undecidedReason(bank, assessment) };
  return {
    schemaVersion: reportSchemaVersion,
    tool: { name: 'clientfit', version: meta.toolVersion },
    bank: { id: bank.id, title: bank.title, version: bank.version, contentHash: meta.contentHash },
    prospect: meta.prospect ?? null,
    assessedAt: meta.assessedAt.toISOString(),
    answers: assessment.steps.map(({ question }) => {
      const answer = answers.get(question.id);
      const value = answer?.value ?? 'unknown';
      return {
        questionId: question.id,
        prompt: question.prompt,
        value: plain(value),
        label: answerLabel(question, value),
        ...(answer?.note === undefined ? {} : { note: answer.note }),
      };
    }),
    degree: {
      id: assessment.degree === undecided ? undecided : assessment.degree,
      name: degree?.name ?? null,
      summary: degree?.summary ?? null,
      meaning: degree?.meaning ?? null,
      runnerUp: assessment.runnerUp ?? null,
      undecidedReason: assessment.undecidedReason ?? null,
    },
    scores: assessment.scores.map((s) => ({ degree: s.degree, score: s.score })),
    confidence: assessment.confidence,
    coverage: assessment.coverage,
    recommendation: assessment.recommendation,
    decidedBy,
    evidence: assessment.contributions.map((c) => ({
      questionId: c.questionId,
      prompt: c.prompt,
      answer: plain(c.answer),
      label: c.label,
      ...(c.note === undefined ? {} : { note: c.note }),
      degree: c.degree,
      weight: c.weight,
    })),
    flags: assessment.flags.map(({ flag, raisedBy }) => ({
      id: flag.id,
      kind: flag.kind,
      label: flag.label,
      severity: flag.severity,
      explanation: flag.explanation,
      raisedBy: [...raisedBy],
    })),
    rulesFired: assessment.rulesFired.map((r) => ({ id: r.id, recommendation: r.recommendation, reason: r.reason })),
    counterfactuals: counterfactuals.map((c) => ({ ...c, from: plain(c.from), to: plain(c.to) })),
    advice: { talkingPoints: [...assessment.advice.talkingPoints], conditions: [...assessment.advice.conditions] },
  };
}
