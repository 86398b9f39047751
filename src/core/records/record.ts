import * as z from 'zod/mini';
import type { Answer } from '../judgement/answers';
import type { Report } from '../report/report-schema';
import { reportSchema } from '../report/report-schema';
import { once } from '../once';
import { recordSchemaVersion, upgradeRecord } from './record-upgrade';

/**
 * One saved assessment: the report exactly as `run` produced it (so `show`
 * re-renders it byte for byte), plus the raw answers and where the bank was,
 * so `rescore` can score it again with another bank. Records of older
 * versions are upgraded to this shape before the check (`upgradeRecord`).
 */
function buildRecordSchema() {
  const recordId = z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/));
  return z.strictObject({
    kind: z.literal('clientfit-record'),
    id: recordId,
    savedAt: z.string(),
    bankPath: z.nullable(z.string()),
    answers: z.record(
      z.string(),
      z.strictObject({
        value: z.union([z.string(), z.number(), z.array(z.string())]),
        note: z.optional(z.string()),
      }),
    ),
    schemaVersion: z.literal(recordSchemaVersion),
    /**
     * Who assessed the prospect (config `by`, git's user.name, or the login name); null when nobody
     * could be told.
     */
    assessedBy: z.nullable(z.string().check(z.maxLength(200))),
    /**
     * The record this one corrects (`run --edit`): it replaces that one in history and calibrate.
     */
    corrects: z.nullable(recordId),
    report: reportSchema(),
  });
}

/** The record schema, built on first use. */
export const recordSchema = once(buildRecordSchema);

export type AssessmentRecord = z.infer<ReturnType<typeof buildRecordSchema>>;

/** Builds the record of a report and its answers. */
export function buildRecord(
  id: string,
  savedAt: Date,
  bankPath: string | null,
  answers: ReadonlyMap<string, Answer>,
  report: Report,
  assessedBy: string | null = null,
  corrects: string | null = null,
): AssessmentRecord {
  const stored: AssessmentRecord['answers'] = {};
  for (const [questionId, a] of answers) {
    const value =
      typeof a.value === 'string' || typeof a.value === 'number' ? a.value : [...a.value];
    Object.defineProperty(stored, questionId, {
      value: a.note === undefined ? { value } : { value, note: a.note },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return {
    schemaVersion: recordSchemaVersion,
    kind: 'clientfit-record',
    id,
    savedAt: savedAt.toISOString(),
    bankPath,
    assessedBy,
    corrects,
    answers: stored,
    report,
  };
}

/**
 * Checks a parsed store file: the record (one of an older version comes back
 * upgraded to today's, see `upgradeRecord`), or why it is not one this build can use.
 */
export function checkRecord(
  data: unknown,
): { readonly record: AssessmentRecord } | { readonly problem: string } {
  const problem = kindProblem(data);
  if (problem !== undefined) return { problem };
  const record = upgradeRecord(data);
  const found = damage(recordSchema().safeParse(record));
  return found === undefined ? { record: record as AssessmentRecord } : { problem: found };
}

/**
 * Why a file is not a clientfit record of a version this build reads (its kind and schema version
 * only).
 */
function kindProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return 'not a clientfit record (not a JSON object)';
  const { kind, schemaVersion } = data as { kind?: unknown; schemaVersion?: unknown };
  if (kind !== 'clientfit-record') return 'not a clientfit record (no "kind": "clientfit-record")';
  if (typeof schemaVersion === 'number' && schemaVersion > recordSchemaVersion)
    return (
      `written by a newer clientfit (record schema ${schemaVersion}; ` +
      `this one reads 1 to ${recordSchemaVersion})`
    );
  if (![1, 2, 3, 4, recordSchemaVersion].includes(schemaVersion as number))
    return 'unknown record schema version';
  return undefined;
}

/** The first place a check found wrong, as a store warning names it. */
function damage(checked: {
  readonly success: boolean;
  readonly error?: z.core.$ZodError | undefined;
}): string | undefined {
  if (checked.success) return undefined;
  const first = checked.error?.issues[0];
  if (first === undefined) return 'damaged: invalid';
  return `damaged: ${first.path.map(String).join('.') || 'record'} is not valid`;
}

type RecordField = Exclude<keyof AssessmentRecord, 'report'>;
type ReportField = keyof AssessmentRecord['report'];

/**
 * The part of a record a command reads: the record's id, some of its other
 * fields and some of its report's.
 */
export type RecordPart<K extends RecordField, R extends ReportField> = Pick<
  AssessmentRecord,
  'id' | K
> & {
  readonly report: Pick<AssessmentRecord['report'], R>;
};

/**
 * Checks a parsed store file: the record (or the part of it a command reads), or why it is not one
 * this build can use.
 */
export type RecordCheck<T> = (
  data: unknown,
) => { readonly record: T } | { readonly problem: string };

/**
 * A check of only the fields of a record a command reads, each with the
 * record schema's own schema for it — so a listing of thousands of records
 * does not check, for each, the reasoning only `show` prints. A record of an
 * older version is checked whole and upgraded, as by `checkRecord`. Whatever
 * is read is checked: a file damaged there is named and skipped like one
 * that is not JSON; damage elsewhere is left to the commands that read it.
 */
export function recordPart<const K extends RecordField, const R extends ReportField>(
  fields: readonly K[],
  reportFields: readonly R[],
): RecordCheck<RecordPart<K, R>> {
  const schema = once(() => {
    const { shape } = recordSchema();
    const pick = <S extends object>(from: S, keys: readonly (keyof S)[]): Partial<S> =>
      Object.fromEntries(keys.map((k) => [k, from[k]])) as Partial<S>;
    return z.looseObject({
      ...pick(shape, ['id', ...fields]),
      report: z.looseObject(pick(shape.report.shape, reportFields)),
    });
  });
  return (data) => {
    const problem = kindProblem(data);
    if (problem !== undefined) return { problem };
    if ((data as { schemaVersion: unknown }).schemaVersion !== recordSchemaVersion)
      return checkRecord(data);
    const found = damage(schema().safeParse(data));
    return found === undefined ? { record: data as RecordPart<K, R> } : { problem: found };
  };
}

/** JSON with every object's keys in order, so that equal data gives equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Whether two records hold the same assessment: the same prospect, the same
 * answers and notes, scored by the same bank (id, version and content) with
 * the same clientfit — so the same report, apart from the time. A re-run of
 * an unchanged answers file is one (`run` then saves no second record).
 */
export function sameAssessment(a: AssessmentRecord, b: AssessmentRecord): boolean {
  const key = (r: AssessmentRecord): string =>
    canonical({
      prospect: r.report.prospect,
      bank: [r.report.bank.id, r.report.bank.version, r.report.bank.contentHash],
      tool: r.report.tool.version,
      answers: r.answers,
    });
  return key(a) === key(b);
}
