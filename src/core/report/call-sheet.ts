import * as z from 'zod/mini';
import type { Bank, Effect, Question } from '../bank/bank';
import { followUpIds } from '../bank/follow-up-ids';
import { evidenceKinds, questionTypes, severities } from '../bank/schema';
import { describeCondition } from '../bank/describe-condition';
import { once } from '../once';

/** The version of the call sheet object below; raised on any incompatible change. */
export const callSheetSchemaVersion = 1;

/**
 * The call sheet as `questions --format json` prints it: the bank's questions
 * in the order the interviewer meets them, each follow-up nested under the
 * first answer that opens it. Weights (`signals`, `flags`, the flag list) are
 * present only when asked for. Published as questions/schema/call-sheet.schema.json.
 */
function buildCallSheetSchema() {
  const Weights = {
    /** With --weights only: the weight toward each degree (non-zero ones). */
    signals: z.optional(z.record(z.string(), z.number())),
    /** With --weights only: the ids of the flags the answer raises. */
    flags: z.optional(z.array(z.string())),
  };
  const Question = z.strictObject({
    number: z.int().check(z.positive()),
    id: z.string(),
    prompt: z.string(),
    type: z.enum(questionTypes),
    required: z.boolean(),
    evidence: z.enum(evidenceKinds),
    listenFor: z.nullable(z.string()),
    askedWhen: z.nullable(z.string()),
    scale: z.nullable(
      z.strictObject({
        min: z.int(),
        max: z.int(),
        minLabel: z.nullable(z.string()),
        maxLabel: z.nullable(z.string()),
      }),
    ),
    get options() {
      return z.array(
        z.strictObject({
          value: z.string(),
          label: z.string(),
          opens: z.array(z.string()),
          followUps: z.array(Question),
          ...Weights,
        }),
      );
    },
    get bands() {
      return z.array(
        z.strictObject({
          from: z.int(),
          to: z.int(),
          label: z.nullable(z.string()),
          opens: z.array(z.string()),
          followUps: z.array(Question),
          ...Weights,
        }),
      );
    },
  });
  return z.strictObject({
    schemaVersion: z.literal(callSheetSchemaVersion),
    kind: z.literal('clientfit-call-sheet'),
    tool: z.strictObject({ name: z.literal('clientfit'), version: z.string() }),
    bank: z.strictObject({
      id: z.string(),
      title: z.string(),
      version: z.string(),
      description: z.string(),
    }),
    weights: z.boolean(),
    sections: z.array(z.strictObject({ title: z.string(), questions: z.array(Question) })),
    /** With --weights only: every flag, with the points it counts toward the fit score. */
    flags: z.optional(
      z.array(
        z.strictObject({
          id: z.string(),
          kind: z.enum(['red', 'green']),
          label: z.string(),
          severity: z.enum(severities),
          points: z.number(),
        }),
      ),
    ),
  });
}

/** The call sheet schema, built on first use (tests and `npm run schema` need it). */
export const callSheetSchema = once(buildCallSheetSchema);

export type CallSheet = z.infer<ReturnType<typeof buildCallSheetSchema>>;
export type CallSheetQuestion = CallSheet['sections'][number]['questions'][number];

/** What the call sheet shows besides the bank. */
export interface CallSheetOptions {
  readonly toolVersion: string;
  /** Show the weights toward the degrees and the flags each answer raises. */
  readonly weights: boolean;
}

/** What the call sheet says of a question itself, before its options and bands. */
function questionHead(q: Question, number: number) {
  return {
    number,
    id: q.id,
    prompt: q.prompt,
    type: q.type,
    required: q.required,
    evidence: q.evidence,
    listenFor: q.help ?? null,
    askedWhen: q.when === undefined ? null : describeCondition(q.when),
    scale:
      q.scale === undefined
        ? null
        : {
            min: q.scale.min,
            max: q.scale.max,
            minLabel: q.scale.minLabel ?? null,
            maxLabel: q.scale.maxLabel ?? null,
          },
  };
}

/**
 * The bank as a call sheet: sections, questions in order, each follow-up
 * under the first answer that opens it (a question opened again elsewhere is
 * named in that answer's `opens`, not repeated), numbered in reading order.
 */
export function callSheet(bank: Bank, options: CallSheetOptions): CallSheet {
  const followUps = followUpIds(bank);
  const byId = new Map(bank.questions.map((q) => [q.id, q]));
  const placed = new Set<string>();
  let number = 0;

  const weights = (effect: Effect): { signals?: Record<string, number>; flags?: string[] } =>
    options.weights
      ? {
          signals: Object.fromEntries([...effect.signals].filter(([, w]) => w !== 0)),
          flags: [...effect.flags],
        }
      : {};
  const opened = (effect: Effect): CallSheetQuestion[] =>
    effect.opens.flatMap((id) => {
      const next = byId.get(id);
      return next === undefined || placed.has(id) ? [] : [place(next)];
    });
  const place = (q: Question): CallSheetQuestion => {
    placed.add(q.id);
    number++;
    const head = questionHead(q, number);
    // Numbered before its follow-ups, which come after it in reading order.
    const options = q.choices.map((c) => ({
      value: c.value,
      label: c.label,
      opens: [...c.opens],
      followUps: opened(c),
      ...weights(c),
    }));
    const bands = q.bands.map((b) => ({
      from: b.from,
      to: b.to,
      label: b.label ?? null,
      opens: [...b.opens],
      followUps: opened(b),
      ...weights(b),
    }));
    return { ...head, options, bands };
  };

  const sections: CallSheet['sections'] = [];
  const add = (q: Question): void => {
    let section = sections.at(-1);
    if (section?.title !== q.section) {
      section = { title: q.section, questions: [] };
      sections.push(section);
    }
    section.questions.push(place(q));
  };
  for (const q of bank.questions) if (!followUps.has(q.id) && !placed.has(q.id)) add(q);
  // Follow-ups that only other follow-ups never reached open (validate warns of those) still belong
  // on the sheet.
  for (const q of bank.questions) if (!placed.has(q.id)) add(q);
  return {
    schemaVersion: callSheetSchemaVersion,
    kind: 'clientfit-call-sheet',
    tool: { name: 'clientfit', version: options.toolVersion },
    bank: { id: bank.id, title: bank.title, version: bank.version, description: bank.description },
    weights: options.weights,
    sections,
    ...(options.weights
      ? {
          flags: bank.flags.map((f) => ({
            id: f.id,
            kind: f.kind,
            label: f.label,
            severity: f.severity,
            points: f.kind === 'red' ? bank.fit.points[f.severity] : 0,
          })),
        }
      : {}),
  };
}
