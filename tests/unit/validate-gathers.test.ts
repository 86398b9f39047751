import { describe, expect, it } from 'vitest';
import { loadMini, miniManifest, miniSection } from '../helpers/mini-bank';

/** code, file and line of each diagnostic, in order. */
const found = (diagnostics: readonly { code: string; file: string; line?: number | undefined }[]) =>
  diagnostics.map((d) => `${d.code} ${d.file.replace(/^.*\//, '')}:${String(d.line)}`);

describe('validate gathers format, reference and logic problems in one run', () => {
  it('a typo’d key in one question hides neither a misspelt degree in another nor a rule naming a misspelt flag', () => {
    const loaded = loadMini({
      manifest: miniManifest.replace('when: { flag: blames-us }', 'when: { flag: blame-us }'),
      section: miniSection
        .replace('    prompt: Where does', '    promt: Where does')
        .replace('signals: { fixed: 3 }', 'signals: { fixd: 3 }'),
    });
    expect(loaded.bank).toBeUndefined();
    expect(found(loaded.diagnostics)).toEqual([
      'missing-key 10-questions.yaml:3',
      'unknown-key 10-questions.yaml:5',
      // "why" is questions[0] of what is left, questions[1] in the file: located where it is written.
      'unknown-degree 10-questions.yaml:14',
      'unknown-flag bank.yaml:24',
    ]);
    expect(loaded.diagnostics.find((d) => d.code === 'unknown-degree')?.path).toEqual([
      'questions',
      1,
      'options',
      1,
      'signals',
      'fixd',
    ]);
  });

  it('what failed the format check still exists: references to it are not reported as unknown', () => {
    const loaded = loadMini({
      // The degree "fixed", the flag "owns-it" and the question "why" each have a mistake of their own.
      manifest: miniManifest
        .replace('    name: Fixed\n', '    name: Fixed\n    colour: blue\n')
        .replace('label: Owns it,', 'label: Owns it, severity: huge, ')
        .replace(/severity: high, explanation: Accepts/, 'explanation: Accepts'),
      section: miniSection.replace('    prompt: Why?', '    prompt: Why?\n    required: maybe'),
    });
    const codes = loaded.diagnostics.map((d) => d.code);
    expect(codes).not.toContain('unknown-degree');
    expect(codes).not.toContain('unknown-flag');
    expect(codes).not.toContain('unknown-question');
    expect(
      codes.filter((c) => c === 'unknown-key' || c === 'invalid-value' || c === 'wrong-type')
        .length,
    ).toBe(3);
    // And no warning that only the whole bank could justify.
    expect(loaded.diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
  });

  it('a manifest that is not a map stops at the format (nothing else can be checked against it)', () => {
    const loaded = loadMini({
      manifest: '- just\n- a list\n',
      section: miniSection.replace('signals: { fixed: 3 }', 'signals: { fixd: 3 }'),
    });
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(['wrong-type']);
  });

  it('an example reports an invalid value and an answer its answers never reach, together', () => {
    const loaded = loadMini({
      section: miniSection.replace(
        'answers: { source: research }',
        'answers: { source: research, why: insists, owner: maybe }',
      ),
    });
    const example = loaded.examples.find((e) => e.name === 'research');
    expect(example?.passed).toBe(false);
    expect(example?.diagnostics.map((d) => `${d.code} ${d.path.join('.')}`)).toEqual([
      'invalid-answer examples.0.answers.owner',
      'not-asked examples.0.answers.why',
    ]);
  });
});
