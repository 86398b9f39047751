import type { Bank, Band, Choice, Effect, Example, Question } from './bank';

/** A Bank as plain JSON (its Maps as entry lists), for the load cache. */
export type BankJson = ReturnType<typeof bankToJson>;

const effectToJson = (e: Effect) => ({ ...e, signals: [...e.signals] });

export function bankToJson(bank: Bank) {
  return {
    ...bank,
    questions: bank.questions.map((q) => ({ ...q, choices: q.choices.map(effectToJson), bands: q.bands.map(effectToJson) })),
    examples: bank.examples.map((e) => ({ ...e, answers: [...e.answers] })),
  };
}

/** Rebuilds a Bank written by bankToJson. Throws on anything else: the caller then loads the bank afresh. */
export function bankFromJson(data: unknown): Bank {
  const json = data as BankJson;
  if (!Array.isArray(json.questions) || !Array.isArray(json.degrees) || !Array.isArray(json.examples) || typeof json.id !== 'string')
    throw new Error('not a cached bank');
  const effect = <T extends Choice | Band>(e: T & { signals: [string, number][] }): T => ({ ...e, signals: new Map(e.signals) });
  const questions: Question[] = json.questions.map((q) => ({
    ...q,
    choices: (q.choices as unknown as (Choice & { signals: [string, number][] })[]).map(effect),
    bands: (q.bands as unknown as (Band & { signals: [string, number][] })[]).map(effect),
  }));
  const examples: Example[] = json.examples.map((e) => ({ ...e, answers: new Map(e.answers) }));
  return { ...json, questions, examples };
}
