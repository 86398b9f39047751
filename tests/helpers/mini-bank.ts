import { loadBank, type LoadedBank } from '../../src/io/load-bank';
import { writeTree } from './temp';

/** A small, valid bank manifest: two degrees, two flags, one rule. */
export const miniManifest = `clientfit: 1
id: mini
title: Mini bank
version: 0.1.0
description: A bank small enough to read in one go.
degrees:
  - id: open
    name: Open
    summary: Follows the evidence.
    meaning: Good to work with.
    recommendation: take
    advice: { talkingPoints: [Ask about research.], conditions: [Paid discovery.] }
  - id: fixed
    name: Fixed
    summary: Wants exactly what they asked for.
    meaning: Workable if they own it.
    recommendation: take-with-conditions
    advice: { talkingPoints: [Name the risk.], conditions: [They own the result.] }
flags:
  - { id: owns-it, kind: green, label: Owns it, severity: high, explanation: Accepts the result. }
  - { id: blames-us, kind: red, label: Blames us, severity: high, explanation: Would blame us. }
rules:
  - id: no-blame
    when: { flag: blames-us }
    recommendation: decline
    reason: They would blame us.
`;

/** A section that uses everything in the manifest. */
export const miniSection = `title: Questions
questions:
  - id: source
    type: single
    prompt: Where does the idea come from?
    options:
      - { value: research, label: Research, signals: { open: 3 } }
      - { value: competitor, label: A competitor, signals: { fixed: 1 }, opens: [why] }
  - id: why
    type: single
    prompt: Why?
    options:
      - { value: light-bulb, label: Reconsidered, signals: { open: 3 } }
      - { value: insists, label: Insists, signals: { fixed: 3 } }
  - id: owner
    type: yes-no
    prompt: Will they own the result?
    when: { question: source, equals: competitor }
    options:
      - { value: "yes", flags: [owns-it] }
      - { value: "no", flags: [blames-us] }
  - id: knowledge
    type: scale
    prompt: How well do they know their market?
    required: false
    scale: { min: 1, max: 5 }
    bands:
      - { from: 1, to: 2, signals: { fixed: 1 } }
      - { from: 4, to: 5, signals: { open: 1 } }
  - id: notes
    type: text
    required: false
    prompt: Notes
examples:
  - name: research
    answers: { source: research }
    expect: { degree: open, recommendation: take }
  - name: insists and blames
    answers: { source: competitor, why: insists, owner: "no" }
    expect: { degree: fixed, recommendation: decline }
`;

/** Writes a bank folder (bank.yaml + 10-questions.yaml, with overrides) and loads it. */
export function loadMini(
  overrides: { manifest?: string; section?: string; extra?: Record<string, string> } = {},
): LoadedBank & { dir: string } {
  const dir = writeTree({
    'bank.yaml': overrides.manifest ?? miniManifest,
    '10-questions.yaml': overrides.section ?? miniSection,
    ...overrides.extra,
  });
  return { ...loadBank(dir, dir), dir };
}

/**
 * A bank.yaml of two degrees (a takes; b takes or declines) and one single
 * question `id` whose options `values` ("Ex" and "Why") pull to a and b.
 */
export function oneQuestionBank(
  id: string,
  values: readonly [string, string],
  second: 'take' | 'decline',
): string {
  return [
    'clientfit: 1',
    'id: tiny',
    'title: Tiny',
    'version: "1"',
    'description: One question.',
    'degrees:',
    '  - { id: a, name: A, summary: s, meaning: m, recommendation: take, advice: { talkingPoints: [], conditions: [] } }',
    `  - { id: b, name: B, summary: s, meaning: m, recommendation: ${second}, advice: { talkingPoints: [], conditions: [] } }`,
    'questions:',
    `  - { id: ${id}, type: single, prompt: Pick one, options: [{ value: ${values[0]}, label: Ex, signals: { a: 3 } }, { value: ${values[1]}, label: Why, signals: { b: 3 } }] }`,
    '',
  ].join('\n');
}
