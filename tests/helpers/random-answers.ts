import type { Bank, Question } from '../../src/core/bank/bank';
import type { Answer } from '../../src/core/judgement/answers';
import { walkFlow } from '../../src/core/judgement/flow';

/** A valid answer for a question, drawn from a random source of numbers in [0, 1). */
export function pick(question: Question, r: () => number, note: string | undefined): Answer {
  const roll = r();
  const withNote = (value: Answer['value']): Answer =>
    note === undefined ? { value } : { value, note };
  if (roll < 0.15) return withNote('unknown');
  switch (question.type) {
    case 'single':
    case 'yes-no':
      return withNote(
        question.choices[Math.floor(r() * question.choices.length)]?.value ?? 'unknown',
      );
    case 'multiple':
      return withNote(question.choices.filter(() => r() < 0.5).map((c) => c.value));
    case 'scale': {
      const min = question.scale?.min ?? 0;
      const max = question.scale?.max ?? 0;
      return withNote(min + Math.floor(r() * (max - min + 1)));
    }
    case 'text':
      return withNote(`text ${Math.floor(r() * 1000)}`);
  }
}

/** Answers a random interview: walks the flow, answering (or skipping) each question it reaches. */
export function randomAnswers(
  b: Bank,
  seed: readonly number[],
  notes: readonly string[],
): Map<string, Answer> {
  let i = 0;
  const r = (): number => seed[i++ % seed.length] ?? 0;
  const answers = new Map<string, Answer>();
  for (;;) {
    const next = walkFlow(b, answers).next;
    if (next === undefined) break;
    if (r() < 0.1 && !next.required) {
      answers.set(next.id, { value: 'unknown' });
      continue;
    }
    answers.set(
      next.id,
      pick(next, r, r() < 0.3 ? notes[i % Math.max(1, notes.length)] : undefined),
    );
  }
  return answers;
}
