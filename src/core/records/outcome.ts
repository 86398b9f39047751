import * as z from 'zod/mini';
import { once } from '../once';
import { suggestion } from '../diagnostics/did-you-mean';

/**
 * What became of an assessed prospect. Two questions in one small
 * vocabulary: did they sign (`not-signed`, or `signed` while it is too early
 * to tell), and when they did, how the engagement went (`went-well`, `mixed`,
 * `went-badly`). Each of the last three implies the prospect signed.
 */
export const outcomeValues = ['not-signed', 'signed', 'went-well', 'mixed', 'went-badly'] as const;
export type OutcomeValue = (typeof outcomeValues)[number];

/** One line per outcome, for help and errors. */
export const outcomeMeanings: Readonly<Record<OutcomeValue, string>> = {
  'not-signed': 'they did not become a client (whoever decided it)',
  signed: 'they signed; too early to say how it is going',
  'went-well': 'they signed, and the engagement went well',
  mixed: 'they signed; some of it went well, some of it did not',
  'went-badly': 'they signed, and the engagement went badly',
};

/** Outcomes that say how a signed engagement went: the ones calibrate counts in its rates. */
export const settledOutcomes: readonly OutcomeValue[] = ['went-well', 'mixed', 'went-badly'];

/** The version of the outcome file below. */
export const outcomeSchemaVersion = 1;

/**
 * One change of a record's outcome, as one file of its own
 * (`outcomes/<record id>.<change id>.json`). A correction is another change:
 * nothing is ever rewritten, so the previous value is never lost, and two
 * teammates recording at once each write their own file.
 */
function buildOutcomeSchema() {
  return z.strictObject({
    kind: z.literal('clientfit-outcome'),
    schemaVersion: z.literal(outcomeSchemaVersion),
    id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/)),
    recordId: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/)),
    value: z.enum(outcomeValues),
    /** The day it happened (YYYY-MM-DD), as the person recording it said. */
    date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
    /** When it was recorded (ISO 8601, UTC): the latest recorded change is the record's outcome. */
    recordedAt: z.string(),
    recordedBy: z.nullable(z.string().check(z.maxLength(200))),
    note: z.optional(z.string().check(z.maxLength(maxNoteLength))),
  });
}

/** The outcome file's schema, built on first use. */
export const outcomeSchema = once(buildOutcomeSchema);

export type OutcomeChange = z.infer<ReturnType<typeof buildOutcomeSchema>>;

/** A parsed outcome file, or why it is not one this build can use. */
export function checkOutcome(
  data: unknown,
): { readonly change: OutcomeChange } | { readonly problem: string } {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return { problem: 'not a clientfit outcome (not a JSON object)' };
  const { kind, schemaVersion } = data as { kind?: unknown; schemaVersion?: unknown };
  if (kind !== 'clientfit-outcome')
    return { problem: 'not a clientfit outcome (no "kind": "clientfit-outcome")' };
  if (typeof schemaVersion === 'number' && schemaVersion > outcomeSchemaVersion)
    return {
      problem: `written by a newer clientfit (outcome schema ${schemaVersion}; this one reads ${outcomeSchemaVersion})`,
    };
  const checked = outcomeSchema().safeParse(data);
  if (!checked.success) {
    const first = checked.error.issues[0];
    return {
      problem: `damaged: ${first === undefined ? 'invalid' : `${first.path.map(String).join('.') || 'outcome'} is not valid`}`,
    };
  }
  return { change: checked.data };
}

/**
 * Orders changes as they were recorded: time, then id (two at the same millisecond still have one
 * order everywhere).
 */
export function compareChanges(a: OutcomeChange, b: OutcomeChange): number {
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A record's changes, oldest first, each once (a store merged from two copies may hold the same
 * change twice).
 */
export function outcomeTimeline(changes: Iterable<OutcomeChange>): OutcomeChange[] {
  const byId = new Map<string, OutcomeChange>();
  for (const c of changes) byId.set(c.id, c);
  return [...byId.values()].sort(compareChanges);
}

/** The outcome value a user typed, or the message and hint that explain it. */
export function parseOutcomeValue(
  text: string,
): { readonly value: OutcomeValue } | { readonly problem: string; readonly hint: string } {
  const wanted = text.trim().toLowerCase();
  const found = outcomeValues.find((v) => v === wanted);
  if (found !== undefined) return { value: found };
  const close = suggestion(wanted, outcomeValues);
  return {
    problem: `"${text}" is not an outcome`,
    hint:
      close === undefined
        ? `an outcome is one of: ${outcomeValues.join(', ')}`
        : `${close} (the outcomes: ${outcomeValues.join(', ')})`,
  };
}

/**
 * The day an outcome happened: YYYY-MM-DD, a real calendar day, not after
 * `today` (a UTC day, YYYY-MM-DD). Returns the day, or why it cannot be used.
 */
export function parseOutcomeDate(
  text: string,
  today: string,
): { readonly date: string } | { readonly problem: string } {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(trimmed))
    return { problem: `"${text}" is not a date like 2026-05-31` };
  const parsed = new Date(`${trimmed}T00:00:00.000Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== trimmed)
    return { problem: `"${text}" is not a day of the calendar` };
  if (trimmed > today) return { problem: `${trimmed} is in the future (today is ${today})` };
  return { date: trimmed };
}

/**
 * An outcome change's file-safe id: the recording time (so names sort by it) and random hex digits.
 */
export function outcomeChangeId(at: Date, random: string): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d+)Z$/, '$1Z');
  return `${stamp}-${random}`;
}

/** The longest note an outcome keeps. */
export const maxNoteLength = 5000;

/** A day in UTC, as YYYY-MM-DD (today's is the latest an outcome may carry). */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * Why an outcome dated `date` cannot belong to an assessment made at `assessedAt`, or undefined.
 */
export function dateBeforeAssessment(date: string, assessedAt: string): string | undefined {
  const assessed = assessedAt.slice(0, 10);
  return date < assessed ? `${date} is before the assessment itself (${assessed})` : undefined;
}

/**
 * A new outcome change for a record, recorded at `now`; `random` (hex digits) keeps two changes of
 * the same millisecond apart.
 */
export function newOutcomeChange(
  recordId: string,
  value: OutcomeValue,
  date: string,
  now: Date,
  recordedBy: string | null,
  note: string | undefined,
  random: string,
): OutcomeChange {
  return {
    kind: 'clientfit-outcome',
    schemaVersion: outcomeSchemaVersion,
    id: outcomeChangeId(now, random),
    recordId,
    value,
    date,
    recordedAt: now.toISOString(),
    recordedBy,
    ...(note === undefined ? {} : { note }),
  };
}
