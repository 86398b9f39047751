import * as z from 'zod/mini';
import type { Answer } from './engine/answers';
import type { Report } from './report/report';
import { reportSchema } from './report/report';
import { once } from './once';

/** The record format version this build writes and reads. */
export const recordSchemaVersion = 1;

/**
 * One saved assessment: the report exactly as `run` produced it (so `show`
 * re-renders it byte for byte), plus the raw answers and where the bank was,
 * so `rescore` can score it again with another bank.
 */
function buildRecordSchema() {
  return z.strictObject({
    schemaVersion: z.literal(recordSchemaVersion),
    kind: z.literal('clientfit-record'),
    id: z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/)),
    savedAt: z.string(),
    bankPath: z.nullable(z.string()),
    answers: z.record(z.string(), z.strictObject({ value: z.union([z.string(), z.number(), z.array(z.string())]), note: z.optional(z.string()) })),
    report: reportSchema(),
  });
}

/** The record schema, built on first use. */
export const recordSchema = once(buildRecordSchema);

export type AssessmentRecord = z.infer<ReturnType<typeof buildRecordSchema>>;

/** Builds the record of a report and its answers. */
export function buildRecord(id: string, savedAt: Date, bankPath: string | null, answers: ReadonlyMap<string, Answer>, report: Report): AssessmentRecord {
  const stored: AssessmentRecord['answers'] = {};
  for (const [questionId, a] of answers) {
    const value = typeof a.value === 'string' || typeof a.value === 'number' ? a.value : [...a.value];
    Object.defineProperty(stored, questionId, {
      value: a.note === undefined ? { value } : { value, note: a.note },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { schemaVersion: recordSchemaVersion, kind: 'clientfit-record', id, savedAt: savedAt.toISOString(), bankPath, answers: stored, report };
}

/** Why a file in the store is not a record this build can use. */
export function recordProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return 'not a clientfit record (not a JSON object)';
  const { kind, schemaVersion } = data as { kind?: unknown; schemaVersion?: unknown };
  if (kind !== 'clientfit-record') return 'not a clientfit record (no "kind": "clientfit-record")';
  if (typeof schemaVersion === 'number' && schemaVersion > recordSchemaVersion)
    return `written by a newer clientfit (record schema ${schemaVersion}; this one reads ${recordSchemaVersion})`;
  if (schemaVersion !== recordSchemaVersion) return 'unknown record schema version';
  const checked = recordSchema().safeParse(data);
  if (!checked.success) {
    const first = checked.error.issues[0];
    return `damaged: ${first === undefined ? 'invalid' : `${first.path.map(String).join('.') || 'record'} is not valid`}`;
  }
  return undefined;
}
