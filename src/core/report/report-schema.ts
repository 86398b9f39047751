import * as z from 'zod/mini';
import { recommendations } from '../bank/schema';
import { once } from '../once';
import { outcomeSchema } from '../records/outcome';

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
 * Reports of older versions, read from old records, are upgraded to this shape
 * first (`upgradeRecord`).
 */
function buildReportSchema() {
  const Verdict = verdictSchema();
  const AnswerValue = answerValueSchema();
  const Share = z.number().check(z.minimum(0), z.maximum(1));
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
    fit: fitSchema(),
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
    ...quotedSchemas(),
    rulesFired: z.array(
      z.strictObject({ id: z.string(), recommendation: Verdict, reason: z.string() }),
    ),
  };
  const tail = {
    counterfactualsComplete: z.boolean(),
    advice: z.strictObject({ talkingPoints: z.array(z.string()), conditions: z.array(z.string()) }),
    /**
     * Only in `show` output of a record with an outcome: the latest change, and every change oldest
     * first.
     */
    outcome: z.optional(outcomeSchema()),
    outcomes: z.optional(z.array(outcomeSchema())),
  };
  return z.strictObject({
    schemaVersion: z.literal(reportSchemaVersion),
    ...shape,
    counterfactuals: counterfactualsSchema(),
    ...tail,
  });
}

/** An answer as the report quotes it: one value, a number, or the values of a multiple choice. */
function answerValueSchema() {
  return z.union([z.string(), z.number(), z.array(z.string())]);
}

/** A call: one of the bank's recommendations, or undecided. */
function verdictSchema() {
  return z.enum([...recommendations, 'undecided']);
}

/** The fit of a report: its level, counts and call; null for a bank without a fit axis. */
function fitSchema() {
  const Recommendation = z.enum(recommendations);
  return z.nullable(
    z.strictObject({
      level: z.string(),
      name: z.string(),
      score: z.number(),
      red: z.int(),
      green: z.int(),
      recommendation: z.nullable(Recommendation),
      /**
       * Fit questions answered, and how many the bank asks for before it gives its best level
       * (absent in older reports).
       */
      answered: z.optional(z.int()),
      required: z.optional(z.int()),
      /** While the fit is "unknown": the prompts of the fit questions still to ask. */
      toAsk: z.optional(z.array(z.string())),
    }),
  );
}

/** What the report quotes: the answers behind the degree, behind each flag, and the flags. */
function quotedSchemas() {
  const AnswerValue = answerValueSchema();
  return {
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
  };
}

/** What would change the call, one entry per answer (or option) that would. */
function counterfactualsSchema() {
  const AnswerValue = answerValueSchema();
  const Verdict = verdictSchema();
  const outcome = {
    degree: z.string(),
    fit: z.nullable(z.string()),
    recommendation: Verdict,
    flagsGone: z.array(z.string()),
    flagsNew: z.array(z.string()),
  };
  // A multiple choice's counterfactual names the one option it picks or drops
  // (`to`), not the whole answer before and after: a question of n options,
  // all picked, would otherwise repeat n values in each of up to 300 entries.
  return z.array(
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
}

/** The report schema, built on first use (only records and tests need it at run time). */
export const reportSchema = once(buildReportSchema);

export type Report = z.infer<ReturnType<typeof buildReportSchema>>;
