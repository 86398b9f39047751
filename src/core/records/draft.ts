import * as z from 'zod/mini';
import { once } from '../once';

/**
 * An interview in progress (or finished but not yet kept elsewhere), as saved after every answer.
 */
function buildDraftSchema() {
  return z.strictObject({
    schemaVersion: z.literal(1),
    kind: z.literal('clientfit-draft'),
    bank: z.strictObject({ id: z.string(), path: z.string(), contentHash: z.string() }),
    prospect: z.nullable(z.string().check(z.maxLength(200))),
    startedAt: z.string(),
    updatedAt: z.string(),
    answers: z.record(z.string(), z.unknown()),
    complete: z.boolean(),
    /** The record this interview corrects (`run --edit`): the record it saves names it. */
    corrects: z.optional(z.string().check(z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/))),
  });
}

/** The draft schema, built on first use (only when a draft is read). */
export const draftSchema = once(buildDraftSchema);

export type Draft = z.infer<ReturnType<typeof draftSchema>>;
