import { plural } from '../text/plural';
import * as z from 'zod/mini';
import type { Bank, Question } from '../bank/bank';
import { choicesAndBands, effectsOf } from '../bank/bank';
import { recommendations, unknownFitLevel } from '../bank/schema';
import type { Answers, AnswerValue } from '../judgement/answers';
import { answerLabel, isUnknown } from '../judgement/answers';
import type { Assessment } from '../judgement/assess';
import { undecided } from '../judgement/assess';
import type { CounterfactualSearch } from '../judgement/counterfactuals';
import { once } from '../once';
import { outcomeSchema } from '../records/outcome';
import { round2 } from '../text/round';

/**
 * The version of the report object below; bumped on any incompatible change.
 * 4: `decidedBy.kind` may be `"open"` (the call holds whichever way the open
 * questions go) and the fit may say `answered`, `required` and `toAsk`.
 */
export const reportSchemaVersion = 4;

/**
 * The assessment of one prospect as `run --format json` prints it and as a
 * record stores it. Versioned by `schemaVersion`; documented field by field in
 * questions/schema/README.md and published as questions/schema/report.schema.json.
 * Reports read from records of schemaVersion 1 are upgraded to this shape, with
 * `null` where the old report had nothing to say (fit, clarity, points).
 */
function buildReportSchemas() {
  const Verdict = z.enum([...recommendations, 'undecided']);
  const Recommendation = z.enum(recommendations);
  const AnswerValue = z.union([z.string(), z.number(), z.array(z.string())]);
  const Share = z.number().check(z.minimum(0), z.maximum(1));
  const outcome = {
    degree: z.string(),
    fit: z.nullable(z.string()),
    recommendation: Verdict,
    flagsGone: z.array(z.string()),
    flagsNew: z.array(z.string()),
  };
  const shape = {
    tool: z.strictObject({ name: z.literal('clientfit'), version: z.string() }),
    bank: z.strictObject({
      id: z.string(),
      title: z.string(),
      version: z.string(),
      contentHash: z.string(),
    }),
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
    fit: z.nullable(
      z.strictObject({
        level: z.string(),
        name: z.string(),
        score: z.number(),
        red: z.int(),
        green: z.int(),
        recommendation: z.nullable(Recommendation),
        /** Fit questions answered, and how many the bank asks for before it gives its best level (absent in older reports). */
        answered: z.optional(z.int()),
        required: z.optional(z.int()),
        /** While the fit is "unknown": the prompts of the fit questions still to ask. */
        toAsk: z.optional(z.array(z.string())),
      }),
    ),
    confidence: Share,
    completeness: Share,
    clarity: z.nullable(Share),
    coverage: z.strictObject({ answered: z.int(), asked: z.int() }),
    recommendation: Verdict,
    decidedBy: z.strictObject({
      kind: z.enum(['rule', 'fit', 'degree', 'open', 'undecided']),
      ruleId: z.nullable(z.string()),
      reason: z.string(),
    }),
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
    fitEvidence: z.array(
      z.strictObject({
        flagId: z.string(),
        kind: z.enum(['red', 'green']),
        points: z.nullable(z.number()),
        questionId: z.string(),
        prompt: z.string(),
        label: z.string(),
        note: z.optional(z.string()),
      }),
    ),
    flags: z.array(
      z.strictObject({
        id: z.string(),
        kind: z.enum(['red', 'green']),
        label: z.string(),
        severity: z.enum(['low', 'medium', 'high']),
        explanation: z.string(),
        points: z.nullable(z.number()),
        raisedBy: z.array(z.string()),
      }),
    ),
    rulesFired: z.array(
      z.strictObject({ id: z.string(), recommendation: Verdict, reason: z.string() }),
    ),
  };
  const tail = {
    counterfactualsComplete: z.boolean(),
    advice: z.strictObject({ talkingPoints: z.array(z.string()), conditions: z.array(z.string()) }),
    /** Only in `show` output of a record with an outcome: the latest change, and every change oldest first. */
    outcome: z.optional(outcomeSchema()),
    outcomes: z.optional(z.array(outcomeSchema())),
  };
  // A multiple choice's counterfactual names the one option it picks or drops
  // (`to`), not the whole answer before and after: a question of n options,
  // all picked, would otherwise repeat n values in each of up to 300 entries.
  const counterfactuals = z.array(
    z.strictObject({
      questionId: z.string(),
      prompt: z.string(),
      change: z.enum(['answer', 'pick', 'drop']),
      from: z.nullable(AnswerValue),
      fromLabel: z.nullable(z.string()),
      to: AnswerValue,
      toLabel: z.string(),
      ...outcome,
    }),
  );
  return {
    current: z.strictObject({
      schemaVersion: z.literal(reportSchemaVersion),
      ...shape,
      counterfactuals,
      ...tail,
    }),
    // Version 3 is read with version 4's fields: builds between issue 19 and the bump wrote them under 3.
    v3: z.strictObject({ schemaVersion: z.literal(3), ...shape, counterfactuals, ...tail }),
    v2: z.strictObject({
      schemaVersion: z.literal(2),
      ...shape,
      counterfactuals: z.array(
        z.strictObject({
          questionId: z.string(),
          prompt: z.string(),
          from: AnswerValue,
          fromLabel: z.string(),
          to: AnswerValue,
          toLabel: z.string(),
          ...outcome,
        }),
      ),
      ...tail,
    }),
  };
}

/** The report as clientfit wrote it before the fit axis (schemaVersion 1): still read from old records, then upgraded. */
function buildReportSchemaV1() {
  const Verdict = z.enum([...recommendations, 'undecided']);
  const AnswerValue = z.union([z.string(), z.number(), z.array(z.string())]);
  return z.strictObject({
    schemaVersion: z.literal(1),
    tool: z.strictObject({ name: z.literal('clientfit'), version: z.string() }),
    bank: z.strictObject({
      id: z.string(),
      title: z.string(),
      version: z.string(),
      contentHash: z.string(),
    }),
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
    decidedBy: z.strictObject({
      kind: z.enum(['rule', 'degree', 'undecided']),
      ruleId: z.nullable(z.string()),
      reason: z.string(),
    }),
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
    rulesFired: z.array(
      z.strictObject({ id: z.string(), recommendation: Verdict, reason: z.string() }),
    ),
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

const reportSchemas = once(buildReportSchemas);

/** The report schema, built on first use (only records and tests need it at run time). */
export const reportSchema = (): ReturnType<typeof buildReportSchemas>['current'] =>
  reportSchemas().current;

export type Report = z.infer<ReturnType<typeof buildReportSchemas>['current']>;

/** The report schema of records written before the open call and the fit's counts were named (schemaVersion 3). */
export const reportSchemaV3 = (): ReturnType<typeof buildReportSchemas>['v3'] => reportSchemas().v3;

export type ReportV3 = z.infer<ReturnType<typeof buildReportSchemas>['v3']>;

/** The report schema of records written before counterfactuals named a multiple choice's one option (schemaVersion 2). */
export const reportSchemaV2 = (): ReturnType<typeof buildReportSchemas>['v2'] => reportSchemas().v2;

export type ReportV2 = z.infer<ReturnType<typeof buildReportSchemas>['v2']>;

/** The report schema of records written before the fit axis (schemaVersion 1). */
export const reportSchemaV1 = once(buildReportSchemaV1);

export type ReportV1 = z.infer<ReturnType<typeof buildReportSchemaV1>>;

/**
 * A schemaVersion 1 report in today's shape: the degree, the recommendation and
 * the evidence as they were; `null` for what it never measured (fit, clarity,
 * each flag's points). Nothing is recomputed: `rescore` does that, with a bank.
 */
export function upgradeReport(old: ReportV1): Report {
  const { counterfactuals, flags, ...rest } = old;
  return {
    ...rest,
    schemaVersion: reportSchemaVersion,
    fit: null,
    completeness: old.coverage.asked === 0 ? 0 : round2(old.coverage.answered / old.coverage.asked),
    clarity: null,
    // The answers that raised each flag, as the old report quoted them.
    fitEvidence: flags.flatMap((f) =>
      f.raisedBy.map((questionId) => {
        const answer = old.answers.find((a) => a.questionId === questionId);
        return {
          flagId: f.id,
          kind: f.kind,
          points: null,
          questionId,
          prompt: answer?.prompt ?? questionId,
          label: answer?.label ?? '',
          ...(answer?.note === undefined ? {} : { note: answer.note }),
        };
      }),
    ),
    flags: flags.map((f) => ({ ...f, points: null })),
    counterfactuals: counterfactuals.map((c) => ({
      ...c,
      change: 'answer' as const,
      fit: null,
      flagsGone: [],
      flagsNew: [],
    })),
    counterfactualsComplete: true,
  };
}

/** A schemaVersion 2 report in today's shape: each counterfactual is a whole answer (`change: "answer"`), as it was. */
export function upgradeReportV2(old: ReportV2): Report {
  return {
    ...old,
    schemaVersion: reportSchemaVersion,
    counterfactuals: old.counterfactuals.map((c) => ({ ...c, change: 'answer' as const })),
  };
}

/** A schemaVersion 3 report in today's shape: nothing it holds changed meaning, only what it may hold grew. */
export function upgradeReportV3(old: ReportV3): Report {
  return { ...old, schemaVersion: reportSchemaVersion };
}

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

/** The label of the option (or band) that raised a flag: for a multiple choice, only the options that raise it. */
function raisingLabel(question: Question, value: AnswerValue, flagId: string): string {
  if (question.type !== 'multiple') return answerLabel(question, value);
  const labels = effectsOf(question, value)
    .filter((e) => e.flags.includes(flagId))
    .map((e) => ('value' in e ? e.label : ''));
  return labels.length === 0 ? answerLabel(question, value) : labels.join('; ');
}

/** How clear the degree is, in words (README, "Confidence"). */
export function clarityWords(clarity: number | null): string {
  if (clarity === null) return 'not measured';
  if (clarity >= 0.75) return 'clear';
  if (clarity >= 0.4) return 'leaning';
  if (clarity > 0) return 'unclear';
  return 'undecided';
}

/** How complete the evidence is, in words (README, "Confidence"). */
export function completenessWords(completeness: number): string {
  if (completeness >= 0.9) return 'complete';
  if (completeness >= 0.6) return 'mostly complete';
  if (completeness >= 0.3) return 'partial';
  return 'thin';
}

/** "5 red flags, 1 green" */
export function fitTally(red: number, green: number): string {
  return `${red} red flag${red === 1 ? '' : 's'}, ${green} green`;
}

function undecidedReason(bank: Bank, assessment: Assessment): string {
  const top = assessment.scores[0];
  if (assessment.undecidedReason === 'tie') {
    const tied = assessment.scores.filter((s) => s.score === top?.score).map((s) => s.degree);
    return `The degree evidence is split: ${tied.join(' and ')} have ${plural(top?.score ?? 0, 'point')} each`;
  }
  const could =
    assessment.open?.couldDecline === true
      ? ', and an answer still to come could decline them'
      : '';
  return `Too little degree evidence: the strongest degree has ${top?.score ?? 0} of the ${bank.minimumEvidence} points needed${could}`;
}

/** Why an undecided degree still gives a call: every degree the open questions could reach is workable. */
function openReason(bank: Bank, cautious: string): string {
  const name = bank.degrees.find((d) => d.id === cautious)?.name ?? cautious;
  return `The degree is still open, and every answer still to come leads to a workable call: this is the most cautious of them (${name}).`;
}

/** The fit questions reached and not yet answered: what to ask before the fit can be called. */
function fitQuestionsToAsk(assessment: Assessment): string[] {
  return assessment.steps
    .filter(
      ({ question, answer }) =>
        question.evidence === 'fit' && (answer === undefined || isUnknown(answer.value)),
    )
    .filter(({ question }) => choicesAndBands(question).some((e) => e.flags.length > 0))
    .map(({ question }) => question.prompt);
}

/** What set the call, and why, in the report's words. */
function decidedByOf(bank: Bank, assessment: Assessment): Report['decidedBy'] {
  const by = assessment.decidedBy;
  const fit = assessment.fit;
  const degree = bank.degrees.find((d) => d.id === assessment.degree);
  if (by.kind === 'rule') return { kind: 'rule', ruleId: by.rule.id, reason: by.rule.reason };
  if (by.kind === 'open')
    return { kind: 'open', ruleId: null, reason: openReason(bank, by.degree) };
  if (by.kind === 'fit')
    return {
      kind: 'fit',
      ruleId: null,
      reason:
        fit.level.reason ??
        `${fit.level.name}: ${fitTally(fit.red, fit.green)} (fit score ${fit.score})`,
    };
  if (degree !== undefined)
    return { kind: 'degree', ruleId: null, reason: `The default for ${degree.name}.` };
  return { kind: 'undecided', ruleId: null, reason: undecidedReason(bank, assessment) };
}

/** The fit in the report: its level, score, counts, and (when unknown) the fit questions to ask. */
function fitOfReport(assessment: Assessment): NonNullable<Report['fit']> {
  const fit = assessment.fit;
  return {
    level: fit.level.id,
    name: fit.level.name,
    score: fit.score,
    red: fit.red,
    green: fit.green,
    recommendation: fit.level.recommendation ?? null,
    answered: fit.answered,
    required: fit.required,
    toAsk: fit.level.id === unknownFitLevel ? fitQuestionsToAsk(assessment) : [],
  };
}

/** Turns an assessment into the report object: plain data, ready for JSON and the renderers. */
export function buildReport(
  bank: Bank,
  answers: Answers,
  assessment: Assessment,
  counterfactuals: CounterfactualSearch,
  meta: ReportMeta,
): Report {
  const degree = bank.degrees.find((d) => d.id === assessment.degree);
  const decidedBy = decidedByOf(bank, assessment);
  const labelOf = new Map(assessment.steps.map((s) => [s.question.id, s]));
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
    fit: fitOfReport(assessment),
    confidence: assessment.confidence,
    completeness: assessment.completeness,
    clarity: assessment.clarity,
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
    fitEvidence: assessment.flags.flatMap(({ flag, raisedBy, points }) =>
      raisedBy.map((questionId) => {
        const step = labelOf.get(questionId);
        const value = step?.answer?.value ?? 'unknown';
        const note = step?.answer?.note;
        return {
          flagId: flag.id,
          kind: flag.kind,
          points,
          questionId,
          prompt: step?.question.prompt ?? questionId,
          label: step === undefined ? String(value) : raisingLabel(step.question, value, flag.id),
          ...(note === undefined ? {} : { note }),
        };
      }),
    ),
    flags: assessment.flags.map(({ flag, raisedBy, points }) => ({
      id: flag.id,
      kind: flag.kind,
      label: flag.label,
      severity: flag.severity,
      explanation: flag.explanation,
      points,
      raisedBy: [...raisedBy],
    })),
    rulesFired: assessment.rulesFired.map((r) => ({
      id: r.id,
      recommendation: r.recommendation,
      reason: r.reason,
    })),
    counterfactuals: counterfactuals.items.map(({ option, ...c }) => ({
      ...c,
      // A pick or a drop names its one option; the answer it starts from is the question's entry in `answers`.
      from: option === undefined ? plain(c.from) : null,
      to: option ?? plain(c.to),
      flagsGone: [...c.flagsGone],
      flagsNew: [...c.flagsNew],
    })),
    counterfactualsComplete: counterfactuals.complete,
    advice: {
      talkingPoints: [...assessment.advice.talkingPoints],
      conditions: [...assessment.advice.conditions],
    },
  };
}
