import type { Question } from '../bank/bank';

/** An old value read as the option that replaces it (the bank renamed or split it). */
export interface RenamedAnswer {
  readonly questionId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A raw entry with every old value the bank's options `replaces` swapped for
 * the new one, and the swaps made. Values that are options today are left alone.
 */
export function applyReplaces(
  question: Question,
  raw: unknown,
): { raw: unknown; renamed: RenamedAnswer[] } {
  if (question.choices.every((c) => c.replaces.length === 0)) return { raw, renamed: [] };
  const renamed: RenamedAnswer[] = [];
  const swap = (v: unknown): unknown => {
    if (typeof v !== 'string' || question.choices.some((c) => c.value === v)) return v;
    const by = question.choices.find((c) => c.replaces.includes(v));
    if (by === undefined) return v;
    renamed.push({ questionId: question.id, from: v, to: by.value });
    return by.value;
  };
  const swapValue = (v: unknown): unknown => (Array.isArray(v) ? v.map(swap) : swap(v));
  if (
    raw !== null &&
    typeof raw === 'object' &&
    !Array.isArray(raw) &&
    Object.hasOwn(raw, 'value')
  ) {
    const entry = raw as Record<string, unknown>;
    return { raw: { ...entry, value: swapValue(entry.value) }, renamed };
  }
  return { raw: swapValue(raw), renamed };
}

/** The one-line notice for answers read under a value's new name. */
export function renamedNote(renamed: readonly RenamedAnswer[]): string {
  const each = renamed.map((r) => `${r.questionId}: ${r.from} → ${r.to}`).join(', ');
  return `read under the bank's new names (the old values still work): ${each}`;
}
